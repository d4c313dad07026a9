"""FetchSettings: polite defaults and the User-Agent."""

from __future__ import annotations

import dataclasses

import pytest

from scraper.web.settings import FetchSettings


def test_defaults_are_polite() -> None:
    settings = FetchSettings()
    assert settings.min_interval >= 1.0
    assert settings.obey_robots and settings.verify_tls
    assert settings.retry_statuses == (408, 429, 500, 502, 503, 504)
    assert settings.max_bytes == 20 * 1024 * 1024
    assert settings.max_decoded_bytes == 50 * 1024 * 1024
    assert settings.user_agent.startswith("tuyengiao-archive/")
    assert settings.user_agent.endswith("(+https://github.com/tuyengiao-archive/tuyengiao-archive)")
    assert settings.robots_agent == "tuyengiao-archive"


def test_contact_goes_into_the_user_agent() -> None:
    settings = FetchSettings(contact="mailto:archive@example.org")
    assert settings.user_agent.endswith("(+mailto:archive@example.org)")
    assert FetchSettings(user_agent="custom/1.0").user_agent == "custom/1.0"


def test_settings_are_frozen() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        FetchSettings().min_interval = 0  # type: ignore[misc]
