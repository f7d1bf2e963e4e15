"""Every cross-reference table of the mini fixture, compared with golden files (CSV and JSON).

Regenerate after an intended change with --update-goldens, then review the diff of tests/xref/golden/.
"""

from __future__ import annotations

import pytest

from goldens import assert_matches_golden
from isacs.xref import flat


@pytest.mark.parametrize("name", sorted(flat.TABLES))
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_table_matches_golden(mini, golden, name, fmt):
    table = flat.TABLES[name](mini, "en")
    text = flat.to_csv(table, "en") if fmt == "csv" else flat.to_json(table, "en")
    assert_matches_golden(text, golden / f"{name}.{fmt}")


def test_french_csv_headers_and_terms_are_translated(mini):
    text = flat.to_csv(flat.concepts(mini, "fr"), "fr")
    assert text.startswith("\ufeffNotion,Terme,Module,Article,Liens\n")
    assert "marking,marquage,isacs/05.30" in text


def test_provisions_with_a_gap_match_golden(edition2, golden):
    """Edition 2 of the fixture has a provision (ITI 16) that no requirement cites."""
    text = flat.to_csv(flat.provisions(edition2, "en"), "en")
    assert_matches_golden(text, golden / "provisions-edition-2.csv")
    assert "ITI,16,Tracing requests,,,,,yes\n" in text
