"""Built-in target-image frameworks, as data in sv/nb/da/en (not gettext: this is content
that an organisation copies and then edits).

The default is the Smarta Samhällen framework: the three areas citizens talked about most
when asked what a smart society is. Translations chosen for the names:

| key         | sv            | nb           | da           | en          |
|-------------|---------------|--------------|--------------|-------------|
| safety      | Trygghet      | Trygghet     | Tryghed      | Safety      |
| community   | Kollektivitet | Fellesskap   | Fællesskab   | Community   |
| convenience | Smidighet     | Smidighet    | Smidighed    | Convenience |

"Kollektivitet" is about doing things together and sharing, which Norwegian and Danish say
with fellesskap / fællesskab; "smidighet" is everyday life running smoothly, which English
says best with convenience. `ALIASES` adds a few other words people use for the same images
(nynorsk "tryggleik", "security", "collectivity", "smoothness"), so that names typed in a
spreadsheet in any of the four languages are recognised (`image_key_for`).
"""

from __future__ import annotations

import unicodedata
from typing import Any

LANGUAGES = ("sv", "nb", "da", "en")

SMART_FRAMEWORK: dict[str, Any] = {
    "key": "smart",
    "name": {
        "sv": "Smarta samhällen",
        "nb": "Smarte samfunn",
        "da": "Smarte samfund",
        "en": "Smart societies",
    },
    "images": [
        {
            "key": "safety",
            "name": {"sv": "Trygghet", "nb": "Trygghet", "da": "Tryghed", "en": "Safety"},
            "description": {
                "sv": "Att känna sig trygg i vardagen: i hemmet, på gatan, i vården och på "
                "nätet. Teknik som skyddar och som man kan lita på.",
                "nb": "Å føle seg trygg i hverdagen: hjemme, på gaten, i helsetjenesten og på "
                "nett. Teknologi som beskytter og som man kan stole på.",
                "da": "At føle sig tryg i hverdagen: i hjemmet, på gaden, i sundhedsvæsenet og "
                "på nettet. Teknologi der beskytter, og som man kan stole på.",
                "en": "Feeling safe in everyday life: at home, in the street, in care and "
                "online. Technology that protects and that people can trust.",
            },
        },
        {
            "key": "community",
            "name": {
                "sv": "Kollektivitet",
                "nb": "Fellesskap",
                "da": "Fællesskab",
                "en": "Community",
            },
            "description": {
                "sv": "Att göra saker tillsammans: gemenskap, delning och mötesplatser där "
                "alla får vara med, oavsett ålder och bakgrund.",
                "nb": "Å gjøre ting sammen: fellesskap, deling og møteplasser der alle får være "
                "med, uansett alder og bakgrunn.",
                "da": "At gøre ting sammen: fællesskab, deling og mødesteder, hvor alle kan "
                "være med, uanset alder og baggrund.",
                "en": "Doing things together: belonging, sharing and meeting places where "
                "everyone can take part, whatever their age or background.",
            },
        },
        {
            "key": "convenience",
            "name": {"sv": "Smidighet", "nb": "Smidighet", "da": "Smidighed", "en": "Convenience"},
            "description": {
                "sv": "Att vardagen går lätt: enkla e-tjänster, smarta resor och mindre krångel "
                "i kontakten med kommunen.",
                "nb": "At hverdagen går lett: enkle digitale tjenester, smarte reiser og mindre "
                "styr i kontakten med kommunen.",
                "da": "At hverdagen glider: enkle digitale løsninger, smarte rejser og mindre "
                "bøvl i kontakten med kommunen.",
                "en": "Everyday life running smoothly: simple online services, smart travel "
                "and less hassle in dealing with the municipality.",
            },
        },
    ],
}

ALIASES = {
    "safety": ["tryggleik", "security", "trygghed"],
    "community": ["kollektivitet", "kollektivitét", "collectivity", "fellesskab", "gemenskap"],
    "convenience": ["smoothness", "ease", "flexibility", "smidighed"],
}

BUILT_IN = {"default": SMART_FRAMEWORK, "smart": SMART_FRAMEWORK}


class LocalisedText(dict):
    """Texts per language that print in the active one (e.g. a template's label)."""

    def __str__(self) -> str:
        from django.utils import translation

        return text_in(self, (translation.get_language() or "sv")[:2])

    def __hash__(self) -> int:  # type: ignore[override]  # dict is unhashable; a text is itself
        return id(self)


def fold(text: str) -> str:
    """Compare names case-insensitively and whatever their Unicode form."""
    return unicodedata.normalize("NFC", text or "").strip().casefold()


def text_in(texts: dict[str, str], language: str) -> str:
    """The text in `language`, else Swedish (the original), else any."""
    return texts.get(language) or texts.get("sv") or next(iter(texts.values()), "")


def image_names(framework: dict, language: str) -> list[str]:
    return [text_in(image["name"], language) for image in framework["images"]]


def image_key_for(framework: dict, name: str) -> str | None:
    """The key of the image called `name` in any of our languages (or an alias), or None."""
    wanted = fold(name)
    for image in framework["images"]:
        names = list(image["name"].values()) + ALIASES.get(image["key"], []) + [image["key"]]
        if wanted in {fold(n) for n in names}:
            return image["key"]
    return None
