"""Numbers from tidy tables: posts before and during (``metrics``), what the staffing is
made of (``composition``), who does which task (``versatility``), what an assessment
says (``assessment``) and where every value comes from (``provenance``). Pure functions
of tables: no files, no drawing, no words beyond keys. May import ``core`` to ``data``.
"""
