"""Template helpers of the board and of the public section."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def top_suggestion(suggested):
    """The suggested theme the `a` key accepts, or None below the confidence threshold."""
    from samrad.insights.selectors import top_suggestion as top

    return top(suggested)


@register.simple_tag
def published_by_theme(dialogue):
    """The public answers grouped by theme (for `_public_section.html`), decided by the one
    "what is public" selector."""
    from samrad.feedback import public

    return public.answers_by_theme(dialogue)


@register.simple_tag
def public_word_cloud(dialogue):
    from samrad.feedback import public

    return public.word_cloud(dialogue)


@register.simple_tag
def publish_summary(dialogue):
    from samrad.feedback import public

    return public.publish_summary(dialogue)
