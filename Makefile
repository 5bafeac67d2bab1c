# Each target sets itself up: a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: site serve test bench clean

$(READY): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(READY)

site: $(READY)  ## build the hub into site/
	$(BIN)/learnhub build

serve: $(READY)  ## preview on http://127.0.0.1:8000/, rebuilding on every YAML change
	$(BIN)/learnhub serve

test: $(READY)  ## run every test
	$(BIN)/python -m pytest

bench: $(READY)  ## time builds at 1x, 10x and 100x; writes bench/results.json (not part of test)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .site-new-* .site-old-*
