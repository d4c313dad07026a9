"""Placement: how often the text rule places a provincial article in its own province, and
what placing costs an archive.

    PYTHONPATH=. python benchmarks/bench_places.py accuracy [--gold DIR]
    PYTHONPATH=. python benchmarks/bench_places.py speed [--articles 20000]

`accuracy` runs the text rule alone (no site profile, no byline) on the gold texts of
provincial hosts, whose province is known from the host (the table below, written by
hand from the host names); the national hosts are counted apart, since an article there
may be about any province. `speed` stores synthetic articles
(`benchmarks.corpus.VocabularyCorpus`) without placing them, then times placing them all
(`Archive.place_articles`, as the end of a run or an upgraded archive's first search
does), and a second call with nothing to place.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

from benchmarks.archive_bench import store_all
from benchmarks.corpus import VocabularyCorpus
from parsers.places.placement import text_province

REPO = Path(__file__).resolve().parents[1]
GOLD = Path(os.environ.get("TUYENGIAO_GOLD", REPO.parent / "shared" / "gold" / "dev"))

# The province of each provincial host of the dev gold, from the host name (a district or
# commune site counts for its province). Hosts not listed are national or from a city paper
# that covers the country (plo.vn, sggp.org.vn).
HOST_PROVINCES = {
    "bachthong.gov.vn": "Bắc Kạn", "bantuyengiao.cantho.gov.vn": "Cần Thơ",
    "baodanang.vn": "Đà Nẵng", "baodongkhoi.vn": "Bến Tre", "baogialai.com.vn": "Gia Lai",
    "baohatinh.vn": "Hà Tĩnh", "baohungyen.vn": "Hưng Yên", "baosonla.org.vn": "Sơn La",
    "baothanhhoa.vn": "Thanh Hóa", "baothuathienhue.vn": "Huế",
    "btgtu.thanhhoa.dcs.vn": "Thanh Hóa", "giolinh.quangtri.gov.vn": "Quảng Trị",
    "hanoimoi.vn": "Hà Nội", "hdnd.haiduong.gov.vn": "Hải Dương", "hoianrt.vn": "Quảng Nam",
    "hoinongdanag.org.vn": "An Giang", "qbtv.vn": "Quảng Bình",
    "tanhong.dongthap.gov.vn": "Đồng Tháp", "tayninh.dcs.vn": "Tây Ninh",
    "tinhuybinhphuoc.vn": "Bình Phước", "tinhuyquangtri.vn": "Quảng Trị",
    "truyenhinhthanhhoa.vn": "Thanh Hóa", "ttvhbinhlu.laichau.gov.vn": "Lai Châu",
    "tuyengiaobinhphuoc.org.vn": "Bình Phước", "ubmttq.camau.gov.vn": "Cà Mau",
    "vanphong.langson.gov.vn": "Lạng Sơn", "vhttdldaklak.gov.vn": "Đắk Lắk",
    "vksdanang.gov.vn": "Đà Nẵng", "vpubnd.daknong.gov.vn": "Đắk Nông",
    "www.angiang.dcs.vn": "An Giang", "www.baolaichau.vn": "Lai Châu", "yenbai.gov.vn": "Yên Bái",
}  # fmt: skip


def accuracy(gold: Path) -> None:
    outcomes: Counter[str] = Counter()
    national: Counter[str] = Counter()
    for path in sorted(gold.glob("*.json")):
        site = json.loads(path.read_text(encoding="utf-8"))["site"]
        text = path.with_suffix(".txt").read_text(encoding="utf-8")
        found = text_province(text)
        truth = HOST_PROVINCES.get(site)
        if truth is None:
            national["placed" if found else "unplaced"] += 1
        elif found is None:
            outcomes["unplaced"] += 1
        else:
            outcomes["right" if found[0] == truth else "wrong"] += 1
            if found[0] != truth:
                print(f"  wrong: {path.stem} {site}: {found} (host: {truth})")
    placed = outcomes["right"] + outcomes["wrong"]
    total = placed + outcomes["unplaced"]
    print(
        f"provincial hosts: {total} texts, {placed} placed by the text rule, "
        f"{outcomes['right']} right, {outcomes['wrong']} wrong, {outcomes['unplaced']} unplaced"
    )
    print(
        f"national hosts: {sum(national.values())} texts, {national['placed']} placed, "
        f"{national['unplaced']} unplaced"
    )


def speed(articles: int) -> None:
    from scraper.archive.store import Archive

    corpus = VocabularyCorpus(seed=1)
    records = [corpus.article(i) for i in range(articles)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        with Archive(path) as archive:
            store_all(archive, records, workers=False)
        connection = sqlite3.connect(path)
        with connection:
            connection.execute("DELETE FROM article_places")  # as an archive from before m007
        connection.close()
        with Archive(path) as archive:
            for label in ("placing every article", "with nothing to place"):
                start, cpu = time.perf_counter(), time.process_time()
                archive.place_articles()
                seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
                print(f"{label}: {articles} articles, {seconds:.2f} s ({cpu:.2f} s CPU)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    acc = sub.add_parser("accuracy")
    acc.add_argument("--gold", type=Path, default=GOLD)
    spd = sub.add_parser("speed")
    spd.add_argument("--articles", type=int, default=20_000)
    args = parser.parse_args()
    if args.command == "accuracy":
        accuracy(args.gold)
    else:
        speed(args.articles)


if __name__ == "__main__":
    main()
