"""Korean language data for extraction: surnames, titles, company endings, particles, cue words.

Only data: the rules that use it are in :mod:`kg.extract.lang.ko.mentions` and :mod:`kg.extract.lang.ko.cues`.
"""

from __future__ import annotations

import re

from kg.extract.document import Cue

# Common Korean surnames (one or two syllables).
SURNAMES = frozenset(
    ["김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "유", "홍", "전", "고", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구", "민", "진", "나", "지", "엄", "변", "채", "원", "천", "방", "공", "현", "함", "염", "여", "추", "도", "소", "석", "선", "설", "마", "길", "연", "위", "표", "명", "기", "반", "라", "왕", "금", "옥", "육", "인", "맹", "제", "모", "탁", "국", "어", "은", "편", "용", "예", "경", "봉", "사", "부", "피", "빈", "승", "태", "형", "견", "동", "초", "두", "단", "계", "호", "황보", "남궁", "제갈", "선우", "독고", "사공", "서문"]
)

# Syllables Korean given names are made of: a surname and such syllables make a clear Korean name ("서하준"); a
# name with others is likely a transliteration that happens to start like a surname ("사티아", "크리슈난")
GIVEN_NAME_SYLLABLES = frozenset(
    "가각간갑강건걸겸경계고곤공관광교구국군권규균근금기길나남내노늠다단달담대덕도돈동두득란래랑량려련렬령례로록론"
    "룡루류륜률륭름리린림립마만말매맹명모목몽무묵문미민밀바박반방배백범법벽변별병보복본봉부분비빈빛사산삼상새생서석"
    "선설섭성세소솔송수숙순술숭슬승시식신실심아안애야약양언엄여연열염엽영예오옥온완왕요용우욱운웅원월위유육윤율융은"
    "을음응의이익인일임자작잔장재전절정제조종주준중지직진집찬창채천철첨청초총추춘충치칠침탁탄태택통판팔평표풍필하학"
    "한해행향허헌혁현혜호홍화환황효후훈휘희흠힘"
)

# What a title phrase ends in, for executives. Longest first, so "부회장" is read before "회장".
EXECUTIVE_HEADS = (
    "명예회장", "수석부회장", "부회장", "회장", "수석부사장", "부사장", "사장", "공동대표", "각자대표", "대표이사",
    "대표", "최고경영자", "최고경영책임자", "최고운영책임자", "최고기술책임자", "최고재무책임자", "최고전략책임자",
    "최고투자책임자", "최고인공지능책임자", "최고AI책임자", "최고제품책임자", "최고마케팅책임자", "최고사업책임자",
    "최고매출책임자", "최고정보책임자", "최고데이터책임자", "글로벌투자책임자", "투자책임자", "이사회의장", "의장",
    "창업자", "창업주", "공동창업자", "총괄", "본부장", "부문장", "사업부장", "센터장", "연구소장", "연구원장", "원장",
    "소장", "전무", "상무", "부행장", "행장", "사외이사", "총수", "그룹장", "실장", "단장", "위원장", "수석", "관장",
    "협회장", "총재", "대표파트너", "CEO", "COO", "CTO", "CFO", "CSO", "CIO", "CAIO", "CPO", "CMO", "CBO", "GIO", "CRO", "CDO", "CCO", "CHRO",
    "President", "Chairman",
)
# What a title phrase ends in, for officials: people of a government, not of a company.
OFFICIAL_HEADS = (
    "대통령", "부통령", "국무총리", "부총리", "총리", "장관", "차관", "국가주석", "주석", "총통", "비서실장", "정책실장",
    "안보실장", "대변인", "국회의원", "의원", "도지사", "지사", "대사", "총영사", "광역시장", "특별시장",
)
TITLE_HEADS = tuple(sorted({*EXECUTIVE_HEADS, *OFFICIAL_HEADS}, key=len, reverse=True))
# Words that end like a title but are not one: "회의장" (a hall), "부장관급" never occurs as a head.
NOT_TITLE = frozenset({"회의장", "전시장", "공장", "시장", "현장", "입장", "주장", "성장", "확장", "연장", "긴장", "막장",
                       "등장", "매장", "출장", "사장님", "대표적", "대표팀", "대표작", "대표단", "의장국"})
