"""Many reports at once: plan the runs before any kernel starts (``plan``), execute each
notebook in its own kernel (``execute``) on worker processes (``workers``), reuse
unchanged runs (``cache``), show progress (``progress``), add the provenance footer
(``footer``), write the index pages (``index_page``) and the manifest (``runner``), own and
lock the output folder (``outdir``) and publish each set whole (``sets``);
``api.make_reports`` is the Python door. May import every layer up to ``report``.
"""
