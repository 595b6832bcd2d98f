"""File formats and hostile files: every format gives the same provisions; every bad file
gives a DocumentError that names the problem."""

from __future__ import annotations

import hashlib
import html
import io
import zipfile

import docx
import pytest

from ingest.documents import parse_file, parse_text
from ingest.errors import DocumentError
from ingest.sources import decode_source, html_text
from tests.ingest.support import PREFIXES, corpus_path, parsed_corpus, signature


def source_text(prefix: str) -> str:
    return corpus_path(prefix).read_text(encoding="utf-8")


def as_docx(text: str) -> bytes:
    document = docx.Document()
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def as_html(text: str) -> bytes:
    parts = ["<!DOCTYPE html><html><head><meta charset='utf-8'><title>t</title>",
             "<style>p { margin: 0 }</style><script>var s = '第一条 不是正文';</script></head><body>"]
    for line in text.split("\n"):
        if "\t" in line:
            cells = "".join(f"<td>{html.escape(cell)}</td>" for cell in line.split("\t"))
            parts.append(f"<table><tr>{cells}</tr></table>")
        else:
            parts.append(f"<p>{html.escape(line)}</p>")
    parts.append("<!-- a comment --></body></html>")
    return "\n".join(parts).encode("utf-8")


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_encodings_parse_to_the_same_provisions(tmp_path, prefix, encoding):
    path = tmp_path / f"{prefix}.txt"
    data = source_text(prefix).encode(encoding)
    path.write_bytes(data)
    document = parse_file(path)
    assert signature(document) == signature(parsed_corpus(prefix))
    assert document.source_sha256 == hashlib.sha256(data).hexdigest()


def test_big5_traditional_text(tmp_path):
    path = tmp_path / "003.txt"
    path.write_bytes(source_text("003").encode("big5"))
    assert signature(parse_file(path)) == signature(parsed_corpus("003"))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_docx_parses_to_the_same_provisions(tmp_path, prefix):
    path = tmp_path / f"{prefix}.docx"
    path.write_bytes(as_docx(source_text(prefix)))
    assert signature(parse_file(path)) == signature(parsed_corpus(prefix))


@pytest.mark.parametrize("prefix", PREFIXES)
def test_html_parses_to_the_same_provisions(tmp_path, prefix):
    path = tmp_path / f"{prefix}.html"
    path.write_bytes(as_html(source_text(prefix)))
    assert signature(parse_file(path)) == signature(parsed_corpus(prefix))


