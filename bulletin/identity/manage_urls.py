from django.urls import path

from bulletin.identity import backoffice

app_name = "identity_manage"

urlpatterns = [path("", backoffice.identity_settings, name="settings")]
