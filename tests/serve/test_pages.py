"""The web pages of `kg serve`, fetched over HTTP: what a reader sees on the timeline, the network, an entity's
page and the query pages, with the filters, the citations, and text from the store kept as text."""

from __future__ import annotations

import html
import json
import re
import urllib.parse
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.namespaces import ID_NS
from kg.query import run_query
from kg.store import SelectResult, open_store
from tests.serve.conftest import ROOT, Served, ingest, kg

MEETING_ATTR = re.compile(r'<a href="[^"]*" class="meeting" data-meeting="([^"]+)"')


def library_meetings(store: Path, *params: str) -> list[str]:
    """What `kg query meetings -p ...` lists, in order."""
    with open_store(store, read_only=True) as st:
        result = run_query(st, "meetings", dict(p.split("=", 1) for p in params))
    assert isinstance(result, SelectResult)
    return [row["meeting"].value for row in result.rows if row["meeting"] is not None]


def timeline_meetings(served: Served, query: str = "") -> list[str]:
    page = served.get("?" + query if query else "")
    assert page.status == 200, page.text
    return [html.unescape(m) for m in MEETING_ATTR.findall(page.text)]


def test_the_timeline_shows_every_seed_meeting_in_date_order(seed_server: Served, seed_store: Path) -> None:
    expected = library_meetings(seed_store)
    assert len(expected) == 5
    assert timeline_meetings(seed_server) == expected
    page = seed_server.get("").text
    assert "5 meetings." in page and "San Francisco" in page and "최태원 (SK그룹)" in page
    assert "2024" in page and "2025" in page  # the axis


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("company=%EB%A7%88%EC%9D%B4%ED%81%AC%EB%A1%9C%EC%86%8C%ED%94%84%ED%8A%B8", ("company=마이크로소프트",)),
        ("person=%EC%83%98+%EC%98%AC%ED%8A%B8%EB%A8%BC", ("person=샘 올트먼",)),
        ("from=2025-01-01", ("from=2025-01-01",)),
        ("from=2024-06-01&to=2024-06-30&company=OpenAI", ("from=2024-06-01", "to=2024-06-30", "company=OpenAI")),
    ],
)
def test_the_timeline_filters_as_the_meetings_query_does(
    seed_server: Served, seed_store: Path, query: str, params: tuple[str, ...]
) -> None:
    expected = library_meetings(seed_store, *params)
    assert 0 < len(expected) < 5
    assert timeline_meetings(seed_server, query) == expected


def test_a_filter_that_names_nothing_says_so_and_keeps_the_form(seed_server: Served) -> None:
    page = seed_server.get("?company=%3Cscript%3Ex")
    assert page.status == 404
    assert "nothing in the store is labelled" in page.text and 'name="company"' in page.text
    assert "<script>x" not in page.text and "&lt;script&gt;x" in page.text
    bad_date = seed_server.get("network?from=yesterday")
    assert bad_date.status == 400 and "wants a date YYYY-MM-DD" in bad_date.text


def test_the_network_links_companies_of_different_groups_weighted_by_count(seed_server: Served) -> None:
    page = seed_server.get("network").text
    edges = {
        tuple(m.group(1).split()): (int(m.group(2)), int(m.group(3)))
        for m in re.finditer(r'data-edge="([^"]+)" data-meetings="(\d+)" data-partnerships="(\d+)"', page)
    }
    openai, sk_group, sk_hynix, sk_telecom = (ID_NS + f"org/{n}" for n in ("openai", "sk-group", "sk-hynix", "sk-telecom"))
    assert edges[(openai, sk_group)] == (4, 1)  # four meetings, one partnership
    assert edges[(openai, sk_hynix)] == (2, 1)
    assert not any({a, b} <= {sk_group, sk_hynix, sk_telecom} for a, b in edges)  # colleagues are no partners
    assert page.count('class="company"') == 5 and ">SK그룹</text>" in page  # the group's name over its cluster
    assert f'href="/entity?iri={urllib.parse.quote(openai, safe="")}"' in page
    only_2025 = seed_server.get("network?from=2025-01-01").text
    assert 'data-meetings="2" data-partnerships="1"' in only_2025 and "마이크로소프트" not in only_2025.split("<svg")[1]


def test_a_meeting_page_cites_outlet_date_paragraph_sentence_and_source(seed_server: Served, seed_store: Path) -> None:
    redmond = next(m for m in library_meetings(seed_store, "company=마이크로소프트"))
    page = seed_server.get("entity?" + urllib.parse.urlencode({"iri": redmond}))
    assert page.status == 200
    text = page.text
    assert "aip:attendee" in text and "사티아 나델라" in text
    assert "비즈니스포스트, 2024-06-27, ¶6" in text
    # the sentence naming the attendee, not the whole paragraph
    assert "그 뒤 최 회장은 미국 레드먼드 마이크로소프트 본사에서 나델라 CEO와" in text
    assert "examples/articles/002_70b3b5a192c8fc87.txt" in text  # a source file is shown, as text
    assert "resolved from all its reports" in text
    assert f'href="/entity?iri={urllib.parse.quote(ID_NS, safe="")}person' in text  # attendees link to their pages


