# Two commands matter: `make demo` and `make test`. Both create the virtualenv when needed.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ARTICLES := examples/articles/000_2546148ec63b8380.txt examples/articles/002_70b3b5a192c8fc87.txt

.PHONY: venv demo test test-all test-robust lint bench clean

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

test-robust: venv
	$(BIN)/python -m pytest -q -m slow

lint: venv
	$(BIN)/ruff check .

bench: venv
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache
