from tests.smtp import smtp  # noqa: F401  (the real SMTP server fixture)
