"""The Word report in the administrative format (Nghị định 30/2020/NĐ-CP, Phụ lục I):
``document`` assembles it from the report model, ``frame`` draws the heading and closing
blocks, ``body`` the content, ``layout`` the page and styles, ``settings`` reads who
issues it, ``xml`` holds the little WordprocessingML python-docx has no API for."""
