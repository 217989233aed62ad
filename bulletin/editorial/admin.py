"""The Django admin's post screen: every save is recorded like a back-office save.

It lives in the back office rather than in `posts`, because a save here writes a
revision and a history entry through the editorial services.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from bulletin.editorial.services import record_admin_save
from bulletin.editorial.templatetags.bulletin_csp import media_with_nonce
from bulletin.posts.editor import body_form_field
from bulletin.posts.models import Attachment, ChangeNote, Post
from bulletin.posts.uploads import inspect_upload
from bulletin.posts.zones import EventTimesForm


class PostAdminForm(EventTimesForm):
    body = body_form_field(label=_("body"), required=False)
    event_online_url = forms.URLField(
        label=_("online link"), required=False, max_length=500, assume_scheme="https"
    )

    # The version the form was opened on: a save made since then is refused, as in
    # the back office, so an admin never overwrites someone's edit unseen.
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Post
        fields = "__all__"

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seen_version"].initial = (
            self.instance.version if self.instance.pk else 0
        )

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("seen_version") != self.instance.version:
            raise forms.ValidationError(
                _(
                    "Someone saved this post after you opened it. Open it again to see their changes."
                )
            )
        return cleaned


class AttachmentForm(forms.ModelForm):
    """Every new file passes `inspect_upload`; its type and name come from the check."""

    class Meta:
        model = Attachment
        fields = ["title", "file", "position"]

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            checked = inspect_upload(upload)
            self.instance.filename = checked.filename
            self.instance.content_type = checked.content_type
            self.instance.size = checked.size
        return upload


class AttachmentInline(admin.TabularInline):
    model = Attachment
    form = AttachmentForm
    fields = ["title", "file", "filename", "content_type", "size", "position"]
    readonly_fields = ["filename", "content_type", "size"]
    extra = 0


class ChangeNoteInline(admin.TabularInline):
    model = ChangeNote
    extra = 0


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    form = PostAdminForm
    list_display = [
        "title",
        "kind",
        "status",
        "language",
        "published_at",
        "pinned_until",
    ]
    list_filter = ["status", "kind", "language", "topics"]
    search_fields = ["title", "summary"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["topics"]
    raw_id_fields = ["author"]
    list_select_related = True
    show_full_result_count = False
    inlines = [AttachmentInline, ChangeNoteInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "kind",
                    "title",
                    "slug",
                    "summary",
                    "body",
                    "language",
                    "topics",
                ]
            },
        ),
        (
            _("Publication"),
            {"fields": ["status", "published_at", "pinned_until", "expires_at"]},
        ),
        (
            _("Event"),
            {
                "fields": [
                    "event_timezone",
                    "event_start",
                    "event_end",
                    "event_location",
                    "event_online_url",
                ]
            },
        ),
        (
            _("Record"),
            {"fields": ["author", "external_id", "withdrawal_note", "seen_version"]},
        ),
    ]

    def render_change_form(self, request, context, *args, **kwargs):
        # The rich-text editor's inline import map and style placeholder carry the
        # response's CSP nonce, as on the back office's own edit page.
        context["media"] = media_with_nonce(context["media"], request)
        return super().render_change_form(request, context, *args, **kwargs)

    def save_model(self, request, obj, form, change) -> None:
        if not change and obj.author_id is None:
            obj.author = request.user
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        # Like every save in the back office: a revision and a history entry.
        before = form.initial.get("status") if change else None
        record_admin_save(form.instance, request.user, before)

    def save_formset(self, request, form, formset, change) -> None:
        # An attachment's name, type and size were set by AttachmentForm from the
        # checked content, never from what the browser claimed.
        for item in formset.save(commit=False):
            item.save()
        for obj in formset.deleted_objects:
            obj.delete()
        formset.save_m2m()
