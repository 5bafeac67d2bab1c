# Each target sets itself up: a fresh clone needs only python3.
#
# Python packages come from the lock, requirements/*.txt (every package, exact version, hashes),
# made from pyproject.toml's ranges by `make lock`. pip installs uv (requirements/uv.txt), then uv
# installs the rest: `make site` only what building needs (requirements/site.txt), `make test` adds
# the test tools (requirements/test.txt). A set-up re-runs whenever its lock file changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(BIN)/uv
SITE_READY := $(VENV)/.site-ready
TEST_READY := $(VENV)/.test-ready

# The environment becomes exactly the lock file given (hashes checked), then learnhub itself is
# installed from this folder with the locked setuptools, so nothing the lock does not name is fetched.
SYNC := $(UV) pip sync --quiet --python $(BIN)/python --require-hashes
SELF := $(UV) pip install --quiet --python $(BIN)/python --no-deps --no-build-isolation -e .

.PHONY: site serve test bench audit lock drift clean

# The venv is made without pip (making pip takes seconds), and python3's own pip installs uv into
# it; where python3 has no pip (or one older than 22.3), the venv gets its own pip for that.
UV_FROM_LOCK := install --quiet --require-hashes --no-deps -r requirements/uv.txt

$(UV): requirements/uv.txt
	test -x $(BIN)/python || $(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) -m pip --python $(BIN)/python $(UV_FROM_LOCK) 2>/dev/null \
		|| { $(BIN)/python -m ensurepip --default-pip >/dev/null && $(BIN)/python -m pip $(UV_FROM_LOCK); }
	touch $@

$(SITE_READY): $(UV) requirements/site.txt pyproject.toml
	$(SYNC) requirements/site.txt
	$(SELF)
	rm -f $(TEST_READY)
	touch $@

# The test lock holds the site lock's packages at the same versions, so it readies `make site` too.
$(TEST_READY): $(UV) requirements/test.txt requirements/site.txt pyproject.toml
	$(SYNC) requirements/test.txt
	$(SELF)
	touch $(SITE_READY) $@

site: $(SITE_READY)  ## build the hub into site/
	$(BIN)/learnhub build

serve: $(SITE_READY)  ## preview on http://127.0.0.1:8000/, rebuilding on every YAML change
	$(BIN)/learnhub serve

test: $(TEST_READY)  ## run every test
	$(BIN)/python -m pytest

# Lighthouse from npm into .audit/ (12.8: the last line that runs on Debian's Node 20), driving
# Debian's Chromium. Not part of `make test`: scores are for people to read, not a gate in CI.
LIGHTHOUSE := .audit/node_modules/.bin/lighthouse
CHROME_PATH ?= /usr/bin/chromium

$(LIGHTHOUSE):
	npm install --prefix .audit --no-audit --no-fund 'lighthouse@~12.8'

audit: $(SITE_READY) $(LIGHTHOUSE)  ## Lighthouse scores: home, a day page, resources (needs npm and chromium)
	$(BIN)/learnhub build
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python tools/audit.py --lighthouse $(LIGHTHOUSE)

bench: $(TEST_READY)  ## time builds at 1x, 10x and 100x; writes bench/results.json (not part of test)
	$(BIN)/python -m bench.run

# The lock is resolved for every platform and every Python that pyproject.toml allows (markers pick
# at install time). uv keeps each pin already in requirements/*.txt unless its range moved, so
# adding a dependency changes only what it brings; UPGRADE=1 moves every pin to the newest release
# in range. The site lock is the test lock's subset, at the same versions.
COMPILE := $(UV) pip compile --quiet --universal --python-version 3.11 --generate-hashes \
	--annotation-style line --custom-compile-command 'make lock'

lock: $(UV)  ## re-pin requirements/*.txt from pyproject.toml (UPGRADE=1: newest releases in range)
	$(COMPILE) $(if $(UPGRADE),--upgrade) pyproject.toml requirements/tools.in --extra test \
		-o requirements/test.txt
	$(COMPILE) pyproject.toml requirements/tools.in -c requirements/test.txt -o requirements/site.txt
	$(COMPILE) requirements/uv.in -c requirements/test.txt -o requirements/uv.txt

# What a user would meet after the next release of any dependency: the newest releases inside
# pyproject.toml's ranges, ignoring the lock. uv prints each package that moved away from the lock
# (also kept in .venv/drift.txt); then the whole suite runs. Weekly in CI (.github/workflows/drift.yml).
drift: $(TEST_READY)  ## every test against the newest releases in range, unlocked
	rm -f $(SITE_READY) $(TEST_READY)
	$(UV) pip compile --quiet --upgrade --python $(BIN)/python --no-header \
		pyproject.toml requirements/tools.in --extra test -o $(VENV)/newest.txt
	$(UV) pip sync --python $(BIN)/python $(VENV)/newest.txt 2> $(VENV)/drift.txt; \
		status=$$?; cat $(VENV)/drift.txt; exit $$status
	$(SELF)
	$(BIN)/python -m pytest

clean:
	rm -rf site .site-new-* .site-old-*

# The offline bundle (issue 16): dist/learnhub-<year>.zip, the whole hub to open from disk.
.PHONY: bundle
bundle: $(READY)  ## write dist/learnhub-<year>.zip: unzip it and open index.html (file://)
	$(BIN)/learnhub bundle
