"""The public dialogue page: published or not, what it shows, contributed sections, escaping."""

import pytest
from django.urls import reverse

from samrad.core import plugins
from samrad.core.models import AuditEntry
from samrad.feedback import selectors, services
from samrad.feedback.models import PublicPage
from tests.factories import DialogueFactory, member_of
from tests.feedback.conftest import XSS

pytestmark = pytest.mark.django_db


def make_page(dialogue, owner, **fields):
    values = {
        "slug": "storby-2030",
        "intro": "Tack!",
        "next_steps": "Beslut i juni.",
        "contact": "",
    }
    values.update(fields)
    return services.page_save(actor=owner, dialogue=dialogue, **values)


def test_unpublished_page_is_not_found_for_the_public(client, dialogue, owner, held):
    make_page(dialogue, owner)
    assert client.get("/d/storby-2030/").status_code == 404
    assert client.get("/d/no-such-page/").status_code == 404


def test_published_page_shows_questions_participation_results_and_next_steps(
    client, dialogue, owner, held
):
    page = make_page(dialogue, owner)
    services.page_publish(actor=owner, page=page, published=True)
    held.min_group_size = 4  # four answered: shown when the smallest group is four
    held.save()
    response = client.get("/d/storby-2030/")
    assert response.status_code == 200
    html = response.content.decode()
    for text in ["Storby 2030", "Tack!", "Beslut i juni.", "Vad är viktigast?", "Ditt förslag?"]:
        assert text in html
    assert 'data-testid="public-participants">4<' in html
    assert 'data-testid="public-meetings">1<' in html
    # bars as HTML (choice: Trygghet 2 of 4 = 50 %)
    assert "Trygghet" in html and "(50 %)" in html
    # free text is never published raw: only counts
    assert "onerror" not in html and "alert" not in html


def test_results_of_fewer_people_than_the_smallest_group_are_withheld_with_the_reason(
    client, dialogue, owner, held
):
    page = make_page(dialogue, owner)
    services.page_publish(actor=owner, page=page, published=True)
    html = client.get("/d/storby-2030/").content.decode()  # four answered, default five
    assert "(50 %)" not in html and "grön" not in html
    # the word cloud, the choice, the scale and the open question (one person)
    assert html.count('data-testid="result-withheld"') == 4
    assert "fewer than 5 people answered" in html


def test_a_word_of_the_cloud_is_shown_only_when_enough_people_used_it(
    client, dialogue, owner, held
):
    page = make_page(dialogue, owner)
    services.page_publish(actor=owner, page=page, published=True)
    held.min_group_size = 2
    held.save()
    html = client.get("/d/storby-2030/").content.decode()
    assert 'data-count="2">grön' in html  # two people wrote "grön"
    assert ">trygg<" not in html and ">levande<" not in html  # one person each


def test_unpublishing_hides_the_page_again_and_is_audited(client, dialogue, owner, held):
    page = make_page(dialogue, owner)
    services.page_publish(actor=owner, page=page, published=True)
    services.page_publish(actor=owner, page=page, published=False)
    assert client.get("/d/storby-2030/").status_code == 404
    actions = list(AuditEntry.objects.values_list("action", flat=True))
    assert "feedback.page_unpublish" in actions and "feedback.page_publish" in actions


def test_facilitator_previews_the_unpublished_page(client, dialogue, owner, held):
    make_page(dialogue, owner)
    client.force_login(owner)
    response = client.get(reverse("feedback:preview", args=[dialogue.pk]))
    assert response.status_code == 200
    assert "not published" in response.content.decode()


def test_facilitator_saves_then_publishes_through_the_page(client, dialogue, owner, held):
    client.force_login(owner)
    url = reverse("feedback:manage", args=[dialogue.pk])
    data = {"slug": "vart-storby", "intro": "Hej", "next_steps": "Sen", "contact": "a@b.se"}
    response = client.post(url, {**data, "save_page": "1"})
    assert response.status_code == 302
    assert client.get("/d/vart-storby/").status_code == 404
    client.post(url, {"publish": "1"})
    assert PublicPage.objects.get(dialogue=dialogue).published
    assert client.get("/d/vart-storby/").status_code == 200


def test_an_address_used_by_another_dialogue_is_refused(client, dialogue, owner):
    other = DialogueFactory(organisation=dialogue.organisation)
    make_page(other, owner, slug="taken")
    client.force_login(owner)
    url = reverse("feedback:manage", args=[dialogue.pk])
    response = client.post(url, {"slug": "taken", "save_page": "1"})
    assert response.status_code == 200
    assert "already uses this address" in response.content.decode()
    assert not PublicPage.objects.filter(dialogue=dialogue).exists()


def test_viewer_cannot_change_the_page(client, dialogue, held):
    viewer = member_of(dialogue.organisation, role="viewer")
    client.force_login(viewer)
    url = reverse("feedback:manage", args=[dialogue.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"slug": "x", "save_page": "1"}).status_code == 403
    assert not PublicPage.objects.exists()


@pytest.mark.parametrize(
    "name",
    [
        "feedback:manage",
        "feedback:preview",
        "feedback:leaflet",
        "feedback:guide",
        "feedback:method",
    ],
)
def test_other_organisations_get_404(client, dialogue, owner, name):
    make_page(dialogue, owner)
    stranger = member_of(DialogueFactory().organisation)
    client.force_login(stranger)
    assert client.get(reverse(name, args=[dialogue.pk])).status_code == 404


def test_facilitator_pages_need_login(client, dialogue):
    response = client.get(reverse("feedback:manage", args=[dialogue.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_contributed_sections_render_in_contract_order(
    client, dialogue, owner, held, settings, tmp_path, monkeypatch
):
    """The apps' registered public sections (samrad.core.plugins.PUBLIC_SECTIONS), in their
    order, with `dialogue` in the context."""
    for app in ("concerns", "planning"):
        folder = tmp_path / f"fake_{app}"
        folder.mkdir()
        (folder / "_public_section.html").write_text(
            f"<section><h2>{app} section</h2><p>{{{{ dialogue.title }}}}</p></section>"
        )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0].get("DIRS", [])]}
    ]
    sections = plugins.Point("public_sections")
    sections.register("concerns", "fake_concerns/_public_section.html", order=40)
    sections.register("planning", "fake_planning/_public_section.html", order=10)
    monkeypatch.setattr(plugins, "PUBLIC_SECTIONS", sections)
    assert selectors.contributed_sections(dialogue) == [
        "fake_planning/_public_section.html",
        "fake_concerns/_public_section.html",
    ]
    page = make_page(dialogue, owner)
    services.page_publish(actor=owner, page=page, published=True)
    html = client.get("/d/storby-2030/").content.decode()
    results, planning, concerns, next_steps = (
        html.index('id="results-heading"'),
        html.index("planning section"),
        html.index("concerns section"),
        html.index('id="next-heading"'),
    )
    assert results < planning < concerns < next_steps
    assert "<p>Storby 2030</p>" in html


def test_typed_html_stays_inert(client, owner, db):
    dialogue = DialogueFactory(title=XSS, description=XSS)
    owner = member_of(dialogue.organisation)
    from samrad.live import services as live

    session = live.session_create(dialogue=dialogue, title=XSS)
    live.question_add(session=session, kind="choice", prompt=XSS, choices=[XSS, "B"])
    live.session_open(session=session)
    page = make_page(dialogue, owner, slug="xss", intro=XSS, next_steps=XSS, contact=XSS)
    services.page_publish(actor=owner, page=page, published=True)
    html = client.get("/d/xss/").content.decode()
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
