"""Issue 13 item 4: "Compare with citizens" counts coded inputs only through the themes the
coordinator mapped to target images (never by equal names), says how many coded inputs the
mapping covers and leaves out, and shows no share without its count and whole."""

import pytest
from django.urls import reverse
from django.utils import timezone

from samrad.accounts.models import Role
from samrad.core.models import AuditEntry
from samrad.insights import services as insights
from samrad.insights.models import Input
from samrad.workshops import report_blocks, services
from samrad.workshops.analysis import input_coverage
from samrad.workshops.mapping import selectors as mapping_selectors
from samrad.workshops.mapping import services as ms
from samrad.workshops.models import ThemeMapping
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db


def test_coverage_counts_through_the_mapping_only():
    codings = [(1, "safe"), (2, "safe"), (2, "bus"), (3, "parks"), (4, "parks"), (5, "bus")]
    coverage = input_coverage(["Trygghet", "Smidighet"], codings, {"safe": "Trygghet"})
    assert coverage.counts == {"Trygghet": 2, "Smidighet": 0}
    assert (coverage.coded, coverage.covered, coverage.left_out) == (5, 2, 3)
    assert coverage.share("Trygghet") == 40
    both = input_coverage(["T", "S"], codings, {"safe": "T", "bus": "S"})
    # input 2 carries both themes: once on each image, once as covered
    assert both.counts == {"T": 2, "S": 2} and both.covered == 3 and both.left_out == 2


@pytest.fixture
def setup():
    dialogue = DialogueFactory(language="sv")
    runner = member_of(dialogue.organisation, Role.FACILITATOR)
    workshop = services.workshop_create(dialogue, "mapping", runner)
    ms.project_add(workshop=workshop, actor=runner, name="Trygga skolvägar")
    themes = {
        name: insights.theme_create(dialogue=dialogue, name=name)
        for name in ["Trygghet", "Belysning", "Parker"]
    }
    # 1 input coded "Trygghet" (named like the target image), 3 "Belysning", 4 "Parker"
    for name, count in [("Trygghet", 1), ("Belysning", 3), ("Parker", 4)]:
        for number in range(count):
            item = Input.objects.create(
                dialogue=dialogue, text=f"{name} {number}", created_at=timezone.now()
            )
            insights.input_code(input=item, theme=themes[name], on=True)
    Input.objects.create(dialogue=dialogue, text="not coded", created_at=timezone.now())
    return workshop, runner, themes


def images(workshop):
    return {image.name: image for image in workshop.framework.images.all()}


def test_a_theme_named_like_a_target_image_counts_for_nothing_until_mapped(setup):
    workshop, runner, themes = setup
    data = report_blocks.comparison(workshop)
    assert data["has_inputs"]
    coverage = data["coverage"]
    assert (coverage.coded, coverage.covered, coverage.left_out) == (8, 0, 8)
    assert all(row["inputs"] == 0 and row["inputs_percent"] == 0 for row in data["rows"])


def test_mapped_themes_count_and_the_rest_is_left_out(setup):
    workshop, runner, themes = setup
    safety = images(workshop)["Trygghet"]
    ms.theme_map_set(
        workshop=workshop,
        images={themes["Trygghet"]: safety, themes["Belysning"]: safety},
        actor=runner,
    )
    data = report_blocks.comparison(workshop)
    row = next(r for r in data["rows"] if r["name"] == "Trygghet")
    assert (row["inputs"], row["inputs_percent"]) == (4, 50)
    assert (data["coverage"].covered, data["coverage"].left_out) == (4, 4)
    assert "8 coded inputs: 4 reach a target image" in report_blocks.coverage_sentence(
        data["coverage"]
    )
    # the report's table never gives a share without its count and whole
    table = report_blocks.compare_blocks(workshop.steps.get(format="workshops.compare"))[-1]
    trygghet = next(cells for cells in table.rows if cells[0] == "Trygghet")
    assert trygghet[-1] == "50 % (4 of 8)"
    assert trygghet[1] == "0 % (0 of 0)"
    # a theme back to no target image leaves its inputs out again, audited old → new
    ms.theme_map_set(workshop=workshop, images={themes["Belysning"]: None}, actor=runner)
    assert mapping_selectors.inputs_coverage(workshop).counts["Trygghet"] == 1
    entry = AuditEntry.objects.filter(action="workshops.theme_map_set").first()
    assert entry.changes == [{"field": "Belysning", "old": "Trygghet", "new": ""}]


def test_the_mapping_page_saves_each_theme_and_refuses_a_foreign_image(client, setup):
    workshop, runner, themes = setup
    client.force_login(runner)
    url = reverse("workshops:theme_map", args=[workshop.pk])
    page = client.get(url).content.decode()
    assert "8 coded inputs: 0 reach a target image" in page
    assert f'<label for="theme-{themes["Parker"].pk}">Parker</label>' in page
    ease = images(workshop)["Smidighet"]
    response = client.post(
        url,
        {f"theme_{themes['Parker'].pk}": ease.pk, f"theme_{themes['Trygghet'].pk}": ""},
    )
    assert response.status_code == 302
    assert ThemeMapping.objects.get(theme=themes["Parker"]).image == ease
    assert "8 coded inputs: 4 reach a target image" in client.get(url).content.decode()
    foreign_pk = 999999  # not a target image of this workshop
    refused = client.post(url, {f"theme_{themes['Belysning'].pk}": foreign_pk})
    assert refused.status_code == 200
    assert "Nothing was saved" in refused.content.decode()
    assert not ThemeMapping.objects.filter(theme=themes["Belysning"]).exists()


def test_viewers_see_the_mapping_but_cannot_change_it(client, setup):
    workshop, runner, themes = setup
    client.force_login(member_of(workshop.dialogue.organisation, Role.VIEWER))
    url = reverse("workshops:theme_map", args=[workshop.pk])
    page = client.get(url).content.decode()
    assert "Parker" in page and 'name="theme_' not in page
    ease = images(workshop)["Smidighet"]
    assert client.post(url, {f"theme_{themes['Parker'].pk}": ease.pk}).status_code == 403
    client.force_login(member_of(DialogueFactory().organisation))
    assert client.get(url).status_code == 404


def test_the_compare_step_shows_every_share_with_its_n(client, setup):
    workshop, runner, themes = setup
    ms.theme_map_set(
        workshop=workshop, images={themes["Parker"]: images(workshop)["Smidighet"]}, actor=runner
    )
    services.workshop_go_to(workshop=workshop, step=workshop.steps.get(format="workshops.compare"))
    client.force_login(runner)
    html = client.get(reverse("workshops:run", args=[workshop.pk])).content.decode()
    assert "50 % (4 of 8)" in html
    assert "8 coded inputs: 4 reach a target image" in html
    assert reverse("workshops:theme_map", args=[workshop.pk]) in html
