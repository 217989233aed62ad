"""The pages a mail links to, outside the language prefix: a one-click POST must not
be redirected, and each page speaks the subscriber's own language."""

from django.urls import path

from bulletin.subscriptions import views

app_name = "subscriptions"

urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.manage, name="manage"),
]
