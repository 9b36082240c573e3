"""Demo inputs for "Storby 2030": three more sessions (an open meeting in Norrby with a
composition poll and a Q&A, a visit to the upper-secondary school, interviews on the square)
and an imported survey table, about sixty inputs in all, a codebook, some inputs coded,
answered and published, and one pair of near-duplicates merged."""

from __future__ import annotations

from django.db import transaction

from samrad.dialogues.services import meeting_create
from samrad.insights import services
from samrad.insights.models import Input, InputStatus, Theme
from samrad.live import services as live
from samrad.live.kinds import Answer
from samrad.live.models import Channel, QuestionKind, QuestionRole

OPEN_PROMPT = "Vad vill du ska hända i Storby fram till 2030?"

# (type, text, themes, answer) — themes by name, answers for some.
NORRBY = [
    (
        "question",
        "När kommer den nya gång- och cykelvägen mellan Norrby och centrum att byggas?",
        ["Cykel"],
        "Bygget är planerat att starta hösten 2027. Sträckan finns i kommunens cykelplan.",
    ),
    (
        "suggestion",
        "Bättre belysning på gångvägen vid Norrbyskolan, det är mörkt och otryggt på vintern.",
        ["Trygghet"],
        "Vi byter till LED-belysning längs gångvägen under 2026.",
    ),
    (
        "input",
        "Bussen till centrum går för sällan efter klockan 19 på kvällarna.",
        ["Kollektivtrafik"],
        "",
    ),
    ("suggestion", "Fler bänkar och en lekplats i Norrbyparken.", ["Parker och natur"], ""),
    ("question", "Varför har biblioteket i Norrby så korta öppettider?", [], ""),
    ("input", "Det behövs fler hyresrätter för unga som vill flytta hemifrån.", ["Bostäder"], ""),
    ("suggestion", "Gör om den gamla bensinmacken till en mötesplats för föreningar.", [], ""),
    (
        "input",
        "Skolgården på Norrbyskolan är sliten och har för lite grönska.",
        ["Skola och förskola"],
        "",
    ),
    (
        "question",
        "Hur ska kommunen se till att äldre kan bo kvar i Norrby?",
        ["Bostäder"],
        "Ett trygghetsboende planeras vid Norrby centrum; detaljplanen tas upp 2026.",
    ),
    ("suggestion", "Turtätare buss 14 på kvällar och helger.", ["Kollektivtrafik"], ""),
    ("input", "Bussen går för sällan på kvällarna, särskilt efter klockan 19.", [], ""),
    ("suggestion", "Plogning av cykelvägarna först på morgonen, innan skolan börjar.", [], ""),
    ("input", "Det känns otryggt vid busshållplatsen på kvällen, det är dåligt upplyst.", [], ""),
    ("question", "Kommer förskolan på Ekvägen att byggas ut?", [], ""),
]
NORRBY_QA = [
    ("När öppnar den nya simhallen?", 9),
    ("Varför läggs pengar på ett nytt resecentrum när skolorna behöver renoveras?", 6),
    ("Hur kan vi som förening få låna kommunens lokaler på kvällar?", 4),
    ("Vad händer med den gamla brandstationen?", 2),
]
SCHOOL = [
    (
        "suggestion",
        "En fritidsgård i centrum som har öppet på fredagskvällar.",
        ["Ungas fritid"],
        "Fritidsgården Smedjan får öppet till 23 på fredagar från januari.",
    ),
    ("input", "Det finns inget att göra för oss unga efter skolan.", ["Ungas fritid"], ""),
    ("suggestion", "Bygg en skatepark vid idrottsplatsen.", ["Ungas fritid"], ""),
    (
        "question",
        "Varför är busskortet så dyrt för gymnasieelever?",
        ["Kollektivtrafik"],
        "Gymnasieelever som bor mer än sex kilometer från skolan får busskort utan kostnad.",
    ),
    ("input", "Skolmaten måste bli bättre och mer vegetarisk.", ["Skola och förskola"], ""),
    ("suggestion", "Gratis sommarjobb till alla som går första året på gymnasiet.", [], ""),
    ("input", "Jag känner mig otrygg när jag cyklar hem längs stora vägen på kvällen.", [], ""),
    ("suggestion", "Fler platser att plugga på efter skolan, med wifi.", [], ""),
    ("input", "Parkerna är bra men det behövs fler grillplatser.", [], ""),
    ("suggestion", "En konsertscen för unga band i kulturhuset.", [], ""),
    ("question", "Kan ungdomsrådet få vara med och bestämma om nya fritidsgården?", [], ""),
    ("suggestion", "Fler cykelställ med tak vid gymnasiet.", [], ""),
]
INTERVIEWS: list[tuple[str, str, list[str], str]] = [
    ("input", "Torget är tomt på kvällarna, det behövs caféer som har öppet längre.", [], ""),
    ("suggestion", "Bygg fler seniorbostäder nära affärerna.", [], ""),
    ("input", "Det är svårt att hitta parkering vid vårdcentralen.", [], ""),
    ("question", "Varför tar bygglov så lång tid i Storby?", [], ""),
    ("suggestion", "Rusta upp motionsspåret och sätt upp belysning.", [], ""),
    (
        "input",
        "Jag uppskattar den nya gångbron över ån, den har gjort det lättare att gå till jobbet.",
        [],
        "",
    ),
    ("suggestion", "Fler papperskorgar och soptunnor i parken vid ån.", [], ""),
    ("input", "Bussen går för sällan från landsbygden in till stan.", [], ""),
    ("input", "Bussen går alldeles för sällan från landsbygden in till stan!", [], ""),
    ("suggestion", "Fler papperskorgar i parken vid ån, tack.", [], ""),
]
SURVEY_CSV = """Inspel;Typ;Svar;Tema
Mer blommor och träd längs Storgatan.;Förslag;;Parker och natur
Det saknas hyreslägenheter i alla storlekar.;Inspel;;Bostäder
Hur ska kommunen minska bilköerna vid rondellen på morgonen?;Fråga;;
Fler övergångsställen med ljussignal vid skolorna.;Förslag;;Trygghet
Elljusspåret borde vara upplyst hela natten.;Förslag;;
Kan kommunen ordna kompostering i flerfamiljshus?;Fråga;;
Låt föreningarna sköta badplatsen vid sjön.;Förslag;;Parker och natur
Skolan behöver fler vuxna i korridorerna.;Inspel;;Skola och förskola
Fler laddstolpar för elbilar vid centrum.;Förslag;;
Det är för dyrt att hyra idrottshallen för små föreningar.;Inspel;;
Hur länge ska vägarbetet på Kungsgatan hålla på?;Fråga;Det är klart i oktober.;Trafik och resor
Gör det enklare att lämna synpunkter till kommunen digitalt.;Förslag;;
Varför stängs badhuset under hela sommaren?;Fråga;Badhuset renoveras juni–augusti 2026.;
Bygg fler trygghetsboenden i byarna.;Förslag;;Bostäder
Skolvägen över järnvägen är farlig för barnen.;Inspel;;Trygghet
Fler lekplatser för de minsta barnen i Söderby.;Förslag;;Parker och natur
Bussarna borde gå varje kvart i rusningstid.;Förslag;;Kollektivtrafik
När blir det fiber till landsbygden?;Fråga;Utbyggnaden blir klar 2027.;
Det behövs en mötesplats för unga på landsbygden.;Inspel;;Ungas fritid
Cykelvägen längs ån behöver lagas, den är full av hål.;Inspel;;Cykel
Fler platser i förskolan nära centrum.;Förslag;;Skola och förskola
Släck inte gatlyset på natten, det blir otryggt.;Inspel;;Trygghet
"""
THEMES = [
    ("Trafik och resor", None, "Bussar, cykel, vägar och parkering."),
    ("Kollektivtrafik", "Trafik och resor", "Bussar och tåg."),
    ("Cykel", "Trafik och resor", "Cykelvägar, cykelställ, vinterväghållning."),
    ("Trygghet", None, "Belysning, trafiksäkerhet, att känna sig trygg ute."),
    ("Ungas fritid", None, "Mötesplatser, fritidsgårdar och aktiviteter för unga."),
    ("Parker och natur", None, "Parker, grönska, lekplatser, motionsspår."),
    ("Bostäder", None, "Hyresrätter, seniorboende, byggande."),
    ("Skola och förskola", None, ""),
]
PUBLISHED = 6  # the first answered inputs are published


