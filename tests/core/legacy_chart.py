"""The TCVN3 / VNI code charts of tests/data (written from the standards, not from pilotlib)
and an encoder built from them, shared by the legacy-text tests.

A round trip through the module's own inverse table cannot catch a wrong or swapped
entry in that table; a round trip through this encoder can.
"""
from __future__ import annotations

import csv
import unicodedata
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data"


def _load(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


CHARTS = {"tcvn3": _load("tcvn3_chart.csv"), "vni": _load("vni_chart.csv")}
_ENCODE = {enc: {row["letter"]: row["cp1252"] for row in rows} for enc, rows in CHARTS.items()}


def encode(text: str, enc: str) -> str:
    """Unicode text -> how the legacy-font bytes of ``text`` read as Windows-1252, by the chart.

    ASCII characters pass through. A letter the encoding doesn't have (for example a
    toned capital in TCVN3) raises KeyError, so a phrase can't silently lose a letter.
    """
    table = _ENCODE[enc]
    return "".join(char if char.isascii() else table[char] for char in unicodedata.normalize("NFC", text))


def _check(enc: str, rows: list[dict[str, str]], size: int) -> None:
    """The charts are test data: a typo in them must stop the tests, not weaken them."""
    letters = [row["letter"] for row in rows]
    spellings = [row["cp1252"] for row in rows]
    problems = [row for row in rows if len(row["letter"]) != 1
                or unicodedata.normalize("NFC", row["letter"]) != row["letter"]
                or bytes.fromhex(row["bytes_hex"]).decode("cp1252") != row["cp1252"]]
    if len(rows) != size or problems or len(set(letters)) != size or len(set(spellings)) != size:
        raise ValueError(f"tests/data/{enc}_chart.csv is inconsistent: {len(rows)} rows (want {size}), {problems}")


# TCVN3: 12 vowels x 6 tones, lower case, + đ + Ă Â Ê Ô Ơ Ư Đ. VNI: 12 x 6 x 2 cases + đ Đ.
_check("tcvn3", CHARTS["tcvn3"], 72 + 1 + 7)
_check("vni", CHARTS["vni"], 144 + 2)
# The charts reproduce the examples the project documents (README, DESIGN.md).
if encode("Lâm Hà", "tcvn3") != "L©m Hµ" or encode("Lâm Hà", "vni") != "Laâm Haø":
    raise ValueError("tests/data/*_chart.csv: 'Lâm Hà' is not encoded as documented")
