from django.contrib import admin

from bulletin.imports.models import CrawlState, ImportedPost


@admin.register(ImportedPost)
class ImportedPostAdmin(admin.ModelAdmin):
    list_display = ["source_id", "source", "post", "imported_at"]
    list_filter = ["source"]
    search_fields = ["source_id", "source_url", "post__title", "notes"]
    raw_id_fields = ["post"]
    readonly_fields = ["fingerprint", "post_version", "files", "imported_at"]


@admin.register(CrawlState)
class CrawlStateAdmin(admin.ModelAdmin):
    list_display = ["start_url", "finished", "updated_at"]
