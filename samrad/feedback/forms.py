"""Forms for feedback; they validate, services write."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from samrad.feedback.method_template import MAX_BYTES


class PublicPageForm(forms.Form):
    slug = forms.SlugField(
        label=_("Address of the page"),
        max_length=80,
        help_text=_("Letters, digits and hyphens; the page is /d/<address>/."),
    )
    intro = forms.CharField(
        label=_("Introduction"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_steps = forms.CharField(
        label=_("What happens next"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    contact = forms.CharField(label=_("Contact"), required=False, max_length=300)
    sender_name = forms.CharField(
        label=_("Sender of the e-mails: name"),
        required=False,
        max_length=100,
        help_text=_("For example the municipality's name."),
    )
    sender_email = forms.EmailField(
        label=_("Sender of the e-mails: address"),
        required=False,
        help_text=_(
            "The “From” address of feedback e-mails. Use an address of your own domain that "
            "your mail server may send from; empty: the server's default."
        ),
    )


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    consent = forms.BooleanField(required=False)


class MailingForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        if "\r" in subject or "\n" in subject:
            raise forms.ValidationError(_("The subject must be one line."))
        return subject

    body = forms.CharField(
        label=_("Message"),
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "Plain text. Each e-mail adds a greeting, a link to the public page and an "
            "unsubscribe link in the subscriber's language."
        ),
    )


class NotesForm(forms.Form):
    lessons = forms.CharField(
        label=_("Lessons learned (one per line)"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class MethodImportForm(forms.Form):
    file = forms.FileField(
        label=_("Method template (.json)"),
        help_text=_("A file exported from Samråd with “Method template (JSON)”."),
    )
    title = forms.CharField(
        label=_("Title of the new dialogue (optional)"), required=False, max_length=200
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(mb)s MB).") % {"mb": MAX_BYTES // (1024 * 1024)}
            )
        return upload


class MailingVersionForm(forms.Form):
    """The mailing in another language; an empty message removes that version."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        required=False,
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 8}),
    )

    def clean_subject(self) -> str:
        subject = self.cleaned_data["subject"]
        if "\r" in subject or "\n" in subject:
            raise forms.ValidationError(_("The subject must be one line."))
        return subject
