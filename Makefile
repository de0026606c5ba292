# claimkit: two commands for everything (see README.md).
#   make demo   set up, validate the corpus, build a release, load it back with `datasets`
#   make test   set up (Label Studio included), lint, type-check, check generated files, run every test
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LS_STAMP := .venv-labelstudio/.installed-1.23.2
# The browser tests drive Debian's Chromium through Playwright (Playwright never downloads a browser).
CHROMIUM := /usr/bin/chromium
BROWSER_PACKAGES := chromium fonts-noto-core
VALGRIND := /usr/bin/valgrind
export PIP_DISABLE_PIP_VERSION_CHECK := 1
# Datasets never reaches a hub during the demo and the tests: everything is local.
export HF_DATASETS_OFFLINE := 1
export HF_HUB_OFFLINE := 1
export HF_HUB_DISABLE_TELEMETRY := 1

.PHONY: setup labelstudio browser demo test lint check-generated generate benchmark clean

$(STAMP): pyproject.toml requirements/constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -c requirements/constraints.txt -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

$(LS_STAMP):
	$(PYTHON) scripts/labelstudio.py install

labelstudio: $(LS_STAMP)

# Installed only when missing; needs root (CI runs as root). fonts-noto-core renders the Arabic text.
$(CHROMIUM):
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "chromium is missing: run 'sudo apt-get install -y --no-install-recommends $(BROWSER_PACKAGES)'"; exit 1; fi
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(BROWSER_PACKAGES)

browser: $(CHROMIUM)

# The release benchmark in instructions runs releases under Valgrind; installed as Chromium is.
$(VALGRIND):
	@if [ "$$(id -u)" != 0 ]; then \
	  echo "valgrind is missing: run 'sudo apt-get install -y --no-install-recommends valgrind'"; exit 1; fi
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends valgrind

demo: setup
	$(BIN)/claimkit validate annotations
	$(BIN)/claimkit release --snapshot --out dist --load

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

check-generated: setup
	$(BIN)/claimkit schema --check
	$(BIN)/claimkit docs --check

test: setup labelstudio browser lint check-generated
	$(BIN)/python -m pytest

generate: setup
	$(BIN)/claimkit schema
	$(BIN)/claimkit docs

benchmark: setup labelstudio $(VALGRIND)
	$(BIN)/python benchmarks/bench_validate.py
	$(BIN)/python benchmarks/bench_validate_scaling.py
	$(BIN)/python benchmarks/bench_pull.py
	$(BIN)/python benchmarks/bench_release.py
	$(BIN)/python benchmarks/bench_release_instructions.py
	$(BIN)/python benchmarks/bench_ingest.py
	$(BIN)/python benchmarks/bench_sentences.py
	$(BIN)/python benchmarks/bench_agreement.py
	$(BIN)/python benchmarks/bench_preannotate_quality.py
	$(BIN)/python benchmarks/bench_preannotate.py
	$(BIN)/python benchmarks/bench_preannotate_long.py
	$(BIN)/python benchmarks/report.py

clean:
	rm -rf $(VENV) .venv-labelstudio dist .pytest_cache .mypy_cache .ruff_cache
