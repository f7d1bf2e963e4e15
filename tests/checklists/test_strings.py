"""The checklist strings exist in all six languages, and placeholders match the English ones."""

from __future__ import annotations

import re
from importlib import resources

from ruamel.yaml import YAML

from isacs.core.languages import LANGUAGES


def test_every_string_in_six_languages_with_the_same_placeholders():
    table = YAML(typ="safe").load(resources.files("isacs.i18n").joinpath("checklists.yaml").read_text("utf-8"))
    assert table
    for key, values in table.items():
        assert key.startswith(("cl_", "dl_", "as_")), key
        assert set(values) == set(LANGUAGES), key
        placeholders = set(re.findall(r"\{(\w+)\}", values["en"]))
        for lang in LANGUAGES:
            assert str(values[lang]).strip(), (key, lang)
            assert set(re.findall(r"\{(\w+)\}", str(values[lang]))) == placeholders, (key, lang)
