"""Q&A: participants post questions to the panel and upvote each other's; the facilitator
moderates (approve, hide, answer, reply, pin one to the projector, merge duplicates).

A post is a `Response` with `text`; `moderation` says whether it is shown (a pre-moderated
question's posts wait for approval and are seen only by their author and the facilitator),
`merged_into` takes a duplicate out of every list, `upvotes` is the denormalised count of its
`Upvote` rows (kept by `services.qa_upvote` / `qa_unvote` / `qa_merge`).
"""

from typing import Any

from django.db.models import Count, Exists, F, Max, OuterRef, Q, QuerySet, Sum

from samrad.live import events
from samrad.live.kinds.base import Answer, Kind, clean_text
from samrad.live.models import Moderation, Participant, Question, Response, Upvote

POPULAR, NEWEST = "popular", "newest"
SORTS = (POPULAR, NEWEST)
# The projector shows the pinned post and this many more; phones list up to PHONE_LIMIT.
STAGE_LIMIT = 8
PHONE_LIMIT = 100
# A facilitator's reply is a line under the post, not an essay.
REPLY_LIMIT = 280

ORDER = {
    POPULAR: ("-upvotes", "-created_at", "-id"),
    NEWEST: ("-created_at", "-id"),
}


def sort_or_default(sort: str | None) -> str:
    return sort if sort in SORTS else POPULAR


def post_row(post: Response, *, pinned_id: int | None) -> dict[str, Any]:
    """One post as plain data, shared by the phone, the projector and the API."""
    return {
        "id": post.pk,
        "text": post.text,
        "upvotes": post.upvotes,
        "answered": post.answered,
        "reply": post.reply,
        "pinned": post.pk == pinned_id,
        "pending": post.moderation == Moderation.PENDING,
        "own": False,
        "upvoted": bool(getattr(post, "upvoted", False)),
    }


def stamp(question: Question) -> str:
    """Changes whenever a post of the question changes (new, moderated, voted, replied,
    merged) or the question's pin or pre-moderation does. The moderation panel carries the
    stamp it was drawn from and refetches itself only when the stage announces another."""
    totals = Response.objects.filter(question=question).aggregate(
        n=Count("id"),
        changed=Max("updated_at"),  # upvotes change the count without touching this
        votes=Sum("upvotes"),
        where=Sum(F("upvotes") * F("id")),  # a vote moved from one post to another
    )
    changed = totals["changed"].isoformat() if totals["changed"] else "-"
    return ".".join(
        str(part)
        for part in (
            totals["n"],
            changed,
            totals["votes"] or 0,
            totals["where"] or 0,
            question.pinned_id or "-",
            int(question.premoderated),
        )
    )


def posts(
    question: Question,
    *,
    participant: Participant | None = None,
    sort: str = POPULAR,
    limit: int | None = PHONE_LIMIT,
) -> list[dict[str, Any]]:
    """The list a participant sees: shown posts plus their own waiting for approval, the
    pinned one first, then by upvotes (ties: newest first) or newest first."""
    visible = Q(moderation=Moderation.APPROVED)
    found = Response.objects.filter(question=question, merged_into__isnull=True)
    if participant is not None:
        visible |= Q(moderation=Moderation.PENDING, participant=participant)
        found = found.annotate(
            upvoted=Exists(Upvote.objects.filter(response=OuterRef("pk"), participant=participant))
        )
    found = found.filter(visible)
    # The pinned post first (even when it would be past the limit), then the order asked for.
    pinned = list(found.filter(pk=question.pinned_id)) if question.pinned_id else []
    rest = (found.exclude(pk=question.pinned_id) if question.pinned_id else found).order_by(
        *ORDER[sort_or_default(sort)]
    )
    rows = []
    for post in [*pinned, *rest[:limit]]:
        row = post_row(post, pinned_id=question.pinned_id)
        row["own"] = participant is not None and post.participant_id == participant.pk
        rows.append(row)
    return rows


class QaKind(Kind):
    name = "qa"
    single_answer = False

    def clean(self, question: Question, answer: Answer) -> dict[str, Any]:
        moderation = Moderation.PENDING if question.premoderated else Moderation.APPROVED
        return {"text": clean_text(answer.text), "moderation": moderation}

    def results(self, question: Question, responses: QuerySet[Response]) -> dict[str, Any]:
        visible = responses.filter(moderation=Moderation.APPROVED, merged_into__isnull=True)
        totals = visible.aggregate(
            entries=Count("id"), respondents=Count("participant", distinct=True)
        )
        pinned = visible.filter(pk=question.pinned_id).first() if question.pinned_id else None
        rest = visible.exclude(pk=pinned.pk) if pinned else visible
        top = [post_row(p, pinned_id=None) for p in rest.order_by(*ORDER[POPULAR])[:STAGE_LIMIT]]
        return {
            "kind": self.name,
            "respondents": totals["respondents"],
            "entries": totals["entries"],
            "pinned": post_row(pinned, pinned_id=pinned.pk) if pinned else None,
            "posts": top,
            "more": max(0, totals["entries"] - len(top) - (1 if pinned else 0)),
            "stamp": stamp(question),
        }

    def phone_context(
        self, question: Question, participant: Participant, own: list[Response]
    ) -> dict[str, Any]:
        return {
            "posts": posts(question, participant=participant, sort=POPULAR),
            "sort": POPULAR,
            "sorts": SORTS,
        }

    def phone_events(self, question: Question, response: Response) -> list[dict[str, Any]]:
        # A post waiting for approval is seen by its author only, who has it already.
        if response.moderation != Moderation.APPROVED:
            return []
        return [events.qa_event(question)]
