"""Bytes -> text: UTF-8 with or without BOM, UTF-16, CP949/EUC-KR detected; binary, truncated and undecodable
refused with the reason."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.read import decode_bytes, read_file

from .common import BODY, HEADLINE, KBS, only_article


def test_decode_utf8_bom_and_cp949_detected(tmp_path: Path) -> None:
    text = f"{HEADLINE}\n{BODY}"
    assert decode_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("utf-8"), "a") == text
    assert decode_bytes(text.encode("cp949"), "a") == text
    assert decode_bytes(text.encode("euc-kr"), "a") == text
    assert decode_bytes(text.encode("utf-16"), "a") == text
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(KBS.read_text(encoding="utf-8").encode("cp949"))
    assert only_article(read_file(legacy)).content_hash == only_article(read_file(KBS)).content_hash


def test_other_cjk_encoding_is_not_mistaken_for_cp949() -> None:
    japanese = "東京で会議が開かれた。両社は協力について話し合った。"
    assert decode_bytes(japanese.encode("shift_jis"), "a") == japanese


def test_binary_and_undecodable_are_refused() -> None:
    with pytest.raises(InputError, match=r"x\.bin: binary"):
        decode_bytes(b"PK\x03\x04\x00\x00data", "x.bin")
    rng = random.Random(7)
    noise = bytes(rng.randrange(1, 256) for _ in range(4000))
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(noise, "noise.txt")
    with pytest.raises(InputError, match="undecodable"):
        decode_bytes(bytes([0x80, 0xFF, 0x81, 0xFE]) * 20, "odd.txt")


# ---------------------------------------------------------------------------------------------------
# Truncated input


def test_truncated_utf8_is_named_as_such() -> None:
    whole = f"{HEADLINE}\n{BODY}".encode()
    cut = whole + "협".encode()[:2]
    with pytest.raises(InputError, match=r"cut\.txt: truncated UTF-8: the file ends inside a character \(byte"):
        decode_bytes(cut, "cut.txt")
    # a bad byte in the middle is not a truncation, and the message says where it is
    broken = whole[:40] + b"\xff" + whole[40:]
    with pytest.raises(InputError, match=r"invalid byte at 40"):
        decode_bytes(broken, "broken.txt")
