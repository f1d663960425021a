# Two commands do everything on a fresh machine (see README):
#   make sample   set up, then check the sample dispatch (with LanguageTool)
#   make test     set up, then run linters, type checks and the whole test suite
VENV ?= .venv
PY := $(VENV)/bin/python
BIN := $(VENV)/bin

.PHONY: setup languagetool browser sample test bench soak

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -e '.[test]'
	touch $@

languagetool: setup
	$(BIN)/copydesk languagetool install

browser:
	command -v chromium >/dev/null || (apt-get update -q && apt-get install -y -q chromium)

sample: setup languagetool
	$(BIN)/copydesk languagetool start
	$(BIN)/copydesk check examples/dispatch.md || [ $$? -eq 1 ]

test: setup languagetool browser
	$(BIN)/ruff check copydesk tests $(wildcard benchmarks)
	$(BIN)/mypy
	$(BIN)/python -m pytest -n 2

bench: setup languagetool
	$(PY) -m pip install -q -e '.[bench]'
	$(PY) benchmarks/run.py

soak: setup
	$(PY) benchmarks/soak.py --json benchmarks/soak-latest.json
