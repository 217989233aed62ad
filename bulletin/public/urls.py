from django.urls import path, re_path

from bulletin.public import views

app_name = "public"

# A list is addressed by optional segments in a fixed order:
# /[news|notices|events/][topics/<slug>/][<year>/]; a post keeps the list it was
# reached from in front of /posts/<slug>/, so LIST, Prev and Next stay in that list.
LIST_PREFIX = (
    r"(?:(?P<kind>news|notices|events)/)?"
    r"(?:topics/(?P<topic>[-\w]+)/)?"
    r"(?:(?P<year>[0-9]{4})/)?"
)

urlpatterns = [
    path("archive/", views.archive, name="archive"),
    path("topics/", views.topic_index, name="topics"),
    path("filter/", views.filter_redirect, name="filter"),
    path("attachments/<id:pk>/<str:filename>", views.attachment, name="attachment"),
    re_path(rf"^{LIST_PREFIX}posts/(?P<slug>[-\w]+)/$", views.post_detail, name="post"),
    re_path(rf"^{LIST_PREFIX}$", views.post_list, name="list"),
]
