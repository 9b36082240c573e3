"""Management commands: demo, serve, wordcloud."""

import io

import pytest
from django.core.management import CommandError, call_command

from samrad.accounts.models import Organisation
from samrad.live.models import LiveSession, SessionStatus
from samrad.site.management.commands.demo import DEMO_SESSION_TITLE


@pytest.mark.django_db
def test_demo_is_idempotent_and_prints_login_and_code():
    first, second = io.StringIO(), io.StringIO()
    call_command("demo", stdout=first)
    call_command("demo", stdout=second)
    assert Organisation.objects.filter(name="Demo kommun").count() == 1
    # Apps' demos add sessions of their own (a workshop's phones join its live session).
    session = LiveSession.objects.get(title=DEMO_SESSION_TITLE)
    assert session.status == SessionStatus.OPEN
    kinds = [q.kind for q in session.questions.order_by("position", "id")]
    assert kinds[:3] == ["wordcloud", "choice", "open"]  # the browser tests index these
    assert "qa" in kinds
    for out in (first.getvalue(), second.getvalue()):
        assert f"Join code: {session.code}" in out
        assert "username: demo" in out


def test_serve_refuses_several_workers_on_sqlite(settings):
    settings.USES_SQLITE = True
    with pytest.raises(CommandError, match="DATABASE_URL"):
        call_command("serve", "--workers", "2")


def test_serve_refuses_several_workers_without_redis(settings):
    settings.USES_SQLITE = False
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("serve", "--workers", "2")


def test_wordcloud_command_prints_term_tab_count(tmp_path, capsys):
    source = tmp_path / "entries.txt"
    source.write_text("Spennende_prosjekt\nspennende prosjekt\nog\nSkolen\nskole\nskolene\n")
    call_command("wordcloud", str(source), "--lang", "nb")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split("\t")[1] == "3"
    assert "spennende prosjekt\t2" in lines
    assert all("\t" in line for line in lines)
    assert not any(line.startswith("og\t") for line in lines)


def test_wordcloud_command_splits_words(tmp_path, capsys):
    source = tmp_path / "menti.txt"
    source.write_text("trygghet bättre_belysning\ntrygghet\n", encoding="utf-8")
    call_command("wordcloud", str(source), "--lang", "sv", "--split", "words")
    assert capsys.readouterr().out.splitlines() == ["trygghet\t2", "bättre belysning\t1"]
