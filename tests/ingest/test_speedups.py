"""The shortcuts taken for speed give exactly what the long way gives.

Each optimisation for national-scale tables (benchmarks/) answers some cases without the
general code; these tests hold it to the general code's answer, value for value.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path
from unittest import mock

import numpy as np
import pandas as pd
import pytest
from conftest import staffing_rows
from hypothesis import given, settings
from hypothesis import strategies as st

from pilotlib.core import paths
from pilotlib.core.errors import DataError, TableValidationError
from pilotlib.core.io import read_csv_text
from pilotlib.core.legacy_text import nfc_text
from pilotlib.reference import header_words, schema, validate

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"


# --- schema: the fast path returns pandera's frame, or steps aside ------------------------
def _same_as_pandera(frame: pd.DataFrame, table: str) -> None:
    fast = validate._certainly_valid(frame, table)
    slow = validate._pandera_validate(frame, table)
    assert fast is not None, "a valid table should take the fast path"
    pd.testing.assert_frame_equal(fast, slow, check_exact=True)
    assert list(fast.columns) == list(slow.columns)
    assert list(fast.dtypes) == list(slow.dtypes)
    assert (fast.pandera.schema is None) == (slow.pandera.schema is None)


def _tables() -> list[tuple[str, pd.DataFrame]]:
    """Tables as the library meets them: bundled CSVs read as text, and the staffing
    normaliser's expected outputs and rejects (tests/fixtures/staffing)."""
    data = paths.bundled_data_dir()
    tables = [("staffing", read_csv_text(data / "staffing.csv")), ("issues", read_csv_text(data / "issues.csv")),
              ("staffing", read_csv_text(data / "example" / "staffing.csv")),
              ("units", read_csv_text(paths.reference_dir() / "units.csv").fillna(""))]
    tables += [("staffing", read_csv_text(p)) for p in sorted(FIXTURES.glob("*.expected.csv"))]
    tables += [("rejects", read_csv_text(p)) for p in sorted(FIXTURES.glob("*.rejects.csv"))]
    return tables


def test_fast_validation_equals_pandera():
    seen = set()
    for table, frame in _tables():
        _same_as_pandera(frame, table)  # counts as read from a CSV: text
        if table in seen:
            continue
        seen.add(table)  # the first table of each kind, in every shape the library passes
        if table == "staffing":
            _same_as_pandera(frame.assign(posts=frame["posts"].astype(np.int64)), table)
        _same_as_pandera(frame.assign(extra=1), table)  # a column outside the contract
        _same_as_pandera(frame.astype({c: object for c in frame.columns}), table)
        _same_as_pandera(frame.iloc[:0], table)  # no rows


def test_fast_validation_steps_aside_for_anything_doubtful():
    good = staffing_rows([{"unit": "Lâm Hà", "structure": "old", "posts": 3}])
    assert validate._certainly_valid(good, "staffing") is not None
    failing = [
        good.assign(unit=""), good.assign(structure="giữa kỳ"), good.assign(posts=-1), good.assign(posts="-1"),
        good.assign(posts="x"), good.assign(posts=3.0), good.assign(unit_code="67a"), good.assign(code_vintage="23"),
        good.assign(body=np.nan), good.assign(body=[None]), good.assign(unit_code=[672]),
        good.assign(position_group="boss"), good.assign(provenance="guess"),
    ]
    for frame in failing:
        assert validate._certainly_valid(frame, "staffing") is None
    for frame in [*failing, good.assign(posts=" 3"), good.assign(posts="+3")]:
        fast = validate._certainly_valid(frame, "staffing")  # None, or exactly pandera's table
        try:
            expected = validate._pandera_validate(frame, "staffing")
        except TableValidationError as exc:
            assert fast is None
            with pytest.raises(TableValidationError, match=re.escape(str(exc))):
                validate.validate(frame, "staffing")
        else:
            pd.testing.assert_frame_equal(validate.validate(frame, "staffing"), expected, check_exact=True)
    units = read_csv_text(paths.reference_dir() / "units.csv").fillna("")
    assert validate._certainly_valid(pd.concat([units, units.iloc[:1]]), "units") is None  # unit twice


def test_schemas_built_from_the_contract_are_pandera_schemas():
    assert list(validate.SCHEMAS) == list(schema.CONTRACTS)
    assert list(validate.SCHEMAS["staffing"].columns) == schema.STAFFING_COLUMNS
    assert "pandera" in sys.modules


