"""Records derived from WARC files beyond one machine: a process pool, Dask or Spark.

Owns: `manifest` (the list of WARC files a job reads), `records` (one WARC file → its
records and failures as Parquet parts: the unit of work every engine runs), `engines`
(how the units are spread: `local`, `dask`, `spark`). Every response is classified and
parsed by `scraper.archive.ingest.read_response`, the code `reparse` uses, so a
cluster's output is what the archive would store. Output file names depend on the
input only, never on the engine or the partitioning, so every engine writes the same
bytes.

May import `scraper.archive`, `scraper.warc`, `scraper.web` and `parsers`.
"""
