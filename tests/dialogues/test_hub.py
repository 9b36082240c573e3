"""The dialogue page as a hub: stages, key numbers, the meeting form's prefix, unique ids."""

from collections import Counter
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import timezone

from samrad.accounts.models import Role
from samrad.dialogues import services
from samrad.dialogues.selectors import dialogue_key_numbers
from tests.factories import DialogueFactory, ParticipantFactory, SessionFactory, member_of

pytestmark = pytest.mark.django_db

STAGES = ["Plan", "Meet", "Make sense", "Feed back and report"]


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.stage_headings: list[str] = []
        self._in_stage_heading = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "h2" and "stage-heading" in (attrs.get("class") or ""):
            self._in_stage_heading = True
            self.stage_headings.append("")

    def handle_endtag(self, tag):
        if tag == "h2":
            self._in_stage_heading = False

    def handle_data(self, data):
        if self._in_stage_heading:
            self.stage_headings[-1] += data


def parse(html: str) -> _Ids:
    parser = _Ids()
    parser.feed(html)
    return parser


def busy_dialogue():
    """Two sessions with 3 + 2 participants, a third session in another dialogue; two
    meetings held and one to come."""
    dialogue = DialogueFactory()
    first, second = SessionFactory(dialogue=dialogue), SessionFactory(dialogue=dialogue)
    for session, people in ((first, 3), (second, 2)):
        ParticipantFactory.create_batch(people, session=session)
    ParticipantFactory.create_batch(4, session=SessionFactory())
    now = timezone.now()
    for days in (-20, -1, 7):
        services.meeting_create(
            dialogue=dialogue, title=f"Möte {days}", starts_at=now + timedelta(days=days)
        )
    services.meeting_create(dialogue=dialogue, title="Datum ej satt")
    return dialogue


def test_key_numbers_count_participants_across_sessions_and_meetings_held():
    assert dialogue_key_numbers(dialogue=busy_dialogue()) == {
        "participants": 5,
        "sessions": 2,
        "meetings_held": 2,
        "meetings": 4,
    }


def test_the_page_shows_the_four_stages_in_order_and_the_key_numbers(client):
    dialogue = busy_dialogue()
    client.force_login(member_of(dialogue.organisation))
    html = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    page = parse(html)
    assert [" ".join(h.split()[1:]) for h in page.stage_headings] == STAGES
    assert 'data-testid="participants">5<' in html
    assert 'data-testid="sessions">2<' in html
    assert 'data-testid="meetings-held">2<' in html
    for anchor in ("stage-plan", "stage-meet", "stage-sense", "stage-report", "edit-heading"):
        assert f'href="#{anchor}"' in html and f'id="{anchor}"' in html


@pytest.mark.parametrize("role", [Role.FACILITATOR, Role.VIEWER])
def test_no_duplicate_ids_on_the_page(client, role):
    dialogue = busy_dialogue()
    client.force_login(member_of(dialogue.organisation, role))
    html = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    duplicates = [i for i, n in Counter(parse(html).ids).items() if n > 1]
    assert duplicates == []
    if role == Role.FACILITATOR:
        assert 'id="id_title"' in html and 'id="id_meeting-title"' in html
    else:
        assert 'id="id_meeting-title"' not in html and 'href="#edit-heading"' not in html


def test_the_meeting_form_posts_with_its_prefix_and_keeps_the_dialogue(client):
    dialogue = DialogueFactory(title="Storby 2030")
    client.force_login(member_of(dialogue.organisation))
    url = reverse("dialogues:detail", args=[dialogue.pk])
    response = client.post(
        url,
        {
            "save_meeting": "1",
            "meeting-title": "Öppet möte i Norrby",
            "meeting-place": "Norrby skola",
            "meeting-kind": "open",
            "meeting-starts_at": "2026-03-04T18:00",
        },
    )
    assert response.status_code == 302
    meeting = dialogue.meetings.get()
    assert (meeting.title, meeting.place) == ("Öppet möte i Norrby", "Norrby skola")
    dialogue.refresh_from_db()
    assert dialogue.title == "Storby 2030"

    # Without a title the form comes back open with its error; nothing else is saved.
    response = client.post(url, {"save_meeting": "1", "meeting-title": "", "meeting-kind": "open"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '<details class="hub-details" open>' in html
    assert html.count('class="field has-error"') == 1
    assert '<label for="id_meeting-title">' in html
    assert dialogue.meetings.count() == 1


def test_an_invalid_dialogue_form_opens_the_settings(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    response = client.post(
        reverse("dialogues:detail", args=[dialogue.pk]),
        {"save_dialogue": "1", "title": "", "language": "sv"},
    )
    assert 'id="settings" open' in response.content.decode()


def test_the_main_navigation_marks_where_the_facilitator_is(client):
    dialogue = DialogueFactory()
    client.force_login(member_of(dialogue.organisation))
    detail = client.get(reverse("dialogues:detail", args=[dialogue.pk])).content.decode()
    listing = client.get(reverse("dialogues:list")).content.decode()
    assert f'href="{reverse("dialogues:list")}" aria-current="true"' in detail
    assert f'href="{reverse("dialogues:list")}" aria-current="page"' in listing
