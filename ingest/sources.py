"""Reading a source file into text: plain text (UTF-8 or GB18030/GBK/Big5), .docx and .html.

Everything that can go wrong with the bytes themselves (empty, binary, too large, damaged,
undecodable, mixed encodings, cut off in the middle of a character) becomes a `DocumentError`
naming the problem.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import stat
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import DocumentError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Largest document accepted; policies are tens of kilobytes, so 20 MB is generous."""

DOCX_EXPANSION_LIMIT = 10
"""A .docx may expand to at most this many times the byte limit (zip bombs)."""

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF", "a PDF file (convert it to text or .docx first)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old binary Office file (.doc/.xls); save it as .docx"),
    (b"\x7fELF", "an executable program"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"RIFF", "a RIFF media file"),
)

# Four or more consecutive 3-byte UTF-8 CJK characters: never seen by chance in GBK text.
_UTF8_CJK_RUN = re.compile(rb"(?:[\xe4-\xe9][\x80-\xbf]{2}){4,}")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class SourceText:
    text: str
    sha256: str


def read_source(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """The text of the file at `path` and the sha256 of its bytes."""
    try:
        status = path.stat()
        if stat.S_ISDIR(status.st_mode):
            raise DocumentError(f"{path} is a directory, not a document")
        if not stat.S_ISREG(status.st_mode):  # a pipe or a device could block or never end
            raise DocumentError(f"{path} is not a regular file")
        if status.st_size > max_bytes:
            raise DocumentError(too_large(status.st_size, max_bytes))
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"file not found: {path}") from None
    except PermissionError:
        raise DocumentError(f"cannot read {path}: permission denied") from None
    except OSError as error:
        raise DocumentError(f"cannot read {path}: {error.strerror or error}") from None
    return decode_source(data, suffix=path.suffix, max_bytes=max_bytes)


def decode_source(data: bytes, *, suffix: str = ".txt", max_bytes: int = DEFAULT_MAX_BYTES) -> SourceText:
    """Text from the bytes of a document; `suffix` (".txt", ".docx", ".html") picks the format."""
    if len(data) > max_bytes:
        raise DocumentError(too_large(len(data), max_bytes))
    if not data.strip():
        raise DocumentError("the document is empty")
    suffix = suffix.lower()
    if suffix == ".docx" or data.startswith(b"PK\x03\x04"):
        text = docx_text(data, max_bytes=max_bytes)
    else:
        _refuse_binary(data)
        text = decode_text(data)
        if suffix in HTML_SUFFIXES:
            text = html_text(text)
    if not text.strip():
        raise DocumentError("the document contains no text")
    return SourceText(text=text, sha256=hashlib.sha256(data).hexdigest())


def too_large(size: int, limit: int) -> str:
    return f"the document is {_size(size)}, larger than the limit of {_size(limit)}"


def _size(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n} bytes"


def _refuse_binary(data: bytes) -> None:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(f"the file is {what}, not a text document")
    if b"\x00" in data[:65536] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError("the file is binary (it contains NUL bytes), not a text document")


# --- plain text -----------------------------------------------------------------------------


