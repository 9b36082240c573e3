from django.contrib import admin

from samrad.accounts.models import ApiToken, Membership, Organisation


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "created_at"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are created with `samrad apitoken create` (the secret is shown once there);
    here they can be seen and revoked (deleted)."""

    list_display = ["name", "user", "prefix", "created_at", "last_used_at"]
    readonly_fields = ["user", "name", "prefix", "created_at", "last_used_at"]
    exclude = ["token_hash"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
