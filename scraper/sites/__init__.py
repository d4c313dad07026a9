"""The registered sites: profiles as the crawler reads them, and the registry by name.

Owns: `profile` (a site as the crawler sees it: URLs, hosts, mirror), `load` (reading and
validating profile files; the files themselves are data of `parsers`), `registry`
(the packaged sites by name). May import `parsers` and `scraper.web`; imported by the
archive (placing articles by their site's province), the crawl and the command line.
"""
