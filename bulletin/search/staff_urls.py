"""Staff search lives in the back office, under /manage/search/.

There it gets the back office's `no-store` and `noindex` (see
`bulletin.editorial.middleware`), and stays out of the public namespaces whose
answers shared caches may keep.
"""

from django.urls import path

from bulletin.search import views

app_name = "staff_search"

urlpatterns = [
    path("", views.staff_search, name="search"),
]
