"""The plan of the demo dialogue "Storby 2030", after Skellefteå 2030 (seeds/004): four purposes
decided by the politicians, 13 measures (nine met, two close, two pending), target groups
reached by outreach, twelve meetings, a communication plan, decisions, lessons learned, the
process evaluation and a co-creation lab (seeds/002).

Dates are relative to today, so that the statuses stay the same whenever the demo is loaded.
Three past meetings asked the ready-made composition and evaluation polls; their answers are
typed in as paper forms, so the bound measures read real live data.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from samrad.dialogues import services as dialogues
from samrad.live import services as live
from samrad.live.kinds import Answer
from samrad.live.models import Channel
from samrad.planning import services

PARTICIPANTS_PER_MEETING = 16
SATISFACTION = [5, 4, 4, 5, 3, 4, 4, 5, 3, 4]  # mean 4.1
COULD_SAY = [5, 4, 4, 3, 5]  # 80 % at 4 or above
COMMENTS = [
    "Bra att politikerna lyssnade och inte bara pratade.",
    "För lite tid för frågor på slutet.",
    "Mer sådant här, gärna även på landsbygden!",
    "Svårt att höra i lokalen.",
]


def _when(days: int, hour: int = 18):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _question(questions, key):
    return next(q for q in questions if q.template_key == key)


def _choice(question, label):
    return next(c for c in question.choices.all() if c.label == label)


def _answer_polls(session, offset: int) -> None:
    """Paper forms for the meeting's composition and evaluation polls."""
    questions = live.poll_add(session=session, key="composition") + live.poll_add(
        session=session, key="evaluation"
    )
    age, first = (_question(questions, key) for key in ("age_band", "first_meeting"))
    satisfaction, could_say, trust, comment = (
        _question(questions, key) for key in ("satisfaction", "could_say", "trust", "comment")
    )
    ages = ["Under 18", "18–29", "30–44", "45–64", "65–79", "30–44", "45–64", "65–79"]
    for n in range(PARTICIPANTS_PER_MEETING):
        i = offset + n
        participant = live.proxy_participant_create(session=session, channel=Channel.PAPER)

        def submit(question, answer, participant=participant):
            live.response_submit(
                question=question, participant=participant, answer=answer, channel=Channel.PAPER
            )

        # Every fourth is young (25 %); 7 of 16 come for the first time (44 %).
        young = i % 4 == 0
        submit(
            age, Answer(choices=[_choice(age, ages[(i // 4) % 2] if young else ages[2 + i % 6]).pk])
        )
        submit(first, Answer(choices=[_choice(first, "Ja" if n < 7 else "Nej").pk]))
        submit(satisfaction, Answer(value=SATISFACTION[i % 10]))
        submit(could_say, Answer(value=COULD_SAY[i % 5]))
        submit(trust, Answer(value=(4 + i % 2) if i % 20 < 13 else 3 - i % 2))  # 65 %
        if n < len(COMMENTS):
            submit(comment, Answer(text=COMMENTS[n], kind="input"))


def _meetings(dialogue, actor):
    open_places = [
        ("Öppet möte i Norrby", "Norrby skola, aulan", -58),
        ("Öppet möte i Centrum", "Stadshuset, sessionssalen", -51),
        ("Öppet möte i Åby", "Åby bygdegård", -44),
        ("Öppet möte i Strand", "Strandskolan", -37),
        ("Öppet möte i Västra", "Västra medborgarhuset", -30),
        ("Öppet möte i Berga", "Berga folkets hus", -23),
        ("Öppet möte i Lunden", "Lundens bibliotek", -16),
        ("Avslutande öppet möte", "Stadshuset, sessionssalen", 12),
    ]
    outreach_places = [
        ("Förskolan Solrosen", "Förskolan Solrosen", -62),
        ("Lekland på lördag", "Storby lekland", -55),
        ("Campus Storby", "Campus, entréhallen", -48),
        ("Språkcafé på biblioteket", "Stadsbiblioteket", 5),
    ]
    meetings = {}
    for title, place, days in open_places:
        meetings[title] = dialogues.meeting_create(
            dialogue=dialogue, title=title, place=place, starts_at=_when(days), kind="open"
        )
    for title, place, days in outreach_places:
        meetings[title] = dialogues.meeting_create(
            dialogue=dialogue, title=title, place=place, starts_at=_when(days, 10), kind="outreach"
        )
    return meetings


def load(dialogue, actor) -> None:
    meetings = _meetings(dialogue, actor)

    sessions = []
    for offset, title in enumerate(
        ["Öppet möte i Norrby", "Öppet möte i Centrum", "Öppet möte i Åby"]
    ):
        session = live.session_create(dialogue=dialogue, title=f"{title}: vilka är här?")
        live.session_update(
            session=session, title=session.title, mode=session.mode, meeting=meetings[title]
        )
        _answer_polls(session, offset * PARTICIPANTS_PER_MEETING)
        live.session_close(session=session)
        sessions.append(session)
    first_session = sessions[0]
    questions = {q.template_key: q for q in first_session.questions.all()}

    # --- Phases, decisions ---
    phase_plans = {
        "Intervjuer": (
            -95,
            -60,
            "Uppsökande intervjuer på förskola, lekland, campus och språkcafé.",
        ),
        "Workshop": (-59, -14, "Tio öppna möten i kommunens orter med mentometerfrågor."),
        "Resultat": (-13, 14, "Inspelen sammanställs och besvaras; återkoppling på webben."),
        "Planer/Idéer": (15, 75, "Förslagen arbetas in i strategin Storby 2030."),
        "Guider": (76, 120, "Metoden och lärdomarna samlas i en guide för nästa dialog."),
    }
    outcomes = {
        "Intervjuer": "Oron för ensamhet och för otrygga skolvägar kom fram redan här.",
        "Workshop": "Inspelen kodades i teman; idéerna med flest prickar blev åtgärder.",
    }
    for phase in dialogue.phases.all():
        if phase.name in phase_plans:
            start, end, contents = phase_plans[phase.name]
            services.phase_plan_set(
                phase=phase,
                starts_on=timezone.localdate() + timedelta(days=start),
                ends_on=timezone.localdate() + timedelta(days=end),
                contents=contents,
                outcome=outcomes.get(phase.name, ""),
                actor=actor,
            )
    today = timezone.localdate()
    for days, body, decision, consequence in [
        (
            -150,
            "Kommunstyrelsen",
            "Dialogens fyra syften fastställs.",
            "Målmatrisen byggs utifrån syftena; projektgruppen tar fram mål och mått.",
        ),
        (
            -120,
            "Kommunstyrelsen",
            "Målmatris, målgrupper och tidplan godkänns.",
            "Uppsökande möten med unga, småbarnsföräldrar och personer födda utomlands planeras.",
        ),
        (
            -8,
            "Kommunstyrelsens arbetsutskott",
            "Återkoppling sker på webben, per e-post och i en bilaga i lokaltidningen.",
            "Alla inspel besvaras innan strategin går till kommunfullmäktige.",
        ),
    ]:
        services.decision_create(
            dialogue=dialogue,
            decided_on=today + timedelta(days=days),
            body=body,
            decision=decision,
            consequence=consequence,
            public=True,
            actor=actor,
        )

    # --- The goal matrix: 13 measures ---
    def measure(goal, title, method, source, target, **fields):
        return services.measure_create(
            goal=goal,
            title=title,
            method=method,
            source=source,
            target=target,
            actor=actor,
            **fields,
        )

    def choices(question, labels):
        return [c.pk for c in question.choices.all() if c.label in labels]

    p1 = services.purpose_create(
        dialogue=dialogue, title="Känsla av samhörighet och gemensamt ansvar", actor=actor
    )
    g = services.goal_create(purpose=p1, title="Många invånare deltar i dialogen", actor=actor)
    measure(
        g, "Deltagare som svarat på mötena", "Mentometerfrågor på varje möte", "participants", 45
    )
    measure(g, "Genomförda möten", "Mötesplanen", "meetings_held", 10)
    g = services.goal_create(purpose=p1, title="Deltagarna kan göra sin röst hörd", actor=actor)
    measure(
        g,
        "Andel som kunde säga det de ville (4–5)",
        "Mötesutvärdering, skala 1–5",
        "answer_share",
        75,
        question=questions["could_say"],
        threshold=4,
    )

    p2 = services.purpose_create(
        dialogue=dialogue,
        title="Kunskap om medborgarnas prioriteringar och behov för ett bättre beslutsunderlag",
        actor=actor,
    )
    g = services.goal_create(purpose=p2, title="Alla inspel tas om hand", actor=actor)
    measure(g, "Andel inspel som besvarats", "Inspelstavlan", "inputs_answered", 90)
    measure(
        g,
        "Andel av åsikterna som tagits till vara i strategin",
        "Genomgång av strategin mot inspelen",
        "manual",
        50,
        due_on=today + timedelta(days=90),
    )
    g = services.goal_create(
        purpose=p2, title="Politikerna får ett bättre beslutsunderlag", actor=actor
    )
    m = measure(
        g, "Politikernas bedömning av beslutsunderlaget (1–5)", "Enkät till KS", "manual", 4
    )
    services.measure_record(
        measure=m,
        value=3.7,
        evidence="Enkät till kommunstyrelsens ledamöter, 11 av 13 svarade.",
        recorded_on=today - timedelta(days=5),
        actor=actor,
    )

    p3 = services.purpose_create(
        dialogue=dialogue, title="Ökat inflytande och aktivt medborgarskap", actor=actor
    )
    g = services.goal_create(purpose=p3, title="Vi når grupper som sällan deltar", actor=actor)
    measure(
        g,
        "Andel unga (under 30) bland deltagarna",
        "Mentometerfråga om ålder",
        "group_share",
        20,
        question=questions["age_band"],
        choice_ids=choices(questions["age_band"], {"Under 18", "18–29"}),
    )
    measure(
        g,
        "Andel som deltar för första gången",
        "Mentometerfråga",
        "group_share",
        40,
        question=questions["first_meeting"],
        choice_ids=choices(questions["first_meeting"], {"Ja"}),
    )
    m = measure(g, "Deltagare vid uppsökande möten", "Räknat på plats", "manual", 150)
    services.measure_record(
        measure=m,
        value=142,
        evidence="Närvarolistor från förskola, lekland, campus och språkcafé.",
        recorded_on=today - timedelta(days=40),
        actor=actor,
    )
    g = services.goal_create(purpose=p3, title="Deltagarna är nöjda med mötena", actor=actor)
    measure(
        g,
        "Medelbetyg för mötet (1–5)",
        "Mötesutvärdering",
        "answer_mean",
        3.8,
        question=questions["satisfaction"],
    )
    measure(
        g,
        "Andel som litar på att det som sades tas om hand (4–5)",
        "Mötesutvärdering",
        "answer_share",
        60,
        question=questions["trust"],
        threshold=4,
    )

    p4 = services.purpose_create(
        dialogue=dialogue,
        title="Medborgarna får ökad insyn i och kunskap om strategiarbetet",
        actor=actor,
    )
    g = services.goal_create(purpose=p4, title="Återkopplingen når alla som deltagit", actor=actor)
    m = measure(
        g,
        "Dagar från sista mötet till publicerad återkoppling",
        "Publiceringsdatum på webben",
        "manual",
        42,
        direction="max",
    )
    services.measure_record(
        measure=m,
        value=35,
        evidence="Återkopplingen publicerades på storby.se.",
        recorded_on=today - timedelta(days=2),
        actor=actor,
    )
    m = measure(g, "Besök på dialogens webbsida", "Webbstatistik", "manual", 3000)
    services.measure_record(
        measure=m,
        value=4210,
        evidence="Webbstatistik för storby.se/2030.",
        recorded_on=today - timedelta(days=1),
        actor=actor,
    )

    # --- Target groups ---
    age = questions["age_band"]
    young = services.target_group_save(
        dialogue=dialogue,
        name="Unga under 30",
        reach_goal=20,
        question=age,
        choice_ids=choices(age, {"Under 18", "18–29"}),
        meetings=[meetings["Campus Storby"], meetings["Öppet möte i Centrum"]],
        actor=actor,
    )
    parents = services.target_group_save(
        dialogue=dialogue,
        name="Småbarnsföräldrar",
        reach_goal=60,
        manual_count=46,
        meetings=[meetings["Förskolan Solrosen"], meetings["Lekland på lördag"]],
        actor=actor,
    )
    born_abroad = services.target_group_save(
        dialogue=dialogue,
        name="Personer födda i ett annat land",
        reach_goal=40,
        manual_count=28,
        meetings=[meetings["Språkcafé på biblioteket"]],
        actor=actor,
    )
    services.target_group_save(
        dialogue=dialogue,
        name="Förstagångsdeltagare",
        reach_goal=30,
        question=questions["first_meeting"],
        choice_ids=choices(questions["first_meeting"], {"Ja"}),
        actor=actor,
    )

    # --- Communication plan ---
    for days, channel, message, audience, responsible, status in [
        (
            -100,
            "web",
            "Dialogsidan storby.se/2030 öppnar med tidplan och syften.",
            None,
            "Kommunikationsenheten",
            "done",
        ),
        (
            -70,
            "newspaper",
            "Annons om de öppna mötena i lokaltidningen.",
            None,
            "Kommunikationsenheten",
            "done",
        ),
        (
            -65,
            "leaflet",
            "Flygblad på förskolorna: kom till leklandet och tyck till.",
            parents,
            "Projektledaren",
            "done",
        ),
        (
            -50,
            "social",
            "Kampanj i sociala medier riktad till unga.",
            young,
            "Ungdomssamordnaren",
            "in_progress",
        ),
        (
            -12,
            "leaflet",
            "Inbjudan till språkcaféet på lätt svenska, arabiska och somaliska.",
            born_abroad,
            "Integrationssamordnaren",
            "planned",
        ),
        (
            7,
            "email",
            "Tack och återkoppling per e-post till alla som lämnat adress.",
            None,
            "Projektledaren",
            "planned",
        ),
        (
            21,
            "newspaper",
            "Bilaga i lokaltidningen: det här sa ni och det här händer nu.",
            None,
            "Kommunikationsenheten",
            "planned",
        ),
    ]:
        services.comms_create(
            dialogue=dialogue,
            channel=channel,
            planned_on=today + timedelta(days=days),
            message=message,
            audience=audience,
            responsible=responsible,
            status=status,
            actor=actor,
        )

    # --- Evaluation: process questionnaire with a few answers, lessons ---
    process = services.process_evaluation_create(dialogue=dialogue, actor=actor)
    scale_answers = [[5, 5, 3, 4, 4, 4], [4, 5, 2, 3, 5, 4], [5, 4, 3, 4, 4, 5], [4, 5, 2, 4, 3, 4]]
    open_answers = [
        ("Målmatrisen gav oss styrning hela vägen.", "Börja med kommunikationen tidigare."),
        ("Mentometerfrågorna gav statistik direkt.", "Fler uppsökande möten tidigt."),
        ("De uppsökande mötena.", "Tydligare roller i projektgruppen."),
    ]
    process_questions = list(process.questions.all())
    for n, values in enumerate(scale_answers):
        member = live.proxy_participant_create(session=process, channel=Channel.PAPER)
        for question, value in zip(process_questions[:6], values, strict=True):
            live.response_submit(
                question=question,
                participant=member,
                answer=Answer(value=value),
                channel=Channel.PAPER,
            )
        if n < len(open_answers):
            for question, text in zip(process_questions[6:], open_answers[n], strict=True):
                live.response_submit(
                    question=question,
                    participant=member,
                    answer=Answer(text=text, kind="input"),
                    channel=Channel.PAPER,
                )
    for category, text in [
        ("goals", "Ta fram en bra målmatris tidigt, den ger styrning till hela arbetet."),
        ("communication", "Börja med kommunikationsarbetet tidigt i planeringsfasen."),
        (
            "outreach",
            "Genomför de uppsökande mötena först: där finns de viktiga målgrupperna, "
            "och där ska man ha som mest energi.",
        ),
        ("politics", "Involvera politikerna i alla viktiga beslut under planeringsfasen."),
        ("method", "Mentometerfrågor om vilka som är där och om mötet ger statistik på plats."),
    ]:
        services.lesson_create(dialogue=dialogue, category=category, text=text, actor=actor)

    # --- Co-creation lab ---
    lab = services.lab_create(
        dialogue=dialogue,
        title="Fritidsbanken i Storby",
        description="Kommun, föreningar och företag driver tillsammans en Fritidsbank där barn "
        "och unga lånar sport- och fritidsutrustning gratis.",
        actor=actor,
    )
    for name, role, kind, involvement in [
        ("Kultur- och fritidsförvaltningen", "Projektägare", "municipality", "co_creating"),
        ("Kultur- och fritidsnämnden", "Beslutar om driftsbidrag", "municipality", "deciding"),
        ("Storby IF", "Samlar in och lagar utrustning", "association", "co_creating"),
        ("Sportbutiken på torget", "Skänker utrustning", "business", "consulted"),
        ("Föräldranätverket i Norrby", "Sprider ordet", "citizen", "informed"),
    ]:
        services.key_actor_add(
            lab=lab,
            name=name,
            role=role,
            organisation_type=kind,
            involvement=involvement,
            actor=actor,
        )
    loans = services.lab_measure_add(lab=lab, name="Utlån per månad", unit="st", actor=actor)
    young_share = services.lab_measure_add(
        lab=lab, name="Andel låntagare 13–19 år", unit="%", actor=actor
    )
    for months_ago, count, share in [
        (5, 38, 22),
        (4, 61, 25),
        (3, 74, 31),
        (2, 90, 29),
        (1, 118, 35),
        (0, 131, 38),
    ]:
        day = (today.replace(day=1) - timedelta(days=months_ago * 30)).replace(day=1)
        services.lab_value_record(measure=loans, measured_on=day, value=count, actor=actor)
        services.lab_value_record(measure=young_share, measured_on=day, value=share, actor=actor)
