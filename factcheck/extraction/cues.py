"""Precompiled word lists for attribution cues, speaker phrases and outlets.

Everything here is plain data: sets of lower-cased word forms. The rules in
``extract.py`` decide how a word is used; these lists only say what a word can be.
"""

from __future__ import annotations

import re


def _forms(spec: str) -> dict[str, str]:
    """Map every form on a line ``lemma: form form …`` to its lemma."""
    out: dict[str, str] = {}
    for line in spec.strip().splitlines():
        lemma, _, forms = line.partition(":")
        lemma = lemma.strip()
        out[lemma] = lemma
        for form in forms.split():
            out[form] = lemma
    return out


# Communication and belief verbs, every inflection. The lemma decides which
# complements the verb needs before it counts as a cue (see the sets below).
CUE_VERBS: dict[str, str] = _forms(
    """
    say: says said saying
    tell: tells told telling
    add: adds added adding
    note: notes noted noting
    state: states stated stating
    claim: claims claimed claiming
    warn: warns warned warning
    write: writes wrote writing written
    confirm: confirms confirmed confirming
    deny: denies denied denying
    announce: announces announced announcing
    report: reports reported reporting
    insist: insists insisted insisting
    argue: argues argued arguing
    explain: explains explained explaining
    acknowledge: acknowledges acknowledged acknowledging
    admit: admits admitted admitting
    estimate: estimates estimated estimating
    predict: predicts predicted predicting
    assert: asserts asserted asserting
    allege: alleges alleged alleging
    accuse: accuses accused accusing
    urge: urges urged urging
    direct: directs directed directing
    instruct: instructs instructed instructing
    order: orders ordered ordering
    advise: advises advised advising
    encourage: encourages encouraged encouraging
    call: calls called calling
    describe: describes described describing
    dismiss: dismisses dismissed dismissing
    reveal: reveals revealed revealing
    disclose: discloses disclosed disclosing
    indicate: indicates indicated indicating
    suggest: suggests suggested suggesting
    believe: believes believed believing
    think: thinks thought thinking
    stress: stresses stressed stressing
    emphasise: emphasises emphasised emphasising emphasize emphasizes emphasized emphasizing
    continue: continues continued continuing
    reply: replies replied replying
    respond: responds responded responding
    counter: counters countered countering
    tweet: tweets tweeted tweeting
    post: posts posted posting
    reiterate: reiterates reiterated reiterating
    concede: concedes conceded conceding
    declare: declares declared declaring
    maintain: maintains maintained maintaining
    comment: comments commented commenting
    vow: vows vowed vowing
    pledge: pledges pledged pledging
    promise: promises promised promising
    ask: asks asked asking
    answer: answers answered answering
    recall: recalls recalled recalling
    complain: complains complained complaining
    boast: boasts boasted boasting
    observe: observes observed observing
    remark: remarks remarked remarking
    hint: hints hinted hinting
    signal: signals signalled signaled signalling signaling
    forecast: forecasts forecasting
    expect: expects expected expecting
    fear: fears feared fearing
    hope: hopes hoped hoping
    show: shows showed shown showing
    find: finds found finding
    agree: agrees agreed agreeing
    inform: informs informed informing
    assure: assures assured assuring
    caution: cautions cautioned cautioning
    worry: worries worried worrying
    demand: demands demanded demanding
    declare: declares declared declaring
    express: expresses expressed expressing
    voice: voices voiced voicing
    point: points pointed pointing
    contend: contends contended contending
    anticipate: anticipates anticipated anticipating
    doubt: doubts doubted doubting
    question: questions questioned questioning
    rule: rules ruled ruling
    conclude: concludes concluded concluding
    project: projects projected projecting
    reckon: reckons reckoned reckoning
    figure: figured
    charge: charges charged charging
    reason: reasons reasoned reasoning
    feel: feels felt feeling
    learn: learns learned learnt learning
    quip: quips quipped quipping
    joke: jokes joked joking
    lament: laments lamented lamenting
    muse: muses mused musing
    grumble: grumbles grumbled grumbling
    testify: testifies testified testifying
    speculate: speculates speculated speculating
    hold: holds held holding
    make: makes made making
    put: puts putting
    accept: accepts accepted accepting
    remember: remembers remembered remembering
    reaffirm: reaffirms reaffirmed reaffirming
    remind: reminds reminded reminding
    shout: shouts shouted shouting
    recognise: recognises recognised recognising recognize recognizes recognized recognizing
    """
)

# Lemmas that are cues only when followed by a that-clause, a colon or a quote
# (or when they close a sentence after the content: "…, he added.").
NEEDS_CLAUSE = frozenset(
    {
        "add", "note", "continue", "respond", "reply", "comment", "post", "write", "answer",
        "recall", "observe", "remark", "hint", "signal", "indicate", "complain", "boast", "agree",
        "expect", "fear", "hope", "show", "find", "explain", "pledge", "promise", "vow",
        "ask", "caution", "counter", "believe", "think", "forecast", "predict", "insist",
        "worry", "demand", "declare", "reaffirm", "remind", "shout",
        "stress", "emphasise", "maintain", "acknowledge", "concede", "argue", "suggest",
        "contend", "anticipate", "doubt", "project", "reckon", "speculate", "figure",
        "charge", "reason", "feel", "learn", "quip", "joke", "lament", "muse", "grumble",
    }
)  # fmt: skip

