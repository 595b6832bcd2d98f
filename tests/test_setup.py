"""The set-up a newcomer meets: the README's two commands, what CI runs, what `make run` does,
and how the set-up finds Python >= 3.12 (or says what to install)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

FIND_PYTHON = ROOT / "tools" / "find-python.sh"
NO_PYTHON = (
    "error: this project needs Python 3.12 or newer (python3.13 or python3.12).\n"
    "Install one (e.g. 'apt-get install python3.12' or 'pyenv install 3.12') or set PYTHON=/path/to/python3.12.\n"
)
MAKE = shutil.which("make")
needs_make = pytest.mark.skipif(MAKE is None, reason="make is not installed")


def commands(block: str) -> list[str]:
    """The shell commands of a code block, comments and blank lines left out."""
    lines = (line.split("#", 1)[0].strip() for line in block.splitlines())
    return [line for line in lines if line]


def test_the_readme_starts_with_make_run_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```[a-z]*\n(.*?)```", readme, re.DOTALL)
    assert first_block is not None, "the README has no code block"
    assert commands(first_block.group(1))[:2] == ["make run", "make test"]


def test_ci_runs_make_test():
    script = ROOT / ".ci" / "run"
    assert os.access(script, os.X_OK)
    assert commands(script.read_text(encoding="utf-8"))[-1] == "make test"


@needs_make
def test_make_run_ingests_when_the_store_is_empty_then_serves_on_host_and_port():
    shown = subprocess.run(
        [MAKE, "-n", "run", "HOST=10.1.2.3", "PORT=18123"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    ingest = next(i for i, line in enumerate(shown) if "/bin/ingest " in line)
    serve = next(i for i, line in enumerate(shown) if "uvicorn " in line)
    assert shown[ingest].endswith("ingest data/policies --if-empty")
    assert "graphapi.app:create_app --factory --host 10.1.2.3 --port 18123" in shown[serve]
    assert ingest < serve


@needs_make
def test_make_soak_runs_the_soak():
    shown = subprocess.run([MAKE, "-n", "soak"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "-m bench.soak" in shown


def bare_path(tmp_path: Path, *tools: str) -> dict[str, str]:
    """An environment whose PATH holds only `tools` (and a python3.12 that refuses to run, as a
    pyenv shim for a version not installed does), with no pyenv and no PYTHON."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("sh", *tools):
        found = shutil.which(tool)
        assert found, f"{tool} is not installed"
        (bin_dir / tool).symlink_to(found)
    shim = bin_dir / "python3.12"
    shim.write_text("#!/bin/sh\necho 'pyenv: python3.12: command not found' >&2\nexit 127\n")
    shim.chmod(0o755)
    # MAKELEVEL and MAKEFLAGS come from an outer `make test`; without them make's own notes read
    # "make: ***" as on a user's terminal, not "make[1]: ***".
    dropped = ("PYTHON", "PYENV_ROOT", "VIRTUAL_ENV", "MAKELEVEL", "MAKEFLAGS", "MFLAGS")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    return env | {"PATH": str(bin_dir), "HOME": str(tmp_path / "home")}


def test_find_python_explains_what_to_install_when_there_is_none(tmp_path: Path):
    found = subprocess.run([str(FIND_PYTHON)], env=bare_path(tmp_path), capture_output=True, text=True, check=False)
    assert found.returncode == 1
    assert found.stdout == ""
    assert found.stderr == NO_PYTHON


def test_find_python_takes_a_working_python_from_path(tmp_path: Path):
    env = bare_path(tmp_path)
    python = Path(env["PATH"]) / "python3.13"
    python.symlink_to(sys.executable)  # this interpreter is >= 3.12 (the project needs it)
    found = subprocess.run([str(FIND_PYTHON)], env=env, capture_output=True, text=True, check=True)
    assert found.stdout.strip() == str(python)


def test_find_python_takes_a_pyenv_installation_that_is_not_on_path(tmp_path: Path):
    env = bare_path(tmp_path)
    installed = tmp_path / "pyenv" / "versions" / "3.12.9" / "bin"
    installed.mkdir(parents=True)
    (installed / "python3.12").symlink_to(sys.executable)
    found = subprocess.run(
        [str(FIND_PYTHON)], env=env | {"PYENV_ROOT": str(tmp_path / "pyenv")}, capture_output=True, text=True, check=True
    )
    assert found.stdout.strip() == str(installed / "python3.12")


@needs_make
def test_make_run_without_python_stops_with_that_one_message(tmp_path: Path):
    venv = tmp_path / "venv"
    ran = subprocess.run(
        [MAKE, "--no-print-directory", "run", f"VENV={venv}"],
        cwd=ROOT, env=bare_path(tmp_path, "make"), capture_output=True, text=True, timeout=60, check=False,
    )
    assert ran.returncode != 0
    assert ran.stdout == ""
    # find-python.sh's message, then make's own note of the failed step; nothing else (no
    # `"" -m venv`, no "not found").
    told = [line for line in ran.stderr.splitlines() if not line.startswith("make: ***")]
    assert "\n".join(told) + "\n" == NO_PYTHON
    assert not venv.exists()
