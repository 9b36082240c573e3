"""Groups from scratch, near-duplicates, distinctive terms and language detection."""

from __future__ import annotations

import pytest

from samrad.insights.textanalysis.compare import TermContrast, distinctive_terms
from samrad.insights.textanalysis.duplicates import near_duplicates
from samrad.insights.textanalysis.groups import Group, propose_groups
from samrad.insights.textanalysis.language import detect_language

BUSES = [
    "Bussen til sentrum går for sjelden",
    "Flere busser til sentrum om kvelden",
    "Bussen til sentrum er alltid full",
    "Bussene til sentrum kommer for sent",
    "Nattbuss til sentrum i helgene",
]
KINDERGARTENS = [
    "Barnehagen har for få plasser",
    "Flere barnehageplasser i barnehagen på Øvre Berg",
    "Barnehagen trenger større uteområde",
    "Lang ventetid på plass i barnehagen",
    "Barnehagen mangler ansatte",
]


def test_groups_are_labelled_with_characteristic_words() -> None:
    texts = BUSES + KINDERGARTENS
    groups = propose_groups(texts, lang="nb", groups=2)
    assert len(groups) == 2
    assert all(isinstance(group, Group) for group in groups)
    by_member = {frozenset(group.members): group for group in groups}
    bus_group = by_member[frozenset(range(5))]
    kindergarten_group = by_member[frozenset(range(5, 10))]
    assert "sentrum" in bus_group.terms[:2]
    assert "barnehagen" in kindergarten_group.terms[:2]
    assert kindergarten_group.label.startswith(kindergarten_group.terms[0])
    assert "til" not in bus_group.terms  # stop words never label a group


def test_groups_are_deterministic_and_sorted_by_size() -> None:
    texts = BUSES + KINDERGARTENS[:3] + ["", "og så"]
    first = propose_groups(texts, lang="nb")
    assert first == propose_groups(texts, lang="nb")
    sizes = [len(group.members) for group in first]
    assert sizes == sorted(sizes, reverse=True)
    members = [i for group in first for i in group.members]
    assert sorted(members) == list(range(8))  # blank and stop-word-only texts in no group


def test_groups_of_nothing() -> None:
    assert propose_groups([]) == []
    assert propose_groups(["", "og"], lang="nb") == []
    assert propose_groups(["Flere busser"], lang="nb")[0].members == [0]
    with pytest.raises(ValueError):
        propose_groups(["a"], groups=0)


def test_near_duplicates_finds_rephrasings_not_other_topics() -> None:
    texts = [
        "Bussen til sentrum går altfor sjelden.",
        "Barnehagen mangler ansatte",
        "bussen til sentrum går for sjelden!!",
        "Bussen til flyplassen går for sjelden",
        "Barnehagen mangler ansatte",
        "Flere benker i parken",
        "",
        "",
    ]
    groups = near_duplicates(texts, lang="nb", threshold=0.7)
    assert [0, 2] in groups
    assert [1, 4] in groups
    assert all(5 not in group and 6 not in group for group in groups)
    assert not any({0, 1} <= set(group) for group in groups)


def test_near_duplicates_threshold_matters() -> None:
    texts = ["Bussen går for sjelden", "Bussen går alt for sjelden om kvelden"]
    assert near_duplicates(texts, lang="nb", threshold=0.99) == []
    assert near_duplicates(texts, lang="nb", threshold=0.3) == [[0, 1]]
    with pytest.raises(ValueError):
        near_duplicates(texts, threshold=0)


def test_distinctive_terms_find_the_planted_term() -> None:
    common = ["Flere busser til sentrum", "Bygg flere boliger", "Bedre skoler", "Mer grøntområde"]
    group_a = common * 5 + ["Vi vil ha en skatepark"] * 6 + ["Skateparken må lyses opp"] * 2
    group_b = common * 5 + ["Flere benker til eldre", "Benkene er for lave", "Benker i parken"] * 3
    for_a, for_b = distinctive_terms(group_a, group_b, lang="nb", top=3)
    assert for_a[0].term == "skatepark"
    assert for_a[0].count_a == 8 and for_a[0].count_b == 0
    assert for_b[0].term in {"benker", "benkene"}
    assert all(isinstance(term, TermContrast) and term.score > 0 for term in for_a + for_b)
    assert "busser" not in [term.term for term in for_a + for_b]
    assert len(for_a) <= 3


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Det behövs fler cykelvägar till skolan och bättre belysning på kvällen.", "sv"),
        ("Vi trenger flere sykkelveier til skolen, og bedre belysning langs veien.", "nb"),
        ("Vi har brug for flere cykelstier til skolen og bedre belysning langs vejen.", "da"),
        ("We need more cycle paths to the school and better lighting along the road.", "en"),
        ("Hvorfor tar det så lang tid å få svar fra kommunen?", "nb"),
        ("Hvorfor tager det så lang tid at få svar fra kommunen?", "da"),
        ("Varför tar det så lång tid att få svar från kommunen?", "sv"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_detect_language_gives_up_on_thin_evidence() -> None:
    assert detect_language("") == ""
    assert detect_language("Bedre busser!") == ""
    assert detect_language("🚲🚲") == ""
