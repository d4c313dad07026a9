"""A manifest: the WARC files of a derivation, one path a line.

Blank lines and lines starting with `#` are skipped; a relative path is read from the
manifest's own folder, so a manifest can travel with its WARCs. Only paths on a file
system this machine (and, on a cluster, every worker) can open are supported: a
`scheme://` address is refused with a message rather than half-read.
"""

from __future__ import annotations

from pathlib import Path


class ManifestError(ValueError):
    """The manifest cannot be used; the message names the file and the line."""


def read_manifest(path: Path) -> list[str]:
    """The WARC paths of `path`, absolute, in the manifest's order, each once."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{path}: cannot read the manifest: {exc}") from None
    found: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        entry = line.strip()
        if not entry or entry.startswith("#"):
            continue
        if "://" in entry:
            raise ManifestError(
                f"{path}:{number}: {entry!r}: only file paths are supported "
                "(mount remote storage and list its paths)"
            )
        warc = (path.parent / entry).resolve()
        if not warc.is_file():
            raise ManifestError(f"{path}:{number}: no such WARC file: {warc}")
        if str(warc) not in found:
            found.append(str(warc))
    if not found:
        raise ManifestError(f"{path}: the manifest lists no WARC file")
    return found
