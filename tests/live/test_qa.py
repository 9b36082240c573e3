"""Q&A: posting, pre-moderation, upvotes (once each, also under concurrency), merging,
pinning, replies, the events that tell phones and projectors, and who may moderate."""

import threading

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import close_old_connections, connection
from django.urls import reverse

from config.asgi import application
from samrad.accounts.models import Role
from samrad.live import events, selectors, services
from samrad.live.errors import Refused
from samrad.live.kinds import Answer
from samrad.live.models import Moderation, Response, SessionStatus, Upvote
from samrad.live.tokens import cookie_name, participant_token
from tests.factories import FacilitatorFactory, ParticipantFactory, QuestionFactory, member_of

pytestmark = pytest.mark.django_db


def qa_question(**fields):
    question = QuestionFactory(kind="qa", **fields)
    question.session.current_question = question
    question.session.save()
    return question


def post(question, participant, text="När byggs den nya simhallen?"):
    return services.response_submit(
        question=question, participant=participant, answer=Answer(text=text)
    )


def fresh(response):
    return Response.objects.get(pk=response.pk)


@pytest.fixture
def question():
    return qa_question()


@pytest.fixture
def people(question):
    return [ParticipantFactory(session=question.session) for _ in range(4)]


@pytest.fixture
def sent(monkeypatch):
    messages = []
    monkeypatch.setattr(
        "samrad.core.realtime.group_send", lambda group, event: messages.append((group, event))
    )
    return messages


def told(question):
    """What projector and phones hear after a Q&A change, sorted by group."""
    return sorted(
        [
            (events.presenter_group(question.session_id), events.results_changed_event(question)),
            (events.session_group(question.session_id), events.qa_event(question)),
        ]
    )


# --- Posting and pre-moderation ------------------------------------------------------------


def test_posts_are_shown_at_once_without_premoderation(question, people):
    first = post(question, people[0], "  Varför stängs biblioteket?  ")
    second = post(question, people[0], "Och badhuset?")
    assert first.moderation == Moderation.APPROVED
    assert first.text == "Varför stängs biblioteket?"
    assert first.slot is None and second.slot is None  # any number per participant
    seen = selectors.qa_posts(question=question, participant=people[1])
    assert {row["text"] for row in seen} == {"Varför stängs biblioteket?", "Och badhuset?"}


@pytest.mark.parametrize("text, code", [("   ", "empty"), ("x" * 501, "too_long")])
def test_empty_or_too_long_posts_are_refused(question, people, text, code):
    with pytest.raises(Refused) as refused:
        post(question, people[0], text)
    assert refused.value.code == code
    assert not Response.objects.exists()


def test_premoderated_posts_are_seen_by_their_author_and_the_facilitator_only():
    question = qa_question(premoderated=True)
    author, other = [ParticipantFactory(session=question.session) for _ in range(2)]
    waiting = post(question, author)
    assert waiting.moderation == Moderation.PENDING

    (own,) = selectors.qa_posts(question=question, participant=author)
    assert own["pending"] and own["own"]
    assert selectors.qa_posts(question=question, participant=other) == []
    assert selectors.question_results(question)["posts"] == []
    assert selectors.question_results(question)["entries"] == 0
    assert selectors.stage_context(question.session)["responses"] == 0
    assert [p.pk for p in selectors.qa_moderation(question)["pending"]] == [waiting.pk]

    services.qa_moderate(response=waiting, action="approve")
    (shown,) = selectors.qa_posts(question=question, participant=other)
    assert not shown["pending"] and not shown["own"]
    assert selectors.stage_context(question.session)["responses"] == 1


def test_a_new_post_tells_phones_only_when_it_is_shown(
    django_capture_on_commit_callbacks, sent, question, people
):
    with django_capture_on_commit_callbacks(execute=True):
        post(question, people[0])
    phones = events.session_group(question.session_id)
    assert (phones, events.qa_event(question)) in sent

    sent.clear()
    services.question_set_premoderated(question=question, premoderated=True)
    with django_capture_on_commit_callbacks(execute=True):
        post(question, people[0], "Väntar")
    assert [group for group, _event in sent] == [events.presenter_group(question.session_id)]


