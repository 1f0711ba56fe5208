"""Read stage: input files -> :class:`kg.model.Article` (metadata + kept paragraphs) or :class:`ReadFailure`.

Scraped news text is full of page chrome (share widgets, font-size pickers, bylines, comment rules,
latest-news lists) and often repeats its body. This module keeps what a reader of the page sees as the
article: the body paragraphs once, with exact offsets into the NFC-normalised text, plus the title,
publisher, reporter, URL and publication date-time. The rules are patterns of Korean news sites in
general, not of any one article.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from urllib.parse import urlsplit

from kg.errors import InputError
from kg.model import Article, Paragraph, ReadFailure

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})

NO_DATE_WARNING = "no publication date: relative dates will stay unresolved"

# Korean outlets by host (suffix match), for the publisher when no byline names it.
OUTLETS_BY_HOST: dict[str, str] = {
    "kbs.co.kr": "KBS",
    "imbc.com": "MBC",
    "sbs.co.kr": "SBS",
    "ytn.co.kr": "YTN",
    "jtbc.co.kr": "JTBC",
    "mbn.co.kr": "MBN",
    "ichannela.com": "채널A",
    "tvchosun.com": "TV조선",
    "yna.co.kr": "연합뉴스",
    "yonhapnewstv.co.kr": "연합뉴스TV",
    "news1.kr": "뉴스1",
    "newsis.com": "뉴시스",
    "chosun.com": "조선일보",
    "biz.chosun.com": "조선비즈",
    "joongang.co.kr": "중앙일보",
    "donga.com": "동아일보",
    "hani.co.kr": "한겨레",
    "khan.co.kr": "경향신문",
    "hankookilbo.com": "한국일보",
    "seoul.co.kr": "서울신문",
    "kmib.co.kr": "국민일보",
    "munhwa.com": "문화일보",
    "segye.com": "세계일보",
    "mk.co.kr": "매일경제",
    "hankyung.com": "한국경제",
    "sedaily.com": "서울경제",
    "edaily.co.kr": "이데일리",
    "mt.co.kr": "머니투데이",
    "fnnews.com": "파이낸셜뉴스",
    "heraldcorp.com": "헤럴드경제",
    "asiae.co.kr": "아시아경제",
    "ajunews.com": "아주경제",
    "etoday.co.kr": "이투데이",
    "newstomato.com": "뉴스토마토",
    "newspim.com": "뉴스핌",
    "inews24.com": "아이뉴스24",
    "zdnet.co.kr": "지디넷코리아",
    "etnews.com": "전자신문",
    "dt.co.kr": "디지털타임스",
    "ddaily.co.kr": "디지털데일리",
    "bloter.net": "블로터",
    "thelec.kr": "디일렉",
    "businesspost.co.kr": "비즈니스포스트",
    "whitepaper.co.kr": "화이트페이퍼",
    "queen.co.kr": "퀸",
    "wooritvnews.com": "우리TV뉴스",
    "nocutnews.co.kr": "노컷뉴스",
    "ohmynews.com": "오마이뉴스",
    "pressian.com": "프레시안",
    "koreaherald.com": "코리아헤럴드",
    "koreatimes.co.kr": "코리아타임스",
    "businesskorea.co.kr": "비즈니스코리아",
    "daum.net": "다음뉴스",
    "naver.com": "네이버뉴스",
}

# ---------------------------------------------------------------------------------------------------
# Decoding


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


# ---------------------------------------------------------------------------------------------------
# Dates

_DATE_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})(?!\d)"
    r"\s*(?:일|\.)?(?:\s*\(?[월화수목금토일](?:요일)?\)?(?=\s|$))?"
    r"(?:\s*\(?\s*(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{2})"
    r"(?:\s*(?::|분)\s*(?P<S>\d{2}))?\s*\)?)?"
)
_PUB_LABEL_RE = re.compile(
    r"(?:기사\s*입력|최초\s*(?:입력|등록)|입력|등록|승인|발행|게재|송고|작성|published|posted)\s*(?:일|일시|시간)?\s*[:：.]?\s*$",
    re.IGNORECASE,
)
_OTHER_LABEL_RE = re.compile(
    r"(?:최종\s*수정|수정|최종\s*편집|편집|업데이트|updated?|modified)\s*(?:일|일시|시간)?\s*[:：.]?\s*$",
    re.IGNORECASE,
)


def _to_datetime(m: re.Match[str]) -> date | datetime | None:
    try:
        day = date(int(m["y"]), int(m["m"]), int(m["d"]))
    except ValueError:
        return None
    if m["H"] is None:
        return day
    hour, minute = int(m["H"]), int(m["M"])
    second = int(m["S"]) if m["S"] else 0
    ampm = (m["ampm"] or "").lower()
    if ampm in ("오후", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "am") and hour == 12:
        hour = 0
    try:
        return datetime(day.year, day.month, day.day, hour, minute, second)
    except ValueError:
        return day


@dataclass(frozen=True)
class _DateHit:
    value: date | datetime
    labeled: bool  # preceded by a publication label (입력, 등록, 승인, ...)


def _dates_in_line(line: str) -> list[_DateHit]:
    """Publication-date candidates in a line; dates labeled as updates (수정, UPDATED, 최종편집) excluded."""
    hits: list[_DateHit] = []
    for m in _DATE_RE.finditer(line):
        value = _to_datetime(m)
        if value is None:
            continue
        before = line[max(0, m.start() - 14) : m.start()]
        if _OTHER_LABEL_RE.search(before):
            continue
        hits.append(_DateHit(value, bool(_PUB_LABEL_RE.search(before))))
    return hits


def parse_date(text: str) -> date | datetime | None:
    """A date or date-time written in one of the forms Korean sites (or ISO 8601) use, else None."""
    text = text.strip()
    try:
        value = datetime.fromisoformat(text.replace("Z", "+00:00"))
        if len(text) <= 10:
            return value.date()
        return value.replace(tzinfo=None) if value.tzinfo else value
    except ValueError:
        pass
    m = _DATE_RE.search(text)
    return _to_datetime(m) if m else None


_URL_YMD_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})[/\-_.](\d{1,2})[/\-_.](\d{1,2})(?!\d)")
_URL_DIGITS_RE = re.compile(r"(?<!\d)((?:19|20)\d{2})(\d{2})(\d{2})\d*")


def date_from_url(url: str | None) -> date | None:
    """The publication day many news URLs carry (/20251031/, /2025/10/31/, NISX20250204_..., ids)."""
    if not url:
        return None
    parts = urlsplit(url)
    where = f"{parts.path}?{parts.query}"
    for regex in (_URL_YMD_RE, _URL_DIGITS_RE):
        for m in regex.finditer(where):
            try:
                day = date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                continue
            if 1990 <= day.year <= 2100:
                return day
    return None


# ---------------------------------------------------------------------------------------------------
# Line classification

_HTML_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>")
_EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BULLET_RE = re.compile(r"^(?:[•·▪◦‣∙▲△\-–—*]+\s*)+")
_ONLY_PUNCT_RE = re.compile(r"^[\W\d_]*$")
_METADATA_LABEL_RE = re.compile(
    r"^(?:기사\s*)?(?:입력|수정|승인|등록|발행|게재|송고|최초\s*입력|최종\s*수정|최종\s*편집|업데이트|updated?|modified|published)"
    r"\s*(?:일|일시|시간)?\s*[:：.]?\s*(?:19|20)\d{2}",
    re.IGNORECASE,
)
# Share/print/font/colour/reaction widgets: a line made only of these words is page chrome.
_WIDGET_TEXT = """공유 공유하기 페이스북 카카오톡 카카오스토리 카카오 트위터 x 네이버 유튜브 밴드 라인 링크드인 텔레그램 이메일 메일
    url 링크 링크복사 주소복사 복사 인쇄 인쇄하기 프린트 확대 축소 글자 글씨 크기 글자크기 글씨크기 가장작게 작게 보통 기본
    크게 가장크게 아주 컬러 모드 라이트 다크 베이지 그린 보기 설정 닫기 스크랩 북마크 저장 구독 구독하기 좋아요 싫어요
    응원해요 후속 원해요 슬퍼요 화나요 추천 추천해요 추천하기 댓글 완독 펼치기 접기 펼치기/접기 목록 이전 다음 기사 본문 요약
    듣기 읽기 음성 번역 sns 공유하기 텍스트 음성으로 rss 기사보내기 가 -"""
_WIDGET_WORDS = frozenset(_WIDGET_TEXT.split())
_BOILERPLATE_RES = [
    re.compile(p)
    for p in (
        r"^읽어주기|읽어주기 기능",  # text-to-speech notices
        r"^음성\s*재생",
        r"^번역\s*beta",
        r"글자\s*크기",  # font-size pickers and their help texts
        r"^\(예시\)",
        r"^자동\s*요약|자동\s*요약(?:된|한)\s*(?:내용|결과)입니다",
        r"^본문\s*요약",
        r"본문(?:과 함께 읽는 것을| 보기를)\s*(?:추천|권장)",
        r"브라우저에서만\s*사용",
        r"사용하실 수 있습니다\.?$",
        r"^이 기사를 공유",
        r"^이 기사(?:가|에 대한|를|는)",
        r"^(?:좋아요|싫어요|응원해요|후속\s*원해요)",
        r"^댓글\s*[(\d]|^댓글\s*(?:쓰기|보기|달기|작성|정렬|\d)|^댓글$",
        r"\d+\s*자까지 쓰실 수",
        r"저작권.*댓글|권리를 침해하거나",
        r"관리자의 판단에 의해 삭제",
        r"인신공격성",
        r"무단\s*전재|재배포\s*금지",
        r"(?:ⓒ|©|Copyright)",
        r"^(?:실시간\s*뉴스|상태바|뉴스\s*듣기|기사\s*듣기|오디오\s*듣기)$",
        r"^(?:내|기사)\s.{0,12}(?:저장|저장하기|스크랩|북마크|구독하기)$",
        r"기자의\s*(?:다른\s*)?기사",
        r"^(?:카카오톡|전화|이메일|팩스|홈페이지|유튜브)\s*[:：]",
        r"KBS뉴스를 구독",
        r"구독해\s*주세요",
    )
]
# Everything after one of these headings is site navigation, not the article.
_END_RE = re.compile(
    r"^(?:최신\s*기사|최신\s*뉴스|많이\s*본\s*(?:뉴스|기사)|관련\s*기사|관련\s*뉴스|인기\s*기사|주요\s*뉴스|추천\s*기사|"
    r"실시간\s*인기|이 기사가 좋으셨다면|이 기사에 대한 의견|댓글\s*\(\d+\)|함께\s*보면\s*좋은|오늘의\s*(?:주요|인기)|"
    r"포토\s*뉴스|핫\s*이슈|많이\s*읽은|랭킹\s*뉴스|에디터\s*추천|이\s*시각\s*(?:주요|인기))"
)
_TIP_HEADING_RE = re.compile(r"^[■□◆◇●○▣]?\s*(?:기사\s*)?제보(?:하기)?\s*$")
_CREDIT_LINE_RE = re.compile(
    r"^[\[(<【]\s*(?:사진|자료|출처|제공|그래픽|영상|이미지|일러스트|캡처|캡쳐)[^\n]*[\])>】]$"
    r"|^[\[(<【][^\[\]()<>]*(?:출처|제공|갈무리|캡처|캡쳐)[^\[\]()<>]*[\])>】]$"
)
_NAME = r"[가-힣]{2,4}"
_REPORTER_WORD = r"(?:선임|수석|전문|객원|인턴|사진|영상)?기자|특파원|논설위원|선임기자"
_REPORTER_LINE_RE = re.compile(
    rf"^(?P<names>{_NAME}(?:\s+{_NAME}){{0,3}})\s?(?:{_REPORTER_WORD})(?:\s*[,·]?\s*{_NAME}\s?(?:{_REPORTER_WORD}))*(?P<rest>.*)$"
)
_BRACKET_BYLINE_RE = re.compile(
    rf"^[\[【]\s*(?P<outlet>[^\[\]【】=\s]+)(?:\s*=\s*|\s+)?(?:(?P<names>{_NAME}(?:\s+{_NAME}){{0,2}})\s?(?:{_REPORTER_WORD}))?\s*[\]】]"
)
_PLACE_BYLINE_RE = re.compile(
    rf"^[(【]\s*[가-힣A-Za-z]+\s*=\s*(?P<outlet>[^)】]+?)\s*[)】]\s*(?:(?P<names>{_NAME}(?:\s+{_NAME}){{0,2}})\s?(?:{_REPORTER_WORD}))?"
)
# Bracketed tags at the start of a line that are not outlet names.
_NOT_OUTLET_TEXT = """단독 속보 종합 사진 포토 영상 인터뷰 르포 기획 사설 칼럼 시론 기고 특징주 마감시황 이슈 현장 분석 해설 긴급 그래픽
    카드뉴스 전문 게시판 인사 부고 특집 기자수첩 팩트체크 앵커 리포트 오피니언 데스크칼럼 1보 2보 3보 업데이트 영상뉴스"""
_NOT_OUTLETS = frozenset(_NOT_OUTLET_TEXT.split())

# Credits that can end a caption or the last paragraph: trimmed so the paragraph ends before them.
_TRAILING_TRIMS = [
    re.compile(r"\s*<[^<>]*(?:갈무리|캡처|캡쳐|제공|출처|사진)[^<>]*>$"),
    re.compile(r"\s*(?:ⓒ|©)\s*[^\s.]+(?:\s[^\s.]+)?$"),
    re.compile(r"(?<=[.!?…다\])])\s*/\s*[가-힣A-Za-z0-9]{1,12}(?:\s?[가-힣]{2,4}\s?기자)?$"),
    re.compile(r"(?<=[.!?…다\])])\s+(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?$"),
    re.compile(rf"(?<=[.!?\"'”’…다\])])\s+{_NAME}(?:\s{_NAME}){{0,2}}\s?(?:{_REPORTER_WORD})$"),
]
_CREDIT_WORDS_RE = re.compile(
    r"^(?:사진|자료|출처|그래픽|이미지|일러스트)|제공|DB\s*금지|재판매|갈무리|캡처|캡쳐"
)
_SENTENCE_END_RE = re.compile(r"[.!?…다\"'”’)\]]$")


def _trim_trailing_bracket(text: str) -> str:
    """Drop one trailing (…) or […] group when it is a photo credit like (사진=KT) or (사진-... (CEO) SNS )."""
    if not text or text[-1] not in ")]】":
        return text
    close = text[-1]
    opener = {")": "(", "]": "[", "】": "【"}[close]
    depth = 0
    for i in range(len(text) - 1, -1, -1):
        ch = text[i]
        if ch == close:
            depth += 1
        elif ch == opener:
            depth -= 1
            if depth == 0:
                inner = text[i + 1 : -1].strip()
                head = text[:i].rstrip()
                if head and _CREDIT_WORDS_RE.search(inner) and len(head) >= 10:
                    return head
                return text
    return text


def _trim_credits(text: str) -> str:
    """Strip trailing photo/reporter credits repeatedly; what is left is a prefix of ``text``."""
    while True:
        before = text
        text = _trim_trailing_bracket(text)
        for regex in _TRAILING_TRIMS:
            m = regex.search(text)
            if m and len(text[: m.start()].strip()) >= 10:
                text = text[: m.start()].rstrip()
        if text == before:
            return text


def _squash(text: str) -> str:
    """Comparison key: whitespace collapsed."""
    return " ".join(text.split())


def _is_widget_line(text: str) -> bool:
    words = [w.strip("·|/,:") for w in text.lower().split()]
    words = [w for w in words if w]
    return bool(words) and all(w in _WIDGET_WORDS or w.isdigit() for w in words)


def _strip_dates(text: str) -> str:
    return _DATE_RE.sub(" ", text)


def _is_date_line(text: str) -> bool:
    """A line that is only dates/times (with at most a label): a timestamp block."""
    if not _DATE_RE.search(text):
        return False
    rest = _strip_dates(text)
    rest = re.sub(r"(?:기사\s*)?(?:입력|수정|승인|등록|발행|게재|송고)", " ", rest)
    return bool(_ONLY_PUNCT_RE.match(rest))


@dataclass
class _Meta:
    title: str | None = None
    publisher: str | None = None
    reporter: str | None = None
    labeled_date: date | datetime | None = None
    unlabeled_before_title: list[date | datetime] = field(default_factory=list)
    unlabeled_after_title: list[date | datetime] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)


def _names(group: str | None) -> str | None:
    if not group:
        return None
    return ", ".join(group.split())


def _reporter_line(text: str) -> str | None:
    """Names from a reporter-only line ("정재우 기자 jjw@kbs.co.kr", "원태성 기자 김진희 기자 2026. 3. 18.")."""
    m = _REPORTER_LINE_RE.match(text)
    if not m:
        return None
    rest = _EMAIL_RE.sub(" ", m["rest"])
    rest = _strip_dates(rest)
    if not _ONLY_PUNCT_RE.match(rest):
        return None
    prefix = text[: m.start("rest")]
    names = [w for w in re.findall(r"[가-힣]+", re.sub(_REPORTER_WORD, " ", prefix)) if len(w) >= 2]
    return ", ".join(names) or None


def _looks_like_title(text: str) -> bool:
    # Headlines are a phrase, not a finished sentence, and not too long.
    return 8 <= len(text) <= 150 and not text.endswith(".") and len(text.split()) >= 2


@dataclass(frozen=True)
class _Kept:
    start: int
    end: int
    text: str


def _scan(text: str, known_title: str | None) -> tuple[list[_Kept], _Meta]:
    """Classify every line: boilerplate (dropped, mined for metadata) or body (kept with offsets)."""
    meta = _Meta(title=known_title)
    kept: list[_Kept] = []
    seen: set[str] = set()
    title_key = _squash(known_title) if known_title else None
    title_seen = False
    body_started = False
    in_tip_block = False
    pos = 0
    for raw in text.split("\n"):
        line_start = pos
        pos += len(raw) + 1
        lead = len(raw) - len(raw.lstrip())
        content = raw.strip()
        if not content:
            continue
        bullet = _BULLET_RE.match(content)
        if bullet and bullet.end() < len(content):
            lead += bullet.end()
            content = content[bullet.end() :].strip()
        start = line_start + lead
        if not content or _ONLY_PUNCT_RE.match(content) and not _DATE_RE.search(content):
            continue
        meta.emails.extend(_EMAIL_RE.findall(content))

        # Dates: labeled anywhere in a short line; unlabeled only on timestamp/byline lines.
        if len(content) < 100:
            for hit in _dates_in_line(content):
                if hit.labeled:
                    if meta.labeled_date is None:
                        meta.labeled_date = hit.value
                elif _is_date_line(content) or _reporter_line(content):
                    bucket = meta.unlabeled_after_title if title_seen else meta.unlabeled_before_title
                    bucket.append(hit.value)

        if body_started and _END_RE.match(content):
            break
        if _TIP_HEADING_RE.match(content):
            in_tip_block = True
            continue
        if in_tip_block:
            if content.startswith(("▷", "☞", "-", "※")) or "제보" in content or "구독" in content:
                continue
            in_tip_block = False
        if content.startswith(("▷", "☞")) and (
            "제보" in content or "구독" in content or "：" in content or ":" in content
        ):
            continue

        reporter = _reporter_line(content)
        if reporter:
            meta.reporter = meta.reporter or reporter
            continue
        # Trailing credits go first so "caption. (사진 제공) ⓒ 뉴스1" is judged by its caption.
        trimmed = _trim_credits(content)
        if (
            _HTML_TAG_RE.search(content)
            or _METADATA_LABEL_RE.match(content)
            or _is_date_line(content)
            or _CREDIT_LINE_RE.match(content)
            or _is_widget_line(trimmed)
            or any(r.search(trimmed) for r in _BOILERPLATE_RES)
            or (_EMAIL_RE.search(trimmed) and len(trimmed) < 100)
            or len(trimmed.split()) == 1
            or (len(trimmed.split()) == 2 and len(trimmed) <= 15)
        ):
            continue

        key = _squash(content)
        if not body_started and _looks_like_title(content):
            if meta.title is None and not kept:
                meta.title = content
                title_key = key
            elif known_title and not title_seen and _same_headline(content, known_title):
                title_seen = True  # the page's headline, worded a little differently from the given title
                continue
        if title_key is not None and key == title_key:
            title_seen = True
            continue

        key = _squash(trimmed)
        if key in seen:
            continue
        seen.add(key)
        kept.append(_Kept(start, start + len(trimmed), trimmed))
        if len(trimmed) >= 30:
            body_started = True
            title_seen = True  # the headline, if any, is above the body

        _bylines(trimmed, meta)
    return kept, meta


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _same_headline(line: str, title: str) -> bool:
    """The same headline up to punctuation, a site suffix or a few changed words."""
    a, b = "".join(_words(line)), "".join(_words(title))
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    words = _words(line)
    shared = sum(1 for w in words if w in set(_words(title)))
    return shared / len(words) >= 0.6


def _bylines(text: str, meta: _Meta) -> None:
    """Publisher and reporter from a lead byline: "[비즈니스포스트]", "(서울=뉴스1) 홍길동 기자 =", "[뉴스토마토 이지은 기자]"."""
    m = _BRACKET_BYLINE_RE.match(text) or _PLACE_BYLINE_RE.match(text)
    if not m:
        return
    outlet = m["outlet"].strip()
    if outlet in _NOT_OUTLETS or not re.search(r"[가-힣A-Za-z]", outlet) or _DATE_RE.search(outlet):
        return
    meta.publisher = meta.publisher or outlet
    meta.reporter = meta.reporter or _names(m["names"])


def _outlet_for_host(host: str) -> str | None:
    host = host.lower().rstrip(".")
    for suffix, name in sorted(OUTLETS_BY_HOST.items(), key=lambda kv: -len(kv[0])):
        if host == suffix or host.endswith("." + suffix):
            return name
    return None


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if text.startswith("\ufeff"):
        text = text[1:]
    return unicodedata.normalize("NFC", text)


_HEADER_RE = re.compile(r"\A(?:[A-Za-z_][\w-]*:[^\n]*\n)+---[ \t]*\n")


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading ``key: value`` block ended by ``---`` (the corpus' url header) -> (fields, body)."""
    m = _HEADER_RE.match(text)
    if not m:
        return {}, text
    fields: dict[str, str] = {}
    for line in m.group(0).splitlines()[:-1]:
        key, _, value = line.partition(":")
        fields[key.strip().lower()] = value.strip()
    return fields, text[m.end() :]


