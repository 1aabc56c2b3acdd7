"""The extraction's word lists, in one readable place.

Every rule in `kg.actors` and `kg.extract` reads its words from here, so teaching kg a new
phrasing ("denounce", "sit down with") is a one-line change with a test. Words are lemmas
(lower case) unless a comment says otherwise.
"""
from __future__ import annotations

# --------------------------------------------------------------------------------------
# Meetings, calls and conversations
# --------------------------------------------------------------------------------------

#: Verbs of in-person contact: "A met (with) B", "A received B", "A hosted B", "A visited B".
MEETING_VERBS = frozenset({"meet", "receive", "host", "visit", "welcome", "convene", "greet", "huddle"})

#: Verb + particle/preposition phrases of in-person contact: lemma -> the word that must follow.
#: "sit down with B", "call on B" (a courtesy call; "call on B to do X" is an appeal, see APPEAL_VERBS).
MEETING_PHRASAL = {"sit": "down", "call": "on"}

#: Nouns of a courtesy visit, with the preposition naming the one visited: "paid a courtesy call on B".
COURTESY_NOUNS = {"call": {"on", "upon"}, "visit": {"to", "with"}}

#: Prepositions whose object can say how a conversation was held ("by phone", "on the sidelines").
MEDIUM_PREPS = frozenset({"by", "over", "via", "on", "through", "in", "during", "at"})

#: Verbs by which the object joins the subject in an act: "A joined B in condemning ...".
JOINING_VERBS = frozenset({"join"})

#: Relative pronouns, which stand for the noun their clause hangs off.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

#: Verbs whose object list are people brought into one meeting: "X brought together A, B and C".
GATHERING_VERBS = {"bring": "together", "gather": None, "assemble": None}

#: Light verbs that take a meeting noun: "A held talks with B", "A had a meeting with B".
LIGHT_VERBS = frozenset({"hold", "have", "conduct", "attend", "chair", "host", "convene", "co-chair"})

#: Nouns naming an in-person meeting ("a meeting between A and B", "the Pashinyan-Aliyev summit").
MEETING_NOUNS = frozenset({
    "meeting", "talk", "talks", "summit", "session", "discussion", "negotiation", "encounter",
    "audience", "consultation", "tete-a-tete", "tête-à-tête", "luncheon", "dinner", "breakfast",
    "visit", "get-together", "sit-down", "meet", "trilateral", "bilateral",
})

#: "A is in talks with B" names an ongoing process, not a meeting that took place.
ONGOING_CONTACT_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "contact", "touch", "dialogue"})

#: Prepositions after which a meeting noun is when something happened, not what is asserted:
#: "A offered help during a call with B" (the call took place whatever the help's realis).
TEMPORAL_PREPS = frozenset({"during", "at", "after", "on", "in", "following", "throughout"})

#: Prepositions that introduce the other participants of a meeting noun.
PARTICIPANT_PREPS = frozenset({"with", "between", "among", "of"})

#: Verbs that name a conversation whose medium the verb alone does not give.
CONVERSATION_VERBS = frozenset({"speak", "talk", "converse", "chat", "confer", "discuss"})

#: Verbs of a telephone or video contact.
PHONE_VERBS = frozenset({"phone", "telephone", "ring", "dial", "videoconference"})

#: Nouns that name a call; "call" alone needs a phone cue or a "with"/"from" participant.
PHONE_NOUNS = frozenset({
    "call", "phone", "telephone", "conversation", "phonecall", "videoconference", "teleconference",
    "conference",
})

#: Words that, near a conversation, make it a call: "by phone", "telephone conversation".
PHONE_CUES = frozenset({
    "phone", "telephone", "telephonic", "video", "videolink", "call", "phoned", "telephoned",
    "zoom", "virtual", "virtually", "online", "teleconference", "videoconference", "videocall",
})

