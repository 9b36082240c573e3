"""`samrad retention [--dry-run] [--days N]`: remove participant identifiers from sessions
whose last activity is older than SAMRAD_RETENTION_DAYS (run it daily: docs/operations.md).

Participant keys are replaced by new random ones (old cookies and tokens stop working) and
answers' client ids are cleared; the answers themselves stay, as anonymous counts.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from samrad.live import privacy


class Command(BaseCommand):
    help = "Remove participant identifiers from sessions older than the retention period."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="only list what would be cleared"
        )
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=f"days after a session's last activity (default SAMRAD_RETENTION_DAYS, "
            f"now {settings.SAMRAD_RETENTION_DAYS})",
        )

    def handle(self, *args, dry_run=False, days=None, **options):
        if days is not None and days < 0:
            raise CommandError("--days must be 0 or more")
        report = privacy.retention_apply(days=days, dry_run=dry_run)
        for session in report.sessions:
            self.stdout.write(
                f"{session.pk}\t{session.code}\t{session.last_activity:%Y-%m-%d}\t{session.title}"
            )
        verb = "would clear" if dry_run else "cleared"
        self.stdout.write(
            f"{len(report.sessions)} sessions: {verb} {report.participants} participant keys "
            f"and {report.client_ids} client ids."
        )
