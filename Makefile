# Each target sets itself up: a fresh clone needs only python3.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready

.PHONY: site serve test bench audit clean

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

# Lighthouse from npm into .audit/ (12.8: the last line that runs on Debian's Node 20), driving
# Debian's Chromium. Not part of `make test`: scores are for people to read, not a gate in CI.
LIGHTHOUSE := .audit/node_modules/.bin/lighthouse
CHROME_PATH ?= /usr/bin/chromium

$(LIGHTHOUSE):
	npm install --prefix .audit --no-audit --no-fund 'lighthouse@~12.8'

audit: $(READY) $(LIGHTHOUSE)  ## Lighthouse scores: home, a day page, resources (needs npm and chromium)
	$(BIN)/learnhub build
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python tools/audit.py --lighthouse $(LIGHTHOUSE)

bench: $(READY)  ## time builds at 1x, 10x and 100x; writes bench/results.json (not part of test)
	$(BIN)/python -m bench.run

clean:
	rm -rf site .site-new-* .site-old-*

# The offline bundle (issue 16): dist/learnhub-<year>.zip, the whole hub to open from disk.
.PHONY: bundle
bundle: $(READY)  ## write dist/learnhub-<year>.zip: unzip it and open index.html (file://)
	$(BIN)/learnhub bundle
