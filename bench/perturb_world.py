"""Who and what a corpus names: the reference data's companies and people, the gold's people and
organisations, merged into one entity per real company or person with every surface form it goes by.

Used by `perturb.py`; invents nothing (that is `perturb_names.py`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

import pyoxigraph as ox
from perturb_lang import (
    CHINESE_FAMILY_FIRST,
    CHINESE_FAMILY_HANGUL_TWO,
    COMPANY_PREFIXES,
    COMPANY_SUFFIXES,
    DISTINCTLY_KOREAN_SURNAMES,
    NOT_A_COMPANY,
    ROMAN_SURNAME,
    SURNAME_ROMAN,
)

_AIP = "https://w3id.org/aipkg/ontology#"
# The first two are a main label (rdfs:label, or skos:prefLabel where an article's own spelling is the label).
_LABELS = ("http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
           "http://www.w3.org/2004/02/skos/core#altLabel", "http://www.w3.org/2004/02/skos/core#hiddenLabel")
_ORG_PARENT = "http://www.w3.org/ns/org#subOrganizationOf"
_SCHEMA_PERSON = "https://schema.org/Person"

HANGUL = re.compile(r"[가-힣]")
_KOREAN_SYLLABLE = (r"(?:kk|tt|pp|ss|jj|ch|g|k|n|d|t|r|l|m|b|p|s|j|h|y|w)?"
                    r"(?:yeo|yae|wae|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|a|e|o|u|i)(?:ng|k|n|t|l|m|p|g|b)?")
KOREAN_GIVEN = re.compile(rf"{_KOREAN_SYLLABLE}(?:-?{_KOREAN_SYLLABLE})", re.IGNORECASE)


def squash(text: str) -> str:
    """The identity key of a surface form: NFC, no white space, case-folded."""
    return "".join(unicodedata.normalize("NFC", text).split()).casefold()


def has_hangul(text: str) -> bool:
    return bool(HANGUL.search(text))


def strip_affixes(form: str) -> tuple[str, str, str]:
    """'SK㈜' -> ('', 'SK', '㈜'); 'Nvidia Corp.' -> ('', 'Nvidia', ' Corp.'): legal and country affixes."""
    pre = post = ""
    for affix in COMPANY_PREFIXES:
        if form.startswith(affix) and len(form) > len(affix):
            pre, form = affix, form[len(affix):]
            break
    for affix in COMPANY_SUFFIXES:
        if form.endswith(affix) and len(form) > len(affix):
            form, post = form[: -len(affix)], affix
            break
    return pre, form, post


def shared_start(core: str, stem: str) -> int:
    """How many characters of ``stem`` start ``core``, two or more, ending where a word or syllable ends
    ('Hyundai Mobis' and 'Hyundai Motor' share 'Hyundai', not 'Hyundai Mo')."""
    n = 0
    while n < min(len(core), len(stem)) and core[n].casefold() == stem[n].casefold():
        n += 1
    if not has_hangul(core[:n]) and n < len(core) and core[n - 1:n + 1].isalpha():
        n = core.rfind(" ", 0, n) if " " in core[:n] else 0
    return n if n >= 2 else 0


def is_acronym(text: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][A-Z0-9&+]{1,4}", text))


# --- input ------------------------------------------------------------------------------------------------


@dataclass
class Article:
    name: str  # file name
    header: str  # the 'url: ...' block through '---\n', kept byte for byte
    body: str
    gold: dict | None
    language: str  # "ko" | "en"


def read_articles(articles_dir: Path, gold_dir: Path) -> list[Article]:
    out = []
    for path in sorted(p for p in articles_dir.iterdir() if p.is_file() and not p.name.startswith(".")):
        raw = path.read_text(encoding="utf-8")
        header, body = "", raw
        if raw.startswith("url: "):
            head, sep, rest = raw.partition("\n---\n")
            if sep:
                header, body = head + sep, rest
        gold_path = gold_dir / f"{path.stem}.json"
        try:
            gold = json.loads(gold_path.read_text(encoding="utf-8")) if gold_path.exists() else None
        except json.JSONDecodeError as err:
            raise ValueError(f"{gold_path}: not valid JSON ({err})") from err
        hangul = len(HANGUL.findall(body))
        language = (gold or {}).get("language") or ("ko" if hangul > len(body) / 20 else "en")
        out.append(Article(path.name, header, unicodedata.normalize("NFC", body), gold, language))
    return out


# --- reference data ---------------------------------------------------------------------------------------


@dataclass
class Reference:
    company_forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # local id -> (form, lang)
    company_labels: dict[str, dict[str, str]] = field(default_factory=dict)  # id -> lang -> rdfs:label
    groups: set[str] = field(default_factory=set)
    parents: dict[str, str] = field(default_factory=dict)
    person_forms: dict[str, list[tuple[str, str]]] = field(default_factory=dict)
    person_labels: dict[str, str] = field(default_factory=dict)  # id -> Korean label

    def all_company_forms(self) -> set[str]:
        return {squash(f) for forms in self.company_forms.values() for f, _ in forms}

    def all_person_forms(self) -> set[str]:
        return {squash(f) for forms in self.person_forms.values() for f, _ in forms}


def _local(iri: str) -> str:
    return iri.rstrip("/").rsplit("/", 1)[-1]


def load_reference(path: Path) -> Reference:
    store = ox.Store()
    try:
        store.load(path=str(path), format=ox.RdfFormat.TURTLE)
    except (OSError, SyntaxError) as err:
        raise ValueError(f"{path}: cannot read the reference data ({err})") from err
    ref = Reference()
    labels = ", ".join(f"<{p}>" for p in _LABELS)

    def rows(q: str) -> list[tuple[ox.NamedNode | ox.Literal, ...]]:
        result = store.query(q)
        assert isinstance(result, ox.QuerySolutions)
        return sorted((tuple(t for t in r if isinstance(t, (ox.NamedNode, ox.Literal))) for r in result), key=str)

    for c, p, lit in rows(f"SELECT ?c ?p ?l WHERE {{ ?c a <{_AIP}Company> ; ?p ?l . FILTER(?p IN ({labels})) }}"):
        assert isinstance(lit, ox.Literal) and isinstance(c, ox.NamedNode) and isinstance(p, ox.NamedNode)
        lang = lit.language or "en"
        ref.company_forms.setdefault(_local(c.value), []).append((lit.value, lang))
        if p.value in _LABELS[:2]:
            ref.company_labels.setdefault(_local(c.value), {})[lang] = lit.value
    for (c,) in rows(f"SELECT ?c WHERE {{ ?c a <{_AIP}BusinessGroup> }}"):
        ref.groups.add(_local(c.value))
    for c, p in rows(f"SELECT ?c ?p WHERE {{ ?c <{_ORG_PARENT}> ?p }}"):
        ref.parents[_local(c.value)] = _local(p.value)
    for x, p, lit in rows(f"SELECT ?x ?p ?l WHERE {{ ?x a <{_SCHEMA_PERSON}> ; ?p ?l . FILTER(?p IN ({labels})) }}"):
        assert isinstance(lit, ox.Literal) and isinstance(x, ox.NamedNode) and isinstance(p, ox.NamedNode)
        key = unicodedata.normalize("NFC", x.value)
        ref.person_forms.setdefault(key, []).append((lit.value, lit.language or "en"))
        if p.value in _LABELS[:2] and lit.language == "ko":
            ref.person_labels[key] = lit.value
    return ref


# --- entities ---------------------------------------------------------------------------------------------


@dataclass
class Company:
    key: str
    label_ko: str | None
    label_en: str | None
    forms: dict[str, str] = field(default_factory=dict)  # surface form -> "ko" | "en"
    is_group: bool = False
    parent: str | None = None
    kept: bool = False  # not a company (an association): keeps its name
    stem_ko: str | None = None  # the prefix its affiliates share ("SK", "두산")
    stem_en: str | None = None
    stem_owner: str | None = None  # the company whose stem this one's name starts with


@dataclass
class Person:
    key: str
    style: str  # "ko" (surname + given), "west" (given ... family), "zh" (family first)
    hangul: list[str] = field(default_factory=list)  # full Hangul forms, main first
    latin: list[str] = field(default_factory=list)  # full Latin forms
    surname: str | None = None  # Hangul surname (ko) or family name (west, zh)
    families_latin: set[str] = field(default_factory=set)


def company_entities(ref: Reference, articles: list[Article]) -> dict[str, Company]:
    companies: dict[str, Company] = {}
    for key, forms in sorted(ref.company_forms.items()):
        labels = ref.company_labels.get(key, {})
        c = Company(key, labels.get("ko"), labels.get("en"), is_group=key in ref.groups,
                    parent=ref.parents.get(key))
        for form, lang in forms:
            # "아마존웹서비스(AWS)": its parts are forms of their own, and the whole would hide them
            # "ko": used in Korean text, so a Latin form ("LG CNS", "KT") follows the article's language
            if "(" not in form or form.startswith("(주)") or form.endswith("(주)"):
                c.forms[form] = "ko" if lang == "ko" or c.forms.get(form) == "ko" else "en"
        companies[key] = c
    index = {squash(f): c.key for c in companies.values() for f in c.forms}
    for article in articles:
        for ko, en in _gold_orgs(article):
            found = index.get(squash(ko)) if ko else None
            found = found or (index.get(squash(en)) if en else None)
            if found is None:
                name = ko or en or ""
                found = "gold:" + squash(name)
                companies[found] = Company(
                    found, ko if ko and has_hangul(ko) else None, en,
                    is_group=name.endswith("그룹") or name.endswith(" Group"),
                    kept=any(word in name for word in NOT_A_COMPANY))
            c = companies[found]
            pairs: tuple[tuple[str | None, str], ...] = ((ko, "ko" if ko and has_hangul(ko) else "en"), (en, "en"))
            for gold_form, gold_lang in pairs:
                if gold_form and squash(gold_form) not in index:
                    c.forms[gold_form] = gold_lang
                    index[squash(gold_form)] = found
            if c.label_en is None and en:
                c.label_en = en
    _find_stems(companies)
    return companies


def _gold_orgs(article: Article) -> list[tuple[str | None, str | None]]:
    gold = article.gold or {}
    ko_side = article.language == "ko"
    out: list[tuple[str | None, str | None]] = []
    for p in gold.get("people", []):
        if p.get("org") or p.get("org_en"):
            out.append((p.get("org"), p.get("org_en")))
    for item in gold.get("meetings", []) + gold.get("partnerships", []):
        out.extend((o, None) if ko_side else (None, o) for o in item.get("orgs", []) if o)
    return out


def _strip_group(label: str | None) -> str | None:
    if label is None:
        return None
    for suffix in ("그룹", " Group"):
        if label.endswith(suffix):
            return label[: -len(suffix)].strip()
    return label


def _find_stems(companies: dict[str, Company]) -> None:
    """Groups, and companies whose name starts another's (카카오 -> 카카오브레인), lend their affiliates a prefix."""
    others = [(c.key, squash(f)) for c in companies.values() for f in c.forms]
    for c in companies.values():
        if c.kept:
            continue
        if c.is_group:
            c.stem_ko, c.stem_en = _strip_group(c.label_ko), _strip_group(c.label_en)
            continue
        for label, attr in ((c.label_ko, "stem_ko"), (c.label_en, "stem_en")):
            if not label:
                continue
            lead = squash(label)
            for key, form in others:
                rest = form[len(lead):]
                if key != c.key and form.startswith(lead) and rest and rest not in _AFFIX_KEYS | {"그룹", "group"}:
                    setattr(c, attr, label)
        if c.stem_ko or c.stem_en:
            c.stem_ko, c.stem_en = c.stem_ko or c.label_ko, c.stem_en or c.label_en
    stems = sorted(((c.key, s) for c in companies.values() for s in (c.stem_ko, c.stem_en) if s),
                   key=lambda t: (-len(t[1]), t))
    for c in companies.values():
        if c.stem_ko or c.stem_en or c.kept:
            continue
        cores = [squash(strip_affixes(label)[1]) for label in (c.label_ko, c.label_en) if label]
        c.stem_owner = next((key for key, stem in stems if any(x.startswith(squash(stem)) for x in cores)), None)
        top = _top_with_stem(companies, c)
        if c.stem_owner is None and top is not None:
            # a listed affiliate sharing the start of the group's name: 현대자동차 under 현대차그룹
            stems_of_top = [s for s in (top.stem_ko, top.stem_en) if s]
            labels = [strip_affixes(label)[1] for label in (c.label_ko, c.label_en) if label]
            if any(shared_start(x, s) for x in labels for s in stems_of_top):
                c.stem_owner = top.key


