"""`make test-wheel`: the built wheel, installed without extras into a fresh virtualenv, ingests an HTML page and a
JSON Lines file through `kg` (issue 19: a clean install could not read HTML, trafilatura's justext needing
lxml_html_clean, which only a dev dependency brought in).

Run with the fresh virtualenv's Python; `kg` is the one beside it. Standard library only. Exits non-zero, saying
what went wrong, when an ingest fails or the store lacks what the inputs hold.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

KG = Path(sys.executable).with_name("kg")
AIP = "https://w3id.org/aipkg/ontology#"

PAGE = """<!DOCTYPE html>
<html lang="ko"><head><meta charset="utf-8">
<title>한빛전자 대표, 노바AI CEO와 판교서 회동 - 테크데일리</title>
<meta property="og:title" content="한빛전자 대표, 노바AI CEO와 판교서 회동">
<meta property="article:published_time" content="2025-03-12T09:30:00+09:00">
</head><body><nav><a href="/">홈</a></nav>
<article><h1>한빛전자 대표, 노바AI CEO와 판교서 회동</h1>
<figure><img src="/img/a.jpg" alt="악수하는 두 대표">
<figcaption>김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다. (사진=한빛전자)</figcaption></figure>
<p>김가람 한빛전자 대표가 12일 경기 판교 본사에서 로버트 린 노바AI 최고경영자(CEO)를 만나 협력 방안을 논의했다.</p>
<p>두 사람은 이날 공동 연구소 설립과 경량 언어모델 탑재 방안에 대해 의견을 나눈 것으로 알려졌다.</p>
</article><script>var tracking = "<p>not text</p>";</script></body></html>
"""

RECORD = {
    "url": "https://news.example.kr/2025/04/02/hanbit",
    "text": "<div><p>입력 2025.04.02 10:15</p><p>박소윤 세진바이오 대표가 1일 서울 본사에서 에밀리 하트 노바AI"
    " 사장을 만나 의료 AI 협력을 논의했다.</p><p>두 회사는 공동 연구를 이어 가기로 했다.</p></div>",
}


def run(*args: str, store: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KG_STORE": str(store)}
    return subprocess.run([str(KG), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        (work / "page.html").write_text(PAGE, encoding="utf-8")
        (work / "feed.jsonl").write_text(json.dumps(RECORD, ensure_ascii=False) + "\n", encoding="utf-8")
        store = work / "store"
        ingest = run("ingest", "page.html", "feed.jsonl", store=store, cwd=work)
        if ingest.returncode != 0:
            print(f"kg ingest failed ({ingest.returncode}):\n{ingest.stdout}{ingest.stderr}", file=sys.stderr)
            return 1
        export = run("export", "--format", "nquads", "--output", str(work / "all.nq"), store=store, cwd=work)
        if export.returncode != 0:
            print(f"kg export failed ({export.returncode}):\n{export.stderr}", file=sys.stderr)
            return 1
        quads = (work / "all.nq").read_text(encoding="utf-8")
        expected = {
            "the page's headline": f"<{AIP}role> <{AIP}Headline>",
            "the page's figcaption": "김가람 한빛전자 대표(왼쪽)가 12일 로버트 린 노바AI CEO와 악수하고 있다.",
            "the page's date": '"2025-03-12T09:30:00"',
            "the record's paragraph": "박소윤 세진바이오 대표가 1일 서울 본사에서",
            "the record's date": '"2025-04-02T10:15:00"',
        }
        missing = [what for what, text in expected.items() if text not in quads]
        leaked = [text for text in ("<p>", "not text", "tracking") if text in quads]
        if missing or leaked:
            print(f"the store lacks {missing} or holds markup {leaked}", file=sys.stderr)
            return 1
    print(f"wheel smoke test: {KG} ingested an HTML page and a JSON Lines file")
    return 0


if __name__ == "__main__":
    sys.exit(main())
