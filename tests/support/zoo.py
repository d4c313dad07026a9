"""The template zoo: each family's fixture pages re-rendered as templates nobody here wrote.

A site of a known family that changes its template, or a sister site built on the same
CMS by another contractor, keeps the article and changes the markup. `zoo()` makes such
pages from the fixture articles of every family, seeded, so the same on every run:

- classes and ids renamed: words with a meaning get another word of the same meaning
  (`title` → `tieu-de`, `heading`…; `breadcrumb` → `duong-dan`…), other words a neutral
  token, and the separators change (`news-detail__title` → `blk-heading`,
  `ArticleHeader` → `zone_tieu-de`), so no class a profile or the generic parser was
  written for survives;
- other nesting: the page inside two more wrappers, and the body's later paragraphs in a
  `div` of their own;
- other date forms: the article's visible date line rewritten in another form these
  sites print (ASP.NET's month-first 12-hour form among them), the metadata dates
  dropped on half of the pages so the visible line must be read;
- extra furniture: the whole page's header, menus, ticker, sidebars with dates and
  footer of `tests/furniture.py`.

The expected record is the fixture's: the article did not change. The generic parser
reads these pages with no profile (`benchmarks/bench_real_pages.py --zoo`, and
`tests/test_zoo.py`): no family's rules apply to its own pages.
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from pathlib import Path

from lxml import etree, html

from parsers.pagedates import date_in_text
from tests.support.furniture import full_page

FIXTURES = Path(__file__).parents[1] / "fixtures"
FAMILIES = ("tuyengiao.vn", "liferay", "vnportal", "wordpress", "newspaper")
SYNONYMS: dict[str, tuple[str, ...]] = {
    "title": ("heading", "tieu-de", "headline", "ttl"),
    "header": ("heading", "tieu-de", "headline"),
    "sapo": ("lead", "tom-tat", "summary", "intro"),
    "summary": ("lead", "tom-tat", "summary", "intro"),
    "assetdesc": ("lead", "tom-tat", "summary", "intro"),
    "date": ("ngay-dang", "time", "pubdate", "thoi-gian"),
    "time": ("ngay-dang", "time", "pubdate", "thoi-gian"),
    "postdate": ("ngay-dang", "time", "pubdate", "thoi-gian"),
    "author": ("tac-gia", "author", "byline", "writer"),
    "content": ("noi-dung", "content", "body", "entry"),
    "body": ("noi-dung", "content", "body", "entry"),
    "breadcrumb": ("duong-dan", "crumbs", "breadcrumbs", "breadcrumb"),
    "breadcrumbs": ("duong-dan", "crumbs", "breadcrumbs", "breadcrumb"),
    "related": ("tin-lien-quan", "related", "other-news", "tin-khac"),
    "share": ("chia-se", "share", "social"),
    "social": ("chia-se", "share", "social"),
    "tags": ("tags", "tu-khoa", "keywords"),
    "tag": ("tags", "tu-khoa", "keywords"),
    "caption": ("caption", "chu-thich"),
    "menu": ("menu", "nav", "main-nav"),
    "sidebar": ("sidebar", "col-right", "right-column"),
    "right": ("sidebar", "col-right", "right-column"),
    "footer": ("footer", "bottom"),
}
NEUTRAL = ("box", "wrap", "blk", "main", "inner", "item", "part", "zone", "pnl", "ct")
_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
# A date line: short, and a date of the article's day in it.
DATE_LINE_CHARS = 90


@dataclass(frozen=True)
class ZooPage:
    name: str
    family: str
    html: str
    record: dict


def _renamer(rng: random.Random):
    """A family's new template: each class word mapped once, the same way on every page."""
    chosen: dict[str, str] = {}
    join = rng.choice(("-", "_", ""))

    def word(w: str) -> str:
        key = w.lower()
        if key not in chosen:
            options = SYNONYMS.get(key, NEUTRAL)
            chosen[key] = rng.choice(options)
        return chosen[key]

    def rename(token: str) -> str:
        words = [word(w) for w in _WORD.findall(token)] or ["x"]
        if join:
            return join.join(dict.fromkeys(words))
        return "".join(w[:1].upper() + w[1:] for w in dict.fromkeys(words))

    return rename


