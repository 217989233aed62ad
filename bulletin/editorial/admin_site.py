"""The Django admin is the Admin role's tool (users, roles, site settings).

Authors and editors work in the back office at /manage/, where every action goes
through the workflow services; the admin would let them step around those rules, so
it answers to the Admin role only: being in the Admin group (or a superuser) is what
lets someone in, and `is_staff` alone does not.
"""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from bulletin.accounts.roles import Role, role_of


class AdminsOnlySite(admin.AdminSite):
    def has_permission(self, request: HttpRequest) -> bool:
        return role_of(request.user) == Role.ADMIN
