from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from samrad.api.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="live:join", permanent=False)),
    path("admin/", admin.site.urls),
    path("accounts/", include("samrad.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("dialogues/", include("samrad.dialogues.urls")),
    path("api/v1/", api.urls),
    path("", include("samrad.live.urls")),
]
