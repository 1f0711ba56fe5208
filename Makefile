# Two commands matter: `make demo` and `make test`. Both create the virtualenv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ARTICLES := examples/articles/000_2546148ec63b8380.txt examples/articles/002_70b3b5a192c8fc87.txt
DEMO_STORE := .demo-store
LOWEST_VENV ?= .venv-lowest
WHEEL_VENV ?= .venv-wheel

.PHONY: venv demo test test-all test-robust test-remote test-lowest test-wheel virtuoso lint bench bench-remote clean name-independence browser-deps test-browser

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip uninstall --quiet --yes aipkg 2>/dev/null || true  # the distribution's name before aipkg-kg
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

# The demo's store is inside the project (git-ignored), not the user's default store.
demo: venv
	$(BIN)/kg ingest --store $(DEMO_STORE) $(DEMO_ARTICLES)
	$(BIN)/kg query --store $(DEMO_STORE) sk-executives-per-meeting
	@echo
	@echo "The demo's store is $(DEMO_STORE)/. Try it yourself:"
	@echo "    $(BIN)/kg fact 최태원 --store $(DEMO_STORE)"
	@echo "    $(BIN)/kg query meetings -p company=SK하이닉스 --store $(DEMO_STORE)"
	@echo "or activate the virtualenv (. $(BIN)/activate) and run kg --help; KG_STORE=$(DEMO_STORE) makes it the default store."

test: venv
	$(BIN)/python -m pytest -q

test-all: venv
	$(BIN)/python -m pytest -q -m ''

# The robustness tests of issue 15 that start `kg` processes (a minute or two): CI runs them after `make test`.
test-robust: venv
	$(BIN)/python -m pytest -q -m robust

# The pages of `kg serve` in a real browser: Debian's chromium, with fonts-nanum for Hangul, installed when missing
# (as root, with apt-get); where they cannot be, the tests skip and say why.
browser-deps:
	@if command -v chromium >/dev/null 2>&1 && fc-list 2>/dev/null | grep -qi nanum; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    chromium fonts-nanum >/dev/null) || echo "warning: apt-get could not install chromium fonts-nanum"; \
	else echo "warning: chromium and fonts-nanum are missing and need root and apt-get to install"; fi

test-browser: venv browser-deps
	$(BIN)/python -m pytest -q -m browser tests/serve

# Virtuoso 7 for the remote store's tests (Debian's package, started by the tests on 127.0.0.1); where it cannot be
# installed, those tests are skipped and say why.
virtuoso:
	@command -v virtuoso-t >/dev/null || { [ "$$(id -u)" = 0 ] && SUDO= || SUDO="sudo -n"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null; } \
	  || echo "virtuoso-opensource could not be installed: the tests against Virtuoso will be skipped"

# The store against real servers (issue 24): the store suite, the remote store's tests and the end-to-end matrix
# (ingest, every library query, export, kg fact) on the embedded store, `oxigraph serve` and Virtuoso 7, each
# started by the tests on 127.0.0.1. A few minutes; CI runs it after `make test`.
test-remote: venv virtuoso
	$(BIN)/python -m pytest -q -m '' tests/store/test_store.py tests/store/test_store_remote.py tests/store/test_store_matrix.py

# The lowest versions pyproject.toml allows for each direct dependency, in a fresh virtualenv, and a smoke test of
# every command: a lower bound that does not work fails here rather than at a user's.
test-lowest:
	rm -rf $(LOWEST_VENV)
	$(PYTHON) -m venv $(LOWEST_VENV)
	$(LOWEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LOWEST_VENV)/bin/python .ci/lowest_constraints.py pyproject.toml > $(LOWEST_VENV)/constraints.txt
	$(LOWEST_VENV)/bin/python -m pip install --quiet -c $(LOWEST_VENV)/constraints.txt . 'pytest>=8,<10'
	cd $(LOWEST_VENV) && bin/python -m pip freeze | grep -iE '^(typer|rich|rdflib|pyshacl|owlrl|pyoxigraph|kiwipiepy|trafilatura|charset)'
	$(LOWEST_VENV)/bin/python -m pytest -q -m '' -p no:cacheprovider tests/test_smoke.py tests/test_cli.py

# The wheel as users get it: built, installed without extras into a fresh virtualenv, then `kg` ingests an HTML
# page and a JSON Lines file (a dependency only a dev extra brings in fails here).
test-wheel: venv
	rm -rf $(WHEEL_VENV) build/wheel
	$(BIN)/python -m build --wheel --no-isolation --outdir build/wheel .
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(WHEEL_VENV)/bin/python -m pip install --quiet build/wheel/*.whl
	$(WHEEL_VENV)/bin/python .ci/wheel_smoke.py

lint: venv
	$(BIN)/ruff check .
	$(BIN)/mypy kg

bench: venv
	$(BIN)/python bench/run.py
	$(MAKE) bench-remote

# Ingest rate and the library's query times at ~100k statements on `oxigraph serve` and Virtuoso 7 beside the
# embedded store, in one run (issue 24; bench/README.md).
bench-remote: venv virtuoso
	$(BIN)/python bench/remote.py

# Name-independence (issue 18): the scorer on a corpus and on a perturbed copy; needs the shared corpus, so not in `test`.
NI_ARTICLES ?= /work/shared/corpus/dev/articles
NI_GOLD ?= /work/shared/corpus/dev/gold
NI_SCORER ?= /work/shared/eval/score.py
NI_SEED ?= 1,2,3
name-independence: venv
	$(BIN)/python bench/name_independence.py --articles $(NI_ARTICLES) --gold $(NI_GOLD) --scorer $(NI_SCORER) --seed $(NI_SEED)

clean:
	rm -rf $(VENV) $(LOWEST_VENV) $(WHEEL_VENV) $(DEMO_STORE) build dist *.egg-info .pytest_cache
