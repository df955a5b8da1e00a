"""Safe file names from unit names: ASCII, no path separators, never empty."""
from __future__ import annotations

import re

from pilotlib.textkey import fold

_NOT_SAFE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """'Đạ Tẻh' → 'da-teh'; '../x' → 'x'; '' → 'unnamed'."""
    slug = _NOT_SAFE.sub("-", fold(text)).strip("-")
    return slug or "unnamed"


def check_unique(names: list[str]) -> dict[str, str]:
    """Map each name to its slug; two names with the same slug raise ValueError naming both."""
    seen: dict[str, str] = {}
    for name in names:
        slug = slugify(name)
        if slug in seen and seen[slug] != name:
            raise ValueError(
                f"'{seen[slug]}' và '{name}' trùng tên tệp '{slug}' / "
                f"'{seen[slug]}' and '{name}' both give the file name '{slug}'"
            )
        seen[slug] = name
    return {name: slug for slug, name in seen.items()}
