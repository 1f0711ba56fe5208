"""English language data for extraction: titles, company suffixes, cue words. Only data."""

from __future__ import annotations

import re

from kg.extract.document import Cue

# Title words of executives; a title phrase is a run of them (with "and", ",", "of the board" between).
EXECUTIVE_TITLES = frozenset({
    "chairman", "chairwoman", "chair", "ceo", "cfo", "cto", "coo", "cso", "cio", "president", "founder", "co-founder",
    "cofounder", "executive", "vice", "chief", "officer", "head", "director", "managing", "partner", "co-ceo",
    "board", "senior", "general", "manager", "leader", "principal", "deputy",
})
# Title words that make a person an official of a government.
OFFICIAL_TITLES = frozenset({
    "prime", "minister", "premier", "secretary", "ambassador", "governor", "mayor", "senator", "lawmaker",
    "adviser", "advisor", "spokesperson", "commissioner",
})
# "president" and "leader" are officials' titles in these contexts: "President Lee", "party leader"
OFFICIAL_PHRASES = re.compile(
    r"\b(?:prime minister|premier|minister|(?<!executive vice )(?<!senior vice )(?<!deputy )"
    r"president(?! of| and|,)(?= [A-Z])|national security adviser|"
    r"party leader|secretary|ambassador|governor|mayor)\b", re.IGNORECASE)
TITLE_WORDS = EXECUTIVE_TITLES | OFFICIAL_TITLES
# Words that may join title words into one phrase: "President and CEO", "founder, Chairman and CEO", "chief executive
# officer", "executive vice chairman", "chairman of the board"
TITLE_JOINERS = frozenset({"and", "&", "of", "the"})
# What a company's name may end in (kept as part of the name)
COMPANY_SUFFIXES = frozenset({
    "inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc", "group", "electronics", "technologies",
    "technology", "holdings", "motor", "motors", "telecom", "systems", "semiconductor", "industries", "cloud",
    "ai", "labs", "energy", "chemical", "engineering", "shipbuilding", "capital", "bank", "networks", "software",
    "shipyard", "steel", "airlines", "pharmaceuticals", "pharma", "bio", "biologics", "biosciences", "therapeutics",
    "robotics", "semiconductors", "materials", "solutions", "ventures", "investments", "securities", "financial",
    "insurance", "automotive", "aerospace", "dynamics", "devices", "instruments", "entertainment", "media",
    "communications", "platforms", "healthcare", "logistics", "heavy", "construction", "power", "petrochemical",
    "display", "partners", "corporation", "company", "limited", "gmbh", "ag", "sa", "nv", "bv", "battery",
    "batteries", "minerals", "mining", "metals", "chemicals", "petroleum", "oil", "gas", "utilities", "airways",
})
# Nouns that describe the company whose name follows: "Korean chipmaker Daon Semitech", "Saudi conglomerate Qamar"
COMPANY_KINDS = frozenset({
    "company", "firm", "maker", "chipmaker", "automaker", "carmaker", "startup", "start-up", "conglomerate",
    "utility", "operator", "developer", "supplier", "provider", "manufacturer", "lender", "insurer", "retailer",
    "shipbuilder", "steelmaker", "giant", "unicorn", "fund", "subsidiary", "affiliate", "distributor", "designer",
})
# Honorifics before a name, dropped from a clause's words (their offsets stay where they are)
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "sir", "dame"})
# Capitalised words that are never part of a name
NOT_NAME = frozenset({
    "the", "a", "an", "on", "in", "at", "by", "for", "with", "and", "of", "to", "from", "during", "after", "before",
    "according", "chairman", "ceo", "president", "korea", "korean", "chinese", "us", "u.s.", "u.s", "south", "north",
    "seoul", "beijing", "tokyo", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "feb", "apr", "aug", "sept", "oct", "nov", "dec", "ai", "it",
    "he", "she", "they", "his", "her", "their", "its", "this", "that", "these", "those", "we", "our", "i", "photo",
    "left", "right", "group", "inc.", "co.", "corp.", "reporter", "published", "updated", "source",
})
# Words a sentence may start with that are no name ("Both leaders", "During the meeting")
SENTENCE_STARTERS = frozenset({"both", "during", "after", "before", "while", "when", "as", "meanwhile", "also",
                               "earlier", "later", "last", "next", "this", "photo"})

