"""Admin: the audit log, read only (entries are written by `core.audit.record` alone)."""

from django.contrib import admin
from django.http import HttpRequest

from samrad.core.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "organisation", "actor_name", "action", "target", "summary"]
    list_filter = ["organisation", "action"]
    search_fields = ["actor_name", "action", "target", "summary"]
    date_hierarchy = "at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
