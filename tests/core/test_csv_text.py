"""The fast CSV writer gives exactly the bytes ``DataFrame.to_csv`` gave (the long way).

The long way is written out here as the reference: ``guard_frame(frame).to_csv`` for
Excel (BOM, CRLF, formula starts guarded), ``frame.to_csv`` for machines (LF, raw).
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pilotlib.core import csv_text
from pilotlib.core.csv_text import write_csv_text
from pilotlib.core.formula_guard import guard_frame


def _long_way(frame: pd.DataFrame, path, for_excel: bool) -> bytes:
    if for_excel:
        guard_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", lineterminator="\r\n")
    else:
        frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
    return path.read_bytes()


def _fast_way(frame: pd.DataFrame, path, for_excel: bool) -> bytes:
    write_csv_text(frame, path, for_excel)
    return path.read_bytes()


# Cells that each exercise one rule of the csv module or of the formula guard.
ODD_CELLS = [
    "",                      # empty text: an empty field (never quoted among others)
    "Lâm Hà",                # plain Vietnamese
    "a,b",                   # delimiter → quoted
    'say "hi"',              # quote → quoted, doubled
    "two\nlines",            # line feed → quoted
    "cr\ronly",              # carriage return → quoted
    " padded ",              # leading/trailing spaces kept, not quoted
    "=SUM(A1)",              # formula start → "'" for Excel
    "-5",                    # a plain number as text: not guarded
    "+84 263",               # "+" then not a number: guarded
    "@user",                 # guarded
    "\tTab",                 # tab start: guarded
    "'=already",             # apostrophes kept, one more added for Excel
    "=a,b",                  # guarded AND quoted
    "\x00nul",               # the writer's own join character inside a cell
    "x\x00=y",               # ... followed by a formula start
]


@pytest.mark.parametrize("for_excel", [True, False])
def test_odd_cells_are_written_as_to_csv_writes_them(tmp_path, for_excel):
    frame = pd.DataFrame({"text": ODD_CELLS, "other": list(reversed(ODD_CELLS)),
                          "posts": np.arange(len(ODD_CELLS)) - 3})  # -3 … : numbers never guarded
    fast = _fast_way(frame, tmp_path / "fast.csv", for_excel)
    assert fast == _long_way(frame, tmp_path / "slow.csv", for_excel)
    if for_excel:  # the guard really acted (and quoting with it) in the path under test
        assert "\r\n'=SUM(A1)," in fast.decode("utf-8-sig")
        assert "\"'=a,b\"" in fast.decode("utf-8-sig")


@pytest.mark.parametrize("for_excel", [True, False])
def test_string_dtype_and_object_columns_alike(tmp_path, for_excel):
    frame = pd.DataFrame({"unit": pd.Series(["Lâm Hà", "Đạ Huoai"] * 3, dtype="string"),
                          "code": pd.Series(["042", "10561"] * 3, dtype=object),  # leading zero stays
                          "posts": pd.Series([1, 2, 3, 4, 5, 6], dtype="Int64")})
    assert _fast_way(frame, tmp_path / "f.csv", for_excel) == _long_way(frame, tmp_path / "s.csv", for_excel)


@pytest.mark.parametrize("frame", [
    pd.DataFrame({"a": ["x", None], "b": ["1", "2"]}),            # a missing cell (not "")
    pd.DataFrame({"a": ["x", "y"], "b": [1.5, float("nan")]}),    # floats: pandas formats them
    pd.DataFrame({"a": ["", "y"]}),                               # one column: a lone "" is quoted
    pd.DataFrame({"a": pd.Series([], dtype=str), "b": pd.Series([], dtype=str)}),  # no rows
    pd.DataFrame({"a": pd.Categorical(["x", "y"]), "b": ["1", "2"]}),
    pd.DataFrame({"a": [True, False], "b": ["1", "2"]}),
    pd.DataFrame({"a": pd.array([1, None], dtype="Int64"), "b": ["1", "2"]}),
    pd.DataFrame({0: ["x"], 1: ["y"]}),                           # labels that are not text
])
def test_what_the_fast_path_does_not_cover_goes_to_pandas(tmp_path, frame):
    for for_excel in (True, False):
        assert (_fast_way(frame, tmp_path / "f.csv", for_excel)
                == _long_way(frame, tmp_path / "s.csv", for_excel))


def test_blocks_join_seamlessly(tmp_path, monkeypatch):
    monkeypatch.setattr(csv_text, "ROWS_PER_BLOCK", 3)
    frame = pd.DataFrame({"a": [f"r{i}" for i in range(10)], "b": ["=x", "y,z"] * 5})
    for for_excel in (True, False):
        assert (_fast_way(frame, tmp_path / "f.csv", for_excel)
                == _long_way(frame, tmp_path / "s.csv", for_excel))


# Text from the characters that matter (delimiter, quote, line ends, formula starts,
# apostrophe, spaces, digits, Vietnamese letters, the join character) and anything else.
_special = st.sampled_from(list(",\"\r\n=+-@\t' 0123456789.\x00ĐạàÂ") + ["Lâm", "-1", "+2,5"])
_text = st.one_of(st.lists(_special, max_size=6).map("".join), st.text(max_size=8))


@given(rows=st.lists(st.tuples(_text, _text, st.integers(-10**12, 10**12)), min_size=1, max_size=12),
       header=st.tuples(_text, _text, _text).filter(lambda h: len(set(h)) == 3),
       for_excel=st.booleans())
def test_property_fast_writer_equals_to_csv(tmp_path_factory, rows, header, for_excel):
    folder = tmp_path_factory.mktemp("csv")
    frame = pd.DataFrame(rows, columns=list(header))
    assert csv_text._columns_as_cells(frame, "\n", None) is not None  # the fast path, not pandas
    assert _fast_way(frame, folder / "f.csv", for_excel) == _long_way(frame, folder / "s.csv", for_excel)
