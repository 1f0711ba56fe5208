"""Language data of the name perturbation (`perturb.py`): Korean particles and titles, surnames and their
romanisations, and the material invented names are drawn from. No algorithm lives here.

Every pool is a table of (Hangul, Latin) pairs, so that a name invented for a Korean article has the English form
an English article about the same person or company needs.
"""

from __future__ import annotations

# --- particles ---------------------------------------------------------------------------------------------
# (after a final consonant, after a vowel): the form a particle takes depends on the last syllable's 받침.
# "으로" is the exception handled by the rewriter: after ㄹ it is "로" ("서울로").
VARIABLE_PARTICLES: tuple[tuple[str, str], ...] = (
    ("이었다", "였다"), ("이었던", "였던"), ("이었고", "였고"), ("이었으며", "였으며"),
    ("이라고", "라고"), ("이라는", "라는"), ("이라며", "라며"), ("이라도", "라도"), ("이라서", "라서"),
    ("이지만", "지만"), ("이든지", "든지"), ("이나마", "나마"), ("입니다", "입니다"),
    ("으로부터", "로부터"), ("으로서", "로서"), ("으로써", "로써"), ("으로", "로"),
    ("이나", "나"), ("이며", "며"), ("이자", "자"), ("이고", "고"), ("이다", "다"), ("이라", "라"),
    ("이란", "란"), ("이랑", "랑"), ("이든", "든"), ("이야", "야"), ("이여", "여"),
    ("이", "가"), ("은", "는"), ("을", "를"), ("과", "와"),
)
# Particles whose form never changes; a name may carry several ("CEO와의", "엔비디아와도").
INVARIANT_PARTICLES: tuple[str, ...] = (
    "에게서", "에서", "에게", "한테", "께서", "까지", "부터", "보다", "처럼", "같이", "마저", "조차", "밖에",
    "만큼", "대로", "마다", "하고", "의", "에", "께", "도", "만", "뿐", "측", "씨", "님", "인",
)

# --- titles ------------------------------------------------------------------------------------------------
# A bare surname is a person only before one of these ("최 회장은"); "최근", "최고경영자" never match.
TITLES_KO: tuple[str, ...] = (
    "수석부회장", "부회장", "회장", "부사장", "사장", "대표이사", "대표", "이사회 의장", "의장", "원장", "관장",
    "부문장", "본부장", "위원장", "장관", "대통령", "총리", "시장", "지사", "전무", "상무", "고문", "창업자",
    "총수", "센터장", "연구원장", "최고경영자", "최고운영책임자", "최고기술책임자", "최고전략책임자",
    "최고매출책임자", "최고경영책임자", "의원", "CEO", "CTO", "COO", "CFO", "CSO", "CRO",
)
# A Latin family name alone may follow one of these ("Chairman Chey", "President Lee").
TITLES_EN: tuple[str, ...] = (
    "Chairman", "Chairwoman", "Chair", "Vice", "Executive", "President", "CEO", "Premier", "Prime", "Minister",
    "Mr.", "Ms.", "Mrs.", "Dr.", "Founder", "Governor", "Director", "Adviser", "Leader", "Chief",
)

