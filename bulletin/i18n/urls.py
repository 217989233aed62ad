from django.urls import path

from bulletin.i18n import backoffice

app_name = "i18n"

urlpatterns = [
    path("", backoffice.index, name="index"),
    path("<id:pk>/", backoffice.post_status, name="post"),
    path("<id:pk>/start/", backoffice.start, name="start"),
    path("<id:pk>/up-to-date/", backoffice.mark_up_to_date, name="up_to_date"),
]
