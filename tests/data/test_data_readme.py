"""data/README.md is the data dictionary: every bundled file is documented there."""
from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / "data"


def _sections(readme: str) -> dict[str, str]:
    """Level-2 sections of the README by the folder their heading names ("reference/", "example/")."""
    out: dict[str, str] = {}
    for part in re.split(r"(?m)^## ", readme)[1:]:
        heading = part.splitlines()[0]
        folder = re.match(r"`?([\w-]+)/", heading)
        if folder:
            out[folder.group(1)] = part
    return out


def test_every_bundled_file_is_documented():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    sections = _sections(readme)
    missing = []
    for path in sorted(p for p in DATA.rglob("*") if p.is_file() and p.name != "README.md"):
        parts = path.relative_to(DATA).parts
        # a file in a folder is documented in that folder's section; a top-level file anywhere
        where = sections.get(parts[0], "") if len(parts) > 1 else readme
        if path.name not in where:
            missing.append("/".join(parts))
    assert not missing, f"not documented in data/README.md: {missing}"


def test_sections_exist_for_every_folder():
    sections = _sections((DATA / "README.md").read_text(encoding="utf-8"))
    folders = {p.name for p in DATA.iterdir() if p.is_dir()}
    assert folders <= set(sections), folders - set(sections)
