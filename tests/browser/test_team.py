"""The team end to end: the owner invites a colleague by e-mail, the colleague accepts in
another browser, the owner narrows the colleague's role per dialogue (facilitator on one,
viewer on the other) and the colleague sees and does only what each role allows; a used
link says so; the owner removes the colleague. axe-core at 1440 and 390 px."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser import support
from tests.browser.support import assert_accessible

pytestmark = pytest.mark.browser

EMAIL = "kollega.team@example.org"
NEW_DIALOGUE = "Teamprov"


def invitation_link(server, email: str) -> str:
    """The last invitation link mailed to `email` (the console e-mail backend writes the
    server's log)."""
    log = server.log.read_text()
    start = log.rfind(f"To: {email}")
    assert start >= 0, f"no e-mail to {email} in the server log"
    match = re.search(r"(/accounts/invitation/[^/\s]+/)", log[start:])
    assert match, "no invitation link in the e-mail"
    return match.group(1)


def test_invite_accept_narrow_per_dialogue_and_remove(new_context, server, login_state):
    owner = new_context(support.DESKTOP, storage_state=login_state).new_page()
    owner.goto(server("/dialogues/new/"))
    owner.get_by_label("Title").fill(NEW_DIALOGUE)
    owner.get_by_role("button", name="Create dialogue").click()
    expect(owner.get_by_role("heading", name=NEW_DIALOGUE, level=1)).to_be_visible()

    owner.goto(server("/dialogues/"))
    owner.get_by_role("link", name="Team", exact=True).click()
    expect(owner.get_by_role("heading", name=re.compile("^Team"), level=1)).to_be_visible()
    owner.get_by_label("E-mail address").fill(EMAIL)
    owner.get_by_label("Role", exact=True).select_option("viewer")
    owner.get_by_label("Language of the e-mail").select_option("en")
    owner.get_by_role("button", name="Send the invitation").click()
    expect(owner.get_by_role("status")).to_contain_text(f"Invitation sent to {EMAIL}")
    expect(owner.get_by_test_id("invitation")).to_contain_text(EMAIL)
    assert_accessible(owner, "the team page at 1440 px")
    owner.set_viewport_size({"width": 390, "height": 844})
    assert_accessible(owner, "the team page at 390 px")
    assert support.horizontal_overflow(owner) == 0
    owner.set_viewport_size({"width": 1440, "height": 900})

    # Inviting the same address as a member is refused once it has joined (below); the link
    # opens in another browser, where nobody is logged in.
    link = invitation_link(server, EMAIL)
    colleague = new_context(support.PHONE).new_page()
    colleague.goto(server(link))
    expect(colleague.get_by_text("You are invited to join")).to_be_visible()
    assert_accessible(colleague, "the invitation page at 390 px")
    colleague.set_viewport_size({"width": 1440, "height": 900})
    assert_accessible(colleague, "the invitation page at 1440 px")
    colleague.set_viewport_size({"width": 390, "height": 844})
    colleague.get_by_label("Username").fill("kollega")
    colleague.get_by_label("Password", exact=True).fill("ett-langt-losenord-42")
    colleague.get_by_label("Password confirmation").fill("ett-langt-losenord-42")
    colleague.get_by_role("button", name="Create the account and join").click()
    expect(colleague.get_by_role("status")).to_contain_text("Welcome to")
    expect(colleague.get_by_role("link", name="Storby 2030").first).to_be_visible()

    # The link works once.
    used = new_context(support.DESKTOP).new_page()
    assert used.goto(server(link)).status == 410
    expect(used.get_by_role("alert")).to_contain_text("already been used")
    assert_accessible(used, "a used invitation link at 1440 px")

    # An address that is a member now is refused with a message.
    owner.reload()
    owner.get_by_label("E-mail address").fill(EMAIL)
    owner.get_by_role("button", name="Send the invitation").click()
    expect(owner.locator(".field .error")).to_contain_text(f"{EMAIL} is already a member")

    # A viewer of the organisation, facilitator on the new dialogue only.
    member = owner.get_by_test_id("member-kollega")
    expect(member.get_by_test_id("role")).to_have_text("Viewer")
    member.get_by_text("Role of kollega on one dialogue").click()
    member.get_by_label("Dialogue", exact=True).select_option(label=NEW_DIALOGUE)
    member.get_by_label("Role on this dialogue").select_option("facilitator")
    member.get_by_role("button", name="Save the role on this dialogue").click()
    expect(owner.get_by_role("status")).to_contain_text(f"kollega on “{NEW_DIALOGUE}”: Facilitator")
    expect(owner.get_by_test_id("member-kollega")).to_contain_text(
        f"Facilitator on “{NEW_DIALOGUE}”"
    )
    teams = owner.get_by_test_id("dialogue-teams")
    expect(teams.get_by_role("row", name=re.compile(f"^{NEW_DIALOGUE}"))).to_contain_text("kollega")
    expect(
        teams.get_by_role("row", name=re.compile("^Storby 2030")).first.locator("td").last
    ).to_contain_text("kollega")
    assert_accessible(owner, "the team page with a role per dialogue")

    colleague.set_viewport_size({"width": 1440, "height": 900})
    colleague.goto(server("/dialogues/"))
    colleague.get_by_role("link", name=NEW_DIALOGUE).click()
    expect(colleague.get_by_role("link", name="New live session")).to_be_visible()
    new_dialogue_url = colleague.url
    colleague.goto(server("/dialogues/"))
    colleague.get_by_role("link", name="Storby 2030").first.click()
    expect(colleague.get_by_role("heading", name="Storby 2030", level=1)).to_be_visible()
    expect(colleague.get_by_role("link", name="New live session")).to_have_count(0)
    # ...and the server refuses what the page does not offer.
    csrf = next(c["value"] for c in colleague.context.cookies() if c["name"] == "csrftoken")
    refused = colleague.request.post(
        colleague.url,
        form={"csrfmiddlewaretoken": csrf, "save_dialogue": "1", "title": "x", "language": "sv"},
        headers={"X-CSRFToken": csrf},
    )
    assert refused.status == 403
    # The team page: a member reads it but manages nothing.
    colleague.goto(server("/accounts/team/"))
    expect(colleague.get_by_test_id("member-kollega")).to_be_visible()
    expect(colleague.get_by_role("button", name="Send the invitation")).to_have_count(0)

    # The owner removes the colleague: the dialogues are gone for them.
    owner.once("dialog", lambda dialog: dialog.accept())
    owner.get_by_role("button", name="Remove kollega").click()
    expect(owner.get_by_role("status")).to_contain_text("kollega was removed from the team")
    expect(owner.get_by_test_id("member-kollega")).to_have_count(0)
    assert colleague.goto(new_dialogue_url).status == 404

    # The audit log names each step.
    owner.goto(server("/accounts/audit/?action=accounts"))
    for action in (
        "accounts.invite",
        "accounts.invite_accept",
        "accounts.dialogue_role",
        "accounts.member_remove",
    ):
        expect(owner.locator("code", has_text=re.compile(f"^{action}$")).first).to_be_visible()
