"""The Word reports opened in a real word processor: LibreOffice converts a unit report
and the comparison report to PDF headlessly; the PDF has pages, none blank, and its text
has the Vietnamese title and the key figures.

Skipped (with the reason) where LibreOffice is missing; `.ci/run` installs
libreoffice-writer-nogui and fonts-liberation2 when it runs as root, so CI runs it.
Each conversion gets its own LibreOffice profile: two conversions sharing one collide.
"""
from __future__ import annotations

import shutil
import subprocess
import uuid

import pytest

from pilotlib.batch.sets import current

pytestmark = pytest.mark.slow

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
pypdf = pytest.importorskip("pypdf", reason="pypdf is not installed (pip install -e '.[test]')")
if SOFFICE is None:
    pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui fonts-liberation2)",
                allow_module_level=True)


def to_pdf(docx_path, folder):
    profile = folder / f"profile-{uuid.uuid4().hex}"
    subprocess.run([SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(docx_path)], check=True, capture_output=True, timeout=180)
    return pypdf.PdfReader(str(folder / (docx_path.stem + ".pdf")))


@pytest.mark.parametrize("run_id, expected", [
    ("unit_report--lam-ha--vi", ["Kết quả thí điểm Cơ quan Khối MTTQ", "Lâm Hà", "20"]),
    ("comparison--all--vi", ["Sơ kết thí điểm Cơ quan Khối MTTQ", "64", "Đạ Huoai", "23", "Đạ Tẻh", "21"]),
])
def test_word_report_converts_to_a_clean_pdf(bundled_report, tmp_path, run_id, expected):
    status, out = bundled_report
    assert status == 0
    pdf = to_pdf(current(out)[0].folder / "reports" / f"{run_id}.docx", tmp_path)
    pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) > 1
    assert all(text.strip() for text in pages)  # no blank page (every page has at least its number)
    text = " ".join(" ".join(pages).split())
    assert "BÁO CÁO" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    for figure in expected:
        assert figure in text, figure
    first = pdf.pages[0].mediabox
    assert (round(float(first.width) / 72 * 25.4), round(float(first.height) / 72 * 25.4)) == (210, 297)  # A4
