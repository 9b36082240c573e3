"""`samrad apitoken create|list|revoke`: personal tokens for the facilitator API.

samrad apitoken create USERNAME [--name NAME]   # prints the secret once, on stdout
samrad apitoken list [USERNAME]
samrad apitoken revoke ID_OR_PREFIX
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from samrad.accounts.models import ApiToken
from samrad.accounts.services import apitoken_create, apitoken_revoke


class Command(BaseCommand):
    help = "Create, list and revoke personal tokens for the facilitator API (/api/v1/)."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="command", required=True)
        create = commands.add_parser("create", help="create a token and print its secret once")
        create.add_argument("username")
        create.add_argument("--name", default="", help="what the token is for")
        listing = commands.add_parser("list", help="list tokens (never their secrets)")
        listing.add_argument("username", nargs="?")
        revoke = commands.add_parser("revoke", help="revoke a token by its id or its prefix")
        revoke.add_argument("token")

    def handle(self, *args, command, **options):
        getattr(self, f"handle_{command}")(**options)

    def handle_create(self, *, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user {username!r}.")
        token, secret = apitoken_create(user=user, name=name)
        self.stderr.write(
            f"Token {token.pk} ({token.name}) for {username}. Copy it now: it is not shown again."
        )
        self.stdout.write(secret)

    def handle_list(self, *, username=None, **options):
        tokens = ApiToken.objects.select_related("user")
        if username:
            tokens = tokens.filter(user__username=username)
        for token in tokens:
            used = token.last_used_at.isoformat(timespec="seconds") if token.last_used_at else "-"
            self.stdout.write(
                f"{token.pk}\t{token.user.username}\t{token.prefix}…\t{token.name}\t"
                f"created {token.created_at:%Y-%m-%d}\tlast used {used}"
            )

    def handle_revoke(self, *, token, **options):
        found = ApiToken.objects.filter(prefix=token.rstrip("…"))
        if token.isdigit():
            found = ApiToken.objects.filter(pk=int(token))
        if found.count() != 1:
            raise CommandError(f"No single token matches {token!r}; see `samrad apitoken list`.")
        item = found.get()
        described = f"token {item.pk} ({item.name}) of {item.user.username}"
        apitoken_revoke(token=item)
        self.stdout.write(f"Revoked {described}.")
