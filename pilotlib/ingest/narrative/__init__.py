"""Reading narrative reports (.txt, .docx): paragraphs and sentences (``report_text``),
unit mentions (``mentions``) and the unit talked about (``context``), organisations,
boards and positions named (``names``, ``subjects``), the numbers that may count posts
(``numbers``) and their structure (``structure``), staffing figures (``figures``, and
``word_tables`` for Word tables), board statements (``boards``), read sentence after
sentence by ``reading``; difficulties, recommendations and advantages (``statements``,
``items``, ``advantages``), gathered into review tables by ``extract``. Everything unsure
is flagged for a person, never guessed. Same imports as ``ingest``.
"""
