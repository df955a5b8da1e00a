"""One report model: what a report says, once, for every format.

Sections return blocks — Heading, Paragraph, Table, Figure, Statements — that the
notebook shows (``report.present``) and that travel, as JSON, inside the executed
notebook (a display output with its own MIME type, invisible in HTML, like
``recording.record``). The batch side reads them back (``read_report``) and renders
Word and Excel from the same values: no number is computed or typed twice.

Each block belongs to a part of an administrative review ("báo cáo sơ kết"): results,
limits (difficulties and their causes), proposals, annex. ``media`` says where a block
is shown: ``all`` formats, or only the ``document`` formats (Word, Excel) — the lists of
difficulties and recommendations that a report's sections II and III need while the
notebook already shows them in its tables.
"""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from pilotlib.core.io import atomic_write

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

MIME = "application/vnd.pilotlib.report+json"
PARTS = ("results", "limits", "proposals", "annex")
MEDIA = ("all", "document")


@dataclass
class Heading:
    text: str
    level: int = 2
    part: str = "results"
    media: str = "all"


@dataclass
class Paragraph:
    text: str
    part: str = "results"
    media: str = "all"
    role: str = "body"  # body | note (what the data cannot tell)


@dataclass
class Table:
    """A table as every format shows it: headers in the report language, coded values
    translated, numbers kept as numbers with their decimals, the provenance per row."""

    name: str
    title: str
    columns: list[str]  # the tidy column keys
    headers: list[str]  # the same columns as a reader sees them
    kinds: list[str]  # int | float | text, per column
    decimals: list[int]  # digits shown after the decimal mark (0 for int and text)
    rows: list[list[Any]]  # None = missing (shown as "—", never as 0)
    provenance: str = ""  # of the whole table ("illustrative+source")
    sources: list[str] = field(default_factory=list)  # source ids the rows cite
    lang: str = "vi"
    part: str = "results"
    media: str = "all"
    frame: Any = field(default=None, repr=False, compare=False)  # the DataFrame, in the kernel only


PNG_DPI = 150  # a chart's PNG file; the notebook shows that file (``report.display.ChartImage``)


@dataclass
class Figure:
    """A chart: its saved files (names inside the run's output folder), its caption
    title, provenance and citation."""

    name: str
    title: str
    files: dict[str, str] = field(default_factory=dict)  # suffix → file name ("png": "posts.png")
    provenance: str = ""
    citation: str = ""
    sources: list[str] = field(default_factory=list)
    part: str = "results"
    media: str = "all"
    figure: Any = field(default=None, repr=False, compare=False)  # the matplotlib Figure, in the kernel only
    # the saved PNG's bytes, in the kernel only: the notebook shows them rather than drawing the chart again
    png: bytes = field(default=b"", repr=False, compare=False)


@dataclass
class Statements:
    """Statements of one kind (difficulty, recommendation) for sections II and III:
    each item has its ``text``, ``topic``, ``unit``, ``citation`` and ``provenance``."""

    kind: str
    items: list[dict[str, str]]
    part: str = "limits"
    media: str = "document"
    sources: list[str] = field(default_factory=list)


Block = Union[Heading, Paragraph, Table, Figure, Statements]
TYPES: dict[str, type] = {"heading": Heading, "paragraph": Paragraph, "table": Table,
                          "figure": Figure, "statements": Statements}
_TYPE_OF = {cls: name for name, cls in TYPES.items()}
_KERNEL_ONLY = ("frame", "figure", "png")


@dataclass
class Meta:
    """What the report is: its notebook, title, language, units, and the sources it may
    cite (id, short title, full reference) — so a renderer needs no data set."""

    notebook: str = ""
    title: str = ""
    lang: str = "vi"
    units: list[str] = field(default_factory=list)
    scope: str = ""  # per_unit | all_units
    provenance: str = ""  # of the data the report rests on
    sources: list[dict[str, str]] = field(default_factory=list)
    subject: str = ""  # what was piloted (the joint agency's name), for the summary line


