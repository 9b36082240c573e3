"""The dialogue report's one-page summary (issue 13 item 12): who took part against the target
groups, the goal matrix's verdict, the five strongest themes with their counts (published
answers counted through feedback/public.py), decisions and actions; then the chapters, with
the portfolio analysis, opinion groups and lessons learned, and every answer in the appendix."""

from datetime import date

import pytest
from django.utils import timezone, translation

from samrad.concerns import services as concerns
from samrad.core import reporting
from samrad.core.reporting import Group, Heading, Image, PageBreak, Paragraph, Table
from samrad.feedback import charts, documents, services, summary
from samrad.insights import services as insights
from samrad.insights.models import Input, InputChannel
from samrad.planning import services as planning
from tests.planning.test_method import planned_dialogue

pytestmark = pytest.mark.django_db


def texts(blocks) -> list[str]:
    """Every text of the blocks, groups opened, tables cell by cell."""
    out = []
    for block in blocks:
        if isinstance(block, Group):
            out += texts(block.blocks)
        elif isinstance(block, Heading | Paragraph):
            out.append(block.text)
        elif isinstance(block, Table):
            out += [str(h) for h in block.headers]
            out += [str(cell) for row in block.rows for cell in row]
        elif isinstance(block, reporting.Bullets):
            out += block.items
    return out


@pytest.fixture
def planned():
    """The planning tests' dialogue (target group "Unga", 2 of 2 measures met), with six coded
    themes, a draft and a published answer, two decisions and seven actions."""
    dialogue = planned_dialogue()
    themes = {}
    for n, name in enumerate(["Trafik", "Skola", "Parker", "Bostäder", "Kultur", "Idrott"]):
        themes[name] = insights.theme_create(dialogue=dialogue, name=name)
        for i in range(6 - n):
            item = Input.objects.create(
                dialogue=dialogue,
                text=f"{name} {i}",
                channel=InputChannel.IMPORT,
                created_at=timezone.now(),
            )
            insights.input_code(input=item, theme=themes[name])
    traffic = list(Input.objects.filter(text__startswith="Trafik"))
    insights.input_answer(input=traffic[0], answer="Fler bussar.")
    insights.input_publish(input=traffic[0])
    insights.input_answer(input=traffic[1], answer="Utkast, inte publicerat.")
    planning.decision_create(
        dialogue=dialogue,
        decided_on=date(2026, 3, 2),
        body="Kommunstyrelsen",
        decision="Dialogen startar.",
        actor=None,
    )
    planning.decision_create(
        dialogue=dialogue,
        decided_on=date(2026, 4, 2),
        body="Kommunfullmäktige",
        decision="Återkoppling i juni.",
        actor=None,
    )
    for i in range(7):
        concerns.action_create(dialogue=dialogue, what=f"Åtgärd {i}", owner_name="Gatukontoret")
    return dialogue


def test_summary_has_reach_verdict_top_five_themes_decisions_and_actions(planned):
    with translation.override("en"):
        blocks = summary.summary_blocks(planned)
    assert len(blocks) == 1 and blocks[0].css_class == "summary"  # the one-page style
    found = texts(blocks)
    assert found[0] == "Summary"
    # who took part, against the target group "Unga" (goal 200, 1 reached)
    assert "Unga" in found and "200" in found
    assert found[found.index("Goal matrix") + 1] == "2 of 2 met"
    # the five strongest themes, most inputs first; the sixth is pointed to
    table = next(b for b in blocks[0].blocks if isinstance(b, Table) and b.headers[0] == "Theme")
    assert [row[:2] for row in table.rows] == [
        ["Trafik", "6"],
        ["Skola", "5"],
        ["Parker", "4"],
        ["Bostäder", "3"],
        ["Kultur", "2"],
    ]
    # a draft answer is not a published one (feedback/public.py decides)
    assert table.rows[0][2] == "1"
    assert "1 more in the chapter “Inputs and themes”." in found
    assert any("Kommunstyrelsen: Dialogen startar." in t for t in found)
    assert "Åtgärd 0" in found and "Åtgärd 5" in found and "Åtgärd 6" not in found
    assert "1 more in the chapter “Concerns and actions”." in found


