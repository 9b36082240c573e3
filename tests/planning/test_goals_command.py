"""`samrad goals status DIALOGUE [--json]`: the CLI contract of issue 7."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from samrad.feedback.models import PublicPage
from samrad.planning import services
from tests.factories import DialogueFactory, OpenSessionFactory, ParticipantFactory
from tests.planning.helpers import goal_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def dialogue():
    dialogue = DialogueFactory(title="Storby 2030")
    goal = goal_in(dialogue)
    session = OpenSessionFactory(dialogue=dialogue)
    for _ in range(3):
        ParticipantFactory(session=session)
    services.measure_create(
        goal=goal, actor=None, title="Deltagare", source="participants", target=2
    )
    close = services.measure_create(goal=goal, actor=None, title="Besök", target=100)
    services.measure_record(
        measure=close, value=95, evidence="webbstatistik", recorded_on=None, actor=None
    )
    services.measure_create(goal=goal, actor=None, title="Artiklar", target=5)
    PublicPage.objects.create(dialogue=dialogue, slug="storby-2030")
    return dialogue


def run(*args) -> str:
    out = StringIO()
    call_command("goals", "status", *args, stdout=out)
    return out.getvalue()


def test_json_has_the_contract_keys_and_counts(dialogue):
    data = json.loads(run(str(dialogue.pk), "--json"))
    assert {key: data[key] for key in ("met", "close", "not_met", "pending", "total")} == {
        "met": 1,
        "close": 1,
        "not_met": 0,
        "pending": 1,
        "total": 3,
    }
    by_title = {row["measure"]: row for row in data["measures"]}
    assert by_title["Deltagare"]["value"] == 3
    assert by_title["Deltagare"]["status"] == "met"
    assert by_title["Besök"] == {**by_title["Besök"], "value": 95, "target": 100, "status": "close"}
    assert by_title["Artiklar"]["value"] is None


def test_text_lists_each_measure_and_the_summary_and_finds_the_dialogue_by_slug(dialogue):
    text = run("storby-2030")
    assert "Deltagare" in text and "Besök" in text and "Artiklar" in text
    assert text.strip().splitlines()[-1] == "1 of 3 met, 1 close, 0 not met, 1 pending"


def test_an_unknown_dialogue_is_an_error():
    with pytest.raises(CommandError, match="No dialogue"):
        run("no-such-dialogue")