# --- Korean surnames ---------------------------------------------------------------------------------------
# Hangul -> the romanisation an invented name uses. Two-syllable surnames first: they are matched first.
SURNAME_ROMAN: dict[str, str] = {
    "남궁": "Namgung", "선우": "Sunwoo", "황보": "Hwangbo", "제갈": "Jegal", "독고": "Dokgo", "사공": "Sagong",
    "김": "Kim", "이": "Lee", "박": "Park", "최": "Choi", "정": "Jung", "강": "Kang", "조": "Cho", "윤": "Yoon",
    "장": "Jang", "임": "Lim", "한": "Han", "오": "Oh", "서": "Seo", "신": "Shin", "권": "Kwon", "황": "Hwang",
    "안": "Ahn", "송": "Song", "전": "Jeon", "홍": "Hong", "문": "Moon", "양": "Yang", "손": "Son", "배": "Bae",
    "백": "Baek", "허": "Heo", "남": "Nam", "심": "Shim", "노": "Noh", "하": "Ha", "곽": "Kwak", "성": "Sung",
    "차": "Cha", "주": "Joo", "우": "Woo", "구": "Koo", "민": "Min", "진": "Jin", "엄": "Eom", "채": "Chae",
    "원": "Won", "천": "Cheon", "방": "Bang", "공": "Kong", "현": "Hyun", "함": "Ham", "변": "Byun",
    "염": "Yeom", "여": "Yeo", "추": "Choo", "도": "Do", "소": "So", "석": "Seok", "선": "Sun", "설": "Seol",
    "마": "Ma", "길": "Gil", "연": "Yeon", "위": "Wi", "표": "Pyo", "명": "Myung", "기": "Ki", "반": "Ban",
    "왕": "Wang", "금": "Keum", "옥": "Ok", "육": "Yook", "인": "In", "맹": "Maeng", "제": "Je", "모": "Mo",
    "탁": "Tak", "국": "Kook", "유": "Yoo", "류": "Ryu", "고": "Ko", "나": "Na", "지": "Ji",
}
# Surnames an invented Korean name may get. The common ones come first; the two-syllable ones give the
# four-syllable shape ("남궁" + "도윤").
NEW_SURNAMES_ONE: tuple[str, ...] = (
    "김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송",
    "전", "홍", "문", "양", "손", "배", "백", "허", "남", "심", "노", "하", "곽", "성", "차", "주", "우", "구",
    "민", "진", "엄", "채", "원", "천", "방", "공", "현", "함", "변", "염", "추", "석", "설", "길", "연", "표",
)
NEW_SURNAMES_TWO: tuple[str, ...] = ("남궁", "선우", "황보", "제갈")
# How English news spells a Korean surname -> the surname.
ROMAN_SURNAME: dict[str, str] = {
    "Lee": "이", "Yi": "이", "Rhee": "이", "Kim": "김", "Park": "박", "Pak": "박", "Choi": "최", "Chey": "최",
    "Choe": "최", "Chung": "정", "Jung": "정", "Jeong": "정", "Cho": "조", "Jo": "조", "Kang": "강", "Yoon": "윤",
    "Yun": "윤", "Jang": "장", "Chang": "장", "Lim": "임", "Im": "임", "Han": "한", "Oh": "오", "Seo": "서",
    "Suh": "서", "Shin": "신", "Kwon": "권", "Hwang": "황", "Ahn": "안", "Song": "송", "Jeon": "전", "Jun": "전",
    "Chun": "전", "Hong": "홍", "Moon": "문", "Yang": "양", "Son": "손", "Sohn": "손", "Bae": "배", "Baek": "백",
    "Paik": "백", "Baik": "백", "Heo": "허", "Huh": "허", "Hur": "허", "Nam": "남", "Shim": "심", "Sim": "심",
    "Noh": "노", "Roh": "노", "Ha": "하", "Kwak": "곽", "Sung": "성", "Seong": "성", "Cha": "차", "Joo": "주",
    "Woo": "우", "Koo": "구", "Ku": "구", "Goo": "구", "Min": "민", "Jin": "진", "Eom": "엄", "Chae": "채",
    "Won": "원", "Cheon": "천", "Bang": "방", "Kong": "공", "Hyun": "현", "Ham": "함", "Byun": "변",
    "Yeom": "염", "Yeo": "여", "Choo": "추", "Seok": "석", "Seol": "설", "Gil": "길", "Yeon": "연", "Wi": "위",
    "Pyo": "표", "Myung": "명", "Ban": "반", "Wang": "왕", "Yoo": "유", "Yu": "유", "Ryu": "류", "Ko": "고",
    "Koh": "고", "Namgung": "남궁", "Sunwoo": "선우", "Hwangbo": "황보",
}
# Romanised surnames no other language shares: "William Cho" is Korean, "Jack Ma" is not.
DISTINCTLY_KOREAN_SURNAMES: frozenset[str] = frozenset({
    "Kim", "Lee", "Park", "Choi", "Chey", "Chung", "Jung", "Jeong", "Cho", "Kang", "Yoon", "Jang", "Shin", "Kwon",
    "Hwang", "Ahn", "Jeon", "Hong", "Baek", "Paik", "Heo", "Huh", "Noh", "Roh", "Kwak", "Koo", "Yoo", "Ryu",
    "Seo", "Suh", "Bae", "Lim", "Yeom", "Byun",
})
# Chinese family names as English news writes them first ("Li Qiang", "Lei Jun").
CHINESE_FAMILY_FIRST: frozenset[str] = frozenset({
    "Li", "Lei", "Wang", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu",
    "Hu", "Guo", "He", "Lin", "Luo", "Zheng", "Liang", "Xie", "Tang", "Feng", "Deng", "Cao", "Peng", "Zeng",
    "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai", "Jiang", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren",
})
# Two-syllable Hangul spellings of Chinese family names: the rest of "웨이저자" is the given name.
CHINESE_FAMILY_HANGUL_TWO: frozenset[str] = frozenset({"웨이", "레이", "저우", "가오", "차오", "샤오", "허우"})

