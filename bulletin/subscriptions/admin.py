from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from bulletin.subscriptions.models import Mail, Subscriber, UndeliverableAddress


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Mail)
class MailAdmin(ReadOnly):
    """The outbox: what waits, what was sent, what failed or is uncertain, and why."""

    list_display = [
        "key",
        "kind",
        "address",
        "state",
        "attempts",
        "run_after",
        "sent_at",
    ]
    list_filter = ["state", "kind"]
    search_fields = ["address", "key"]
    exclude = ["subscriber", "post"]


@admin.register(UndeliverableAddress)
class UndeliverableAddressAdmin(admin.ModelAdmin):
    """Addresses the mail server refused for good; paused ones get no mail at all."""

    list_display = ["address", "failures", "paused_at", "last_failed_at", "last_error"]
    list_filter = [("paused_at", admin.EmptyFieldListFilter)]
    search_fields = ["address"]
    readonly_fields = [
        "address",
        "failures",
        "last_error",
        "last_failed_at",
        "paused_at",
    ]
    actions = ["resume"]

    def has_add_permission(self, request) -> bool:
        return False

    @admin.action(description=_("Resume sending to the selected addresses"))
    def resume(self, request, queryset) -> None:
        queryset.delete()


@admin.register(Subscriber)
class SubscriberAdmin(ReadOnly):
    list_display = ["email", "language", "created_at"]
    search_fields = ["email"]
    exclude = ["key"]
