"""Everything of tuyengiao-archive that does I/O, in wings that follow the data flow.

    URL ─► crawl (fetch, robots, frontier, discovery, the crawl loop)
            │ every response
            ▼
           warc (written as fetched, read back for re-derivation)
            │ bytes + URL ─► parsers (pure) ─► record
            ▼
           archive (SQLite: ingest, dedup, syndication, versions, search, export)
            │
            ▼
           cli (the `tuyengiao` command: thin, one module per command group)

Imports point one way, down this list; a wing never imports one above it:

    cli      → crawl, derive, archive, sites, warc, web, parsers
    crawl    → archive, sites, warc, web, parsers
    derive   → archive, sites, warc, web, parsers   (records from WARCs beyond one machine)
    archive  → sites, warc, web, parsers
    sites    → web, parsers      (the profiles as the crawler reads them)
    warc     → web
    web      → (nothing of scraper: URLs, responses, content decoding, errors, settings)

`parsers` imports nothing from `scraper`.
"""
