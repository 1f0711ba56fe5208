"""The `kg` app run in this process (typer's CliRunner): each error ends in its documented exit code inside the
app, as it does for the installed command, and every command's help shows a real example."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kg.cli import app

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples/articles/000_2546148ec63b8380.txt"
COMMANDS = ["ingest", "query", "queries", "export", "validate", "reason", "fact", "stats"]


def run(*args: str, store: Path | None = None, stdin: str | None = None) -> tuple[int, str]:
    full = [*args, "--store", str(store)] if store is not None else list(args)
    result = CliRunner().invoke(app, full, input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("cli") / "store"
    code, output = run("ingest", "--no-validate", "-q", str(SEED), store=store)
    assert code == 0, output
    return store


def test_an_unknown_query_exits_2_in_process_as_the_installed_command_does(seeded: Path) -> None:
    code, output = run("query", "no-such-query", store=seeded)
    assert code == 2
    assert "error: unknown query 'no-such-query'" in output and "sk-executives-per-meeting" in output


@pytest.mark.parametrize(
    ("args", "stdin", "code", "message"),
    [
        (["query", "-"], "SELECT * WHERE { ?s ?p }", 4, "error: query: "),
        (["query", "-"], "DROP ALL", 4, "DROP is a SPARQL update"),
        (["query", "meetings-of-person"], None, 2, "needs the parameter 'name'"),
        (["query", "meetings-of-person", "-p", "nmae=x"], None, 2, "has no parameter nmae"),
        (["query", "meetings-of-person", "-p", "name"], None, 2, "--param wants name=value"),
        (["ingest", "--published", "yesterday", "x.txt"], None, 2, "--published wants an ISO date"),
    ],
)
def test_errors_end_in_their_exit_code(seeded: Path, args: list[str], stdin: str | None, code: int, message: str) -> None:
    got, output = run(*args, store=seeded, stdin=stdin)
    assert (got, message in output) == (code, True), output


def test_a_folder_that_is_not_a_store_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    code, output = run("stats", store=tmp_path)
    assert code == 3, output
    code, output = run("stats", store=tmp_path / "missing")
    assert code == 3 and "error: " in output


def test_choices_are_checked_before_anything_runs(seeded: Path) -> None:
    for args in (["export", "--format", "xml"], ["validate", "--engine", "nope"], ["reason", "--engine", "nope"],
                 ["query", "fact-provenance", "--format", "yaml"]):
        code, output = run(*args, store=seeded)
        assert code == 2, (args, output)
        assert "nope" in output or "xml" in output or "yaml" in output


def test_nothing_labelled_so_is_said(seeded: Path) -> None:
    code, output = run("fact", "아무도아닌사람", store=seeded)
    assert code == 6 and "error: nothing in the store is labelled '아무도아닌사람'" in output
    code, output = run("fact", "유영상", store=seeded)
    assert code == 0 and "유영상" in output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_help_has_a_real_example(command: str) -> None:
    code, output = run(command, "--help")
    assert code == 0
    example = next(line for line in output.splitlines() if "Example: kg " in line)
    assert f"kg {command}" in example


def test_python_dash_m_kg_is_the_kg_command() -> None:
    result = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Usage: kg " in result.stdout and "Example: kg ingest" in result.stdout
    for command in COMMANDS:
        assert command in result.stdout


def test_the_readme_shows_every_command_and_option() -> None:
    import typer

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    group = typer.main.get_command(app)
    assert "kg --version" in readme
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"kg {name}" in readme, name
        for param in command.params:
            flags = [f for f in (*param.opts, *param.secondary_opts) if f.startswith("-")]
            if flags and "--help" not in flags:
                assert any(f in readme for f in flags), (name, flags)


def test_an_engine_whose_package_is_missing_names_the_pip_command(seeded: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """owlrl is an extra: without it, `kg reason --engine owlrl` exits 2 with the install command, and the store
    is left as it was."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "owlrl" else real(name, *a))
    before = run("stats", store=seeded)
    code, output = run("reason", "--engine", "owlrl", store=seeded)
    assert code == 2
    assert "pip install 'aipkg-kg[owlrl]'" in output and "--engine fast" in output
    assert run("stats", store=seeded) == before


def test_language_overrides_what_the_text_looks_like(tmp_path: Path) -> None:
    """An English report is read with the English pack by default; `--language ko` makes it read as Korean, whose
    rules find no one in English words. Not: an unknown language, which is a usage error."""
    article = tmp_path / "en.txt"
    article.write_text("Velora and Zentrix meet\nVelora Group Chairman Park Joon-hyung met Zentrix CEO Rafael "
                       "Montero in Seoul on Tuesday.\n", encoding="utf-8")
    for language, meetings in ((None, "1"), ("ko", "0")):
        store = tmp_path / f"store-{language}"
        options = ["--language", language] if language else []
        code, output = run("ingest", "--no-validate", "-q", *options, str(article), store=store)
        assert code == 0, output
        code, output = run("stats", "--json", store=store)
        assert code == 0 and json.loads(output)["counts"]["meetings"] == int(meetings), output
    assert run("ingest", "--language", "fr", str(article), store=tmp_path / "s")[0] == 2
