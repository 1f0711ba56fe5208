"""Bytes -> text: UTF-8, UTF-16 or UTF-32 (with or without a byte-order mark), or a legacy encoding (CP949/EUC-KR
first), detected rather than assumed, and refused with the reason when it is none of these."""

from __future__ import annotations

import unicodedata

from kg.errors import InputError

# The tests of a decode below are shares of characters: a sample of this many, from four places in the text,
# tells them as well as the whole text would, and keeps a 5 MiB file's check to a fraction of a second.
_SAMPLE = 100_000


def _sample(text: str) -> str:
    if len(text) <= _SAMPLE:
        return text
    step, part = len(text) // 4, _SAMPLE // 4
    return "".join(text[i * step : i * step + part] for i in range(4))


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, punctuation and spaces: not binary decoded by a permissive codec."""
    text = _sample(text)
    if not text:
        return True
    bad = sum(
        1
        for ch in text
        if (unicodedata.category(ch) in ("Cc", "Co", "Cs", "Cn") and ch not in "\n\r\t\f")
        or unicodedata.category(ch) == "Cf"
        and ch not in "\ufeff\u200b\u200c\u200d\u2060"
    )
    return bad / len(text) < 0.01


def _mostly_hangul_or_ascii(text: str) -> bool:
    """A legacy-Korean decode is right when the text is Hangul, ASCII and common punctuation."""
    text = _sample(text)
    if not text:
        return True
    good = sum(
        1
        for ch in text
        if ch.isascii() or "\uac00" <= ch <= "\ud7a3" or unicodedata.category(ch).startswith(("P", "Z", "S"))
    )
    if good / len(text) < 0.9 or not _plausible_text(text):
        return False
    # Other CJK encodings decode as CP949 into the rare syllables only CP949's extension has; real
    # Korean text is nearly all common (KS X 1001) syllables.
    syllables = [ch for ch in text if "\uac00" <= ch <= "\ud7a3"]
    if not syllables:
        return True
    common = sum(1 for ch in syllables if _in_ks_x_1001(ch))
    return common / len(syllables) >= 0.9


def _in_ks_x_1001(ch: str) -> bool:
    try:
        # Python's euc_kr spells other syllables as 8-byte jamo sequences: only 2 bytes is KS X 1001.
        return len(ch.encode("euc_kr")) == 2
    except UnicodeEncodeError:
        return False


# Byte-order marks, longest first: UTF-32-LE's begins with UTF-16-LE's.
_BOMS = (
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
)
BOM_PREFIXES = tuple(bom for bom, _, _ in _BOMS)


def wide_codec(data: bytes) -> str | None:
    """UTF-32 or UTF-16 without a byte-order mark, told from where its zero bytes fall: every code unit of
    UTF-32 has a zero high byte, and ASCII (spaces, digits, line ends: a fifth of Korean news text) has one in
    UTF-16, nearly always on the same side (a Hangul syllable has a zero low byte once in 256). Binary data has
    zeros on both sides; None then, and for too few zeros."""
    units = data[: len(data) - len(data) % 4]
    if len(units) >= 8:
        if not any(units[3::4]) and max(units[2::4]) <= 0x10:
            return "utf-32-le"
        if not any(units[0::4]) and max(units[1::4]) <= 0x10:
            return "utf-32-be"
    pairs = data[: len(data) - len(data) % 2]
    low, high = pairs[0::2].count(0), pairs[1::2].count(0)
    if max(low, high) < len(pairs) // 20 or min(low, high) * 4 > max(low, high):
        return None
    return "utf-16-le" if high > low else "utf-16-be"


def _decode_wide(data: bytes, source: str) -> str:
    """Text with NUL bytes: UTF-32 or UTF-16 without a byte-order mark when it reads as text, else binary."""
    codec = wide_codec(data)
    if codec is not None:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            text = None
        # text has spaces, digits and line ends; a binary file that happens to decode has next to none
        ascii_share = sum(1 for ch in _sample(text) if ch.isascii()) / len(_sample(text)) if text else 0.0
        if text is not None and "\x00" not in text and ascii_share >= 0.05 and _plausible_text(text):
            return text
    raise InputError(source, "binary file (contains NUL bytes), not text")


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16 or UTF-32 (BOM or not), or CP949/EUC-KR, detected not
    assumed."""
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(source, f"undecodable: bad {name} ({exc.reason})") from None
    if b"\x00" in data:
        return _decode_wide(data, source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    if utf8_error.reason == "unexpected end of data" and utf8_error.end == len(data):
        # Valid UTF-8 up to a character cut off at the very end: a copy or download cut short. Refused
        # rather than stored, so the user re-fetches the whole article instead of citing a partial one.
        raise InputError(
            source,
            f"truncated UTF-8: the file ends inside a character (byte {utf8_error.start} of {len(data)}); "
            "it was cut short, fetch it again",
        )
    return _decode_legacy(data, source, utf8_error)


def _decode_legacy(data: bytes, source: str, utf8_error: UnicodeDecodeError) -> str:
    """CP949/EUC-KR when it reads as Korean, else another legacy encoding when charset-normalizer is sure."""
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_hangul_or_ascii(text):
        return text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("ascii", "utf_8") and best.chaos < 0.2:
        try:
            guess = data.decode(best.encoding)  # strictly: no replacement characters smuggled in
        except (UnicodeDecodeError, LookupError):
            guess = None
        if guess is not None and _plausible_text(guess):
            return guess
    raise InputError(
        source,
        f"undecodable: not UTF-8 (invalid byte at {utf8_error.start}), CP949/EUC-KR or another "
        "recognisable text encoding",
    )
