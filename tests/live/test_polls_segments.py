"""Ready-made meeting polls and results split by a composition question."""

import pytest
from django.urls import reverse

from samrad.live import selectors, services
from samrad.live.kinds import Answer
from samrad.live.models import QuestionRole
from tests.factories import (
    ChoiceQuestionFactory,
    OpenSessionFactory,
    ParticipantFactory,
    member_of,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "language, age_prompt, satisfaction_prompt",
    [
        ("sv", "Hur gammal är du?", "Hur nöjd är du med mötet som helhet?"),
        ("nb", "Hvor gammel er du?", "Hvor fornøyd er du med møtet som helhet?"),
        ("da", "Hvor gammel er du?", "Hvor tilfreds er du med mødet som helhed?"),
        ("en", "How old are you?", "How satisfied are you with the meeting as a whole?"),
    ],
)
def test_polls_come_in_the_dialogue_language(language, age_prompt, satisfaction_prompt):
    session = OpenSessionFactory(dialogue__language=language)
    composition = services.poll_add(session=session, key="composition")
    evaluation = services.poll_add(session=session, key="evaluation")
    assert [q.template_key for q in composition] == [
        "age_band",
        "relation",
        "area",
        "first_meeting",
    ]
    assert composition[0].prompt == age_prompt
    assert composition[0].choices.count() == 6
    assert composition[1].allow_multiple
    assert all(q.role == QuestionRole.COMPOSITION for q in composition)
    assert [q.kind for q in evaluation] == ["scale", "scale", "scale", "open"]
    assert evaluation[0].prompt == satisfaction_prompt
    assert evaluation[0].label_low and evaluation[0].label_high
    assert all(q.role == QuestionRole.EVALUATION for q in evaluation)
    positions = [q.position for q in session.questions.order_by("position")]
    assert positions == sorted(set(positions))


def test_unknown_poll_refused():
    with pytest.raises(ValueError):
        services.poll_add(session=OpenSessionFactory(), key="nonsense")


def answer(question, participant, *labels):
    question.session.current_question = question
    question.session.save()
    ids = [c.pk for c in question.choices.all() if c.label in labels]
    services.response_submit(question=question, participant=participant, answer=Answer(choices=ids))


def test_breakdown_splits_results_and_hides_small_groups():
    session = OpenSessionFactory(min_group_size=3)
    age = services.poll_add(session=session, key="composition")[0]
    target = ChoiceQuestionFactory(session=session, position=99)
    young = [ParticipantFactory(session=session) for _ in range(3)]
    old = [ParticipantFactory(session=session) for _ in range(2)]
    for participant in young:
        answer(age, participant, "18–29")
        answer(target, participant, "Trygghet")
    for participant in old:
        answer(age, participant, "65–79")
        answer(target, participant, "Smidighet")
    split = selectors.results_by_segment(target, age)
    groups = {g["label"]: g for g in split["groups"]}
    assert groups["18–29"]["respondents"] == 3
    rows = {r["label"]: r["count"] for r in groups["18–29"]["results"]["rows"]}
    assert rows == {"Trygghet": 3, "Kollektivitet": 0, "Smidighet": 0}
    assert groups["65–79"]["hidden"] and groups["65–79"]["results"] is None
    assert groups["65–79"]["respondents"] is None  # not even the size of a small group
    assert groups["Under 18"]["hidden"]


def test_breakdown_on_the_stage_and_only_by_composition_questions():
    session = OpenSessionFactory()
    age = services.poll_add(session=session, key="composition")[0]
    target = ChoiceQuestionFactory(session=session, position=99)
    with pytest.raises(ValueError):
        services.session_set_breakdown(session=session, segment=target)
    services.session_set_breakdown(session=session, segment=age)
    session.current_question = target
    session.save()
    stage = selectors.stage_context(session)
    assert stage["breakdown"]["segment"] == age.prompt
    session.current_question = age  # splitting a question by itself says nothing
    assert selectors.stage_context(session)["breakdown"] is None


def test_participant_segments_lists_each_participants_groups():
    session = OpenSessionFactory()
    age, relation, *_rest = services.poll_add(session=session, key="composition")
    participant = ParticipantFactory(session=session)
    answer(age, participant, "30–44")
    answer(relation, participant, "Förening", "Företag")
    assert selectors.participant_segments(session) == {
        participant.pk: {age.pk: ["30–44"], relation.pk: ["Förening", "Företag"]}
    }


def test_poll_and_breakdown_buttons(client):
    session = OpenSessionFactory()
    user = member_of(session.dialogue.organisation)
    client.force_login(user)
    client.post(reverse("live:poll_add", args=[session.pk, "composition"]))
    assert session.questions.count() == 4
    assert client.post(reverse("live:poll_add", args=[session.pk, "nope"])).status_code == 404
    age = session.questions.get(template_key="age_band")
    breakdown = reverse("live:session_command", args=[session.pk, "breakdown"])
    client.post(breakdown, {"segment": age.pk})
    session.refresh_from_db()
    assert session.breakdown == age
    page = client.get(reverse("live:session_control", args=[session.pk])).content.decode()
    assert "Split results by" in page
    client.post(breakdown, {"segment": ""})
    session.refresh_from_db()
    assert session.breakdown is None
