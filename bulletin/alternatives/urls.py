from django.urls import path

from bulletin.alternatives import views

app_name = "alternatives"

urlpatterns = [
    path("documents/formats/<id:pk>/", views.alternative, name="alternative"),
    path(
        "documents/<id:pk>/accessible-format/",
        views.request_format,
        name="request",
    ),
]
