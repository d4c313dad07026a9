"""Places: Vietnam's provinces across the 2025 reorganisation, and the organisations
that publish and issue, resolved to a province. Pure: the reference tables are package
data (`provinces.csv`, `boards.csv`, their sources in `sources.csv`), read once.
"""
