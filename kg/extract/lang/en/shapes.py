"""The shapes of English names in a clause's words: a person's name, a title, a company, a nationality.

The mention rules (``mentions.py``) combine these spans into readings; nothing here knows the registry.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from kg.extract.document import Word
from kg.extract.lang.en.words import (
    COMPANY_SUFFIXES,
    NAME_PARTICLES,
    NATIONALITIES,
    NOT_NAME,
    OFFICIAL_TITLES,
    SENTENCE_STARTERS,
    TITLE_JOINERS,
    TITLE_WORDS,
)

# "Chey", "Tae-won", "Noh-Jung", "TM", "Tomás", "Łukasz"
NAME_TOKEN = re.compile(r"[A-ZÀ-ÖØ-ÞĀ-Ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]*[a-zß-öø-ÿā-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\-]*|[A-Z]{2}")
NATIONAL = re.compile(r"^(?:" + "|".join(re.escape(n) for n in NATIONALITIES) + r")$")
# capitals that name technologies and events, not companies
TECH_ACRONYMS = frozenset({"AI", "HBM", "HBM3", "HBM4", "MRO", "FOS", "GPU", "CPU", "NPU", "LLM", "IPO", "CEO", "CFO", "CTO",
                           "COO", "CES", "MWC", "APEC", "EV", "IT", "XR", "AR", "VR", "MR", "PC", "OS", "US", "UK", "EU",
                           "CDF", "DX", "AX", "KRW", "USD"})
EVENT = re.compile(r"\b(?:Week|Forum|Summit|Show|Expo|Conference|Festival|Awards?|Olympics)\b")
LEGAL = frozenset({"co", "co.", "inc", "inc.", "corp", "corp.", "ltd", "ltd.", "llc", "plc", "ag", "sa", "nv", "bv",
                    "gmbh", "se", "spa", "s.p.a.", "k.k.", "pte", "bhd"})


def title_word(w: Word) -> bool:
    return w.core.lower() in TITLE_WORDS


def titles(words: list[Word]) -> Iterator[tuple[int, int]]:
    """Runs of title words: "President and CEO", "founder, Chairman and CEO", "executive vice chairman",
    "Prime Minister", "National Security Adviser"."""
    i = 0
    while i < len(words):
        if not title_word(words[i]):
            i += 1
            continue
        start = i
        while start > 0 and words[start - 1].core[:1].isupper() and words[i].core.lower() in OFFICIAL_TITLES \
                and words[start - 1].core.lower() not in NOT_NAME and not words[start - 1].ends_phrase \
                and i - start < 2 and not NATIONAL.match(words[start - 1].core):
            start -= 1  # "National Security Adviser", "Foreign Minister"
        end = i
        while end + 1 < len(words):
            nxt = words[end + 1]
            if title_word(nxt) and words[end].trailing in ("", ","):
                end += 1
            elif nxt.core.lower() in TITLE_JOINERS and end + 2 < len(words) and title_word(words[end + 2]) \
                    and not words[end].trailing:
                end += 2
            elif (k := _officer_domain(words, end)) is not None:
                end = k  # "chief technology officer", "chief sustainability and risk officer"
            else:
                break
        yield start, end
        i = end + 1


def _officer_domain(words: list[Word], end: int) -> int | None:
    """After "chief", the words of a domain up to "officer": where that officer word is, or None."""
    if words[end].core.lower() != "chief" or words[end].trailing:
        return None
    for k in range(end + 2, min(end + 5, len(words))):
        if words[k].core.lower() == "officer":
            return k if not any(w.trailing for w in words[end + 1:k]) else None
    return None


def name_word(words: list[Word], i: int) -> bool:
    """A capitalised token of a name, or a particle inside one ("de" of "Pieter de Vries")."""
    w = words[i]
    if w.core in NAME_PARTICLES:
        return 0 < i < len(words) - 1 and not words[i - 1].ends_phrase and not w.ends_phrase \
            and NAME_TOKEN.fullmatch(words[i - 1].core) is not None \
            and NAME_TOKEN.fullmatch(words[i + 1].core) is not None
    return NAME_TOKEN.fullmatch(w.core) is not None and w.core.lower() not in NOT_NAME and not title_word(w)


def name_after(words: list[Word], j: int) -> int:
    """How many words from ``j`` make a name (0 when none): two to four tokens, "Pieter de Vries"."""
    k = 0
    while j + k < len(words) and k < 4 and name_word(words, j + k) and (k or words[j].core not in NAME_PARTICLES):
        k += 1
        if words[j + k - 1].ends_phrase:
            break
    while k and words[j + k - 1].core in NAME_PARTICLES:
        k -= 1
    if k and words[j + k - 1].core.lower() in COMPANY_SUFFIXES:
        return 0  # "asset manager Aldenport Capital": a company's name, not a person's
    return k if k >= 2 else 0


def name_before(words: list[Word], j: int) -> int:
    """The first word of a name that ends at word ``j`` (-1 when none)."""
    k = 0
    while j - k >= 0 and k < 4:
        if not name_word(words, j - k) or (k and words[j - k].ends_phrase):
            break
        k += 1
    while k and words[j - k + 1].core in NAME_PARTICLES:
        k -= 1
    if k < 2:
        return -1
    first = j - k + 1
    if first == 0 or words[first].core.lower() in SENTENCE_STARTERS:
        return first if words[first].core.lower() not in SENTENCE_STARTERS else -1
    return first


def company_before(words: list[Word], j: int) -> tuple[int, int] | None:
    """A capitalised run ending at word ``j`` (its last word may be possessive): "SK Group", "Microsoft's",
    "Nvidia Corp.", "HD Korea Shipbuilding & Offshore Engineering"."""
    if j < 0 or not words[j].core[:1].isupper() or words[j].core.lower() in NOT_NAME - {"group"}:
        return None
    a = j
    while a - 1 >= 0 and not words[a - 1].ends_phrase and (words[a - 1].core[:1].isupper() or words[a - 1].core == "&") \
            and words[a - 1].core.lower() not in NOT_NAME - {"group"} and j - a < 4:
        a -= 1
    while a <= j and (words[a].core.lower() in SENTENCE_STARTERS or words[a].core == "&"):
        a += 1
    return (a, j + 1) if a <= j else None


def company_after(words: list[Word], j: int) -> tuple[int, int] | None:
    """After "of": skip "the world's largest shipbuilder", take the capitalised run: "HD Hyundai Co."."""
    k = j
    # lowercase words and a nationality describe the company: "Korean chipmaker Daon Semiconductor"
    while k < len(words) and k < j + 6 and (not words[k].core[:1].isupper() or
                                           (NATIONAL.match(words[k].core) and k + 1 < len(words)
                                            and not words[k + 1].core[:1].isupper())):
        if words[k].trailing in (".", ";"):
            return None
        k += 1
    if k >= len(words):
        return None
    if words[k].particle == "'s" and k + 1 < len(words) and words[k + 1].core[:1].isupper():
        k += 1  # "Taiwan's TSMC"
    b = k
    while b + 1 < len(words) and not words[b].ends_phrase and (words[b + 1].core[:1].isupper() or
                                                               words[b + 1].core == "&") and b - k < 4:
        b += 1
    return k, b + 1


# ---------------------------------------------------------------------------- rules


def title_domain(words: list[Word], ts: int, te: int) -> tuple[int, int]:
    """(the title's last word, the name's length after it): an official's title may name a domain before the name,
    "Minister of Investment Faisal Al-Rashed", "Minister of Trade, Industry and Energy Kim Jung-kwan": the
    longest domain that leaves a name of two words or more."""
    k = name_after(words, te + 1)
    if k or te + 2 >= len(words) or words[te + 1].core != "of" or words[te].core.lower() not in OFFICIAL_TITLES:
        return te, k
    best = (te, 0)
    for e in range(te + 2, min(te + 8, len(words))):
        w = words[e]
        if not (w.core[:1].isupper() or w.core in ("and", "&")) or w.core.lower() in NOT_NAME - {"and"}:
            break
        if (k := name_after(words, e + 1)) >= 2 and w.core not in ("and", "&"):
            best = (e, k)
        if w.trailing not in ("", ","):
            break
    return best


def company_name(words: list[Word]) -> str:
    """A company's name without its legal suffix: "Palantir Technologies Inc." -> "Palantir Technologies"."""
    parts = [w.core for w in words]
    while len(parts) > 1 and parts[-1].lower() in LEGAL:
        parts.pop()
    return " ".join(parts).rstrip(",")


def written_name(words: list[Word], name: str) -> str | None:
    """The name with its legal suffix as the article writes it ("Alpenstrom AG"), kept as an English label beside
    the name it is known by; None when there was no suffix to drop."""
    full = " ".join(w.core for w in words).rstrip(",")
    return full if full != name else None
