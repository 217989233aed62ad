"""The media library: browse, search, upload, describe per language, replace.

The editor's image dialog uses `image_upload` and `image_choices` (JSON); the
library pages do the same with plain forms, so everything works without JavaScript.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from bulletin.accounts.access import staff_view
from bulletin.editorial import images as library
from bulletin.images.models import Image
from bulletin.thumbnails.models import Rendition

PAGE_SIZE = 24
CHOICES = 24
# Library images are files added to posts: the same permissions as documents.
MAY_ADD = "posts.add_attachment"
MAY_CHANGE = "posts.change_attachment"


class UploadForm(forms.Form):
    file = forms.ImageField(
        label=gettext_lazy("Image file"),
        help_text=gettext_lazy("PNG, JPEG, GIF or WebP."),
    )
    title = forms.CharField(
        label=gettext_lazy("Name (optional)"),
        max_length=200,
        required=False,
        help_text=gettext_lazy(
            "For finding it in the library. Made from the file name if empty."
        ),
    )
    alt = forms.CharField(
        label=gettext_lazy("Alt text (optional)"),
        max_length=500,
        required=False,
        help_text=gettext_lazy(
            "What the image shows, for people who cannot see it. Proposed whenever the image is placed in a post."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        library.check_image(upload)
        return upload


class DescribeForm(forms.Form):
    """The name and one alt text field per site language."""

    title = forms.CharField(label=gettext_lazy("Name"), max_length=200)

    def __init__(self, *args, image: Image, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["title"].initial = image.title
        for code, name in settings.LANGUAGES:
            self.fields[f"alt_{code}"] = forms.CharField(
                label=_("Alt text in %(language)s") % {"language": _(name)},
                max_length=500,
                required=False,
                initial=(image.alt_texts or {}).get(code, ""),
            )

    def alt_texts(self) -> dict[str, str]:
        return {
            code: self.cleaned_data[f"alt_{code}"].strip()
            for code, _name in settings.LANGUAGES
            if self.cleaned_data[f"alt_{code}"].strip()
        }


class ReplaceForm(forms.Form):
    file = forms.ImageField(label=gettext_lazy("New file"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        library.check_image(upload)
        return upload


def _require(request: HttpRequest, permission: str) -> None:
    if not request.user.has_perm(permission):
        raise PermissionDenied(_("You may not add or change images."))


def _renditions(images: list[Image]) -> dict[int, list[Rendition]]:
    """Each image's renditions, narrowest first, in one query."""
    found: dict[int, list[Rendition]] = {}
    for rendition in (
        Rendition.objects.filter(image__in=images)
        .select_related("image")
        .order_by("width")
    ):
        found.setdefault(rendition.image_id, []).append(rendition)
    return found


def _as_choice(image: Image, renditions: list[Rendition], language: str) -> dict:
    # The post's text keeps the widest rendition's address (link previews use it);
    # readers get every width through srcset (thumbnails.bodies).
    thumb, widest = (renditions[0], renditions[-1]) if renditions else (None, None)
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.alt_for(language),
        "thumb": thumb.get_absolute_url() if thumb else "",
        "src": widest.get_absolute_url() if widest else "",
        "width": widest.width if widest else image.width,
        "height": widest.height if widest else image.height,
    }


@staff_view
def image_library(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    page = Paginator(library.search(query), PAGE_SIZE).get_page(request.GET.get("page"))
    images = list(page.object_list)
    found = _renditions(images)
    form = UploadForm()
    status = 200
    if request.method == "POST":
        _require(request, MAY_ADD)
        form = UploadForm(request.POST, request.FILES)
        if form.is_valid():
            image = library.add_image(
                request.user,
                form.cleaned_data["file"],
                title=form.cleaned_data["title"],
                alt=form.cleaned_data["alt"],
                language=request.LANGUAGE_CODE,
            )
            messages.success(request, _("Image added to the library."))
            return redirect("editorial:image", pk=image.pk)
        status = 400
    return render(
        request,
        "editorial/image_library.html",
        {
            "page": page,
            "items": [(image, (found.get(image.pk) or [None])[0]) for image in images],
            "query": query,
            "form": form,
            "section": "images",
        },
        status=status,
    )


@staff_view
def image_detail(request: HttpRequest, pk: int) -> HttpResponse:
    image = get_object_or_404(Image, pk=pk)
    describe = DescribeForm(image=image)
    replace = ReplaceForm()
    status = 200
    if request.method == "POST":
        _require(request, MAY_CHANGE)
        if request.POST.get("action") == "replace":
            replace = ReplaceForm(request.POST, request.FILES)
            if replace.is_valid():
                library.replace_file(image, replace.cleaned_data["file"])
                messages.success(
                    request,
                    _("Image replaced. Every post that shows it shows the new file."),
                )
                return redirect("editorial:image", pk=image.pk)
        else:
            describe = DescribeForm(request.POST, image=image)
            if describe.is_valid():
                image.title = describe.cleaned_data["title"].strip()
                image.alt_texts = describe.alt_texts()
                image.save(update_fields=["title", "alt_texts"])
                messages.success(request, _("Image details saved."))
                return redirect("editorial:image", pk=image.pk)
        status = 400
    renditions = list(image.renditions.all())
    return render(
        request,
        "editorial/image_detail.html",
        {
            "image": image,
            "renditions": renditions,
            "preview": renditions[0] if renditions else None,
            "alt": image.alt_for(request.LANGUAGE_CODE),
            "describe": describe,
            "replace": replace,
            "section": "images",
        },
        status=status,
    )


@staff_view
@require_safe
def image_choices(request: HttpRequest) -> JsonResponse:
    """Library images for the editor's dialog: newest first, or matching `q`."""
    language = request.GET.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    images = list(library.search(request.GET.get("q", ""))[:CHOICES])
    found = _renditions(images)
    return JsonResponse(
        {"images": [_as_choice(i, found.get(i.pk, []), language) for i in images]}
    )


@staff_view
@require_POST
def image_upload(request: HttpRequest) -> JsonResponse:
    """The editor's upload: the new image as a choice, or the reason it was refused."""
    _require(request, MAY_ADD)
    upload = request.FILES.get("file")
    if upload is None:
        return JsonResponse({"error": _("Choose an image file.")}, status=400)
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    try:
        image = library.add_image(
            request.user,
            upload,
            alt=request.POST.get("alt", "")[:500],
            language=language,
        )
    except ValidationError as error:
        return JsonResponse({"error": " ".join(error.messages)}, status=400)
    return JsonResponse(
        _as_choice(image, list(image.renditions.all()), language), status=201
    )