def test_summary_of_an_empty_dialogue_says_what_is_missing():
    from tests.factories import DialogueFactory

    with translation.override("en"):
        found = texts(summary.summary_blocks(DialogueFactory()))
    for text in (
        "No target groups set in the plan.",
        "No measures in the goal matrix yet.",
        "No inputs have been given a theme yet.",
        "No decisions recorded yet.",
        "No actions yet.",
    ):
        assert text in found


def test_report_opens_with_the_summary_page_then_chapters_then_the_appendix(planned):
    planned.language = "en"
    planned.save()
    steps = []
    doc = documents.dialogue_report(planned, progress=lambda *args: steps.append(args))
    assert isinstance(doc.blocks[0], Group) and isinstance(doc.blocks[1], PageBreak)
    headings = [b.text for b in doc.blocks if isinstance(b, Heading) and b.level == 2]
    assert headings.index("Plan and evaluation") < headings.index("Inputs and themes")
    assert headings.index("Inputs and themes") < headings.index("Lessons learned")
    assert headings[-1] == "Appendix: every answer"
    # the answered inputs are listed in the appendix only, drafts marked by being there at all
    appendix = doc.blocks.index(
        next(b for b in doc.blocks if b == Heading("Appendix: every answer", 2))
    )
    assert "Fler bussar." in texts(doc.blocks[appendix:])
    assert "Fler bussar." not in texts(doc.blocks[:appendix])
    # the plan's lessons are in their own chapter, not twice
    assert sum(1 for b in doc.blocks if isinstance(b, Heading) and b.text == "Lessons learned") == 1
    # progress: from 0 to the last part, every chapter named, in order
    done = [s[0] for s in steps]
    assert done == sorted(done) and done[0] == 0
    assert steps[-1][2] == "Writing the file"  # then the file: the rest of the way
    assert steps[0][1] - done[-1] == documents.WRITING_STEPS
    assert "Inputs and themes" in [s[2] for s in steps]


def test_lessons_chapter_has_the_plans_lessons_and_the_guide_notes(planned):
    services.notes_save(actor=None, dialogue=planned, lessons="- Börja tidigt\n- Fråga unga")
    with translation.override("en"):
        blocks = documents.lessons_blocks(planned)
    found = texts(blocks)
    assert found[0] == "Lessons learned"
    assert "Börja tidigt" in found and "Fråga unga" in found
    assert "Goals and evaluation: Målmatris först." in found  # the plan's lesson


def test_theme_chart_is_in_the_chapter_and_counts_are_whole_numbers(planned):
    from samrad.insights.report import report_blocks

    blocks = report_blocks(planned, "en", answers=False)
    assert any(isinstance(b, Image) for b in blocks)
    assert not any(isinstance(b, Table) and b.headers[0] == "Type" for b in blocks)


@pytest.mark.parametrize(
    ("language", "value", "text"),
    [
        ("sv", 3.5, "3,5"),
        ("nb", 4.25, "4,2"),
        ("en", 3.5, "3.5"),
        ("sv", 4.0, "4"),
        ("da", 1200, "1.200"),
    ],
)
def test_chart_numbers_are_written_as_the_language_writes_them(language, value, text):
    with translation.override(language):
        assert charts.number(value) == text


def test_bar_chart_axis_has_whole_numbers_only(monkeypatch):
    """Three answers: the count axis reads 0 1 2 3, not 0.0 0.5 1.0 …"""
    ticks = {}

    from samrad.core import reporting as core_reporting

    real = core_reporting.chart_png

    def spy(draw, **kwargs):
        def wrapped(fig, ax):
            draw(fig, ax)
            fig.canvas.draw()
            ticks["x"] = [t.get_text() for t in ax.get_xticklabels()]

        return real(wrapped, **kwargs)

    monkeypatch.setattr(charts, "chart_png", spy)
    charts._bar_chart.cache_clear()  # drawn here, not taken from the charts kept
    with translation.override("sv"):
        charts.bar_chart(["Ja", "Nej"], [3, 1], value_label="Svar")
    assert ticks["x"] and all("," not in t and "." not in t for t in ticks["x"])
    assert "1" in ticks["x"] and "3" in ticks["x"]