# Nouns that stand in titles before their head ("인프라 총괄 대표", "아시아태평양 플랫폼·디바이스 파트너십 부사장"):
# never a word of a name
TITLE_MODIFIERS = frozenset({
    "인프라", "총괄", "사업", "부문", "전략", "글로벌", "지역", "본부", "담당", "플랫폼", "디바이스", "파트너십", "클라우드",
    "아시아태평양", "아태", "북미", "유럽", "중국", "데이터센터", "기술", "연구", "개발", "영업", "마케팅", "재무", "인사",
    "대외협력", "사업부", "사업본부", "부문장", "경영", "지주부문", "솔루션", "서비스", "제품", "고객", "전략기획", "미래",
})
# Kin nouns: "A의 딸 B" — A is named only to say who B is.
KIN = frozenset({"딸", "아들", "부인", "아내", "남편", "동생", "형", "누나", "언니", "오빠", "아버지", "어머니", "부친", "모친",
                 "장남", "장녀", "차남", "차녀", "사위", "며느리", "손자", "손녀"})

# How company names end, and what a company's group shares: "세진하이닉스" -> no ending, "한빛전자" -> "한빛".
COMPANY_ENDINGS = (
    "전자", "그룹", "텔레콤", "통신", "하이닉스", "반도체", "디스플레이", "바이오", "바이오로직스", "제약", "증권", "은행",
    "생명", "화재", "보험", "건설", "중공업", "조선", "화학", "케미칼", "에너지", "에너빌리티", "솔루션", "모빌리티",
    "엔터테인먼트", "게임즈", "게임스", "랩스", "랩", "테크", "테크놀로지", "테크놀로지스", "소프트", "시스템즈", "네트웍스",
    "클라우드", "뱅크", "페이", "홀딩스", "지주", "금융지주", "산업", "자동차", "모터스", "항공", "해운", "물산", "상사",
    "미디어", "커머스", "로보틱스", "인베스트먼트", "캐피탈", "파트너스", "벤처스", "일렉트릭", "일렉트로닉스",
    "인프라코어", "유플러스", "이노베이션", "머티리얼즈", "플랫폼", "네트워크", "스튜디오", "헬스케어", "파마", "협회",
    "연구원", "재단", "센터", "배터리", "정공", "정밀", "공업", "기계", "전기", "전선", "철강", "제철", "제강", "금속",
    "식품", "유통", "양행", "약품", "전력", "석유", "정유", "텍", "인포텍", "실리콘", "AI", "㈜", "Inc", "Corp", "Co", "Ltd",
    # foreign companies' endings as Korean news spells them, often a word of their own ("헬비온 테라퓨틱스")
    "테라퓨틱스", "바이오사이언스", "파마슈티컬스", "인더스트리", "인더스트리즈", "세미컨덕터", "에어로스페이스",
    "다이내믹스", "머티리얼스", "케미컬", "스틸", "캐피털", "인터내셔널", "코퍼레이션", "컴퍼니", "오토메이션",
    "로지스틱스", "커뮤니케이션즈", "일렉트로닉", "모터", "매뉴팩처링", "디바이스", "마이크로시스템즈",
)
# Endings of affiliates: what is left before them is the group's stem ("두산로보틱스" -> "두산").
# Endings a foreign company's name has as a word of its own ("헬비온 테라퓨틱스", "바유 누산타라 에너지"); not a
# sector's word, which follows a product as often ("스마트팩토리 솔루션", "엔비디아 클라우드 파트너")
SPACED_COMPANY_ENDINGS = frozenset({
    "테라퓨틱스", "바이오사이언스", "파마슈티컬스", "인더스트리", "인더스트리즈", "세미컨덕터", "에어로스페이스",
    "다이내믹스", "머티리얼스", "머티리얼즈", "케미컬", "케미칼", "스틸", "캐피털", "캐피탈", "인터내셔널", "코퍼레이션",
    "컴퍼니", "오토메이션", "로지스틱스", "커뮤니케이션즈", "일렉트로닉스", "일렉트릭", "모터스", "매뉴팩처링",
    "마이크로시스템즈", "시스템즈", "테크놀로지", "테크놀로지스", "홀딩스", "그룹", "에너지", "파트너스", "벤처스",
    "인베스트먼트", "랩스", "네트웍스", "로보틱스", "파마", "헬스케어", "게임즈", "모빌리티", "뱅크", "인포텍", "테크",
})
AFFILIATE_ENDINGS = tuple(sorted(
    {"전자", "그룹", "텔레콤", "디스플레이", "바이오로직스", "에너빌리티", "로보틱스", "클라우드", "화학", "건설",
     "중공업", "생명", "증권", "물산", "유플러스", "이노베이션", "인프라코어", "일렉트릭", "홀딩스", "지주", "금융지주",
     "카드", "캐피탈", "은행", "솔루션", "에너지솔루션", "모비스", "제철", "글로비스", "오토에버", "SDS", "SDI", "CNS",
     "차", "차그룹"}, key=len, reverse=True))
