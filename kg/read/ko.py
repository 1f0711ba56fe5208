"""Korean news pages as data: the words and patterns of their timestamps, bylines, credits and page chrome.

The algorithm that uses them is in :mod:`kg.read.page` (lines) and :mod:`kg.read.published` (dates); a reader
for another language's pages would bring its own table of the same names.
"""

from __future__ import annotations

import re

# ---------------------------------------------------------------------------------------------------
# Timestamps: "2025.07.21 (20:03)", "2025년 7월 21일 오후 3:04", "입력 2025-03-26 16:23", "UPDATED. 2024-04-27"

DATE_RE = re.compile(
    r"(?<![\d.])(?P<y>(?:19|20)\d{2})\s*(?:[.\-/]|년)\s*(?P<m>\d{1,2})\s*(?:[.\-/]|월)\s*(?P<d>\d{1,2})(?!\d)"
    r"\s*(?:일|\.)?(?:\s*\(?[월화수목금토일](?:요일)?\)?(?=\s|$))?"
    r"(?:\s*\(?\s*(?:(?P<ampm>오전|오후|AM|PM|am|pm)\s*)?(?P<H>\d{1,2})\s*(?::|시)\s*(?P<M>\d{2})"
    r"(?:\s*(?::|분)\s*(?P<S>\d{2}))?\s*\)?)?"
)
PUBLICATION_LABEL_RE = re.compile(
    r"(?:기사\s*입력|기사\s*전송|최초\s*(?:입력|등록)|입력|등록|승인|발행|게재|송고|전송|작성|기사원문|published|posted)\s*(?:(?:일|일시|시간)\s*)?(?:[:：.]\s*)?$",
    re.IGNORECASE,
)
# The label after the date, as News1 writes its byline: "구태린 기자 | 2025-06-12 16:48 송고".
PUBLICATION_LABEL_AFTER_RE = re.compile(r"^\s*(?:송고|입력|등록|발행|게재)(?![가-힣])")
UPDATE_LABEL_AFTER_RE = re.compile(r"^\s*(?:최종\s*)?(?:수정|편집|업데이트)(?![가-힣])")
UPDATE_LABEL_RE = re.compile(
    r"(?:최종\s*수정|수정|최종\s*편집|편집|업데이트|updated?|modified)\s*(?:(?:일|일시|시간)\s*)?(?:[:：.]\s*)?$",
    re.IGNORECASE,
)
# A timestamp line's own label words, removed before asking whether anything else is on the line.
DATE_LINE_LABEL_RE = re.compile(r"(?:기사\s*)?(?:입력|수정|승인|등록|발행|게재|송고|전송|원문)")

# ---------------------------------------------------------------------------------------------------
# Page chrome

METADATA_LABEL_RE = re.compile(
    r"^(?:기사\s*)?(?:입력|수정|승인|등록|발행|게재|송고|전송|최초\s*입력|최종\s*수정|최종\s*편집|업데이트|updated?|modified|published)"
    r"\s*(?:(?:일|일시|시간)\s*)?(?:[:：.]\s*)?(?:19|20)\d{2}",
    re.IGNORECASE,
)
# Share/print/font/colour/reaction widgets: a line made only of these words is page chrome.
_WIDGET_TEXT = """공유 공유하기 페이스북 카카오톡 카카오스토리 카카오 트위터 x 네이버 유튜브 밴드 라인 링크드인 텔레그램 이메일 메일
    url 링크 링크복사 주소복사 복사 인쇄 인쇄하기 프린트 확대 축소 글자 글씨 크기 글자크기 글씨크기 가장작게 작게 보통 기본
    크게 가장크게 아주 컬러 모드 라이트 다크 베이지 그린 보기 설정 닫기 스크랩 북마크 저장 구독 구독하기 좋아요 싫어요
    응원해요 후속 원해요 슬퍼요 화나요 추천 추천해요 추천하기 댓글 완독 펼치기 접기 펼치기/접기 목록 이전 다음 기사 본문 요약
    듣기 읽기 음성 번역 sns 공유하기 텍스트 음성으로 rss 기사보내기 가 -"""
