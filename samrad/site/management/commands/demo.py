"""`samrad demo`: create (once) a demo organisation, facilitator, dialogue and open session.

Running it again finds what it made before and only prints the login and join code.
"""

import os

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from samrad.accounts.models import Organisation, Role
from samrad.accounts.services import facilitator_create, organisation_create
from samrad.core import plugins
from samrad.dialogues.services import dialogue_create
from samrad.live import services as live
from samrad.live.errors import NoCodesLeft
from samrad.live.models import LiveSession, QuestionKind

DEMO_ORG_SLUG = "demo-kommun"
DEMO_USERNAME = "demo"
DEMO_SESSION_TITLE = "Stormöte om framtidens Storby"


class Command(BaseCommand):
    help = "Create the demo organisation, facilitator, dialogue and session (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        try:
            self._handle(*args, **options)
        except NoCodesLeft as refused:  # nothing was made: the transaction is undone
            raise CommandError(refused.message) from None

    @transaction.atomic
    def _handle(self, *args, host, **options):
        password = os.environ.get("SAMRAD_DEMO_PASSWORD", "samrad-demo")
        organisation = Organisation.objects.filter(slug=DEMO_ORG_SLUG).first()
        if organisation is None:
            organisation = organisation_create(name="Demo kommun", slug=DEMO_ORG_SLUG)
        if not get_user_model().objects.filter(username=DEMO_USERNAME).exists():
            facilitator_create(
                organisation=organisation,
                username=DEMO_USERNAME,
                password=password,
                email="demo@example.org",
                role=Role.OWNER,
            )
        session = (
            LiveSession.objects.filter(
                dialogue__organisation=organisation, title=DEMO_SESSION_TITLE
            )
            .order_by("pk")
            .first()
        )
        if session is None:
            session = self._create_session(organisation)
            user = get_user_model().objects.get(username=DEMO_USERNAME)
            for load in plugins.DEMO_LOADERS:
                # Each app's part of the demo (its demo.py: load), as it registered it.
                load(session.dialogue, user)
        self.stdout.write(
            "\n".join(
                [
                    "",
                    "Samråd demo is ready.",
                    f"  Facilitator login: http://{host}/accounts/login/",
                    f"    username: {DEMO_USERNAME}",
                    f"    password: {password}",
                    f"  Join code: {session.code}",
                    f"    phones:    http://{host}/j/{session.code}/  (or http://{host}/join)",
                    f"    projector: http://{host}/present/{session.code}/",
                    f"    control:   http://{host}/sessions/{session.pk}/control/",
                    "",
                ]
            )
        )

    def _create_session(self, organisation):
        dialogue = dialogue_create(
            organisation=organisation,
            title="Storby 2030",
            description="Hur vill vi leva, bo och verka i Storby år 2030?",
            language="sv",
        )
        session = live.session_create(dialogue=dialogue, title=DEMO_SESSION_TITLE)
        live.question_add(
            session=session,
            kind=QuestionKind.WORDCLOUD,
            prompt="Vilket ord beskriver Storby bäst i dag?",
            max_entries=3,
            max_words=3,
        )
        live.question_add(
            session=session,
            kind=QuestionKind.CHOICE,
            prompt="Vad är viktigast för Storby de närmaste fem åren?",
            choices=["Trygghet", "Kollektivitet", "Smidighet"],
            allow_other=True,
        )
        live.question_add(
            session=session,
            kind=QuestionKind.OPEN,
            prompt="Har du en fråga, ett inspel eller ett förslag till kommunen?",
        )
        # Q&A for the town-hall panel: citizens post questions and upvote each other's.
        live.question_add(
            session=session,
            kind=QuestionKind.QA,
            prompt="Vad vill du fråga kommunstyrelsens ordförande?",
        )
        live.question_add(
            session=session,
            kind=QuestionKind.SCALE,
            prompt="Hur nöjd är du med Storby som plats att bo på?",
            scale_min=1,
            scale_max=10,
            label_low="Inte alls nöjd",
            label_high="Mycket nöjd",
        )
        live.question_add(
            session=session,
            kind=QuestionKind.RANKING,
            prompt="Vad ska kommunen satsa på först? Ordna från viktigast.",
            choices=["Fler cykelvägar", "Ny simhall", "Upprustade lekplatser", "Bättre belysning"],
        )
        live.question_add(
            session=session,
            kind=QuestionKind.NUMERIC,
            prompt="Hur många år har du bott i Storby?",
            number_min=0,
            number_max=120,
        )
        live.question_add(
            session=session,
            kind=QuestionKind.POINTS,
            prompt="Fördela 100 poäng: vad ska budgeten räcka till?",
            choices=["Skola", "Äldreomsorg", "Kultur och fritid", "Gator och parker"],
            points_budget=100,
        )
        return live.session_open(session=session)