def _top_with_stem(companies: dict[str, Company], c: Company) -> Company | None:
    seen = set()
    while c.parent in companies and c.parent not in seen:
        seen.add(c.parent)
        c = companies[c.parent]
        if c.stem_ko or c.stem_en:
            return c
    return None


_AFFIX_KEYS = {squash(a) for a in COMPANY_SUFFIXES}


def person_entities(ref: Reference, articles: list[Article]) -> dict[str, Person]:
    """One entity per person: reference people and gold people, merged on any shared form (Latin forms also
    in any word order: "Noh-Jung Kwak" is "Kwak Noh-jung")."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def nodes(form: str) -> list[str]:
        out = ["f:" + squash(form)]
        if not has_hangul(form):
            out.append("w:" + " ".join(sorted(t.replace("-", "").casefold() for t in form.split())))
        return out

    groups: list[tuple[str | None, list[str]]] = []  # (reference key, names: the main one first)
    for key, pairs in sorted(ref.person_forms.items()):
        main = ref.person_labels.get(key)
        groups.append((key, ([main] if main else []) + [f for f, _ in pairs if f != main]))
    for article in articles:
        for p in (article.gold or {}).get("people", []):
            alts = [n.strip(" )") for n in (p.get("name_en") or "").split(" (")]
            groups.append((None, [n for n in [p.get("name") or "", *alts] if n]))
    order: list[str] = []
    for _, names in groups:
        for name in names:
            for node in nodes(name):
                parent[find(node)] = find(nodes(names[0])[0])
            if name not in order:
                order.append(name)
    refs: dict[str, str] = {}
    for ref_key, names in groups:
        if ref_key is not None and names:
            refs.setdefault(find(nodes(names[0])[0]), _ref_key(ref_key))
    members: dict[str, list[str]] = {}
    for name in order:
        members.setdefault(find(nodes(name)[0]), []).append(name)
    people: dict[str, Person] = {}
    for root, names in members.items():
        key = "ref:" + refs[root] if root in refs else "gold:" + squash(names[0])
        people[key] = person_from_names(key, names)
    return dict(sorted(people.items()))


def _ref_key(iri: str) -> str:
    return "/".join(unquote(part) for part in iri.rstrip("/").split("/")[-2:])


def person_from_names(key: str, names: list[str]) -> Person:
    hangul = [n for n in names if has_hangul(n)]
    latin = [n for n in names if not has_hangul(n)]
    p = Person(key, style="west", hangul=hangul, latin=latin)
    if hangul:
        main = hangul[0]
        if " " in main:
            p.style, p.surname = "west", main.split()[-1]
        elif 2 <= len(main) <= 4 and (main[:2] in SURNAME_ROMAN and len(main) >= 3 or main[0] in SURNAME_ROMAN):
            p.style = "ko"
            p.surname = main[:2] if main[:2] in SURNAME_ROMAN and len(main) >= 3 else main[0]
        else:
            p.style = "zh"
            p.surname = main[:2] if main[:2] in CHINESE_FAMILY_HANGUL_TWO else main[0]
    elif latin:
        p.style = latin_style(latin[0])
        if p.style == "ko":
            p.surname = ROMAN_SURNAME[latin[0].split()[family_index(latin[0], "ko")]]
    for form in latin:
        tokens = form.split()
        if len(tokens) >= 2:
            p.families_latin.add(tokens[family_index(form, form_style(p, form))])
    return p


def form_style(p: Person, form: str) -> str:
    """The order of one Latin form: a Chinese name may be written family first ("Li Qiang") or not ("C. C. Wei")."""
    return latin_style(form) if p.style == "zh" else p.style


def latin_style(name: str) -> str:
    tokens = name.split()
    if len(tokens) < 2:
        return "west"
    if tokens[0] in CHINESE_FAMILY_FIRST and "-" not in tokens[1]:
        return "zh"
    surnames = [t for t in tokens if t in ROMAN_SURNAME]
    given = [t for t in tokens if t not in ROMAN_SURNAME]
    if surnames and given and all("-" in t or KOREAN_GIVEN.fullmatch(t) or is_initials(t) for t in given):
        return "ko"
    if len(tokens) == 2 and tokens[-1] in DISTINCTLY_KOREAN_SURNAMES:
        return "ko"  # "William Cho": a Korean who goes by a Western given name
    return "west"


def family_index(name: str, style: str) -> int:
    tokens = name.split()
    if style == "zh":
        return 0
    if style == "ko":
        for i, t in enumerate(tokens):
            if t in ROMAN_SURNAME and "-" not in t:
                return i
    return len(tokens) - 1


def is_initials(token: str) -> bool:
    return bool(re.fullmatch(r"(?:[A-Z]\.?){1,3}", token))
