"""Reading narrative reports (.txt, .docx): paragraphs and sentences (``report_text``),
unit mentions (``mentions``), staffing figures and boards (``figures``), difficulties
and recommendations (``statements``), gathered into review tables by ``extract``.
Everything unsure is flagged for a person, never guessed. Same imports as ``ingest``.
"""
