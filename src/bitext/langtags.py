"""Language tags (BCP 47): compare without case, keep regions and scripts, look data up by language.

A tag names a language and may add a script and a region (``az-Latn-AZ``, ``en-US``). Tags compare
case-insensitively (``EN-US`` is ``en-us``); bitext keeps the whole tag on each side of an alignment and
uses the primary subtag (``az``) only to choose language data (abbreviations, lexicons, number words).
"""

from __future__ import annotations

import re

from bitext.errors import InputError

_TAG_RE = re.compile(r"^[A-Za-z]{2,8}([-_][A-Za-z0-9]{1,8})*$")


def is_tag(text: str) -> bool:
    return bool(_TAG_RE.match(text.strip()))


def bcp47(lang: str) -> str:
    """A tag in BCP 47's case conventions (``az_latn_az`` -> ``az-Latn-AZ``); InputError if not a tag."""
    tag = lang.strip()
    if not _TAG_RE.match(tag):
        raise InputError(f"{lang!r} is not a language code; give one such as 'en', 'en-US' or 'az-Latn'")
    parts = re.split("[-_]", tag)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def tag_key(lang: str) -> str:
    """The form two tags are compared in: ``EN_us`` and ``en-US`` give the same key."""
    return lang.strip().replace("_", "-").lower()


def primary(lang: str) -> str:
    """The language subtag alone (``az-Latn-AZ`` -> ``az``), the key of bitext's language data."""
    return tag_key(lang).split("-")[0]