@dataclass
class Report:
    """The meta and the blocks in order. A list of statements given twice (two sections
    about the same rows: the assessment and the issues section) is kept once."""

    meta: Meta = field(default_factory=Meta)
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        seen: set[str] = set()
        kept = []
        for block in self.blocks:
            if isinstance(block, Statements):
                key = json.dumps(block_json(block), sort_keys=True)
                if key in seen:
                    continue
                seen.add(key)
            kept.append(block)
        self.blocks = kept

    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    def figures(self) -> list[Figure]:
        return [b for b in self.blocks if isinstance(b, Figure)]

    def in_part(self, part: str, media: str = "document") -> list[Block]:
        """The blocks of one part that a format of ``media`` shows, in order."""
        return [b for b in self.blocks if b.part == part and (media == "document" or b.media == "all")]

    def cited_sources(self) -> list[dict[str, str]]:
        """The sources the report cites, in the order first cited."""
        ids = dict.fromkeys(s for b in self.blocks for s in getattr(b, "sources", []))
        known = {s["source_id"]: s for s in self.meta.sources}
        return [known.get(i, {"source_id": i, "short_title": i, "reference": i}) for i in ids]

    def is_illustrative(self) -> bool:
        return "illustrative" in self.meta.provenance.split("+") or any(
            "illustrative" in str(getattr(b, "provenance", "")).split("+") for b in self.blocks)

    def to_json(self) -> dict:
        return {"meta": asdict(self.meta), "blocks": [block_json(b) for b in self.blocks]}

    @classmethod
    def from_json(cls, payload: dict) -> Report:
        return cls(Meta(**payload.get("meta", {})), [block_from_json(b) for b in payload.get("blocks", [])])


def block_json(block: Block) -> dict:
    """A block as plain JSON (the kernel-only DataFrame and Figure left out)."""
    data = {f.name: getattr(block, f.name) for f in fields(block) if f.name not in _KERNEL_ONLY}
    return {"type": _TYPE_OF[type(block)], **json.loads(json.dumps(data, default=_plain))}


def block_from_json(payload: dict) -> Block:
    payload = dict(payload)
    cls = TYPES[payload.pop("type")]
    return cls(**{k: v for k, v in payload.items() if k in {f.name for f in fields(cls)}})


def _plain(value: Any) -> Any:
    """Numpy scalars → plain values (anything else is a bug: fail loudly)."""
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"not JSON-like: {value!r}")


def publish(meta: Meta | None = None, blocks: list[Block] | None = None) -> None:
    """Put report content into the notebook's outputs (no-op outside IPython)."""
    payload: dict = {}
    if meta is not None:
        payload["meta"] = asdict(meta)
    if blocks:
        payload["blocks"] = [block_json(b) for b in blocks]
    if not payload:
        return
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return
    if get_ipython() is not None:  # a plain script has nowhere to record to
        display({MIME: payload, "text/plain": ""}, raw=True)


def read_report(notebook: "nbformat.NotebookNode | str") -> Report:
    """The report an executed notebook published: its meta and every block, in order."""
    import nbformat  # here, not at the top (see recording.read_recorded)

    nb = nbformat.read(notebook, as_version=4) if isinstance(notebook, str) else notebook
    meta, blocks = Meta(), []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(MIME)
            if not payload:
                continue
            if "meta" in payload:
                meta = Meta(**payload["meta"])
            blocks += [block_from_json(raw) for raw in payload.get("blocks", [])]
    return Report(meta, blocks)


def write_report(report: Report, path: str | Path) -> None:
    """The model as report.json beside the run's figures and tables."""
    atomic_write(path, json.dumps(report.to_json(), ensure_ascii=False, indent=1))


def load_report(path: str | Path) -> Report:
    return Report.from_json(json.loads(Path(path).read_text(encoding="utf-8")))
