from django.contrib.admin.apps import AdminConfig


class BulletinAdminConfig(AdminConfig):
    """Django's admin, open to the Admin role only (see `admin_site.py`)."""

    default_site = "bulletin.editorial.admin_site.AdminsOnlySite"