def _build(
    text: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    reporter: str | None = None,
    meta_published: date | datetime | None = None,
    option_published: date | datetime | None = None,
    warnings: Iterable[str] = (),
) -> Article:
    text = _normalise(text)
    header, body = _split_header(text)
    if header:
        text = body
        url = url or header.get("url") or None
        title = title or header.get("title") or None
        publisher = publisher or header.get("publisher") or None
        if meta_published is None and header.get("published"):
            meta_published = parse_date(header["published"])
    if not text.strip():
        raise InputError(source, "empty: no text to read")
    title = _normalise(_squash(title)) if title else None

    kept, meta = _scan(text, title)
    notes = list(warnings)

    host = urlsplit(url).hostname if url else None
    publisher = publisher or meta.publisher
    if publisher is None and host:
        publisher = _outlet_for_host(host)
    if publisher is None:
        for email in meta.emails:
            publisher = _outlet_for_host(email.rsplit("@", 1)[1])
            if publisher:
                break

    text_date = meta.labeled_date or next(
        iter(meta.unlabeled_after_title or meta.unlabeled_before_title), None
    )
    published: date | datetime | None
    if option_published is not None:
        published, source_of_date = option_published, "option"
    elif meta_published is not None:
        published, source_of_date = meta_published, "metadata"
        # Metadata often has the day only; the page's own timestamp for that day adds the time.
        if (
            not isinstance(meta_published, datetime)
            and isinstance(text_date, datetime)
            and text_date.date() == meta_published
        ):
            published, source_of_date = text_date, "text"
    elif text_date is not None:
        published, source_of_date = text_date, "text"
    else:
        published, source_of_date = date_from_url(url), "url"
    if published is None:
        source_of_date = None
        notes.append(NO_DATE_WARNING)

    paragraphs = tuple(Paragraph(i, k.start, k.end, k.text) for i, k in enumerate(kept, start=1))
    if not paragraphs:
        raise InputError(source, "no article text: every line looked like page boilerplate")
    digest = hashlib.sha256("\n".join([meta.title or "", *(p.text for p in paragraphs)]).encode()).hexdigest()
    return Article(
        source=source,
        text=text,
        paragraphs=paragraphs,
        content_hash=f"sha256:{digest}",
        title=meta.title,
        publisher=publisher,
        reporter=reporter or meta.reporter,
        url=url,
        published=published,
        published_from=source_of_date,
        warnings=tuple(dict.fromkeys(notes)),
    )


