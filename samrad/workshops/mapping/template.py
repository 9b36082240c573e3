"""The "Mappa er projektportfölj" workshop template (Smarta Samhällen): the steps, the
discussion questions a–f and the facilitator's script, as data in sv/nb/da/en.

The steps follow the original method: set the ground rules; what citizens find smart and the
three target images; every project gets a code; map each project onto one (at most two)
target images; step back and look for gaps and over-representation; discuss a–f; compare the
portfolio with what citizens want (question f).
"""

from __future__ import annotations

from typing import Any

from samrad.workshops import services
from samrad.workshops.frameworks import text_in
from samrad.workshops.mapping import services as mapping_services

QUESTIONS: list[dict[str, Any]] = [
    {
        "key": "a",
        "text": {
            "sv": "Saknar vi något område helt?",
            "nb": "Mangler vi et område helt?",
            "da": "Mangler vi et område helt?",
            "en": "Are we missing an area entirely?",
        },
    },
    {
        "key": "b",
        "text": {
            "sv": "Varför saknar vi det?",
            "nb": "Hvorfor mangler vi det?",
            "da": "Hvorfor mangler vi det?",
            "en": "Why are we missing it?",
        },
    },
    {
        "key": "c",
        "text": {
            "sv": "Är det något område som är överrepresenterat?",
            "nb": "Er noe område overrepresentert?",
            "da": "Er der et område, som er overrepræsenteret?",
            "en": "Is any area over-represented?",
        },
    },
    {
        "key": "d",
        "text": {
            "sv": "Är det något som sticker ut på något håll?",
            "nb": "Er det noe som skiller seg ut i noen retning?",
            "da": "Er der noget, der stikker ud i nogen retning?",
            "en": "Does anything stand out in any direction?",
        },
    },
    {
        "key": "e",
        "text": {
            "sv": "Varför i så fall?",
            "nb": "Hvorfor i så fall?",
            "da": "Hvorfor i så fald?",
            "en": "If so, why?",
        },
    },
    {
        "key": "f",
        "text": {
            "sv": "Kan vi säga att vi uppfyller det som våra kommuninvånare önskar av ett smart "
            "samhälle genom vår projektportfölj?",
            "nb": "Kan vi si at vi oppfyller det innbyggerne våre ønsker av et smart samfunn "
            "gjennom prosjektporteføljen vår?",
            "da": "Kan vi sige, at vi opfylder det, vores borgere ønsker af et smart samfund, "
            "gennem vores projektportefølje?",
            "en": "Can we say that our project portfolio delivers what our citizens want from "
            "a smart society?",
        },
    },
]

NAME = {
    "sv": "Mappa er projektportfölj",
    "nb": "Kartlegg prosjektporteføljen",
    "da": "Kortlæg jeres projektportefølje",
    "en": "Map the project portfolio",
}