def test_turning_premoderation_off_leaves_waiting_posts_waiting(question, people):
    services.question_set_premoderated(question=question, premoderated=True)
    waiting = post(question, people[0])
    services.question_set_premoderated(question=question, premoderated=False)
    assert fresh(waiting).moderation == Moderation.PENDING
    assert post(question, people[1]).moderation == Moderation.APPROVED


# --- Upvotes --------------------------------------------------------------------------------


def test_upvote_counts_once_and_can_be_withdrawn(question, people):
    target = post(question, people[0])
    assert services.qa_upvote(response=target, participant=people[1]) == 1
    assert services.qa_upvote(response=target, participant=people[1]) == 1
    assert services.qa_upvote(response=target, participant=people[0]) == 2  # one's own too
    assert Upvote.objects.filter(response=target).count() == 2
    (row,) = selectors.qa_posts(question=question, participant=people[1])
    assert row["upvoted"] and row["upvotes"] == 2
    assert services.qa_unvote(response=target, participant=people[1]) == 1
    assert services.qa_unvote(response=target, participant=people[1]) == 1
    assert fresh(target).upvotes == Upvote.objects.filter(response=target).count() == 1
    (row,) = selectors.qa_posts(question=question, participant=people[1])
    assert not row["upvoted"]


def test_posts_are_sorted_by_votes_then_newest_or_by_newest(question, people):
    old, popular, new = (post(question, people[0], text) for text in ["old", "popular", "new"])
    services.qa_upvote(response=popular, participant=people[1])
    by_votes = selectors.qa_posts(question=question, participant=people[1])
    assert [row["text"] for row in by_votes] == ["popular", "new", "old"]
    newest = selectors.qa_posts(question=question, participant=people[1], sort="newest")
    assert [row["text"] for row in newest] == ["new", "popular", "old"]
    assert [row["text"] for row in selectors.question_results(question)["posts"]] == [
        "popular",
        "new",
        "old",
    ]


@pytest.mark.parametrize("moderation", [Moderation.PENDING, Moderation.HIDDEN])
def test_upvotes_on_waiting_or_hidden_posts_are_refused(question, people, moderation):
    target = post(question, people[0])
    Response.objects.filter(pk=target.pk).update(moderation=moderation)
    for vote in (services.qa_upvote, services.qa_unvote):
        with pytest.raises(Refused) as refused:
            vote(response=fresh(target), participant=people[1])
        assert refused.value.code == "post_unavailable"
        assert refused.value.status == 404
    assert not Upvote.objects.exists()


def test_upvotes_are_refused_when_the_question_or_session_is_closed(question, people):
    target = post(question, people[0])
    services.question_set_accepting(question=question, accepting=False)
    with pytest.raises(Refused) as refused:
        services.qa_upvote(response=target, participant=people[1])
    assert (refused.value.code, refused.value.status) == ("question_closed", 409)

    services.question_set_accepting(question=question, accepting=True)
    services.session_close(session=question.session)
    with pytest.raises(Refused) as refused:
        services.qa_upvote(response=target, participant=people[1])
    assert refused.value.code == "session_closed"
    assert fresh(target).upvotes == 0


def test_upvote_from_another_session_is_refused(question, people):
    target = post(question, people[0])
    stranger = ParticipantFactory()
    with pytest.raises(Refused) as refused:
        services.qa_upvote(response=target, participant=stranger)
    assert refused.value.code == "post_unavailable"


def test_an_upvote_tells_the_projector_and_the_phones(
    django_capture_on_commit_callbacks, sent, question, people
):
    target = post(question, people[0])
    with django_capture_on_commit_callbacks(execute=True):
        services.qa_upvote(response=target, participant=people[1])
    assert sorted(sent) == told(question)
    sent.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.qa_upvote(response=target, participant=people[1])  # nothing changed
    assert sent == []