#: Words that, near a conversation, make it in person: "on the sidelines of", "in Paris".
IN_PERSON_CUES = frozenset({"sidelines", "margins", "person", "face-to-face", "side-lines", "visit", "trip",
                            "summit", "meeting", "dinner", "lunch", "luncheon", "breakfast", "ceremony", "tour"})

#: Nouns of negotiation that name a meeting only when persons take part or the clause says it
#: was held: "the talks between Israel and Hamas collapsed" is a process between parties.
PROCESS_NOUNS = frozenset({"talk", "talks", "negotiation", "negotiations", "discussion", "discussions",
                           "consultation", "consultations", "dialogue"})

#: Verbs whose agent takes part in the meeting they modify: "a meeting attended by A and B".
ATTENDANCE_VERBS = frozenset({"attend", "join", "chair", "host", "co-chair"})

#: Nouns of a ministry: "Egypt's foreign ministry" is an organisation of that country.
MINISTRY_NOUNS = frozenset({"ministry", "office", "department"})

#: Verbs that say a meeting happened: "talks took place", "the summit was held".
OCCURRENCE_VERBS = frozenset({"take", "hold", "happen", "occur", "begin", "open", "start", "conclude", "end",
                              "resume", "convene", "attend"})

#: Words that order the stages of one visit: "met bilaterally, then with A, and later with B"
#: is three meetings, one per stage.
SEQUENCE_CUES = frozenset({"then", "later", "afterwards", "subsequently", "thereafter", "next"})

#: Words that move a clause to another time than the one just told: "They had met before",
#: "They met again". Such a meeting does not inherit the date and place of the previous one.
BACKSHIFT_CUES = frozenset({"previously", "earlier", "before", "already", "again", "formerly", "once", "never"})

#: Determiners of a meeting noun that points back to one already told ("the meeting, held on
#: June 27"): its date and place belong to that meeting.
ANAPHORIC_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})

#: How many sentences back such a pointing noun may look for the meeting it names.
ANAPHOR_REACH = 3

#: The longest sentence, in tokens, whose noun chunks are read for role phrases ("the minister").
#: spaCy's English noun-chunk iterator walks a whole chain of coordinated words for each word in
#: it, so a "sentence" listing thousands of names costs quadratic time; real news sentences stay
#: far under this (the longest in the seed articles has 61 tokens), and a longer one is a list,
#: a table or run-on text glued together without full stops.
MAX_CHUNKED_SENTENCE_TOKENS = 250

# --------------------------------------------------------------------------------------
# Realis: did the event take place?
# --------------------------------------------------------------------------------------

#: Modal auxiliaries that make an event hypothetical or future.
MODAL_AUX = frozenset({"will", "would", "could", "may", "might", "should", "shall", "can", "must", "'ll", "wo", "ca"})

#: Predicates that govern an event that has not (yet) happened, by the statement they give.
#: "plans to meet", "agreed to meet", "the proposed meeting", "expected to hold talks".
PLANNED_CUES = frozenset({
    "plan", "planned", "schedule", "scheduled", "expect", "expected", "propose", "proposed", "intend",
    "hope", "want", "wish", "seek", "aim", "agree", "prepare", "arrange", "offer", "invite", "set",
    "upcoming", "forthcoming", "future", "next", "possible", "potential", "prospective", "likely",
    "would-be", "planned-for", "await", "ahead", "try", "attempt", "push", "urge", "call", "ask",
    "request", "suggest", "consider", "discuss", "mull", "eye", "due", "hop", "keen", "eager", "ready",
    "willing", "slate", "slated", "poised", "looking",
})

#: Predicates under which an event did not take place.
CANCELLED_CUES = frozenset({
    "cancel", "cancelled", "canceled", "postpone", "postponed", "delay", "delayed", "scrap",
    "scrapped", "suspend", "suspended", "abort", "aborted", "off",
})
#: Particles that make a verb cancel what it governs ("called off", "put off").
CANCELLED_PARTICLES = frozenset({"off"})
REFUSED_CUES = frozenset({"refuse", "decline", "reject", "rebuff", "snub", "boycott", "fail", "avoid", "shun"})
DENIED_CUES = frozenset({"deny", "dismiss", "rule", "contradict"})

