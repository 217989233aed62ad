from django.contrib import admin

from bulletin.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["user", "event", "post", "created_at", "done_at"]
    list_filter = ["event"]
    list_select_related = ["user", "post"]
    readonly_fields = [f.name for f in Notification._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False
