"""A data set as the analysis sees it: the model (``model.Dataset``), the kinds of table
it may hold and the raw readers behind them (``kinds``, a registry), the loader of a
file or folder (``load``) and the illustrative example set (``example``).
May import ``core``, ``reference`` and ``ingest``.
"""