def _at_once(count, work):
    """Run `work(i)` in `count` threads released together; return the errors they raised."""
    barrier = threading.Barrier(count)
    errors = []

    def run(i):
        try:
            barrier.wait()
            work(i)
        except Exception as error:  # noqa: BLE001  (reported below)
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


needs_concurrent_writers = pytest.mark.skipif(
    "connection.vendor == 'sqlite' and connection.is_in_memory_db()",
    reason="the in-memory SQLite test database refuses concurrent writers (table locked); "
    "this runs in the PostgreSQL pass of `make test`",
)


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_duplicate_upvotes_count_once():
    question = qa_question()
    author, voter = [ParticipantFactory(session=question.session) for _ in range(2)]
    target = post(question, author)
    errors = _at_once(50, lambda i: services.qa_upvote(response=target, participant=voter))
    assert errors == []
    assert fresh(target).upvotes == 1
    assert Upvote.objects.filter(response=target).count() == 1


@needs_concurrent_writers
@pytest.mark.django_db(transaction=True)
def test_concurrent_upvotes_of_many_people_all_count():
    question = qa_question()
    voters = [ParticipantFactory(session=question.session) for _ in range(30)]
    target = post(question, voters[0])
    errors = _at_once(30, lambda i: services.qa_upvote(response=target, participant=voters[i]))
    assert errors == []
    assert fresh(target).upvotes == Upvote.objects.filter(response=target).count() == 30


# --- Moderation -----------------------------------------------------------------------------


def test_merge_moves_upvotes_without_counting_anyone_twice(question, people):
    target = post(question, people[0], "Simhallen?")
    duplicate = post(question, people[1], "När kommer simhallen?")
    for voter in people[:3]:
        services.qa_upvote(response=target, participant=voter)  # 0, 1, 2
    for voter in people[2:]:
        services.qa_upvote(response=duplicate, participant=voter)  # 2, 3
    services.qa_pin(question=question, response=duplicate)

    merged = services.qa_merge(target=target, duplicate=duplicate)

    assert merged.upvotes == fresh(target).upvotes == 4  # people 0..3, person 2 once
    assert set(Upvote.objects.filter(response=target).values_list("participant", flat=True)) == {
        p.pk for p in people
    }
    duplicate = fresh(duplicate)
    assert duplicate.merged_into_id == target.pk
    assert duplicate.text == "När kommer simhallen?"  # kept
    assert duplicate.upvotes == 0 and not duplicate.upvote_set.exists()
    question.refresh_from_db()
    assert question.pinned_id == target.pk
    assert [row["id"] for row in selectors.qa_posts(question=question, participant=people[3])] == [
        target.pk
    ]
    assert selectors.question_results(question)["entries"] == 1
    (shown,) = selectors.qa_moderation(question)["shown"]
    assert [d.pk for d in shown.duplicates] == [duplicate.pk]
    # A merged post takes no votes; upvoting the target again still counts once.
    with pytest.raises(Refused):
        services.qa_upvote(response=duplicate, participant=people[0])
    assert services.qa_upvote(response=target, participant=people[3]) == 4


def test_merge_refuses_itself_other_questions_and_merged_posts(question, people):
    a, b, c = (post(question, people[0], text) for text in "abc")
    other = post(qa_question(session=question.session), people[0], "d")
    for target, duplicate in [(a, a), (a, other)]:
        with pytest.raises(Refused) as refused:
            services.qa_merge(target=target, duplicate=duplicate)
        assert refused.value.code == "merge_invalid"
    services.qa_merge(target=b, duplicate=c)
    with pytest.raises(Refused):
        services.qa_merge(target=c, duplicate=a)
    # What was merged into a post moves along when that post is merged in turn.
    services.qa_merge(target=a, duplicate=b)
    assert set(Response.objects.filter(merged_into=a).values_list("pk", flat=True)) == {b.pk, c.pk}