WIDGET_WORDS = frozenset(_WIDGET_TEXT.split())
# A line that opens with one of these is a widget or a notice of the page, not the article.
NOTICE_START_RE = re.compile(
    "|".join(
        f"(?:{p})"
        for p in (
            r"읽어주기",  # text-to-speech notices
            r"음성\s*재생",
            r"번역\s*beta",
            r"\(예시\)",
            r"자동\s*요약",
            r"본문\s*요약",
            r"이 기사(?:를 공유|가|에 대한|를|는)",
            r"좋아요|싫어요|응원해요|후속\s*원해요",
            r"댓글\s*[(\d]|댓글\s*(?:쓰기|보기|달기|작성|정렬)|댓글$",
            r"(?:실시간\s*뉴스|상태바|뉴스\s*듣기|기사\s*듣기|오디오\s*듣기)$",
            r"(?:내|기사)\s.{0,12}(?:저장|저장하기|스크랩|북마크|구독하기)$",
            r"(?:카카오톡|전화|이메일|팩스|홈페이지|유튜브)\s*[:：]",
        )
    )
)
# A line where one of these is found anywhere is a notice. Each starts with a word, so that finding it is a
# fast scan for that word.
NOTICE_RES = [
    re.compile(p)
    for p in (
        r"읽어주기 기능",
        r"글자\s*크기",  # font-size pickers and their help texts
        r"자동\s*요약(?:된|한)\s*(?:내용|결과)입니다",
        r"본문(?:과 함께 읽는 것을| 보기를)\s*(?:추천|권장)",
        r"브라우저에서만\s*사용",
        r"사용하실 수 있습니다\.?$",
        r"이\s*기사\s*포인트$",
        r"\d\s*자까지 쓰실 수",
        r"권리를 침해하거나",
        r"관리자의 판단에 의해 삭제",
        r"인신공격성",
        r"무단\s*전재",
        r"재배포\s*금지",
        r"ⓒ|©|Copyright",
        r"기자의\s*(?:다른\s*)?기사",
        r"KBS뉴스를 구독",
        r"구독해\s*주세요",
    )
]
# A line with the first word and, after it, the second is a notice ("저작권 … 댓글": the comment rules).
NOTICE_WORD_PAIRS = (("저작권", "댓글"),)
# Everything after one of these headings is site navigation, not the article.
END_RE = re.compile(
    r"^(?:최신\s*기사|최신\s*뉴스|많이\s*본\s*(?:뉴스|기사)|관련\s*기사|관련\s*뉴스|인기\s*기사|주요\s*뉴스|추천\s*기사|"
    r"실시간\s*인기|이 기사가 좋으셨다면|이 기사에 대한 의견|댓글\s*\(\d+\)|함께\s*보면\s*좋은|오늘의\s*(?:주요|인기)|"
    r"포토\s*뉴스|핫\s*이슈|많이\s*읽은|랭킹\s*뉴스|에디터\s*추천|이\s*시각\s*(?:주요|인기)|AI\s*뉴스\s*브리핑$|주요\s*기사$)"
)
TIP_HEADING_RE = re.compile(r"^[■□◆◇●○▣]?\s*(?:기사\s*)?제보(?:하기)?\s*$")
# The lines of a tip block ("■ 제보하기" then "▷ 카카오톡 : ..."), and pointers to tips or subscriptions anywhere.
TIP_BLOCK_PREFIXES = ("▷", "☞", "-", "※")
TIP_WORDS = ("제보", "구독")
POINTER_PREFIXES = ("▷", "☞")
CREDIT_LINE_RE = re.compile(
    r"^[\[(<【]\s*(?:사진|자료|출처|제공|그래픽|영상|이미지|일러스트|캡처|캡쳐)[^\n]*[\])>】]$"
    r"|^[\[(<【](?=[^\[\]()<>]*[\])>】]$)[^\[\]()<>]*?(?:출처|제공|갈무리|캡처|캡쳐)"
)