# ---------------------------------------------------------------------------------------------------
# Public API


def read_text(
    text: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    published: date | datetime | None = None,
) -> Article:
    """Scraped article text -> Article. ``published`` (a caller's option) overrides the text's own date.

    Raises :class:`InputError` when there is no text at all.
    """
    return _build(text, source=source, url=url, title=title, publisher=publisher, option_published=published)


def read_html(
    html: str, *, source: str, url: str | None = None, published: date | datetime | None = None
) -> Article:
    """An HTML page -> Article: trafilatura finds the main text and the page metadata."""
    return _from_html(html, source=source, url=url, option_published=published)


def _from_html(
    html: str,
    *,
    source: str,
    url: str | None = None,
    title: str | None = None,
    publisher: str | None = None,
    meta_published: date | datetime | None = None,
    option_published: date | datetime | None = None,
) -> Article:
    import trafilatura

    if not html.strip():
        raise InputError(source, "empty: no HTML to read")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params={"original_date": True, "extensive_search": True},
        )
    except Exception as exc:  # trafilatura/lxml raise many types on malformed markup
        raise InputError(source, f"HTML could not be parsed: {exc}") from None
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError(source, "no article text found in the HTML")
    page_url = url or getattr(doc, "url", None) or None
    page_date = parse_date(doc.date) if getattr(doc, "date", None) else None
    sitename = getattr(doc, "sitename", None) or None
    if sitename and "." in sitename and " " not in sitename:
        sitename = _outlet_for_host(sitename) or sitename
    author = getattr(doc, "author", None) or None
    if author:
        author = re.sub(rf"\s?(?:{_REPORTER_WORD})\b", "", author).strip() or None
    return _build(
        body,
        source=source,
        url=page_url,
        title=title or getattr(doc, "title", None) or None,
        publisher=publisher or sitename,
        reporter=author,
        meta_published=meta_published or page_date,
        option_published=option_published,
    )


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:2000].lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        or bool(re.search(r"<(?:html|head|body|div|article|p|meta)\b", head))
        and len(_HTML_TAG_RE.findall(head)) >= 3
    )