#: Negation words on the trigger or its governor.
NEGATION_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})

#: Subordinators that make a clause hypothetical.
CONDITIONAL_MARKS = frozenset({"if", "unless", "whether", "should"})

# --------------------------------------------------------------------------------------
# Condemnations
# --------------------------------------------------------------------------------------

CONDEMN_VERBS = frozenset({"condemn", "denounce", "deplore", "decry", "censure", "repudiate"})
CONDEMN_NOUNS = frozenset({"condemnation", "denunciation"})
#: Verbs by which someone asks others to condemn: not a condemnation by the subject.
APPEAL_VERBS = frozenset({"urge", "call", "ask", "invite", "encourage", "press", "demand", "appeal", "insist",
                          "want", "expect", "pressure", "challenge"})

# --------------------------------------------------------------------------------------
# Reported speech (claims)
# --------------------------------------------------------------------------------------

#: Verbs that report what someone stated, with a that-clause or a quote.
SPEECH_VERBS = frozenset({
    "say", "tell", "state", "stress", "note", "add", "warn", "emphasise", "emphasize", "underline",
    "underscore", "announce", "confirm", "indicate", "describe", "highlight", "insist", "argue",
    "claim", "assert", "declare", "explain", "reiterate", "affirm", "suggest", "write", "report",
    "acknowledge", "admit", "predict", "comment", "remark", "observe", "point", "maintain",
    "contend", "allege", "caution", "recall", "reaffirm", "tweet", "post", "believe", "think",
    "voice", "express", "urge", "pledge", "promise", "vow", "propose", "demand", "hail", "praise",
    "welcome", "blame", "accuse", "recognise", "recognize", "reveal", "disclose", "clarify",
    "conclude", "estimate", "answer", "reply", "respond", "counter", "told", "call",
})

#: Speech verbs whose content is their direct object ("voiced readiness to ...",
#: "emphasized the urgency of ...", "urged Azerbaijan to refrain from ...").
OBJECT_CONTENT_VERBS = frozenset({
    "voice", "express", "announce", "confirm", "emphasise", "emphasize", "stress", "underline",
    "underscore", "highlight", "reiterate", "reaffirm", "urge", "propose", "demand", "pledge",
    "promise", "describe", "welcome", "praise", "hail", "accuse", "blame", "recognise", "recognize",
    "predict", "warn",
})

#: Speech verb + preposition whose object is the content: "called for the release of ...".
PREP_CONTENT = {"call": "for", "comment": "on", "warn": "of", "insist": "on", "press": "for", "push": "for"}

#: Prepositional attributions of a whole sentence: "according to X", "X's statement".
ATTRIBUTION_PREPS = (("according", "to"),)

#: Subjects that are the article's own voice when they head a report verb ("It is important to note that").
IMPERSONAL_SUBJECTS = frozenset({"it", "this", "that", "there", "all"})

# --------------------------------------------------------------------------------------
# Actors: titles, roles, countries
# --------------------------------------------------------------------------------------

#: Nouns that head a title or role ("Foreign *Minister*", "*Secretary* of State").
TITLE_HEADS = frozenset({
    "president", "minister", "secretary", "chancellor", "premier", "king", "queen", "prince",
    "princess", "emir", "sheikh", "sultan", "pope", "ambassador", "envoy", "spokesperson",
    "spokesman", "spokeswoman", "senator", "congressman", "congresswoman", "representative",
    "governor", "mayor", "general", "commander", "chairman", "chairwoman", "chair", "director",
    "head", "leader", "chief", "diplomat", "official", "consul", "counsellor", "counselor",
    "advisor", "adviser", "lawmaker", "deputy", "speaker", "ruler", "monarch", "prosecutor",
    "judge", "justice", "attorney", "officer", "negotiator", "representative", "commissioner",
    "vice-president", "secretary-general", "prime", "analyst", "expert", "researcher", "counterpart",
})

