"""Test doubles for time, and a Fetcher built on them."""

from __future__ import annotations

from scraper.crawl.fetch import Fetcher
from scraper.web.settings import FetchSettings

FAST = FetchSettings(min_interval=0.0, connect_timeout=2, read_timeout=2, max_retries=2)


class FakeTime:
    """A clock for the Fetcher: sleeping advances time instantly and is recorded."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def make_fetcher(settings: FetchSettings = FAST) -> tuple[Fetcher, FakeTime]:
    fake = FakeTime()
    return Fetcher(settings, sleep=fake.sleep, clock=fake.clock), fake
