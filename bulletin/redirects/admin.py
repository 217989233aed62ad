from django.contrib import admin

from bulletin.redirects.models import Redirect


@admin.register(Redirect)
class RedirectAdmin(admin.ModelAdmin):
    list_display = ["old_path", "post", "reason", "created_at"]
    list_filter = ["reason"]
    search_fields = ["old_path", "post__title"]
    raw_id_fields = ["post"]