# Lemmas that are cues only with "that", a colon or a quotation ("the court ruled that",
# "the judge held that"): without one they name an act ("ruled out", "held talks").
NEEDS_THAT = frozenset(
    {
        "continue", "respond", "reply", "answer", "counter", "comment", "recall", "observe",
        "remark", "rule", "hold", "conclude", "testify", "speculate", "make", "charge",
        "reason", "feel", "learn", "accept", "recognise", "remember",
    }
)  # fmt: skip

# Belief and forecast lemmas whose content may be a noun phrase or an infinitive
# ("expects full-year earnings of $5.10", "expect to cut costs", "projects sales to rise").
TAKES_OBJECT_CONTENT = frozenset(
    {"expect", "anticipate", "forecast", "predict", "project", "estimate"}
)

# Lemmas for which a speaker phrase may be headed by a word on no list ("the retailer
# said"): verbs of saying and believing. Evidential verbs ("the move reveals how …",
# "the data show") take only known speaker heads.
GENERIC_SPEAKER_VERBS = frozenset(
    {
        "say", "tell", "add", "note", "state", "claim", "warn", "write", "deny", "announce",
        "report", "insist", "argue", "contend", "explain", "acknowledge", "admit", "estimate",
        "predict", "assert", "allege", "accuse", "reply", "respond", "counter", "reiterate",
        "concede", "declare", "maintain", "complain", "caution", "believe", "think", "expect",
        "fear", "hope", "doubt", "worry", "anticipate", "forecast", "testify", "confirm", "stress",
        "emphasise", "tweet", "post", "recall", "agree", "project", "reckon", "question",
        "hold", "conclude", "make", "figure", "charge", "reason", "feel", "learn",
        "quip", "joke", "lament", "muse", "grumble", "accept", "recognise", "remember",
        "reaffirm", "shout",
    }
)  # fmt: skip

# Lemmas that may take a plain clause without "that" ("X said the war…").
TAKES_BARE_CLAUSE = frozenset(
    {
        "say", "tell", "claim", "write", "believe", "think", "insist", "argue", "warn", "suggest",
        "predict", "estimate", "report", "admit", "acknowledge", "add", "confirm", "deny",
        "announce", "stress", "emphasise", "state", "reveal", "assert", "allege", "concede",
        "maintain", "expect", "fear", "hope", "promise", "reiterate", "declare", "disclose",
        "explain", "note", "indicate", "show", "find", "inform", "assure", "tweet",
        "post", "vow", "pledge", "agree", "contend", "anticipate", "doubt", "project",
        "reckon", "signal", "figure", "reaffirm",
    }
)  # fmt: skip

# "put the figure at 412,000", "put the death toll at 30": an estimate by whoever put it.
ESTIMATE_OBJECTS = frozenset(
    {
        "figure", "number", "toll", "total", "tally", "count", "cost", "costs", "turnout",
        "crowd", "losses", "damage", "bill", "price", "value", "size", "deficit",
    }
)  # fmt: skip

# Objects that make "denied" a decision, not a denial ("denied a request to delay").
DENIED_REQUESTS = frozenset(
    {
        "request", "requests", "motion", "motions", "application", "applications", "appeal",
        "bail", "permission", "access", "entry", "visa", "visas", "petition", "bid", "leave",
    }
)  # fmt: skip

# Directives that are cues only as "X to do Y" ("directed agencies to prepare", "ordered
# troops to withdraw"): without the infinitive they name an act ("ordered an inquiry").
DIRECTIVES = frozenset({"direct", "instruct", "order", "advise", "encourage"})

# Lemmas whose object is an addressee before the content ("told Reuters that…").
ADDRESSEE_VERBS = frozenset({"tell", "inform", "assure", "warn", "urge", "accuse", "remind"})

# Lemmas that need a particular word right after them to be a cue.
NEEDS_PARTICLE = {
    "call": frozenset({"on", "for", "upon"}),
    "describe": frozenset(),  # needs "as" somewhere after the object; checked in code
}

# Lemmas that can only be cues for document-like subjects ("the report found").
DOCUMENT_ONLY = frozenset({"show", "find"})

# Objects that turn "claimed"/"reported" into a non-speech verb ("claimed responsibility").
NON_SPEECH_OBJECTS = frozenset(
    {
        "responsibility", "credit", "victory", "lives", "life", "seats", "seat", "asylum",
        "damages", "benefits", "control", "the", "a", "an", "his", "her", "their", "its",
    }
)  # fmt: skip
NON_SPEECH_AFTER_CLAIM = frozenset(
    {"responsibility", "credit", "victory", "lives", "seats", "asylum"}
)

