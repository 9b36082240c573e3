"""What the board allows, asked by services (and by templates to show only possible actions)."""

from django.utils.translation import gettext as _

from samrad.insights.models import Input, Theme


def publish_refusal(input: Input) -> str | None:
    """Only an answered input is published: the public page shows questions with answers."""
    if not input.answer.strip():
        return _("Write an answer before publishing.")
    if input.duplicate_of_id:
        return _("A merged duplicate is published through the input it was merged into.")
    return None


def merge_refusal(keep: Input, others: list[Input]) -> str | None:
    if not others:
        return _("Choose at least one other input to merge.")
    if any(other.dialogue_id != keep.dialogue_id for other in others):
        return _("Inputs of another dialogue cannot be merged.")
    if keep.duplicate_of_id or any(other.pk == keep.pk for other in others):
        return _("An input cannot be merged into itself or into a merged duplicate.")
    return None


def theme_merge_refusal(source: Theme, target: Theme) -> str | None:
    if source.pk == target.pk:
        return _("A theme cannot be merged into itself.")
    if source.dialogue_id != target.dialogue_id:
        return _("Themes of another dialogue cannot be merged.")
    return None