# --- text: NFC line by line, legacy repair, letterless labels ----------------------------
def test_nfc_text_equals_unicodedata():
    lines = ["Lâm Hà;1", unicodedata.normalize("NFD", "Đạ Tẻh;2"), "plain ascii", "", "\u2126 ohm \u212b",
             "\u1100\u1161 jamo", "e\u0301\u0323 marks", "a\u0308\u0304", "\ufeffbom", "\r\n", "x" * 10]
    for text in ("\n".join(lines), "\n".join(lines) + "\n", "\n".join(reversed(lines)), "", "\n",
                 unicodedata.normalize("NFD", "Huyện Lâm Hà\nĐạ Huoai")):
        assert nfc_text(text) == unicodedata.normalize("NFC", text)


def test_characters_taken_as_inert_never_change_under_nfc():
    """U+0000–U+02FF and U+1E00–U+1EFF: NFC-stable, class 0, never the 2nd of a pair."""
    seconds = set()
    for code in range(0x110000):
        decomposition = unicodedata.decomposition(chr(code))
        if decomposition and not decomposition.startswith("<"):
            seconds |= {int(part, 16) for part in decomposition.split()[1:]}
    for code in [*range(0x300), *range(0x1E00, 0x1F00)]:
        char = chr(code)
        assert unicodedata.normalize("NFC", char) == char and unicodedata.combining(char) == 0
        assert code not in seconds


@pytest.mark.parametrize("text", ["12", " 1.234 ", "(3)", "-", "1/2", "", "Tổng cộng", "Cộng: 5", "TỔNG SỐ",
                                  "Ghi chú: x", "(*) nguồn", "**", "123abc", "①", "²", "Total", "Lâm Hà"])
def test_letterless_shortcut_agrees_with_folding(text):
    words = header_words.words()
    assert words.letters_only_labels
    key, loose = header_words.header_key(text), header_words.fold(text)
    total = any(key == label or (prefix and key.startswith(label + " "))
                or pattern.match(loose) for label, prefix, pattern in words.total_patterns)
    note = text.lstrip().startswith(("*", "(*", "**")) or any(
        key == n or key.startswith(n + " ") for n in words.notes)
    assert header_words.is_total(text) == total
    assert header_words.is_note(text) == note


@pytest.mark.parametrize("text", ["Tổng cộng", "TỔNG SỐ", "Cộng:", "Cộng (3 huyện)", "cong - 5", "Tổng", "Tổng cộngx",
                                  "Cộng Lâm Hà", "Số biên chế (người)", "Số biên chế [người]", "Số biên chế (",
                                  "Đơn vị", "(Đơn vị)", "Lâm Hà", "", "   ", "12", "Total:", "Grand total"])
def test_total_and_exact_field_shortcuts_agree_with_the_label_loop(text):
    """is_total tests keys, prefixes and patterns in one step each; exact_field skips
    bare_key when nothing is in brackets. Both give the per-label loop's answer."""
    words = header_words.words()
    key, loose = header_words.header_key(text), header_words.fold(text)
    total = any(key == label or (prefix and key.startswith(label + " "))
                or pattern.match(loose) for label, prefix, pattern in words.total_patterns)
    assert header_words.is_total(text) == total
    exact = next((words.exact[k] for k in (key, header_words.bare_key(text)) if k in words.exact), None)
    assert header_words.exact_field(text) == (exact if text.strip() else None)


@pytest.mark.parametrize("values", [["", " ", "\t\n", "a", " a ", "12", "١٢", "²"], ["", 1.5, "x", None, " "],
                                    [chr(c) for c in range(0x3001)] + ["\u200b", "\ufeff", "\u3000 \x1c"]])
def test_blank_and_digit_tests_mapped_in_c_agree_with_the_loop(values):
    """cells._present and row_kinds._digit_only map str methods in C when every value is
    text, and test value by value otherwise: the same answers either way."""
    from pilotlib.ingest.cells import _present
    from pilotlib.ingest.row_kinds import _digit_only

    array = np.array(values, dtype=object)
    assert _present(array).tolist() == [not (isinstance(u, str) and (not u or u.isspace())) for u in values] + [False]
    assert _digit_only(array).tolist() == [isinstance(u, str) and u.isdigit() for u in values]


# --- reading CSV bytes: read as they are, UTF-8 checked by the parser --------------------
_CELLS = st.sampled_from(["", " ", "a", "Đạ Tẻh", "12", '"21,0"', '"x;y"', "  5 ", '"two\nlines"', '"cr\r\nlf"',
                          '"say ""hi"""', "|"])


@settings(max_examples=100)
@given(st.lists(st.lists(_CELLS, min_size=1, max_size=5), min_size=1, max_size=12),
       st.sampled_from([";", ","]), st.sampled_from(["\n", "\r\n", "\r"]), st.booleans(),
       st.integers(0, 300))