# How a common noun for a kind of company ends ("투자사", "제약사", "고객사", "스타트업", "공기업", "거래처"):
# written before a title it describes the company ("투자사 대표 로버트 정"), it does not name it.
KIND_OF_COMPANY_ENDINGS = ("사", "업체", "기업", "스타트업", "처", "차")
# Words that are never a company, whatever their ending: bodies of government and generic nouns.
NOT_COMPANY = frozenset({"대통령실", "이사회", "정부", "국회", "청와대", "백악관", "업계", "재계", "관계자", "당국",
                         "그룹", "계열사", "자회사", "회사", "기업", "업체", "빅테크", "주요", "국내", "글로벌", "연구원"})
# Words that stand before names but are never a name.
NOT_NAME = frozenset(
    ["이번", "지난", "지난주", "지난달", "지난해", "올해", "오늘", "이날", "전날", "당시", "한편", "또", "또한", "특히", "이어", "그리고", "그", "이", "및", "또는", "직접", "함께", "모두", "각각", "신임", "전임", "현", "전", "공동", "창업자", "창업주", "총수", "오너", "수장", "회장", "사장", "대표", "미국", "중국", "일본", "대만", "한국", "영국", "독일", "프랑스", "인도", "출장", "방한", "방미", "개발사", "기업", "업체", "회사", "그룹", "빅테크", "글로벌", "세계", "최대", "국내", "해외", "현지", "최근", "앞서", "이후", "이날도", "양사", "양측", "측", "관계자", "업계", "전격", "오전", "오후", "새벽", "저녁", "만찬", "오찬", "회동", "면담", "회담", "미팅", "행사", "현장", "사진", "기념촬영", "왼쪽", "오른쪽", "가운데", "첫째", "둘째", "셋째", "번째", "주요", "국내외", "경영진", "임원", "임원진", "인사", "인사들", "고위", "최고위", "각국", "양국", "정상", "기업인", "기업인들", "참석자", "정부", "국회", "이사회", "대통령실", "재계", "당국", "본사", "사옥", "지주사", "계열사", "자회사", "주주", "투자자", "고객", "고객사", "파트너", "관계", "협력"]
)
# Particles, longest first (a word's particle is what follows its noun: "CEO와도" -> "와도").
PARTICLES = tuple(sorted(
    ["이", "가", "은", "는", "을", "를", "와", "과", "의", "에게", "에서", "에", "도", "로", "으로", "께서", "께", "이며", "이자", "이고", "이다", "이었던", "였던", "만", "과의", "와의", "에게서", "한테", "라고", "이라고", "와도", "과도", "와는", "과는", "에도", "에는", "까지", "부터", "처럼", "보다", "이나", "나", "이랑", "랑", "하고", "이든", "든", "로서", "으로서", "로부터", "이었다", "였다", "인", "이라는", "라는", "께도", "에게도", "등", "등과", "등은", "등이", "등을", "등도", "등의", "등과도", "등과의"], key=len, reverse=True))
SUBJECT_PARTICLES = frozenset({"이", "가", "께서", "등이", "이며", "이자", "이고"})
TOPIC_PARTICLES = frozenset({"은", "는", "등은", "께서는", "도", "등도"})
WITH_PARTICLES = frozenset({"와", "과", "등과", "와도", "과도", "와는", "과는", "등과도", "이랑", "랑", "하고", "와의", "과의"})
OBJECT_PARTICLES = frozenset({"을", "를", "등을"})
GENITIVE_PARTICLES = frozenset({"의", "등의"})
# After "A와의"/"A의": the noun that makes A a participant ("A와의 만남", "A의 회동"), not a modifier ("A의 연설").
MEETING_NOUNS = re.compile(r"^\s*(?:만남|회동|면담|회담|미팅|만찬|오찬|조찬|접견|대화|악수|단독\s?면담|첫\s?만남|회의)")

