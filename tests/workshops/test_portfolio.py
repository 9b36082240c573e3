"""The portfolio: import from CSV/XLSX (sniffed, any of our languages, all or nothing), typed
projects and their codes, code cards; the method export/import and the demo."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from samrad.accounts.models import Role
from samrad.workshops import method, services
from samrad.workshops.mapping import services as ms
from samrad.workshops.models import Project, Workshop
from samrad.workshops.portfolio_import import parse_projects
from tests.factories import DialogueFactory, member_of

pytestmark = pytest.mark.django_db

SWEDISH_SEMICOLONS = (
    "Namn;Avdelning;År;Beskrivning;Kontaktperson;Status\n"
    "Trygghetsvandringar;Samhällsbyggnad;2026;Kvällsvandringar med boende;Anna;Genomfört\n"
    'Fritidsbanken;Kultur och fritid;2026;"Låna sportprylar; gratis";Omar;Pågår\n'
)


def test_swedish_semicolon_csv_in_windows_1252():
    table = parse_projects(SWEDISH_SEMICOLONS.encode("cp1252"), "lista.csv")
    assert table.ok, table.errors
    assert [r["name"] for r in table.rows] == ["Trygghetsvandringar", "Fritidsbanken"]
    assert table.rows[1]["description"] == "Låna sportprylar; gratis"
    assert table.rows[0]["department"] == "Samhällsbyggnad" and table.rows[0]["year"] == 2026
    assert table.rows[0]["contact"] == "Anna" and table.rows[1]["line"] == 3


def test_danish_tab_separated_with_codes():
    data = "Kode\tNavn\tAfdeling\tÅr\nK1\tCykelsti\tTeknik\t2025\nK2\tBibliotek\tKultur\t\n"
    table = parse_projects(data.encode("utf-8-sig"))
    assert table.ok
    assert [(r["code"], r["name"], r["year"]) for r in table.rows] == [
        ("K1", "Cykelsti", 2025),
        ("K2", "Bibliotek", None),
    ]


def test_xlsx_in_norwegian():
    book = Workbook()
    sheet = book.active
    sheet.append(["Prosjektnavn", "Avdeling", "År", "Ekstra"])
    sheet.append(["Smart parkering", "Teknisk", 2026, "x"])
    sheet.append(["Eldretreff", "Helse", 2025, "y"])
    buffer = io.BytesIO()
    book.save(buffer)
    table = parse_projects(buffer.getvalue(), "prosjekter.xlsx")
    assert table.ok, table.errors
    assert [(r["name"], r["year"]) for r in table.rows] == [
        ("Smart parkering", 2026),
        ("Eldretreff", 2025),
    ]
    assert table.ignored_columns == ["Ekstra"]


def test_every_bad_row_is_reported_with_its_number():
    data = (
        "code,name,year\n"
        "A1,Good project,2026\n"
        "A2,,2026\n"
        "A3,Bad year,tjugo\n"
        "A1,Same code again,2026\n"
        f"A5,{'x' * 201},2026\n"
    )
    table = parse_projects(data.encode())
    assert not table.ok
    assert [e.split(":")[0] for e in table.errors] == ["Row 3", "Row 4", "Row 5", "Row 6"]
    assert "name is missing" in table.errors[0]
    assert "“tjugo” is not a year" in table.errors[1]
    assert "also on row 2" in table.errors[2]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"foo,bar\n1,2\n", "No column with the projects' names"),
        (b"PK\x03\x04broken", "could not be opened"),
        (b"name\n", "no projects"),
    ],
)
def test_broken_files_get_a_clear_message(data, message):
    table = parse_projects(data, "x.csv")
    assert not table.ok and message in table.errors[0]


@pytest.fixture
def setup():
    dialogue = DialogueFactory()
    runner = member_of(dialogue.organisation, Role.FACILITATOR)
    workshop = services.workshop_create(dialogue, "mapping", runner)
    return workshop, runner


def test_import_page_previews_then_imports_all(client, setup):
    workshop, runner = setup
    client.force_login(runner)
    url = reverse("workshops:portfolio", args=[workshop.pk])
    upload = SimpleUploadedFile("lista.csv", SWEDISH_SEMICOLONS.encode("utf-8"))
    preview = client.post(url, {"preview_import": "1", "file": upload})
    assert preview.status_code == 200
    assert "2 projects ready to import" in preview.content.decode()
    assert not workshop.projects.exists()  # a preview writes nothing
    payload = preview.context["preview"].payload
    client.post(url, {"confirm_import": "1", "payload": payload})
    assert list(workshop.projects.values_list("code", "name")) == [
        ("P01", "Trygghetsvandringar"),
        ("P02", "Fritidsbanken"),
    ]


def test_a_file_with_errors_imports_nothing(client, setup):
    workshop, runner = setup
    client.force_login(runner)
    url = reverse("workshops:portfolio", args=[workshop.pk])
    upload = SimpleUploadedFile("lista.csv", b"name,year\nOk,2026\n,2026\n")
    response = client.post(url, {"preview_import": "1", "file": upload})
    assert response.status_code == 422
    assert "Row 3" in response.content.decode()
    assert "confirm_import" not in response.content.decode()
    assert not workshop.projects.exists()


def test_a_tampered_preview_is_refused(client, setup):
    workshop, runner = setup
    client.force_login(runner)
    url = reverse("workshops:portfolio", args=[workshop.pk])
    response = client.post(url, {"confirm_import": "1", "payload": "forged"}, follow=True)
    assert "The preview has expired" in response.content.decode()
    assert not workshop.projects.exists()


def test_import_is_all_or_nothing_when_a_code_is_taken(setup):
    workshop, runner = setup
    ms.project_add(workshop=workshop, actor=runner, name="Finns redan", code="X1")
    rows = [{"line": 2, "code": "", "name": "Ny"}, {"line": 3, "code": "x1", "name": "Krock"}]
    with pytest.raises(ms.ImportRefused) as refused:
        ms.projects_import(workshop=workshop, actor=runner, rows=rows)
    assert "Row 3" in refused.value.errors[0]
    assert list(workshop.projects.values_list("name", flat=True)) == ["Finns redan"]


def test_codes_continue_after_the_existing_ones(setup):
    workshop, runner = setup
    ms.project_add(workshop=workshop, actor=runner, name="A", code="P01")
    ms.project_add(workshop=workshop, actor=runner, name="B", code="P03")
    created = ms.projects_import(
        workshop=workshop, actor=runner, rows=[{"name": "C"}, {"name": "D"}, {"name": "E"}]
    )
    assert [p.code for p in created] == ["P02", "P04", "P05"]


def test_method_export_and_import_into_another_dialogue(setup):
    workshop, runner = setup
    services.step_update(
        step=workshop.steps.first(), actor=runner, title="Hej", body="Ramar", script="Eget manus"
    )
    ms.framework_update(
        framework=workshop.framework,
        actor=runner,
        name="Våra målbilder",
        images=[
            {
                "pk": workshop.framework.images.first().pk,
                "name": "Trygghet",
                "description": "Egen",
                "areas": ["Belysning", "Vård"],
            }
        ],
    )
    ms.project_add(workshop=workshop, actor=runner, name="Stays home")
    data = method.export(workshop.dialogue)
    assert data["workshops"][0]["steps"][0]["script"] == "Eget manus"
    assert data["frameworks"][0]["images"][0]["areas"] == ["Belysning", "Vård"]
    other = DialogueFactory()
    other_user = member_of(other.organisation, Role.OWNER)
    (copy,) = method.import_(other, data, other_user)
    assert copy.dialogue == other and copy.session.code != workshop.session.code
    assert [s.format for s in copy.steps.all()] == [s.format for s in workshop.steps.all()]
    assert copy.steps.first().script == "Eget manus"
    assert copy.framework.organisation == other.organisation
    assert [a.name for a in copy.framework.images.first().areas.all()] == ["Belysning", "Vård"]
    assert not copy.projects.exists()


def test_the_demo_has_a_mapping_workshop_with_placed_projects():
    from samrad.workshops import demo

    dialogue = DialogueFactory(title="Storby 2030")
    user = member_of(dialogue.organisation, Role.OWNER)
    demo.load(dialogue, user)
    workshop = Workshop.objects.get(dialogue=dialogue)
    assert Project.objects.filter(workshop=workshop).count() == 15
    assert workshop.placements.count() > 0
    assert workshop.compare_question is not None
    assert workshop.current_step.format == "workshops.mapping"


def test_a_method_file_written_before_steps_had_a_format_still_imports(setup):
    """Method templates exported before the rename name a step's format `kind`."""
    workshop, _runner = setup
    data = method.export(workshop.dialogue)
    steps = data["workshops"][0]["steps"]
    assert all("format" in step and "kind" not in step for step in steps)
    for step in steps:
        step["kind"] = step.pop("format")
    other = DialogueFactory()
    (copy,) = method.import_(other, data, member_of(other.organisation, Role.OWNER))
    assert [s.format for s in copy.steps.all()] == [s.format for s in workshop.steps.all()]
    assert "workshops.mapping" in [s.format for s in copy.steps.all()]
