"""Word cloud: entries of 1–3 words, a few per participant, counted as the textanalysis says."""

import uuid
from typing import Any

from django.conf import settings
from django.db.models import Count, QuerySet

from samrad.insights.textanalysis.wordcloud import Term, count_terms, entry_is_valid
from samrad.live.errors import Refused
from samrad.live.kinds.base import Answer, Kind, clean_text
from samrad.live.models import Participant, Question, Response


class WordcloudKind(Kind):
    name = "wordcloud"
    single_answer = False

    def write(
        self,
        question: Question,
        participant: Participant,
        fields: dict[str, Any],
        *,
        channel: str,
        client_id: uuid.UUID | None,
    ) -> Response:
        used = Response.objects.filter(question=question, participant=participant).count()
        if used >= question.max_entries:
            raise Refused("limit_reached")
        # The slot makes a concurrent extra entry collide in the database, not slip through.
        return Response.objects.create(
            question=question,
            participant=participant,
            slot=used,
            channel=channel,
            client_id=client_id,
            **fields,
        )

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        limit = settings.SAMRAD_MAX_TEXT_LENGTH
        entry = clean_text(answer.words, limit=limit)
        reason = entry_is_valid(entry, max_words=question.max_words, max_length=limit)
        if reason:
            raise Refused(reason, limit=question.max_words if reason == "too_many_words" else limit)
        return {"text": entry}

    def terms(self, question: Question, entries: list[str]) -> list[Term]:
        """The question's terms: entries grouped by lemma, less the forms the facilitator split
        apart (`Question.terms_apart`); equal counts in the order they first appeared. The one
        way this question's entries are counted (projector, phones, exports, reports, public
        page, the facilitator's word groups)."""
        return count_terms(
            entries,
            question.session.dialogue.language,
            ties="first",
            apart=question.terms_apart or (),
        )

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        # Every term (the projector shows as many as fit, the exports all of them).
        entries = list(responses.order_by("id").values_list("text", flat=True))
        terms = self.terms(question, entries)
        top = terms[0].count if terms else 0
        cloud = [
            {"text": t.text, "count": t.count, "size": 1 + round(5 * t.count / top)} for t in terms
        ]
        respondents = responses.aggregate(n=Count("participant", distinct=True))["n"]
        return {
            "kind": self.name,
            "respondents": respondents,
            "entries": len(entries),
            "terms": cloud,
        }

    def own_summary(self, question: Question, own: list[Response]) -> dict[str, Any]:
        return {"entries_left": max(0, question.max_entries - len(own))}