def decode_text(data: bytes) -> str:
    """Decode text bytes: UTF-8 (with or without BOM) strictly first, then the Chinese
    encoding charset-normalizer finds (GB18030, which covers GBK and GB2312, or Big5)."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return _checked(data[3:].decode("utf-8"))
        except UnicodeDecodeError as error:
            _refuse_cut_character(error, "UTF-8")
            raise DocumentError(
                f"mixed or damaged encoding: the file declares UTF-8 but the byte at offset "
                f"{error.start + 3} is not valid UTF-8"
            ) from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"))
        except UnicodeDecodeError as error:
            raise DocumentError(
                f"cannot decode the text: it declares UTF-16 but the bytes at offset {error.start} are invalid"
            ) from None
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        _refuse_cut_character(error, "UTF-8")
        utf8_error_at = error.start
    run = _UTF8_CJK_RUN.search(data)
    if run is not None:
        if run.start() < utf8_error_at:
            raise DocumentError(
                f"mixed encodings: the text is UTF-8 up to byte offset {utf8_error_at}, "
                "where bytes in another encoding begin; save the file in one encoding"
            )
        raise DocumentError(
            f"mixed encodings: the text is not UTF-8 at first but turns to UTF-8 at byte offset "
            f"{_utf8_stretch_start(data, run.start())}; save the file in one encoding"
        )
    encoding = _chinese_encoding(data)
    try:
        return _checked(data.decode(encoding))
    except UnicodeDecodeError as error:
        _refuse_cut_character(error, "GB18030" if encoding == "gb18030" else "Big5")
        raise DocumentError(
            "cannot decode the text: it is neither UTF-8 nor GB18030/GBK nor Big5 "
            f"(invalid byte at offset {error.start})"
        ) from None


_CUT_OFF = {"unexpected end of data", "incomplete multibyte sequence"}


def _refuse_cut_character(error: UnicodeDecodeError, encoding: str) -> None:
    """A text valid up to its last bytes, which begin a character and stop: the file was cut
    off (a download or copy that did not finish), not written in another encoding."""
    if error.reason in _CUT_OFF and error.end == len(error.object):
        cut = error.end - error.start
        last = "its last byte starts" if cut == 1 else f"its last {cut} bytes start"
        raise DocumentError(
            f"the file ends mid-character (truncated?): it is {encoding} text, and {last} a "
            "character that is cut off"
        )


def _utf8_stretch_start(data: bytes, start: int, limit: int = 65536) -> int:
    """Where the UTF-8 text that reaches `start` begins: walk back over whole UTF-8
    characters, then forward over ASCII, which both encodings share."""
    position = start
    while position > 0 and start - position < limit:
        for size in (1, 2, 3, 4):
            chunk = data[position - size : position]
            if len(chunk) == size and (size > 1 or chunk[0] < 0x80):
                try:
                    if len(chunk.decode("utf-8")) == 1:
                        position -= size
                        break
                except UnicodeDecodeError:
                    pass
        else:
            break
    while position < start and data[position] < 0x80:
        position += 1
    return position


def _chinese_encoding(data: bytes) -> str:
    # Big5 bytes also decode as GB18030 (into nonsense), so let charset-normalizer choose.
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
    if best is not None and best.encoding in {"big5", "big5hkscs", "cp950"}:
        return "big5hkscs"
    return "gb18030"


def _checked(text: str) -> str:
    controls = len(_CONTROL.findall(text))
    if "\x00" in text or controls > max(8, len(text) // 200):
        raise DocumentError("the file is binary (it is full of control characters), not a text document")
    return text


# --- .docx ----------------------------------------------------------------------------------


def docx_text(data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Paragraphs and table rows of a .docx in document order; table cells joined by tabs."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            expanded = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise DocumentError("the .docx file is damaged or truncated (it is not a complete zip archive)") from None
    if "word/document.xml" not in names:
        raise DocumentError("the file is a zip archive but not a Word document (word/document.xml is missing)")
    if expanded > DOCX_EXPANSION_LIMIT * max_bytes:
        raise DocumentError(
            f"the .docx expands to {_size(expanded)}, more than {DOCX_EXPANSION_LIMIT} times the limit of {_size(max_bytes)}"
        )
    try:
        return "\n".join(_docx_lines(data))
    except Exception as error:  # python-docx and lxml raise many types on damaged XML
        raise DocumentError(f"the .docx file is damaged: {type(error).__name__}: {error}"[:300]) from None


def _docx_lines(data: bytes):
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(data))
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block.text
        elif isinstance(block, Table):
            yield from _table_rows(block)


def _table_rows(table):
    for row in table.rows:
        seen: set[int] = set()
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is returned once per grid column
                continue
            seen.add(id(cell._tc))
            cells.append(" ".join(cell.text.split("\n")))
        yield "\t".join(cells)


# --- .html ---------------------------------------------------------------------------------

_BLOCK_TAGS = {
    "address", "article", "aside", "blockquote", "caption", "center", "dd", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6",
    "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section", "table", "tbody", "tfoot",
    "thead", "tr", "ul",
}
_DROPPED_TAGS = ["script", "style", "noscript", "template", "head", "iframe", "object", "svg"]
_HTML_SPACE = re.compile(r"[ \t\r\n\f]+")


def html_text(markup: str) -> str:
    """Visible text of an HTML page: each block element is a line (an empty one a blank
    line), table cells are joined by tabs, scripts and styles are dropped."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    lines: list[str] = []
    current: list[str] = []
    try:
        _walk(soup, lines, current, preformatted=False)
    except RecursionError:
        raise DocumentError("the HTML is nested too deeply to read") from None
    _flush(lines, current)
    return "\n".join(lines)


def _walk(node, lines: list[str], current: list[str], preformatted: bool) -> None:
    from bs4.element import (
        Comment,
        Declaration,
        Doctype,
        NavigableString,
        ProcessingInstruction,
        Tag,
    )

    for child in node.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            text = str(child)
            if preformatted:
                parts = text.split("\n")
                current.append(parts[0])
                for part in parts[1:]:
                    _flush(lines, current)
                    current.append(part)
            else:
                current.append(_HTML_SPACE.sub(" ", text))
            continue
        if not isinstance(child, Tag):
            continue
        name = child.name
        if name == "br":
            _flush(lines, current)
        elif name == "input" and (child.get("type") or "").lower() == "checkbox":
            current.append("□")
        elif name in {"td", "th"}:
            _walk(child, lines, current, preformatted)
            current.append("\t")
        elif name in _BLOCK_TAGS:
            _flush(lines, current)
            if not child.get_text().strip() and child.find("input") is None and name not in {"table", "tbody", "thead", "tfoot", "ul", "ol", "dl"}:
                lines.append("")  # an empty paragraph is a blank line
                continue
            _walk(child, lines, current, preformatted or name == "pre")
            _flush(lines, current)
        else:
            _walk(child, lines, current, preformatted)


def _flush(lines: list[str], current: list[str]) -> None:
    line = "".join(current).strip(" ").rstrip("\t")
    current.clear()
    if line.strip():
        lines.append(line)
