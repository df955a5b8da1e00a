"""Building report blocks from what the sections compute: a DataFrame becomes a Table
(headers and coded values in the report language, numbers kept as numbers), a chart is
saved and becomes a Figure, the documents of sources.csv become reference entries.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from pilotlib.analysis import provenance as prov
from pilotlib.core.i18n import say
from pilotlib.report.charts.style import save_figure
from pilotlib.report.model import Figure, Meta, Statements, Table
from pilotlib.report.tables import label_columns

FLOAT_DECIMALS = 1  # what every format shows of a ratio or a percentage


def _kind(series: pd.Series) -> str:
    if pd.api.types.is_bool_dtype(series):
        return "text"
    if pd.api.types.is_integer_dtype(series):
        return "int"
    if pd.api.types.is_float_dtype(series):
        return "float"
    return "text"


def _cell(value: object, kind: str) -> object:
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return str(value)


def table_block(frame: pd.DataFrame, name: str, lang: str, title: str, behind: pd.DataFrame | None = None,
                part: str = "results", media: str = "all", table_provenance: str = "") -> Table:
    """The Table of ``frame`` (its provenance column translated); ``behind``: the rows the
    table is computed from, for the documents it cites."""
    kinds = [_kind(frame[c]) for c in frame.columns]
    shown = label_columns(frame, lang)
    rows = [[_cell(v, k) for v, k in zip(row, kinds)] for row in shown.itertuples(index=False, name=None)]
    if not table_provenance and "provenance" in frame.columns:
        table_provenance = prov.joined(frame["provenance"])
    return Table(
        name=name, title=title, columns=[str(c) for c in frame.columns], headers=[str(c) for c in shown.columns],
        kinds=kinds, decimals=[FLOAT_DECIMALS if k == "float" else 0 for k in kinds], rows=rows,
        provenance=table_provenance, sources=list(prov.cited(behind if behind is not None else frame)),
        lang=lang, part=part, media=media, frame=frame,
    )


def figure_block(fig, name: str, title: str, output_dir: str | Path, provenance: str,
                 citation: str = "", behind: pd.DataFrame | None = None, part: str = "results") -> Figure:
    """Save the chart (PNG + SVG, when there is an output folder) and describe it; the
    PNG's bytes go with it, for the notebook to show (one drawing fewer per chart)."""
    written = save_figure(fig, output_dir, name)
    png = next((p.read_bytes() for p in written if p.suffix == ".png"), b"")
    return Figure(name=name, title=title, files={p.suffix.lstrip("."): p.name for p in written},
                  provenance=provenance, citation=citation,
                  sources=list(prov.cited(behind)) if behind is not None else [], part=part, figure=fig, png=png)


def statements_block(kind: str, rows: pd.DataFrame, texts: pd.Series, topics: dict[str, str],
                     all_units: str, sources: pd.DataFrame, lang: str) -> Statements:
    """The statements of one kind, each with its topic, unit and citation (sections II, III)."""
    part = "limits" if kind == "difficulty" else "proposals"
    items = [{"text": str(text), "topic": topics.get(category, category), "unit": unit or all_units,
              "citation": prov.citations(rows.loc[[index]], sources, lang), "provenance": provenance}
             for index, text, category, unit, provenance
             in zip(rows.index, texts, rows["category"], rows["unit"], rows["provenance"])]
    return Statements(kind=kind, items=items, part=part, sources=list(prov.cited(rows)))


def reference_entries(sources: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """Every document of sources.csv: id, short title (what citations say) and the full
    reference a reader looks it up by (author, title, publisher, date, period)."""
    if sources is None or sources.empty:
        return []
    short = prov.short_titles(sources, lang)
    entries = []
    for row in sources.fillna("").astype(str).to_dict("records"):
        publisher = row.get(f"publisher_{lang}") or row.get("publisher", "")
        parts = [row.get("author", ""), row.get(f"title_{lang}") or row.get("title_vi", ""), publisher,
                 row.get("published") or say("doc.reference_undated", lang)]
        if row.get("covers"):
            parts.append(say("doc.reference_covers", lang, covers=row["covers"]))
        entries.append({"source_id": row["source_id"], "short_title": short.get(row["source_id"], row["source_id"]),
                        "reference": ", ".join(p.strip() for p in parts if p.strip()) + "."})
    return entries


def report_meta(notebook: str, title: str, lang: str, units: list[str], scope: str,
                staffing: pd.DataFrame, sources: pd.DataFrame, subject: str = "") -> Meta:
    return Meta(notebook=notebook, title=title, lang=lang, units=list(units), scope=scope,
                provenance=prov.of(staffing), sources=reference_entries(sources, lang), subject=subject)