# --- invented Korean given names ---------------------------------------------------------------------------
GIVEN_FIRST: tuple[tuple[str, str], ...] = (
    ("도", "do"), ("서", "seo"), ("지", "ji"), ("민", "min"), ("하", "ha"), ("윤", "yun"), ("재", "jae"),
    ("태", "tae"), ("승", "seung"), ("현", "hyeon"), ("준", "jun"), ("은", "eun"), ("예", "ye"), ("시", "si"),
    ("혜", "hye"), ("주", "ju"), ("채", "chae"), ("다", "da"), ("소", "so"), ("규", "gyu"), ("건", "geon"),
    ("우", "woo"), ("상", "sang"), ("경", "kyung"), ("성", "sung"), ("정", "jeong"), ("세", "se"), ("유", "yu"),
)
# "은" endings on purpose: a given name that ends like the topic particle ("하은") is a real difficulty.
GIVEN_SECOND: tuple[tuple[str, str], ...] = (
    ("윤", "yun"), ("현", "hyeon"), ("진", "jin"), ("우", "woo"), ("원", "won"), ("민", "min"), ("준", "jun"),
    ("호", "ho"), ("빈", "bin"), ("율", "yul"), ("은", "eun"), ("연", "yeon"), ("린", "rin"), ("희", "hui"),
    ("석", "seok"), ("훈", "hun"), ("혁", "hyeok"), ("결", "gyeol"), ("솔", "sol"), ("서", "seo"), ("인", "in"),
    ("영", "yeong"), ("경", "gyeong"), ("규", "gyu"), ("하", "ha"), ("범", "beom"), ("찬", "chan"),
)
GIVEN_SINGLE: tuple[tuple[str, str], ...] = (
    ("준", "Jun"), ("솔", "Sol"), ("결", "Gyeol"), ("율", "Yul"), ("훈", "Hun"), ("혁", "Hyeok"), ("빈", "Bin"),
    ("찬", "Chan"), ("온", "On"), ("람", "Ram"),
)
# Surname + one syllable that spell a common word ("전율 DP 부사장" reads as "thrill"): not invented as names.
WORD_LIKE_NAMES: frozenset[str] = frozenset({
    "전율", "조율", "이온", "표준", "한솔", "연결", "성찬", "변혁", "안온", "강온", "심온",
})
# Western given names for a Korean who goes by one in English ("William Cho").
WESTERN_GIVEN_EN: tuple[str, ...] = ("Daniel", "Brian", "Peter", "Grace", "Michelle", "Edward", "Henry", "Paul")

# --- invented foreign names --------------------------------------------------------------------------------
FOREIGN_GIVEN: tuple[tuple[str, str], ...] = (
    ("라파엘", "Rafael"), ("토마스", "Tomas"), ("루카스", "Lucas"), ("소피아", "Sofia"), ("이사벨", "Isabel"),
    ("니콜라스", "Nicolas"), ("올리비아", "Olivia"), ("마르코", "Marco"), ("안드레아", "Andrea"),
    ("클라라", "Clara"), ("빅토르", "Viktor"), ("헨리크", "Henrik"), ("레오나르도", "Leonardo"),
    ("에밀", "Emil"), ("프리야", "Priya"), ("라훌", "Rahul"), ("파블로", "Pablo"), ("잉그리드", "Ingrid"),
)
# Given name pairs for the three-word shape ("마리아 엘레나 소토").
FOREIGN_GIVEN_PAIRS: tuple[tuple[str, str, str, str], ...] = (
    ("마리아", "엘레나", "Maria", "Elena"), ("후안", "카를로스", "Juan", "Carlos"),
    ("안나", "소피아", "Anna", "Sofia"), ("루이스", "미겔", "Luis", "Miguel"),
)
# Family names whose last syllable reads as a particle or a Korean word (로, 도, 이, 과, 가, 나, 만): real
# names do that ("피차이", "울프만"), and a reader must not cut them.
FOREIGN_FAMILY_PARTICLE_LIKE: tuple[tuple[str, str], ...] = (
    ("몬테로", "Montero"), ("마차도", "Machado"), ("필라이", "Pillai"), ("멘디과", "Mendigua"),
    ("오르테가", "Ortega"), ("메디나", "Medina"), ("호프만", "Hoffmann"), ("로메로", "Romero"),
    ("알바라도", "Alvarado"), ("사카이", "Sakai"), ("베가", "Vega"), ("베르그만", "Bergmann"),
)
FOREIGN_FAMILY_PLAIN: tuple[tuple[str, str], ...] = (
    ("소토", "Soto"), ("하트웰", "Hartwell"), ("린드크비스트", "Lindqvist"), ("오콘쿼", "Okonkwo"),
    ("페레이라", "Pereira"), ("나카무라", "Nakamura"), ("코발스키", "Kowalski"), ("에스포지토", "Esposito"),
    ("라미레스", "Ramirez"), ("크루거", "Kruger"), ("파텔", "Patel"), ("바르가스", "Vargas"),
    ("알메이다", "Almeida"), ("브레넌", "Brennan"), ("할보르센", "Halvorsen"), ("피츠제럴드", "Fitzgerald"),
)
# Chinese names, family first: Hangul written together ("저우밍하오"), English "Zhou Minghao".
CHINESE_FAMILY: tuple[tuple[str, str], ...] = (
    ("저우", "Zhou"), ("탕", "Tang"), ("가오", "Gao"), ("펑", "Feng"), ("궈", "Guo"), ("쉬", "Xu"),
    ("뤄", "Luo"), ("셰", "Xie"), ("덩", "Deng"), ("차오", "Cao"),
)
CHINESE_GIVEN: tuple[tuple[str, str], ...] = (
    ("밍하오", "Minghao"), ("즈한", "Zhihan"), ("루이칭", "Ruiqing"), ("웨이룬", "Weilun"), ("이판", "Yifan"),
    ("하오란", "Haoran"), ("쥔제", "Junjie"), ("샤오린", "Xiaolin"), ("톈위", "Tianyu"), ("원보", "Wenbo"),
)

