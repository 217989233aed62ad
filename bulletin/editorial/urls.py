from django.urls import path

from bulletin.editorial.views import attachments, posts, previews, revisions, topics

app_name = "editorial"

urlpatterns = [
    path("", posts.dashboard, name="dashboard"),
    path("posts/", posts.post_list, name="posts"),
    path("posts/new/", posts.post_create, name="post_create"),
    path("posts/<int:pk>/", posts.post_detail, name="post"),
    path("posts/<int:pk>/edit/", posts.post_edit, name="post_edit"),
    path("posts/<int:pk>/presence/", posts.presence_ping, name="presence"),
    path("posts/<int:pk>/steps/<slug:step>/", posts.post_step, name="post_step"),
    path("posts/<int:pk>/revisions/", revisions.revision_list, name="revisions"),
    path(
        "posts/<int:pk>/revisions/compare/",
        revisions.revision_diff,
        name="revision_diff",
    ),
    path(
        "posts/<int:pk>/revisions/<int:number>/restore/",
        revisions.revision_restore,
        name="revision_restore",
    ),
    path("posts/<int:pk>/documents/", attachments.attachment_list, name="attachments"),
    path(
        "posts/<int:pk>/documents/<int:item_id>/remove/",
        attachments.attachment_delete,
        name="attachment_delete",
    ),
    path("posts/<int:pk>/preview/", previews.preview, name="preview"),
    path("posts/<int:pk>/share-links/", previews.link_create, name="link_create"),
    path(
        "posts/<int:pk>/share-links/<int:link_id>/revoke/",
        previews.link_revoke,
        name="link_revoke",
    ),
    path(
        "posts/<int:pk>/preview/documents/<int:item_id>/<str:filename>",
        previews.preview_document,
        name="preview_document",
    ),
    path("shared/<str:token>/", previews.shared_preview, name="shared"),
    path(
        "shared/<str:token>/documents/<int:item_id>/<str:filename>",
        previews.shared_document,
        name="shared_document",
    ),
    path("topics/", topics.topic_list, name="topics"),
    path("topics/new/", topics.topic_edit, name="topic_create"),
    path("topics/<int:pk>/", topics.topic_edit, name="topic_edit"),
]
