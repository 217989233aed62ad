from django.urls import path

from bulletin.notifications import views

app_name = "notifications"

urlpatterns = [
    path("needs-me/", views.needs_me, name="needs_me"),
    path("needs-me/<id:pk>/done/", views.done, name="done"),
    path("needs-me/done/", views.all_done, name="all_done"),
    path("notifications/", views.preferences, name="preferences"),
]
