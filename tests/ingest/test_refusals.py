"""Every refusal names the file and the reason, and no reader blocks or guesses.

UTF-16/UTF-32 text is refused by name in `extract` as in `normalize` (it used to be read
as legacy font bytes and found empty, exit 0); a FIFO is refused without being opened by
every reader; an unclosed quote names the file and the line; two columns holding the
same counts or statements are an error, never a second column silently dropped.
"""
from __future__ import annotations

import os
import threading

import pytest

from pilotlib.cli import main
from pilotlib.core.errors import DataError
from pilotlib.core.io import read_csv_text
from pilotlib.ingest.cells import read_table
from pilotlib.ingest.issues import normalize_issues
from pilotlib.ingest.narrative.report_text import read_report
from pilotlib.ingest.staffing import normalize_staffing

REPORT = "Huyện Lâm Hà có 20 biên chế sau thí điểm.\n"


@pytest.mark.parametrize("encoding, name", [("utf-16", "UTF-16"), ("utf-16-le", "UTF-16"),
                                            ("utf-16-be", "UTF-16"), ("utf-32", "UTF-32")])
def test_extract_refuses_wide_encodings_by_name(tmp_path, capsys, encoding, name):
    report = tmp_path / "bao_cao.txt"
    report.write_bytes(REPORT.encode(encoding))
    assert main(["extract", str(report), "-o", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().err
    assert f"bao_cao.txt: không nhận ra mã hoá ({name})" in said and f"unsupported text encoding ({name})" in said
    assert not (tmp_path / "out").exists()  # nothing written


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le"])
def test_normalize_refuses_wide_encodings_by_name(tmp_path, encoding):
    table = tmp_path / "bang.csv"
    table.write_bytes("Đơn vị;Mô hình;Số biên chế\nLâm Hà;Trước thí điểm;20\n".encode(encoding))
    with pytest.raises(DataError, match=r"bang.csv: .*\(UTF-16\)"):
        normalize_staffing([table])


def _returns_within(seconds, fifo, call):
    outcome: list = []

    def run():
        try:
            outcome.append(call())
        except Exception as exc:  # noqa: BLE001 - the test looks at what was raised
            outcome.append(exc)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():  # opening a FIFO for reading waits for a writer: free the thread
        with open(fifo, "w"):
            pass
        worker.join(5)
        pytest.fail(f"blocked on the FIFO {fifo}")
    return outcome[0]


@pytest.mark.parametrize("reader", [
    lambda p: read_table(p), lambda p: read_report(p), lambda p: read_csv_text(p),
    lambda p: normalize_issues([p]),
], ids=["cells", "report_text", "tidy_csv", "normalize"])
@pytest.mark.parametrize("name", ["pipe.csv", "pipe.txt"])
def test_a_fifo_is_refused_without_blocking(tmp_path, reader, name):
    fifo = tmp_path / name
    os.mkfifo(fifo)
    raised = _returns_within(10, fifo, lambda: reader(fifo))
    assert isinstance(raised, DataError), raised
    assert str(raised).startswith(f"{fifo}: ") and "is not a regular file" in str(raised)


def test_a_device_is_refused_too():
    with pytest.raises(DataError, match="/dev/null: .*not a regular file"):
        read_table("/dev/null")


def test_an_unclosed_quote_names_the_file_and_line(tmp_path):
    table = tmp_path / "ngoac.csv"
    table.write_text('Đơn vị;Mô hình;Số biên chế\nLâm Hà;Trước thí điểm;20\n"Đạ Tẻh;Sau thí điểm;21\n'
                     "Đạ Huoai;Sau thí điểm;23\n", encoding="utf-8")
    with pytest.raises(DataError) as raised:
        normalize_staffing([table])
    assert str(raised.value) == (f'{table}: không đọc được CSV: dấu ngoặc kép (") mở ở dòng 3 không được đóng / '
                                 'cannot parse the CSV: the quote (") opened on line 3 is never closed')


def test_two_count_columns_for_one_structure_are_an_error(tmp_path):
    table = tmp_path / "hai_cot.csv"
    table.write_text("Đơn vị;Trước thí điểm;Sau thí điểm;Trước TĐ\nLâm Hà;22;20;21\n", encoding="utf-8")
    with pytest.raises(DataError, match="hai_cot.csv: .*columns B \\(Trước thí điểm\\) and D \\(Trước TĐ\\) "
                                        "hold the same data"):
        normalize_staffing([table])


def test_two_statement_columns_are_an_error(tmp_path):
    table = tmp_path / "y_kien.csv"
    table.write_text("Đơn vị;Khó khăn;Kiến nghị;Khó khăn, vướng mắc\nLâm Hà;Thiếu xe;Cấp xe;Thiếu trụ sở\n",
                     encoding="utf-8")
    with pytest.raises(DataError, match="y_kien.csv: .*columns B \\(Khó khăn\\) and D"):
        normalize_issues([table])


def test_a_count_beyond_int64_is_a_reject_not_a_crash(tmp_path, capsys):
    table = tmp_path / "lon.csv"
    table.write_text("Đơn vị;Mô hình;Số biên chế\nLâm Hà;Trước thí điểm;20\nĐạ Tẻh;Trước thí điểm;"
                     "9223372036854775808\nĐạ Huoai;Trước thí điểm;5000000000000000000\n", encoding="utf-8")
    assert main(["normalize", "staffing", str(table), "-o", str(tmp_path / "out.csv"), "--lang", "en"]) == 1
    printed = capsys.readouterr().out
    assert "lon.csv, row 3, C (Số biên chế): count too large: '9223372036854775808'" in printed
    assert "lon.csv, row 4, C (Số biên chế): count too large: '5000000000000000000'" in printed
    assert (tmp_path / "out.csv").read_text(encoding="utf-8-sig").count("\n") == 2  # header + Lâm Hà


def test_a_folder_given_as_a_file_is_a_read_error(tmp_path, capsys):
    folder = tmp_path / "units.csv"
    folder.mkdir()
    table = tmp_path / "bang.csv"
    table.write_text("Đơn vị;Mô hình;Số biên chế\nLâm Hà;Trước thí điểm;20\n", encoding="utf-8")
    assert main(["normalize", "staffing", str(table), "-o", str(tmp_path / "o.csv"), "--units", str(folder)]) == 2
    assert main(["report", "--units", str(folder), "--out", str(tmp_path / "out")]) == 2
    said = capsys.readouterr().err
    assert said.count(f"{folder}: là thư mục, không phải tệp / is a folder, not a file") == 2
    assert "cannot write" not in said and not (tmp_path / "out").exists()
