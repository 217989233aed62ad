from django.urls import path

from bulletin.thumbnails import views

app_name = "thumbnails"

urlpatterns = [
    path("<id:attachment_id>/<slug:size>.jpg", views.image, name="image"),
    path("images/<uuid:key>/<id:width>.jpg", views.rendition, name="rendition"),
]
