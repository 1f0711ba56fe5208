# Two commands matter: `make demo` and `make test`. Both create the virtualenv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ARTICLES := examples/articles/000_2546148ec63b8380.txt examples/articles/002_70b3b5a192c8fc87.txt

.PHONY: venv demo test test-all lint bench clean name-independence

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

demo: venv
	$(BIN)/kg ingest $(DEMO_ARTICLES)
	$(BIN)/kg query sk-executives-per-meeting

test: venv
	$(BIN)/python -m pytest -q

test-all: venv
	$(BIN)/python -m pytest -q -m ''

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
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
