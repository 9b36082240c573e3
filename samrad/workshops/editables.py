"""What of a workshop is edited in place (core/editing.py): the projects of the portfolio."""

from __future__ import annotations

from samrad.core.editing import Editable, register
from samrad.workshops.mapping import services as mapping_services
from samrad.workshops.mapping.forms import ProjectForm
from samrad.workshops.models import Project


def _project_form(obj, **kwargs) -> ProjectForm:
    form = ProjectForm(**kwargs)
    form.fields["code"].required = True  # a project keeps a code once it has one
    form.fields["code"].help_text = ""
    return form


register(
    Editable(
        key="workshops.project",
        model=Project,
        fields=("code", "name", "department", "year", "description", "contact", "status"),
        form=_project_form,
        update=lambda obj, **kw: mapping_services.project_update(project=obj, **kw),
        dialogue=lambda obj: obj.workshop.dialogue,
        row_template="workshops/_project_row.html",
        name=lambda obj: f"{obj.code} {obj.name}",
        tag="tr",
        columns=7,
        scope=lambda: Project.objects.select_related("workshop__dialogue__organisation"),
    )
)