def test_csv_read_as_it_is_gives_the_careful_reading(tmp_path_factory, rows, separator, line_end, last_break,
                                                      wide_at):
    """cells._read_directly reads the bytes as they are with the width of the first lines;
    the table is the one read the careful way (line ends unified, every line counted),
    whatever the line ends, quotes, line breaks in quotes and a wider line after line 200."""
    from pilotlib.ingest import cells

    lines = [separator.join(row) for row in rows] * 20  # past the first 200 lines
    lines.insert(min(wide_at, len(lines)), separator.join(["w"] * 7))
    source = tmp_path_factory.mktemp("csv") / "t.csv"
    source.write_bytes((line_end.join(lines) + (line_end if last_break else "")).encode())
    try:
        table = cells.read_table(source)
    except DataError as exc:
        table, refused = None, str(exc)
    with mock.patch.object(cells, "_read_directly", lambda data, separator, lines: None):
        if table is None:
            with pytest.raises(DataError, match=re.escape(refused)):
                cells.read_table(source)
            return
        expected = cells.read_table(source)
    pd.testing.assert_frame_equal(table.cells, expected.cells)
    assert table.rows.tolist() == expected.rows.tolist()


@pytest.mark.parametrize("raw", [
    b"Don vi;So\nL\xb8m Ha;21\n",  # TCVN3 bytes below 0xCC: not UTF-8, unseen by NFC's stretches
    b"Don vi;So\nLam Ha;21\n\xc0\n",  # an invalid byte on a line of its own
    "Đơn vị;Số\n".encode() + b"L\xb8m;\"21\n",  # not UTF-8, and an unclosed quote
    "Đơn vị;Số\nLâm Hà;\"21\n".encode(),  # UTF-8 with an unclosed quote: refused as before
])
def test_utf8_trusted_until_parsed_reads_as_checked(tmp_path, monkeypatch, raw):
    """read_table takes UTF-8 on trust and lets the parser check it; bytes that are not
    UTF-8 are read as the checked path reads them (decode_text), refusals are the same."""
    from pilotlib.ingest import cells

    source = tmp_path / "t.csv"
    source.write_bytes(raw)
    try:
        table = cells.read_table(source)
    except DataError as exc:
        table, refused = None, str(exc)
    unchecked = cells.decode_csv
    monkeypatch.setattr(cells, "decode_csv", lambda path, check=True: unchecked(path, check=True))
    if table is None:  # the long way refuses it in the same words
        with pytest.raises(DataError, match=re.escape(refused)):
            cells.read_table(source)
        return
    expected = cells.read_table(source)
    assert (table.encoding, table.repaired) == (expected.encoding, expected.repaired)
    pd.testing.assert_frame_equal(table.cells, expected.cells)
    assert table.rows.tolist() == expected.rows.tolist()


# --- vocab: "did you mean" among 10⁴ keys, difflib's answer ------------------------------
_SYLLABLES = ["lam", "ha", "da", "teh", "huoai", "bao", "loc", "di", "linh", "duc", "trong", "don", "duong",
              "1", "x", "phuong", "a"]
_KEYS = st.lists(st.sampled_from(_SYLLABLES), min_size=1, max_size=4).map(" ".join)


@settings(max_examples=60)  # each example builds a 200-key vocabulary
@given(st.lists(_KEYS, min_size=200, max_size=220, unique=True), _KEYS | st.text(max_size=6),
       st.sampled_from([0.6, 0.85]))
def test_closest_key_is_difflibs(keys, word, cutoff):
    """vocab._closest bounds every key at once and tries the likeliest first; it must name
    the key difflib.get_close_matches names (or none)."""
    import difflib

    from pilotlib.reference.vocab import _closest

    found = difflib.get_close_matches(word, keys, n=1, cutoff=cutoff)
    assert _closest(word, tuple(keys), cutoff) == (found[0] if found else None)


def test_a_key_exactly_at_the_cutoff_is_found():
    """"abc" against "abcdefg": both quick bounds and the ratio are exactly 0.6 (2·3 / 10),
    and difflib keeps a ratio equal to the cutoff — so must the bounds (">=", not ">").
    Among 200 keys sharing no letter with "abc", so the bounded search is the one used."""
    from pilotlib.reference.vocab import _closest

    fillers = tuple(f"xyz {n:03d}" for n in range(200))
    assert _closest("abc", ("abcdefg", *fillers), 0.6) == "abcdefg"
    assert _closest("abc", (*fillers, "abcdefgh"), 0.6) is None  # 2·3 / 11 < 0.6


