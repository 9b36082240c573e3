"""Edit in place and the theme → target-image mapping in a real browser (issue 13, items 10
and 4): a decision, a purpose and a portfolio project edited from their rows with the
keyboard (focus into the form, Escape or Cancel brings the row back with focus on its Edit
button); two facilitators saving the same decision (the second is refused, shown what is
saved, keeps what they typed); the coordinator mapping themes, the comparison counting
through the mapping with its n; axe-core on every page touched, at 390 and 1440 px.

The tests build their own dialogue in the demo organisation (through the server's own
database) and delete it afterwards, so that the demo and the other browser tests are not
touched.
"""

import json

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible, horizontal_overflow

pytestmark = pytest.mark.browser

TITLE = "Redigera i webbläsaren"

SETUP = f"""
import json
from datetime import date
from django.contrib.auth import get_user_model
from django.utils import timezone
from samrad.dialogues.models import Dialogue
from samrad.dialogues import services as dialogues
from samrad.insights import services as insights
from samrad.insights.models import Input
from samrad.planning import services as plan
from samrad.workshops import services as workshops
from samrad.workshops.mapping import services as mapping

user = get_user_model().objects.get(username="demo")
demo = Dialogue.objects.exclude(title={TITLE!r}).order_by("created_at").first()
Dialogue.objects.filter(title={TITLE!r}).delete()
dialogue = dialogues.dialogue_create(
    organisation=demo.organisation, title={TITLE!r}, language="sv", actor=user
)
decision = plan.decision_create(
    dialogue=dialogue, decided_on=date(2026, 3, 1), body="Kommunstyrelsen",
    decision="Dialogen genomförs.", actor=user,
)
purpose = plan.purpose_create(dialogue=dialogue, title="Delaktighet", actor=user)
plan.goal_create(purpose=purpose, title="Fler röster", actor=user)
plan.lesson_create(dialogue=dialogue, category="other", text="Börja tidigt.", actor=user)
plan.comms_create(
    dialogue=dialogue, channel="web", planned_on=date(2026, 1, 10), message="Inbjudan",
    actor=user,
)
lab = plan.lab_create(dialogue=dialogue, title="Fritidsbanken", actor=user)
plan.key_actor_add(
    lab=lab, name="Föreningen", organisation_type="association", involvement="informed",
    actor=user,
)
plan.lab_measure_add(lab=lab, name="Utlån", unit="st", actor=user)
dialogues.meeting_create(dialogue=dialogue, title="Öppet möte", place="Biblioteket")
workshop = workshops.workshop_create(dialogue, "mapping", user, language="sv")
project = mapping.project_add(workshop=workshop, actor=user, name="Trygga skolvägar")
themes = {{
    name: insights.theme_create(dialogue=dialogue, name=name)
    for name in ["Trygghet", "Belysning", "Parker"]
}}
for name, count in [("Trygghet", 1), ("Belysning", 3), ("Parker", 4)]:
    for number in range(count):
        item = Input.objects.create(
            dialogue=dialogue, text=f"{{name}} {{number}}", created_at=timezone.now()
        )
        insights.input_code(input=item, theme=themes[name], on=True)
workshops.workshop_go_to(workshop=workshop, step=workshop.steps.get(format="workshops.compare"))
print(json.dumps({{
    "dialogue": dialogue.pk, "decision": decision.pk, "purpose": purpose.pk, "lab": lab.pk,
    "workshop": workshop.pk, "project": project.pk,
}}))
"""


@pytest.fixture(scope="module")
def made(server):
    ids = json.loads(support._manage(server.env, "shell", "-c", SETUP).strip().splitlines()[-1])
    yield ids
    support._manage(
        server.env,
        "shell",
        "-c",
        "from samrad.dialogues.models import Dialogue; "
        "from samrad.live.models import LiveSession; "
        "from samrad.workshops.models import Workshop; "
        f"Workshop.objects.filter(dialogue__title={TITLE!r}).delete(); "
        f"LiveSession.objects.filter(dialogue__title={TITLE!r}).delete(); "
        f"Dialogue.objects.filter(title={TITLE!r}).delete()",
    )


