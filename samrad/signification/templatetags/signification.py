"""Template tags for the signification sections on the dialogue's pages."""

from django import template
from django.db.models import Count

from samrad.signification.models import Survey

register = template.Library()


@register.simple_tag
def dialogue_surveys(dialogue):
    return list(
        Survey.objects.filter(dialogue=dialogue)
        .annotate(story_count=Count("stories"))
        .order_by("created_at", "id")
    )


@register.simple_tag
def public_peeks(dialogue):
    """The dialogue's surveys whose sneak peek is on (the public page links only to those)."""
    return list(
        Survey.objects.filter(dialogue=dialogue, peek_enabled=True).order_by("created_at", "id")
    )
