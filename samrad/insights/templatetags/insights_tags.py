"""Template helpers of the board and of the public section."""

from django import template

from samrad.insights import selectors

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag
def published_by_theme(dialogue):
    """The dialogue's published answers grouped by theme (for `_public_section.html`)."""
    return selectors.published_by_theme(dialogue)


@register.simple_tag
def public_word_clouds(dialogue):
    return selectors.public_word_clouds(dialogue)
