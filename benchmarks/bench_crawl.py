"""Crawler throughput across many polite hosts, with CPU time and memory.

Twenty local sites, each on a loopback address of its own (127.0.0.1 … 127.0.0.20, so
each is a separate host for politeness), answer every request in 100 ms and ask for
``Crawl-delay: 0.2`` in robots.txt: five requests a second per host, one at a time. The
ideal is then 20 × 5 = 100 pages a second. The servers run in a child process; the
crawler (the library's ``crawl``, as the command runs it, one worker per site) runs here,
so the CPU time and memory measured are the crawler's alone.

    python benchmarks/bench_crawl.py --pages 20000
"""

from __future__ import annotations

import argparse
import multiprocessing
import re
import resource
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from scraper.archive.store import Archive, RunCounts
from scraper.crawl.frontier import Item
from scraper.crawl.run import crawl
from scraper.crawl.site import CrawlOptions
from scraper.sites.registry import SiteProfile
from scraper.web.settings import FetchSettings
from tests.support.pages import article_page, listing_page
from tests.support.site_server import LocalSite, Reply, Request

PER_LISTING = 50


def _serve(hosts: int, articles: int, latency: float, delay: float, ready, stop) -> None:
    """Child process: start the sites, report their ports, serve until told to stop."""
    sites = []
    for index in range(1, hosts + 1):
        site = LocalSite()
        robots = f"User-agent: *\nCrawl-delay: {delay}\n".encode()
        site.add("/robots.txt", Reply(body=robots, content_type="text/plain", delay=latency))
        paths = [f"/bai-{index}-{n}-{100000 + n}" for n in range(articles)]

        def listing(request: Request, paths: list[str] = paths) -> Reply:
            page = int(request.query.removeprefix("page=") or 1) if request.query else 1
            links = paths[(page - 1) * PER_LISTING : page * PER_LISTING]
            more = page * PER_LISTING < len(paths)
            following = f"/tin-tuc?page={page + 1}" if more else None
            return Reply(body=listing_page(links, following).encode(), delay=latency)

        site.route("/tin-tuc", listing)
        for n, path in enumerate(paths):
            number = index * 1_000_000 + n

            def article(_request: Request, number: int = number) -> Reply:
                return Reply(body=article_page(number).encode(), delay=latency)

            site.route(path, article)
        site.start(host=f"127.0.0.{index}")
        sites.append(site)
    ready.send([site.port for site in sites])
    stop.wait()
    for site in sites:
        site.stop()


def _profiles(ports: list[int]) -> list[SiteProfile]:
    return [
        SiteProfile(
            name=f"bench{i:02d}.example",
            base_url=f"https://bench{i:02d}.example",
            hosts=frozenset({f"bench{i:02d}.example"}),
            listings=("/tin-tuc",),
            article_pattern=re.compile(r"/bai-\d+-\d+-\d{6}"),
            family="generic",
        ).with_mirror(f"http://127.0.0.{i}:{port}")
        for i, port in enumerate(ports, 1)
    ]


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=20000, help="article pages in all")
    parser.add_argument("--hosts", type=int, default=20)
    parser.add_argument("--latency", type=float, default=0.1, help="server answer time (s)")
    parser.add_argument("--crawl-delay", type=float, default=0.2, help="robots Crawl-delay")
    parser.add_argument("--checkpoints", type=int, default=10, help="RSS samples")
    args = parser.parse_args()

    per_host = args.pages // args.hosts
    ready, ready_child = multiprocessing.Pipe()
    stop = multiprocessing.Event()
    server = multiprocessing.Process(
        target=_serve,
        args=(args.hosts, per_host, args.latency, args.crawl_delay, ready_child, stop),
        daemon=True,
    )
    server.start()
    ports = ready.recv()
    total_pages = args.hosts * (per_host + -(-per_host // PER_LISTING) + 1)  # + listings, robots
    every = max(1, total_pages // args.checkpoints)
    samples: list[tuple[int, float, float]] = []  # (pages, seconds, RSS MB)
    done = 0
    lock = threading.Lock()

    def progress(_item: Item, _outcome: str, _counts: RunCounts) -> None:
        nonlocal done
        with lock:
            done += 1
            if done % every == 0:
                samples.append((done, time.monotonic() - started, _rss_mb()))

    with tempfile.TemporaryDirectory() as folder:
        archive = Archive(Path(folder) / "archive.db")
        settings = FetchSettings(min_interval=0.0, read_timeout=10, connect_timeout=5)
        rss_start = _rss_mb()
        cpu_start = time.process_time()
        started = time.monotonic()
        result = crawl(
            archive,
            _profiles(ports),
            settings,
            command="bench",
            options=CrawlOptions(workers=args.hosts),
            progress=progress,
        )
        wall = time.monotonic() - started
        cpu = time.process_time() - cpu_start
        fetched = archive.db.execute("SELECT count(*) FROM fetches").fetchone()[0]
        archive.close()
    stop.set()
    server.join(5)

    requests = fetched + args.hosts  # robots.txt answers are archived, not logged
    # One request at a time per host, the next when both the delay and the answer are over.
    period = max(args.crawl_delay, args.latency)
    ideal = args.hosts / period if period else None
    rate = requests / wall
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"hosts {args.hosts}, latency {args.latency} s, Crawl-delay {args.crawl_delay} s")
    print(f"counts: {result.counts.as_row()}; failed sites: {result.failed_sites or 'none'}")
    print(f"requests {requests} in {wall:.1f} s: {rate:.1f} pages/s")
    if ideal:
        print(f"ideal {ideal:.0f} pages/s: {100 * rate / ideal:.1f} % of ideal")
    if len(samples) >= 3:
        (p0, t0, _), (p1, t1, _) = samples[0], samples[-1]
        steady = (p1 - p0) / (t1 - t0)
        share = f", {100 * steady / ideal:.1f} %" if ideal else ""
        print(f"steady state ({p0}→{p1} pages): {steady:.1f} pages/s{share}")
    print(f"CPU {cpu:.1f} s: {1000 * cpu / requests:.2f} ms per page")
    print(f"RSS at start {rss_start:.0f} MB, peak {peak:.0f} MB")
    for pages, seconds, rss in samples:
        print(f"  after {pages:6d} pages ({seconds:6.1f} s): RSS {rss:6.1f} MB")


if __name__ == "__main__":
    main()
