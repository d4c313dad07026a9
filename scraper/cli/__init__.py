"""The `tuyengiao` command: thin modules that parse arguments, call a wing, print.

One module per command group, named for the group: `main` (the group itself, `parse`,
`extract`, `eval`, `search`, the re-derivation commands), `crawl` (`crawl`, `update`),
`archive` (`export`, `import-jsonl`, `merge`, `serve`), `sites` (`sites`, `sites check`),
and `common` (options and helpers they share). Domain errors become one-line
`ClickException`s here and nowhere else. May import every wing; nothing imports it.
"""