def test_remembered_label_keys_are_the_keys(monkeypatch):
    """header_words remembers (fold, header_key) per label for exact_field and is_total;
    the answers are the ones worked out afresh, also once the memory is full and cleared."""
    monkeypatch.setattr(header_words, "_KEYS_KEPT", 3)
    monkeypatch.setattr(header_words, "_KEYS", {})
    labels = ["Tổng cộng", "Đơn vị", "Lâm Hà", "Cộng:", "ĐƠN VỊ", "Tổng cộng", "Số biên chế (người)"] * 2
    for text in labels:
        assert header_words._keys(text) == (header_words.fold(text), header_words.header_key(text))
        assert len(header_words._KEYS) <= 3
    assert [header_words.is_total(t) for t in labels[:7]] == [True, False, False, True, False, True, False]
    assert [header_words.exact_field(t) for t in labels[:3]] == ["total", "unit", None]


# --- name columns as categories: the duplicate check and validation read their codes ------
@given(st.lists(st.tuples(st.sampled_from(["Lâm Hà", "Đạ Tẻh", ""]), st.sampled_from(["old", "pilot"]),
                          st.sampled_from(["a", "b", None])), min_size=2, max_size=30),
       st.lists(st.sampled_from(["Lâm Hà", "Đạ Tẻh", "", "Bảo Lộc"]), unique=True))
def test_group_ids_from_categories_are_the_factorised_ones(rows, unused):
    """duplicates.group_ids uses a categorical column's codes (categories in any order,
    some unused, a missing cell): the ids of the same values as text."""
    from pilotlib.ingest.duplicates import group_ids

    frame = pd.DataFrame(rows, columns=["unit", "structure", "body"], dtype=object)
    coded = frame.assign(
        unit=pd.Categorical(frame["unit"], categories=list(dict.fromkeys([*unused, *frame["unit"]]))[::-1]),
        body=pd.Categorical(frame["body"]))
    columns = ("unit", "structure", "body")
    assert group_ids(coded, columns).tolist() == group_ids(frame, columns).tolist()


def test_categorical_name_columns_validate_as_their_text():
    """validate gives a table whose name columns are categories (the staffing normaliser's)
    exactly as it gives the same table in text; a bad value is refused in the same words."""
    for _table, frame in [t for t in _tables() if t[0] == "staffing"][:3]:
        names = ["unit", "unit_code", "code_vintage", "structure", "body", "position", "position_group"]
        coded = frame.astype({c: "category" for c in names})
        pd.testing.assert_frame_equal(validate.validate(coded, "staffing"), validate.validate(frame, "staffing"),
                                      check_exact=True)
        bad = frame.assign(structure=["giữa kỳ"] * len(frame))
        with pytest.raises(TableValidationError) as expected:
            validate.validate(bad, "staffing")
        with pytest.raises(TableValidationError, match=re.escape(str(expected.value))):
            validate.validate(bad.astype({c: "category" for c in names}), "staffing")


# --- core.text: edges stripped without a regex, tone moved only where it can be ----------
def test_edge_spaces_are_every_unicode_space():
    from pilotlib.core import text

    assert text._SPACES == "".join(chr(c) for c in range(0x110000) if chr(c).isspace())


_KEY_TEXT = st.lists(st.sampled_from([*" \t\u00a0\u3000-_.,;:()[]\"'*\nxyaeouhòóõỏọ\u0300\u0301\u0323", "Hoà", "Thuỷ",
                                       "Đạ", "oa\u0300", "uy\u0309"])).map("".join)


@given(_KEY_TEXT)
def test_keys_without_regex_edges_are_the_regex_keys(text):
    """fold and _marked strip edges with str.strip (and move old tone marks only when the
    letters for it are there): the keys the regexes gave."""
    import unicodedata

    from pilotlib.core import text as t

    key = t._SEPARATORS.sub(" ", t.strip_marks(text).lower())
    assert t.fold(text) == t._PUNCT_EDGES.sub("", key).strip()
    moved = unicodedata.normalize("NFC", t._OLD_TONE.sub(t._move_tone, unicodedata.normalize("NFD", text)))
    assert t._marked(text) == t._PUNCT_EDGES.sub("", t._SEPARATORS.sub(" ", moved)).strip()


def test_column_letters_are_openpyxls_and_reading_a_csv_leaves_openpyxl_unimported():
    """xlsx.column_letter names columns as openpyxl does; normalising a CSV imports
    neither openpyxl nor PIL (78 ms at every start of `pilotlib normalize`)."""
    import subprocess

    from openpyxl.utils import get_column_letter

    from pilotlib.ingest.xlsx import column_letter

    assert all(column_letter(i) == get_column_letter(i) for i in range(1, 18279))
    for index in (0, 18279):
        with pytest.raises(ValueError, match=f"Invalid column index {index}"):
            column_letter(index)
    code = ("import sys; import pilotlib.cli.main, pilotlib.ingest.staffing, pilotlib.ingest.issues; "
            "print('openpyxl' in sys.modules, 'PIL' in sys.modules)")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.split() == ["False", "False"]
