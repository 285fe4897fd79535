"""The documents layer's messages as one table (spaCy's ``errors.py``): E1xx.

Raise as ``DocumentError(path, Errors.E112)`` or ``DocumentError(path, Errors.E114.format(value=v))``:
:class:`~aikg.errors.DocumentError` puts the file (and line, for JSONL) in front of the message
and reads the code from it. One meaning per code; each message says what would be valid.
"""

from __future__ import annotations

from aikg.errors import add_codes

__all__ = ["Errors"]


@add_codes
class Errors:
    """Message templates of the documents layer (and of the build that reads them)."""

    E101 = "unsupported file type {suffix!r}; expected one of {known}"
    E102 = "no such file or folder"
    E103 = "invalid UTF-16 text: {detail}"
    E104 = "binary content (NUL bytes); expected text"
    E105 = "not UTF-8 and not legacy text; cannot decode"
    E106 = "file vanished before it could be read"
    E107 = "cannot read: {reason}"
    E108 = "invalid YAML front matter: {detail}"
    E109 = "malformed JSON line ({detail} at column {column})"
    E110 = "a JSONL record must be an object with a string 'text' field"
    E111 = "metadata field {field!r} must be a string"
    E112 = "empty document: no text to extract"
    E113 = "document has {length:,} characters; the limit is {limit:,} (split it)"
    E114 = "date {value!r} is not an ISO date (YYYY-MM-DD)"
    E115 = "document id {doc_id!r} already used by {other}"
    E116 = "no article text found in the page (a front page, a video page or a paywall teaser?)"
    E117 = "not an RSS or Atom feed: {detail}"
    E118 = "encrypted PDF: its text cannot be read without the password"
    E119 = "PDF without a text layer ({detail}): a scanned PDF needs OCR first"
    E120 = "unreadable PDF: {detail}"
    E121 = ("document id {doc_id!r} is held by another source ({other}); remove that document first, "
            "or give this one an id of its own")
    E130 = "HTTP {status} {reason}"
    E131 = "no answer within {seconds:g} s"
    E132 = "disallowed by the site's robots.txt for {agent}"
    E133 = "larger than the size limit ({limit:,} bytes)"
    E134 = "cannot connect: {reason}"
    E135 = "not a web address; expected an http:// or https:// URL"
    E136 = "content type {content_type!r} is not a page, a feed or a PDF"
    E137 = "too many redirects (more than {limit})"
