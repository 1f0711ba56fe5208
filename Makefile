# Two commands matter: `make demo` and `make test`. Both create the virtualenv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ARTICLES := examples/articles/000_2546148ec63b8380.txt examples/articles/002_70b3b5a192c8fc87.txt
DEMO_STORE := .demo-store
LOWEST_VENV ?= .venv-lowest

.PHONY: venv demo test test-all test-robust test-lowest virtuoso lint bench clean name-independence

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

test-robust: venv
	$(BIN)/python -m pytest -q -m slow

# Virtuoso 7 for the remote store's tests (Debian's package, started by the tests on 127.0.0.1); where it cannot be
# installed, those tests are skipped and say why.
virtuoso:
	@command -v virtuoso-t >/dev/null || { [ "$$(id -u)" = 0 ] && SUDO= || SUDO="sudo -n"; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq virtuoso-opensource >/dev/null; } \
	  || echo "virtuoso-opensource could not be installed: the tests against Virtuoso will be skipped"

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

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python bench/run.py

# Name-independence (issue 18): the scorer on a corpus and on a perturbed copy; needs the shared corpus, so not in `test`.
NI_ARTICLES ?= /work/shared/corpus/dev/articles
NI_GOLD ?= /work/shared/corpus/dev/gold
NI_SCORER ?= /work/shared/eval/score.py
NI_SEED ?= 1,2,3
name-independence: venv
	$(BIN)/python bench/name_independence.py --articles $(NI_ARTICLES) --gold $(NI_GOLD) --scorer $(NI_SCORER) --seed $(NI_SEED)

clean:
	rm -rf $(VENV) $(LOWEST_VENV) $(DEMO_STORE) build dist *.egg-info .pytest_cache
