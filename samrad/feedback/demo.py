"""Demo data for feedback: Storby 2030's published public page, two people who asked for
feedback by e-mail, and the lessons learned for the method guide."""

from samrad.feedback import services

INTRO = (
    "Under våren har vi träffat hundratals storbybor på stormöten, i skolor, på språkcaféet "
    "och på biblioteket för att prata om hur vi vill leva, bo och verka i Storby år 2030. "
    "Här ser du vad vi frågade, vad ni svarade och vad som händer nu."
)
NEXT_STEPS = (
    "Resultaten lämnas till kommunstyrelsen i juni och blir underlag för den nya "
    "översiktsplanen och budgeten för 2027.\n"
    "I september får alla som lämnat sin e-postadress ett nytt besked om vilka förslag som "
    "tagits med och varför. Då publicerar vi också en bilaga i Storby-Kuriren."
)
LESSONS = "\n".join(
    [
        "Ta fram en målmatris tidigt: den styr hela arbetet.",
        "Börja med kommunikationen redan i planeringsfasen.",
        "Genomför de uppsökande mötena först – där finns de viktiga målgrupperna.",
        "Involvera politikerna i alla viktiga beslut under planeringen.",
        "Frågor med mentometerknappar om deltagarna och mötet ger statistik direkt på plats.",
    ]
)


def load(dialogue, actor) -> None:
    page = services.page_save(
        actor=actor,
        dialogue=dialogue,
        slug="storby-2030",
        intro=INTRO,
        next_steps=NEXT_STEPS,
        contact="Dialogkontoret, Storby kommun · dialog@storby.example · 0123-45 67 89",
    )
    services.page_publish(actor=actor, page=page, published=True)
    session = dialogue.sessions.order_by("created_at", "id").first()
    if session is not None:
        for email, language in (("anna.lind@example.org", "sv"), ("ahmed.noor@example.org", "en")):
            services.subscriber_add(session=session, email=email, language=language, consent=True)
    services.notes_save(actor=actor, dialogue=dialogue, lessons=LESSONS)
