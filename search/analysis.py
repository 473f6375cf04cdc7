"""The CJK-aware analyzer shared by indexing and querying, so that both sides cut text the same way.

Text is normalised (NFKC, case-folded, Latin accents dropped) and cut into *pieces*: maximal runs of
CJK characters and maximal runs of other letters and digits. Whitespace, punctuation and a change of
script all end a piece, so ``使用Wagtail发布`` has the pieces 使用, wagtail and 发布.

A CJK run is indexed as overlapping bigrams followed by its last character on its own
(中华人民 -> 中华 华人 人民 民), the scheme of Lucene's CJKAnalyzer. Every character thus starts
exactly one token, which makes a query piece exact without a dictionary:

* two or more CJK characters: their bigrams as a phrase (consecutive positions);
* one CJK character: any token starting with it (a prefix query);
* a Latin word or number: that word.

The trailing single character also ends every run, so a phrase of bigrams never spans two runs.
"""

import re
import unicodedata
from dataclasses import dataclass

CJK_RANGES = (
    "\u1100-\u11ff"  # Hangul Jamo
    "\u3005\u3007"  # 々 〇
    "\u3040-\u30ff"  # Hiragana, Katakana
    "\u3130-\u318f"  # Hangul compatibility Jamo
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK extension A
    "\u4e00-\u9fff"  # CJK unified ideographs
    "\uac00-\ud7af"  # Hangul syllables
    "\uf900-\ufaff"  # CJK compatibility ideographs
    "\U00020000-\U0003134f"  # CJK extensions B-G
)
WORD_CHAR = rf"(?:(?![{CJK_RANGES}])[^\W_])"
PIECE_RE = re.compile(rf"(?P<cjk>[{CJK_RANGES}]+)|(?P<word>{WORD_CHAR}+)")

NGRAM_MIN, NGRAM_MAX = 3, 4

# Accents to drop (é -> e), as SQLite's unicode61 does; kana voicing marks are kept.
ACCENTS_RE = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
# What NFKC makes of full-width ASCII and the ideographic space, which Chinese text is full of:
# CPython's NFKC is slow on CJK text that needs any change, and these are usually the only ones.
FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


def normalize(text):
    """The text that is searched: what index, queries, snippets and tests all compare."""
    text = text.translate(FULL_WIDTH)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    decomposed = unicodedata.normalize("NFD", text.casefold())
    return unicodedata.normalize("NFC", ACCENTS_RE.sub("", decomposed))


@dataclass(frozen=True)
class Piece:
    text: str
    cjk: bool

    @property
    def bigrams(self):
        return [self.text[i : i + 2] for i in range(len(self.text) - 1)]

    @property
    def ngrams(self):
        """The indexed n-grams (see ``ngrams``) that a CJK piece of three or more characters contains."""
        size = min(len(self.text), NGRAM_MAX)
        return [self.text[i : i + size] for i in range(len(self.text) - size + 1)]

    @property
    def pattern(self):
        """Where the piece occurs in normalised text: anywhere if CJK, else as a whole word."""
        if self.cjk:
            return re.escape(self.text)
        return rf"(?<!{WORD_CHAR}){re.escape(self.text)}(?!{WORD_CHAR})"


def pieces(text):
    """The pieces of already normalised text, in order."""
    return [Piece(match.group(), cjk=match.lastgroup == "cjk") for match in PIECE_RE.finditer(text)]


def query_pieces(text):
    """The distinct pieces of a query, in order."""
    return list(dict.fromkeys(pieces(normalize(text))))


def ngrams(text):
    """The distinct CJK substrings of three and four characters of normalised text.

    PostgreSQL indexes them without positions beside the bigrams, so that a word of three or four
    characters is one lexeme that the GIN index answers exactly, with no positions to check.
    """
    found = set()
    for match in PIECE_RE.finditer(text):
        if match.lastgroup == "cjk":
            run = match.group()
            for size in range(NGRAM_MIN, NGRAM_MAX + 1):
                found.update(run[i : i + size] for i in range(len(run) - size + 1))
    return found


# Characters of a field's text that are indexed: a book-length page is searchable through its first
# half million characters, and a pasted 50 MB body costs no more to index or to search than that.
INDEXED_TEXT_LIMIT = 500_000


def indexed_text(text):
    """The part of a field's text that the index holds."""
    return text[:INDEXED_TEXT_LIMIT]


def tokens(text):
    """The index tokens of a text, in position order."""
    return normalized_tokens(normalize(text))


def normalized_tokens(text):
    """The index tokens of already normalised text (a list: indexing calls this for every page)."""
    found = []
    for match in PIECE_RE.finditer(text):
        piece = match.group()
        if match.lastgroup == "cjk":
            found += [piece[i : i + 2] for i in range(len(piece) - 1)]
            found.append(piece[-1])
        else:
            found.append(piece)
    return found
