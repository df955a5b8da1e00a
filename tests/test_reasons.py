"""The reason/warning table: every message in both languages, with the same placeholders."""
from __future__ import annotations

import string

import pandas as pd
import pytest

from pilotlib import reasons


@pytest.mark.parametrize("key", sorted(reasons.TEXTS))
def test_every_message_has_vi_and_en_with_the_same_placeholders(key):
    texts = reasons.TEXTS[key]
    assert set(texts) == {"vi", "en"} and all(texts.values())
    fields = [{f for _, f, _, _ in string.Formatter().parse(texts[lang]) if f} for lang in ("vi", "en")]
    assert fields[0] == fields[1]


def test_reasons_are_formatted_per_distinct_value():
    keys = pd.Series(["negative"] * 3)
    values = pd.Series(["-1", "-2", "-1"])
    hints = pd.Series(["", "", ""])
    assert reasons.reasons(keys, values, hints, "en").tolist() == [
        "negative count: '-1'", "negative count: '-2'", "negative count: '-1'"]


def test_unknown_language_is_an_error():
    with pytest.raises(ValueError):
        reasons.text("empty", "fr")
