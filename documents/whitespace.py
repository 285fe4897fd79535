"""One helper that every reader of metadata needs: a value as one clean line, or None."""

from __future__ import annotations

__all__ = ["one_line"]


def one_line(value: object) -> str | None:
    """``value`` as text with its runs of whitespace made single spaces; None when nothing is left.

    >>> one_line("  Mistral\\n AI "), one_line("   "), one_line(None)
    ('Mistral AI', None, None)
    """
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None
