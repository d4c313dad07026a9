"""The byline of an author block on a page without a site profile.

Forms read, each checked before it is taken: the author and the organisation in their
own elements (`p.author` beside `p.source`), "Tên - Cơ quan", "Tên (Cơ quan)", "Theo
Tên", "Theo Cơ quan" and "Nguồn: …" (the source), "Bài, ảnh: Tên", several authors
("A - B", "A, B", "A và B"). A photo credit ("Ảnh: …") is never the author, and neither
is a login name ("admin") or a line that is not a name.
"""

from __future__ import annotations

import re

from parsers.fields.byline import as_name, as_org
from parsers.htmltext import Element, block_texts, class_words, clean, text_of
from parsers.record import Byline

# Longer than this, a block is not an author block (an article teaser, a profile box).
MAX_BLOCK_CHARS = 160
USERNAME = re.compile(r"^[a-z0-9_.]+$")
ORG_ELEMENT = re.compile(
    r"(?<![a-z0-9])(source|org|organization|organisation|agency|publisher|co-?quan|don-?vi)"
    r"(?![a-z0-9])",
    re.I,
)
NAME_ELEMENT = re.compile(r"(?<![a-z0-9])(name|author-?name|fullname)(?![a-z0-9])", re.I)
LEAD = re.compile(
    r"^\s*(?:bởi|by|tác giả|người viết|thực hiện|phóng viên|pv|đăng bởi|người đăng|"
    r"bài(?:\s*(?:,|và)\s*ảnh)?|tin(?:\s*(?:,|và)\s*ảnh)?|tin,?\s*bài)\s*:?\s+",
    re.I,
)
PHOTO = re.compile(r"^\s*(?:ảnh|photo|video|đồ họa|đồ hoạ|clip)\s*:", re.I)
SOURCE = re.compile(r"^\s*\(?\s*nguồn\s*:?\s*(?P<src>.+?)\s*\)?\.?$", re.I)
THEO = re.compile(r"^\s*\(?\s*theo\s+(?P<rest>.+?)\s*\)?\.?$", re.I)
NOTE = re.compile(r"\s*\(\s*(?:tổng hợp|sưu tầm|th|st|lược dịch)\s*\)\s*", re.I)
NAME_ORG = re.compile(r"^(?P<name>[^()]{2,60}?)\s*\((?P<org>[^()]{2,80})\)$")
DASH = re.compile(r"\s+[-–]\s+|(?<=\S)[-–](?=[A-ZĐ])")
SEVERAL = re.compile(r"\s*(?:,|\s-\s|\s–\s|\svà\s)\s*")


def _org(text: str) -> str | None:
    """An organisation's name: the byline reader's test, or a short upper-case agency."""
    text = clean(text).strip(" .")
    if not text:
        return None
    if as_org(text) or (text.isupper() and 2 <= len(text) <= 12):
        return text
    return None


def _names(text: str) -> str | None:
    """One author or several ("A - B", "A, B", "A và B"), joined " - "; None otherwise."""
    text = clean(NOTE.sub(" ", text)).strip(" .,")
    if not text or USERNAME.match(text):
        return None
    if as_name(text) and not SEVERAL.search(text):
        return text
    parts = [p for p in SEVERAL.split(text) if p]
    if len(parts) > 1 and all(as_name(p) for p in parts):
        return " - ".join(parts)
    return as_name(text)


def read_line(line: str) -> Byline | None:
    """One byline line as author, organisation or source; None for anything else."""
    line = clean(line)
    if not line or PHOTO.match(line) or len(line) > MAX_BLOCK_CHARS:
        return None
    if m := SOURCE.match(line):
        return Byline(source=m["src"].strip())
    if m := THEO.match(line):
        rest = m["rest"]
        if rest.isupper() and len(rest) >= 3:  # "Theo TTXVN": an agency, not initials
            return Byline(source=rest)
        if name := _names(rest):
            return Byline(author=name)
        return Byline(source=rest) if _org(rest) or rest[:1].isupper() else None
    line = LEAD.sub("", line)
    if m := NAME_ORG.match(line):
        name, org = _names(m["name"]), m["org"].strip()
        if name and not NOTE.fullmatch(f"({org})") and _org(org):
            return Byline(author=name, organization=org)
    if name := _names(line):
        return Byline(author=name)
    parts = DASH.split(line, maxsplit=1)
    if len(parts) == 2 and (name := _names(parts[0])) and (org := _org(parts[1])):
        return Byline(author=name, organization=org)
    if org := _org(line):
        return Byline(organization=org)
    return None


def _merge(first: Byline | None, second: Byline | None) -> Byline | None:
    if first is None or second is None:
        return first or second
    return Byline(
        author=first.author or second.author,
        organization=first.organization or second.organization,
        source=first.source or second.source,
    )


def block_byline(block: Element) -> Byline | None:
    """The byline of an author block: its own name and organisation elements first, then
    its lines; the organisation may also stand in a sibling element of the block."""
    if len(text_of(block)) > MAX_BLOCK_CHARS:
        return None
    byline = None
    name_element = next(
        (e for e in block.iter() if e is not block and NAME_ELEMENT.search(class_words(e))), None
    )
    lines = block_texts(block)
    if name_element is not None:
        name = text_of(name_element)
        byline = read_line(name)
        lines = [line for line in lines if line != name]
    for line in lines:
        byline = _merge(byline, read_line(line))
    if byline is None or not (byline.author or byline.source):
        return None
    if byline.author and not byline.organization:
        org = _sibling_org(block)
        if org:
            byline = Byline(author=byline.author, organization=org, source=byline.source)
    return byline


def _sibling_org(block: Element) -> str | None:
    """An organisation printed in its own element beside the author's (`p.source`)."""
    parent = block.getparent()
    if parent is None:
        return None
    for sibling in parent:
        if sibling is block or not isinstance(sibling.tag, str):
            continue
        if ORG_ELEMENT.search(class_words(sibling)):
            text = text_of(sibling)
            theo = THEO.match(text)
            text = theo["rest"] if theo else text
            if text and len(text) <= 80 and not PHOTO.match(text):
                return text
    return None
