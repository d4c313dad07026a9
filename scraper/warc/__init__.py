"""Raw first: every response is written to a WARC file, as fetched, before it is parsed.

Owns: `writer` (appends responses, requests and revisits with their digests; returns
the pointer the archive stores), `reader` (reads our WARCs through a pointer, or anyone's
WARC file record by record). Imports only `scraper.web`.
"""
