#!/usr/bin/env sh
# Print the path of a Python >= 3.12 interpreter, or explain what to install.
# The machine default `python3` may be older; pyenv shims may exist for versions
# that are not activated, so every candidate is actually run before it is chosen.
set -u

works() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

for candidate in "${PYTHON:-}" python3.13 python3.12; do
    [ -n "$candidate" ] || continue
    if command -v "$candidate" >/dev/null 2>&1 && works "$candidate"; then
        command -v "$candidate"
        exit 0
    fi
done

# pyenv installs that are not on PATH (or whose shims refuse to run).
pyenv_root="${PYENV_ROOT:-}"
if [ -z "$pyenv_root" ] && command -v pyenv >/dev/null 2>&1; then
    pyenv_root="$(pyenv root 2>/dev/null)"
fi
[ -n "$pyenv_root" ] || pyenv_root="$HOME/.pyenv"
for minor in 13 12; do
    for candidate in "$pyenv_root"/versions/3."$minor".*/bin/python3."$minor"; do
        if [ -x "$candidate" ] && works "$candidate"; then
            echo "$candidate"
            exit 0
        fi
    done
done

echo "error: this project needs Python 3.12 or newer (python3.13 or python3.12)." >&2
echo "Install one (e.g. 'apt-get install python3.12' or 'pyenv install 3.12') or set PYTHON=/path/to/python3.12." >&2
exit 1
