"""URL canonicalisation: the one dedup key for frontier and archive.

``canonical_url`` is pure and idempotent. It only applies rewrites that cannot change which
resource a server returns (case of scheme and host, default ports, fragments, percent-encoding
of unreserved characters, dot segments, parameter order) plus the removal of parameters that
only track the reader or carry a session. It never merges hosts (``m.`` or ``www.``
variants): that is site knowledge and lives in the site profiles. Path case is kept because
Liferay and ASP.NET paths on government portals are case-sensitive.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from requests.utils import requote_uri

DEFAULT_PORTS = {"http": 80, "https": 443}

_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_SUB_DELIMS = frozenset("!$&'()*+,;=")
_PATH_SAFE = _UNRESERVED | _SUB_DELIMS | frozenset(":@/")
# Inside a query key or value "&" separates pairs, "=" separates key and value in keys,
# and "#" would start a fragment; everything else a query may hold literally stays literal.
_QUERY_KEY_SAFE = (_PATH_SAFE | frozenset("?")) - frozenset("&=")
_QUERY_VALUE_SAFE = (_PATH_SAFE | frozenset("?")) - frozenset("&")
_HEX = frozenset("0123456789abcdefABCDEF")

# Parameters that only say where a reader came from. Zalo, the dominant messenger in
# Vietnam, appends ``zarsrc`` and ``gidzl`` (plus utm_*) to every link shared through it.
_TRACKING_EXACT = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "zarsrc",
        "gidzl",
    }
)
_TRACKING_PREFIXES = ("utm_",)
_SESSION_EXACT = frozenset({"jsessionid", "phpsessid", "aspsessionid"})
# ``sid`` is a section id on many portals; only a 32-hex-digit value is clearly a session.
_SESSION_SID = re.compile(r"[0-9a-fA-F]{32}")
# Java servlet session in a path parameter: /path;jsessionid=ABC
_JSESSIONID_PATH = re.compile(r";jsessionid=[^/;?#]*", re.IGNORECASE)
# ASP.NET cookieless session segment: /(S(lit3py55t21z5v55vlm25s55))/page.aspx
_ASPNET_SESSION_SEGMENT = re.compile(r"/\((?:[A-Z]\([^()/]*\))+\)(?=/|$)")


def canonical_url(url: str) -> str:
    """Return the canonical form of an absolute http(s) URL.

    Raises ``ValueError`` for anything else (relative links must be resolved first).
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"not an absolute http(s) URL: {url!r}")
    path = _JSESSIONID_PATH.sub("", parts.path)
    path = _ASPNET_SESSION_SEGMENT.sub("", path)
    path = _remove_dot_segments(_normalise_escapes(path, _PATH_SAFE)) or "/"
    query = _canonical_query(parts.query)
    return urlunsplit((scheme, _canonical_netloc(scheme, parts.netloc), path, query, ""))


def resolve_location(base: str, location: str) -> str:
    """The absolute, ASCII URL a redirect's ``Location`` header points to.

    http.client decodes header bytes as latin-1; servers that put raw UTF-8 in Location
    (IIS does) are re-read as UTF-8, as browsers do, and non-ASCII is percent-escaped.
    """
    with contextlib.suppress(UnicodeError):  # not UTF-8 bytes: keep the latin-1 reading
        location = location.encode("latin-1").decode("utf-8")
    return requote_uri(urljoin(base, location.strip()))


def host_of(url: str) -> str:
    """The URL's host name, lower-case, without port or trailing dot ("" if none)."""
    host = urlsplit(url.strip()).hostname or ""
    return _canonical_host(host)


def same_site(url: str, hosts: Iterable[str]) -> bool:
    """True when the URL's host is exactly one of ``hosts`` (no subdomain matching)."""
    return host_of(url) in {_canonical_host(h) for h in hosts}


def _canonical_host(host: str) -> str:
    host = host.lower().rstrip(".")
    if host and not host.isascii():
        host = host.encode("idna").decode("ascii")
    return host


def _canonical_netloc(scheme: str, netloc: str) -> str:
    userinfo, _, hostport = netloc.rpartition("@")
    if hostport.startswith("["):  # IPv6 literal
        end = hostport.find("]")
        host, port = hostport[: end + 1].lower(), hostport[end + 1 :].lstrip(":")
    else:
        host, _, port = hostport.partition(":")
        host = _canonical_host(host)
    if port and port.isdigit() and int(port) == DEFAULT_PORTS[scheme]:
        port = ""
    elif port.isdigit():
        port = str(int(port))
    result = f"{host}:{port}" if port else host
    return f"{userinfo}@{result}" if userinfo else result


def _canonical_query(query: str) -> str:
    pairs = []
    for item in query.split("&"):
        if not item:
            continue
        key, eq, value = item.partition("=")
        key = _normalise_escapes(key, _QUERY_KEY_SAFE)
        if _is_noise(key, value):
            continue
        pairs.append((key, eq + _normalise_escapes(value, _QUERY_VALUE_SAFE)))
    pairs.sort()
    return "&".join(key + value for key, value in pairs)


def _is_noise(key: str, value: str) -> bool:
    name = key.lower()
    if name in _TRACKING_EXACT or name in _SESSION_EXACT:
        return True
    if name.startswith(_TRACKING_PREFIXES):
        return True
    return name == "sid" and _SESSION_SID.fullmatch(value) is not None


def _normalise_escapes(text: str, safe: frozenset[str]) -> str:
    """Decode escaped unreserved characters, upper-case other escapes, escape the rest.

    Non-ASCII characters (Vietnamese letters typed into a path) become UTF-8 escapes, so
    ``tin-tức`` and ``tin-t%E1%BB%A9c`` give the same key. A ``%`` not followed by two hex
    digits is escaped as ``%25``.
    """
    out: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "%" and text[i + 1 : i + 3] and set(text[i + 1 : i + 3]) <= _HEX:
            byte = text[i + 1 : i + 3].upper()
            decoded = chr(int(byte, 16))
            out.append(decoded if decoded in _UNRESERVED else "%" + byte)
            i += 3
            continue
        if char in safe:
            out.append(char)
        else:
            out.extend(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))
        i += 1
    return "".join(out)


def _remove_dot_segments(path: str) -> str:
    """RFC 3986 section 5.2.4, on an already escape-normalised path."""
    if "." not in path:
        return path
    output: list[str] = []
    segments = path.split("/")
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if len(output) > 1:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    return "/".join(output)


Origin = tuple[str, str, int]  # scheme, host (canonical), port


def origin_of(url: str) -> Origin | None:
    """(scheme, host, port) of an http(s) URL, the port made explicit; None for a URL
    with user information (``user:pw@``), another scheme, no host or a bad port."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname or "@" in parts.netloc:
        return None
    return scheme, _canonical_host(parts.hostname), port or DEFAULT_PORTS[scheme]


@dataclass(frozen=True, slots=True)
class Scope:
    """The one rule every request of a crawl obeys (pages, redirects, robots.txt,
    sitemaps, feeds): the URL's scheme, host and port are one of ``origins`` and it has
    no user information. Whatever a redirect says, nothing else is requested."""

    origins: frozenset[Origin]

    @classmethod
    def of(cls, *urls: str) -> Scope:
        """The scope of the origins of ``urls`` (each an http(s) URL)."""
        origins = {origin_of(url) for url in urls}
        origins.discard(None)
        return cls(frozenset(origins))  # type: ignore[arg-type]

    def allows(self, url: str) -> bool:
        return origin_of(url) in self.origins
