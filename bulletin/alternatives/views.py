"""Readers' side: an HTML version or file of a document, and the form asking for
another format (GOV.UK's pattern: a short form that e-mails the organisation)."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from bulletin.alternatives import throttle
from bulletin.alternatives.forms import FormatRequestForm
from bulletin.alternatives.models import Alternative, Format
from bulletin.identity.site import site_for
from bulletin.posts.models import Attachment, Post
from bulletin.posts.serving import file_response


def _public_attachment(pk: int) -> Attachment:
    attachment = (
        Attachment.objects.filter(pk=pk, post__in=Post.objects.public())
        .select_related("post")
        .first()
    )
    if attachment is None:
        raise Http404("No such document")
    return attachment


def alternative(request: HttpRequest, pk: int) -> HttpResponse:
    found = (
        Alternative.objects.filter(pk=pk, attachment__post__in=Post.objects.public())
        .select_related("attachment__post")
        .first()
    )
    if found is None:
        raise Http404("No such format")
    if found.format == Format.HTML:
        return render(
            request,
            "alternatives/html_version.html",
            {"alternative": found, "attachment": found.attachment},
        )
    response = file_response(
        found.file,
        as_attachment=True,
        filename=found.filename,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def request_format(request: HttpRequest, pk: int) -> HttpResponse:
    attachment = _public_attachment(pk)
    site = site_for(request.LANGUAGE_CODE)
    if request.GET.get("sent") == "1":
        return render(
            request, "alternatives/request_sent.html", {"attachment": attachment}
        )
    form = FormatRequestForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif not throttle.allowed(request):
            form.add_error(
                None,
                _(
                    "You have sent several requests in a short time. Please try again in an hour."
                ),
            )
            status = 429
        else:
            _send(request, attachment, form.cleaned_data, site)
            url = reverse("alternatives:request", kwargs={"pk": attachment.pk})
            return redirect(f"{url}?sent=1")
    response = render(
        request,
        "alternatives/request_form.html",
        {"attachment": attachment, "form": form},
        status=status,
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _send(request: HttpRequest, attachment: Attachment, data: dict, site: dict) -> None:
    wanted = dict(FormatRequestForm.base_fields["wanted"].choices)[data["wanted"]]
    body = render_to_string(
        "alternatives/request_email.txt",
        {
            "attachment": attachment,
            "post_url": request.build_absolute_uri(attachment.post.get_absolute_url()),
            **data,
            "wanted": wanted,
        },
    )
    subject = _("Accessible format requested: %(title)s") % {"title": attachment.title}
    recipient = site["accessibility_email"]
    # After the commit, like every e-mail of the site: nothing is sent for a request
    # that did not go through.
    transaction.on_commit(
        lambda: send_mail(
            subject,
            body,
            settings.DEFAULT_FROM_EMAIL,
            [recipient],
            fail_silently=False,
        )
    )
