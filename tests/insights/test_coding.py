"""Codebook and coding: several themes per input, rename and merge keep codes, statuses,
answers, publishing, bulk actions, merging near-duplicates."""

import pytest

from samrad.core.models import AuditEntry
from samrad.insights import selectors, services
from samrad.insights.models import Coding, InputStatus, Theme


def test_an_input_carries_several_themes_and_toggles_them(make_input, dialogue, theme):
    other = services.theme_create(dialogue=dialogue, name="Kollektivtrafik")
    item = make_input()
    assert services.input_code(input=item, theme=theme) is True
    assert services.input_code(input=item, theme=other, on=True) is True
    assert set(item.themes.all()) == {theme, other}
    assert services.input_code(input=item, theme=theme) is False
    assert list(item.themes.all()) == [other]
    services.input_code(input=item, theme=other, on=True)  # already on: stays once
    assert Coding.objects.filter(input=item).count() == 1
    assert AuditEntry.objects.filter(action="insights.input_code").count() == 2


def test_a_theme_of_another_dialogue_is_refused(make_input, theme):
    from tests.factories import DialogueFactory

    item = make_input(dialogue=DialogueFactory())
    with pytest.raises(ValueError):
        services.input_code(input=item, theme=theme)


def test_rename_keeps_codes_and_names_stay_unique(make_input, dialogue, theme):
    item = make_input()
    services.input_code(input=item, theme=theme)
    services.theme_update(theme=theme, name="Trygghet och belysning")
    assert [t.name for t in item.themes.all()] == ["Trygghet och belysning"]
    second = services.theme_create(dialogue=dialogue, name="trygghet och belysning")
    assert second.name == "trygghet och belysning (2)"


def test_merge_moves_codes_and_sub_themes_then_deletes(make_input, dialogue, theme):
    target = services.theme_create(dialogue=dialogue, name="Säkerhet")
    child = services.theme_create(dialogue=dialogue, name="Belysning", parent=theme)
    both, only_source, only_target = make_input("a"), make_input("b"), make_input("c")
    for item in (both, only_source):
        services.input_code(input=item, theme=theme)
    for item in (both, only_target):
        services.input_code(input=item, theme=target)
    services.theme_merge(source=theme, target=target)
    assert not Theme.objects.filter(pk=theme.pk).exists()
    for item in (both, only_source, only_target):
        assert list(item.themes.all()) == [target]
    child.refresh_from_db()
    assert child.parent == target
    with pytest.raises(services.Refused):
        services.theme_merge(source=target, target=target)


def test_codebook_lists_sub_themes_under_their_parent_with_number_keys(dialogue, theme):
    other = services.theme_create(dialogue=dialogue, name="Trafik")
    services.theme_create(dialogue=dialogue, name="Belysning", parent=theme)
    services.theme_create(dialogue=dialogue, name="Cykel", parent=other)
    names = [(t.name, t.depth, t.key) for t in selectors.codebook(dialogue)]
    assert names == [
        ("Trygghet", 0, "1"),
        ("Belysning", 1, "2"),
        ("Trafik", 0, "3"),
        ("Cykel", 1, "4"),
    ]


def test_answer_sets_status_and_publish_needs_an_answer(make_input):
    item = make_input()
    with pytest.raises(services.Refused):
        services.input_publish(input=item)
    services.input_answer(input=item, answer="  Vi bygger en ny park 2027. ")
    assert item.status == InputStatus.ANSWERED and item.answer == "Vi bygger en ny park 2027."
    services.input_publish(input=item)
    assert item.published
    services.input_answer(input=item, answer="")
    item.refresh_from_db()
    assert not item.published  # no answer, nothing to show the public


def test_statuses(make_input):
    item = make_input()
    for status in InputStatus.values:
        services.input_set_status(input=item, status=status)
        item.refresh_from_db()
        assert item.status == status
    with pytest.raises(ValueError):
        services.input_set_status(input=item, status="deleted")


def test_bulk_theme_status_and_publish(make_input, dialogue, theme):
    a, b, c = make_input("a"), make_input("b", answer="svar"), make_input("c")
    services.input_code(input=a, theme=theme)
    ids = [a.pk, b.pk, c.pk]
    assert (
        services.inputs_bulk(dialogue=dialogue, input_ids=ids, action="theme", value=theme.pk) == 2
    )
    assert Coding.objects.filter(theme=theme).count() == 3
    services.inputs_bulk(dialogue=dialogue, input_ids=ids, action="status", value="considered")
    assert {i.status for i in dialogue.inputs.all()} == {"considered"}
    assert services.inputs_bulk(dialogue=dialogue, input_ids=ids, action="publish") == 1
    assert list(dialogue.inputs.filter(published=True)) == [b]


def test_merging_near_duplicates_keeps_originals_and_sums_upvotes(make_input, dialogue, theme):
    keep = make_input("Bussen går för sällan", upvotes=3)
    twin = make_input("Bussen går alldeles för sällan", upvotes=4)
    services.input_code(input=twin, theme=theme)
    services.inputs_merge(keep=keep, others=[twin])
    twin.refresh_from_db()
    assert twin.duplicate_of == keep and twin.status == InputStatus.DUPLICATE
    assert list(keep.themes.all()) == [theme]
    page = selectors.board_page(dialogue, selectors.BoardFilters())
    assert [(i.pk, selectors.total_upvotes(i)) for i in page.inputs] == [(keep.pk, 7)]
    with pytest.raises(services.Refused):
        services.inputs_merge(keep=twin, others=[keep])
    services.input_unmerge(input=twin)
    assert selectors.board_page(dialogue, selectors.BoardFilters()).total == 2


def test_group_to_theme_creates_the_theme_and_codes_members(make_input, dialogue):
    a, b, _c = make_input("a"), make_input("b"), make_input("c")
    theme = services.group_to_theme(dialogue=dialogue, label="Buss", input_ids=[a.pk, b.pk])
    assert set(theme.inputs.all()) == {a, b}


def test_answered_share_and_published_answers(make_input, dialogue, theme):
    a = make_input("a", answer="ja", published=True)
    make_input("b", answer="nej")
    make_input("c")
    dup = make_input("d")
    services.inputs_merge(keep=a, others=[dup])
    assert selectors.answered_share(dialogue) == (2, 3)
    from samrad.feedback import public

    assert public.public_answers(dialogue) == [a]


def test_the_suggester_is_kept_while_coding_and_retrained_when_it_matters(
    make_input, dialogue, theme
):
    other = services.theme_create(dialogue=dialogue, name="Buss")
    for n in range(10):
        services.input_code(input=make_input(f"mörkt otryggt {n}"), theme=theme)
        services.input_code(input=make_input(f"buss hållplats {n}"), theme=other)
    model = selectors.suggester(dialogue)
    services.input_code(input=make_input("mörkt igen"), theme=theme)
    assert selectors.suggester(dialogue) is model  # one more code: the same model serves
    for n in range(5):
        services.input_code(input=make_input(f"buss {n}"), theme=other)
    assert selectors.suggester(dialogue) is not model  # five more: retrained
    model = selectors.suggester(dialogue)
    services.theme_update(theme=other, name="Kollektivtrafik")
    assert selectors.suggester(dialogue) is not model  # the codebook changed
