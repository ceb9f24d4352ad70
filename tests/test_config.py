"""Settings: layered sources, and docs/settings.md naming every setting."""

from pathlib import Path

from crossings import config

DOCS = Path(__file__).resolve().parent.parent / "docs" / "settings.md"


def test_config_every_setting_is_documented():
    text = DOCS.read_text()
    for name, _default, _help in config.describe():
        assert f"`{name}`" in text, f"docs/settings.md does not list {name}"


def test_config_layers_file_then_environment_then_flags(tmp_path, monkeypatch):
    toml = tmp_path / "crossings.toml"
    toml.write_text('fetch_timeout = 3.5\nmax_feed_entries = 7\n')
    monkeypatch.setenv("CROSSINGS_MAX_FEED_ENTRIES", "9")
    monkeypatch.setenv("CROSSINGS_DB", "sqlite:///from-env.sqlite")
    settings = config.load(toml, db="sqlite:///from-flag.sqlite")
    assert settings.fetch_timeout == 3.5  # from the file
    assert settings.max_feed_entries == 9  # the environment beats the file
    assert settings.db == "sqlite:///from-flag.sqlite"  # a flag beats both
    assert settings.user_agent == config.Settings().user_agent  # untouched keys keep their defaults


def test_config_boolean_environment_values(monkeypatch):
    monkeypatch.setenv("CROSSINGS_TRIAGE", "false")
    assert config.load("/nonexistent.toml").triage is False
