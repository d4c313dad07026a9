"""The JSON record of an article as `articles` stores it: without the fields that are
columns.

The body, title and sapo are columns of `articles`; the record beside them used to repeat
them, about a third of an article's bytes. The row now stores `record_slim`, the record
with `true` in place of each of these three fields (the keys kept where they were), and
`record` is a generated column (`RECORD`, computed when read, stored nowhere) that puts
the columns back: every reader, `json_extract(record, '$.body_text')` included, gets the
whole record as before, as compact JSON (`json.dumps(record, ensure_ascii=False,
separators=(",", ":"))`, which is also what `slim` writes, so the text read back is
that of the record stored). A record that would not read back exactly (an archive
written before whose JSON or fields differ) is kept whole in `record_slim` and read as
it is. `article_versions.record` keeps whole records: earlier versions have no columns.
"""

from __future__ import annotations

import json
from typing import Any

TEXT_FIELDS = ("title", "sapo", "body_text")
# The generated column `record`: the columns put back where `slim` left `true`.
RECORD = """
    CASE WHEN json_type(record_slim, '$.body_text') = 'true'
    THEN json_replace(record_slim, '$.title', title, '$.sapo', sapo, '$.body_text', body_text)
    ELSE record_slim END
"""


def compact(record: dict[str, Any]) -> str:
    """A record as JSON the way SQLite's JSON functions write it."""
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))


def slim(record: dict[str, Any]) -> str:
    """`record_slim` for `record` (`Article.to_dict()`), whose title, sapo and body are
    stored in the row's columns of those names."""
    return compact(
        {k: True if k in TEXT_FIELDS and isinstance(v, str) else v for k, v in record.items()}
    )


def slimmed(stored: str, title: str, sapo: str | None, body_text: str) -> str:
    """`record_slim` for a record stored whole (an archive written before): `slim` when
    the record's fields are the columns, else the record as it was."""
    data = json.loads(stored)
    columns = {"title": title, "sapo": sapo, "body_text": body_text}
    if not isinstance(data.get("body_text"), str) or any(
        data.get(k) != columns[k] for k in TEXT_FIELDS if isinstance(data.get(k), str)
    ):
        return stored
    return slim(data)