def test_docx_tables_are_read_in_document_order(tmp_path):
    document = docx.Document()
    document.add_paragraph("人才申报管理办法")
    document.add_paragraph("第一条 申报人填写下表。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "性别"
    table.cell(1, 0).text, table.cell(1, 1).text = "单位", "职务"
    document.add_paragraph("第二条 本办法自印发之日起施行。")
    path = tmp_path / "table.docx"
    document.save(path)
    assert decode_source(path.read_bytes(), suffix=".docx").text.split("\n") == [
        "人才申报管理办法", "第一条 申报人填写下表。", "姓名\t性别", "单位\t职务", "第二条 本办法自印发之日起施行。"
    ]


def test_html_drops_scripts_and_styles_and_keeps_blocks():
    text = html_text("<html><head><style>.a{}</style></head><body><script>alert(1)</script>"
                     "<div><p>第一条 正文</p>尾巴<br>换行</div><p></p><ul><li>一项</li></ul></body></html>")
    assert text.split("\n") == ["第一条 正文", "尾巴", "换行", "", "一项"]


# --- hostile files --------------------------------------------------------------------------


def refused(path) -> str:
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    return caught.value.reason


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_bytes(b"  \n\r\n\t ")
    assert "empty" in refused(tmp_path / "empty.txt")
    assert "empty" in refused(tmp_path / "blank.txt")


def test_png_bytes(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "PNG image" in refused(path)


def test_binary_with_nul_bytes(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(b"\x01\x02\x00\x00binary\x00" * 50)
    assert "binary" in refused(path)


def test_fifty_megabytes(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(50 * 1024 * 1024)
    reason = refused(path)
    assert "50.0 MB" in reason and "20.0 MB" in reason


def test_size_limit_is_configurable(tmp_path):
    path = tmp_path / "small.txt"
    path.write_text("第一条 为规范管理，制定本办法。\n" * 100, encoding="utf-8")
    with pytest.raises(DocumentError, match="limit of 1000 bytes"):
        parse_file(path, max_bytes=1000)
    assert parse_file(path, max_bytes=10_000).policies


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "policy.txt"
    path.write_bytes(b"\x80\x81\xff\xfe\xfd" * 40)
    reason = refused(path)
    assert "cannot decode" in reason and "offset" in reason


def test_utf8_then_gbk_names_the_offset(tmp_path):
    head = "第一条 为规范人才管理，制定本办法。\n".encode()
    path = tmp_path / "mixed.txt"
    path.write_bytes(head + "第二条 本办法自印发之日起施行。\n".encode("gbk"))
    reason = refused(path)
    assert "mixed encodings" in reason and f"offset {len(head)}" in reason


def test_gbk_then_utf8_names_the_offset(tmp_path):
    head = "第一条 为规范人才管理，制定本办法。\n".encode("gbk")
    path = tmp_path / "mixed.txt"
    path.write_bytes(head + "第二条 本办法自印发之日起施行。\n".encode())
    reason = refused(path)
    assert "mixed encodings" in reason and f"offset {len(head)}" in reason


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("gb18030", b""), ("gbk", b"")],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk"],
)
@pytest.mark.parametrize("cut", [1, 2])
def test_text_cut_mid_character_is_called_truncated_not_mixed(tmp_path, encoding, prefix, cut):
    data = prefix + source_text("002").rstrip().encode(encoding)
    if encoding != "utf-8" and cut == 2:
        data = data.rstrip() + "的".encode(encoding)  # then cut into its second byte: leave one
        cut = 1
    path = tmp_path / "cut.txt"
    path.write_bytes(data[:-cut])
    reason = refused(path)
    assert reason.startswith("the file ends mid-character (truncated?)"), reason
    assert "mixed" not in reason


def test_a_cut_that_leaves_whole_characters_is_judged_by_its_text(tmp_path):
    text = source_text("002").rstrip()
    path = tmp_path / "cut.txt"
    path.write_bytes(text[: text.rindex("，") + 1].encode())  # whole characters, ends on a comma
    reason = refused(path)
    assert "stops mid-sentence" in reason and "truncated" in reason


def test_truncated_docx(tmp_path):
    data = as_docx(source_text("001"))
    path = tmp_path / "broken.docx"
    path.write_bytes(data[: len(data) // 2])
    assert "damaged or truncated" in refused(path)


def test_zip_that_is_not_a_docx(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    path = tmp_path / "not-word.docx"
    path.write_bytes(buffer.getvalue())
    assert "not a Word document" in refused(path)


def test_docx_with_damaged_xml(tmp_path):
    source = zipfile.ZipFile(io.BytesIO(as_docx("第一条 正文。")))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for item in source.infolist():
            data = source.read(item.filename)
            archive.writestr(item, b"<w:document><unclosed" if item.filename == "word/document.xml" else data)
    path = tmp_path / "damaged.docx"
    path.write_bytes(buffer.getvalue())
    assert "damaged" in refused(path)


def test_missing_file_and_directory(tmp_path):
    assert "not found" in refused(tmp_path / "nowhere.txt")
    assert "directory" in refused(tmp_path)


def test_pdf(tmp_path):
    path = tmp_path / "policy.pdf"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    assert "PDF" in refused(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        ("\n  \n", "empty"),
        ("第一条\x00\x00正文", "NUL"),
        ("3\n- 4 -\n第5页\n★\n", "no text once page numbers"),
        ("人才公寓管理办法\n（征求意见稿）", "no provisions found"),
        ("第一条 正文\ud800。", "invalid character at position 6"),
    ],
)
def test_hostile_texts(text, message):
    with pytest.raises(DocumentError, match=message):
        parse_text(text, "x.txt")


def test_text_size_limit():
    with pytest.raises(DocumentError, match="larger than the limit"):
        parse_text("第一条 正文。" * 1000, "x.txt", max_bytes=4000)


def test_odd_lines_are_kept_and_reported():
    document = parse_text("人才公寓管理办法\n第一条 为规范管理，制定本办法。\n@@ %%\n第二条 本办法自印发之日起施行。\n锟斤拷\ufffd", "x.txt")
    assert [p.text for p in document.policies[0].provisions] == [
        "为规范管理，制定本办法。", "@@ %%", "本办法自印发之日起施行。", "锟斤拷\ufffd"
    ]
    assert document.warnings == [
        "line 3 has no words (“@@ %%”); kept as a paragraph",
        "line 5 contains undecodable characters (�)",
    ]


def test_named_pipe_is_refused_without_blocking(tmp_path):
    import os

    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    assert "not a regular file" in refused(path)