def _session(dialogue, title, meeting, *, poll: bool):
    session = live.session_create(dialogue=dialogue, title=title)
    live.session_update(session=session, title=title, mode="live", meeting=meeting)
    if poll:
        live.poll_add(session=session, key="composition")
    question = live.question_add(session=session, kind=QuestionKind.OPEN, prompt=OPEN_PROMPT)
    return session, question


def _age_question(session):
    return session.questions.get(role=QuestionRole.COMPOSITION, template_key="age_band")


def _answer_live(session, question, rows, ages):
    """Phones in an open session: each answers the age question, then one or two inputs."""
    live.session_open(session=session)
    age = _age_question(session)
    labels = {c.label: c.pk for c in age.choices.all()}
    phones = []
    for index, row in enumerate(rows):
        if index % 2 == 0:
            phone = live.participant_join(session=session, language="sv")
            live.session_go_to(session=session, question=age)
            live.response_submit(
                question=age,
                participant=phone,
                answer=Answer(choices=[str(labels[ages[len(phones) % len(ages)]])]),
            )
            phones.append(phone)
        live.session_go_to(session=session, question=question)
        live.response_submit(
            question=question, participant=phones[-1], answer=Answer(text=row[1], kind=row[0])
        )
    return phones


@transaction.atomic
def load(dialogue, actor) -> None:
    themes: dict[str | None, Theme] = {}
    for name, parent, description in THEMES:
        themes[name] = services.theme_create(
            dialogue=dialogue,
            name=name,
            parent=themes.get(parent),
            description=description,
            actor=actor,
        )

    norrby_meeting = meeting_create(
        dialogue=dialogue, title="Dialogmöte i Norrby", place="Norrby bibliotek"
    )
    school_meeting = meeting_create(
        dialogue=dialogue,
        title="Besök på Storby gymnasium",
        place="Storby gymnasium",
        kind="outreach",
    )
    norrby, norrby_open = _session(dialogue, "Dialogmöte i Norrby", norrby_meeting, poll=True)
    qa = live.question_add(
        session=norrby, kind=QuestionKind.QA, prompt="Vad vill du fråga politikerna på mötet?"
    )
    phones = _answer_live(norrby, norrby_open, NORRBY, ["30–44", "45–64", "65–79", "18–29"])
    live.session_go_to(session=norrby, question=qa)
    for index, (text, votes) in enumerate(NORRBY_QA):
        post = live.response_submit(
            question=qa, participant=phones[index], answer=Answer(text=text)
        )
        for voter in phones[:votes]:
            live.qa_upvote(response=post, participant=voter)
    live.session_close(session=norrby)

    school, school_open = _session(dialogue, "Ungdomsrådet tycker till", school_meeting, poll=True)
    _answer_live(school, school_open, SCHOOL, ["Under 18", "18–29"])
    live.session_close(session=school)

    interviews, interview_open = _session(dialogue, "Intervjuer på torget", None, poll=False)
    for kind, text, _themes, _answer in INTERVIEWS:
        person = live.proxy_participant_create(session=interviews, channel=Channel.INTERVIEW)
        live.response_submit(
            question=interview_open,
            participant=person,
            answer=Answer(text=text, kind=kind),
            channel=Channel.INTERVIEW,
        )

    services.inputs_sync(dialogue=dialogue)
    batch = services.import_upload(
        dialogue=dialogue,
        filename="enkat-varen-2026.csv",
        data=SURVEY_CSV.encode("cp1252"),
        actor=actor,
    )
    from samrad.insights import importing

    table = importing.read_table(bytes(batch.data), batch.filename)
    services.import_run(batch=batch, mapping=importing.guess_mapping(table.header), actor=actor)

    # Codes and answers of the live and interview inputs, as a facilitator left them.
    answered = 0
    for _kind, text, names, answer in NORRBY + SCHOOL + INTERVIEWS:
        item = Input.objects.filter(dialogue=dialogue, text=text).first()
        if item is None:
            continue
        for name in names:
            services.input_code(input=item, theme=themes[name], on=True, actor=actor)
        if answer:
            services.input_answer(input=item, answer=answer, actor=actor)
            answered += 1
            if answered <= PUBLISHED:
                services.input_publish(input=item, actor=actor)
    considered = Input.objects.filter(dialogue=dialogue, text__startswith="Skolmaten").first()
    if considered:
        services.input_set_status(input=considered, status=InputStatus.CONSIDERED, actor=actor)
    # Two inputs about the evening bus say the same: merged, the first kept.
    keep = Input.objects.filter(dialogue=dialogue, text__startswith="Bussen till centrum").first()
    twin = Input.objects.filter(
        dialogue=dialogue, text__startswith="Bussen går för sällan på kvällarna"
    ).first()
    if keep and twin:
        services.inputs_merge(keep=keep, others=[twin], actor=actor)
