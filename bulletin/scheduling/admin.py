from django.contrib import admin

from bulletin.scheduling.models import ScheduledMoment


@admin.register(ScheduledMoment)
class ScheduledMomentAdmin(admin.ModelAdmin):
    """Read-only: what the job runner owes, did, retries or gave up on, and why."""

    list_display = ["post", "moment", "due_at", "state", "attempts", "done_at"]
    list_filter = ["state", "moment"]
    list_select_related = ["post"]
    date_hierarchy = "due_at"
    search_fields = ["post__title"]
    readonly_fields = [f.name for f in ScheduledMoment._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
