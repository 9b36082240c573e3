"""The local CSV (issue 12, item 14): what a Nordic office opens with a double click —
semicolons and decimal commas in sv/nb/da, commas in English, column names and values in the
dialogue's language, real dates, merged Q&A posts linked to their target; means rounded."""

import csv
import io
import re

import pytest
from django.urls import reverse

from samrad.live import exports, services
from tests.factories import member_of
from tests.live.test_exports import Built, answer

pytestmark = pytest.mark.django_db


def read(content: bytes, delimiter: str) -> list[dict[str, str]]:
    assert content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a BOM: Excel reads the letters
    return list(csv.DictReader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter))


def test_swedish_dialogue_gets_semicolons_decimal_commas_swedish_words_and_dates():
    built = Built(language="sv", title="Stadsmöte")
    rows = read(exports.responses_local_csv(built.session), ";")
    first = rows[0]
    assert list(first)[:8] == [
        "Session",
        "Fråga nr",
        "Fråga",
        "Typ",
        "Deltagare nr",
        "Kanal",
        "Datum",
        "Svar",
    ]
    assert list(first)[-1] == "Age"  # the composition question's own words, as a column
    number = next(r for r in rows if r["Fråga"] == "How many years here?")
    assert number["Svar"] == "3,5"
    assert number["Typ"] == "Tal"  # the kind in Swedish, not its code
    assert number["Kanal"] == "Live"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", number["Datum"])
    post = next(r for r in rows if r["Fråga"] == "Ask the panel")
    assert post["Besvarad"] == "Ja" and post["Svar"] == "Who decides?"
    assert post["Moderatorns svar"] == "The council"
    suggestion = next(r for r in rows if r["Svar"] == "Build more bike lanes")
    assert suggestion["Typ av inspel"] == "Förslag"
    assert suggestion["Moderering"] == "Visas"


@pytest.mark.parametrize(
    ("language", "delimiter", "decimal"),
    [("en", ",", "3.5"), ("da", ";", "3,5"), ("nb", ";", "3,5")],
)
def test_each_language_has_its_own_convention(language, delimiter, decimal):
    built = Built(language=language)
    rows = read(exports.responses_local_csv(built.session), delimiter)
    assert decimal in [r[list(r)[7]] for r in rows]


def test_a_merged_post_names_the_post_it_was_merged_into():
    built = Built(language="nb")
    qa = built.q["qa"]
    target = qa.responses.get()
    duplicate = answer(qa, built.participants[0], text="Hvem bestemmer?")
    services.qa_merge(target=target, duplicate=duplicate)
    rows = read(exports.responses_local_csv(built.session), ";")
    merged = next(r for r in rows if r["Svar"] == "Hvem bestemmer?")
    kept = next(r for r in rows if r["Svar"] == "Who decides?")
    assert merged["Slått sammen med svar nr."] == kept["Svar nr."] == str(target.pk)
    assert kept["Slått sammen med svar nr."] == ""


def test_formulas_stay_text_and_means_are_rounded_in_the_sheets():
    built = Built(language="sv")
    answer(built.q["open"], built.participants[1], text="=SUM(A1:A9)", kind="input")
    rows = read(exports.responses_local_csv(built.session), ";")
    assert any(r["Svar"] == "'=SUM(A1:A9)" for r in rows)
    numeric = built.q["numeric"]
    answer(numeric, built.participants[0], value="1")
    answer(numeric, built.participants[1], value="2")  # replaces 3.5: 1 and 2 → 1.5
    answer(numeric, built.participants[0], value="1,333")  # 1.333 and 2 → 1.6665
    table = exports.flatten_results(exports.results_of(numeric))
    assert ["mean", 1.7] in table


def test_the_local_csv_is_offered_first_on_the_session_page(client):
    built = Built(language="da")
    client.force_login(member_of(built.organisation))
    page = client.get(reverse("live:session_edit", args=[built.session.pk])).content.decode()
    url = reverse("live:session_export", args=[built.session.pk, "local.csv"])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.local.csv"')


def test_the_api_serves_the_local_csv_to_members_only(client):
    from samrad.accounts.services import apitoken_create
    from tests.factories import FacilitatorFactory

    built = Built(language="sv")
    _token, secret = apitoken_create(user=member_of(built.organisation), name="t")
    url = f"/api/v1/sessions/{built.session.pk}/local.csv"
    response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("Session;Fråga nr;")
    dialogue = client.get(
        f"/api/v1/dialogues/{built.dialogue.pk}/local.csv", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert dialogue.status_code == 200
    _token, stranger = apitoken_create(user=FacilitatorFactory(), name="t")
    assert client.get(url, HTTP_AUTHORIZATION=f"Bearer {stranger}").status_code == 404
