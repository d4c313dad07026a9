"""The JSON record of an article as `articles` stores it: without the fields that are
columns.

The record's scalar fields are columns of `articles` too (title, sapo and body, URLs,
site, section, dates, byline, language, parser); the record beside them used to repeat
them, about a third of an article's bytes. The row stores `record_slim`, the record with
`true` in place of each field that a column holds (the keys kept where they were), and
`record` is a generated column (`RECORD`, computed when read, stored nowhere) that puts
the columns back: every reader, `json_extract(record, '$.body_text')` included, gets the
whole record as before, as compact JSON (`json.dumps(record, ensure_ascii=False,
separators=(",", ":"))`, which is also what `slim` writes, so the text read back is
that of the record stored).

Two forms are read: every column field slimmed (`$.url` is `true`: what `slim` writes
since `m018_record_fields`), and only the title, sapo and body slimmed (written before;
their other fields are kept as they were). A record that would not read back exactly
(an archive written before whose JSON or fields differ from the columns) is kept whole
in `record_slim` and read as it is. `article_versions.record` keeps whole records:
earlier versions have no columns.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

TEXT_FIELDS = ("title", "sapo", "body_text")
# Every field of the record a column holds: its path in the record, and the column.
COLUMN_FIELDS = {
    "$.url": "url",
    "$.canonical_url": "canonical_url",
    "$.site": "site",
    "$.section": "section",
    "$.title": "title",
    "$.sapo": "sapo",
    "$.body_text": "body_text",
    "$.published_at": "published_at",
    "$.updated_at": "updated_at",
    "$.byline.author": "byline_author",
    "$.byline.organization": "byline_organization",
    "$.byline.source": "byline_source",
    "$.language": "language",
    "$.parser": "parser",
}
_ALL = ", ".join(f"'{path}', {column}" for path, column in COLUMN_FIELDS.items())
# The generated column `record`: the columns put back where `slim` left `true`.
RECORD = f"""
    CASE WHEN json_type(record_slim, '$.url') = 'true'
    THEN json_replace(record_slim, {_ALL})
    WHEN json_type(record_slim, '$.body_text') = 'true'
    THEN json_replace(record_slim, '$.title', title, '$.sapo', sapo, '$.body_text', body_text)
    ELSE record_slim END
"""


def compact(record: dict[str, Any]) -> str:
    """A record as JSON the way SQLite's JSON functions write it."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


# COLUMN_FIELDS as (column, the keys of the objects holding the field, the field's key).
_PATHS = [
    (column, tuple(keys[:-1]), keys[-1])
    for path, column in COLUMN_FIELDS.items()
    for keys in [path[2:].split(".")]
]


def _fields(record: dict[str, Any]) -> dict[str, tuple[dict[str, Any], str]]:
    """Each column field present in `record`: the object holding it and its key."""
    out = {}
    for column, parents, key in _PATHS:
        holder: Any = record
        for parent in parents:
            holder = holder.get(parent) if isinstance(holder, dict) else None
        if isinstance(holder, dict) and key in holder:
            out[column] = (holder, key)
    return out


def slim(record: dict[str, Any], row: dict[str, Any]) -> str:
    """`record_slim` for `record` (`Article.to_dict()`) stored in the `articles` row
    `row`: every column field `true` when each is a string or null equal to its column;
    else the title, sapo and body alone when those equal theirs (the form written
    before); else the record whole."""
    copy = dict(record)
    if isinstance(copy.get("byline"), dict):
        copy["byline"] = dict(copy["byline"])
    fields = _fields(copy)

    def same(columns: Iterable[str]) -> bool:
        return all(
            column in fields
            and isinstance(value := fields[column][0][fields[column][1]], str | None)
            and value == row.get(column)
            for column in columns
        )

    if not isinstance(record.get("body_text"), str):
        return compact(record)
    if same(("url", "body_text")) and same(fields):  # `$.url` marks this form
        for holder, key in fields.values():
            holder[key] = True
        return compact(copy)
    if same(k for k in TEXT_FIELDS if isinstance(record.get(k), str)):
        return _slim_texts(record)
    return compact(record)


def _slim_texts(record: dict[str, Any]) -> str:
    """The form written before `m018_record_fields`: the title, sapo and body `true`."""
    return compact(
        {k: True if k in TEXT_FIELDS and isinstance(v, str) else v for k, v in record.items()}
    )


def slimmed(stored: str, title: str, sapo: str | None, body_text: str) -> str:
    """`record_slim` for a record stored whole (an archive written before, upgraded by
    `m018_record_columns`): its title, sapo and body slimmed when they are the
    columns, else the record as it was."""
    data = json.loads(stored)
    columns = {"title": title, "sapo": sapo, "body_text": body_text}
    if not isinstance(data.get("body_text"), str) or any(
        data.get(k) != columns[k] for k in TEXT_FIELDS if isinstance(data.get(k), str)
    ):
        return stored
    return _slim_texts(data)
