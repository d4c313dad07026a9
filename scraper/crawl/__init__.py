"""The crawl: from a site's profile to stored articles, politely and resumably.

Order of work: `discover` turns listings, sitemaps and feeds into URLs; `frontier`
keeps them in the archive (persistent, resumable); `fetch` requests one URL (robots.txt
through `robots`, per-host delay, retries, size caps); the response goes to the WARC
first, then `scraper.archive.ingest` parses and stores it, one transaction per page;
`site` is that loop for one site, `run` runs several sites side by side; `recheck`
fetches archived articles again (`update`'s schedule, `tuyengiao recheck`) and tells
edits, removals and outages apart; `events` is the `--log-json` event log.

May import `scraper.archive`, `scraper.sites`, `scraper.warc`, `scraper.web` and
`parsers`; never the command line.
"""
