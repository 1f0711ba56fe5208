"""Name-independence (issue 18): the shared scorer's figures on a corpus and on a perturbed copy of it (every
company and person replaced by an invented one, `perturb.py`), side by side.

    python bench/name_independence.py --articles DIR --gold DIR --scorer PATH/score.py [--seed N]
                                      [--max-diff 0.05] [--keep DIR] [--json FILE]

Prints every figure for both corpora and the difference, and exits 1 when meetings F1 differs by more than
--max-diff (2 when something could not run). The project is called through the `kg` beside this Python
(the virtualenv's), unless --kg says otherwise; the two scorer runs go side by side.
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


def default_kg() -> Path:
    return Path(sys.executable).parent / "kg"


def start_scorer(scorer: Path, articles: Path, gold: Path, kg: str, out: Path) -> subprocess.Popen[str]:
    cmd = [sys.executable, str(scorer), "--articles", str(articles), "--gold", str(gold), "--kg", kg,
           "--json", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def finish(proc: subprocess.Popen[str], out: Path, label: str) -> tuple[dict, str]:
    stdout, stderr = proc.communicate()
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"the scorer failed on the {label} corpus (exit {proc.returncode}):\n"
                           f"{stdout[-2000:]}{stderr[-2000:]}")
    head = next((line for line in stdout.splitlines() if line.startswith("articles:")), "")
    return json.loads(out.read_text(encoding="utf-8")), head


def rows(original: dict, perturbed: dict) -> list[tuple[str, float, float]]:
    """(figure, original, perturbed) for every figure, P/R/F1 triples spelled out."""
    out = []
    for key, value in original.items():
        other = perturbed.get(key)
        if isinstance(value, list) and isinstance(other, list):
            out += [(f"{key} {part}", float(a), float(b)) for part, a, b in zip(("P", "R", "F1"), value, other,
                                                                                 strict=True)]
        elif isinstance(value, (int, float)) and isinstance(other, (int, float)):
            out.append((key, float(value), float(other)))
    return out


def table(figures: list[tuple[str, float, float]]) -> str:
    lines = [f"{'figure':16s} {'original':>9s} {'perturbed':>10s} {'diff':>7s}"]
    lines += [f"{name:16s} {a:9.2f} {b:10.2f} {b - a:+7.2f}" for name, a, b in figures]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=Path, required=True)
    ap.add_argument("--gold", type=Path, required=True)
    ap.add_argument("--scorer", type=Path, required=True, help="the shared score.py")
    ap.add_argument("--kg", default=str(default_kg()), help="how to call the project's CLI")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--reference", type=Path, default=ROOT / "ontology" / "reference.ttl")
    ap.add_argument("--max-diff", type=float, default=0.05, help="largest meetings F1 difference that passes")
    ap.add_argument("--keep", type=Path, help="write the perturbed corpus here (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write both sets of figures here")
    a = ap.parse_args(argv)
    for path, what in ((a.articles, "folder"), (a.gold, "folder"), (a.scorer, "file")):
        if not (path.is_dir() if what == "folder" else path.is_file()):
            print(f"error: {path}: not a {what}", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="name-independence-") as tmp:
        work = a.keep or Path(tmp) / "perturbed"
        try:
            output = perturb(read_articles(a.articles, a.gold), a.reference, a.seed)
            report = write_output(output, work, None)
            procs = [(start_scorer(a.scorer, src, gold, a.kg, Path(tmp) / f"{label}.json"), label)
                     for src, gold, label in ((a.articles, a.gold, "original"),
                                              (work / "articles", work / "gold", "perturbed"))]
            results = [finish(proc, Path(tmp) / f"{label}.json", label) for proc, label in procs]
        except (PerturbError, ValueError, OSError, RuntimeError) as err:
            print(f"error: {err}", file=sys.stderr)
            return 2
    (original, head_o), (perturbed, head_p) = results
    figures = rows(original, perturbed)
    print(f"original:  {a.articles}  ({head_o})")
    print(f"perturbed: seed {a.seed}, report {report if a.keep else '(temporary)'}  ({head_p})")
    print(table(figures))
    diff = perturbed["meetings"][2] - original["meetings"][2]
    verdict = "within" if abs(diff) <= a.max_diff else "NOT within"
    print(f"meetings F1 {original['meetings'][2]:.2f} -> {perturbed['meetings'][2]:.2f} ({diff:+.2f}): "
          f"{verdict} {a.max_diff:.2f}")
    if a.json:
        a.json.write_text(json.dumps({"seed": a.seed, "original": original, "perturbed": perturbed}, indent=1)
                          + "\n", encoding="utf-8")
    return 0 if abs(diff) <= a.max_diff else 1


if __name__ == "__main__":
    sys.exit(main())
