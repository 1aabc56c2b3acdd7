# Two commands on a fresh machine with only python3: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: run test setup browser clean

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
	@if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then \
	  echo "browser: chromium and chromedriver are installed"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null \
	  && echo "browser: installed chromium and chromium-driver"; \
	else \
	  echo "browser: chromium or chromedriver missing and cannot install them (not root, or no apt-get):" \
	       "the browser tests will be skipped"; \
	fi

clean:
	rm -rf out .pytest_cache
