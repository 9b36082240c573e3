"""The generic views of edit in place (core/editing.py): a row becomes its form, the form
saves and becomes the row again, Cancel brings the row back. With htmx they answer fragments
that replace the row; without JavaScript the Edit link opens a page with the form, and saving
goes back to the list (`next`).

Who may: the object's dialogue must be one of the user's (else 404, as everywhere), and the
form and the save need `can_facilitate` (a viewer gets 403 and is shown no Edit button)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from samrad.core import editing
from samrad.core.redirects import next_or
from samrad.dialogues.selectors import dialogue_editable_or_404


def _object(request: HttpRequest, key: str, pk: int):
    entry = editing.editable_for(key)
    if entry is None:
        raise Http404
    queryset = entry.scope() if entry.scope else entry.model._default_manager.all()
    obj = get_object_or_404(queryset, pk=pk)
    # A role on the dialogue counts (a facilitator of the organisation made viewer here may
    # read the rows, not edit them).
    dialogue, editable = dialogue_editable_or_404(user=request.user, pk=entry.dialogue(obj).pk)
    return entry, obj, dialogue, editable


def _initial(obj, fields) -> dict:
    initial = {}
    for name in fields:
        field = obj._meta.get_field(name)
        initial[name] = getattr(obj, field.attname)
    return initial


def _form(entry: editing.Editable, obj, data=None):
    auto_id = f"edit-{entry.key.replace('.', '-')}-{obj.pk}-%s"
    form = entry.form(obj, data=data, initial=_initial(obj, entry.fields), auto_id=auto_id)
    for name in list(form.fields):
        if name not in entry.fields:
            del form.fields[name]
    return form


def _focus(request: HttpRequest, form) -> None:
    """Focus where the eye goes: the first field in error after a refused save, else the first.

    A whole page uses `autofocus`. A row swapped in by htmx is focused by inline-edit.js in the
    same task as the swap (`data-autofocus`): htmx honours `autofocus` only when the swap
    settles, 20 ms later, and would then pull focus (and the text being typed) out of a field
    the person has already moved to.
    """
    names = [name for name in form.fields if form.is_bound and form.errors.get(name)]
    name = names[0] if names else next(iter(form.fields), None)
    if name is not None:
        form.fields[name].widget.attrs["data-autofocus" if _htmx(request) else "autofocus"] = True


def _page_path(request: HttpRequest) -> str:
    """The list page the row sits on (htmx sends its address), for the Edit link's `next`."""
    current = urlsplit(request.headers.get("HX-Current-URL", ""))
    return current.path + (f"?{current.query}" if current.query else "")


def _referer_path(request: HttpRequest) -> str:
    """The page the edit came from, on this site only (a path), for Cancel and after Save."""
    referer = urlsplit(request.headers.get("Referer", ""))
    if referer.netloc and referer.netloc != request.get_host():
        return "/"
    return (referer.path or "/") + (f"?{referer.query}" if referer.query else "")


def _htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _row(request, entry, obj, dialogue, editable, *, saved=False) -> HttpResponse:
    context = {
        "page_path": _page_path(request),
        "item": obj,
        "dialogue": dialogue,
        "editable": editable,
        "focus_edit": True,
        "saved": saved,
        **(entry.context(obj) if entry.context else {}),
    }
    return render(request, entry.row_template, context)


def _edit_form(request, entry, obj, form, *, version, conflict=None, status=200):
    _focus(request, form)
    context = {
        "entry": entry,
        "item": obj,
        "form": form,
        "name": entry.name(obj),
        "version": version,
        "conflict": conflict,
        "next": next_or(request, _referer_path(request)),
        "row_id": f"edit-{entry.key.replace('.', '-')}-{obj.pk}",
        "tag": entry.tag if _htmx(request) else "div",
    }
    template = "editing/_form.html" if _htmx(request) else "editing/page.html"
    return render(request, template, context, status=status)


@login_required
def edit(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    entry, obj, dialogue, editable = _object(request, key, pk)
    if not editable:
        raise PermissionDenied
    if request.method != "POST":
        form = _form(entry, obj)
        return _edit_form(request, entry, obj, form, version=editing.version_of(obj, entry.fields))
    form = _form(entry, obj, request.POST)
    version = request.POST.get("version", "")
    if not form.is_valid():
        return _edit_form(request, entry, obj, form, version=version)
    values = {name: form.cleaned_data[name] for name in entry.fields if name in form.cleaned_data}
    try:
        entry.update(obj, actor=request.user, version=version, values=values)
    except editing.EditConflict as conflict:
        current = [
            (form.fields[name].label if name in form.fields else name, value)
            for name, value in conflict.current.items()
        ]
        return _edit_form(request, entry, obj, form, version=conflict.version, conflict=current)
    except ValueError as error:
        form.add_error(None, _("Not saved: %(reason)s") % {"reason": error})
        return _edit_form(request, entry, obj, form, version=version)
    if not _htmx(request):
        messages.success(request, _("Saved."))
        return redirect(next_or(request, "/"))
    return _row(request, entry, obj, dialogue, editable, saved=True)


@login_required
def row(request: HttpRequest, key: str, pk: int) -> HttpResponse:
    """The row as it is saved now (Cancel)."""
    entry, obj, dialogue, editable = _object(request, key, pk)
    return _row(request, entry, obj, dialogue, editable)
