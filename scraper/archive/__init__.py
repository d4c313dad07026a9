"""The SQLite archive: the single source of crawl state and of every derived record.

Order of work for one page: `ingest` classifies the response and parses it, `prepare`
computes what the record alone gives (hashes, near-duplicate keys, folded text),
`store` writes it in one transaction (with `pending` and `syndication` for story
clusters, `dedup` for the keys); `schema` holds the migrations applied on open.
Reading side: `search`, `export`, `serve` (Datasette), `health` (parser health),
`recheck` (what a re-check sends), `schedule` (when each article is re-checked),
`changes` (edits, removals, restorations, moves) and `changefeed` (listing them, Atom,
export). Whole-archive jobs: `bulk`, `rederive` (import-warc, reparse, rebuild),
`merge` (with `mergechanges`, the events it carries). `runlock` is the one-writer lock.

`places` places each article in the old and the new map of provinces (from its site's
profile, its byline or its text); `host_moves` learns sites' moves from redirects kept
in the WARCs.

May import `scraper.sites`, `scraper.warc`, `scraper.web` and `parsers`; never the crawl
or the command line.
"""
