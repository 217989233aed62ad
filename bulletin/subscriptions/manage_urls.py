from django.urls import path

from bulletin.subscriptions import backoffice

app_name = "alerts_manage"

urlpatterns = [
    path("", backoffice.delivery, name="delivery"),
    path("paused/<id:pk>/resume/", backoffice.resume, name="resume"),
]
