"""`extract PATH… --report`."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from ingest.extract_cli import app

CORPUS = Path(__file__).resolve().parents[2] / "data" / "policies"


def test_report_lists_facts_and_unlinked_mentions():
    result = CliRunner().invoke(app, [str(CORPUS), "--report"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    assert "Extraction summary" in result.output
    assert "欧美发达国家最高层次科技奖获得者" in result.output  # an unlinked mention, with its provision
    assert "gd-zcgccrcyj/annex_1__sec_1__subitem_2" in result.output
    assert "HIGHEST_ONLY" in result.output and "SUCCEEDS" in result.output


def test_report_lists_criteria_with_their_reading_unread_parts_and_relaxations():
    result = CliRunner().invoke(app, [str(CORPUS), "--report"], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = result.output
    assert "criteria (" in out and "relaxations (" in out
    assert "在相应行业担任管理、技术项目骨干职务" in out  # 官渡 D(4): what 正高 leaves unread
    assert "全职≤50岁／柔性≤65岁" in out and "一般（可破格）" in out  # per-mode ages, usual limit
    assert "男≤63岁／女≤58岁" in out  # 东川 退休名师
    assert "POVERTY_OR_BORDER_COUNTY" in out  # 云南: 到贫困县、边境县工作的，年龄条件放宽2岁
    assert "特设岗位人才" in out  # an unlinked name, shown with its criterion


def test_summary_only_without_report():
    result = CliRunner().invoke(app, [str(next(CORPUS.glob("003_*.txt")))], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Extraction summary" in result.output and "benefits" not in result.output.split("Extraction summary")[0]


def test_bad_input_is_named_not_a_traceback(tmp_path):
    missing = CliRunner().invoke(app, [str(tmp_path / "nope.txt")])
    assert missing.exit_code == 1 and "No such file" in missing.output
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(app, [str(empty)], env={"COLUMNS": "200"})
    assert result.exit_code == 1 and "Traceback" not in result.output
