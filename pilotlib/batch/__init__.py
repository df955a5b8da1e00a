"""Many reports at once: plan the runs before any kernel starts (``plan``), execute each
notebook in its own kernel (``execute``), reuse unchanged runs (``cache``), show
progress (``progress``), add the provenance footer (``footer``), write the index page
(``index_page``) and the manifest (``runner``); ``api.make_reports`` is the Python door.
May import every layer up to ``report``.
"""