#: Nouns that, with a demonym, stand for a country's government ("the Japanese government").
GOVERNMENT_NOUNS = frozenset({"government", "authorities", "administration", "leadership", "cabinet", "regime"})

#: Words that may stand inside a title before or after its head ("Acting Foreign Minister",
#: "Assistant Secretary of State for European and Eurasian Affairs").
TITLE_WORDS = frozenset({
    "acting", "deputy", "assistant", "vice", "first", "former", "foreign", "defence", "defense",
    "interior", "finance", "economy", "trade", "energy", "justice", "health", "state", "affairs",
    "prime", "general", "special", "chief", "senior", "top", "junior", "executive", "high",
    "undersecretary", "under", "permanent", "press", "national", "security", "presidential",
    "european", "eurasian", "international", "relations", "secretary", "minister", "president",
    "principal", "lead", "co", "consul", "ambassador", "envoy", "external", "home", "labour",
    "labor", "education", "agriculture", "environment", "transport", "culture", "sports",
    "development", "cooperation", "integration", "intelligence", "army", "military", "naval",
    "air", "force", "staff", "joint", "supreme", "grand", "crown", "political", "former",
})

#: Connectors allowed inside a title ("Secretary *of* State *for* European *and* Eurasian Affairs").
TITLE_CONNECTORS = frozenset({"of", "for", "and", "&", "the"})

#: Courtesy titles dropped from a name ("Mr. Blinken").
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "sir", "dame", "madam", "lord", "lady", "h.e.", "he"})

#: Role nouns that refer back to a person by a broader class ("the Armenian diplomat" -> a foreign
#: minister of Armenia). Key: the noun used; value: roles it can stand for.
ROLE_CLASSES = {
    "diplomat": {"foreign minister", "secretary of state", "ambassador", "envoy", "diplomat",
                 "foreign secretary", "minister of foreign affairs", "consul", "consul general"},
    "leader": {"president", "prime minister", "chancellor", "king", "queen", "premier", "leader", "emir"},
    "premier": {"prime minister", "premier"},
    "minister": {"minister"},
    "official": {"minister", "secretary", "official", "spokesperson", "spokesman", "spokeswoman", "ambassador"},
}

#: Country names people use that the gazetteer spells otherwise (lower case -> gazetteer name).
COUNTRY_ALIASES = {
    "us": "United States", "u.s.": "United States", "u.s": "United States", "usa": "United States",
    "u.s.a.": "United States", "america": "United States", "united states of america": "United States",
    "the united states": "United States", "the us": "United States", "the u.s.": "United States",
    "uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
    "great britain": "United Kingdom", "russian federation": "Russia", "türkiye": "Turkey",
    "turkiye": "Turkey", "uae": "United Arab Emirates", "drc": "Democratic Republic of the Congo",
    "dprk": "North Korea", "republic of korea": "South Korea", "korea": "South Korea",
    "holland": "Netherlands", "the netherlands": "Netherlands", "czech republic": "Czechia",
    "palestine": "Palestinian Territory", "vatican": "Vatican", "burma": "Myanmar",
    "prc": "China", "people's republic of china": "China", "islamic republic of iran": "Iran",
}

