"""The command's process skips an import nothing of pilotlib uses (``rfc3987_syntax``,
~1 s of grammar compiling that jsonschema pulls in through nbformat), and notebooks are
still validated — nbformat checks against JSON Schema draft 4, without format checks."""
from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import sys
    from pilotlib.cli.main import main
    try:
        main(["--help"])
    except SystemExit:
        pass
    import nbformat
    good = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    nbformat.validate(good)
    bad = nbformat.v4.new_notebook()
    bad["cells"] = [{"cell_type": "code", "source": "x = 1"}]  # no metadata, outputs, count
    try:
        nbformat.validate(bad)
        print("bad notebook accepted")
    except nbformat.ValidationError:
        print("bad notebook refused")
    print("lark imported:", "lark" in sys.modules, "rfc3987_syntax" in sys.modules)
""")


def test_the_command_skips_the_grammar_import_and_still_validates_notebooks():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()[-2:]
    # the module is marked absent (a None entry), never imported
    assert lines == ["bad notebook refused", "lark imported: False True"], done.stdout


def test_a_session_that_imports_pilotlib_is_left_alone():
    script = "import sys, pilotlib, pilotlib.batch.runner; print('rfc3987_syntax' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.stdout.strip() == "False", done.stderr  # only `pilotlib …` (main) marks it
