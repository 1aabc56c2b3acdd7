# Two commands on a fresh machine with only python3: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
# The browser the page tests drive, and the installer `make test` may use (overridable: a test
# checks that a failing installer only skips those tests).
CHROMIUM     ?= /usr/bin/chromium
CHROMEDRIVER ?= /usr/bin/chromedriver
APT_GET      ?= apt-get

.PHONY: run test setup browser docs clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	$(BIN)/kg build seeds -o out

test: $(STAMP) browser
	$(BIN)/python -m pytest -q

# Debian's headless chromium and chromedriver, for the tests of the interactive page
# (tests/test_html.py, which are skipped without them): installed with apt-get when missing
# and we are root; otherwise left alone (the browser tests then skip).  Part of `make test`'s set-up.
browser:
	@if [ -x $(CHROMIUM) ] && [ -x $(CHROMEDRIVER) ]; then \
	  echo "browser: chromium and chromedriver are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v $(APT_GET) >/dev/null; then \
	  { $(APT_GET) update -qq && DEBIAN_FRONTEND=noninteractive $(APT_GET) install -y -qq chromium chromium-driver >/dev/null \
	    && echo "browser: installed chromium and chromium-driver"; } \
	  || echo "browser: apt-get could not install chromium (another process may hold its lock):" \
	          "the browser tests will be skipped"; \
	else \
	  echo "browser: chromium or chromedriver missing and cannot install them (not root, or no apt-get):" \
	       "the browser tests will be skipped"; \
	fi

# The pictures of docs/ (the seeds' figure and a screenshot of their page), from a build.
docs: $(STAMP) browser
	$(BIN)/python scripts/docs_screenshots.py

clean:
	rm -rf out .pytest_cache
