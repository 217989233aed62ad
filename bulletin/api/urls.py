from django.urls import path

from bulletin.api.api import api

urlpatterns = [
    path("", api.urls),
]
