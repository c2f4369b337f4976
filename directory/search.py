"""Search that ignores case, diacritics and Polish (or English) inflection.

Each partner keeps a search document: every word of its name, abbreviation and mission in
every language, folded (no case, no diacritics), together with the word's dictionary form
(lemma). A query word matches a partner when the query word, or its lemma, begins one of
the document's words. PostgreSQL answers that with its full-text index (migration 0003),
SQLite with an FTS5 table (migration 0010); both split words into the same tokens and give
the same results.
"""

import functools
import re

import simplemma
from django.utils.html import escape
from django.utils.safestring import mark_safe

from directory.languages import codes
from directory.text import fold, words

MAX_QUERY_WORDS = 10
# What both full-text indexes take for a token of the (folded, ASCII) search document.
TOKEN = re.compile(r"[a-z0-9]+")


@functools.lru_cache(maxsize=100_000)
def lemma(word, language):
    """The folded dictionary form of `word`, or the folded word where the dictionary does
    not know it (a guessed lemma would match unrelated words) or has no such language.

    `low_memory` reads simplemma's compressed word lists on demand: about 60 MB per
    process instead of the 400 MB that the whole Polish dictionary takes in memory.
    """
    if any(char.isdigit() for char in word):
        return fold(word)  # numbers and codes ("501", "c3") have no dictionary form
    try:
        if simplemma.is_known(word, language, low_memory=True):
            return fold(simplemma.lemmatize(word, language, low_memory=True))
    except ValueError:
        pass
    return fold(word)


def warm_up():
    """Load the dictionaries of the site's languages now (a few seconds), so that the
    first search after a server starts is as fast as the others."""
    for code in codes():
        lemma("warmup", code)


def terms(text, language):
    """The folded words of `text` and their folded lemmas."""
    found = set()
    for word in words(text):
        found.add(fold(word))
        found.add(lemma(word, language))
    found.discard("")
    return found


def document(texts):
    """A search document from (text, language) pairs: its terms, space-separated.

    It starts and ends with a space so that " term" finds a word that begins with it.
    """
    found = set()
    for text, language in texts:
        if text:
            found |= terms(text, language)
    return " " + " ".join(sorted(found)) + " "


def query_words(query):
    """What each word of the query may match: the word itself and its lemma in each language."""
    languages = tuple(codes())
    return [list(forms) for forms in _query_words(query, languages)]


@functools.lru_cache(maxsize=1024)
def _query_words(query, languages):
    # Asked for every highlighted text of a page, and to search: worked out once.
    variants = []
    for word in words(query)[:MAX_QUERY_WORDS]:
        forms = {fold(word)} | {lemma(word, language) for language in languages}
        forms.discard("")
        if forms:
            variants.append(tuple(sorted(forms)))
    return tuple(variants)


def query_tokens(query):
    """The query for a full-text index: per query word, its forms, each form as its tokens.

    Both indexes split a document's words at anything but a letter or digit ("a_b" is the
    tokens "a", "b"); a form is split the same way, and its tokens must follow one another,
    each beginning a token of the document. A form without a letter or digit matches
    nothing, and a word left without forms is not searched for.
    """
    wanted = []
    for forms in query_words(query):
        tokenized = sorted({tuple(TOKEN.findall(form)) for form in forms} - {()})
        if tokenized:
            wanted.append(tokenized)
    return wanted


def postgresql_query(wanted):
    """A tsquery (raw syntax) from `query_tokens`: the tokens are letters and digits only,
    so nothing a visitor types can be an operator."""
    return " & ".join(
        "(" + " | ".join(" <-> ".join(f"{token}:*" for token in form) for form in forms) + ")"
        for forms in wanted
    )


def sqlite_query(wanted):
    """An FTS5 query from `query_tokens`: every token a quoted string ("and" and "near"
    are words, not operators), a prefix (*), joined into a phrase (+) where a form has
    several."""
    return " AND ".join(
        "(" + " OR ".join(" + ".join(f'"{token}"*' for token in form) for form in forms) + ")"
        for forms in wanted
    )


def highlight(text, query, language):
    """`text`, HTML-escaped, with the words that the query matches wrapped in <mark>."""
    text = str(text)
    wanted = query_words(query)
    if not wanted:
        return escape(text)
    prefixes = tuple(form for forms in wanted for form in forms)

    def mark(match):
        word = match.group(0)
        if fold(word).startswith(prefixes) or lemma(word, language).startswith(prefixes):
            return f"<mark>{escape(word)}</mark>"
        return escape(word)

    pieces = []
    position = 0
    for match in re.finditer(r"\w+", text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(mark(match))
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece is escaped above
