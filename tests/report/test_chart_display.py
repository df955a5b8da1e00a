"""A chart in the notebook (and so in its HTML page) is the PNG file saved for it — the
same picture as the file Word embeds and the analyst opens — shown at the size the
inline backend would show the figure; with no output folder (exploring) the figure
itself is shown, drawn by the inline backend as usual."""
from __future__ import annotations

import base64
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from PIL import Image  # noqa: E402

from pilotlib.report.blocks import figure_block  # noqa: E402
from pilotlib.report.display import ChartImage, show_items  # noqa: E402
from pilotlib.report.present import displayed  # noqa: E402


def _chart(dpi: float = 100):
    fig, ax = plt.subplots(figsize=(5, 3), dpi=dpi)
    ax.bar(["trước", "thí điểm"], [23, 21])
    return fig


def test_the_shown_chart_is_its_png_file_at_the_figures_size(tmp_path):
    block = figure_block(_chart(), "posts", "Biên chế", tmp_path, "source")
    shown = displayed(block)
    assert isinstance(shown, ChartImage)
    data, metadata = shown._repr_mimebundle_()
    file = (tmp_path / "posts.png").read_bytes()
    assert base64.b64decode(data["image/png"]) == file  # the very bytes of the file
    assert data["text/plain"] == "<Figure size 500x300 with 1 Axes>"  # as the figure itself reads
    width, height = Image.open(io.BytesIO(file)).size  # saved at 150 dpi, cropped to the drawing
    # shown at 100 dpi (the figure's): two thirds of the file's pixels, rounded
    assert metadata == {"image/png": {"width": round(width * 100 / 150), "height": round(height * 100 / 150)}}
    assert 300 < width < 800 and 200 < height < 480  # ≈ 5 × 3 inches at 150 dpi, minus the margins


def test_a_figure_of_another_dpi_is_shown_at_its_own_size(tmp_path):
    data, metadata = displayed(figure_block(_chart(dpi=72), "posts", "", tmp_path, "source"))._repr_mimebundle_()
    width, height = Image.open(tmp_path / "posts.png").size
    assert metadata["image/png"] == {"width": round(width * 72 / 150), "height": round(height * 72 / 150)}


def test_exploring_without_an_output_folder_shows_the_figure(tmp_path):
    fig = _chart()
    block = figure_block(fig, "posts", "", "", "source")
    assert block.png == b"" and block.files == {}
    assert displayed(block) is fig  # the inline backend draws it, as before


def test_showing_closes_the_figure_so_it_is_not_shown_twice(tmp_path):
    block = figure_block(_chart(), "posts", "", tmp_path, "source")
    number = block.figure.number
    show_items([displayed(block)])
    assert not plt.fignum_exists(number)
