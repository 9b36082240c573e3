from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from samrad.api.api import ROOT as API_ROOT
from samrad.api.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="live:join", permanent=False)),
    path("admin/", admin.site.urls),
    path("accounts/", include("samrad.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dialogues/", include("samrad.dialogues.urls")),
    path(API_ROOT, api.urls),
    path("insights/", include("samrad.insights.urls")),
    path("workshops/", include("samrad.workshops.urls")),
    path("concerns/", include("samrad.concerns.urls")),
    path("plan/", include("samrad.planning.urls")),
    path("surveys/", include("samrad.signification.urls")),
    path("edit/", include("samrad.dialogues.urls_editing")),
    # Public pages without login (the dialogue's feedback page, unsubscribe links …).
    path("", include("samrad.feedback.urls")),
    path("", include("samrad.live.urls")),
    path("", include("samrad.opinions.urls")),
]

handler400 = "samrad.core.views.bad_request"
handler404 = "samrad.core.views.not_found"
