"""What a search finds and in what order, on whichever database the tests run on."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection

from bulletin.posts.models import Kind
from tests.conftest import NOW

pytestmark = pytest.mark.usefixtures("now")


def test_title_matches_come_first_then_newer_before_older(make_post, public_search):
    body_new = make_post(title="Weekly update", body="<p>The reservoir is full.</p>")
    title_old = make_post(
        title="Reservoir maintenance", published_at=NOW - timedelta(days=300)
    )
    title_new = make_post(
        title="Reservoir reopens", published_at=NOW - timedelta(days=2)
    )
    body_old = make_post(
        title="Annual report",
        summary="Includes the reservoir.",
        published_at=NOW - timedelta(days=400),
    )
    make_post(title="Unrelated", body="<p>Nothing here.</p>")
    assert public_search("reservoir") == [
        title_new.pk,
        title_old.pk,
        body_new.pk,
        body_old.pk,
    ]


def test_every_word_must_match_somewhere(make_post, public_search):
    both = make_post(title="Water permit", body="<p>For the harbour district.</p>")
    make_post(title="Water quality", body="<p>Samples.</p>")
    assert public_search("water harbour") == [both.pk]


@pytest.mark.parametrize(
    ("title", "body", "query"),
    [
        (
            "서울시청 민원 안내",
            "<p>서울특별시는 새로운 민원 서비스를 시작합니다.</p>",
            "민원",
        ),
        (
            "서울시청 민원 안내",
            "<p>서울특별시는 새로운 민원 서비스를 시작합니다.</p>",
            "서울특별시",
        ),
        (
            "서울시청 민원 안내",
            "<p>서울특별시는 새로운 민원 서비스를 시작합니다.</p>",
            "서비스",
        ),
        ("市政府发布水资源报告", "<p>今年的降雨量比去年增加了百分之十。</p>", "水资源"),
        ("市政府发布水资源报告", "<p>今年的降雨量比去年增加了百分之十。</p>", "降雨量"),
        ("市政府发布水资源报告", "<p>今年的降雨量比去年增加了百分之十。</p>", "水"),
        ("東京都の防災会議", "<p>地震に備えて避難訓練を行います。</p>", "避難訓練"),
        ("東京都の防災会議", "<p>地震に備えて避難訓練を行います。</p>", "防災"),
        ("وزارة الصحة تطلق حملة", "<p>حملة التطعيم الوطنية للأطفال.</p>", "التطعيم"),
        ("وزارة الصحة تطلق حملة", "<p>حملة التطعيم الوطنية للأطفال.</p>", "الصحة"),
        (
            "Élection municipale à Montréal",
            "<p>Le bureau de vote ouvre à 8 h.</p>",
            "election",
        ),
        (
            "Élection municipale à Montréal",
            "<p>Le bureau de vote ouvre à 8 h.</p>",
            "Élection",
        ),
        (
            "Élection municipale à Montréal",
            "<p>Le bureau de vote ouvre à 8 h.</p>",
            "MONTREAL",
        ),
        (
            "Año nuevo en la región",
            "<p>La niña ganó el concurso de canción.</p>",
            "ano region",
        ),
        (
            "Año nuevo en la región",
            "<p>La niña ganó el concurso de canción.</p>",
            "cancion nina",
        ),
        ("Ano nuevo en la region", "<p>Sin acentos.</p>", "Año región"),
    ],
)
def test_words_are_found_in_every_script_with_or_without_accents(
    make_post, public_search, title, body, query
):
    post = make_post(title=title, body=body)
    make_post(title="Other news", body="<p>Nothing in common.</p>")
    assert public_search(query) == [post.pk]


@pytest.mark.parametrize("query", ["민원 서비스", "호텔", "水资源部", "غير"])
def test_cjk_and_arabic_words_that_are_not_there_are_not_found(
    make_post, public_search, query
):
    make_post(
        title="서울시청 민원 안내", body="<p>市政府发布水资源报告 وزارة الصحة</p>"
    )
    assert public_search(query) == []


def test_a_cjk_word_spanning_a_space_is_not_found(make_post, public_search):
    make_post(title="서울 시청")
    assert public_search("울시") == []
    assert len(public_search('"서울 시청"')) == 1


def test_phrases_match_words_in_order_only(make_post, public_search):
    in_order = make_post(title="Public consultation on transport")
    make_post(title="Consultation of the public on transport")
    assert public_search('"public consultation"') == [in_order.pk]
    assert len(public_search("public consultation")) == 2


def test_minus_leaves_out_posts_with_the_word_or_phrase(make_post, public_search):
    keep = make_post(title="Road works in the North district")
    make_post(title="Road works in the Harbour district")
    make_post(title="Road works", body="<p>Detour via the old harbour bridge.</p>")
    assert public_search("road -harbour") == [keep.pk]
    gate = make_post(title="Road works near the North gate")
    found = public_search('road -"north gate"')
    assert keep.pk in found
    assert gate.pk not in found
    assert len(found) == 3


def test_filters_by_kind_topic_year_and_language_combine(
    make_post, make_topic, public_search
):
    water = make_topic("Water")
    match = make_post(
        title="Flood notice",
        kind=Kind.NOTICE,
        topics=[water],
        published_at=NOW - timedelta(days=1),
    )
    make_post(title="Flood news", kind=Kind.NEWS, topics=[water])
    make_post(title="Flood notice old", kind=Kind.NOTICE, topics=[water],
              published_at=NOW.replace(year=2024))  # fmt: skip
    make_post(title="Flood notice elsewhere", kind=Kind.NOTICE)
    make_post(
        title="Flood notice en français",
        kind=Kind.NOTICE,
        topics=[water],
        language="fr",
    )
    found = public_search(
        "flood", kind=Kind.NOTICE, topic=water, year=2026, language="en"
    )
    assert found == [match.pk]
    assert len(public_search("flood", language=None)) == 5
    assert len(public_search("flood", language="fr")) == 1


def test_attachment_titles_and_pdf_text_are_searched(
    make_post, make_attachment, public_search
):
    from bulletin.posts.pdf import simple_pdf

    post = make_post(title="Council minutes")
    make_attachment(
        post, title="Groundwater annex", data=simple_pdf(["Aquifer recharge table"])
    )
    assert public_search("groundwater") == [post.pk]
    assert public_search("aquifer recharge") == [post.pk]


def test_a_damaged_pdf_does_not_stop_the_save(
    make_post, make_attachment, public_search
):
    post = make_post(title="Council minutes")
    make_attachment(post, title="Scan", data=b"%PDF-1.4 not really a pdf")
    assert public_search("scan") == [post.pk]


def test_the_public_search_reads_this_year_first_and_misses_nothing_older(
    make_post, monkeypatch
):
    """Readers' searches read this year's matches through its facet, then the older
    ones: the same posts in the same order as one read over every year."""
    from bulletin.posts.models import Post
    from bulletin.search import searching
    from bulletin.search.query import parse

    monkeypatch.setattr(searching, "CHUNK", 2)  # several rounds in each slice
    new_year = NOW.replace(month=1, day=1, hour=0, minute=0)
    for days in (0, 1, 40, 166, 167, 170, 400, 800):
        for title in ("Ferry timetable", "Harbour news"):
            make_post(
                title=title,
                summary="About the ferry.",
                published_at=new_year + timedelta(days=days) - timedelta(days=167),
            )
    make_post(title="Ferry at new year", published_at=new_year)
    make_post(
        title="Ferry before new year", published_at=new_year - timedelta(seconds=1)
    )
    make_post(title="Ferry to come", published_at=NOW + timedelta(days=1))
    public = Post.objects.public(NOW)
    for text in ("ferry", "ferry timetable", "harbour ferry"):
        every_year = searching.find(parse(text), public).ids
        assert searching.find(parse(text), public, until=NOW).ids == every_year
        assert len(every_year) == len(set(every_year)) > 2


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's statistics of PostgreSQL"
)
def test_postgresql_orders_the_words_by_the_planners_statistics(
    make_post, public_search
):
    """Lexeme frequencies come from pg_stats, once per process for a while; the
    order they give a query changes which posts it finds in no way."""
    from bulletin.search.backends import postgres

    posts = [make_post(title=f"Ferry {n}", summary="Harbour news.") for n in range(30)]
    make_post(title="Harbour pilot")
    found = public_search("harbour ferry")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_body")
        cursor.execute("ANALYZE search_searchentry")
    postgres.forget_lexeme_frequencies()
    frequencies = postgres.lexeme_frequencies("body_vector")
    assert frequencies["harbour"] == 1.0 and 0.9 < frequencies["ferry"] < 1.0
    assert frequencies.get("pilot", 0.0) < 0.1
    assert postgres.lexeme_frequencies("title_vector")["ferry"] > 0.9
    assert public_search("harbour ferry") == found == [p.pk for p in reversed(posts)]
    assert public_search("ferry pilot") == []


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the planner's statistics of PostgreSQL"
)
def test_postgresql_leaves_out_a_facet_most_posts_hold(make_post):
    """The one language of a site narrows nothing and costs GIN its posting list;
    the filter is still applied to what the index hands over."""
    from django.test.utils import CaptureQueriesContext

    from bulletin.posts.models import Post
    from bulletin.search.backends import postgres
    from bulletin.search.query import parse
    from bulletin.search.searching import Filters, find

    def search(language: str) -> list[int]:
        filters = Filters(language=language)
        public = filters.apply(Post.objects.public())
        return find(parse("ferry"), public, facets=filters.facets()).ids

    english = [make_post(title=f"Ferry {n}", language="en") for n in range(30)]
    french = make_post(title="Ferry du port", language="fr")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_body")
        cursor.execute("ANALYZE search_searchentry")
    postgres.forget_lexeme_frequencies()
    assert postgres.lexeme_frequencies("title_vector")["~l~en"] > 0.9
    with CaptureQueriesContext(connection) as asked:
        found = search("en")
    assert found == [p.pk for p in reversed(english)]
    searches = [q["sql"] for q in asked if "@@" in q["sql"]]
    assert searches and not any("~l~en" in sql for sql in searches)
    with CaptureQueriesContext(connection) as asked:
        assert search("fr") == [french.pk]
    assert all("~l~fr" in q["sql"] for q in asked if "@@" in q["sql"])


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 index")
def test_sqlite_leaves_out_a_facet_most_of_the_newest_posts_hold(
    make_post, monkeypatch
):
    """FTS5 walks a facet's whole list; the newest posts tell which facets most hold,
    and the filter is still applied to what the index hands over."""
    from django.test.utils import CaptureQueriesContext

    from bulletin.posts.models import Post
    from bulletin.search.backends import sqlite
    from bulletin.search.query import parse
    from bulletin.search.searching import Filters, find

    def search(language: str) -> tuple[list[int], list[str]]:
        filters = Filters(language=language)
        public = filters.apply(Post.objects.public())
        with CaptureQueriesContext(connection) as asked:
            ids = find(parse("ferry"), public, facets=filters.facets()).ids
        return ids, [q["sql"] for q in asked if "MATCH" in q["sql"]]

    monkeypatch.setattr(sqlite, "SAMPLE", 10)
    english = [make_post(title=f"Ferry {n}", language="en") for n in range(12)]
    french = make_post(title="Ferry du port", language="fr")
    found, asked = search("en")
    assert found == [p.pk for p in reversed(english)]
    assert sqlite.facet_share("~l~en") == 0.9
    assert not any("~l~en" in sql for sql in asked if "count(*)" not in sql)
    found, asked = search("fr")
    assert found == [french.pk] and sqlite.facet_share("~l~fr") == 0.1
    assert all("~l~fr" in sql for sql in asked)
    monkeypatch.setattr(sqlite, "SAMPLE", 100)  # more than the index holds
    sqlite.forget_facet_shares()
    assert sqlite.facet_share("~l~en") == 0.0
