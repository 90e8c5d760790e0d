"""Document ingestion: read a file, clean it, split it by language.

``read_text`` -> ``clean`` -> ``split_languages``; then :func:`bitext.segment.segment` per section.
Offsets in every result point into the string ``read_text`` returned.
"""

from __future__ import annotations

from bitext.ingest.cleanup import clean
from bitext.ingest.languages import DEFAULT_LANGUAGES, LanguageSection, split_languages
from bitext.ingest.reading import read_text
from bitext.ingest.tracked import CleanText

__all__ = ["DEFAULT_LANGUAGES", "CleanText", "LanguageSection", "clean", "read_text", "split_languages"]
