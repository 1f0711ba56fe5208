"""Host -> outlet: the publisher of an article whose page names none, from its URL's or a byline e-mail's host."""

from __future__ import annotations

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
    "imaeil.com": "매일신문",
    "hankyung.com": "한국경제",
    "magazine.hankyung.com": "한경비즈니스",
    "sedaily.com": "서울경제",
    "edaily.co.kr": "이데일리",
    "mt.co.kr": "머니투데이",
    "fnnews.com": "파이낸셜뉴스",
    "heraldcorp.com": "헤럴드경제",
    "asiae.co.kr": "아시아경제",
    "ajunews.com": "아주경제",
    "asiatoday.co.kr": "아시아투데이",
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
    "koreadaily.com": "미주중앙일보",
    "daum.net": "다음뉴스",
    "naver.com": "네이버뉴스",
}


def outlet_for_host(host: str) -> str | None:
    """The outlet whose host ``host`` is or is under ("m.edaily.co.kr" -> 이데일리); the longest suffix wins, so
    biz.chosun.com is 조선비즈, not 조선일보."""
    host = host.lower().rstrip(".")
    for suffix in _BY_LENGTH:
        if host == suffix or host.endswith("." + suffix):
            return OUTLETS_BY_HOST[suffix]
    return None


_BY_LENGTH = sorted(OUTLETS_BY_HOST, key=lambda suffix: -len(suffix))
