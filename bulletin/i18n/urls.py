from django.urls import path

from bulletin.i18n import backoffice

app_name = "i18n"

urlpatterns = [
    path("", backoffice.index, name="index"),
    path("<int:pk>/", backoffice.post_status, name="post"),
    path("<int:pk>/start/", backoffice.start, name="start"),
    path("<int:pk>/up-to-date/", backoffice.mark_up_to_date, name="up_to_date"),
]
