"""`kg serve` and `kg report` as users run them: real processes, their output, their exit codes."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from kg.serve.server import _is_loopback
from tests.serve.conftest import KG, kg


@contextmanager
def kg_serve(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    """`kg serve ARGS --port 0`, and the URL it says it serves."""
    proc = subprocess.Popen([KG, "serve", "--port", "0", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        match = re.match(r"serving (http://127\.0\.0\.1:\d+/) \(SPARQL endpoint http://127\.0\.0\.1:\d+/sparql\)", line)
        assert match, line + (proc.stderr.read() if proc.stderr and proc.poll() is not None else "")
        yield proc, match.group(1)
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)


@pytest.mark.parametrize("stop", [signal.SIGINT, signal.SIGTERM])
def test_kg_serve_says_where_it_serves_and_stops_cleanly(seed_store: Path, stop: signal.Signals) -> None:
    with kg_serve("--store", str(seed_store)) as (proc, url):
        with urllib.request.urlopen(url, timeout=30) as page:
            assert page.status == 200 and "샘 올트먼" in page.read().decode("utf-8")
        proc.send_signal(stop)
        _, err = proc.communicate(timeout=30)
        assert proc.returncode == 0, err
        assert err.rstrip().endswith("stopped") and "Traceback" not in err
        assert re.search(r'"GET / HTTP/1.1" 200', err)  # the request log


def test_kg_serve_on_a_missing_store_says_so_and_exits_3(tmp_path: Path) -> None:
    done = kg("serve", "--port", "0", "--store", str(tmp_path / "nothing"), timeout=60)
    assert done.returncode == 3 and "no store at" in done.stderr


def test_kg_serve_on_a_busy_port_says_so_and_exits_2(seed_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = kg("serve", "--port", str(port), "--store", str(seed_store), timeout=60)
    assert done.returncode == 2 and f"cannot listen on 127.0.0.1:{port}" in done.stderr


def test_a_time_limit_of_zero_is_refused(seed_store: Path) -> None:
    done = kg("serve", "--timeout", "0", "--store", str(seed_store), timeout=60)
    assert done.returncode == 2 and "--timeout must be more than 0" in done.stderr


@pytest.mark.parametrize(("host", "loopback"), [("127.0.0.1", True), ("localhost", True), ("::1", True),
                                                ("127.0.0.2", True), ("0.0.0.0", False), ("192.0.2.1", False)])
def test_only_loopback_addresses_count_as_this_machine(host: str, loopback: bool) -> None:
    assert _is_loopback(host) is loopback


def test_kg_report_writes_one_self_contained_file(seed_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    done = kg("report", "--output", str(output), "--store", str(seed_store))
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip() == f"wrote {output}: 5 meetings, 6 pairs of companies"
    page = output.read_text(encoding="utf-8")
    assert "<style>" in page and "NanumGothic" in page  # the stylesheet is inside
    assert "<script" not in page and not re.search(r'<link|src=|url\(', page)  # nothing loaded from elsewhere
    assert page.count('class="meeting-card"') == 5 and page.count("<svg") == 2
    anchors = set(re.findall(r' id="(e-[0-9a-f]+)"', page))
    links = set(re.findall(r'href="#(e-[0-9a-f]+)"', page))
    assert links and links <= anchors  # the timeline's meetings link to their citations in the file
    assert "비즈니스포스트, 2024-06-27, ¶6" in page and "/entity?" not in page


def test_kg_report_filters_as_the_timeline_does(seed_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "sk.html"
    done = kg("report", "--company", "SK하이닉스", "--from", "2025-01-01", "--to", "2025-12-31", "-o", str(output),
              "--store", str(seed_store))
    assert done.returncode == 0, done.stderr
    page = output.read_text(encoding="utf-8")
    assert page.count('class="meeting-card"') == 1 and "AI meetings: of SK하이닉스 from 2025-01-01 to 2025-12-31" in page


def test_kg_report_with_a_name_that_matches_nothing_writes_nothing(seed_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "none.html"
    done = kg("report", "--company", "Nowhere Inc", "-o", str(output), "--store", str(seed_store))
    assert done.returncode == 6 and "nothing in the store is labelled 'Nowhere Inc'" in done.stderr
    assert not output.exists()
    bad = kg("report", "--from", "last year", "-o", str(output), "--store", str(seed_store))
    assert bad.returncode == 2 and "YYYY-MM-DD" in bad.stderr and not output.exists()


def test_kg_report_into_a_missing_folder_fails_clearly_and_leaves_no_partial_file(seed_store: Path, tmp_path: Path) -> None:
    output = tmp_path / "missing" / "report.html"
    done = kg("report", "-o", str(output), "--store", str(seed_store))
    assert done.returncode == 2 and "cannot write" in done.stderr
    assert not list(tmp_path.rglob("*.partial"))