CUE_PATTERNS: tuple[tuple[Cue, re.Pattern[str]], ...] = (
    (Cue.MEET, re.compile(
        r"\b(?:met|meet|meets|meeting|meetings|(?<!in )(?<!been )talks(?! over)|sat down|sit down|hosted|hosts|host|"
        r"dinner|luncheon|lunch|"
        r"breakfast|courtesy call|video call|phone call|called on|shook hands|shakes hands|roundtable|summit talks|"
        r"held talks|gathering|signing ceremony|"
        # people signing together met there: "CEO Nam and Chairman Al-Harbi signed the agreement in Riyadh"
        r"signed (?:the|an?) (?:[\w-]+ ){0,3}(?:agreement|deal|memorandum|MOU|contract|pact)|"
        r"(?:agreement|deal|memorandum|MOU|contract|pact) (?:was|were) signed\b.{0,80}\bby)\b", re.IGNORECASE)),
    (Cue.MEET_NOUN, re.compile(r"\b(?:meeting|(?<!in )talks(?! over)|dinner|luncheon|roundtable|gathering|encounter)\b",
                               re.IGNORECASE)),
    (Cue.DISCUSS, re.compile(
        r"\b(?:discuss|discussed|discusses|discussing|discussion|talked about|talk about|exchanged views|"
        r"shared progress|focused on|explored)\b", re.IGNORECASE)),
    (Cue.ACCOMPANY, re.compile(
        r"\b(?:accompanied by|along with|joined by|was also present|were also present|also attended|"
        r"was also at|together with|joined the (?:meeting|talks|call|dinner|discussion)|sat in on|"
        r"also (?:present|at the table|attending|in attendance) were)\b",
        re.IGNORECASE)),
    (Cue.SIT_IN, re.compile(
        r"\b(?:was accompanied by|were accompanied by|joined the (?:meeting|talks|call|dinner|discussion)|"
        r"was also present|were also present|also attended the (?:meeting|talks|dinner)|sat in on|"
        r"also (?:present|at the table|attending|in attendance) were)\b",
        re.IGNORECASE)),
    (Cue.ATTEND, re.compile(r"\b(?:attended|attend|attending|took part|participated|brought together|gathered|"
                            r"in attendance)\b", re.IGNORECASE)),
    (Cue.NEGATED, re.compile(
        r"\b(?:did not meet|didn't meet|has not met|hasn't met|will not meet|won't meet|denied|called off|canceled|"
        r"cancelled|no plans to meet|was dropped|were dropped|fell through|was scrapped|was postponed|"
        r"was put off)\b|\b(?:had planned to|was supposed to|had been scheduled to)\b.*\bbut\b", re.IGNORECASE)),
    (Cue.PLANNED, re.compile(
        r"\b(?:will meet|will hold|will visit|is set to|are set to|is expected to|are expected to|plans to|"
        r"planning to|is scheduled|are scheduled|is slated|to meet|upcoming)\b", re.IGNORECASE)),
    (Cue.HEDGED, re.compile(
        r"\b(?:reportedly|is expected to|are expected to|expected to|sources said|according to people familiar|"
        r"people familiar with|likely|could|may|might|is said to|are said to|speculat\w*|rumou?red)\b",
        re.IGNORECASE)),
    (Cue.TRIP, re.compile(r"\b(?:trip|visit|visited|visiting|traveled|travelled|tour)\b", re.IGNORECASE)),
    (Cue.VISIT, re.compile(r"\b(?:visited|visit|visiting|traveled to|travelled to)\b", re.IGNORECASE)),
    (Cue.GROUP_REF, re.compile(
        r"\b(?:the two (?:executives|leaders|men|parties|chiefs|ceos|sides)|both (?:leaders|executives|men|sides)|"
        r"the two|they)\b", re.IGNORECASE)),
    (Cue.THEN, re.compile(r"\b(?:at the time|back then)\b", re.IGNORECASE)),
    (Cue.THIS, re.compile(r"\b(?:the|their|this)\s(?:[\w-]+\s){0,2}(?:meeting|talks|roundtable|gathering|dinner)\b",
                          re.IGNORECASE)),
    (Cue.SEPARATE, re.compile(r"\b(?:separately|respectively|one after another|in turn|a series of)\b",
                              re.IGNORECASE)),
    (Cue.NEXT, re.compile(r"^\s*(?:Later|Afterwards|Afterward|Then|After that)\b")),
    (Cue.NOT_MEETING, re.compile(r"\b(?:keynote|speech|interview|panel|invited)\b", re.IGNORECASE)),
)
QUOTED = re.compile(r"[\"“][^\"“”]{4,}[\"”]")
# Nationalities and countries (and parties' words) that stand before a company or a title without being a name:
# "Korean chipmaker Daon", "Chinese Premier Wang Lei", "Dutch equipment maker Lumora"
NATIONALITIES = frozenset({
    "Chinese", "Korean", "Japanese", "Indian", "American", "Taiwanese", "Vietnamese", "French", "German", "British",
    "Dutch", "Swiss", "Swedish", "Danish", "Norwegian", "Finnish", "Italian", "Spanish", "Canadian", "Australian",
    "Israeli", "Saudi", "Emirati", "Singaporean", "Indonesian", "Thai", "Malaysian", "Brazilian", "Mexican",
    "Belgian", "Austrian", "Irish", "Polish", "Turkish", "Russian", "European", "Asian", "Qatari", "Filipino",
    "U.S.", "US", "India", "China", "Korea", "Japan", "Taiwan", "Vietnam", "Germany", "France", "Britain", "Democratic",
    "Republican", "People",
})
# Lowercase words inside a name: "Pieter de Vries", "Ursula von der Leyen", "Mohammed bin Salman"
NAME_PARTICLES = frozenset({"de", "van", "von", "der", "den", "da", "di", "du", "del", "della", "la", "le", "bin",
                            "al", "dos", "das", "ter", "ten"})
