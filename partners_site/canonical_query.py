"""The one normalization of a public page's query string.

Each page declares the parameters it reads (its contract); the page cache redirects any
other query to the canonical one, so a page is only ever rendered, stored and linked for
its canonical query, and its cache key says exactly what it shows.
"""

from dataclasses import dataclass

from django.http import QueryDict


@dataclass(frozen=True)
class QueryContract:
    """The parameters a page reads, in their canonical order; a `repeatable` one keeps
    every distinct value, any other only its last non-empty value (the one a form reads)."""

    parameters: tuple = ()
    repeatable: frozenset = frozenset()

    def canonical(self, query):
        """`query` (a QueryDict) with only the contract's parameters, in the contract's
        order; values stripped of surrounding space, empty ones dropped, a repeatable
        parameter's values sorted and distinct, `page` a plain number and the first page
        left implicit. Invalid values are kept: the page reports them."""
        canonical = QueryDict(mutable=True)
        for name in self.parameters:
            values = [value.strip() for value in query.getlist(name)]
            values = [value for value in values if value]
            if name in self.repeatable:
                values = sorted(set(values))
            elif name == "page":
                values = [_page_number(value) for value in values[-1:]]
                values = [value for value in values if value != "1"]
            else:
                values = values[-1:]
            if values:
                canonical.setlist(name, values)
        canonical._mutable = False
        return canonical


def _page_number(value):
    """A page number as the paginator reads it ("02" is 2); anything else as it is."""
    try:
        number = int(value)
    except ValueError:
        return value
    return str(number) if number >= 1 else value


def is_canonical(query, canonical):
    """Whether `query` has exactly the canonical parameters and values (in any order)."""
    return _pairs(query) == _pairs(canonical)


def _pairs(query):
    return sorted((name, value) for name, values in query.lists() for value in values)


# The contracts of the pages that read no parameter, and of those that only page.
NO_QUERY = QueryContract()
PAGED = QueryContract(parameters=("page",))
