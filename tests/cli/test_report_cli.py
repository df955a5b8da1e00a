"""`pilotlib report` options parse like the documented command line (no run here)."""
from __future__ import annotations

import pytest

from pilotlib.cli.main import build_parser


@pytest.mark.parametrize("argv, langs", [
    (["report", "--lang", "vi", "en"], ["vi", "en"]),          # several values after one flag, like --unit A B
    (["report", "--lang", "vi", "--lang", "en"], ["vi", "en"]),  # the repeated form keeps working
    (["report", "--lang", "en"], ["en"]),
    (["report"], None),                                          # default decided by the command (vi)
])
def test_lang_takes_several_values(argv, langs):
    assert build_parser().parse_args(argv).lang == langs


def test_lang_rejects_an_unknown_language(capsys):
    with pytest.raises(SystemExit) as exit_info:
        build_parser().parse_args(["report", "--lang", "vi", "fr"])
    assert exit_info.value.code == 2 and "fr" in capsys.readouterr().err


def test_units_and_lang_mix():
    args = build_parser().parse_args(["report", "--unit", "Lâm Hà", "Đạ Tẻh", "--lang", "vi", "en"])
    assert args.unit == ["Lâm Hà", "Đạ Tẻh"] and args.lang == ["vi", "en"]


def test_categories_option():
    args = build_parser().parse_args(["report", "--categories", "nhom.csv"])
    assert str(args.categories_file) == "nhom.csv"
    args = build_parser().parse_args(["normalize", "issues", "ds.csv", "-o", "out.csv", "--categories", "nhom.csv"])
    assert str(args.categories) == "nhom.csv"