# Nouns that act as cues ("X's claims that…", "amid reports that…").
NOUN_CUES = frozenset(
    {
        "claim", "claims", "allegation", "allegations", "assertion", "assertions", "statement",
        "statements", "report", "reports", "warning", "warnings", "denial", "admission",
        "assessment", "suggestion", "suggestions", "rumour", "rumours", "rumor", "rumors",
        "accusation", "accusations", "insistence", "assurance", "assurances", "announcement",
        "estimate", "estimates", "prediction", "predictions", "belief", "view",
        "contention", "contentions", "argument", "expectation", "expectations", "forecast",
        "forecasts", "projection", "projections", "conclusion", "charge", "charges",
        "complaint", "complaints", "disclosure", "declaration", "testimony", "opinion",
        "position", "insinuation", "acknowledgment", "acknowledgement", "suspicion",
        "judgment", "judgement", "estimation", "pledge", "pledges", "promise", "promises",
        "vow", "vows", "threat", "threats", "concession", "words", "remarks", "comments",
    }
)  # fmt: skip
# Adjectives of belief and attitude that take a that-clause after "be" ("investors are
# worried that …", "he isn't convinced that …").
ATTITUDE_ADJECTIVES = frozenset(
    {
        "worried", "concerned", "convinced", "confident", "optimistic", "pessimistic",
        "hopeful", "sure", "certain", "skeptical", "sceptical", "afraid", "fearful", "aware",
        "adamant", "insistent", "emphatic",
    }
)  # fmt: skip
# Nouns of opinion in "in X's view, …" / "in the view of X".
OPINION_NOUNS = frozenset({"view", "opinion", "judgment", "judgement", "estimation", "words"})

HEDGE_NOUN_CUES = frozenset(
    {
        "claim", "claims", "allegation", "allegations", "rumour", "rumours", "rumor", "rumors",
        "report", "reports", "accusation", "accusations", "assertion", "assertions",
    }
)  # fmt: skip

# Forms that are also nouns; after a determiner or preposition they are not verbs.
NOUN_AMBIGUOUS = frozenset(
    {
        "report", "reports", "claim", "claims", "estimate", "estimates", "note", "notes",
        "post", "posts", "call", "calls", "tweet", "tweets", "comment", "comments", "answer",
        "answers", "promise", "promises", "pledge", "pledges", "fear", "fears", "hope", "hopes",
        "counter", "warning", "forecast", "forecasts", "signal", "signals", "remarks", "remark",
        "vow", "vows", "hint", "hints", "finding", "findings", "show", "shows", "denial",
        "statement", "stress", "found", "thought", "saying", "ruling", "rulings", "rule",
        "rules", "question", "questions", "doubt", "doubts", "project", "projects", "hold",
        "holds", "make", "makes", "figure", "charge", "charges", "reason", "reasons", "feel",
        "joke", "jokes", "quip", "quips",
    }
)  # fmt: skip

# Participles that attach to the main clause's subject: "…, arguing that …".
PARTICIPLE_CUES = frozenset(
    {
        "saying", "adding", "noting", "arguing", "claiming", "warning", "insisting", "stressing",
        "explaining", "stating", "emphasising", "emphasizing", "suggesting", "alleging",
        "acknowledging", "admitting", "asserting", "declaring", "announcing", "writing",
        "telling", "reiterating", "predicting", "accusing", "urging", "denying", "confirming",
        "calling", "describing", "vowing", "pledging", "promising", "conceding", "maintaining",
        "revealing", "disclosing", "indicating", "reporting", "estimating", "contending",
        "concluding", "finding", "ruling", "projecting", "signaling", "signalling",
    }
)  # fmt: skip

# Auxiliaries and adverbs that may stand between the speaker and the cue.
AUX = frozenset(
    {
        "has", "have", "had", "will", "would", "could", "can", "may", "might", "should", "must",
        "did", "does", "do", "shall", "is", "was", "are", "were", "be", "been", "'ve", "’ve",
        "'d", "’d", "'ll", "’ll",
        # negated ("he doesn't expect", "they haven't said"); not the forms of "be", which
        # would hide a passive
        "doesn't", "don't", "didn't", "won't", "wouldn't", "couldn't", "can't", "shouldn't",
        "hasn't", "haven't", "hadn't", "doesn’t", "don’t", "didn’t", "won’t", "wouldn’t",
        "couldn’t", "can’t", "shouldn’t", "hasn’t", "haven’t", "hadn’t",
    }
)  # fmt: skip
PASSIVE_AUX = frozenset({"is", "was", "are", "were", "be", "been", "being", "get", "got", "gets"})
ADVERBS = frozenset(
    {
        "also", "earlier", "previously", "later", "recently", "repeatedly", "again", "publicly",
        "afterwards", "afterward",
        "privately", "separately", "reportedly", "allegedly", "then", "now", "further", "once",
        "initially", "first", "subsequently", "yesterday", "today", "tonight", "already",
        "never", "not", "n't", "still", "even", "too", "just", "often", "frequently", "always",
        "openly", "last", "since", "has", "have", "had", "meanwhile", "however",
        "though", "likewise", "similarly", "specifically", "directly",
        "explicitly", "apparently", "immediately", "quickly", "swiftly", "sharply", "bluntly",
        "angrily", "flatly", "firmly", "strongly", "categorically", "personally", "herself",
        "himself", "themselves", "itself", "jointly", "formally", "officially", "ultimately",
        "finally", "late", "overnight", "long",
    }
)  # fmt: skip

PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you"})
PERSON_PRONOUNS = frozenset({"he", "she"})

DETERMINERS = frozenset(
    {
        "the", "a", "an", "its", "his", "her", "their", "our", "my", "your", "this", "these",
        "those", "some", "several", "many", "most", "other", "another", "both", "all", "few",
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "one", "dozens",
        "numerous", "various", "multiple", "no", "any", "each", "every", "more", "least", "at",
    }
)  # fmt: skip
INDEFINITE = frozenset(
    {
        "a", "an", "some", "several", "many", "two", "three", "four", "five", "six", "seven",
        "eight", "nine", "ten", "one", "dozens", "numerous", "various", "multiple", "other",
        "another", "most", "few", "all", "both", "more", "least",
    }
)  # fmt: skip

# Person roles (heads of speaker phrases that name one person's function).
ROLE_WORDS = frozenset(
    {
        "president", "president-elect", "vice-president", "prime", "minister", "premier",
        "chancellor", "spokesperson", "spokesman", "spokeswoman", "aide", "adviser", "advisor",
        "whip", "heckler", "magistrate", "arbitrator", "referee", "umpire",
        "governor", "mayor", "commander", "commander-in-chief", "chief", "head", "secretary",
        "envoy", "ambassador", "senator", "congressman", "congresswoman", "representative",
        "lawmaker", "legislator", "mp", "leader", "king", "queen", "prince", "general",
        "admiral", "colonel", "major", "captain", "lieutenant", "sergeant", "officer",
        "director", "chairman", "chairwoman", "chair", "ceo", "founder", "owner", "executive",
        "manager", "coordinator", "negotiator", "prosecutor", "judge", "attorney", "lawyer",
        "deputy", "speaker", "mayor-elect", "governor-general", "emir", "sheikh", "pope",
        "cardinal", "bishop", "billionaire", "ombudsman", "commissioner", "administrator",
        "strongman", "dictator", "defence", "press", "official", "diplomat", "analyst",
        "expert", "researcher", "economist", "historian", "professor", "scientist",
        "correspondent", "reporter", "journalist", "editor", "commentator", "blogger",
        "candidate", "nominee", "ruler", "monarch", "politician", "activist", "campaigner",
        "source", "insider", "staffer", "veteran", "member", "delegate", "observer",
        "witness", "resident", "survivor", "doctor", "medic", "rescuer", "pilot", "soldier",
        "fighter", "worker", "volunteer", "farmer", "hostage", "chief-of-staff", "councillor",
        "councilor", "regent", "tsar", "czar", "boss", "architect", "strategist",
        "pollster", "operative", "counsel", "solicitor", "auditor", "inspector", "mediator",
        "prefect", "sheriff", "coroner", "warden", "superintendent", "constable", "marshal",
        "registrar", "cleric", "mufti", "patriarch", "metropolitan", "headteacher",
        "principal", "dean", "rector", "provost", "physician", "surgeon",
        "paramedic", "firefighter", "novelist", "author", "pm",
        "intermediary", "investigator", "monitor", "chaplain", "imam", "rabbi", "priest",
    }
)  # fmt: skip

# Group and organisation heads (lower-case) that can speak.
ORG_WORDS = frozenset(
    {
        "ministry", "government", "administration", "cabinet", "office", "department",
        "agency", "service", "services", "authorities", "authority", "council", "committee",
        "commission", "court", "military", "army", "navy", "forces", "force", "police",
        "kremlin", "pentagon", "campaign", "party", "group", "organisation", "organization",
        "company", "firm", "team", "union", "alliance", "bloc", "staff", "headquarters",
        "parliament", "senate", "congress", "assembly", "presidency", "embassy", "consulate",
        "mission", "secretariat", "regime", "junta", "coalition", "opposition", "prosecutors",
        "prosecution", "defence", "defense", "media", "outlet", "newspaper", "paper",
        "broadcaster", "channel", "network", "television", "tv", "radio", "website", "site",
        "publication", "journal", "daily", "tabloid", "blog", "wire", "guard", "guards",
        "brigade", "battalion", "regiment", "unit", "units", "command", "operator",
        "watchdog", "regulator", "bank", "institute", "centre", "center", "think-tank",
        "charity", "foundation", "university", "hospital", "board", "tribunal", "inquiry",
        "prosecutor's", "customs", "directorate", "bureau", "intelligence", "corporation",
        "utility", "emergency", "rescuers", "medics", "monitors", "observers",
        "establishment", "leadership", "spokespeople", "diplomacy", "rebels", "militants",
        "insurgents", "protesters", "demonstrators", "separatists", "fighters", "troops",
        "guerrillas", "hackers", "organisers", "organizers", "protest", "movement", "faction",
        "delegation", "envoys", "negotiators", "mediators", "airline", "carrier",
        "branch", "chapter", "division", "wing", "caucus", "local", "panel", "jury", "chamber",
        "league",
    }
)  # fmt: skip