#: Demonyms that the suffix rules of `kg.actors` cannot derive from the country name.
IRREGULAR_DEMONYMS = {
    "american": "United States", "british": "United Kingdom", "french": "France", "dutch": "Netherlands",
    "swiss": "Switzerland", "turkish": "Turkey", "greek": "Greece", "azeri": "Azerbaijan",
    "afghan": "Afghanistan", "emirati": "United Arab Emirates", "saudi": "Saudi Arabia",
    "filipino": "Philippines", "philippine": "Philippines", "spanish": "Spain", "polish": "Poland",
    "swedish": "Sweden", "danish": "Denmark", "finnish": "Finland", "irish": "Ireland", "thai": "Thailand",
    "norwegian": "Norway", "portuguese": "Portugal", "welsh": "United Kingdom", "scottish": "United Kingdom",
    "english": "United Kingdom", "kazakh": "Kazakhstan", "uzbek": "Uzbekistan", "tajik": "Tajikistan",
    "kyrgyz": "Kyrgyzstan", "turkmen": "Turkmenistan", "pakistani": "Pakistan", "israeli": "Israel",
    "palestinian": "Palestinian Territory", "chinese": "China", "japanese": "Japan",
    "vietnamese": "Vietnam", "lebanese": "Lebanon", "sudanese": "Sudan", "belarusian": "Belarus",
    "belarussian": "Belarus", "cypriot": "Cyprus", "maltese": "Malta", "icelandic": "Iceland",
    "luxembourgish": "Luxembourg", "malagasy": "Madagascar", "bangladeshi": "Bangladesh",
    "nepali": "Nepal", "nepalese": "Nepal", "sri lankan": "Sri Lanka", "new zealand": "New Zealand",
    "south korean": "South Korea", "north korean": "North Korea", "south african": "South Africa",
    "congolese": "Democratic Republic of the Congo", "ivorian": "Ivory Coast", "yemeni": "Yemen",
    "iraqi": "Iraq", "kuwaiti": "Kuwait", "qatari": "Qatar", "omani": "Oman", "bahraini": "Bahrain",
    "european": "European Union", "soviet": "Soviet Union", "moldovan": "Moldova", "german": "Germany",
    "czech": "Czechia", "slovak": "Slovakia", "argentine": "Argentina", "argentinian": "Argentina",
    "peruvian": "Peru", "kosovar": "Kosovo", "bosnian": "Bosnia and Herzegovina", "slovene": "Slovenia",
    "dominican": "Dominican Republic", "salvadoran": "El Salvador", "emirian": "United Arab Emirates",
    "burmese": "Myanmar", "lao": "Laos", "malawian": "Malawi", "beninese": "Benin", "togolese": "Togo",
    "senegalese": "Senegal", "ghanaian": "Ghana", "malian": "Mali", "chadian": "Chad", "nigerien": "Niger",
}

#: Spellings of one first name, the canonical one first: "Tony Blinken" and "Antony Blinken" are one
#: person, and transliterations ("Sergei"/"Sergey") one name. Used for actor identity (keys) only:
#: labels stay as the article writes them.
FIRST_NAME_VARIANTS = (
    ("antony", "anthony", "tony"), ("sergey", "sergei", "serguei"), ("mohammed", "muhammad", "mohamed", "mohammad"),
    ("alexander", "aleksandr", "alexandr"), ("yuri", "yury", "yuriy"), ("dmitry", "dmitri", "dmitriy"),
    ("andrey", "andrei"), ("nikolay", "nikolai"), ("aleksey", "alexei", "alexey"), ("mikhail", "michail"),
    ("vladimir", "wladimir"), ("volodymyr", "volodimir"), ("william", "bill"), ("robert", "bob"),
    ("joseph", "joe"), ("michael", "mike"), ("james", "jim"), ("richard", "dick"), ("elizabeth", "liz"),
    ("katherine", "kate"),
)

#: Names that spaCy tags as places or groups but that are regions, not actors.
NOT_ACTORS = frozenset({
    "south caucasus", "caucasus", "eurasia", "europe", "asia", "africa", "middle east", "west",
    "the west", "east", "north america", "latin america", "central asia", "balkans", "caspian region",
    "region",
})

# --------------------------------------------------------------------------------------
# Claims that contradict each other (cross-article resolution)
# --------------------------------------------------------------------------------------

#: Words that turn a claim into its denial: "X will not recognise the vote" against
#: "X will recognise the vote" (folded words, "n't" already written as "not").
NEGATION_CUES = frozenset({"not", "never", "no", "neither", "nor"})

#: Words too common to tell two claims apart, left out when pairing a claim with its denial;
#: auxiliaries among them, so that "has not attacked" meets "attacked".
CLAIM_STOPWORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "and", "or", "that", "this", "it", "its",
    "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "has", "have", "had",
})
