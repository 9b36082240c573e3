"""The step kinds and workshop templates this app registers."""

from django.utils.translation import gettext_lazy as _

from samrad.workshops.steps import StepKind, register

TEXT = register(
    StepKind(
        "workshops.text",
        _("Text on the projector"),
        "workshops/steps/text_facilitator.html",
        "workshops/steps/text_projector.html",
        "workshops/steps/text_phone.html",
    )
)
