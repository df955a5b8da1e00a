"""Key figures recorded by a notebook and read back from the executed file.

A notebook calls ``record(total=64)``; the value travels as a display output with its
own MIME type (invisible in HTML), so the batch runner and the tests can read what the
notebook actually computed without parsing text.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import nbformat

MIME = "application/vnd.pilotlib.figures+json"


def _plain(value: Any) -> Any:
    """Numpy/pandas scalars → plain JSON values."""
    if hasattr(value, "item"):
        return value.item()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def record(**figures: Any) -> None:
    """Publish key figures from inside a notebook (no-op outside IPython)."""
    payload = {name: _plain(value) for name, value in figures.items()}
    json.dumps(payload)  # fail here, in the notebook, on a value that is not JSON-like
    try:
        from IPython.display import display
    except ImportError:  # pragma: no cover - IPython ships with ipykernel
        return
    display({MIME: payload, "text/plain": ""}, raw=True)


def read_recorded(notebook: "nbformat.NotebookNode | str") -> dict[str, Any]:
    """All figures recorded in an executed notebook (later records win)."""
    import nbformat  # here, not at the top: report kernels call record() only (~2 s import)

    nb = nbformat.read(notebook, as_version=4) if isinstance(notebook, str) else notebook
    figures: dict[str, Any] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if MIME in data:
                figures.update(data[MIME])
    return figures
