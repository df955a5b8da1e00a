"""What the data must look like and the words it may use: table contracts and
enumerations (``schema``) and their checking (``validate``), vocabularies of units,
bodies and positions with name matching (``vocab``), issue topics and kinds (``topics``),
and the words of table headers (``header_words``) — all read from ``data/reference``.
May import ``core`` only.
"""
