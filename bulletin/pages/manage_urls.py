from django.urls import path

from bulletin.pages import backoffice

app_name = "pages_manage"

urlpatterns = [
    path("", backoffice.page_list, name="list"),
    path("new/", backoffice.page_start, name="start"),
    path("<id:pk>/settings/", backoffice.page_settings, name="settings"),
]