# a paragraph's dateline, read as a sentence of its own so that its city is not where the news happened:
# "SEOUL, Dec. 2 (Yonhap) --", "SAN FRANCISCO, Jan. 29, 2026 /PRNewswire/ --", "TOKYO (Reuters) -"
_WIRE = r"(?:\([A-Z][A-Za-z .&]{1,24}\)|/[A-Za-z ]{2,20}/)"  # (Yonhap), (Reuters), /PRNewswire/
DATELINE = re.compile(r"^[A-Z][A-Z.'\- ]{2,30}(?:,\s[A-Z][A-Za-z.]*(?:\s[A-Z][A-Za-z.]*)?)?"
                      r"(?:,\s[A-Z][a-z]{2,8}\.?\s\d{1,2}(?:,\s\d{4})?\s*" + _WIRE + r"?|\s*" + _WIRE + r")"
                      r"\s*(?:--|—|–|-)\s")
# a dateline: "SEOUL, South Korea, Jan. 29, 2026 /PRNewswire/ —", "Jan. 29 (Yonhap) --"
DATELINE_AFTER_DATE = re.compile(r"^\s*(?:/|—|--|–|\((?:Yonhap|Reuters|AP|AFP|Bloomberg)\))")
# after a date: it dates the report, not the event ("According to SK on the 10th", "said on Thursday")
REPORTING_BEFORE_DATE = re.compile(r"(?:according to [\w\s.&'’]{1,40}|said|told [\w\s]{1,30}|reported)\s*$",
                                   re.IGNORECASE)

PARTNERSHIP_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("mou", re.compile(r"\b(?:memorandum of understanding|MOU|letter of intent|LOI)\b")),
    ("joint-venture", re.compile(r"\b(?:joint venture|JV)\b", re.IGNORECASE)),
    ("license", re.compile(r"\blicens(?:e|es|ed|ing)\b", re.IGNORECASE)),
    ("investment", re.compile(r"\b(?:invest(?:s|ed|ing|ment|ors?)?|stake|acquisition|acquired|(?:funding|series [a-f]|"
                              r"seed|investment) round|the round was led)\b", re.IGNORECASE)),
    ("supply", re.compile(r"\b(?:suppl(?:y|ies|ied|ier|iers)|provides?|provider|provided|manufactures|customers?)\b",
                          re.IGNORECASE)),
    ("cooperation", re.compile(r"\b(?:partnerships?|cooperat\w*|co-operat\w*|collaborat\w*|teaming up|team up|teamed up|"
                               r"joint development|co-develop\w*|working (?:on|with)|embedded|added)\b", re.IGNORECASE)),
)
PARTNERSHIP_SIGNED = re.compile(r"\b(?:signed|inked|sealed)\b", re.IGNORECASE)
PARTNERSHIP_PLANNED = re.compile(r"\b(?:plans? to|planning|considering|exploring|in talks|expected to|could|would|"
                                 r"potential|open to|may)\b", re.IGNORECASE)
PARTNERSHIP_ENDED = re.compile(r"\b(?:ended|terminated|scrapped|called off)\b", re.IGNORECASE)
AMOUNT = re.compile(r"(?P<cur>\$|US\$|₩|KRW|USD)\s?(?P<num>\d[\d,.]*)\s?(?P<scale>trillion|billion|million|[BMT])?\b|"
                    r"(?P<num2>\d[\d,.]*)\s?(?P<scale2>trillion|billion|million)\s(?P<cur2>won|dollars)")
# between two names of a list ("LG Electronics, HD Hyundai, KT and Amorepacific")
LIST_JOINER = re.compile(r"\s*(?:,|,?\s*and|&|,?\s*or|,?\s*as well as)?\s*")
# a company named as a competitor is no partner ("pushing aside longtime rival Samsung", "its peer Hanwha Ocean")
# a deal the text told before, named again: its parties are the other side of that deal ("The round was led by A")
DEAL_REF = re.compile(r"\b(?:the|this)\s(?:funding\s)?(?:round|investment|deal)\s(?:was|is|were)\b", re.IGNORECASE)
# the signing of a deal told just before: its meeting takes the deal's day
CEREMONY = re.compile(r"\bsigning(?: ceremony)?\b", re.IGNORECASE)
RIVAL = re.compile(r"\b(?:rivals?|competitors?|peers?|competing with|compet\w+ against)\s+(?:[\w'’-]+\s+){0,1}$",
                   re.IGNORECASE)