def test_only_one_post_is_pinned(question, people):
    a, b = post(question, people[0], "a"), post(question, people[1], "b")
    services.qa_pin(question=question, response=a)
    assert services.qa_pin(question=question, response=b).pinned_id == b.pk
    question.refresh_from_db()
    results = selectors.question_results(question)
    assert results["pinned"]["id"] == b.pk
    assert [row["id"] for row in results["posts"]] == [a.pk]
    rows = selectors.qa_posts(question=question, participant=people[0])
    assert [(row["id"], row["pinned"]) for row in rows] == [(b.pk, True), (a.pk, False)]
    assert services.qa_pin(question=question, response=None).pinned_id is None
    question.refresh_from_db()
    assert selectors.question_results(question)["pinned"] is None


def test_pinning_shows_a_waiting_post_and_hiding_unpins(question, people):
    services.question_set_premoderated(question=question, premoderated=True)
    waiting = post(question, people[0])
    services.qa_pin(question=question, response=waiting)
    assert fresh(waiting).moderation == Moderation.APPROVED
    services.qa_moderate(response=waiting, action="hide")
    question.refresh_from_db()
    assert question.pinned_id is None
    assert selectors.qa_posts(question=question, participant=people[1]) == []


def test_answered_and_reply_show_on_phones_and_the_projector(question, people):
    target = post(question, people[0])
    services.qa_moderate(response=target, action="answered")
    services.qa_reply(response=target, text="  Beslut tas i juni.  ")
    (row,) = selectors.qa_posts(question=question, participant=people[1])
    assert row["answered"] and row["reply"] == "Beslut tas i juni."
    (shown,) = selectors.question_results(question)["posts"]
    assert shown["answered"] and shown["reply"] == "Beslut tas i juni."
    services.qa_moderate(response=target, action="unanswered")
    services.qa_reply(response=target, text="")
    assert not fresh(target).answered and fresh(target).reply == ""
    with pytest.raises(Refused) as refused:
        services.qa_reply(response=target, text="x" * 281)
    assert refused.value.code == "too_long"
    with pytest.raises(ValueError):
        services.qa_moderate(response=target, action="delete")


def test_every_moderation_action_tells_projector_and_phones_after_commit(
    django_capture_on_commit_callbacks, sent, question, people
):
    a, b = post(question, people[0], "a"), post(question, people[1], "b")
    actions = [
        lambda: services.qa_moderate(response=a, action="hide"),
        lambda: services.qa_moderate(response=a, action="approve"),
        lambda: services.qa_moderate(response=a, action="answered"),
        lambda: services.qa_reply(response=a, text="Ja."),
        lambda: services.qa_pin(question=question, response=a),
        lambda: services.qa_pin(question=question, response=None),
        lambda: services.qa_merge(target=a, duplicate=b),
    ]
    for action in actions:
        sent.clear()
        with django_capture_on_commit_callbacks(execute=True):
            action()
            assert sent == []  # nothing before the commit
        assert sorted(sent) == told(question)


def test_the_stamp_changes_with_every_change_the_moderation_panel_shows(question, people):
    def stamp():
        question.refresh_from_db()
        current = selectors.qa_moderation(question)["stamp"]
        assert selectors.question_results(question)["stamp"] == current  # what the stage sends
        return current

    seen = [stamp()]
    a, b = post(question, people[0], "a"), post(question, people[1], "b")
    changes = [
        lambda: None,  # the posts above
        lambda: services.qa_upvote(response=a, participant=people[2]),
        # The same number of votes, on the other post.
        lambda: (
            services.qa_unvote(response=a, participant=people[2]),
            services.qa_upvote(response=b, participant=people[2]),
        ),
        lambda: services.qa_moderate(response=a, action="answered"),
        lambda: services.qa_reply(response=a, text="Ja."),
        lambda: services.qa_pin(question=question, response=a),
        lambda: services.qa_merge(target=a, duplicate=b),
        lambda: services.question_set_premoderated(question=question, premoderated=True),
    ]
    for change in changes:
        change()
        seen.append(stamp())
    assert len(set(seen)) == len(seen)
    assert stamp() == seen[-1]  # and stays put while nothing changes


