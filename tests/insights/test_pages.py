"""Pages around the board: proposed groups become themes, near-duplicates are merged."""

from django.urls import reverse

from samrad.insights.models import Input, InputStatus


def test_near_duplicates_page_lists_and_merges(logged_in, make_input, dialogue):
    keep = make_input("Bussen går för sällan från landsbygden in till stan.", upvotes=2)
    twin = make_input("Bussen går alldeles för sällan från landsbygden in till stan!", upvotes=3)
    make_input("Fler laddstolpar vid centrum.")
    url = reverse("insights:duplicates", args=[dialogue.pk])
    html = logged_in.get(url).content.decode()
    assert "alldeles för sällan" in html and "laddstolpar" not in html
    logged_in.post(url, {"keep": keep.pk, "ids": [keep.pk, twin.pk]})
    twin.refresh_from_db()
    assert twin.duplicate_of == keep and twin.status == InputStatus.DUPLICATE
    assert "No near-duplicates found." in logged_in.get(url).content.decode()


def test_proposed_groups_become_themes_with_one_click(logged_in, make_input, dialogue):
    for n in range(4):
        make_input(f"Bussen till centrum går för sällan på kvällen {n}")
        make_input(f"Mörkt och otryggt vid skolan, mer belysning {n}")
    url = reverse("insights:groups", args=[dialogue.pk])
    assert logged_in.get(url).status_code == 200
    ids = list(Input.objects.filter(text__startswith="Bussen").values_list("pk", flat=True))
    response = logged_in.post(url, {"label": "Buss", "ids": ids})
    assert response.status_code == 302
    theme = dialogue.themes.get(name="Buss")
    assert sorted(theme.inputs.values_list("pk", flat=True)) == sorted(ids)
    html = logged_in.get(url).content.decode()
    assert "Bussen till centrum" not in html
