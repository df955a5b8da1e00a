"""Charts for the reports. Each function returns a matplotlib Figure; callers save it
(``style.save_figure``). Every chart carries a caption naming its data's provenance, and
illustrative data gets a watermark (``style.finish``).
"""
