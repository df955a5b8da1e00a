"""Tables as a reader sees them: labelled in the report language, numbers written the
language's way, a total row that says what it sums, and CSV copies for Excel.

Every reader-facing word goes through ``core.i18n`` so a report is wholly in its language.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.core.i18n import label, provenance_label
from pilotlib.core.io import write_csv
from pilotlib.core.rounding import round_half_up
from pilotlib.report.narrative import format_number


def labelled_table(frame: pd.DataFrame, lang: str) -> "pd.io.formats.style.Styler":
    """The table as a reader sees it: labels in the report language, no row index,
    numbers written the report language's way (vi: 1.234,5), every text cell and header
    escaped (text, never HTML)."""
    shown = label_columns(frame, lang)
    decimal, thousands = (",", ".") if lang == "vi" else (".", ",")
    text_columns = [c for c in shown.columns if not pd.api.types.is_numeric_dtype(shown[c])]
    marked = frame["highlight"].fillna("").astype(str).ne("") if "highlight" in frame.columns else pd.Series(False)
    styler = shown.style
    if marked.any():  # the ranking's largest cuts and increases stand out on the page
        styler = styler.apply(lambda row: ["font-weight: bold; background-color: #fff3cd" if marked[row.name]
                                           else "" for _ in row], axis=1)
    styler = (
        styler.hide(axis="index")
        .format(precision=1, decimal=decimal, thousands=thousands, na_rep="—", escape="html")
        .format_index(escape="html", axis=1)
        # text exactly as typed: line breaks and runs of spaces shown, never collapsed
        .set_properties(subset=text_columns, **{"text-align": "left", "white-space": "pre-wrap"})
        .set_table_styles([{"selector": "th", "props": [("text-align", "left")]}])
    )
    for column in shown.columns:  # decimals as computed, half away from zero (as Excel)
        if pd.api.types.is_float_dtype(shown[column]):
            digits = _decimals(shown[column])
            styler = styler.format(lambda v, d=digits: format_number(v, lang, d), subset=[column], na_rep="—")
    return styler


def _decimals(values: pd.Series) -> int:
    """1 or 2: the fewest decimals that show every value as the analysis rounded it
    (percentages and shares to 1, ratios such as support posts per body to 2).

    Formatting with Python's rules instead would round 1.25 to "1,2" where Excel's
    ROUND, and the narrative, give 1,3 — or drop the second decimal altogether.
    """
    present = [float(v) for v in values.dropna()]
    return 1 if all(round_half_up(v, 1) == v for v in present) else 2


def label_columns(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The same table with column headers and structure values in the report language."""
    shown = frame.copy()
    for column in ("structure", "position_group", "kind"):
        if column in shown.columns:
            shown[column] = shown[column].map(lambda value: label(value, lang) if value else "")
    for column in ("complete", "named"):  # yes / no; empty where it does not apply (a total row)
        if column in shown.columns:
            shown[column] = shown[column].map(lambda b: "" if b is None or b is pd.NA else label("yes" if b else "no", lang))
    if "highlight" in shown.columns:
        shown["highlight"] = shown["highlight"].map(lambda key: label(key, lang) if key else "")
    if "provenance" in shown.columns:
        shown["provenance"] = shown["provenance"].map(lambda p: provenance_label(p, lang))
    return shown.rename(columns={c: label(c, lang) for c in shown.columns})


def with_total(comparison: pd.DataFrame, overall: dict, lang: str) -> pd.DataFrame:
    """The comparison table with a total row over the units that have both structures
    (said in the row's label when some units are left out, so the column sums agree).
    "Complete" describes a unit: the total row leaves it empty."""
    name = label("total" if not overall["units_incomplete"] else "total_complete", lang)
    total = {
        "unit": name, "posts_old": overall["posts_old"],
        "posts_pilot": overall["posts_pilot"], "change": overall["change"],
        "change_pct": overall["change_pct"], "complete": None,
        "provenance": overall["provenance"],
    }
    table = pd.concat([comparison.astype({"complete": object}), pd.DataFrame([total])], ignore_index=True)
    for column in ("posts_old", "posts_pilot", "change"):  # counts stay whole numbers
        table[column] = table[column].astype("Int64")
    table["change_pct"] = table["change_pct"].astype("Float64")
    return table


def save_table(frame: pd.DataFrame, folder: str | Path, name: str, lang: str | None = None) -> Path | None:
    """CSV in UTF-8 with BOM (opens correctly in Excel), headers and coded values in the
    report language when ``lang`` is given; nothing when ``folder`` is empty."""
    if not str(folder):
        return None
    shown = label_columns(frame, lang) if lang else frame
    return write_csv(shown, Path(folder) / f"{name}.csv")
