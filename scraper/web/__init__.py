"""What crosses the wire, as plain data: the bottom layer every other wing builds on.

Owns: `urls` (canonical URLs, the one dedup key; hosts and redirect targets), `response`
(one HTTP response as fetched, and `FetchError`), `content` (Content-Encoding decoding
under a size cap), `errors` (the crawl's other named failures), `settings` (the frozen
polite defaults). Imports nothing else of `scraper`, and never the network itself:
requests are made only by `scraper.crawl.fetch`.
"""