# Unnamed people or groups: a speaker headed by one of these (and no name) is anonymous.
ANON_HEADS = frozenset(
    {
        "source", "sources", "official", "officials", "expert", "experts", "analyst",
        "analysts", "diplomat", "diplomats", "people", "person", "insider", "insiders",
        "observers", "observer", "witness", "witnesses", "resident", "residents", "aide",
        "aides", "adviser", "advisers", "advisor", "advisors", "leaders", "staffers",
        "staffer", "members", "member", "lawmakers", "legislators", "someone", "individuals",
        "individual", "spokesperson", "spokesman", "spokeswoman", "spokespeople", "critics",
        "supporters", "activists", "campaigners", "researchers", "economists", "scientists",
        "investigators", "negotiators", "commanders", "soldiers", "troops", "medics",
        "doctors", "rescuers", "locals", "authorities", "ministers", "politicians",
        "correspondents", "journalists", "reporters", "monitors", "pollsters", "strategists",
        "officers",
        # the market and business register: "traders said", "said one dealer"
        "trader", "traders", "dealer", "dealers", "broker", "brokers", "banker", "bankers",
        "investor", "investors", "arbitrager", "arbitragers", "arbitrageur", "arbitrageurs",
        "executives", "consultant", "consultants", "regulators", "specialist", "specialists",
    }
)  # fmt: skip

# Documents and data that "say" things ("the report said", "data shared by …").
DOCUMENT_WORDS = frozenset(
    {
        "statement", "statements", "report", "reports", "readout", "data", "figures",
        "figure", "study", "survey", "poll", "polls", "assessment", "analysis", "document",
        "documents", "memo", "letter", "post", "posts", "tweet", "video", "footage", "images",
        "email", "emails", "copy", "draft", "drafts",
        "update", "updates", "bulletin", "briefing", "release", "filing", "indictment",
        "complaint", "ruling", "verdict", "transcript", "estimate", "estimates", "tally",
        "count", "statistics", "records", "record", "list", "summary", "notice", "message",
        "note", "report's", "findings", "review", "audit", "investigation", "research",
        "communique", "communiqué", "announcement", "decree", "order", "resolution",
        "website", "account", "channel", "page", "map", "maps", "intelligence", "reporting",
        "dossier", "paper", "leak", "leaks", "cable", "cables", "testimony", "interview",
        "results", "projections", "projection", "forecast", "forecasts", "minutes",
        "numbers", "calculations", "lawsuit", "suit", "filings", "guidance", "papers",
        "disclosure", "disclosures", "presentation", "prospectus", "surveys", "studies",
        "polling", "models", "opinion",
    }
)  # fmt: skip

# Adjectives and nouns that modify a speaker head ("senior", "regional", "defence").
MODIFIERS = frozenset(
    {
        "senior", "top", "former", "regional", "local", "foreign", "military", "deputy",
        "acting", "chief", "prime", "vice", "interim", "outgoing", "incoming", "new", "current",
        "defence", "defense", "security", "intelligence", "government", "state", "federal",
        "national", "city", "municipal", "district", "provincial", "western", "eastern",
        "european", "independent", "anonymous", "unnamed", "administration", "white", "house",
        "ministry", "health", "finance", "interior", "justice", "economy", "energy", "trade",
        "press", "communications", "emergency", "presidential", "parliamentary", "opposition",
        "party", "campaign", "police", "army", "navy", "air", "naval", "border", "customs",
        "military-civilian", "civilian", "civil", "public", "private", "official",
        "high-ranking", "high-level", "mid-level", "junior", "retired", "longtime",
        "long-time", "veteran", "top-ranking", "ranking", "several", "two", "three", "other",
        "diplomatic", "political", "economic", "financial", "legal", "medical", "health-care",
        "humanitarian", "aid", "relief", "rescue", "area", "village", "town",
        "county", "oblast", "province", "general", "staff", "joint", "armed", "aviation",
        "transport", "transportation", "nuclear", "atomic", "space", "cyber", "digital",
        "news", "wire", "media", "television", "tv", "radio", "online", "social", "industry",
        "company", "corporate", "business", "labour", "labor", "union", "election", "electoral",
        "polling", "research", "think-tank", "academic", "university", "russian-installed",
        "kremlin-installed", "russia-installed", "ukrainian-appointed", "pro-russian",
        "pro-kremlin", "pro-ukrainian", "separatist", "occupation", "occupying", "de", "facto",
        "self-proclaimed", "self-styled", "so-called", "elected", "appointed", "designated",
        "leading", "prominent", "key", "influential", "hardline", "moderate", "liberal",
        "conservative", "democratic", "republican", "top-level", "familiar", "knowledgeable",
        "involved", "briefed", "concerned", "american", "us", "u.s.", "uk", "eu", "un", "nato",
        "israeli", "palestinian", "russian", "ukrainian", "chinese", "iranian",
    }
)  # fmt: skip

