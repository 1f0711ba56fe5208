"""Perturbed copies of a corpus and its gold: every company and person replaced by an invented one.

The yardstick of name-independence (issue 18): the same sentences with other names must score about the same.
Every person of the gold and every reference person found in the text, every organisation of the gold and every
reference company found in the text is replaced, in every surface form the text uses (full name, surname +
title, a foreign family name alone, romanisations, a group's prefix in its affiliates' names), consistently
across the corpus; particles after a replaced name are re-inflected. The invented names are in neither the
reference data nor the original corpus, and a company's is not one edit away from a reference company.

    python bench/perturb.py --articles DIR --gold DIR --out DIR [--seed N] [--report FILE]

writes OUT/articles/*, OUT/gold/*.json and a JSON report (OUT/report.json): the mapping used in each article,
the near-spellings it folded into a known name, and every occurrence it left alone (what it could not replace).
The header block of an article file (`url: ...`, `---`) is kept byte for byte: the project reads the URL only
for a date and the outlet, and names in a URL slug are listed in the report instead. Same input and seed give
byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from perturb_names import Namer, Names, NamingError
from perturb_patterns import Registry, article_patterns
from perturb_text import Result, Rewriter
from perturb_world import (
    Article,
    company_entities,
    has_hangul,
    load_reference,
    person_entities,
    read_articles,
)

ROOT = Path(__file__).resolve().parent.parent
# Gold fields that name no person and no company (titles are not replaced, by design).
KEEP_KEYS = frozenset({"article", "published", "language", "publisher", "id", "date", "status", "certainty",
                       "city", "same_as", "title", "title_en"})


class PerturbError(RuntimeError):
    """The perturbation cannot keep a promise (an evidence sentence no longer verbatim, names run out)."""


@dataclass
class Output:
    articles: dict[str, str] = field(default_factory=dict)  # file name -> whole file text
    gold: dict[str, str] = field(default_factory=dict)  # file name -> JSON text
    report: dict = field(default_factory=dict)


def build_registry(articles: list[Article], reference: Path, seed: int) -> Registry:
    ref = load_reference(reference)
    companies = company_entities(ref, articles)
    people = person_entities(ref, articles)
    corpus = "\n".join(a.header + a.body + json.dumps(a.gold, ensure_ascii=False) for a in articles)
    used_companies = {k for k, c in companies.items() if _named_in(corpus, c.forms) or k.startswith("gold:")}
    # the corpus text includes the gold, so a person of the gold counts as named even if the text misspells them
    used_people = {k: p for k, p in people.items() if k.startswith("gold:") or _named_in(corpus, p.hangul + p.latin)}
    namer = Namer(seed, ref, corpus)
    try:
        names: Names = namer.people(used_people)
        names.companies = namer.companies(companies, used_companies)
    except NamingError as err:
        raise PerturbError(str(err)) from err
    return Registry(ref, companies, used_people, names)


def _named_in(corpus: str, forms: Iterable[str]) -> bool:
    for form in forms:
        if len(form) < 2:
            continue
        if has_hangul(form) and form in corpus:
            return True
        if not has_hangul(form) and re.search(rf"(?<![A-Za-z0-9]){re.escape(form)}(?![A-Za-z0-9])", corpus):
            return True
    return False


def perturb(articles: list[Article], reference: Path, seed: int) -> Output:
    registry = build_registry(articles, reference, seed)
    out = Output(report={"seed": seed, "articles": {}, **registry.summary()})
    for article in articles:
        rewriter = Rewriter(article_patterns(registry, article, article.language))
        english = Rewriter(article_patterns(registry, article, "en")) if article.language != "en" else rewriter
        body = rewriter.rewrite(article.body)
        entry = _article_report(registry, article, body)
        out.articles[article.name] = article.header + body.text
        if article.gold is not None:
            gold = _rewrite_gold(article.gold, (rewriter, english, registry), entry, "")
            assert isinstance(gold, dict)
            _check_gold(article, article.gold, gold, body.text)
            out.gold[Path(article.name).stem + ".json"] = json.dumps(gold, ensure_ascii=False, indent=2) + "\n"
        out.report["articles"][article.name] = entry
    return out


def _rewrite_gold(value: object, tools: tuple[Rewriter, Rewriter, Registry], entry: dict, path: str) -> object:
    rw, rw_en, registry = tools
    if isinstance(value, dict):
        return {k: v if k in KEEP_KEYS else _rewrite_gold(v, (rw_en, rw_en, registry) if k.endswith("_en") else tools,
                                                            entry, f"{path}.{k}" if path else k)
                for k, v in value.items()}
    if isinstance(value, list):
        return [_rewrite_gold(v, tools, entry, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, str):
        result = rw.rewrite(value)
        for form, context in _uncovered(registry, value, result):
            entry["not_replaced"].append({"where": "gold " + path, "form": form, "context": context})
        return result.text
    return value


def _check_gold(article: Article, before: dict, after: dict, text: str) -> None:
    for kind in ("meetings", "partnerships"):
        for item in after.get(kind, []):
            evidence = item.get("evidence")
            if evidence and evidence not in text:
                raise PerturbError(f"{article.name}: the evidence of {kind} {item.get('id', '')} is no longer "
                                   f"verbatim in the perturbed text: {evidence!r}")
    names_before = {p.get("name") for p in before.get("people", [])}
    names_after = {p.get("name") for p in after.get("people", [])}
    for old, new in zip(before.get("meetings", []), after.get("meetings", []), strict=True):
        held = set(old.get("participants", [])) <= names_before
        if held and not set(new.get("participants", [])) <= names_after:
            raise PerturbError(f"{article.name}: meeting {new.get('id')} names a participant that is not among "
                               f"the gold people after perturbation: {new.get('participants')}")
    for old, new in zip(before.get("people", []), after.get("people", []), strict=True):
        if old.get("name") == new.get("name"):
            raise PerturbError(f"{article.name}: gold person {old.get('name')!r} was not replaced")


def _article_report(registry: Registry, article: Article, result: Result) -> dict:
    counts = Counter((h.pattern.form, h.new, h.pattern.kind) for h in result.hits)
    return {
        "replaced": [{"from": f, "to": t, "kind": k, "count": n} for (f, t, k), n in sorted(counts.items())],
        "near_spellings": sorted({f"{h.pattern.form} -> {h.new}" for h in result.hits if h.pattern.near}),
        "not_replaced": [{"where": "text", "form": f, "context": c}
                         for f, c in _uncovered(registry, article.body, result)],
        "header_mentions": registry.header_mentions(article.header),
        "particles_unsure": sorted(set(result.unsure_particles)),
    }


def _uncovered(registry: Registry, text: str, result: Result) -> list[tuple[str, str]]:
    """Known names still in ``text`` outside every replacement: what the perturbation left alone."""
    covered = [(h.start, h.end) for h in result.hits]
    out = []
    for form, pattern in registry.watch():
        for m in pattern.finditer(text):
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                out.append((form, text[max(0, m.start() - 15):m.end() + 15].replace("\n", " ")))
    return sorted(set(out))


def write_output(output: Output, out_dir: Path, report_path: Path | None) -> Path:
    (out_dir / "articles").mkdir(parents=True, exist_ok=True)
    (out_dir / "gold").mkdir(parents=True, exist_ok=True)
    for name, text in output.articles.items():
        (out_dir / "articles" / name).write_bytes(text.encode("utf-8"))
    for name, text in output.gold.items():
        (out_dir / "gold" / name).write_bytes(text.encode("utf-8"))
    path = report_path or out_dir / "report.json"
    path.write_bytes((json.dumps(output.report, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode())
    return path


def summary_lines(report: dict) -> list[str]:
    lines = []
    for name, entry in report["articles"].items():
        n = sum(r["count"] for r in entry["replaced"])
        lines.append(f"{name}: {n} replacements, {len(entry['near_spellings'])} near-spellings, "
                     f"{len(entry['not_replaced'])} left alone")
        lines += [f"  left alone ({x['where']}): {x['form']!r} in …{x['context']}…" for x in entry["not_replaced"]]
        lines += [f"  near-spelling: {x}" for x in entry["near_spellings"]]
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, required=True, help="folder of article files")
    ap.add_argument("--gold", type=Path, required=True, help="folder of gold JSON files (same stems)")
    ap.add_argument("--out", type=Path, required=True, help="folder to write articles/ and gold/ into")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reference", type=Path, default=ROOT / "ontology" / "reference.ttl")
    ap.add_argument("--report", type=Path, help="where to write the JSON report (default OUT/report.json)")
    ap.add_argument("--quiet", action="store_true", help="no per-article summary on stderr")
    a = ap.parse_args(argv)
    for folder in (a.articles, a.gold):
        if not folder.is_dir():
            print(f"error: {folder}: not a folder", file=sys.stderr)
            return 2
    try:
        articles = read_articles(a.articles, a.gold)
        output = perturb(articles, a.reference, a.seed)
    except (PerturbError, ValueError, OSError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    report = write_output(output, a.out, a.report)
    if not a.quiet:
        print("\n".join(summary_lines(output.report)), file=sys.stderr)
    print(f"wrote {len(output.articles)} articles and {len(output.gold)} gold files to {a.out}; report {report}",
          file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
