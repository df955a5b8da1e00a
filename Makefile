# One command from a fresh clone: `make report` or `make test`.
# The virtual environment is (re)built only when pyproject.toml changes (stamp file).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LAB_PORT ?= 8888
LAB_ARGS ?=
USER_ID ?= $(shell id -u)
# Jupyter refuses to start as root (containers) unless told it may.
LAB_ROOT := $(if $(filter 0,$(USER_ID)),--allow-root,)
BENCH_REPEAT ?= 3
# The suite runs in this many processes (pytest-xdist; 0 = one process). Files stay whole and
# the tests that read a session report set stay together (tests/conftest.py).
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL := -n $(PYTEST_WORKERS)
MUTATION_REPORT ?= outputs/mutation/report.md

.DEFAULT_GOAL := help
.PHONY: help install report lint test test-fast lab bench mutation clean

help:  ## list the commands
	@grep -E '^[a-z-]+:.*##' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dask]'
	-test -d .git && $(BIN)/nbstripout --install  # strip notebook outputs when staged
	# A fresh checkout's files are as new as its index ("racily clean"): until the index is
	# written again, every `git status` runs the filter above on every notebook — seconds per
	# report batch, which asks git whether the tree is clean. Settle the index once, here.
	-test -d .git && git update-index -q --refresh
	touch $(STAMP)

install: $(STAMP)  ## create .venv and install pilotlib with its dependencies

report: $(STAMP)  ## run every report notebook on the bundled data → outputs/index.html
	$(BIN)/pilotlib report $(REPORT_ARGS)

lint: $(STAMP)  ## layer contracts (import-linter) and ruff on the whole tree
	$(BIN)/lint-imports --no-cache
	$(BIN)/ruff check .

test: lint  ## layer contracts, ruff, then the whole test suite (PYTEST_WORKERS processes)
	$(BIN)/python -m pytest $(PYTEST_PARALLEL)

test-fast: $(STAMP)  ## tests without executing notebooks
	$(BIN)/python -m pytest $(PYTEST_PARALLEL) -m "not slow"

bench: $(STAMP)  ## benchmarks (not part of make test)
	$(BIN)/python benchmarks/bench_normalize.py --repeat $(BENCH_REPEAT)
	$(BIN)/python benchmarks/bench_batch.py --repeat $(BENCH_REPEAT)
	$(BIN)/python benchmarks/bench_dask.py --repeat $(BENCH_REPEAT)
	$(BIN)/python benchmarks/bench_reference.py
	$(BIN)/python benchmarks/bench_rollup.py --repeat $(BENCH_REPEAT)
	$(BIN)/python benchmarks/bench_rerun.py --repeat $(BENCH_REPEAT)

$(VENV)/.mutation-installed: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[test,dask,mutation]'
	touch $@

mutation: $(VENV)/.mutation-installed  ## mutation testing of the costly modules → outputs/mutation/report.md (not part of make test)
	$(BIN)/python tools/mutation.py --report $(MUTATION_REPORT)

lab: $(STAMP)  ## JupyterLab on notebooks/ with the project's kernel (prints the URL; LAB_ARGS adds options)
	$(BIN)/jupyter lab --no-browser --port=$(LAB_PORT) --notebook-dir=notebooks $(LAB_ROOT) $(LAB_ARGS)

clean:  ## remove generated outputs (keeps .venv and the outputs folder's pilotlib mark)
	if [ -d outputs ]; then find outputs -mindepth 1 ! -name .pilotlib-outputs -exec rm -rf {} +; fi
	rm -rf mutants