def _looks_like_jsonl(text: str) -> bool:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    return bool(lines) and all(ln.startswith("{") and ln.endswith("}") for ln in lines)


def _jsonl_item(line: str, number: int, source: str, published: date | datetime | None) -> Article | ReadFailure | None:
    """One JSON line -> its article or failure; None for a blank line."""
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return ReadFailure(source, f"malformed JSON: {exc.msg} (column {exc.colno})", number)
    if not isinstance(record, dict):
        return ReadFailure(source, f"not a JSON object but {type(record).__name__}", number)
    return _from_record(record, f"{source}:{number}", source, number, published)


def _read_jsonl(text: str, source: str, published: date | datetime | None) -> Iterator[Article | ReadFailure]:
    for number, line in enumerate(text.split("\n"), start=1):
        item = _jsonl_item(line, number, source, published)
        if item is not None:
            yield item


def _str_field(record: dict[str, object], key: str, *, strip: bool = True) -> str | None:
    """A non-blank string field; the article text keeps its own whitespace (offsets count it)."""
    value = record.get(key)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip() if strip else value


def _from_record(
    record: dict[str, object], item: str, source: str, number: int, published: date | datetime | None
) -> Article | ReadFailure:
    text, html = _str_field(record, "text", strip=False), _str_field(record, "html", strip=False)
    if text is None and html is None:
        return ReadFailure(source, "record has neither a non-empty 'text' nor 'html' field", number)
    warnings: list[str] = []
    meta_published = None
    raw_date = record.get("published")
    if isinstance(raw_date, str) and raw_date.strip():
        meta_published = parse_date(raw_date)
        if meta_published is None:
            warnings.append(f"unreadable 'published' value {raw_date!r}: ignored")
    common = {
        "source": item,
        "url": _str_field(record, "url"),
        "title": _str_field(record, "title"),
        "publisher": _str_field(record, "publisher"),
        "meta_published": meta_published,
        "option_published": published,
    }
    try:
        if text is not None:
            article = _build(text, warnings=warnings, **common)  # type: ignore[arg-type]
        else:
            article = _from_html(html or "", **common)  # type: ignore[arg-type]
            if warnings:
                article = _with_warnings(article, warnings)
    except InputError as exc:
        return ReadFailure(source, exc.problem, number)
    return article