def test_a_chart_is_drawn_once_per_language_and_again_when_what_it_shows_changes(monkeypatch):
    from samrad.core import reporting as core_reporting

    drawn = []

    def counting(draw, **kwargs):
        drawn.append(1)
        return core_reporting.chart_png(draw, **kwargs)

    monkeypatch.setattr(charts, "chart_png", counting)
    charts._bar_chart.cache_clear()
    with translation.override("sv"):
        first = charts.bar_chart(["Ja", "Nej"], [2.5, 1])
        assert charts.bar_chart(["Ja", "Nej"], [2.5, 1]) == first
    assert len(drawn) == 1
    with translation.override("en"):  # "2.5", not "2,5": drawn again
        assert charts.bar_chart(["Ja", "Nej"], [2.5, 1]) != first
    with translation.override("sv"):
        charts.bar_chart(["Ja", "Nej"], [2.5, 2])
        charts.bar_chart(["Ja", "Nej"], [2.5, 1], value_label="Svar")
    assert len(drawn) == 4


def test_portfolio_analysis_chapter_has_each_mapping_workshops_analysis():
    from samrad.accounts.models import Role
    from samrad.workshops import report as workshop_report
    from samrad.workshops import services as workshops
    from samrad.workshops.mapping import services as ms
    from tests.factories import DialogueFactory, member_of

    dialogue = DialogueFactory(language="sv")
    runner = member_of(dialogue.organisation, Role.FACILITATOR)
    workshop = workshops.workshop_create(dialogue, "mapping", runner)
    for name in ["Trygga skolvägar", "Fritidsbanken", "Seniorcafé"]:
        ms.project_add(workshop=workshop, actor=runner, name=name)
    safety = workshop.framework.images.first()
    for project in workshop.projects.all():
        ms.placement_place(project=project, image=safety, actor=runner)
    found = texts(workshop_report.report_blocks(dialogue, "en"))
    assert found[:2] == ["Portfolio analysis", workshop.title]
    assert "Over-represented: Trygghet" in found
    assert any(text.startswith("Gaps: ") and "Smidighet" in text for text in found)
    # the rule's numbers in the report's language: "1.5 × an even share (1.5 of 3 …)"
    swedish = texts(workshop_report.report_blocks(dialogue, "sv"))
    assert any("(1,5 av 3 placeringar)" in text for text in swedish)


def test_no_portfolio_chapter_without_a_mapping_workshop():
    from samrad.workshops import report as workshop_report
    from tests.factories import DialogueFactory

    assert workshop_report.report_blocks(DialogueFactory(), "en") == []


def test_opinion_groups_chapter_hides_groups_under_the_threshold():
    from samrad.opinions import report_chapter as opinions_report
    from samrad.opinions import selectors as opinions
    from samrad.opinions import services as statements
    from samrad.opinions.analysis.synthetic import planted_votes
    from samrad.opinions.models import StatementVote
    from tests.factories import OpenSessionFactory, ParticipantFactory, QuestionFactory

    session = OpenSessionFactory()
    question = QuestionFactory(session=session, kind="statements", prompt="Storby 2030")
    planted = planted_votes(
        participants=40, statements=12, groups=2, fill=0.9, consensus=2, sizes=[0.8, 0.2]
    )
    seeded = [
        statements.statement_seed(question=question, text=f"Påstående {i}") for i in range(12)
    ]
    people = [ParticipantFactory(session=session) for _ in range(40)]
    StatementVote.objects.bulk_create(
        StatementVote(statement=seeded[s], participant=people[p], value=v)
        for p, s, v in zip(planted.participants, planted.statements, planted.votes, strict=True)
    )
    sizes = sorted(group.size for group in opinions.question_analysis(question=question).groups)
    assert len(sizes) == 2
    session.min_group_size = sizes[0] + 1  # the smaller group is under the threshold
    session.save()
    blocks = opinions_report.report_blocks(session.dialogue, "en")
    found = texts(blocks)
    assert found[:2] == ["Opinion groups", "Storby 2030"]
    table = next(b for b in blocks if isinstance(b, Table))
    assert [row[1] for row in table.rows] == [sizes[1]]  # only the group large enough
    assert f"1 group with fewer than {sizes[0] + 1} people is not shown." in found
    assert "Common ground" in found and "Påstående 0" in found


def test_no_opinion_chapter_without_votes():
    from samrad.opinions import report_chapter as opinions_report
    from tests.factories import DialogueFactory

    assert opinions_report.report_blocks(DialogueFactory(), "en") == []