def _date_forms(moment: datetime | date) -> list[str]:
    if not isinstance(moment, datetime):
        d = moment
        return [f"Ngày {d.day} tháng {d.month} năm {d.year}", f"{d:%d/%m/%Y}", f"{d:%d-%m-%Y}"]
    m = moment
    half = "PM" if m.hour >= 12 else "AM"
    hour12 = m.hour % 12 or 12
    weekday = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật")
    return [
        f"{m:%H:%M} | {m:%d/%m/%Y}",
        f"{m:%d/%m/%Y - %H:%M}",
        f"{weekday[m.weekday()]}, {m.day}/{m.month}/{m.year} {m:%H:%M}'(GMT+7)",
        f"Cập nhật: {m:%d/%m/%Y %H:%M:%S}",
        f"Ngày đăng: {m:%d-%m-%Y %H:%M}",
        f"{m.month}/{m.day}/{m.year} {hour12}:{m:%M}:00 {half}",
    ]


def _rewrite_date(root: etree._Element, published: str | None, rng: random.Random) -> None:
    """The article's visible date line in another form; the metadata dates dropped on
    half of the pages."""
    if not published:
        return
    moment = (
        datetime.fromisoformat(published) if "T" in published else date.fromisoformat(published)
    )
    day = published[:10]
    order = [e for e in root.iter() if isinstance(e.tag, str)]
    title = next((i for i, e in enumerate(order) if e.tag in ("h1", "h2")), 0)
    lines = []
    for index, element in enumerate(order):
        if element.tag in ("script", "style", "head", "title", "meta"):
            continue
        text = " ".join(element.text_content().split())
        if len(text) > DATE_LINE_CHARS or len(element) > 1:
            continue
        found = date_in_text(text)
        if found and found[:10] == day:
            lines.append((abs(index - title), element))
    if lines:  # the article's line: the one nearest the headline (not the top bar's)
        element = min(lines, key=lambda line: line[0])[1]
        for child in list(element):
            element.remove(child)
        element.text = rng.choice(_date_forms(moment))
        if element.get("datetime"):
            del element.attrib["datetime"]
    if rng.random() < 0.5:
        for script in list(root.iter("script")):
            if script.get("type") == "application/ld+json":
                script.getparent().remove(script)
        for meta in list(root.iter("meta")):
            if "time" in (meta.get("property") or meta.get("itemprop") or ""):
                meta.getparent().remove(meta)


def _renest(root: etree._Element, rng: random.Random) -> None:
    """The page in two more wrappers; the body's later paragraphs in a `div` of their own."""
    body = root.find("body")
    if body is not None:
        outer = etree.Element("div", {"class": rng.choice(NEUTRAL)})
        inner = etree.SubElement(outer, "div", {"class": rng.choice(NEUTRAL)})
        inner.text, body.text = body.text, None
        for child in list(body):
            inner.append(child)
        body.append(outer)
    parents: dict[etree._Element, int] = {}
    for p in root.iter("p"):
        parent = p.getparent()
        parents[parent] = parents.get(parent, 0) + len(p.text_content())
    if not parents:
        return
    densest = max(parents, key=parents.__getitem__)
    paragraphs = [c for c in densest if c.tag == "p"]
    if len(paragraphs) >= 4:
        wrapper = etree.Element("div", {"class": rng.choice(NEUTRAL)})
        later = paragraphs[len(paragraphs) // 2 :]
        later[0].addprevious(wrapper)
        for p in later:
            wrapper.append(p)


def render(page_html: str, record: dict, seed: int, rename) -> str:
    rng = random.Random(seed)
    root = html.document_fromstring(page_html)
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        for attribute in ("class", "id"):
            value = element.get(attribute)
            if value:
                element.set(attribute, " ".join(rename(token) for token in value.split()))
    _rewrite_date(root, record.get("published_at"), rng)
    _renest(root, rng)
    out = etree.tostring(root, encoding="unicode", method="html", doctype="<!DOCTYPE html>")
    return full_page(out, seed)


@cache
def zoo(variant: int = 0) -> tuple[ZooPage, ...]:
    """Every family's article fixtures as new templates of their family (made once).

    `variant` 0 is the zoo the tests score; other variants draw other names, nestings,
    date forms and furniture from the same generator: zoos nobody looked at while
    writing the parsers' rules."""
    pages = []
    for number, family in enumerate(FAMILIES):
        name = f"zoo-{family}" if variant == 0 else f"zoo{variant}-{family}"
        rename = _renamer(random.Random(name))
        for path in sorted((FIXTURES / family).glob("*.json")):
            if path.name.endswith(".links.json") or ".nfd" in path.name or ".cp1258" in path.name:
                continue
            record = json.loads(path.read_text(encoding="utf-8"))
            source = path.with_suffix(".html").read_bytes().decode("utf-8")
            seed = variant * 1000 + number * 100 + len(pages)
            rendered = render(source, record, seed, rename)
            pages.append(ZooPage(f"{family}/{path.stem}", family, rendered, record))
    return tuple(pages)
