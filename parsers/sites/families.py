"""The CMS families, by name: the modules a site profile's `family` may name."""

from __future__ import annotations

from types import ModuleType

from parsers.sites import learned, liferay, newspaper, tuyengiao_vn, vnportal, wordpress

# A family module is data — FAMILY, PARSER, SELECTORS, DATE_PATTERNS, DROP_TEXT — plus
# hooks `parse`, `article_links`, `next_page` only where it needs its own; without them
# the engine's are used with the family's tables.
FAMILIES: dict[str, ModuleType] = {
    module.FAMILY: module
    for module in (tuyengiao_vn, liferay, vnportal, wordpress, newspaper, learned)
}