def test_reset_deletes_posts_and_upvotes_and_unpins(question, people):
    target = post(question, people[0])
    services.qa_upvote(response=target, participant=people[1])
    services.qa_pin(question=question, response=target)
    assert services.question_reset(question=question) == 1
    question.refresh_from_db()
    assert question.pinned_id is None
    assert not Upvote.objects.exists()


# --- Pages: phones and who may moderate ------------------------------------------------------


def phone_client(client, participant):
    client.cookies[cookie_name(participant.session_id)] = participant_token(participant)
    return client


def test_phone_page_lists_posts_and_upvotes_without_losing_the_form(client, question, people):
    target = post(question, people[1], "Varför <b>inte</b>?")
    phone = phone_client(client, people[0])
    page = phone.get(reverse("live:join_code", args=[question.session.code])).content.decode()
    assert 'id="qa-list"' in page and 'name="text"' in page
    assert "Varför &lt;b&gt;inte&lt;/b&gt;?" in page
    assert 'aria-pressed="false"' in page

    url = reverse("live:participant_upvote", args=[question.session.code, target.pk])
    fragment = phone.post(url, {"upvote": "1", "sort": "newest"}, HTTP_HX_REQUEST="true")
    body = fragment.content.decode()
    assert fragment.status_code == 200
    assert 'name="text"' not in body  # the list only: what is being typed stays
    assert 'aria-pressed="true"' in body and "Upvote" in body
    assert fresh(target).upvotes == 1
    phone.post(url, {"upvote": "0"}, HTTP_HX_REQUEST="true")
    assert fresh(target).upvotes == 0

    listing = phone.get(
        reverse("live:participant_qa", args=[question.session.code, question.pk]),
        {"sort": "newest"},
    )
    assert listing.status_code == 200 and "?sort=newest" in listing.content.decode()


def test_phone_sees_refusal_in_the_list_when_voting_is_closed(client, question, people):
    target = post(question, people[1])
    Response.objects.filter(pk=target.pk).update(moderation=Moderation.HIDDEN)
    phone = phone_client(client, people[0])
    url = reverse("live:participant_upvote", args=[question.session.code, target.pk])
    body = phone.post(url, {"upvote": "1"}, HTTP_HX_REQUEST="true").content.decode()
    assert 'role="alert"' in body
    assert not Upvote.objects.exists()


def test_phone_cannot_vote_in_another_session(client, question, people):
    target = post(question, people[0])
    elsewhere = ParticipantFactory()
    phone = phone_client(client, elsewhere)
    url = reverse("live:participant_upvote", args=[elsewhere.session.code, target.pk])
    assert phone.post(url, {"upvote": "1"}).status_code == 404
    assert not Upvote.objects.exists()


def moderation_urls(question, target):
    args = [question.session_id, question.pk]
    return [
        ("get", reverse("live:qa_moderation", args=args), {}),
        ("post", reverse("live:qa_premoderation", args=args), {"premoderated": "1"}),
        ("post", reverse("live:qa_post_action", args=[*args, target.pk, "hide"]), {}),
        ("post", reverse("live:qa_post_action", args=[*args, target.pk, "pin"]), {}),
    ]


