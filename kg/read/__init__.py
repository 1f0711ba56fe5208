"""Stage 1, reading: files -> :class:`kg.model.Article` (kept paragraphs with exact offsets, metadata) or
:class:`kg.model.ReadFailure`. This module is the package's interface; other packages import only from it.

- :mod:`kg.read.folders`: paths and folders: what a walk reads, and what it names and skips
- :mod:`kg.read.files`: one file: size limits, format, JSON Lines streaming
- :mod:`kg.read.encoding`: bytes -> text (UTF-8, UTF-16, UTF-32, CP949/EUC-KR, detected)
- :mod:`kg.read.text`: the stored text: NFC, line ends, no control sequences, no NUL
- :mod:`kg.read.records`: a JSON Lines record -> article
- :mod:`kg.read.html`: markup -> text and page metadata
- :mod:`kg.read.page`: page text -> paragraphs, title, outlet, reporter, publication date
- :mod:`kg.read.lines`: one line: chrome, byline, headline, trailing credits
- :mod:`kg.read.published`: publication dates and the choice between them
- :mod:`kg.read.markup`: HTML tags and entities anywhere -> text, with the roles the markup gives lines
- :mod:`kg.read.scanner`: one line at a time: chrome, or a paragraph and its role (headline, subtitle, body, caption)
- :mod:`kg.read.widgets`: inline widgets extraction must not read (stock quotes, e-mail placeholders, image files)
- :mod:`kg.read.language`: the article's language from its text
- :mod:`kg.read.outlets`: host -> outlet, as data
- :mod:`kg.read.ko`, :mod:`kg.read.en`: Korean and English news pages' words and patterns, as data
"""

from kg.read.encoding import decode_bytes
from kg.read.files import MAX_ARTICLE_BYTES, iter_file, read_file, read_jsonl_stream
from kg.read.folders import read_paths
from kg.read.html import MAX_HTML_TAGS, read_html
from kg.read.language import detect_language
from kg.read.outlets import OUTLETS_BY_HOST
from kg.read.page import MAX_LINES, read_text
from kg.read.published import NO_DATE_WARNING, date_from_url, parse_date

__all__ = [
    "MAX_ARTICLE_BYTES",
    "MAX_HTML_TAGS",
    "MAX_LINES",
    "NO_DATE_WARNING",
    "OUTLETS_BY_HOST",
    "date_from_url",
    "decode_bytes",
    "detect_language",
    "iter_file",
    "parse_date",
    "read_file",
    "read_html",
    "read_jsonl_stream",
    "read_paths",
    "read_text",
]
