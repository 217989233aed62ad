"""The sign-up form of every list, at the list's own address plus alerts/."""

from django.urls import path, re_path

from bulletin.subscriptions import views

app_name = "alerts"

# The same optional segments as the lists (bulletin.public.urls), without the year.
LIST_PREFIX = r"(?:(?P<kind>news|notices|events)/)?(?:topics/(?P<topic>[-\w]+)/)?"

urlpatterns = [
    path("alerts/sent/", views.sent, name="sent"),
    re_path(rf"^{LIST_PREFIX}alerts/$", views.sign_up, name="form"),
]