def test_participants_and_anonymous_visitors_cannot_moderate(client, question, people):
    target = post(question, people[0])
    phone = phone_client(client, people[1])
    for method, url, data in moderation_urls(question, target):
        response = getattr(phone, method)(url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert fresh(target).moderation == Moderation.APPROVED
    question.refresh_from_db()
    assert not question.premoderated and question.pinned_id is None


def test_other_organisations_get_404_and_viewers_403(client, question, people):
    target = post(question, people[0])
    client.force_login(FacilitatorFactory())  # a facilitator of another organisation
    for method, url, data in moderation_urls(question, target):
        assert getattr(client, method)(url, data).status_code == 404
    client.force_login(member_of(question.session.dialogue.organisation, role=Role.VIEWER))
    for method, url, data in moderation_urls(question, target):
        assert getattr(client, method)(url, data).status_code == 403
    assert fresh(target).moderation == Moderation.APPROVED


def test_facilitator_moderates_on_the_page_and_the_control_page(client, question, people):
    services.question_set_premoderated(question=question, premoderated=True)
    waiting = post(question, people[0], "Vem bestämmer?")
    duplicate = post(question, people[1], "Vem tar besluten?")
    client.force_login(member_of(question.session.dialogue.organisation))
    args = [question.session_id, question.pk]

    page = client.get(reverse("live:qa_moderation", args=args)).content.decode()
    assert "Vem bestämmer?" in page and "Waiting for approval" in page
    control = client.get(reverse("live:session_control", args=[question.session_id]))
    assert 'id="qa-moderation"' in control.content.decode()

    def act(target, action, htmx=True, **data):
        url = reverse("live:qa_post_action", args=[*args, target.pk, action])
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        return client.post(url, data, **headers)

    panel = act(waiting, "approve").content.decode()
    assert "Shown." in panel and 'id="qa-moderation"' in panel and "<html" not in panel
    assert act(waiting, "reply", reply="I juni.", htmx=False).status_code == 302
    back = act(waiting, "answered", htmx=False, **{"from": "control"})
    assert back["Location"] == reverse("live:session_control", args=[question.session_id])
    act(waiting, "pin")
    act(duplicate, "merge", into=waiting.pk)
    refused = act(waiting, "merge", into=waiting.pk).content.decode()
    assert 'role="alert"' in refused
    assert act(waiting, "explode").status_code == 404

    waiting = fresh(waiting)
    assert (waiting.moderation, waiting.reply, waiting.answered) == ("approved", "I juni.", True)
    assert fresh(duplicate).merged_into_id == waiting.pk
    question.refresh_from_db()
    assert question.pinned_id == waiting.pk

    url = reverse("live:qa_premoderation", args=args)
    client.post(url, {"premoderated": "0"}, HTTP_HX_REQUEST="true")
    question.refresh_from_db()
    assert not question.premoderated


def test_moderation_page_is_only_for_qa_questions(client):
    question = QuestionFactory(kind="open")
    client.force_login(member_of(question.session.dialogue.organisation))
    url = reverse("live:qa_moderation", args=[question.session_id, question.pk])
    assert client.get(url).status_code == 404


def test_closed_session_phone_list_says_so(client, question, people):
    phone = phone_client(client, people[0])
    question.session.status = SessionStatus.CLOSED
    question.session.save()
    url = reverse("live:participant_qa", args=[question.session.code, question.pk])
    assert "ended" in phone.get(url).content.decode()


@pytest.mark.django_db(transaction=True)
async def test_phones_hear_qa_events_but_not_the_projectors_results():
    def setup():
        question = qa_question()
        author, phone = [ParticipantFactory(session=question.session) for _ in range(2)]
        return question, author, phone

    question, author, phone = await database_sync_to_async(setup)()
    headers = [
        (b"origin", b"http://testserver"),
        (b"cookie", f"{cookie_name(question.session_id)}={participant_token(phone)}".encode()),
    ]
    socket = WebsocketCommunicator(application, f"/ws/live/{question.session.code}/", headers)
    connected, _code = await socket.connect()
    assert connected
    assert (await socket.receive_json_from(timeout=3))["type"] == "state"
    await database_sync_to_async(post)(question, author)
    assert await socket.receive_json_from(timeout=2) == {"type": "qa", "question_id": question.pk}
    assert await socket.receive_nothing(timeout=0.3)
    await socket.disconnect()
