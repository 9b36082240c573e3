"""The documents built from a dialogue: the report (PDF/DOCX), the feedback leaflet for a local
newspaper (PDF, two columns) and the method guide (PDF). Each is a `reporting.Document` in the
dialogue's language, made of our own live results and the blocks other apps contribute
(`samrad/<app>/report.py: report_blocks`, `samrad/<app>/method.py: guide_blocks`)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from samrad.core import plugins, reporting
from samrad.core.reporting import (
    Bullets,
    Document,
    Heading,
    Image,
    PageBreak,
    Paragraph,
    Table,
)
from samrad.dialogues.models import Dialogue
from samrad.feedback import charts, public, selectors, summary
from samrad.live.models import Channel, QuestionKind, QuestionRole
from samrad.live.selectors import shown_responses

TEXT_ROWS = 300  # free-text answers listed per question in the report


def _label(row) -> str:
    return row["label"] if row.get("label") else _("Other")


def _number(value) -> str:
    if value is None:
        return "–"
    return formats.number_format(round(float(value), 1), use_l10n=True)


def question_blocks(item: dict, *, charts_on: bool = True, full_text: bool = False) -> list:
    """One question's result as blocks: its heading, how many answered, the chart or word
    cloud, then the table. The heading and the count are kept with the chart (`keep_with_next`),
    so a chart never starts a page without its question. Free text (open inputs, Q&A) is listed
    only with `full_text` (the report's appendix)."""
    question, results = item["question"], item["results"]
    kind = question.kind
    blocks: list = [Heading(question.prompt, level=4)]
    respondents = item["respondents"]
    count = Paragraph(_("Respondents: %(n)s") % {"n": respondents}, emphasis=True)
    blocks.append(count)
    if not respondents:
        return blocks
    alt = _("Bar chart: %(q)s") % {"q": question.prompt}
    if kind == QuestionKind.CHOICE:
        rows = results["rows"]
        if charts_on:
            png = charts.bar_chart(
                [_label(r) for r in rows], [r["count"] for r in rows], value_label=_("Answers")
            )
            blocks.append(Image(png, alt=alt))
        blocks.append(
            Table(
                [_("Option"), _("Answers"), _("Share")],
                [[_label(r), r["count"], f"{r['percent']} %"] for r in rows],
            )
        )
    elif kind == QuestionKind.SCALE:
        if charts_on:
            labels = [str(r["value"]) for r in results["rows"]]
            png = charts.bar_chart(
                labels, [r["count"] for r in results["rows"]], value_label=_("Answers")
            )
            blocks.append(Image(png, alt=alt))
        blocks.append(
            Paragraph(
                _("Mean %(mean)s, median %(median)s on a scale from %(low)s to %(high)s.")
                % {
                    "mean": _number(results["mean"]),
                    "median": _number(results["median"]),
                    "low": results["scale_min"],
                    "high": results["scale_max"],
                }
            )
        )
    elif kind in (QuestionKind.RANKING, QuestionKind.POINTS):
        value_key = "score" if kind == QuestionKind.RANKING else "total"
        header = _("Points")
        if charts_on:
            png = charts.bar_chart(
                [r["label"] for r in results["rows"]],
                [r[value_key] for r in results["rows"]],
                value_label=header,
            )
            blocks.append(Image(png, alt=alt))
        blocks.append(
            Table(
                [pgettext("rank", "Place"), _("Option"), header, _("Share")],
                [
                    [place, r["label"], r[value_key], f"{r['percent']} %"]
                    for place, r in enumerate(results["rows"], start=1)
                ],
            )
        )
    elif kind == QuestionKind.NUMERIC:
        blocks.append(
            Paragraph(
                _("Mean %(mean)s, median %(median)s, smallest %(min)s, largest %(max)s.")
                % {k: _number(results[k]) for k in ("mean", "median", "min", "max")}
            )
        )
    elif kind == QuestionKind.WORDCLOUD:
        terms = results["terms"]
        if charts_on and terms:
            png = charts.wordcloud_png({t["text"]: t["count"] for t in terms})
            blocks.append(Image(png, alt=_("Word cloud: %(q)s") % {"q": question.prompt}))
        blocks.append(Table([_("Word"), _("Count")], [[t["text"], t["count"]] for t in terms[:15]]))
    elif kind in (QuestionKind.OPEN, QuestionKind.QA):
        if item["by_kind"]:
            blocks.append(
                Paragraph(", ".join(f"{k['label']}: {k['count']}" for k in item["by_kind"]))
            )
        if full_text:
            texts = shown_responses(question).order_by("created_at", "id")[:TEXT_ROWS]
            if kind == QuestionKind.QA:
                rows = [[r.text, r.upvotes, r.reply] for r in texts]
                blocks.append(Table([_("Question"), _("Votes"), _("Reply")], rows))
            else:
                rows = [[r.text, r.get_input_kind_display()] for r in texts]
                blocks.append(Table([_("Input"), _("Type")], rows))
        else:
            blocks.append(Paragraph(_("Every answer is listed in the appendix."), emphasis=True))
    if len(blocks) > 2 and isinstance(blocks[2], Image):
        count.keep_with_next = True
    return blocks


def text_answer_blocks(dialogue: Dialogue) -> list:
    """The appendix's part from the live sessions: every shown free-text answer (open inputs
    and Q&A posts), question by question."""
    blocks: list = []
    for entry in selectors.dialogue_results(dialogue):
        for item in entry["questions"]:
            if item["question"].kind not in (QuestionKind.OPEN, QuestionKind.QA):
                continue
            if not item["respondents"]:
                continue
            blocks.append(Heading(f"{entry['session'].title}: {item['question'].prompt}", 3))
            blocks.extend(question_blocks(item, charts_on=False, full_text=True)[1:])
    return blocks


def live_blocks(dialogue: Dialogue, language: str, *, charts_on: bool = True) -> list:
    """Results per session (ours, in the report's 'live' place), then the meeting evaluations."""
    with translation.override(language):
        blocks: list = [Heading(_("Results per session"), level=2)]
        found = selectors.dialogue_results(dialogue)
        if not found:
            blocks.append(Paragraph(_("No session has been held yet.")))
        evaluation = []
        for entry in found:
            session = entry["session"]
            where = f" · {session.meeting.title}" if session.meeting else ""
            blocks.append(Heading(f"{session.title}{where}", level=3))
            count = entry["participants"]
            blocks.append(
                Paragraph(
                    ngettext("%(n)s participant.", "%(n)s participants.", count) % {"n": count},
                    emphasis=True,
                )
            )
            for item in entry["questions"]:
                blocks.extend(question_blocks(item, charts_on=charts_on))
                if item["question"].role == QuestionRole.EVALUATION:
                    evaluation.append((session, item))
        if evaluation:
            blocks.append(Heading(_("Evaluation of the meetings"), level=2))
            blocks.append(
                Table(
                    [_("Session"), _("Question"), _("Respondents"), _("Result")],
                    [
                        [s.title, i["question"].prompt, i["respondents"], _summary(i)]
                        for s, i in evaluation
                    ],
                )
            )
        return blocks


def _summary(item: dict) -> str:
    """One line for a result: the mean of a scale, the most chosen option of a choice."""
    results = item["results"]
    if results.get("mean") is not None:
        return _("mean %(mean)s") % {"mean": _number(results["mean"])}
    rows = results.get("rows") or []
    if rows:
        best = max(rows, key=lambda r: r.get("count", r.get("score", r.get("total", 0))))
        return f"{_label(best)} ({best.get('percent', 0)} %)"
    return ""


def participation_blocks(dialogue: Dialogue) -> list:
    numbers = selectors.participation(dialogue)
    channels = dict(Channel.choices)
    blocks: list = [Heading(_("Participation and reach"), level=2)]
    blocks.append(
        Paragraph(
            _(
                "Participants: %(participants)s. Sessions: %(sessions)s. Meetings held: "
                "%(held)s (open meetings: %(open)s, outreach: %(outreach)s)."
            )
            % {
                "participants": numbers["participants"],
                "sessions": numbers["sessions"],
                "held": numbers["meetings_held"],
                "open": numbers["open_meetings"],
                "outreach": numbers["outreach_meetings"],
            }
        )
    )
    if numbers["by_channel"]:
        blocks.append(
            Table(
                [_("Channel"), _("Participants")],
                [[str(channels.get(k, k)), n] for k, n in sorted(numbers["by_channel"].items())],
            )
        )
    meetings = list(dialogue.meetings.all())
    if meetings:
        blocks.append(
            Table(
                [_("Meeting"), _("Place"), _("Date"), _("Kind"), _("Participants")],
                [
                    [
                        m.title,
                        m.place,
                        formats.date_format(timezone.localtime(m.starts_at), "SHORT_DATE_FORMAT")
                        if m.starts_at
                        else "",
                        m.get_kind_display(),
                        sum(s.participants.count() for s in m.sessions.all()),
                    ]
                    for m in meetings
                ],
            )
        )
    return blocks


def contributed_blocks(chapter: Callable[..., Any], dialogue: Dialogue, language: str) -> list:
    """One app's chapter of the dialogue report (`samrad.core.plugins.REPORT_CHAPTERS`)."""
    with translation.override(language):
        return list(chapter(dialogue, language))


def _appendix_blocks(dialogue: Dialogue, language: str) -> list:
    """Every free-text answer and every written answer: what the chapters only count."""
    blocks = text_answer_blocks(dialogue)
    for appendix in plugins.REPORT_APPENDICES:
        blocks += contributed_blocks(appendix, dialogue, language)
    if not blocks:
        return []
    return [
        PageBreak(),
        Heading(_("Appendix: every answer"), level=2),
        Paragraph(
            _(
                "The free-text answers of the sessions and the inputs with their written answers, "
                "as the chapters above count them."
            )
        ),
        *blocks,
    ]


def _overview_blocks(dialogue: Dialogue) -> list:
    blocks: list = [Heading(_("Purpose"), level=2)]
    blocks.append(Paragraph(dialogue.description or _("No purpose written yet.")))
    phases = [p.name for p in dialogue.phases.all()]
    if phases:
        blocks += [Heading(_("Phases"), level=2), Bullets(phases)]
    return blocks


def lessons_blocks(dialogue: Dialogue) -> list:
    """The lessons learned: those of the plan's evaluation and the notes for the guide."""
    lessons = [
        f"{lesson.get_category_display()}: {lesson.text}" for lesson in dialogue.lessons.all()
    ]
    notes = getattr(dialogue, "guide_notes", None)
    if notes is not None:
        lessons += [line.strip("-• ") for line in notes.lessons.splitlines() if line.strip()]
    if not lessons:
        return []
    return [Heading(_("Lessons learned"), level=2), Bullets(lessons)]


def report_chapters(dialogue: Dialogue, language: str) -> list[tuple[str, Callable[[], list]]]:
    """The report after its summary page, chapter by chapter: (what is being built, builder).
    The background build reports its progress between them."""
    chapters: list[tuple[str, Callable[[], list]]] = [
        (_("Purpose"), lambda: _overview_blocks(dialogue)),
        (_("Participation and reach"), lambda: participation_blocks(dialogue)),
    ]
    names = {
        "planning": _("Plan and evaluation"),
        "live": _("Results per session"),
        "insights": _("Inputs and themes"),
        "workshops": _("Portfolio analysis"),
        "concerns": _("Concerns and actions"),
        "opinions": _("Opinion groups"),
        "signification": _("Stories"),
    }
    for contribution in plugins.REPORT_CHAPTERS.contributions():
        chapters.append(
            (
                names.get(contribution.app, contribution.app),
                partial(contributed_blocks, contribution.value, dialogue, language),
            )
        )
    chapters.append((_("Lessons learned"), lambda: lessons_blocks(dialogue)))
    chapters.append((_("Appendix: every answer"), lambda: _appendix_blocks(dialogue, language)))
    return chapters


WRITING_STEPS = 8  # how many chapters' worth of progress writing the PDF/DOCX counts for


def dialogue_report(dialogue: Dialogue, *, progress: Callable | None = None) -> Document:
    """The report for decision makers: a one-page summary, then the chapters, then the appendix
    with every answer. `progress(done, total, stage)` is called before each part (the summary
    is part 1; the caller's rendering to PDF/DOCX is counted as the last WRITING_STEPS)."""
    language = dialogue.language
    with translation.override(language):
        doc = Document(
            title=dialogue.title,
            language=language,
            subtitle=_("Dialogue report · %(organisation)s · %(date)s")
            % {
                "organisation": dialogue.organisation.name,
                "date": formats.date_format(timezone.localdate(), "DATE_FORMAT"),
            },
        )
        chapters = report_chapters(dialogue, language)
        # the summary, the chapters, then writing the file (weighted: it takes about as long
        # as all the chapters together; the demo: 10 s of chapters, 8 s of PDF)
        total = len(chapters) + 1 + WRITING_STEPS
        if progress:
            progress(0, total, _("Summary"))
        doc.add(*summary.summary_blocks(dialogue), PageBreak())
        for done, (stage, build) in enumerate(chapters, start=1):
            if progress:
                progress(done, total, stage)
            doc.add(*build())
        if progress:
            progress(len(chapters) + 1, total, _("Writing the file"))
        return doc


# --- The leaflet ---------------------------------------------------------------------------

# Two columns filled one after the other (column-fill: auto): WeasyPrint balances columns
# (the default) by laying their content out again and again, 8.4 s for the demo's two pages
# against 0.3 s (bench/leaflet_columns.py).
LEAFLET_CSS = (
    reporting.CSS
    + """
@page { size: A4; margin: 1.4cm 1.4cm 1.6cm; }
body { font-size: 9.5pt; column-count: 2; column-fill: auto; column-gap: 1cm;
       column-rule: 1px solid #c9d6e2; }
h1 { column-span: all; font-size: 26pt; }
.subtitle { column-span: all; font-size: 13pt; }
h2 { font-size: 13pt; break-after: avoid; }
h3 { font-size: 10.5pt; break-after: avoid; }
table { font-size: 8.5pt; break-inside: avoid; }
img { break-inside: avoid; }
"""
)


def leaflet(dialogue: Dialogue, *, public_url: str = "") -> Document:
    """One A4 page or two for a newspaper insert: what we asked, who came, the main results,
    the themes answered and the next steps."""
    language = dialogue.language
    page = selectors.page_of(dialogue)
    with translation.override(language):
        doc = Document(
            title=dialogue.title,
            language=language,
            subtitle=_("Feedback: what you told us and what happens next"),
        )
        if page and page.intro:
            doc.add(Paragraph(page.intro))
        elif dialogue.description:
            doc.add(Paragraph(dialogue.description))
        numbers = selectors.participation(dialogue)
        doc.add(Heading(_("Who took part"), level=2))
        doc.add(
            Paragraph(
                _("Participants: %(participants)s. Meetings held: %(held)s.")
                % {"participants": numbers["participants"], "held": numbers["meetings_held"]}
            )
        )
        results = public.dialogue_results(dialogue)
        asked = [
            item["question"].prompt
            for entry in results
            for item in entry["questions"]
            if item["question"].role != QuestionRole.COMPOSITION
        ]
        if asked:
            doc.add(Heading(_("What we asked"), level=2), Bullets(asked))
        doc.add(Heading(_("Main results"), level=2))
        for entry in results:
            for item in entry["questions"]:
                question = item["question"]
                if not item["charted"] or not item["respondents"]:
                    continue
                if question.role == QuestionRole.COMPOSITION:
                    continue
                doc.add(Heading(question.prompt, level=3))
                if item["withheld"]:
                    doc.add(Paragraph(_withheld(item["minimum"])))
                else:
                    doc.add(*_leaflet_result(item))
        doc.add(*leaflet_answer_blocks(dialogue))
        doc.add(Heading(_("What happens next"), level=2))
        doc.add(Paragraph(page.next_steps if page and page.next_steps else _("To be decided.")))
        if (page and page.contact) or public_url:
            doc.add(Heading(_("Contact"), level=2))
            if page and page.contact:
                doc.add(Paragraph(page.contact))
            if public_url:
                doc.add(Paragraph(_("Read more: %(url)s") % {"url": public_url}))
        return doc


def _withheld(minimum: int) -> str:
    return ngettext(
        "Result not shown: fewer than %(n)s person answered.",
        "Result not shown: fewer than %(n)s people answered.",
        minimum,
    ) % {"n": minimum}


def leaflet_answer_blocks(dialogue: Dialogue) -> list:
    """The public answers under their themes (only what the public page shows)."""
    groups = public.answers_by_theme(dialogue)
    if not groups:
        return []
    blocks: list = [Heading(_("Your questions and our answers"), level=2)]
    for group in groups:
        blocks.append(Heading(group.theme.name if group.theme else _("Other questions"), level=3))
        blocks.append(
            Table(
                [_("Input"), _("Answer")],
                [[item.text, item.answer] for item in group.inputs],
            )
        )
    return blocks


def _leaflet_result(item: dict) -> list:
    results, kind = item["results"], item["question"].kind
    if kind == QuestionKind.WORDCLOUD:
        terms = results["terms"]
        if not terms:
            return [Paragraph(_("No word was used by enough people to be shown."))]
        png = charts.wordcloud_png({t["text"]: t["count"] for t in terms}, width=700, height=380)
        return [
            Image(png, alt=_("Word cloud: %(q)s") % {"q": item["question"].prompt}, width_cm=8),
            Paragraph(", ".join(f"{t['text']} ({t['count']})" for t in terms[:8])),
        ]
    if kind in (QuestionKind.SCALE, QuestionKind.NUMERIC):
        n = item["respondents"]
        return [
            Paragraph(
                _summary(item) + " · " + ngettext("%(n)s answer", "%(n)s answers", n) % {"n": n}
            )
        ]
    rows = [r for r in results.get("rows", []) if r.get("label") or r.get("count")][:4]
    key = {"ranking": "score", "points": "total"}.get(kind, "count")
    return [Bullets([f"{_label(r)}: {r[key]} ({r['percent']} %)" for r in rows])]


def leaflet_html(dialogue: Dialogue, *, public_url: str = "") -> str:
    return reporting.render_html(leaflet(dialogue, public_url=public_url), css=LEAFLET_CSS)


def leaflet_pdf(dialogue: Dialogue, *, public_url: str = "") -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # As reporting.render_pdf, with our two-column style: only our embedded data: images.
    fetcher = URLFetcher(allowed_protocols={"data"})
    html = leaflet_html(dialogue, public_url=public_url)
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


# --- The method guide ----------------------------------------------------------------------


def guide(dialogue: Dialogue) -> Document:
    language = dialogue.language
    with translation.override(language):
        doc = Document(
            title=_("Method guide: %(title)s") % {"title": dialogue.title},
            language=language,
            subtitle=_("How %(organisation)s ran this dialogue, for others to reuse")
            % {"organisation": dialogue.organisation.name},
        )
        doc.add(Heading(_("Purpose"), level=2))
        doc.add(Paragraph(dialogue.description or _("No purpose written yet.")))
        doc.add(Heading(_("Phases"), level=2))
        doc.add(Bullets([f"{i}. {p.name}" for i, p in enumerate(dialogue.phases.all(), 1)]))
        numbers = selectors.participation(dialogue)
        doc.add(Heading(_("Meetings"), level=2))
        doc.add(
            Paragraph(
                _("Open meetings: %(open)s. Outreach meetings: %(outreach)s.")
                % {"open": numbers["open_meetings"], "outreach": numbers["outreach_meetings"]}
            )
        )
        doc.add(Heading(_("Session templates"), level=2))
        for session in selectors.method_sessions(dialogue):
            doc.add(Heading(session.title, level=3))
            rows = [
                [
                    i,
                    q.prompt,
                    q.get_kind_display(),
                    ", ".join(c.label for c in q.choices.all()),
                ]
                for i, q in enumerate(session.questions.all(), 1)
            ]
            doc.add(Table(["#", _("Question"), _("Type"), _("Options")], rows))
        for part in plugins.METHOD_PARTS:
            if hasattr(part, "guide_blocks"):
                doc.add(*part.guide_blocks(dialogue, language))
        notes = getattr(dialogue, "guide_notes", None)
        doc.add(Heading(_("Lessons learned"), level=2))
        lessons = notes.lessons.strip() if notes else ""
        if lessons:
            doc.add(Bullets([line.strip("-• ") for line in lessons.splitlines() if line.strip()]))
        else:
            doc.add(Paragraph(_("No lessons written yet.")))
        doc.add(Heading(_("Start your own dialogue from this one"), level=2))
        doc.add(
            Paragraph(
                _(
                    "Ask %(organisation)s for the method template (a .json file) and import it "
                    "in Samråd: you get the phases, the sessions with their questions and the "
                    "other parts above, ready to adapt."
                )
                % {"organisation": dialogue.organisation.name}
            )
        )
        return doc
