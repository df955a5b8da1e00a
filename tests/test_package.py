"""The package's public face: `import pilotlib as pl` names, errors and their exit statuses."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import pilotlib as pl
from pilotlib.cli import main
from pilotlib.core import errors

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def test_every_documented_name_resolves_and_dir_shows_only_public_names():
    for name in pl.__all__:
        assert getattr(pl, name) is not None, name
    shown = dir(pl)
    assert set(pl.__all__) <= set(shown)
    assert [n for n in shown if n.startswith("_") and n != "__version__"] == []
    for name in ("normalize_issues", "extract_report", "normalize_staffing", "make_reports", "report_context"):
        assert name in shown


def test_normalize_staffing_takes_one_path_as_well_as_a_list():
    path = FIXTURES / "staffing" / "legacy_vni.csv"
    one, listed = pl.normalize_staffing(path), pl.normalize_staffing([path])
    pd.testing.assert_frame_equal(one.staffing, listed.staffing)
    assert one.total == listed.total and one.total.kept == 2


def test_a_result_holds_one_table_kind():
    result = pl.normalize_issues(FIXTURES / "issues" / "no_marks.csv")
    assert result.kind == "issues" and len(result.issues) == len(result.table) > 0
    with pytest.raises(AttributeError, match="issues table, not staffing"):
        result.staffing  # noqa: B018 - the attribute access is the test


@pytest.mark.parametrize("error, status", [
    (errors.DataError("x"), 2), (errors.VocabularyError("x"), 2), (errors.PlanError("x"), 2),
    (errors.TableValidationError("t", pd.DataFrame(columns=["column", "index", "check", "failure_case"])), 2),
])
def test_every_pilotlib_error_carries_its_exit_status_and_the_cli_returns_it(monkeypatch, capsys, error, status):
    assert isinstance(error, errors.PilotlibError) and error.exit_status == status

    def handler(args):
        raise error

    monkeypatch.setattr("pilotlib.cli.template.run", handler)
    assert main(["template", "-o", "x.xlsx"]) == status
    assert capsys.readouterr().err.startswith("pilotlib template: ")


def test_an_error_that_is_not_pilotlibs_is_a_bug_and_keeps_its_traceback(monkeypatch):
    def handler(args):
        raise RuntimeError("bug")

    monkeypatch.setattr("pilotlib.cli.template.run", handler)
    with pytest.raises(RuntimeError, match="bug"):
        main(["template", "-o", "x.xlsx"])


def test_rejects_carry_a_stable_reason_key_to_filter_by():
    rejects = pl.normalize_staffing(FIXTURES / "staffing" / "utf8_bom_comma.csv", lang="en").rejects
    by_key = dict(zip(rejects["source_row"], rejects["reason_key"]))
    assert by_key["14"] == "unknown_unit" and by_key["13"] == "negative"
    vi = pl.normalize_staffing(FIXTURES / "staffing" / "utf8_bom_comma.csv", lang="vi").rejects
    assert vi["reason_key"].tolist() == rejects["reason_key"].tolist()  # the key does not depend on the language
    assert vi["reason"].tolist() != rejects["reason"].tolist()