def test_company_and_person_pages_show_their_facts_and_meetings(seed_server: Served) -> None:
    company = seed_server.get("entity?" + urllib.parse.urlencode({"iri": ID_NS + "org/openai"})).text
    assert "<h1>오픈AI</h1>" in company and "Executives" in company and "샘 올트먼" in company
    assert company.count('<tr data-meeting="') == 4
    person = seed_server.get("entity?" + urllib.parse.urlencode({"iri": ID_NS + "person/sk-group/%EC%B5%9C%ED%83%9C%EC%9B%90"}))
    assert person.status == 200 and "<h1>최태원</h1>" in person.text
    assert person.text.count('<tr data-meeting="') == 5 and "Chey Tae-won" in person.text


def test_an_unknown_entity_is_404_and_no_iri_400(seed_server: Served) -> None:
    missing = seed_server.get("entity?" + urllib.parse.urlencode({"iri": ID_NS + "org/nowhere"}), Accept="text/html")
    assert missing.status == 404 and "nothing in the store" in missing.text and missing.content_type == "text/html"
    assert seed_server.get("entity").status == 400
    assert seed_server.get("entity?iri=not%20an%20iri").status == 400


def test_the_query_page_lists_the_library_with_its_parameters(seed_server: Served) -> None:
    page = seed_server.get("queries").text
    for rq in sorted((ROOT / "queries").glob("*.rq")):
        assert f'<h2>{rq.stem}</h2>' in page
    assert '<input type="date" name="from"' in page and 'name="company"' in page and "required" in page


def test_a_named_query_runs_with_bound_parameters_as_a_table_or_a_download(seed_server: Served, seed_store: Path) -> None:
    page = seed_server.get("queries/meetings-of-person?name=%EC%B5%9C%ED%83%9C%EC%9B%90")
    assert page.status == 200 and "5 rows" in page.text
    csv_download = seed_server.get("queries/meetings-of-person?name=%EC%B5%9C%ED%83%9C%EC%9B%90&_format=csv")
    done = kg("query", "meetings-of-person", "-p", "name=최태원", "--format", "csv", "--store", str(seed_store))
    assert csv_download.content_type == "text/csv" and csv_download.body.split(b"\r\n") == done.stdout.encode().split(b"\n")
    missing = seed_server.get("queries/meetings-of-person")
    assert missing.status == 400 and "needs the parameter &#x27;name&#x27;" in missing.text


@pytest.mark.parametrize("name", ["..%2F..%2Fpyproject.toml", "%2Fetc%2Fpasswd", "no-such-query"])
def test_only_library_queries_run_by_name_never_a_file(seed_server: Served, name: str) -> None:
    page = seed_server.get("queries/" + name)
    assert page.status == 404 and "no query named" in page.text and "root:" not in page.text


def test_a_query_of_ones_own_from_the_query_page_is_a_table(seed_server: Served) -> None:
    body = urllib.parse.urlencode({"query": "SELECT ?s WHERE { ?s a ?t } LIMIT 3", "format": "html"}).encode()
    page = seed_server.request("sparql", method="POST", data=body,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status == 200 and page.content_type == "text/html" and "3 rows" in page.text
    refused = urllib.parse.urlencode({"query": "DROP ALL", "format": "html"}).encode()
    page = seed_server.request("sparql", method="POST", data=refused,
                               headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert page.status == 400 and "DROP is a SPARQL update" in page.text


def test_pages_forbid_scripts_and_load_nothing_from_elsewhere(seed_server: Served) -> None:
    for path in ("", "network", "queries"):
        page = seed_server.get(path)
        assert "script-src" not in page.headers["content-security-policy"]  # default-src 'none': no script at all
        assert "default-src 'none'" in page.headers["content-security-policy"]
        assert not re.search(r'(src|href)="(https?:)?//', page.text)
        assert "<script" not in page.text
    css = seed_server.get("static/style.css")
    assert css.status == 200 and css.content_type == "text/css" and "NanumGothic" in css.text


HOSTILE_TITLE = "<script>alert('title')</script> 최태원 & 올트먼 <b>회동</b>"
HOSTILE_URL = 'https://example.com/news?id=1&x="><script>alert(2)</script>'


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory, serving: Callable[..., Served]) -> Served:
    """A store whose article has markup in its title and its URL (as scraped pages can)."""
    text = (ROOT / "examples/articles/000_2546148ec63b8380.txt").read_text(encoding="utf-8")
    record = {"title": HOSTILE_TITLE, "url": HOSTILE_URL, "published": "2025-07-21", "text": text}
    store = tmp_path_factory.mktemp("hostile") / "store"
    ingest(store, "-", stdin=json.dumps(record, ensure_ascii=False) + "\n")
    return serving(store)


def test_a_hostile_title_and_url_are_text_never_markup(hostile: Served) -> None:
    meeting = timeline_meetings(hostile)[0]
    page = hostile.get("entity?" + urllib.parse.urlencode({"iri": meeting})).text
    assert html.escape(HOSTILE_TITLE) in page  # shown, as the characters it holds
    assert "<script>alert" not in page and "<b>회동" not in page
    assert f'href="{html.escape(HOSTILE_URL)}"' in page  # an http(s) URL is a link, its quotes escaped
    for path in ("", "network", "queries/fact-provenance?subject=" + urllib.parse.quote(meeting)):
        assert "<script>alert" not in hostile.get(path).text