# Capitalised words that start sentences but never start a speaker phrase.
CAP_STOP = frozenset(
    {
        "but", "and", "or", "nor", "so", "yet", "however", "meanwhile", "earlier", "later",
        "also", "still", "then", "now", "today", "yesterday", "tonight", "on", "in", "at",
        "for", "after", "before", "when", "while", "as", "if", "although", "though", "since",
        "this", "that", "these", "those", "it", "there", "here", "what", "which", "who",
        "whom", "whose", "separately", "elsewhere", "overnight", "asked", "speaking",
        "instead", "indeed", "moreover", "furthermore", "additionally", "previously", "last",
        "next", "first", "second", "third", "finally", "neither", "not", "only", "even", "just",
        "once", "twice", "despite", "during", "from", "to", "with", "without", "by", "of",
        "about", "over", "under", "into", "through", "against", "amid", "among", "between",
        "following", "according", "unlike", "like", "because", "until", "unless", "whether",
        "where", "why", "how", "its", "his", "her", "their", "our", "my", "your", "we", "they",
        "he", "she", "i", "you", "no", "yes", "please", "read", "watch", "listen", "see",
        "report", "reporting", "editing", "writing", "additional", "photo", "video",
        "related", "comments", "comment", "advertisement", "sign", "subscribe", "follow",
        "share", "click", "join", "update", "updates", "live", "breaking", "analysis",
        "opinion", "explainer", "fortunately", "unfortunately", "sadly", "notably", "importantly", "crucially", "ultimately", "early", "late", "around",
        "almost", "nearly", "roughly", "some", "many", "most", "more", "less", "few",
        "several", "all", "both", "each", "every", "any", "such", "another", "other",
        "than", "within", "towards", "toward", "upon", "across", "beyond",
        "near", "outside", "inside", "throughout", "via", "per", "except", "besides",
        "could", "would", "should", "will", "can", "might", "must", "did", "does", "do", "is",
        "are", "was", "were", "has", "have", "had", "shall", "exclusive", "latest", "key", "full",
    }
)  # fmt: skip

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
)  # fmt: skip
MONTH_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
DAY_PARTS = frozenset({"morning", "afternoon", "evening", "night"})
SEASONS = frozenset({"spring", "summer", "autumn", "fall", "winter"})
TIME_WORDS = frozenset(WEEKDAYS) | frozenset(MONTHS) | frozenset(MONTH_ABBR)

# Honorifics and ranks that precede a name but are not part of it.
TITLES = frozenset(
    {
        "mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady", "sen", "rep",
        "gov", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "major", "general", "colonel",
        "captain", "lieutenant", "sergeant", "admiral", "president", "minister", "mayor",
        "governor", "senator", "judge", "justice", "rev", "father", "sheikh", "pope", "king",
        "queen", "prince", "princess", "chancellor", "premier", "ambassador", "commander",
        "marshal", "brig", "brigadier", "corporal", "private", "chief", "secretary",
        "representative", "congressman", "congresswoman", "speaker", "vice", "prime",
        "deputy", "foreign", "defence", "defense", "mp", "pm", "ceo",
    }
)  # fmt: skip
HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "dame", "lord", "lady"})

# Lower-case particles inside personal names ("Ursula von der Leyen").
NAME_PARTICLES = frozenset(
    {
        "von",
        "van",
        "der",
        "den",
        "de",
        "del",
        "della",
        "di",
        "da",
        "dos",
        "du",
        "la",
        "le",
        "al",
        "el",
        "bin",
        "ibn",
        "ben",
        "ter",
    }
)

# Words inside a capitalised phrase that make it an organisation, not a person.
ORG_NAME_WORDS = frozenset(
    {
        "ministry", "forces", "force", "staff", "service", "council", "office", "house",
        "department", "agency", "independent", "news", "times", "post", "union", "commission",
        "kremlin", "pentagon", "army", "navy", "guard", "committee", "court", "bank", "party",
        "government", "parliament", "assembly", "institute", "university", "fund",
        "organisation", "organization", "alliance", "command", "corps", "brigade", "media",
        "press", "journal", "telegraph", "guardian", "tribune", "herald", "gazette",
        "pravda", "radio", "tv", "television", "group", "corporation", "company",
        "inc", "ltd", "community", "summit", "arena", "district", "region", "oblast",
        "city", "state", "states", "republic", "kingdom", "federation", "nations", "security",
        "intelligence", "directorate", "bureau", "authority", "administration", "embassy",
        "headquarters", "general", "emergency", "defence", "defense", "affairs", "health",
        "foreign", "interior", "reuters", "axios", "bloomberg", "politico", "associated",
        "international", "national", "world", "global", "centre", "center", "foundation",
        "network", "channel", "daily", "today", "review", "monitor", "watch", "observatory",
        "economist", "insider", "tass", "interfax", "ria", "ukrinform", "nato", "eu", "un",
        "white", "downing", "street", "capitol", "hill", "airport", "station", "road",
    }
)  # fmt: skip

# Addressees of "told" that are audiences, not outlets.
AUDIENCE_WORDS = frozenset(
    {
        "reporters", "journalists", "lawmakers", "legislators", "parliament", "senators",
        "congress", "supporters", "the", "a", "an", "students", "crowd", "audience",
        "delegates", "members", "press", "conference", "briefing", "media", "news",
        "television", "viewers", "listeners", "readers", "him", "her", "them", "us", "me",
    }
)  # fmt: skip

