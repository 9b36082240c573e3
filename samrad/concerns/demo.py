"""Demo data for Storby 2030: concerns residents raised about the smart society, and a
finished "Lös en farhåga" workshop with ideas from phones, a dot vote and the actions that
followed (one done, one under way, one overdue)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from samrad.concerns import services
from samrad.concerns.models import ActionStatus, OwnerType, Sphere
from samrad.live import services as live_services
from samrad.workshops.services import workshop_create, workshop_go_to

CONCERNS = [
    "Äldre som inte använder smarta telefoner hamnar utanför.",
    "Det blir svårare att få tag på en människa när kommunen digitaliserar.",
    "Kameror och sensorer i stadsmiljön kan inkräkta på min integritet.",
    "Landsbygden glöms bort när satsningarna görs i centralorten.",
    "Vad händer med våra uppgifter om det blir ett dataintrång?",
]

IDEAS = {
    0: [
        "Digitalt fixarkafé på biblioteket varje vecka",
        "Ungdomar lär äldre – generationsmöten i föreningarna",
        "Pappersblanketter kvar i kommunens servicecenter",
        "Telefonnummer till en människa på alla e-tjänster",
    ],
    1: [
        "Ring-upp-tjänst: kommunen ringer tillbaka inom en arbetsdag",
        "Servicecenter med kvällsöppet två dagar i veckan",
        "En kontaktperson för föreningar och företag",
        "Chatt där man alltid kan be att få prata med en handläggare",
    ],
}

# (group, idea index) per dot: five phones, three dots each.
DOTS = [
    [(0, 0), (0, 3), (1, 0)],
    [(0, 0), (1, 0), (1, 1)],
    [(0, 3), (0, 0), (1, 2)],
    [(0, 1), (1, 0), (0, 0)],
    [(1, 1), (0, 3), (1, 0)],
]


def load(dialogue, actor) -> None:
    concerns = [
        services.concern_add(dialogue=dialogue, text=text, actor=actor) for text in CONCERNS
    ]
    workshop = workshop_create(
        dialogue, "concerns", actor, title="Lös en farhåga – Storby 2030", language="sv"
    )
    first, second = workshop.concern_groups.all()
    services.group_update(group=first, name=first.name, concern=concerns[0], actor=actor)
    services.group_update(group=second, name=second.name, concern=concerns[1], actor=actor)

    phones = [live_services.participant_join(session=workshop.session) for _ in DOTS]
    for index, phone in enumerate(phones):
        services.group_join(workshop=workshop, participant=phone, group=(first, second)[index % 2])

    ideas_step = workshop.steps.get(format="concerns.ideas")
    workshop_go_to(workshop=workshop, step=ideas_step, actor=actor)
    ideas = {}
    for group_index in range(2):
        authors = [p for i, p in enumerate(phones) if i % 2 == group_index]
        for number, text in enumerate(IDEAS[group_index]):
            ideas[(group_index, number)] = services.idea_submit(
                workshop=workshop,
                step=ideas_step,
                participant=authors[number % len(authors)],
                text=text,
            )

    vote = workshop.steps.get(format="concerns.vote")
    workshop_go_to(workshop=workshop, step=vote, actor=actor)
    for phone, dots in zip(phones, DOTS, strict=True):
        for key in dots:
            services.dot_add(workshop=workshop, step=vote, participant=phone, idea=ideas[key])
    services.step_set_closed(step=vote, closed=True, actor=actor)

    workshop_go_to(
        workshop=workshop, step=workshop.steps.get(format="concerns.actions"), actor=actor
    )
    actions = services.actions_from_top(workshop=workshop, step=vote, top=2, actor=actor)
    today = timezone.localdate()
    plans = [
        (OwnerType.ORGANISATION, "Storby bibliotek", Sphere.LEVA, 30, ActionStatus.IN_PROGRESS),
        (OwnerType.MUNICIPALITY, "", Sphere.BO, -14, ActionStatus.AGREED),
        (OwnerType.MUNICIPALITY, "Kontaktcenter", Sphere.VERKA, -30, ActionStatus.DONE),
        (OwnerType.ASSOCIATION, "PRO Storby", Sphere.LEVA, 60, ActionStatus.PROPOSED),
    ]
    for action, (owner_type, owner_name, sphere, days, status) in zip(actions, plans, strict=False):
        services.action_update(
            action=action,
            actor=actor,
            owner_type=owner_type,
            owner_name=owner_name,
            sphere=sphere,
            due=today + timedelta(days=days),
            status=status,
        )
    live_services.session_close(session=workshop.session)
