"""Name-independence (issue 18): the shared scorer's figures on a corpus and on perturbed copies of it (every
company and person replaced by an invented one, `perturb.py`), side by side.

    python bench/name_independence.py --articles DIR --gold DIR --scorer PATH/score.py [--seed 1,2,3]
                                      [--max-diff 0.05] [--keep DIR] [--json FILE]

Prints every figure for the corpus, for the copy of each seed and their mean, and the difference of the mean;
exits 1 when the mean meetings F1 differs by more than --max-diff, 2 when something could not run. One seed's
names can make a corpus much harder or easier than another's (a central person whose new given name ends like a
particle), so several seeds give the steadier figure. The project is called through the `kg` beside this Python
(the virtualenv's) unless --kg says otherwise; scorer runs go two at a time (--jobs).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from perturb import ROOT, PerturbError, perturb, write_output
from perturb_world import read_articles

Figures = dict[str, object]


def default_kg() -> Path:
    return Path(sys.executable).parent / "kg"


def score_all(scorer: Path, kg: str, corpora: list[tuple[str, Path, Path]], tmp: Path, jobs: int
              ) -> dict[str, tuple[Figures, str]]:
    """label -> (figures, the scorer's count line), running at most ``jobs`` scorers at once."""
    out: dict[str, tuple[Figures, str]] = {}
    for i in range(0, len(corpora), max(1, jobs)):
        batch = []
        for label, articles, gold in corpora[i:i + max(1, jobs)]:
            result = tmp / f"{label}.json"
            cmd = [sys.executable, str(scorer), "--articles", str(articles), "--gold", str(gold), "--kg", kg,
                   "--json", str(result)]
            batch.append((label, result, subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                          text=True)))
        for label, result, proc in batch:
            stdout, stderr = proc.communicate()
            if proc.returncode != 0 or not result.exists():
                raise RuntimeError(f"the scorer failed on the {label} corpus (exit {proc.returncode}):\n"
                                   f"{stdout[-2000:]}{stderr[-2000:]}")
            head = next((line for line in stdout.splitlines() if line.startswith("articles:")), "")
            out[label] = (json.loads(result.read_text(encoding="utf-8")), head)
    return out


def rows(original: Figures, perturbed: list[Figures]) -> list[tuple[str, float, list[float]]]:
    """(figure, original, one value per perturbed copy) for every figure, P/R/F1 triples spelled out."""
    out = []
    for key, value in original.items():
        others = [p.get(key) for p in perturbed]
        lists = [o for o in others if isinstance(o, list)]
        numbers = [float(o) for o in others if isinstance(o, (int, float))]
        if isinstance(value, list) and len(lists) == len(others):
            out += [(f"{key} {part}", float(value[i]), [float(o[i]) for o in lists])
                    for i, part in enumerate(("P", "R", "F1"))]
        elif isinstance(value, (int, float)) and len(numbers) == len(others):
            out.append((key, float(value), numbers))
    return out


def mean(values: list[float]) -> float:
    return sum(values) / len(values)


def table(figures: list[tuple[str, float, list[float]]], seeds: list[int]) -> str:
    seed_heads = "".join(f" {'seed ' + str(s):>8s}" for s in seeds) if len(seeds) > 1 else ""
    lines = [f"{'figure':16s} {'original':>8s}{seed_heads} {'perturbed':>9s} {'diff':>6s}"]
    for name, a, bs in figures:
        per_seed = "".join(f" {b:8.2f}" for b in bs) if len(seeds) > 1 else ""
        lines.append(f"{name:16s} {a:8.2f}{per_seed} {mean(bs):9.2f} {mean(bs) - a:+6.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, required=True, help="the shared score.py")
    ap.add_argument("--kg", default=str(default_kg()), help="how to call the project's CLI")
    ap.add_argument("--seed", default="1", help="one seed or several, comma-separated (1,2,3)")
    ap.add_argument("--reference", type=Path, default=ROOT / "ontology" / "reference.ttl")
    ap.add_argument("--max-diff", type=float, default=0.05, help="largest meetings F1 difference that passes")
    ap.add_argument("--keep", type=Path, help="write the perturbed copies here, seed-N/ each (default: temporary)")
    ap.add_argument("--json", type=Path, help="write all figures here")
    ap.add_argument("--jobs", type=int, default=2, help="scorer runs at once")
    a = ap.parse_args(argv)
    try:
        seeds = [int(s) for s in a.seed.split(",") if s.strip()]
    except ValueError:
        seeds = []
    if not seeds:
        print(f"error: --seed {a.seed!r}: expected numbers separated by commas", file=sys.stderr)
        return 2
    for path, what in ((a.articles, "folder"), (a.gold, "folder"), (a.scorer, "file")):
        if not (path.is_dir() if what == "folder" else path.is_file()):
            print(f"error: {path}: not a {what}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="name-independence-") as tmp:
        work = a.keep or Path(tmp)
        try:
            articles = read_articles(a.articles, a.gold)
            corpora = [("original", a.articles, a.gold)]
            for seed in seeds:
                write_output(perturb(articles, a.reference, seed), work / f"seed-{seed}", None)
                corpora.append((f"seed-{seed}", work / f"seed-{seed}" / "articles", work / f"seed-{seed}" / "gold"))
            results = score_all(a.scorer, a.kg, corpora, Path(tmp), a.jobs)
        except (PerturbError, ValueError, OSError, RuntimeError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    original, head = results["original"]
    perturbed = [results[f"seed-{s}"][0] for s in seeds]
    print(f"original:  {a.articles}  ({head})")
    for s in seeds:
        print(f"seed {s}:   {(a.keep / f'seed-{s}') if a.keep else '(temporary copy)'}  ({results[f'seed-{s}'][1]})")
    figures = rows(original, perturbed)
    print(table(figures, seeds))
    before, after = next((a_, bs) for name, a_, bs in figures if name == "meetings F1")
    diff = mean(after) - before
    verdict = "within" if abs(diff) <= a.max_diff else "NOT within"
    spread = f" (seeds {', '.join(f'{b:.2f}' for b in after)})" if len(seeds) > 1 else ""
    print(f"meetings F1 {before:.3f} -> {mean(after):.3f}{spread}: {diff:+.3f}, {verdict} {a.max_diff:.2f}")
    if a.json:
        a.json.write_text(json.dumps({"seeds": seeds, "original": original,
                                      "perturbed": dict(zip(map(str, seeds), perturbed, strict=True))}, indent=1)
                          + "\n", encoding="utf-8")
    return 0 if abs(diff) <= a.max_diff else 1


if __name__ == "__main__":
    sys.exit(main())
