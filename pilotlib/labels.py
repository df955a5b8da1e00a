"""Words a reader sees, in Vietnamese first and English second, keyed by language."""
from __future__ import annotations

LANGS = ("vi", "en")

LABELS: dict[str, dict[str, str]] = {
    "old": {"vi": "Trước thí điểm", "en": "Before the pilot"},
    "pilot": {"vi": "Thí điểm", "en": "Pilot"},
    "unit": {"vi": "Đơn vị", "en": "Unit"},
    "posts": {"vi": "Biên chế", "en": "Posts"},
    "posts_old": {"vi": "Biên chế trước thí điểm", "en": "Posts before the pilot"},
    "posts_pilot": {"vi": "Biên chế thí điểm", "en": "Posts in the pilot"},
    "change": {"vi": "Thay đổi", "en": "Change"},
    "change_pct": {"vi": "Thay đổi (%)", "en": "Change (%)"},
    "complete": {"vi": "Đủ số liệu", "en": "Complete"},
    "provenance": {"vi": "Nguồn số liệu", "en": "Provenance"},
    "total": {"vi": "Tổng", "en": "Total"},
    "chart_posts_title": {
        "vi": "Biên chế trước và trong thí điểm",
        "en": "Posts before and during the pilot",
    },
    "prov_source": {"vi": "tài liệu được trích dẫn", "en": "cited source document"},
    "prov_analyst": {"vi": "tệp của người phân tích", "en": "analyst's file"},
    "prov_illustrative": {"vi": "SỐ LIỆU MINH HỌA", "en": "ILLUSTRATIVE DATA"},
    "caption_source": {"vi": "Nguồn", "en": "Source"},
    "section_posts": {"vi": "So sánh biên chế", "en": "Posts compared"},
    "status_ok": {"vi": "hoàn thành", "en": "ok"},
    "status_failed": {"vi": "LỖI", "en": "FAILED"},
    "status_skipped": {"vi": "không đổi, dùng lại", "en": "unchanged, reused"},
    "section_table": {"vi": "Bảng số liệu", "en": "Data table"},
    "section_summary": {"vi": "Nhận định", "en": "Assessment"},
    "illustrative_banner": {
        "vi": "Số liệu minh họa, không phải số liệu thật",
        "en": "Illustrative data, not real figures",
    },
}


def label(key: str, lang: str) -> str:
    """The label in ``lang`` (vi or en); unknown keys are returned as they are."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    return LABELS.get(key, {}).get(lang, key)


def provenance_label(provenance: str, lang: str) -> str:
    """'source+illustrative' → readable words in the report language."""
    parts = [p for p in str(provenance).split("+") if p]
    return ", ".join(label(f"prov_{p}", lang) for p in parts)

TITLES: dict[str, dict[str, str]] = {
    "unit_report": {"vi": "Báo cáo đơn vị: {unit}", "en": "Unit report: {unit}"},
    "overview": {"vi": "Tổng quan mô hình thí điểm", "en": "Pilot overview"},
    "index": {"vi": "Bộ báo cáo thí điểm", "en": "Pilot report set"},
}


def title(notebook: str, lang: str, unit: str = "") -> str:
    """The reader-facing title of a report."""
    return TITLES[notebook][lang].format(unit=unit)