# ---------------------------------------------------------------------------------------------------
# Bylines and credits: "정재우 기자 jjw@kbs.co.kr", "[비즈니스포스트]", "(서울=뉴스1) 홍길동 기자 =", "(사진=KT)"

NAME = r"[가-힣]{2,4}"
REPORTER_WORD = r"(?:선임|수석|전문|객원|인턴|사진|영상)?기자|특파원|논설위원|선임기자"
REPORTER_LINE_RE = re.compile(
    rf"^(?P<names>{NAME}(?:\s+{NAME}){{0,3}})\s?(?:{REPORTER_WORD})(?:\s*(?:[,·]\s*)?{NAME}\s?(?:{REPORTER_WORD}))*(?P<rest>.*)$"
)
BRACKET_BYLINE_RE = re.compile(
    rf"^[\[【]\s*(?P<outlet>[^\[\]【】=\s]+)\s*(?:=\s*)?(?:(?P<names>{NAME}(?:\s+{NAME}){{0,2}})\s?(?:{REPORTER_WORD})\s*)?[\]】]"
)
PLACE_BYLINE_RE = re.compile(
    rf"^[(【]\s*[가-힣A-Za-z]+\s*=(?P<outlet>[^)】]+)[)】]\s*(?:(?P<names>{NAME}(?:\s+{NAME}){{0,2}})\s?(?:{REPORTER_WORD}))?"
)
# Bracketed tags at the start of a line that are not outlet names.
_NOT_OUTLET_TEXT = """단독 속보 종합 사진 포토 영상 인터뷰 르포 기획 사설 칼럼 시론 기고 특징주 마감시황 이슈 현장 분석 해설 긴급 그래픽
    카드뉴스 전문 게시판 인사 부고 특집 기자수첩 팩트체크 앵커 리포트 오피니언 데스크칼럼 1보 2보 3보 업데이트 영상뉴스"""
NOT_OUTLETS = frozenset(_NOT_OUTLET_TEXT.split())

# Credits that can end a caption or the last paragraph: trimmed so the paragraph ends before them (and the
# spaces before them). None starts with spaces of its own: a pattern that could start anywhere in a run of
# spaces would scan the run from each of its positions.
TRAILING_TRIMS = [
    re.compile(r"<[^<>]*(?:갈무리|캡처|캡쳐|제공|출처|사진)[^<>]*>$"),
    re.compile(r"(?:ⓒ|©)\s*[^\s.]+(?:\s[^\s.]+)?$"),
    re.compile(r"(?<=[.!?…다\])])\s*/\s*[가-힣A-Za-z0-9]{1,12}(?:\s?[가-힣]{2,4}\s?기자)?$"),
    re.compile(r"(?<=[.!?…다\])])\s+(?:19|20)\d{2}\.\s?\d{1,2}\.\s?\d{1,2}\.?$"),
    # the reporter's name after the last sentence, with or without a space ("…전망된다.김정우 기자")
    re.compile(rf"(?<=[.!?\"'”’…다\])])\s*{NAME}(?:\s{NAME}){{0,2}}\s?(?:{REPORTER_WORD})$"),
    re.compile(r"(?:\*\s*)?재판매\s*및\s*DB\s*금지$"),  # news agencies' photo licence note
    re.compile(r"(?<=[.!?…다])\s*(?:사진|자료|그래픽)\s*=\s*[^\s=]{1,20}$"),  # "이재훈 삼성전자 회장. 사진=연합뉴스"
]
# What marks a caption besides its credit: where the people stand in the picture ("최도윤 회장(왼쪽)이 …").
CAPTION_CUE_RE = re.compile(r"\((?:왼쪽|오른쪽|가운데)(?:\s*[두세]\s*번째)?\)|왼쪽부터|오른쪽부터")
# A day of the month as news writes it ("29일", "지난 6일"): what the text's own day references look like.
DAY_RE = re.compile(r"(?<![\d.])(?P<d>\d{1,2})\s?일(?![간째])")

CREDIT_WORDS_RE = re.compile(
    r"^(?:사진|자료|출처|그래픽|이미지|일러스트)|제공|DB\s*금지|재판매|갈무리|캡처|캡쳐"
)