def focused(page) -> str:
    """What has the keyboard focus: its name attribute, else its text."""
    return page.evaluate(
        "() => document.activeElement.getAttribute('name') || document.activeElement.innerText"
    )


def row_of(page, key: str, pk: int):
    return page.locator(f"#edit-{key.replace('.', '-')}-{pk}")


def test_a_decision_is_edited_in_place_with_the_keyboard(new_context, login_state, server, made):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    page.goto(server(f"/plan/{made['dialogue']}/"))
    row = row_of(page, "planning.decision", made["decision"])
    edit = row.get_by_role("link", name="Edit 2026-03-01 Kommunstyrelsen")

    # Enter on Edit: the row becomes its form, focus in its first field.
    edit.focus()
    page.keyboard.press("Enter")
    form = row.locator("form.inline-edit")
    expect(form).to_be_visible()
    expect(form.get_by_label("Decided by")).to_have_value("Kommunstyrelsen")
    page.wait_for_function("() => document.activeElement.name === 'decided_on'")
    assert_accessible(page, "plan with a decision's form open")

    # Escape: nothing saved, the row is back and focus on its Edit button.
    form.get_by_label("Decided by").fill("Fel nämnd")
    form.get_by_label("Decided by").press("Escape")
    expect(row).to_contain_text("Kommunstyrelsen")
    expect(row.locator("form.inline-edit")).to_have_count(0)
    page.wait_for_function("() => document.activeElement.matches('[data-edit-row] a[hx-get]')")
    assert focused(page).startswith("Edit")

    # Bad input: a message in the form, nothing lost.
    page.keyboard.press("Enter")
    expect(form.get_by_label("Decided by")).to_be_visible()
    form.get_by_label("Decided by").fill("")
    form.get_by_role("button", name="Save").click()
    expect(form.locator(".error")).to_contain_text("This field is required.")

    # Save: the row shows the new value, says so, and focus is back on Edit.
    form.get_by_label("Decided by").fill("Kommunfullmäktige")
    form.get_by_label("Show on the public page").check()
    form.get_by_role("button", name="Save").click()
    expect(row).to_contain_text("Kommunfullmäktige")
    expect(row).to_contain_text("Shown")
    expect(row.get_by_role("status")).to_have_text("Saved.")
    page.wait_for_function("() => document.activeElement.matches('[data-edit-row] a[hx-get]')")
    page.reload()
    expect(row).to_contain_text("Kommunfullmäktige")


def test_the_second_of_two_racing_saves_is_refused_and_shown_what_is_saved(
    new_context, login_state, server, made
):
    first = new_context(support.DESKTOP, storage_state=login_state).new_page()
    second = new_context(support.PHONE, storage_state=login_state).new_page()
    forms = []
    for page in (first, second):
        page.goto(server(f"/plan/{made['dialogue']}/goals/"))
        row = row_of(page, "planning.purpose", made["purpose"])
        row.get_by_role("link", name="Edit").click()
        forms.append(row.locator("form.inline-edit"))
        expect(forms[-1].get_by_label("Purpose")).to_be_visible()
    assert_accessible(second, "goal matrix with a purpose's form open, phone")

    forms[0].get_by_label("Purpose").fill("Tillit")
    forms[0].get_by_role("button", name="Save").click()
    expect(row_of(first, "planning.purpose", made["purpose"])).to_contain_text("Tillit")

    forms[1].get_by_label("Purpose").fill("Ansvar")
    forms[1].get_by_role("button", name="Save").click()
    alert = forms[1].get_by_role("alert")
    expect(alert).to_contain_text("Someone else saved this while you were editing")
    expect(alert).to_contain_text("Tillit")
    expect(forms[1].get_by_label("Purpose")).to_have_value("Ansvar")
    assert_accessible(second, "a refused racing edit, phone")
    assert horizontal_overflow(second) == 0

    # Saving again, knowing what is there, replaces it.
    forms[1].get_by_role("button", name="Save").click()
    expect(row_of(second, "planning.purpose", made["purpose"])).to_contain_text("Ansvar")
    first.reload()
    expect(row_of(first, "planning.purpose", made["purpose"])).to_contain_text("Ansvar")


