"""The Storby 2030 demo: a "Mappa er projektportfölj" workshop with fifteen of the year's
projects, most of them already placed (Smidighet is thin, Trygghet crowded), notes for the
first questions, and a citizens' survey (typed in from paper) to compare with."""

from samrad.live import services as live
from samrad.live.kinds import Answer
from samrad.live.models import Channel, QuestionKind
from samrad.workshops import services
from samrad.workshops.mapping import services as mapping_services

PROJECTS = [
    # name, department, status, placed on (1 Trygghet, 2 Kollektivitet, 3 Smidighet)
    ("Trygghetsvandringar i centrum", "Samhällsbyggnad", "Genomfört", [1]),
    ("Ny belysning i Stadsparken", "Samhällsbyggnad", "Genomfört", [1]),
    ("Fritidsbanken i Norrby", "Kultur och fritid", "Pågår", [2]),
    ("Trygga skolvägar", "Utbildning", "Genomfört", [1, 2]),
    ("Digitala trygghetslarm i hemtjänsten", "Vård och omsorg", "Pågår", [1]),
    ("Kameror vid resecentrum", "Samhällsbyggnad", "Genomfört", [1]),
    ("Seniorcaféet på biblioteket", "Kultur och fritid", "Pågår", [2]),
    ("Grannsamverkan mot brott", "Kommunledning", "Genomfört", [1, 2]),
    ("Öppen förskola på lördagar", "Utbildning", "Genomfört", [2]),
    ("Krisberedskapsvecka", "Räddningstjänst", "Genomfört", [1]),
    ("Väktare i köpcentret kvällstid", "Kommunledning", "Avslutat", [1]),
    ("E-tjänst för bygglov", "Samhällsbyggnad", "Pågår", [3]),
    ("Mötesplats Östra torget", "Kultur och fritid", "Planerat", []),
    ("Cykelpool för kommunanställda", "Kommunledning", "Planerat", []),
    ("Läxhjälp på nätet", "Utbildning", "Pågår", []),
]

NOTES = {
    "a": "Smidighet är nästan tom – bara bygglovstjänsten. Inget område saknas helt, men nästan.",
    "b": "Digitala tjänster har legat på IT-avdelningen och inte setts som egna projekt.",
}

# Themes of the input board → target images (the coordinator's choice, question f).
THEME_IMAGES = {
    "Trygghet": "Trygghet",
    "Ungas fritid": "Kollektivitet",
    "Kollektivtrafik": "Smidighet",
    "Cykel": "Smidighet",
}

# The citizens' survey on paper: how many answered each target image.
SURVEY = {"Trygghet": 9, "Kollektivitet": 6, "Smidighet": 11}


def load(dialogue, actor) -> None:
    workshop = services.workshop_create(dialogue, "mapping", actor, language="sv")
    assert workshop.framework is not None  # a mapping workshop is created with its framework
    images = list(workshop.framework.images.all())
    for name, department, status, spots in PROJECTS:
        project = mapping_services.project_add(
            workshop=workshop,
            actor=actor,
            name=name,
            department=department,
            status=status,
            year=2026,
            contact="",
            description="",
        )
        for spot in spots:
            mapping_services.placement_place(project=project, image=images[spot - 1], actor=actor)
    discussion = workshop.steps.get(format="workshops.discussion")
    for key, text in NOTES.items():
        services.note_save(step=discussion, key=key, text=text, actor=actor)

    session = live.session_create(
        dialogue=dialogue, title="Enkät: vad är ett smart Storby?", created_by=actor
    )
    question = live.question_add(
        session=session,
        kind=QuestionKind.CHOICE,
        prompt="Vad är viktigast för att Storby ska vara ett smart samhälle?",
        choices=list(SURVEY),
    )
    choices = {choice.label: choice for choice in question.choices.all()}
    for label, count in SURVEY.items():
        for _ in range(count):
            respondent = live.proxy_participant_create(session=session, channel=Channel.PAPER)
            live.response_submit(
                question=question,
                participant=respondent,
                answer=Answer(choices=[str(choices[label].pk)]),
                channel=Channel.PAPER,
            )
    mapping_services.compare_question_set(workshop=workshop, question=question, actor=actor)
    # The coordinator's mapping of the input board's themes (insights' demo, loaded before):
    # the other themes speak to no target image and their inputs are shown as left out.
    by_name = {image.name: image for image in images}
    themes = {theme.name: theme for theme in dialogue.themes.all()}
    mapping_services.theme_map_set(
        workshop=workshop,
        images={
            themes[theme]: by_name[image]
            for theme, image in THEME_IMAGES.items()
            if theme in themes and image in by_name
        },
        actor=actor,
    )
    # The facilitator opens the demo on the board.
    services.workshop_go_to(workshop=workshop, step=workshop.steps.get(format="workshops.mapping"))
