"""A learned profile as TOML text, in the documented format, each field with its evidence
as a comment. Only what was learned is written: the `learned` family reads every other
field the generic way."""

from __future__ import annotations

import json
from typing import Any

from parsers.learn import Profile


def toml_string(value: str) -> str:
    """A TOML string: a literal one ('…') when it can be, else a basic one."""
    if "'" not in value and "\n" not in value and value.isprintable():
        return f"'{value}'"
    return json.dumps(value, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return toml_string(str(value))


def render(profile: Profile) -> str:
    data = profile.data
    evidence = {f.name: f.evidence for f in profile.fields}
    lines = [f"# Learned by `tuyengiao sites learn` from {len(profile.pages)} pages:"]
    lines += [f"#   {page.url}" for page in profile.pages]
    lines += [f"# {note}" for note in profile.notes]
    lines += [f"# {evidence[f.name]}" for f in profile.fields if not f.selectors]
    lines.append("")
    for key in ("name", "family", "base_url", "hosts", "notes"):
        lines.append(f"{key} = {_value(data[key])}")
    lines += ["", "[urls]"]
    for key, value in data["urls"].items():
        if key in evidence:
            lines.append(f"# {evidence[key]}")
        lines.append(f"{key} = {_value(value)}")
    lines += ["", "[selectors]"]
    for key, value in data["selectors"].items():
        lines.append(f"# {evidence.get(key, key)}")
        lines.append(f"{key} = {_value(value)}")
    for table, key in (("dates", "patterns"), ("cleanup", "drop_text")):
        if table in data:
            lines += ["", f"[{table}]", f"{key} = {_value(data[table][key])}"]
    return "\n".join(lines) + "\n"
