"""The report's blocks, the method export/import, and the demo survey."""

import pytest

from samrad.core.reporting import Bullets, Document, Image, render_html
from samrad.signification import demo, method
from samrad.signification.models import Survey
from samrad.signification.report import report_blocks
from tests.factories import DialogueFactory

pytestmark = pytest.mark.django_db


def test_report_blocks_have_plots_and_summaries(survey, submit):
    submit("<b>En</b>", triad=(80, 10, 10), dyad=90, tags=[0])
    submit("Två", triad=(10, 80, 10), dyad=10, tags=[1])
    blocks = report_blocks(survey.dialogue, "en")
    images = [b for b in blocks if isinstance(b, Image)]
    assert len(images) == 2  # the triad and the dyad
    assert all(image.png.startswith(b"\x89PNG") for image in images)
    summary = next(b for b in blocks if isinstance(b, Bullets))
    assert "2 stories placed a point." in summary.items
    assert "Människorna: 1 (50 %)" in summary.items
    html = render_html(Document(title="Rapport", blocks=blocks))
    assert "Hemma" in html and "<b>En</b>" not in html


def test_report_blocks_skip_surveys_without_stories(survey):
    assert report_blocks(survey.dialogue, "sv") == []


def test_method_round_trip_without_answers(survey, submit, owner):
    submit("Hemlig berättelse", triad=(80, 10, 10))
    data = method.export(survey.dialogue)
    assert "Hemlig" not in str(data)
    assert data["surveys"][0]["signifiers"][0] == {
        "kind": "triad",
        "prompt": "Vad var viktigast?",
        "labels": ["Människorna", "Platsen", "Att bidra"],
        "allow_na": True,
        "required": False,
    }
    other = DialogueFactory(organisation=survey.dialogue.organisation)
    [copy] = method.import_(other, data, owner)
    assert copy.status == "draft" and copy.stories.count() == 0
    assert method.export(other)["surveys"] == data["surveys"]


def test_method_import_is_all_or_nothing(survey, owner):
    data = method.export(survey.dialogue)
    data["surveys"].append(
        {
            "title": "Trasig",
            "prompt": "P",
            "signifiers": [{"kind": "triad", "prompt": "T", "labels": ["a", "b"]}],
        }
    )
    other = DialogueFactory(organisation=survey.dialogue.organisation)
    with pytest.raises(ValueError):
        method.import_(other, data, owner)
    assert not Survey.objects.filter(dialogue=other).exists()


def test_the_demo_survey_looks_real(dialogue, owner):
    demo.load(dialogue, owner)
    survey = Survey.objects.get(dialogue=dialogue)
    assert survey.prompt.startswith("Berätta om en gång när du kände dig hemma i Storby")
    kinds = [s.kind for s in survey.signifiers.all()]
    assert kinds.count("triad") == 2 and kinds.count("dyad") == 2 and "tags" in kinds
    assert survey.stories.count() == 40 and survey.is_open and survey.peek_enabled
    triad = survey.signifiers.first()
    weights = [a.weights for a in triad.answers.exclude(not_applicable=True)]
    assert len(weights) > 30
    assert len({round(w[0], 2) for w in weights}) > 20  # spread, not one point
