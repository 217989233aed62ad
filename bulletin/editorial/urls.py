from django.urls import path

from bulletin.editorial.views import (
    attachments,
    autosave,
    images,
    lists,
    people,
    posts,
    previews,
    revisions,
    topics,
)

app_name = "editorial"

urlpatterns = [
    path("", posts.dashboard, name="dashboard"),
    path("posts/", lists.post_list, name="posts"),
    path("posts/bulk/", lists.bulk_action, name="bulk"),
    path("posts/bulk/report/", lists.bulk_report, name="bulk_report"),
    path("posts/new/", posts.post_create, name="post_create"),
    path("posts/new/autosave/", autosave.keep_new, name="autosave_new"),
    path("posts/new/autosave/discard/", autosave.discard, name="autosave_discard_new"),
    path("posts/<id:pk>/autosave/", autosave.keep_edit, name="autosave"),
    path("posts/<id:pk>/autosave/discard/", autosave.discard, name="autosave_discard"),
    path("posts/<id:pk>/", posts.post_detail, name="post"),
    path("posts/<id:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<id:pk>/presence/", posts.presence_ping, name="presence"),
    path("posts/<id:pk>/steps/<slug:step>/", posts.post_step, name="post_step"),
    path("posts/<id:pk>/revisions/", revisions.revision_list, name="revisions"),
    path(
        "posts/<id:pk>/revisions/compare/",
        revisions.revision_diff,
        name="revision_diff",
    ),
    path(
        "posts/<id:pk>/revisions/<id:number>/restore/",
        revisions.revision_restore,
        name="revision_restore",
    ),
    path("posts/<id:pk>/documents/", attachments.attachment_list, name="attachments"),
    path(
        "posts/<id:pk>/documents/<id:item_id>/remove/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
    path("posts/<id:pk>/preview/", previews.preview, name="preview"),
    path("posts/<id:pk>/share-links/", previews.link_create, name="link_create"),
    path(
        "posts/<id:pk>/share-links/<id:link_id>/revoke/",
        previews.link_revoke,
        name="link_revoke",
    ),
    path(
        "posts/<id:pk>/preview/documents/<id:item_id>/<str:filename>",
        previews.preview_document,
        name="preview_document",
    ),
    path("shared/<str:token>/", previews.shared_preview, name="shared"),
    path(
        "shared/<str:token>/documents/<id:item_id>/<str:filename>",
        previews.shared_document,
        name="shared_document",
    ),
    path("images/", images.image_library, name="images"),
    path("images/choices/", images.image_choices, name="image_choices"),
    path("images/upload/", images.image_upload, name="image_upload"),
    path("images/<id:pk>/", images.image_detail, name="image"),
    path("people/", people.people, name="people"),
    path("people/<id:pk>/", people.person_change, name="person"),
    path("topics/", topics.topic_list, name="topics"),
    path("topics/new/", topics.topic_edit, name="topic_create"),
    path("topics/<id:pk>/", topics.topic_edit, name="topic_edit"),
]
