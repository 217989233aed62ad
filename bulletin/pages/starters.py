"""What a new page starts with: a template the admin completes, in the page's
language. The accessibility statement follows the parts EN 301 549 and the EU
model statement ask for; square brackets mark what the organisation must fill in."""

from __future__ import annotations

from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import override

from bulletin.pages.models import Role


def _html(parts: list[tuple[str, str]]) -> str:
    return "".join(f"<{tag}>{escape(text)}</{tag}>" for tag, text in parts)


def starter(role: str, language: str) -> dict:
    """Title, summary and body of a new page of this role, in `language`."""
    with override(language):
        if role == Role.ACCESSIBILITY:
            return {
                "title": _("Accessibility statement"),
                "summary": _(
                    "How accessible this website is, and how to tell us about a problem."
                ),
                "body": _html(
                    [
                        (
                            "p",
                            _(
                                "[Organisation] is committed to making this website accessible, in accordance with the Web Content Accessibility Guidelines (WCAG) 2.2 level AA and the European standard EN 301 549."
                            ),
                        ),
                        ("h2", _("Compliance status")),
                        (
                            "p",
                            _(
                                "This website is [fully / partially / not] compliant with WCAG 2.2 level AA, because of the non-compliances listed below."
                            ),
                        ),
                        ("h2", _("Content that is not accessible")),
                        (
                            "p",
                            _(
                                "[List each problem, the requirement it fails, and when it will be fixed. Documents published before [date] may not be accessible.]"
                            ),
                        ),
                        ("h2", _("How this statement was prepared")),
                        (
                            "p",
                            _(
                                "This statement was prepared on [date] by [a self-assessment / an external audit]. It is reviewed at least once a year; the date of the last review is shown below."
                            ),
                        ),
                        ("h2", _("Feedback and contact")),
                        (
                            "p",
                            _(
                                "If you find a problem, or need a document in another format, write to [address]. We answer within [number] working days."
                            ),
                        ),
                        ("h2", _("Enforcement")),
                        (
                            "p",
                            _(
                                "If our answer does not satisfy you, you may contact [the national enforcement body]."
                            ),
                        ),
                    ]
                ),
            }
        if role == Role.CONTACT:
            return {
                "title": _("Contact"),
                "summary": _("How to reach us."),
                "body": _html(
                    [
                        (
                            "p",
                            _(
                                "[Organisation], [street and number], [postcode and town]."
                            ),
                        ),
                        (
                            "p",
                            _(
                                "Telephone: [number], on working days from [time] to [time]."
                            ),
                        ),
                        ("p", _("E-mail: [address].")),
                    ]
                ),
            }
        if role == Role.PRIVACY:
            return {
                "title": _("Privacy"),
                "summary": _("What personal data we handle, why, and your rights."),
                "body": _html(
                    [
                        (
                            "p",
                            _(
                                "Readers give personal data only to receive e-mail alerts: their e-mail address, language, the lists they follow and how often, deleted with the subscription. Reader counts are kept without cookies and without addresses."
                            ),
                        ),
                        ("h2", _("Who is responsible")),
                        (
                            "p",
                            _(
                                "[Organisation] is responsible for the data handled on this website. Our data protection officer can be reached at [address]."
                            ),
                        ),
                        ("h2", _("Your rights")),
                        (
                            "p",
                            _(
                                "You may ask to see, correct or delete data about you, and complain to [the data protection authority]."
                            ),
                        ),
                    ]
                ),
            }
        if role == Role.COOKIES:
            return {
                "title": _("Cookies"),
                "summary": _("This website sets no cookies for readers."),
                "body": _html(
                    [
                        (
                            "p",
                            _(
                                "Reading this website sets no cookies. Only staff who sign in to the back office receive a session cookie and a security cookie, which end when they sign out or close the browser."
                            ),
                        ),
                    ]
                ),
            }
        return {"title": _("New page"), "summary": "", "body": ""}