# --- invented companies ------------------------------------------------------------------------------------
# Brand stems of Korean style: a business group's new prefix ("세진" -> 세진하이닉스, 세진그룹, Sejin Hynix).
KOREAN_STEMS: tuple[tuple[str, str], ...] = (
    ("세진", "Sejin"), ("태림", "Taerim"), ("다온", "Daon"), ("가온", "Gaon"), ("라온", "Raon"),
    ("한울", "Hanul"), ("누리온", "Nurion"), ("새봄", "Saebom"), ("윤슬", "Yunseul"), ("도담", "Dodam"),
    ("서린", "Seorin"), ("해솔", "Haesol"), ("청연", "Cheongyeon"), ("은솔", "Eunsol"), ("미르", "Mir"),
    ("하람", "Haram"), ("온새", "Onsae"), ("보담", "Bodam"), ("동하", "Dongha"), ("한비", "Hanbi"),
    ("솔빛", "Solbit"), ("다솜", "Dasom"), ("나린", "Narin"), ("가람", "Garam"), ("별하", "Byeolha"),
    ("해랑", "Haerang"), ("산들", "Sandeul"), ("예담", "Yedam"), ("소담", "Sodam"), ("늘봄", "Neulbom"),
    ("태온", "Taeon"), ("동진", "Dongjin"), ("현성", "Hyunsung"), ("서하", "Seoha"), ("연우", "Yeonwoo"),
    ("도원", "Dowon"), ("청림", "Cheongrim"), ("백산", "Baeksan"),
)
# Transliterated foreign brand stems ("벨로시티" + "랩스").
FOREIGN_STEMS: tuple[tuple[str, str], ...] = (
    ("벨로시티", "Velocity"), ("큐빗웨이", "Qubitway"), ("노바릭스", "Novarix"), ("헬리오닉스", "Helionix"),
    ("앰버라인", "Amberline"), ("스텔라웨이브", "Stellarwave"), ("브라이트필드", "Brightfield"),
    ("파인크레스트", "Pinecrest"), ("베리디언", "Veridian"), ("카디널", "Cardinal"), ("오르비탈", "Orbital"),
    ("테라윈드", "Terrawind"), ("노스게이트", "Northgate"), ("블루하버", "Blueharbor"), ("퀀타리스", "Quantaris"),
    ("실버코어", "Silvercore"), ("이스트브룩", "Eastbrook"), ("코발트", "Cobalt"), ("아이언우드", "Ironwood"),
    ("레드파인", "Redpine"), ("크레스트라인", "Crestline"), ("웨이포인트", "Waypoint"), ("하이브리지", "Highbridge"),
    ("리버스톤", "Riverstone"), ("글레이셔", "Glacier"), ("프리즈마", "Prisma"), ("세렌디아", "Serendia"),
    ("알타미르", "Altamir"), ("옵티베일", "Optivale"),
)
# Latin-script brands, written in Latin in Korean text too, with how Korean reads them (for the particle).
LATIN_BRANDS: tuple[tuple[str, str], ...] = (
    ("Zentrix", "젠트릭스"), ("Q-Nova", "큐노바"), ("Kyntra", "킨트라"), ("Novexa", "노벡사"),
    ("Trivion", "트리비온"), ("Xelora", "젤로라"), ("Ombrix", "옴브릭스"), ("Lumora", "루모라"),
    ("Veltro", "벨트로"), ("Arkeon", "아르케온"),
)
# Endings an invented standalone company gets (Korean, English).
NEW_ENDINGS_KOREAN: tuple[tuple[str, str], ...] = (
    ("전자", "Electronics"), ("반도체", "Semiconductor"), ("소프트", "Soft"), ("디스플레이", "Display"),
    ("테크", "Tech"), ("네트웍스", "Networks"),
)
NEW_ENDINGS_FOREIGN: tuple[tuple[str, str], ...] = (
    ("AI", "AI"), ("랩스", "Labs"), ("시스템즈", "Systems"), ("로보틱스", "Robotics"),
)
# Endings an original company name keeps (Korean, English, which stems suit it): 대한항공 -> 태림항공,
# Cochin Shipyard -> Northgate Shipyard.
KEPT_ENDINGS: tuple[tuple[str, str, str], ...] = (
    ("금융지주", "Financial Group", "korean"), ("항공", "Air", "korean"), ("일렉트릭", "Electric", "korean"),
    ("홀딩스", "Holdings", "korean"), ("텔레콤", "Telecom", "korean"), ("중공업", "Heavy Industries", "korean"),
    ("조선해양", "Shipbuilding & Offshore Engineering", "korean"), ("전자", "Electronics", "korean"),
    ("반도체", "Semiconductor", "korean"), ("소프트", "Soft", "korean"), ("디스플레이", "Display", "korean"),
    ("바이오", "Bio", "korean"), ("클라우드", "Cloud", "foreign"), ("로보틱스", "Robotics", "foreign"),
    ("랩스", "Labs", "foreign"), ("AI", "AI", "foreign"), ("조선소", "Shipyard", "foreign"),
    ("테크놀로지스", "Technologies", "foreign"),
)
# What may follow a Hangul group prefix inside one word (두산 + 로보틱스, 카카오 + 톡); anything else after the
# prefix ("삼성동") is another word and is left alone.
COMPANY_WORDS: tuple[str, ...] = (
    "그룹", "전자", "전기", "톡", "스토리", "클라우드", "브레인", "로보틱스", "에너빌리티", "인프라코어", "홀딩스",
    "웹서비스", "건설", "중공업", "물산", "생명", "화재", "증권", "카드", "뱅크", "페이", "모빌리티",
    "엔터테인먼트", "게임즈", "디스플레이", "텔레콤", "하이닉스", "화학", "에너지솔루션", "유플러스",
    "바이오로직스", "오션", "에어로스페이스", "솔루션", "코리아", "계열사", "측", "家",
)
# Legal and country affixes kept around a replaced company form ("SK㈜", "Nvidia Corp.", "엔비디아코리아").
COMPANY_PREFIXES: tuple[str, ...] = ("주식회사 ", "㈜", "(주)")
COMPANY_SUFFIXES: tuple[str, ...] = (
    " 주식회사", "주식회사", "㈜", "(주)", "코리아", " Korea", " Co., Ltd.", ", Inc.", " Inc.", " Inc", " Corp.",
    " Corp", " Corporation", " Co.",
)
# Organisations of the gold that are not companies keep their names (they are not what the test is about).
NOT_A_COMPANY: tuple[str, ...] = ("협회", "아트센터", "재단", "대학", "Association", "Foundation", "University",
                                  "Art Center")

# --- reading Latin letters and digits (for the particle after "AMD", "IBM", "2030") ------------------------
LETTER_READING: dict[str, str] = {
    "A": "에이", "B": "비", "C": "씨", "D": "디", "E": "이", "F": "에프", "G": "지", "H": "에이치", "I": "아이",
    "J": "제이", "K": "케이", "L": "엘", "M": "엠", "N": "엔", "O": "오", "P": "피", "Q": "큐", "R": "알",
    "S": "에스", "T": "티", "U": "유", "V": "브이", "W": "더블유", "X": "엑스", "Y": "와이", "Z": "제트",
}
DIGIT_READING: dict[str, str] = {
    "0": "영", "1": "일", "2": "이", "3": "삼", "4": "사", "5": "오", "6": "육", "7": "칠", "8": "팔", "9": "구",
}
