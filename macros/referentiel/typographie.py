"""French typography for every value shown to readers: one pure function.

French puts a narrow no-break space (U+202F) before ; ! ? , a no-break space
(U+00A0) before : and inside « », so that no "!", ":" or "»" ever starts a
line. This module applies those rules to text (`typographie`), and to the pieces
of one text that markup splits (`Suite`), never to URLs,
e-mail addresses, times (12:30), ratios (1:2) or HTML entities. It never reads
HTML: values are typeset before they are escaped (macros/main.py), written pages
on their text nodes (referentiel.pages_ecrites).

Typesetting is idempotent, and a space that is already a no-break space (either
kind) is left as the author wrote it.
"""

from __future__ import annotations

import html
import re

from .caches import TYPOGRAPHIES

NBSP = "\u00a0"  # no-break space: before « : », inside « »
NNBSP = "\u202f"  # narrow no-break space: before ; ! ?
_SPACES = " \u00a0\u202f"

# Segments that are never touched: URLs, e-mail addresses, HTML entities.
_PROTECTED = re.compile(
    r"(?:https?|ftp)://\S+|mailto:\S+|www\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|&(?:#\d+|#x[0-9a-fA-F]+|\w+);"
)

# What may follow a punctuation mark for it to be French punctuation (and not
# "a;b" or "x?y" in an identifier): a space, the end, a closing mark.
_AFTER = r"(?=[\s\u00a0\u202f]|$|[»)\]\"'’.,…])"

# ; ! ? (a cluster such as "?!" counts as one mark), after a word, a digit or a closing mark.
_DOUBLE = re.compile(rf"(?<=[\w)\]»\"'’…%.])( ?)([;!?]+){_AFTER}")
# ... or, spaced, after another mark ("humaines ! ; reconnaître", where a list joins two sentences).
_DOUBLE_AFTER_MARK = re.compile(rf"(?<=[!?])( )([;!?]+){_AFTER}")
# : after a word or a closing mark (never after a digit: 12:30, 1:2 stay as they are).
_COLON = re.compile(rf"(?<=[^\W\d]|[)\]»\"'’…%])( ?)(:){_AFTER}")
# "socio-éco. :", "etc. :": an abbreviation's full stop, then a spaced colon.
_COLON_AFTER_STOP = re.compile(rf"(?<=\w\.)( )(:){_AFTER}")
# A digit followed by " :" gets the no-break space too ("article 3 : ...").
_COLON_AFTER_DIGIT = re.compile(rf"(?<=\d)( )(:){_AFTER}")
_OPEN = re.compile(r"«[ ]*(?=\S)")
_CLOSE = re.compile(r"(?<=\S)[ ]*»")


def _plain(text: str) -> str:
    # Each rule only where its mark is (a value rarely has more than one kind).
    if ";" in text or "!" in text or "?" in text:
        text = _DOUBLE.sub(NNBSP + r"\2", text)
        text = _DOUBLE_AFTER_MARK.sub(NNBSP + r"\2", text)
    if ":" in text:
        text = _COLON.sub(NBSP + r"\2", text)
        text = _COLON_AFTER_DIGIT.sub(NBSP + r"\2", text)
        text = _COLON_AFTER_STOP.sub(NBSP + r"\2", text)
    if "«" in text:
        text = _OPEN.sub(lambda m: "«" if m.end() < len(text) and text[m.end()] in _SPACES else "«" + NBSP, text)
    if "»" in text:
        text = _CLOSE.sub(lambda m: "»" if text[m.start() - 1] in _SPACES else NBSP + "»", text)
    return text


_MARKS = re.compile(r"[;:!?«»]")


def typographie(text: str) -> str:
    """`text` with French spacing around ; : ! ? « »; URLs, times and ratios untouched."""
    if not _MARKS.search(text):  # most text nodes: nothing to space
        return text
    return TYPOGRAPHIES.obtenir(text, lambda: _typographie(text))  # caches.py: by the text


def _typographie(text: str) -> str:
    out: list[str] = []
    last = 0
    before = ""
    for m in _PROTECTED.finditer(text):
        out.append(_after(before, text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
        # After a URL, " !" is still French punctuation: typeset it as if it followed a word;
        # after an entity, as if it followed the character the entity stands for.
        before = html.unescape(m.group(0))[-1:] if m.group(0).startswith("&") else "x"
    out.append(_after(before, text[last:]))
    return "".join(out)


def _after(before: str, chunk: str) -> str:
    """`chunk` typeset as if it followed the character `before` (which is not changed)."""
    return _plain(before + chunk)[len(before) :] if before else _plain(chunk)


# The text before a piece can change it only through a mark near its start ("mot<em> !</em>",
# "etc<b>. :</b>", a run of spaces then »: each rule looks back two characters at most) or an
# opening « at its end ("«<abbr>" then " TLM"). Any other piece is typeset on its own, once.
_MARK_AT_START = re.compile(r".{0,2}[;:!?»]| *»", re.S)
_OPEN_AT_END = re.compile(r"«[ ]+$")


def _suite(before: str, chunk: str) -> str:
    """One piece typeset knowing the two characters of text before it."""
    done = typographie(chunk)
    if before and ("«" in before or _MARK_AT_START.match(chunk)):
        full, head = typographie(before + chunk), typographie(before)
        if full.startswith(head):
            done = full[len(head) :]
    # "« <abbr>TLM</abbr> »": the quote opens on a tag, its space is still inside « ».
    return _OPEN_AT_END.sub("«" + NBSP, done)


class Suite:
    """Pieces of one text that markup splits ("<strong>Attention</strong> : …", a link then " !"),
    typeset in reading order as the whole text would be: ``suite.typographie(piece)`` for each
    piece, in order. ``suite.mot()`` says that something read as a word (inline code) came between."""

    def __init__(self) -> None:
        self._before = ""

    def typographie(self, piece: str) -> str:
        if not piece:
            return piece
        done = _suite(self._before, piece)
        self._before = (self._before + piece)[-2:]
        return done

    def apres(self, text: str) -> None:
        """``text`` came between, already written as it should be (an entity: "&laquo;")."""
        self._before = (self._before + text)[-2:]

    def mot(self) -> None:
        self.apres("xx")  # "<code>id</code> :" — code reads as a word before the colon
