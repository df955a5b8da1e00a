"""`pilotlib normalize staffing`: outputs, summary and exit status 0 / 1 / 2."""
from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from pilotlib.cli import main

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "staffing"


def _read(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")


def test_clean_input_exits_0_and_writes_csv_with_bom(tmp_path, capsys):
    out = tmp_path / "staffing.csv"
    code = main(["normalize", "staffing", str(FIXTURES / "legacy_vni.csv"), "-o", str(out)])
    assert code == 0
    assert out.read_bytes().startswith(b"\xef\xbb\xbf")
    assert _read(out)["unit"].tolist() == ["Lâm Hà", "Đạ Huoai"]
    rejects = tmp_path / "staffing.rejects.csv"  # default: next to OUT, always written
    assert rejects.exists() and _read(rejects).empty
    printed = capsys.readouterr().out
    assert "đọc 3 dòng: giữ 2, loại 0, bỏ qua 1" in printed
    assert "chữ phông VNI" in printed  # warnings are printed


def test_rejects_exit_1_with_outputs_and_first_problems(tmp_path, capsys):
    out = tmp_path / "staffing.xlsx"
    rejects = tmp_path / "problems.csv"
    code = main(["normalize", "staffing", str(FIXTURES / "utf8_bom_comma.csv"), "-o", str(out),
                 "--rejects", str(rejects), "--lang", "en"])
    assert code == 1
    assert pd.read_excel(out, dtype=str)["unit"].tolist()[0] == "Lâm Hà"
    assert len(_read(rejects)) == 8
    printed = capsys.readouterr().out
    assert "read 15 rows: kept 5, rejected 8, skipped 2" in printed
    assert "utf8_bom_comma.csv, row 14, A (Tên đơn vị): unknown unit 'Lam Haa' — did you mean 'Lâm Hà'?" in printed


def test_xlsx_rejects_keep_formula_like_values_as_text(tmp_path):
    rejects = tmp_path / "rejects.xlsx"
    main(["normalize", "staffing", str(FIXTURES / "utf8_bom_comma.csv"), "-o", str(tmp_path / "o.csv"),
          "--rejects", str(rejects)])
    with zipfile.ZipFile(rejects) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "=1+1" in sheet and "<f>" not in sheet and "<f " not in sheet


def _file(name: str, content: bytes):
    def make(folder: Path) -> Path:
        (folder / name).write_bytes(content)
        return folder / name
    return make


@pytest.mark.parametrize(("make_input", "message"), [
    (lambda d: d / "missing.csv", "missing.csv: không tồn tại / does not exist"),
    (_file("empty.csv", b""), "empty.csv: tệp rỗng / the file is empty"),
    (_file("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64)), "old.xls: định dạng .xls cũ"),
    (_file("bad.xlsx", b"PK\x03\x04garbage"), "bad.xlsx: tệp .xlsx hỏng"),
    (lambda d: FIXTURES / "long_no_structure.csv", "long_no_structure.csv: tệp không có cột mô hình"),
], ids=["missing", "empty", "xls", "corrupt", "no-structure"])
def test_unusable_input_exits_2_and_writes_nothing(tmp_path, capsys, make_input, message):
    source = make_input(tmp_path)
    out = tmp_path / "out" / "staffing.csv"
    good = FIXTURES / "legacy_vni.csv"
    code = main(["normalize", "staffing", str(good), str(source), "-o", str(out)])
    assert code == 2
    assert not (tmp_path / "out").exists()
    assert message in capsys.readouterr().err


def test_structure_option_applies(tmp_path):
    out = tmp_path / "o.csv"
    assert main(["normalize", "staffing", str(FIXTURES / "long_no_structure.csv"), "-o", str(out),
                 "--structure", "old"]) == 0
    assert set(_read(out)["structure"]) == {"old"}


def test_units_and_sheet_options(tmp_path):
    out = tmp_path / "o.csv"
    assert main(["normalize", "staffing", str(FIXTURES / "codes.csv"), "-o", str(out),
                 "--units", str(FIXTURES / "units_extra.csv")]) == 1
    assert _read(out)["unit_code"].tolist()[:2] == ["001", "001"]
    assert main(["normalize", "staffing", str(FIXTURES / "merged_header.xlsx"), "-o", str(out),
                 "--sheet", "Biên chế"]) == 0


def test_missing_sheet_exits_2_listing_sheets(tmp_path, capsys):
    code = main(["normalize", "staffing", str(FIXTURES / "merged_header.xlsx"), "-o", str(tmp_path / "o.csv"),
                 "--sheet", "Nope"])
    assert code == 2 and "'Biên chế'" in capsys.readouterr().err


def test_refuses_to_overwrite_an_input(tmp_path, capsys):
    source = tmp_path / "in.csv"
    shutil.copy(FIXTURES / "legacy_vni.csv", source)
    before = source.read_bytes()
    assert main(["normalize", "staffing", str(source), "-o", str(source)]) == 2
    assert source.read_bytes() == before and "overwrite" in capsys.readouterr().err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["normalize", "staffing", "x.csv"])  # -o missing
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["normalize", "staffing", "x.csv", "-o", "o.csv", "--structure", "new"])
    assert caught.value.code == 2


def test_python_dash_m_is_the_same_command(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "o.csv"
    done = subprocess.run([sys.executable, "-m", "pilotlib", "normalize", "staffing",
                           str(FIXTURES / "legacy_vni.csv"), "-o", str(out)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert out.exists()


def test_normalize_is_a_group_with_room_for_more_tables():
    import argparse

    from pilotlib.cli import build_parser

    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    normalize = commands.choices["normalize"]
    tables = next(a for a in normalize._actions if isinstance(a, argparse._SubParsersAction))
    assert "staffing" in tables.choices  # `normalize issues` is added next to it
    args = parser.parse_args(["normalize", "staffing", "a.xlsx", "b.csv", "-o", "o.xlsx"])
    assert [str(p) for p in args.inputs] == ["a.xlsx", "b.csv"] and args.lang == "vi" and args.rejects is None


ISSUES_FIXTURES = FIXTURES.parent / "issues"


@pytest.mark.parametrize("table, source", [("staffing", FIXTURES / "legacy_vni.csv"),
                                           ("issues", ISSUES_FIXTURES / "long_kind.csv")])
@pytest.mark.parametrize("blocked", ["rejects", "output"])
def test_unwritable_target_exits_2_and_writes_neither(tmp_path, capsys, table, source, blocked):
    """Both targets are checked before anything is written (-o and --rejects alike)."""
    folder = tmp_path / "a folder"
    folder.mkdir()
    out, rejects = tmp_path / "OUT.csv", tmp_path / "r.csv"
    if blocked == "rejects":
        rejects = folder
    else:
        out = folder
    code = main(["normalize", table, str(source), "-o", str(out), "--rejects", str(rejects)])
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a folder"] and not any(folder.iterdir())
    err = capsys.readouterr().err
    assert f"{folder}: là thư mục, cần tên tệp / is a folder; give a file name" in err


def test_target_under_a_file_exits_2_and_writes_nothing(tmp_path, capsys):
    blocker = tmp_path / "plain.txt"
    blocker.write_text("x", encoding="utf-8")
    code = main(["normalize", "staffing", str(FIXTURES / "legacy_vni.csv"), "-o", str(tmp_path / "o.csv"),
                 "--rejects", str(blocker / "r.csv")])
    assert code == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plain.txt"] and blocker.read_text() == "x"
    assert str(blocker / "r.csv") in capsys.readouterr().err


def test_staffing_and_issues_share_one_runner(monkeypatch, tmp_path):
    from pilotlib.cli import normalize

    seen = []
    monkeypatch.setattr(normalize, "_run", lambda normaliser, args, **kw:
                        seen.append((normaliser.__name__, args.prog, sorted(kw))) or 0)
    main(["normalize", "staffing", "a.csv", "-o", str(tmp_path / "o.csv"), "--structure", "old"])
    main(["normalize", "issues", "a.csv", "-o", str(tmp_path / "o.csv")])
    assert seen == [("normalize_staffing", "pilotlib normalize staffing", ["structure"]),
                    ("normalize_issues", "pilotlib normalize issues", ["categories"])]  # --categories, None here
