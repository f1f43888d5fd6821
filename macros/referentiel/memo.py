"""Results kept between the rebuilds of one ``make serve`` process.

After one YAML save, ``mkdocs serve`` rebuilds the whole site, yet most pages come out
as before: their tooltips, their typography and their search entries need not be
worked out again. :class:`Memo` wraps a pure function of hashable arguments (a page's
text, a token for the data it depends on) and, once :func:`activer` has been called
(hooks' ``on_startup`` under ``serve``), returns the result it computed for the same
arguments in an earlier rebuild. A plain ``make build`` keeps nothing (one page is
never transformed twice in one build), so its memory does not grow with the site.

Engine-independent: nothing here knows MkDocs.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")

_ACTIF = {"serve": False}


def activer(actif: bool = True) -> None:
    """Keep results from now on (``make serve``), or stop and forget them (``actif=False``)."""
    _ACTIF["serve"] = actif
    if not actif:
        for memo in Memo.tous:
            memo.vider()


class Memo(Generic[T]):
    """``Memo(f)(*args)`` is ``f(*args)``; while serving, the last ``taille`` results are kept,
    least recently used first out (a site at 100× has a few hundred pages)."""

    tous: list[Memo] = []

    def __init__(self, fonction: Callable[..., T], taille: int = 1024) -> None:
        self.fonction, self.taille = fonction, taille
        self._resultats: OrderedDict[tuple[Hashable, ...], T] = OrderedDict()
        Memo.tous.append(self)

    def __call__(self, *args: Hashable) -> T:
        if not _ACTIF["serve"]:
            return self.fonction(*args)
        try:
            self._resultats.move_to_end(args)
            return self._resultats[args]
        except KeyError:
            pass
        resultat = self._resultats[args] = self.fonction(*args)
        if len(self._resultats) > self.taille:
            self._resultats.popitem(last=False)
        return resultat

    def vider(self) -> None:
        self._resultats.clear()
