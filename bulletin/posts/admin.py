from __future__ import annotations

from django.contrib import admin

from bulletin.posts.models import Topic

# The post screen is the back office's (`bulletin/editorial/admin.py`).


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
