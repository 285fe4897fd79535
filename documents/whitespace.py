"""What every reader of text and metadata needs: a value as one clean line, text without control characters."""

from __future__ import annotations

import re

__all__ = ["one_line", "without_controls"]


def one_line(value: object) -> str | None:
    """``value`` as text with its runs of whitespace made single spaces; None when nothing is left.

    >>> one_line("  Mistral\\n AI "), one_line("   "), one_line(None)
    ('Mistral AI', None, None)
    """
    if value is None:
        return None
    text = " ".join(without_controls(str(value)).split())
    return text or None


#: C0 control characters other than tab, line feed and carriage return, and DEL: they have no place
#: in text, make XML results ill-formed and can hide content in labels.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def without_controls(text: str) -> str:
    """``text`` with its control characters (NUL included) made spaces.

    >>> without_controls("Mistral" + chr(0) + " AI" + chr(7))
    'Mistral  AI '
    """
    return _CONTROLS.sub(" ", text)
