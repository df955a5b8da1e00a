"""Every user-facing word: each key in both languages, with the same placeholders."""
from __future__ import annotations

import string

import pandas as pd
import pytest

from pilotlib.core.i18n import LANGS, check_lang, label, reasons, say, title
from pilotlib.core.messages import CATALOG

KEYS = sorted(f"{namespace}.{key}" for namespace, table in CATALOG.items() for key in table)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", KEYS)
def test_every_message_has_vi_and_en_with_the_same_placeholders(key):
    namespace, name = key.split(".", 1)
    texts = CATALOG[namespace][name]
    assert set(texts) == set(LANGS) and all(texts.values())
    assert _fields(texts["vi"]) == _fields(texts["en"])


def test_the_catalog_is_not_empty_and_keys_are_plain_words():
    assert len(KEYS) > 100  # every namespace holds its table, none was lost in a move
    assert all(k.replace(".", "").replace("_", "").isalnum() for k in KEYS)


def test_reasons_are_formatted_per_distinct_value():
    keys = pd.Series(["negative"] * 3)
    values = pd.Series(["-1", "-2", "-1"])
    hints = pd.Series(["", "", ""])
    assert reasons(keys, values, hints, "en").tolist() == [
        "negative count: '-1'", "negative count: '-2'", "negative count: '-1'"]


def test_a_message_is_found_by_its_namespaced_key():
    assert say("reason.negative", "vi", value="-3") == "số biên chế âm: '-3'"
    assert say("cli.row", "en") == "row"
    assert title("unit_report", "vi", "Đạ Tẻh") == "Báo cáo đơn vị: Đạ Tẻh"
    with pytest.raises(KeyError):
        say("reason.no_such_reason", "vi")


def test_labels_fall_back_to_the_key_for_columns_without_one():
    assert label("posts", "en") == "Posts"
    assert label("some_column", "en") == "some_column"


@pytest.mark.parametrize("call", [lambda: say("reason.empty", "fr"), lambda: label("posts", "fr"),
                                  lambda: check_lang("EN")])
def test_unknown_language_is_an_error(call):
    with pytest.raises(ValueError, match="vi, en"):
        call()


def test_a_message_for_whole_columns_equals_one_per_row():
    import numpy as np

    from pilotlib.core.i18n import say_each

    others, more = np.array(["3", "7 of b.csv"], dtype=object), np.array(["", " (and 2 more rows)"], dtype=object)
    assert say_each("reason.duplicate_row", "en", other=others, more=more).tolist() == [
        say("reason.duplicate_row", "en", other=o, more=m) for o, m in zip(others, more)]
    assert say_each("hint.more_rows", "vi", value=np.array([1, 12])).tolist() == [" (và 1 dòng khác)",
                                                                                   " (và 12 dòng khác)"]


def test_a_refusal_names_the_path_in_both_languages_and_the_system_words_last():
    from pilotlib.core.errors import DataError
    from pilotlib.core.i18n import refusal

    error = refusal("bang.csv", "cannot_read", why="Permission denied")
    assert isinstance(error, DataError) and error.exit_status == 2
    assert str(error) == "bang.csv: không đọc được / cannot read: Permission denied"