def _with_warnings(article: Article, warnings: list[str]) -> Article:
    from dataclasses import replace

    return replace(article, warnings=tuple(dict.fromkeys([*warnings, *article.warnings])))


# One text or HTML file, or one JSON line, is one article: news articles are tens of kilobytes and saved pages
# a few megabytes. Past this, reading (and the extractor, ~100 KB/s) would take minutes and memory for
# something that is not one article. JSON Lines files have no size limit: they are read a line at a time.
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
_CHUNK = 1024 * 1024


def _mib(n: int) -> str:
    return f"{n / 2**20:.1f} MiB"


def _byte_lines(fh: io.BufferedReader, head: bytes, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """The lines of ``head`` + the rest of ``fh``, numbered from 1, without their newline. A line longer than
    ``limit`` bytes comes as None and is skipped without being held in memory."""
    number = 1
    pending = bytearray()
    oversized = False
    chunk = head
    while chunk:
        start = 0
        while (newline := chunk.find(b"\n", start)) != -1:
            if not oversized:
                pending += chunk[start:newline]
            yield number, None if oversized or len(pending) > limit else bytes(pending)
            number += 1
            pending.clear()
            oversized = False
            start = newline + 1
        if not oversized:
            pending += chunk[start:]
            if len(pending) > limit:
                oversized, pending = True, bytearray()
        chunk = fh.read1(_CHUNK)  # what is there: a pipe's lines come as they are written
    if pending or oversized:
        yield number, None if oversized else bytes(pending)


def _stream_jsonl(
    fh: io.BufferedReader, head: bytes, source: str, published: date | datetime | None
) -> Iterator[Article | ReadFailure]:
    """JSON Lines read and decoded a line at a time: memory stays one line, whatever the file's size."""
    yielded = False
    for number, raw in _byte_lines(fh, head, MAX_ARTICLE_BYTES):
        if raw is None:
            yielded = True
            yield ReadFailure(source, f"line too large: over {_mib(MAX_ARTICLE_BYTES)}, the limit for one article", number)
            continue
        if not raw.strip():
            continue
        try:
            line = decode_bytes(raw, source)
        except InputError as exc:
            yielded = True
            yield ReadFailure(source, exc.problem, number)
            continue
        item = _jsonl_item(line, number, source, published)
        if item is not None:
            yielded = True
            yield item
    if not yielded:
        yield ReadFailure(source, "empty: no text to read")


def read_jsonl_stream(
    fh: io.BufferedReader, *, source: str = "<stdin>", head: bytes = b"", published: date | datetime | None = None
) -> Iterator[Article | ReadFailure]:
    """JSON Lines from an open binary stream such as standard input, read as a .jsonl file is: a line at a time,
    each article yielded before the next line is read. ``head`` is what the caller already read from it."""
    yield from _stream_jsonl(fh, head, source, published)


def _first_line_is_object(data: bytes) -> bool:
    line = data.split(b"\n", 1)[0].strip()
    if line.startswith(b"\xef\xbb\xbf"):
        line = line[3:]
    if not (line.startswith(b"{") and line.endswith(b"}")):
        return False
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _too_large(fh: io.BufferedReader, source: str) -> ReadFailure:
    try:
        size = os.fstat(fh.fileno()).st_size
    except (OSError, ValueError):
        size = 0
    how_big = _mib(size) if size > MAX_ARTICLE_BYTES else f"over {_mib(MAX_ARTICLE_BYTES)}"
    return ReadFailure(
        source,
        f"too large: {how_big}, over the {_mib(MAX_ARTICLE_BYTES)} limit for one text or HTML article; "
        "give one article per file, or JSON Lines (one article per line, any number of lines)",
    )


def _read_open(fh: io.BufferedReader, path: Path, published: date | datetime | None) -> Iterator[Article | ReadFailure]:
    source = str(path)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        head = fh.read1(64 * 1024)
        # UTF-16 lines cannot be split on b"\n": such a file is decoded whole, within the article limit.
        if not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            if b"\x00" in head:
                yield ReadFailure(source, "binary file (contains NUL bytes), not text")
                return
            yield from _stream_jsonl(fh, head, source, published)
            return
        data = head + fh.read(MAX_ARTICLE_BYTES + 1 - len(head))
    else:
        data = fh.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES and _first_line_is_object(data):
            yield from _stream_jsonl(fh, data, source, published)  # JSON Lines by content, not by name
        else:
            yield _too_large(fh, source)
        return
    if not data.strip():
        yield ReadFailure(source, "empty: no text to read")
        return
    try:
        text = decode_bytes(data, source)
    except InputError as exc:
        yield ReadFailure(source, exc.problem)
        return
    del data
    if not text.strip():
        yield ReadFailure(source, "empty: no text to read")
        return
    try:
        if suffix in JSONL_SUFFIXES or (suffix not in TEXT_SUFFIXES | HTML_SUFFIXES and _looks_like_jsonl(text)):
            yield from _read_jsonl(text, source, published)
        elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(text)):
            yield _from_html(text, source=source, option_published=published)
        else:
            yield _build(text, source=source, option_published=published)
    except InputError as exc:
        yield ReadFailure(source, exc.problem, exc.line)


