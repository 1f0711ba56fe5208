"""Bytes -> text: UTF-8 (with or without a BOM), UTF-16 with a BOM, or a legacy encoding (CP949/EUC-KR first),
detected rather than assumed, and refused with the reason when it is none of these."""

from __future__ import annotations

import unicodedata

from kg.errors import InputError


def _plausible_text(text: str) -> bool:
    """Mostly letters, digits, punctuation and spaces: not binary decoded by a permissive codec."""
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


def decode_bytes(data: bytes, source: str) -> str:
    """Decode a file's bytes: UTF-8 (BOM or not), UTF-16 with a BOM, or CP949/EUC-KR, detected not assumed."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(source, f"undecodable: bad UTF-16 ({exc.reason})") from None
    if b"\x00" in data:
        raise InputError(source, "binary file (contains NUL bytes), not text")
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
    try:
        text = data.decode("cp949")
    except UnicodeDecodeError:
        text = None
    if text is not None and _mostly_hangul_or_ascii(text):
        return text
    # Some other legacy encoding: accept charset-normalizer's guess only if it reads as text.
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