# News outlets and wires, matched case-insensitively on the whole name.
OUTLETS = frozenset(
    {
        "reuters", "ap", "associated press", "the associated press", "afp", "agence france-presse",
        "agence france presse", "bbc", "bbc news", "the bbc", "cnn", "axios", "bloomberg",
        "politico", "nbc", "nbc news", "cbs", "cbs news", "abc", "abc news", "fox news", "sky news",
        "the mail on sunday", "mail on sunday", "scotland on sunday", "wales on sunday",
        "the independent on sunday", "fox news sunday",
        "the guardian", "guardian", "the new york times", "new york times", "the washington post",
        "washington post", "the wall street journal", "wall street journal", "wsj",
        "the financial times", "financial times", "ft", "the times", "the telegraph", "telegraph",
        "the independent", "kyiv independent", "the kyiv independent", "kyiv post", "the kyiv post",
        "ukrainska pravda", "tass", "ria", "ria novosti", "interfax", "ukrinform", "al jazeera",
        "le monde", "der spiegel", "spiegel", "bild", "the economist", "npr", "pbs", "yonhap",
        "kyodo", "xinhua", "meduza", "novaya gazeta", "rbc", "kommersant", "izvestia", "suspilne",
        "hromadske", "euronews", "deutsche welle", "dw", "france 24", "cbc", "the hill",
        "the atlantic", "the new yorker", "semafor", "punchbowl news", "the information",
        "vedomosti", "rt", "sputnik", "ria-novosti", "anadolu", "dpa", "efe", "ansa", "pap",
        "ukrainian pravda", "nv", "the new voice of ukraine", "rferl", "radio free europe",
        "radio liberty", "voice of america", "voa", "the daily telegraph", "the sun",
        "daily mail", "the mirror", "the observer", "sky", "itv", "itv news", "channel 4",
        "channel 4 news", "al arabiya", "haaretz", "the times of israel", "times of israel",
        "the jerusalem post", "jerusalem post", "south china morning post", "nikkei", "asahi",
        "the moscow times", "moscow times", "abc news australia", "abc australia", "perth now",
        "the advertiser", "news agency", "state media", "state television", "state tv",
    }
)  # fmt: skip
OUTLET_SUFFIX_RE = re.compile(
    r"(?:Times|Post|Journal|News|Independent|Telegraph|Guardian|Herald|Tribune|Gazette|Pravda|"
    r"Express|Mail|Mirror|Standard|Observer|Economist|Monitor|Insider|Wire|Radio|TV|Television|"
    r"Broadcasting|Press|Chronicle|Review|Novosti|Agency)$"
)
OUTLET_HEADS = frozenset(
    {
        "newspaper",
        "broadcaster",
        "outlet",
        "agency",
        "channel",
        "tabloid",
        "daily",
        "wire",
        "paper",
        "network",
        "website",
        "media",
    }
)

# Postmodifiers that keep an anonymous speaker phrase going ("people familiar with the matter").
POSTMODIFIER_LEADS = frozenset(
    {"familiar", "close", "briefed", "knowledgeable", "involved", "with", "aware"}
)


# ---------------------------------------------------------------- sentence-shape words

