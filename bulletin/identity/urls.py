from django.urls import path

from bulletin.identity import views

app_name = "identity"

urlpatterns = [
    path("logo/<str:stamp>", views.logo, name="logo"),
    path("theme/<str:stamp>.css", views.theme, name="theme"),
]
