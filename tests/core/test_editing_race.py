"""Racing edits for real: ten facilitators save the same purpose at the same moment, all
from the same form version. Exactly one save wins; every other is refused with the winner's
value (EditConflict), none is silently lost or half-written, and the audit log has one entry.

The in-memory SQLite test database refuses concurrent writers, so on SQLite the test runs
again in a subprocess on a SQLite file; the PostgreSQL pass runs it directly."""

from samrad.core import editing
from samrad.core.models import AuditEntry
from samrad.planning import services
from samrad.planning.models import Purpose
from tests.factories import DialogueFactory
from tests.security.test_concurrency import at_once, concurrent_db  # noqa: F401 (fixture)

EDITORS = 10


def test_of_racing_saves_one_wins_and_the_others_see_it(concurrent_db):  # noqa: F811
    purpose = services.purpose_create(dialogue=DialogueFactory(), title="Delaktighet", actor=None)
    version = editing.version_of(purpose, ("title",))

    def save(i):
        mine = Purpose.objects.get(pk=purpose.pk)  # each editor's own copy, as its form saw it
        return services.purpose_update(
            purpose=mine, values={"title": f"Titel {i}"}, version=version, actor=None
        )

    results = at_once(EDITORS, save)
    won = [i for i, result in enumerate(results) if isinstance(result, list)]
    refused = [r for r in results if isinstance(r, editing.EditConflict)]
    assert len(won) == 1, results
    assert len(refused) == EDITORS - 1, results
    winner = f"Titel {won[0]}"
    assert Purpose.objects.get(pk=purpose.pk).title == winner
    assert all(conflict.current == {"title": winner} for conflict in refused)
    assert AuditEntry.objects.filter(action="planning.purpose.update").count() == 1
