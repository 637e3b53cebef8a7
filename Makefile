# Set-up and everyday commands. `make install` is idempotent: it does nothing when .venv is
# up to date with pyproject.toml.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
QUESTION ?= How does LoRA or QLoRA fine-tuning compare with full fine-tuning in quality and memory?
SOURCE ?= $(if $(wildcard ../shared/corpus/papers),../shared/corpus/papers,arxiv)
PYTEST_ARGS ?=

.PHONY: install browser demo test bench clean-venv

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	# torch first and pinned: a bare `torch` pulls a multi-GB CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

demo: install
	$(BIN)/litcheck report "$(QUESTION)" --source $(SOURCE) --out reports/demo

# The report's HTML is checked in a real headless Chromium (Debian's package); without it
# that one test is skipped with its reason.
browser:
	@command -v chromium >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) ; } || \
	  echo "note: chromium is not installed; the browser test will be skipped"

test: install browser
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: install
	$(BIN)/python benchmarks/ingest.py ../shared/corpus/papers

clean-venv:
	rm -rf $(VENV)
