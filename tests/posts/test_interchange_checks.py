"""What `bulletin load` refuses, line by line, through the command a person runs.

Attachments pass the very gate the back office uses (`posts.uploads`), so a file the
back office refuses cannot come in by a side door.
"""

from __future__ import annotations

import base64
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from bulletin.posts.interchange import LoadError, load
from bulletin.posts.models import Attachment, Post
from tests.posts.test_interchange import line
from tests.posts.test_uploads import pdf_bytes

pytestmark = pytest.mark.django_db


def run_load(path) -> str:
    """Run `bulletin load`; return what it wrote to stderr (it must refuse)."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was loaded"):
        call_command("load", str(path), stderr=err, stdout=io.StringIO())
    return err.getvalue()


def attachment(filename: str, data: bytes, **fields) -> dict:
    return {"title": "File", "filename": filename,
            "data_base64": base64.b64encode(data).decode(), **fields}  # fmt: skip


def test_a_numeric_id_is_refused_with_its_line(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    path.write_text(line(id="a") + "\n" + line(id=509, slug="other") + "\n")
    err = run_load(path)
    assert 'line 2: id must be a non-empty string such as "509", not 509' in err
    assert not Post.objects.exists()


def test_an_event_on_a_news_post_is_refused_once(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    event = {"start": "2026-12-04T11:00:00+09:00", "location": "City Hall"}
    path.write_text(line(kind="news", event=event) + "\n")
    err = run_load(path)
    assert err.splitlines() == [
        "line 1: event: only an event post has one, not a news post"
    ]


def test_a_60_mb_line_is_refused_by_number_without_loading_the_rest(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    huge = line(id="big", body_html="<p>" + "x" * (60 * 1024 * 1024) + "</p>")
    path.write_text(line(id="a") + "\n" + huge + "\n" + line(id="c", slug="c") + "\n")
    err = run_load(path)
    assert err.splitlines() == [
        "line 2: the line is longer than 50 MB (BULLETIN_INTERCHANGE_MAX_LINE_MB)"
    ]
    assert not Post.objects.exists()


@override_settings(BULLETIN_INTERCHANGE_MAX_LINE_MB=0.001)
def test_the_line_limit_is_a_setting(now):
    with pytest.raises(LoadError, match=r"longer than 0\.001 MB"):
        load(io.StringIO(line(body_html="x" * 2000)))


def test_a_file_starting_with_a_byte_order_mark_loads(tmp_path, now):
    path = tmp_path / "posts.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + line().encode() + b"\n")
    call_command("load", str(path), stdout=io.StringIO())
    assert Post.objects.get().title == "Call for applications"


def test_each_problem_is_said_once_and_whole(now):
    long_id = "i" * 250
    with pytest.raises(LoadError) as refused:
        load([line(id=long_id, title="T" * 301, kind="poem", status="gone")])
    assert sorted(why for _n, why in refused.value.problems) == [
        "id: Ensure this value has at most 200 characters (it has 250).",
        "kind: Value 'poem' is not a valid choice.",
        "status: Value 'gone' is not a valid choice.",
        "title: Ensure this value has at most 300 characters (it has 301).",
    ]


def test_an_html_attachment_refuses_the_whole_file_with_the_line_named(tmp_path, now):
    evil = attachment("evil.html", b"<html><script>alert(1)</script></html>",
                      content_type="application/pdf")  # fmt: skip
    path = tmp_path / "posts.jsonl"
    path.write_text(
        line(id="a") + "\n" + line(id="b", slug="b", attachments=[evil]) + "\n"
    )
    err = run_load(path)
    assert err.startswith("line 2: attachment 1 (evil.html): ")
    assert "This type of file is not allowed" in err
    assert not Post.objects.exists() and not Attachment.objects.exists()


def test_an_imported_file_is_typed_by_content_and_renamed_like_an_upload(now):
    renamed = attachment("report.pdf.exe", pdf_bytes(), content_type="text/html")
    load([line(attachments=[renamed])])
    item = Attachment.objects.get()
    assert (item.filename, item.content_type) == ("report.pdf", "application/pdf")


@override_settings(BULLETIN_MAX_UPLOAD_MB=0.0001)
def test_an_imported_file_over_the_upload_limit_is_refused(now):
    with pytest.raises(LoadError, match=r"attachment 1 \(report.pdf\): The file is"):
        load([line(attachments=[attachment("report.pdf", pdf_bytes())])])


@override_settings(BULLETIN_INTERCHANGE_MAX_LINE_MB=0.001)
def test_a_line_too_long_in_a_list_is_refused_too(now):
    with pytest.raises(LoadError) as refused:
        load([line(), json.dumps({"title": "x" * 2000})])
    assert refused.value.problems[0][0] == 2
