"""Issue 13: the phone's dot-vote list keeps its order while people vote (it does not re-sort
by dots under the voter's finger); the projector still ranks by dots."""

from django.urls import reverse

from samrad.concerns import selectors, services
from tests.concerns.conftest import go, groups, phone_in
from tests.concerns.test_views import HTMX, phone_client


def _order(html: str, texts: list[str]) -> list[str]:
    listed = html[html.index('class="vote-list"') :]  # not the "Dot given: …" message
    return sorted(texts, key=lambda text: listed.index(text))


def test_giving_dots_does_not_reorder_the_phones_list(client, workshop):
    step = go(workshop, "concerns.ideas")
    group = groups(workshop)[0]
    texts = ["Första idén", "Andra idén", "Tredje idén"]
    ideas = [services.idea_add(workshop=workshop, group=group, text=t, step=step) for t in texts]
    vote = go(workshop, "concerns.vote")
    other = phone_in(workshop)
    for idea in ideas[1:]:  # someone else puts dots on the two later ideas
        services.dot_add(workshop=workshop, step=vote, participant=other, idea=idea)
    phone = phone_in(workshop)
    phone_client(client, workshop, phone)
    url = reverse("concerns:phone_command", args=[workshop.pk, vote.pk, "dot"])
    for n, idea in enumerate(reversed(ideas)):
        page = client.post(
            url, {"idea": idea.pk, "client_id": f"7c1e1c1e-0000-4000-8000-00000000001{n}"}, **HTMX
        ).content.decode()
        assert _order(page, texts) == texts
    screen = reverse("concerns:phone_screen", args=[workshop.pk, vote.pk])
    assert _order(client.get(screen).content.decode(), texts) == texts
    # The projector still ranks by dots (tests/concerns/test_services.py, ranking test).
    sections = selectors.ranked_sections(workshop=workshop, step=vote)
    assert [e["idea"].text for e in sections[0]["ideas"]][0] != "Första idén"