EXPRESS_OBJECTS = frozenset(
    {
        "concern", "concerns", "fears", "fear", "hope", "hopes", "doubt", "doubts",
        "confidence", "optimism", "regret", "frustration", "anger", "alarm", "surprise",
        "scepticism", "skepticism", "disappointment", "outrage", "dismay", "worry", "worries",
        "support", "belief", "satisfaction", "gratitude", "readiness", "willingness",
    }
)  # fmt: skip
PAREN_LEADS = frozenset(
    {
        "meanwhile", "however", "though", "too", "also", "separately", "in", "on", "for", "at",
        "speaking", "citing", "quoted", "who", "which", "according", "asked", "when", "after",
        "earlier", "later", "today", "yesterday", "himself", "herself", "itself", "themselves",
        "instead", "nonetheless", "nevertheless", "like", "unlike", "via", "during", "writing",
        "responding", "addressing", "interviewed", "visiting", "by", "with",
        "then", "previously", "therefore", "moreover", "once", "alongside", "whose", "where",
        "through",
    }
)  # fmt: skip
TAIL_CONJ = frozenset(
    {
        "citing", "adding", "saying", "while", "but", "and", "as", "although", "though", "who",
        "which", "according", "before", "after", "when", "prompting", "with", "amid", "despite",
        "in", "on", "at", "noting", "whereas", "because", "since", "following", "without",
        "referring", "speaking", "writing", "stressing", "warning", "insisting", "arguing",
        "explaining", "describing", "calling", "urging", "claiming", "suggesting", "where",
        "just", "days", "hours", "weeks", "shortly", "a", "an", "the", "during", "ahead",
        "even", "including", "quoted", "then", "so", "until", "or", "not", "nor", "yet",
    }
)  # fmt: skip
TAIL_PREPS = frozenset(
    {
        "ahead", "before", "after", "during", "as", "while", "when", "amid", "despite",
        "following", "in", "on", "at", "from", "via", "through", "without", "with",
        "over", "into", "late", "early", "last", "earlier", "later", "this", "overnight", "shortly",
        "just", "days", "hours", "weeks", "months", "until", "since", "upon", "outside",
        "inside", "near", "alongside", "by", "yesterday", "today",
        "tonight", "again", "too", "also", "recently", "previously", "separately", "publicly",
        "privately", "afterwards", "then", "once",
    }
)  # fmt: skip
FRAME_PREPS = frozenset(
    {
        "in",
        "on",
        "at",
        "during",
        "via",
        "through",
        "over",
        "to",
        "from",
        "for",
        "after",
        "before",
        "ahead",
    }
)
FRAME_NOUNS = frozenset(
    {
        "statement", "statements", "post", "posts", "interview", "interviews", "address",
        "speech", "briefing", "conference", "remarks", "comments", "message", "messages",
        "video", "tweet", "broadcast", "appearance", "meeting", "visit", "call", "letter",
        "op-ed", "article", "column", "media", "telegram", "x", "twitter", "facebook",
        "instagram", "tiktok", "television", "tv", "radio", "website", "podcast", "summit",
        "session", "hearing", "news", "reporters", "journalists", "press", "channel", "app",
        "platform", "blog", "note", "memo", "readout", "release", "update", "parliament",
        "rally", "event", "forum", "congress", "senate", "lawmakers", "talks", "show",
        "programme", "program", "documentary", "audience", "crowd", "ceremony",
        "gathering", "truth", "social", "online", "account", "page", "feed",
        "decree", "report", "document", "filing", "essay", "book", "newspaper",
        "daily", "outlet", "agency", "broadcaster", "network", "station", "service",
        "chat", "exchange", "phone", "phonecall",
    }
)  # fmt: skip
CLAUSE_AUX = frozenset(
    {
        "will", "would", "could", "can", "may", "might", "must", "should", "shall", "is",
        "are", "was", "were", "has", "have", "had", "did", "does", "do", "won't", "wouldn't",
        "can't", "couldn't", "isn't", "wasn't", "aren't", "weren't", "hasn't", "haven't",
        "didn't", "doesn't", "don't", "won’t", "wouldn’t", "can’t", "couldn’t", "isn’t",
        "wasn’t", "aren’t", "weren’t", "hasn’t", "haven’t", "didn’t", "doesn’t", "don’t",
        "need", "needs", "needed", "remains", "remained", "plans", "planned", "wants",
        "wanted", "intends", "intended",
    }
)  # fmt: skip
CLAUSE_STARTS = frozenset(
    {"he", "she", "it", "they", "we", "i", "you", "there", "this", "these", "those", "that"}
)
WH = frozenset({"whether", "if", "why", "how", "what", "when", "who", "where", "which"})
INF_SKIP = frozenset(
    {
        "in", "on", "went", "weighed", "took", "also", "later", "then", "quick",
        "continued", "appeared", "moved", "rushed",
        "hastened", "used", "media", "social", "stage", "podium", "airwaves",
        "again", "proceeded", "forward", "came",
        "stepped", "spoke",
    }
)  # fmt: skip
INF_BLOCK = frozenset(
    {
        "too", "early", "hard", "difficult", "impossible", "declined", "refused", "able",
        "unable", "not", "safe", "fair", "premature", "easy", "tempting", "nothing", "anything",
        "want", "wants", "wanted", "afraid", "reluctant", "fail", "failed",
    }
)  # fmt: skip
AGENT_PARTICIPLES = frozenset(
    {
        "shared", "provided", "released", "published", "issued", "compiled", "posted", "given",
        "obtained", "prepared", "presented", "collected", "cited", "seen", "put", "made",
        "sent", "distributed", "circulated", "reported", "carried", "produced", "filed",
        "unveiled", "announced", "conducted", "commissioned", "affected", "polled", "surveyed",
        "interviewed", "quoted", "contacted", "reached", "asked", "based", "hired", "employed",
        "appointed", "assigned", "chosen", "selected", "designated", "retained",
    }
)  # fmt: skip
NOUN_BEFORE = frozenset(
    {
        # adjectives that only stand before a noun: "growing fears that", "renewed calls"
        "growing", "rising", "mounting", "renewed", "lingering", "increasing",
        "the", "a", "an", "this", "that", "these", "those", "its", "his", "her", "their", "our",
        "my", "your", "new", "latest", "recent", "earlier", "previous", "initial", "first",
        "such", "any", "no", "some", "similar", "unconfirmed", "media", "news", "press", "of",
        "to", "amid", "despite", "after", "about", "over", "against", "on", "with", "following",
        "by", "from", "in", "for", "into", "denied", "dismissed", "rejected", "and", "or",
        "official", "separate", "further", "conflicting", "multiple", "several", "many",
        "widespread", "false", "baseless", "unfounded", "local", "online",
    }
)  # fmt: skip
COORD = frozenset({"and", "but", "or", "yet"})
NOT_POSTPOSED = frozenset(
    {
        "agree",
        "call",
        "describe",
        "dismiss",
        "expect",
        "hope",
        "fear",
        "promise",
        "pledge",
        "vow",
        "urge",
        "direct",
        "instruct",
        "order",
        "advise",
        "encourage",
        "accuse",
        "worry",
        "demand",
        "express",
        "voice",
    }
)
CLAUSE_CONJ = frozenset(
    {
        "and", "but", "while", "as", "whereas", "although", "though", "because", "after",
        "before", "when", "since", "so", "yet", "if", "even", "once", "until", "with", "or",
    }
)  # fmt: skip