def iter_file(path: Path, *, published: date | datetime | None = None) -> Iterator[Article | ReadFailure]:
    """One file -> its articles (one, or one per JSON line) and failures, as they are read. Never raises for
    bad input. JSON Lines are streamed: each article is yielded before the next line is read."""
    source = str(path)
    try:
        fh = path.open("rb")
    except FileNotFoundError:
        yield ReadFailure(source, "no such file")
        return
    except IsADirectoryError:
        yield ReadFailure(source, "is a directory, not a file")
        return
    except OSError as exc:
        yield ReadFailure(source, f"cannot be read: {exc.strerror or exc}")
        return
    with fh:
        try:
            yield from _read_open(fh, path, published)
        except OSError as exc:  # e.g. an I/O error in the middle of a file
            yield ReadFailure(source, f"cannot be read: {exc.strerror or exc}")


def read_file(path: Path, *, published: date | datetime | None = None) -> list[Article | ReadFailure]:
    """One file -> its articles and failures, as a list (see :func:`iter_file` to stream them)."""
    return list(iter_file(path, published=published))


def _listing(folder: Path) -> list[os.DirEntry[str]] | ReadFailure:
    try:
        with os.scandir(folder) as entries:
            return sorted((e for e in entries if not e.name.startswith(".")), key=lambda e: e.name)
    except OSError as exc:
        return ReadFailure(str(folder), f"folder cannot be read: {exc.strerror or exc}")


