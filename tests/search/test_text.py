"""The tokenizer shared by documents and queries (no database needed)."""

from __future__ import annotations

import pytest

from bulletin.search.text import index_text, query_tokens


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Élection à MONTRÉAL", "election a montreal"),
        ("Año de la niña", "ano de la nina"),
        ("l'œuvre, Straße", "l oeuvre strasse"),
        ("المَدْرَسَةُ أحمد", "المدرسه احمد"),
    ],
)
def test_letters_are_folded_the_same_for_every_script(text, expected):
    assert index_text(text) == expected


def test_cjk_runs_become_bigrams_with_the_last_character_alone():
    assert index_text("서울시청") == "서울 울시 시청 청"
    assert index_text("東京 会議") == "東京 京 会議 議"


def test_japanese_voiced_kana_keep_their_marks():
    assert index_text("がっこう") != index_text("かっこう")


def test_a_query_word_in_cjk_is_a_phrase_of_bigrams_and_one_character_a_prefix():
    assert query_tokens("서울시") == (["서울", "울시"], False)
    assert query_tokens("서") == (["서"], True)


def test_inside_a_phrase_a_cjk_run_keeps_its_tail_so_positions_line_up():
    assert query_tokens("서울 시청") == (["서울", "울", "시청"], False)


def test_punctuation_alone_gives_no_tokens():
    assert query_tokens("*()\"'") == ([], False)