STEPS: list[dict[str, Any]] = [
    {
        "format": "workshops.text",
        "title": {
            "sv": "Välkomna – så här jobbar vi i dag",
            "nb": "Velkommen – slik jobber vi i dag",
            "da": "Velkommen – sådan arbejder vi i dag",
            "en": "Welcome – how we work today",
        },
        "body": {
            "sv": "Inga idéer är fel eller dumma.\nHögt i tak – vi lyssnar på varandra.\n"
            "En snäll och öppen atmosfär.",
            "nb": "Ingen ideer er feil eller dumme.\nHøyt under taket – vi lytter til "
            "hverandre.\nEn vennlig og åpen stemning.",
            "da": "Ingen idéer er forkerte eller dumme.\nHøjt til loftet – vi lytter til "
            "hinanden.\nEn venlig og åben stemning.",
            "en": "No idea is wrong or silly.\nEveryone can speak freely – we listen to each "
            "other.\nA kind and open atmosphere.",
        },
        "script": {
            "sv": "Hälsa alla välkomna och presentera dig. Sätt ramarna tydligt innan ni "
            "börjar: inga idéer är fel eller dumma, det är högt i tak och vi vill ha en snäll "
            "och öppen atmosfär. Berätta att workshopen tar ungefär två timmar och att vi i "
            "dag tittar på våra egna projekt, inte på enskilda personers arbete.",
            "nb": "Ønsk alle velkommen og presenter deg. Sett rammene tydelig før dere "
            "begynner: ingen ideer er feil eller dumme, det er høyt under taket, og vi vil ha "
            "en vennlig og åpen stemning. Fortell at verkstedet tar omtrent to timer, og at vi "
            "i dag ser på våre egne prosjekter, ikke på enkeltpersoners arbeid.",
            "da": "Byd alle velkommen og præsenter dig selv. Sæt rammerne tydeligt, før I "
            "begynder: ingen idéer er forkerte eller dumme, der er højt til loftet, og vi vil "
            "have en venlig og åben stemning. Fortæl, at workshoppen tager cirka to timer, og "
            "at vi i dag ser på vores egne projekter, ikke på enkeltpersoners arbejde.",
            "en": "Welcome everyone and introduce yourself. Set the ground rules clearly "
            "before you start: no idea is wrong or silly, everyone can speak freely, and we "
            "want a kind and open atmosphere. Say that the workshop takes about two hours and "
            "that today we look at our own projects, not at any one person's work.",
        },
    },
    {
        "format": "workshops.targets",
        "title": {
            "sv": "Vad tycker kommuninvånarna är smart?",
            "nb": "Hva mener innbyggerne er smart?",
            "da": "Hvad synes borgerne er smart?",
            "en": "What do citizens find smart?",
        },
        "body": {
            "sv": "Tre målbilder för ett smart samhälle – det invånarna pratar mest om.",
            "nb": "Tre målbilder for et smart samfunn – det innbyggerne snakker mest om.",
            "da": "Tre målbilleder for et smart samfund – det, borgerne taler mest om.",
            "en": "Three target images of a smart society – what citizens talk about most.",
        },
        "script": {
            "sv": "Visa gärna filmen om vad som är smart. Berätta kort om dialogen och vad "
            "kommuninvånarna sa. Gå igenom de tre målbilderna en i taget och ge ett exempel "
            "på ett projekt som hör hemma i varje.",
            "nb": "Vis gjerne filmen om hva som er smart. Fortell kort om dialogen og hva "
            "innbyggerne sa. Gå gjennom de tre målbildene én om gangen og gi et eksempel på et "
            "prosjekt som hører hjemme i hvert.",
            "da": "Vis gerne filmen om, hvad der er smart. Fortæl kort om dialogen, og hvad "
            "borgerne sagde. Gennemgå de tre målbilleder ét ad gangen, og giv et eksempel på "
            "et projekt, der hører hjemme i hvert.",
            "en": "Show the film about what is smart if you have it. Tell briefly about the "
            "dialogue and what citizens said. Go through the three target images one at a "
            "time and give an example of a project that belongs to each.",
        },
    },
    {
        "format": "workshops.projects",
        "title": {
            "sv": "Våra projekt får koder",
            "nb": "Prosjektene våre får koder",
            "da": "Vores projekter får koder",
            "en": "Our projects get codes",
        },
        "body": {
            "sv": "Varje projekt från det senaste året har en kod, till exempel P01.",
            "nb": "Hvert prosjekt fra det siste året har en kode, for eksempel P01.",
            "da": "Hvert projekt fra det seneste år har en kode, for eksempel P01.",
            "en": "Every project of the past year has a code, for example P01.",
        },
        "script": {
            "sv": "Listan över årets projekt ska vara inläst (Portfölj). Läs upp koderna och "
            "projektnamnen så att alla vet vad som finns. Vill ni jobba på väggen: skriv ut "
            "kodkorten i förväg.",
            "nb": "Listen over årets prosjekter skal være lest inn (Portefølje). Les opp "
            "kodene og prosjektnavnene så alle vet hva som finnes. Vil dere jobbe på veggen: "
            "skriv ut kodekortene på forhånd.",
            "da": "Listen over årets projekter skal være indlæst (Portefølje). Læs koderne og "
            "projektnavnene op, så alle ved, hvad der findes. Vil I arbejde på væggen: print "
            "kodekortene på forhånd.",
            "en": "The list of the year's projects should be loaded (Portfolio). Read out the "
            "codes and names so that everyone knows what there is. If you want to work on the "
            "wall too, print the code cards beforehand.",
        },
    },
    {
        "format": "workshops.mapping",
        "title": {
            "sv": "Mappa projekten mot målbilderna",
            "nb": "Kartlegg prosjektene mot målbildene",
            "da": "Kortlæg projekterne mod målbillederne",
            "en": "Map the projects onto the target images",
        },
        "body": {
            "sv": "Placera varje projekt där det tydligast hör hemma. Högst två målbilder per "
            "projekt.",
            "nb": "Plasser hvert prosjekt der det tydeligst hører hjemme. Høyst to målbilder "
            "per prosjekt.",
            "da": "Placér hvert projekt, hvor det tydeligst hører hjemme. Højst to "
            "målbilleder pr. projekt.",
            "en": "Place each project where it belongs most clearly. At most two target "
            "images per project.",
        },
        "script": {
            "sv": "Be deltagarna mappa varje projekt mot den målbild det tydligast kopplas "
            "till, på mobilen eller här på tavlan (dra, eller välj projekt och tryck 1–3). "
            "Kopplas ett projekt tydligt till flera får det sitta på två, men försök hålla "
            "nere kopplingarna. Fråga gärna den som placerade ett projekt varför.",
            "nb": "Be deltakerne kartlegge hvert prosjekt mot målbildet det tydeligst kobles "
            "til, på mobilen eller her på tavlen (dra, eller velg prosjekt og trykk 1–3). Er "
            "et prosjekt tydelig koblet til flere, kan det stå på to, men prøv å holde "
            "koblingene nede. Spør gjerne den som plasserte et prosjekt hvorfor.",
            "da": "Bed deltagerne kortlægge hvert projekt mod det målbillede, det tydeligst "
            "hænger sammen med, på mobilen eller her på tavlen (træk, eller vælg projekt og "
            "tryk 1–3). Hænger et projekt tydeligt sammen med flere, kan det sidde på to, "
            "men prøv at holde koblingerne nede. Spørg gerne den, der placerede et projekt, "
            "hvorfor.",
            "en": "Ask participants to map each project onto the target image it is most "
            "clearly linked to, on their phones or here on the board (drag, or select a "
            "project and press 1–3). A project clearly linked to several may sit on two, but "
            "try to keep the links down. Ask whoever placed a project why.",
        },
    },
    {
        "format": "workshops.analysis",
        "title": {
            "sv": "Ta ett steg tillbaka",
            "nb": "Ta et skritt tilbake",
            "da": "Tag et skridt tilbage",
            "en": "Step back",
        },
        "body": {
            "sv": "Ser ni några tydliga luckor? Är en hel målbild, eller en del av den, tom? "
            "Är något område överrepresenterat?",
            "nb": "Ser dere noen tydelige hull? Er et helt målbilde, eller en del av det, "
            "tomt? Er noe område overrepresentert?",
            "da": "Ser I nogle tydelige huller? Er et helt målbillede, eller en del af det, "
            "tomt? Er et område overrepræsenteret?",
            "en": "Do you see clear gaps? Is a whole target image, or part of one, empty? Is "
            "any area over-represented?",
        },
        "script": {
            "sv": "Låt alla titta på kartan en stund under tystnad. Peka sedan på siffrorna: "
            "tomma målbilder är markerade som luckor, och en målbild med mer än en och en halv "
            "gånger sin jämna andel är markerad som överrepresenterad.",
            "nb": "La alle se på kartet en stund i stillhet. Pek så på tallene: tomme "
            "målbilder er merket som hull, og et målbilde med mer enn halvannen gang sin "
            "jevne andel er merket som overrepresentert.",
            "da": "Lad alle se på kortet et øjeblik i stilhed. Peg så på tallene: tomme "
            "målbilleder er markeret som huller, og et målbillede med mere end halvanden gang "
            "sin jævne andel er markeret som overrepræsenteret.",
            "en": "Let everyone look at the map quietly for a moment. Then point at the "
            "numbers: empty target images are marked as gaps, and an image holding more than "
            "one and a half times its even share is marked as over-represented.",
        },
    },
    {
        "format": "workshops.discussion",
        "title": {
            "sv": "Diskutera det ni ser",
            "nb": "Diskuter det dere ser",
            "da": "Diskutér det, I ser",
            "en": "Discuss what you see",
        },
        "body": {"sv": "", "nb": "", "da": "", "en": ""},
        "script": {
            "sv": "Visa en fråga i taget. Skriv ner det viktigaste som sägs i anteckningsfältet "
            "för varje fråga – anteckningarna hamnar i rapporten. Har ni något i startgroparna "
            "som kan täcka en lucka?",
            "nb": "Vis ett spørsmål om gangen. Skriv ned det viktigste som blir sagt i "
            "notatfeltet for hvert spørsmål – notatene kommer med i rapporten. Har dere noe "
            "på gang som kan dekke et hull?",
            "da": "Vis ét spørgsmål ad gangen. Skriv det vigtigste, der bliver sagt, i "
            "notefeltet for hvert spørgsmål – noterne kommer med i rapporten. Har I noget på "
            "vej, der kan dække et hul?",
            "en": "Show one question at a time. Write down the main points said in the notes "
            "field of each question – the notes go into the report. Is anything in the "
            "pipeline that could fill a gap?",
        },
    },
    {
        "format": "workshops.compare",
        "title": {
            "sv": "Portföljen och det invånarna önskar",
            "nb": "Porteføljen og det innbyggerne ønsker",
            "da": "Porteføljen og det, borgerne ønsker",
            "en": "The portfolio and what citizens want",
        },
        "body": {
            "sv": "Andel projekt per målbild jämfört med invånarnas svar.",
            "nb": "Andel prosjekter per målbilde sammenlignet med innbyggernes svar.",
            "da": "Andel projekter pr. målbillede sammenlignet med borgernes svar.",
            "en": "Share of projects per target image compared with citizens' answers.",
        },
        "script": {
            "sv": "Jämför staplarna: där invånarna lägger stor vikt men portföljen är tunn "
            "finns det mest att vinna. Avsluta med att bestämma vem som tar med sig vad.",
            "nb": "Sammenlign søylene: der innbyggerne legger stor vekt, men porteføljen er "
            "tynn, er det mest å hente. Avslutt med å bestemme hvem som tar med seg hva.",
            "da": "Sammenlign søjlerne: hvor borgerne lægger stor vægt, men porteføljen er "
            "tynd, er der mest at vinde. Afslut med at aftale, hvem der tager hvad med sig.",
            "en": "Compare the bars: where citizens care a lot but the portfolio is thin, "
            "there is most to gain. Finish by agreeing who takes what forward.",
        },
    },
]


def build(workshop, language: str) -> None:
    """Add the steps in `language`, with the organisation's default target images."""
    workshop.framework = mapping_services.framework_default_for(
        organisation=workshop.dialogue.organisation, language=language
    )
    workshop.save(update_fields=["framework", "updated_at"])
    for step in STEPS:
        options = {}
        if step["format"] == "workshops.discussion":
            options = {
                "questions": [
                    {"key": q["key"], "text": text_in(q["text"], language)} for q in QUESTIONS
                ],
                "current": 0,
            }
        services.step_add(
            workshop=workshop,
            format=step["format"],
            title=text_in(step["title"], language),
            body=text_in(step["body"], language),
            script=text_in(step["script"], language),
            options=options,
        )
