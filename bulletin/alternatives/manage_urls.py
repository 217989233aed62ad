from django.urls import path

from bulletin.alternatives import backoffice

app_name = "alternatives_manage"

urlpatterns = [
    path("<id:pk>/", backoffice.formats, name="formats"),
    path("<id:pk>/<id:alternative>/remove/", backoffice.remove, name="remove"),
]
