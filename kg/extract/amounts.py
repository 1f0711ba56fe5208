"""Money as news writes it -> (decimal, ISO 4217 code): "1321억원" -> ("132100000000", "KRW"), "1조3천억원",
"20억 달러", "$2.7B", "100 billion won"."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_SCALES = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6, "t": Decimal(10) ** 12,
           "b": Decimal(10) ** 9, "m": Decimal(10) ** 6, None: Decimal(1)}
_CURRENCIES = {"원": "KRW", "달러": "USD", "$": "USD", "us$": "USD", "usd": "USD", "₩": "KRW", "krw": "KRW",
               "won": "KRW", "dollars": "USD"}


def _number(text: str | None) -> Decimal:
    try:
        return Decimal((text or "0").replace(",", ""))
    except InvalidOperation:
        return Decimal(0)


def korean_amount(m: re.Match[str]) -> tuple[str, str] | None:
    if m["jo"]:
        value = _number(m["jo"]) * Decimal(10) ** 12 + _number(m["cheon"]) * Decimal(10) ** 11 \
            + _number(m["eok2"]) * Decimal(10) ** 8
        unit = m["unit1"]
    else:
        value, unit = _number(m["eok"]) * Decimal(10) ** 8, m["unit2"]
    return (_plain(value), _CURRENCIES[unit]) if value > 0 else None


def english_amount(m: re.Match[str]) -> tuple[str, str] | None:
    if m["num"]:
        value = _number(m["num"]) * _SCALES[(m["scale"] or "").lower() or None]
        currency = _CURRENCIES.get(m["cur"].lower())
    else:
        value = _number(m["num2"]) * _SCALES[m["scale2"].lower()]
        currency = _CURRENCIES.get(m["cur2"].lower())
    return (_plain(value), currency) if value > 0 and currency else None


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text[:-2] if text.endswith(".0") else text
