"""Every model with a place in its list is a `core.models.OrderedModel`: one `position` field
and the ordering by position, then id (kept by the subclasses' own Meta)."""

from django.apps import apps

from samrad.core.models import OrderedModel

ORDERED = {
    "concerns.Concern",
    "concerns.Group",
    "dialogues.Phase",
    "insights.Theme",
    "live.Choice",
    "live.Question",
    "planning.Goal",
    "planning.Measure",
    "planning.Purpose",
    "planning.TargetGroup",
    "signification.Signifier",
    "workshops.Project",
    "workshops.TargetArea",
    "workshops.TargetImage",
    "workshops.WorkshopStep",
}


def test_every_model_with_a_position_is_ordered_by_it():
    with_position = {
        model._meta.label
        for model in apps.get_models()
        if any(field.name == "position" for field in model._meta.fields)
    }
    assert with_position == ORDERED
    for label in ORDERED:
        model = apps.get_model(label)
        assert issubclass(model, OrderedModel), label
        assert model._meta.ordering == ["position", "id"], label
        assert not model._meta.abstract, label