# Cue table: what a clause says, found by pattern (first position kept).
CUE_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (Cue.MEET, re.compile(
        r"만나|만났|만난|만남|만날|회동|면담|회담|미팅|만찬|오찬|조찬|접견|기념\s?촬영|악수|환담|담소|티타임|"
        r"얼굴을\s?맞대|얼굴을\s?맞댔|머리를\s?맞대|머리를\s?맞댔|자리를\s?함께|만찬을\s?함께|회의를\s?(?:갖|가졌|열|연)|"
        r"화상\s?회의|화상\s?통화|전화\s?통화|통화했|간담회를\s?(?:갖|가졌|열|연)|시간을\s?(?:갖|가졌|가진|가지)|"
        r"체결식|협약식|서명식|출범식|기념식|예방(?:했|하고|해|한)|"
        r"(?:계약|협약|계약서|협약서|양해각서|MOU|의향서)에\s?서명|"
        # receiving a visitor: "솔베르 CEO를 … 맞아"
        r"(?:CEO|대표|회장|사장|장관|총리|의장|일행|사절단)(?:을|를)\s?(?:\S+\s){0,3}?(?:맞아|맞았|맞이|영접)")),
    (Cue.MEET_NOUN, re.compile(r"회동|만남|면담|회담|미팅|만찬|오찬|조찬|접견|자리|간담회")),
    (Cue.DISCUSS, re.compile(
        r"논의|의견을\s?(?:나누|나눴|나눈|교환)|이야기를\s?(?:나누|나눴|나눈)|대화를\s?(?:나누|나눴|나눈)|협의|얘기를\s?나누|"
        r"머리를\s?맞대|머리를\s?맞댔|방안을\s?모색|공감대를\s?형성|협력을\s?약속|공유했|공유하고|공유하는|이야기가\s?오간|"
        r"설명했|설명한|소개했")),
    (Cue.ACCOMPANY, re.compile(r"동석|동행|배석|자리를\s?함께|함께했|함께\s?했|합류")),
    (Cue.SIT_IN, re.compile(r"동석|배석")),
    (Cue.ATTEND, re.compile(r"참석했|참석해|참석한|참석하|참가했|참여했|자리했")),
    (Cue.NEGATED, re.compile(
        r"만나지\s?(?:않|못)|회동하지\s?(?:않|못)|면담하지\s?(?:않|못)|만남은\s?없|회동은\s?없|회동설을?\s?부인|"
        r"만남을?\s?부인|사실무근|불발|무산|취소됐|취소되|만날\s?계획이\s?없|계획은\s?없|"
        # "만날 예정이었으나 … 연기됐다": what was planned and did not happen
        r"(?:예정|계획)이었(?:으나|지만|는데)")),
    (Cue.PLANNED, re.compile(
        r"(?:만나|만날|회동할|면담할|회담할|방문할|찾을|참석할|논의할|접견할|만찬을\s?할|협의할)\s?(?:예정|계획|것으로|방침)|"
        r"예정이다|예정입니다|예정이며|예정인|계획이다|(?:만날|회동할|면담할)\s?가능성")),
    (Cue.HEDGED, re.compile(
        r"것으로\s?(?:보인다|보입니다|보여|보이며|관측|전망|예상|추정|점쳐)|보인다|가능성|관측된다|관측됩니다|관측이다|"
        r"관측이\s?나온다|전망이다|전망된다|전망입니다|풀이된다|풀이됩니다|풀이했|업계는\s?보고|보고\s?있다|보고\s?있습니다|"
        r"예상된다|예상됩니다|추정된다|점쳐|기대감|할\s?수\s?있다는\s?관측")),
    (Cue.TRIP, re.compile(r"출국|출장길|출장\s?중|방문길|순방|길에\s?올랐|방한|방미|방일|방중|출장")),
    (Cue.VISIT, re.compile(r"방문해|방문한|방문했|방문할|방문\s?중|방문길|찾아|찾은|찾았|찾을")),
    (Cue.GROUP_REF, re.compile(
        r"두\s?사람|양측|두\s?CEO|두\s?총수|두\s?회장|두\s?수장|두\s?정상|양사\s?(?:CEO|수장|대표|경영진|최고경영자|총수)|"
        r"이들은|이들이|총수들")),
    (Cue.THEN, re.compile(r"(?:^|\s)당시")),
    (Cue.THIS, re.compile(
        r"(?:이번|이날|그|당일)\s?(?:회동|만남|면담|회담|미팅|만찬|오찬|조찬|접견|방문|자리|행사|출장|간담회|"
        r"화상\s?회의|회의|통화|전화\s?통화|출범식|협약식|체결식|서명식)|"
        r"이\s?자리(?:에서|에는|엔|에)|이날\s?(?:회동|만남)|"
        # a meeting noun opening the sentence refers to the one just told: "간담회에는 … 참석한다"
        r"^\s*(?:회동|만남|면담|회담|미팅|만찬|오찬|조찬|접견|간담회|회의|화상\s?회의|통화|행사|출범식|협약식|서명식)"
        r"(?:에는|에선|에서는|엔)")),
    (Cue.SEPARATE, re.compile(r"잇따라|잇달아|잇딴|차례로|각각|연이어|연달아|연쇄|따로")),
    (Cue.NEXT, re.compile(r"^\s*(?:이후|이어|이어서|그\s?뒤|그\s?후)\s")),
    (Cue.NOT_MEETING, re.compile(r"초청했|초청한|초청할|연설|기조연설|강연|패널")),
)
# A clause quoting someone: a quotation mark and a verb of saying.
QUOTED = re.compile(r"[\"“][^\"“”]{4,}[\"”]")
# What follows a date that says it dates the report, not the event: "21일 업계에 따르면", "7일 밝혔다".
REPORTING_AFTER_DATE = re.compile(r"^\s*(?:[가-힣A-Za-z()·]+\s)?(?:[가-힣A-Za-z()·]+)?에\s?따르면")
# What follows a date that says it dates an earlier event: "지난 2월 이후", "지난해와 마찬가지로".
PRIOR_AFTER_DATE = re.compile(r"^\s*(?:이후|이래|과\s?마찬가지로|와\s?마찬가지로|처럼|에\s?이어|보다|만에|만이)")

