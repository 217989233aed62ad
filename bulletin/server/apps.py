from django.apps import AppConfig


class ServerConfig(AppConfig):
    name = "bulletin.server"
    verbose_name = "Server"
