"""The plugin option `offline` (mkdocs.yml: plugins: - isacs: {offline: false}): on by default, checked by
mkdocs' config validation, and passed to the post-build step that writes the service worker (tested in
tests/site/test_offline.py)."""

from __future__ import annotations

import isacs.mkdocs_adapter.plugin as plugin_module
from isacs.mkdocs_adapter.config import IsacsConfig


def test_offline_reading_is_on_unless_switched_off():
    for given, expected in (({}, True), ({"offline": False}, False)):
        config = IsacsConfig()
        config.load_dict(given)
        errors, _ = config.validate()
        assert not errors and config.offline is expected
    config = IsacsConfig()
    config.load_dict({"offline": "no"})
    assert config.validate()[0]  # not a boolean: mkdocs reports it


def test_the_option_reaches_the_step_that_writes_the_worker(make_config, monkeypatch):
    calls = []
    monkeypatch.setattr(plugin_module, "finish_site", lambda *args, **kwargs: calls.append(kwargs))
    for value in (True, False):
        config = make_config(isacs={"offline": value})
        plugin = config.plugins["isacs"]
        plugin.languages_stack = ["en"]  # the outermost language build, finishing
        plugin._finish(config)
        assert calls[-1]["offline"] is value and calls[-1]["csp"] is True
