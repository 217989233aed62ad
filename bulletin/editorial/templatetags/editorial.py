from django import template

from bulletin.editorial.history_words import sentence
from bulletin.editorial.models import HistoryEntry

register = template.Library()


@register.filter
def in_words(entry: HistoryEntry) -> str:
    """`{{ entry|in_words }}`: the history entry as a sentence (history_words)."""
    return sentence(entry)