def test_a_portfolio_project_is_edited_and_cancel_keeps_it(new_context, login_state, server, made):
    page = new_context(support.PHONE, storage_state=login_state).new_page()
    page.goto(server(f"/workshops/{made['workshop']}/portfolio/"))
    row = row_of(page, "workshops.project", made["project"])
    row.get_by_role("link", name="Edit").click()
    form = row.locator("form.inline-edit")
    form.get_by_label("Name").fill("Något annat")
    form.get_by_role("link", name="Cancel").click()
    expect(row).to_contain_text("Trygga skolvägar")
    page.wait_for_function("() => document.activeElement.matches('[data-edit-row] a[hx-get]')")

    row.get_by_role("link", name="Edit").click()
    form.get_by_label("Department").fill("Utbildning")
    form.get_by_label("Year").fill("1800")
    form.get_by_role("button", name="Save").click()
    expect(form.locator(".error")).to_contain_text("greater than or equal to 1900")
    form.get_by_label("Year").fill("2026")
    form.get_by_role("button", name="Save").click()
    expect(row).to_contain_text("Utbildning")
    expect(row).to_contain_text("2026")
    assert horizontal_overflow(page) == 0


def test_themes_are_mapped_and_the_comparison_counts_through_the_mapping(
    new_context, login_state, server, made
):
    page = new_context(support.DESKTOP, storage_state=login_state).new_page()
    run = server(f"/workshops/{made['workshop']}/run/")
    page.goto(run)
    coverage = page.get_by_test_id("coverage")
    # "Trygghet" is a theme and a target image, but names count for nothing.
    expect(coverage).to_contain_text("8 coded inputs: 0 reach a target image")
    table = page.get_by_role("table", name="Portfolio and citizens per target image")
    expect(table.get_by_role("row", name="Trygghet")).to_contain_text("0 % (0 of 8)")

    page.get_by_role("link", name="Map the citizens' themes to target images").click()
    assert_accessible(page, "theme mapping")
    page.get_by_label("Trygghet").select_option(label="Trygghet")
    page.get_by_label("Belysning").select_option(label="Trygghet")
    page.get_by_label("Parker").select_option(label="Smidighet")
    page.get_by_role("button", name="Save the mapping").click()
    expect(page.locator(".messages")).to_contain_text("Saved: 3 themes mapped anew.")
    expect(page.get_by_test_id("coverage")).to_contain_text(
        "8 coded inputs: 8 reach a target image"
    )
    page.get_by_label("Parker").select_option(label="No target image")
    page.get_by_role("button", name="Save the mapping").click()
    expect(page.get_by_test_id("coverage")).to_contain_text("4 reach a target image")
    expect(page.get_by_test_id("coverage")).to_contain_text("4 are left out")

    page.goto(run)
    expect(table.get_by_role("row", name="Trygghet")).to_contain_text("50 % (4 of 8)")
    assert_accessible(page, "compare step")


@pytest.mark.parametrize("kind", ["phone", "desktop"])
def test_every_page_with_edit_in_place_passes_axe(new_context, login_state, server, made, kind):
    context = support.PHONE if kind == "phone" else support.DESKTOP
    page = new_context(context, storage_state=login_state).new_page()
    d, lab, w = made["dialogue"], made["lab"], made["workshop"]
    for path in [
        f"/dialogues/{d}/",
        f"/plan/{d}/",
        f"/plan/{d}/goals/",
        f"/plan/{d}/communication/",
        f"/plan/{d}/evaluation/",
        f"/plan/{d}/labs/",
        f"/plan/{d}/labs/{lab}/",
        f"/workshops/{w}/portfolio/",
        f"/workshops/{w}/themes/",
        f"/workshops/{w}/run/",
        "/accounts/audit/",
    ]:
        page.goto(server(path))
        edit = page.locator("[data-edit-row] a[hx-get]").first
        if edit.count():
            edit.click()
            expect(page.locator("form.inline-edit")).to_be_visible()
        assert_accessible(page, f"{path} at {kind} width")
        assert horizontal_overflow(page) == 0, path