def _walk(folder: Path) -> Iterator[Path | ReadFailure]:
    """Files under a folder, recursively in name order, skipping hidden files and folders. A folder that
    cannot be listed (no permission) is a failure naming it; the walk goes on past it."""
    top = _listing(folder)
    if isinstance(top, ReadFailure):
        yield top
        return
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = [iter(top)]
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        try:
            if entry.is_dir():
                st = entry.stat()
                if (st.st_dev, st.st_ino) in seen:
                    continue  # a symbolic link back up the tree
                seen.add((st.st_dev, st.st_ino))
                listing = _listing(Path(entry.path))
                if isinstance(listing, ReadFailure):
                    yield listing
                else:
                    stack.append(iter(listing))
            elif entry.is_file():
                yield Path(entry.path)
        except OSError as exc:
            yield ReadFailure(entry.path, f"cannot be accessed: {exc.strerror or exc}")


def read_paths(
    paths: Iterable[Path], *, published: date | datetime | None = None
) -> Iterator[Article | ReadFailure]:
    """Files and folders -> articles and failures, in order, as they are read. Never raises for bad input."""
    for path in paths:
        path = Path(path)
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists()
        except OSError as exc:
            yield ReadFailure(str(path), f"cannot be accessed: {exc.strerror or exc}")
            continue
        if not exists:
            yield ReadFailure(str(path), "no such file or directory")
        elif is_dir:
            found = False
            for entry in _walk(path):
                found = True
                if isinstance(entry, ReadFailure):
                    yield entry
                else:
                    yield from iter_file(entry, published=published)
            if not found:
                yield ReadFailure(str(path), "folder has no readable files")
        else:
            yield from iter_file(path, published=published)
