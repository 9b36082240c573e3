"""Storing stories: validation of every signifier kind, one story per phone, resends,
closed surveys (services.story_submit)."""

import uuid

import pytest
from django.db import IntegrityError

from samrad.signification import services
from samrad.signification.errors import InvalidStory, SurveyClosed
from samrad.signification.models import SignifierAnswer, Story

pytestmark = pytest.mark.django_db


def test_a_full_story_is_stored_with_its_values(submit, signifiers):
    story, created = submit(triad=(50, 30, 20), dyad=80, tags=[0, 2], segment=1, title="Kvällen")
    assert created and story.text == "En berättelse"
    answers = {a.signifier_id: a for a in story.answers.all()}
    assert answers[signifiers["triad"].pk].weights == pytest.approx((0.5, 0.3, 0.2))
    assert answers[signifiers["dyad"].pk].value == 80
    assert answers[signifiers["tags"].pk].choices == [0, 2]
    assert answers[signifiers["segment"].pk].choices == [1]
    assert story.title == "Kvällen"


@pytest.mark.parametrize("triad", [(50, 30, 30), (120, -10, -10), (0, 0, 0), ("a", "b", "c")])
def test_a_triad_must_sum_to_100_within_bounds(submit, signifiers, triad):
    with pytest.raises(InvalidStory) as refused:
        submit(triad=triad)
    assert f"s{signifiers['triad'].pk}" in refused.value.errors
    assert not Story.objects.exists()


def test_a_triad_may_be_not_applicable(submit, signifiers):
    pk = signifiers["triad"].pk
    story, _ = submit(**{f"s{pk}_na": "1", f"s{pk}_a": "10"})
    answer = story.answers.get(signifier=signifiers["triad"])
    assert answer.not_applicable and answer.weights is None


def test_not_applicable_only_where_allowed(submit, signifiers, owner):
    triad = signifiers["triad"]
    services.signifier_update(
        signifier=triad,
        actor=owner,
        prompt=triad.prompt,
        labels=triad.labels,
        allow_na=False,
        required=True,
    )
    with pytest.raises(InvalidStory) as refused:
        submit(**{f"s{triad.pk}_na": "1"})
    assert f"s{triad.pk}" in refused.value.errors


@pytest.mark.parametrize("value", [-1, 100.5, "lots"])
def test_a_dyad_is_within_0_and_100(submit, signifiers, value):
    with pytest.raises(InvalidStory) as refused:
        submit(dyad=value)
    assert f"s{signifiers['dyad'].pk}" in refused.value.errors


@pytest.mark.parametrize("value", [0, 100, "37,5"])
def test_dyad_ends_and_decimal_comma(submit, signifiers, value):
    story, _ = submit(dyad=value)
    assert 0 <= story.answers.get(signifier=signifiers["dyad"]).value <= 100


def test_the_database_refuses_out_of_bounds_values(submit, signifiers):
    story, _ = submit()
    with pytest.raises(IntegrityError):
        SignifierAnswer.objects.create(story=story, signifier=signifiers["dyad"], value=101)


def test_tags_only_among_the_options_and_one_segment(submit, signifiers):
    with pytest.raises(InvalidStory):
        submit(tags=[7])
    with pytest.raises(InvalidStory):
        submit(**{f"s{signifiers['segment'].pk}": ["0", "1"]})


def test_an_empty_story_or_a_missing_consent_is_refused(submit, survey, owner):
    with pytest.raises(InvalidStory) as refused:
        submit(text="   ")
    assert "text" in refused.value.errors
    services.survey_update(survey=survey, actor=owner, consent_text="Jag går med på …")
    with pytest.raises(InvalidStory) as refused:
        submit()
    assert "consent" in refused.value.errors
    story, _ = submit(consent="1")
    assert story.consented


def test_one_story_per_phone_which_it_may_edit(submit, survey, signifiers):
    phone = uuid.uuid4()
    first, created = submit("Första", triad=(100, 0, 0), respondent=phone)
    again, created_again = submit("Ändrad", triad=(0, 0, 100), dyad=10, respondent=phone)
    assert created and not created_again and again.pk == first.pk
    assert survey.stories.count() == 1
    again.refresh_from_db()
    assert again.text == "Ändrad"
    answers = {a.signifier_id: a for a in again.answers.all()}
    assert answers[signifiers["triad"].pk].weights == pytest.approx((0, 0, 1))
    assert answers[signifiers["dyad"].pk].value == 10


def test_a_double_submit_is_stored_once(submit, survey):
    client_id = uuid.uuid4()
    # The first send's answer (and its cookie) never reached the phone: it sends again.
    first, created = submit("Samma", client_id=client_id)
    second, created_again = submit("Samma", client_id=client_id)
    assert created and not created_again and second.pk == first.pk
    assert survey.stories.count() == 1


def test_a_closed_survey_takes_nothing_and_keeps_what_it_has(submit, survey, owner):
    phone = uuid.uuid4()
    submit("Kvar", respondent=phone)
    services.survey_set_status(survey=survey, actor=owner, status="closed")
    with pytest.raises(SurveyClosed):
        submit("Ny", respondent=phone)
    with pytest.raises(SurveyClosed):
        submit("Ännu en")
    assert list(survey.stories.values_list("text", flat=True)) == ["Kvar"]


def test_control_characters_are_dropped_and_length_is_limited(submit):
    story, _ = submit("Hej\x00 där\x07")
    assert story.text == "Hej där"
    with pytest.raises(InvalidStory):
        submit("x" * 5001)
