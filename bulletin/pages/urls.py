from django.urls import path

from bulletin.pages import views

app_name = "pages"

urlpatterns = [path("pages/<slug:slug>/", views.page, name="page")]
