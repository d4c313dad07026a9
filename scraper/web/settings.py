"""Fetch settings: one frozen object with polite defaults for government servers."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import metadata

PROJECT_URL = "https://github.com/tuyengiao-archive/tuyengiao-archive"
MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB
DEFAULT_MAX_DECODED_BYTES = 50 * MB


def package_version(distribution: str = "tuyengiao-archive") -> str:
    """The installed version of a distribution; "dev" when running from a source checkout."""
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "dev"


@dataclass(frozen=True, slots=True)
class FetchSettings:
    """How the fetcher behaves. The defaults are the polite ones; loosen them on purpose.

    ``min_interval`` is the pause between the end of one request and the start of the next
    to the same host; a robots.txt ``Crawl-delay`` can only lengthen it. ``max_bytes``
    caps the body as sent (still content-encoded); ``max_decoded_bytes`` caps it after
    gzip/deflate decoding, so a small compressed "bomb" cannot exhaust memory.
    ``max_response_time`` bounds one exchange as a whole (connection, headers and body):
    ``read_timeout`` bounds each read, so a body sent a byte at a time would otherwise
    never end. ``max_crawl_delay`` caps what a robots.txt ``Crawl-delay`` may ask: a
    host asking for more is deferred to a later run rather than waited on for hours.
    ``unverified_hosts`` are hosts whose TLS certificate is not checked (a site profile's
    ``verify_tls = false``, for a portal whose certificate chain is broken); every other
    host's is, unless ``verify_tls`` is off.
    """

    contact: str = PROJECT_URL
    min_interval: float = 1.0
    connect_timeout: float = 10
    read_timeout: float = 30
    max_response_time: float = 300
    max_crawl_delay: float = 60
    max_retries: int = 3
    backoff_base: float = 1.0
    max_backoff: float = 60
    retry_statuses: tuple[int, ...] = (408, 429, 500, 502, 503, 504)
    max_bytes: int = DEFAULT_MAX_BYTES
    max_decoded_bytes: int = DEFAULT_MAX_DECODED_BYTES
    max_redirects: int = 10
    obey_robots: bool = True
    verify_tls: bool = True
    unverified_hosts: frozenset[str] = frozenset()
    user_agent: str = ""

    def __post_init__(self) -> None:
        if not self.user_agent:
            object.__setattr__(
                self, "user_agent", f"tuyengiao-archive/{package_version()} (+{self.contact})"
            )

    @property
    def robots_agent(self) -> str:
        """The product token that robots.txt ``User-agent`` lines are matched against."""
        return self.user_agent.split("/", 1)[0]