# Partnership kinds as Korean news writes them (notations of ontology/partnership-kinds.ttl), first found first
PARTNERSHIP_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mou", re.compile(r"양해각서|MOU|업무\s?협약|협약(?!식)|의향서|LOI")),
    ("joint-venture", re.compile(r"합작\s?법인|합작사|조인트\s?벤처|JV")),
    ("license", re.compile(r"라이선스|라이센스|기술\s?이전")),
    ("investment", re.compile(r"투자(?!자|자들|\s?포트폴리오)|지분|인수(?!위)|출자")),
    ("supply", re.compile(r"공급|납품|고객사|수주|도입(?:한다|하기로|했다|키로|할)")),
    ("cooperation", re.compile(r"협력|협업|파트너십|파트너|제휴|공동\s?개발|공동\s?사업|공동\s?(?:구축|진출)|손잡|맞손|동맹|"
                               r"함께\s?(?:개발|진행|추진|구축)")),
)
PARTNERSHIP_SIGNED = re.compile(r"체결|맺었|맺은|맺고|서명")
PARTNERSHIP_PLANNED = re.compile(r"추진|검토|계획|예정|논의\s?중|방침|모색|타진|가능성|전망|기대")
PARTNERSHIP_ENDED = re.compile(r"종료|해지|결별|중단|파기")
# "1321억원", "1조3천억원", "150억 원", "20억 달러"
AMOUNT = re.compile(r"(?P<jo>\d[\d,]*)\s?조\s?(?:(?P<cheon>\d)천\s?)?(?P<eok2>\d[\d,]*)?\s?억?\s?(?P<unit1>원|달러)|"
                    r"(?P<eok>\d[\d,.]*)\s?억\s?(?P<unit2>원|달러)")
# words written like companies that are things: technologies, products, units of a company
NOT_PARTNER = frozenset({"AI", "OS", "LLM", "SLM", "HBM", "GPU", "CPU", "NPU", "PC", "IT", "XR", "MR", "AR", "VR", "B2B",
                         "B2C", "DX", "AX", "CES", "APEC", "MWC", "IPO", "CEO", "CTO", "CFO", "COO", "SNS", "TV", "EV"})
# A word before one of these names a division, not a company: "지멘스 디지털인더스트리 부문 수석부사장".
DIVISION_WORDS = frozenset({"부문", "사업부", "사업부문", "본부", "사업본부", "사업단", "부서"})
ORG_UNIT_ENDINGS = ("사업본부", "본부", "부문", "사업부", "사업단", "연구소", "센터")
# the words that make a company a partner (its particle): subject, topic, with, to, object
PARTNER_PARTICLES = frozenset({"이", "가", "은", "는", "와", "과", "와의", "과의", "와도", "과도", "에", "에게", "에도", "을", "를",
                               "와는", "과는", "의", "도", "에서"})
# between two names of a list ("네이버, 카카오, KT 등", "LG전자·LG이노텍")
LIST_JOINER = re.compile(r"\s*(?:,|·|및|와|과)?\s*")
# a company named as a competitor is no partner ("경쟁사인 삼성전자", "라이벌 TSMC")
# the signing of a deal told just before: its meeting takes the deal's day
CEREMONY = re.compile(r"(?:서명|체결|협약|계약|조인)식")
RIVAL = re.compile(r"(?:경쟁사|경쟁\s?업체|경쟁자|라이벌|맞수)(?:인|이자|로)?\s+$")
# a deal the text told before, named again: its parties are the other side of that deal ("이번 투자는 A가 주도했으며")
DEAL_REF = re.compile(r"(?:이번|해당|이)\s?(?:투자|투자\s?라운드|라운드|펀딩|계약|협약|거래)(?:는|에는|에서|은)")
