from django.contrib import admin

from samrad.dialogues.models import Dialogue, Phase


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Dialogue)
class DialogueAdmin(admin.ModelAdmin):
    list_display = ["title", "organisation", "language", "created_at"]
    list_filter = ["organisation", "language"]
    inlines = [PhaseInline]
