"""The article's registry (kg.extract.registry): groups computed once, variants folded only within the article."""

from __future__ import annotations

from kg.extract.lang import pack_for
from kg.extract.registry import Registry
from kg.lexicon import load_lexicon
from kg.model import Span

S = Span(1, 0, 1)


def registry() -> Registry:
    return Registry(pack_for("ko"), load_lexicon())


def test_affiliates_sharing_a_stem_share_a_group() -> None:
    r = registry()
    a, b = r.company("세진전자", S), r.company("세진텔레콤", S)
    assert r.group_of(a) == r.group_of(b) == "stem:sejin"
    assert r.group_of(r.company("Sejin Telecom", S)) == "stem:sejin"  # the same group written in Latin letters


def test_a_reference_company_is_its_group_by_the_reference_data() -> None:
    r = registry()
    assert r.group_of(r.company("SK하이닉스", S)) == "sk-group"
    assert r.group_of(r.company("SK바이오팜", S)) == "sk-group"  # a stem the reference data knows


def test_a_near_spelling_is_folded_only_into_a_company_the_article_spells() -> None:
    r = registry()
    r.company("엔비디아", S)
    r.company("엔비디어", Span(2, 5, 9))
    r.fold()
    assert [c.name for c in r.companies.values()] == ["엔비디아"]
    alone = registry()
    alone.company("대성전자", S)  # one letter from 삼성전자, which this article never names
    alone.fold()
    assert [c.name for c in alone.companies.values()] == ["대성전자"]


def test_same_name_same_group_is_one_person_other_group_two() -> None:
    r = registry()
    a = r.person("김민준", r.company("한빛전자", S), "사장", S)
    b = r.person("김민준", r.company("한빛텔레콤", S), "대표", Span(2, 0, 3))
    c = r.person("김민준", r.company("가온소프트", S), "대표", Span(3, 0, 3))
    assert a == b != c


def test_a_one_letter_variant_folds_into_the_spelling_used_more() -> None:
    r = registry()
    company = r.company("벨로시티랩스", S)
    kept = r.person("사티아 나델라", company, "CEO", Span(2, 0, 7))
    r.mention(kept, Span(3, 0, 7))
    r.person("시티아 나델라", company, "CEO", Span(1, 0, 7))
    remap = r.fold()
    assert list(remap.values()) == [kept] and [p.name for p in r] == ["사티아 나델라"]


def test_folds_that_chain_end_at_a_person_who_is_kept() -> None:
    """A family name alone folds into a full name, and that full name, one letter off the spelling the article
    uses most, folds again: every remap ends at a person still in the registry (a chain once left a meeting naming a
    deleted person, and the article failed with a KeyError)."""
    r = registry()
    company = r.company("세진전자", S)
    alone = r.person("나델라", company, "CEO", S)
    variant = r.person("시티아 나델라", company, "CEO", Span(2, 0, 6))
    kept = r.person("사티아 나델라", company, "CEO", Span(3, 0, 6))
    r.person("사티아 나델라", company, "CEO", Span(4, 0, 6))  # the spelling used most
    remap = r.fold()
    assert set(remap) == {alone, variant} and set(remap.values()) == {kept}
    assert all(target in r.people for target in remap.values())
