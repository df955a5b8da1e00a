"""Who issues the Word report: an optional small TOML file, or the same keys as a dict.

Everything an analyst's office decides — issuing body, number, place, recipients,
signer — comes from here; what is not given is printed as a visible placeholder ("…")
for the clerk to fill in, never invented. Example (README, "Word report settings")::

    style = "state"                 # "state" (national motto) or "party" (ĐẢNG CỘNG SẢN VIỆT NAM)
    parent = "TỈNH ỦY LÂM ĐỒNG"     # parent body, optional
    issuer = "BAN TỔ CHỨC"          # issuing body
    number = "05"                   # document number (a single digit gets its leading zero)
    symbol = "BTCTU"                # abbreviation after BC- (state) or BC/ (party)
    place = "Lâm Đồng"
    date = 2026-02-05               # optional; default: the day the report is produced
    to = ["Ban Thường vụ Tỉnh ủy"]  # "Kính gửi", optional
    recipients = ["Ban Thường vụ Tỉnh ủy (để báo cáo)", "Các đồng chí Ủy viên Ban Thường vụ"]
    archive = "VT, BTC"             # after "Lưu:"
    [signer]
    authority = "TM. BAN TỔ CHỨC"   # TM./KT./Q./TL./TUQ. line
    title = "TRƯỞNG BAN"
    name = "Nguyễn Văn A"
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, fields
from datetime import date
from pathlib import Path

from pilotlib.core.errors import DataError
from pilotlib.core.i18n import say

STYLES = ("state", "party")


@dataclass(frozen=True)
class Signer:
    authority: str = ""
    title: str = ""
    name: str = ""


@dataclass(frozen=True)
class DocumentSettings:
    style: str = "state"
    parent: str = ""
    issuer: str = ""
    number: str = ""
    symbol: str = ""
    place: str = ""
    date: str = ""  # ISO date; empty: the day the report is produced
    to: tuple[str, ...] = ()
    recipients: tuple[str, ...] = ()
    archive: str = ""
    signer: Signer = field(default_factory=Signer)

    def as_dict(self) -> dict:
        """Plain values (for the run's key: other settings, other Word file)."""
        values = {f.name: getattr(self, f.name) for f in fields(self) if f.name != "signer"}
        return values | {"to": list(self.to), "recipients": list(self.recipients),
                         "signer": {f.name: getattr(self.signer, f.name) for f in fields(Signer)}}


_TEXT = ("style", "parent", "issuer", "number", "symbol", "place", "date", "archive")
_LISTS = ("to", "recipients")


def _text(value: object, key: str, origin: str, lang: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise DataError(say("doc.settings_type", lang, path=origin, setting=key, kind="text"))
    return value.strip()


def settings_from(values: dict | None, origin: str = "settings", lang: str = "vi") -> DocumentSettings:
    """Checked settings from a dict (unknown keys and wrong types name themselves)."""
    values = dict(values or {})
    allowed = (*_TEXT, *_LISTS, "signer")
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise DataError(say("doc.settings_unknown", lang, path=origin, keys=", ".join(unknown),
                            allowed=", ".join(allowed)))
    text = {k: _text(values[k], k, origin, lang) for k in _TEXT if k in values}
    if text.get("style", "state") not in STYLES:
        raise DataError(say("doc.settings_type", lang, path=origin, setting="style", kind=" | ".join(STYLES)))
    if text.get("date"):
        try:
            date.fromisoformat(text["date"])
        except ValueError:
            raise DataError(say("doc.settings_type", lang, path=origin, setting="date", kind="YYYY-MM-DD")) from None
    lists = {}
    for key in _LISTS:
        value = values.get(key, [])
        value = [value] if isinstance(value, str) else value
        if not isinstance(value, list):
            raise DataError(say("doc.settings_type", lang, path=origin, setting=key, kind="[text, …]"))
        lists[key] = tuple(_text(v, key, origin, lang) for v in value)
    signer = values.get("signer", {})
    if not isinstance(signer, dict) or set(signer) - {"authority", "title", "name"}:
        raise DataError(say("doc.settings_type", lang, path=origin, setting="signer",
                            kind="{authority, title, name}"))
    return DocumentSettings(**text, **lists,
                            signer=Signer(**{k: _text(v, f"signer.{k}", origin, lang) for k, v in signer.items()}))


def load_settings(path: str | Path | None, lang: str = "vi") -> DocumentSettings:
    """The settings file (TOML) at ``path``; defaults (placeholders) without one."""
    if not path:
        return DocumentSettings()
    try:
        with open(path, "rb") as stream:
            values = tomllib.load(stream)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DataError(say("doc.settings_unreadable", lang, path=str(path), error=exc)) from None
    return settings_from(values, str(path), lang)
