"""Synthetic news articles for benchmarking kg: realistic size and phrasing, fully deterministic.

`generate(n, seed)` returns `n` article records `{"id", "title", "date", "text"}`; `write_jsonl`
writes them one JSON object a line, which `kg build corpus.jsonl` ingests as is.

Each article looks like a wire story: a headline line, a dateline ("NAIROBI, March 3 (Meridian
Wire) -"), then 6 to 10 paragraphs, about 450 to 600 words in all. It is built from a template
grammar over a fixed roster of a few hundred invented people (first and family names drawn by
region, each with a title and a real country, since kg's gazetteer knows real countries),
ministries, international bodies and countries; the events are phrased many ways: meetings,
phone calls, condemnations, reported speech, direct quotes, planned / cancelled / refused
meetings; and filler paragraphs of ordinary news prose (trade, energy, security, climate, ...)
give the parser realistic work around them.

Deterministic: the roster depends only on `seed`, and article `i` only on (`seed`, `i`), so the
first 100 articles of a 10,000-article corpus are the 100-article corpus, and `start` gives the
articles that follow a corpus (new ids, the same roster, so the same people): the batches
`scripts/bench.py --incremental` adds to a built store.

    python scripts/synth.py 1000 -o corpus.jsonl --seed 7
"""
from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

__all__ = ["generate", "iter_articles", "write_jsonl", "roster", "Person"]

# --------------------------------------------------------------------------------------------
# The world: countries, names, titles, bodies

#: (country as the gazetteer spells it, demonym, capital, a second city, region of its names)
COUNTRIES = (
    ("Norway", "Norwegian", "Oslo", "Bergen", "nordic"),
    ("Sweden", "Swedish", "Stockholm", "Gothenburg", "nordic"),
    ("Finland", "Finnish", "Helsinki", "Tampere", "nordic"),
    ("Denmark", "Danish", "Copenhagen", "Aarhus", "nordic"),
    ("Germany", "German", "Berlin", "Hamburg", "central"),
    ("Austria", "Austrian", "Vienna", "Graz", "central"),
    ("Netherlands", "Dutch", "Amsterdam", "Rotterdam", "central"),
    ("Poland", "Polish", "Warsaw", "Krakow", "slavic"),
    ("Czechia", "Czech", "Prague", "Brno", "slavic"),
    ("Ukraine", "Ukrainian", "Kyiv", "Lviv", "slavic"),
    ("Serbia", "Serbian", "Belgrade", "Novi Sad", "slavic"),
    ("Croatia", "Croatian", "Zagreb", "Split", "slavic"),
    ("France", "French", "Paris", "Lyon", "romance"),
    ("Italy", "Italian", "Rome", "Milan", "romance"),
    ("Spain", "Spanish", "Madrid", "Barcelona", "romance"),
    ("Portugal", "Portuguese", "Lisbon", "Porto", "romance"),
    ("Romania", "Romanian", "Bucharest", "Cluj", "romance"),
    ("Greece", "Greek", "Athens", "Thessaloniki", "greek"),
    ("Turkey", "Turkish", "Ankara", "Istanbul", "turkic"),
    ("Kazakhstan", "Kazakh", "Astana", "Almaty", "turkic"),
    ("Georgia", "Georgian", "Tbilisi", "Batumi", "caucasus"),
    ("Armenia", "Armenian", "Yerevan", "Gyumri", "caucasus"),
    ("Egypt", "Egyptian", "Cairo", "Alexandria", "arabic"),
    ("Jordan", "Jordanian", "Amman", "Aqaba", "arabic"),
    ("Morocco", "Moroccan", "Rabat", "Casablanca", "arabic"),
    ("Tunisia", "Tunisian", "Tunis", "Sfax", "arabic"),
    ("Qatar", "Qatari", "Doha", "Al Wakrah", "arabic"),
    ("Oman", "Omani", "Muscat", "Salalah", "arabic"),
    ("Kenya", "Kenyan", "Nairobi", "Mombasa", "eastafrica"),
    ("Tanzania", "Tanzanian", "Dodoma", "Dar es Salaam", "eastafrica"),
    ("Uganda", "Ugandan", "Kampala", "Entebbe", "eastafrica"),
    ("Ethiopia", "Ethiopian", "Addis Ababa", "Dire Dawa", "eastafrica"),
    ("Nigeria", "Nigerian", "Abuja", "Lagos", "westafrica"),
    ("Ghana", "Ghanaian", "Accra", "Kumasi", "westafrica"),
    ("Senegal", "Senegalese", "Dakar", "Thies", "westafrica"),
    ("Zambia", "Zambian", "Lusaka", "Ndola", "southafrica"),
    ("India", "Indian", "New Delhi", "Mumbai", "southasia"),
    ("Pakistan", "Pakistani", "Islamabad", "Karachi", "southasia"),
    ("Bangladesh", "Bangladeshi", "Dhaka", "Chittagong", "southasia"),
    ("Nepal", "Nepali", "Kathmandu", "Pokhara", "southasia"),
    ("Japan", "Japanese", "Tokyo", "Osaka", "japan"),
    ("South Korea", "South Korean", "Seoul", "Busan", "korea"),
    ("Vietnam", "Vietnamese", "Hanoi", "Da Nang", "vietnam"),
    ("Indonesia", "Indonesian", "Jakarta", "Surabaya", "malay"),
    ("Malaysia", "Malaysian", "Kuala Lumpur", "Penang", "malay"),
    ("Thailand", "Thai", "Bangkok", "Chiang Mai", "thai"),
    ("Philippines", "Philippine", "Manila", "Cebu", "filipino"),
    ("Mongolia", "Mongolian", "Ulaanbaatar", "Darkhan", "mongol"),
    ("Brazil", "Brazilian", "Brasilia", "Sao Paulo", "lusophone"),
    ("Argentina", "Argentine", "Buenos Aires", "Cordoba", "hispanic"),
    ("Chile", "Chilean", "Santiago", "Valparaiso", "hispanic"),
    ("Peru", "Peruvian", "Lima", "Arequipa", "hispanic"),
    ("Colombia", "Colombian", "Bogota", "Medellin", "hispanic"),
    ("Mexico", "Mexican", "Mexico City", "Guadalajara", "hispanic"),
    ("Uruguay", "Uruguayan", "Montevideo", "Salto", "hispanic"),
    ("Ecuador", "Ecuadorian", "Quito", "Guayaquil", "hispanic"),
    ("Canada", "Canadian", "Ottawa", "Toronto", "anglo"),
    ("Australia", "Australian", "Canberra", "Sydney", "anglo"),
    ("Ireland", "Irish", "Dublin", "Cork", "anglo"),
    ("New Zealand", "New Zealand", "Wellington", "Auckland", "anglo"),
)

#: region -> (female first names, male first names, family names); all invented combinations.
NAMES = {
    "nordic": (("Mira", "Ingrid", "Sigrid", "Astrid", "Liv", "Karin"),
               ("Lars", "Henrik", "Anders", "Erik", "Nils", "Tomas"),
               ("Kessel", "Lindqvist", "Halvorsen", "Solberg", "Eklund", "Rundt", "Aasen", "Vikstrom")),
    "central": (("Greta", "Annika", "Helga", "Lotte", "Marlene"),
                ("Jonas", "Matthias", "Felix", "Dieter", "Ruben"),
                ("Brandt", "Vogler", "Hartmann", "Kuyper", "Stenzel", "Baumer", "de Groot")),
    "slavic": (("Olena", "Marta", "Zofia", "Irena", "Dragana"),
               ("Pavel", "Bogdan", "Tomasz", "Milan", "Dmytro"),
               ("Kowalczyk", "Horvat", "Novak", "Shevchuk", "Petrovic", "Dvorak", "Marchenko")),
    "romance": (("Chiara", "Ines", "Camille", "Lucia", "Ioana"),
                ("Marco", "Thibault", "Rafael", "Andrei", "Joao"),
                ("Moretti", "Duval", "Serrano", "Ferreira", "Popescu", "Laurent", "Bianchi")),
    "greek": (("Eleni", "Katerina", "Sofia"), ("Nikos", "Yannis", "Petros"),
              ("Papadakis", "Andreou", "Kostaras", "Lambrou")),
    "turkic": (("Aylin", "Dana", "Zeynep", "Aigerim"), ("Emre", "Nurlan", "Serik", "Kerem"),
               ("Yilmaz", "Ozturk", "Abenov", "Kaskyrbayev", "Demirci")),
    "caucasus": (("Nino", "Ani", "Lilit", "Tamar"), ("Levan", "Aram", "Giorgi", "Tigran"),
                 ("Beridze", "Hakobyan", "Kvaratskhelia", "Sargsyan", "Lomidze")),
    "arabic": (("Layla", "Nour", "Rania", "Samira", "Huda"), ("Karim", "Omar", "Tarek", "Youssef", "Hamad"),
               ("Haddad", "Mansour", "El-Amin", "Qasimi", "Benali", "Nasser", "Farouk")),
    "eastafrica": (("Amani", "Wanjiru", "Neema", "Akinyi", "Saba"), ("Baraka", "Otieno", "Juma", "Dawit", "Musa"),
                   ("Mwangi", "Kiptoo", "Mushi", "Tesfaye", "Okello", "Njoroge", "Wekesa")),
    "westafrica": (("Adaeze", "Ama", "Fatou", "Chioma"), ("Emeka", "Kwame", "Moussa", "Tunde"),
                   ("Okafor", "Mensah", "Diallo", "Adeyemi", "Boateng", "Ndiaye")),
    "southafrica": (("Chanda", "Thandiwe", "Mutale"), ("Bwalya", "Mulenga", "Sipho"),
                    ("Phiri", "Banda", "Chilufya", "Zulu")),
    "southasia": (("Priya", "Ayesha", "Nasrin", "Sunita", "Meera"), ("Rajesh", "Imran", "Arjun", "Farhan", "Bikash"),
                  ("Sharma", "Qureshi", "Rahman", "Thapa", "Iyer", "Chowdhury", "Malik")),
    "japan": (("Yuki", "Haruka", "Aiko"), ("Kenji", "Takeshi", "Hiroshi"),
              ("Tanabe", "Morikawa", "Shimizu", "Okada")),
    "korea": (("Jiyeon", "Minji", "Seoyeon"), ("Minho", "Jaewon", "Sungmin"), ("Kim", "Park", "Yoon", "Choi")),
    "vietnam": (("Lan", "Huong", "Mai"), ("Minh", "Tuan", "Duc"), ("Nguyen", "Tran", "Pham", "Vu")),
    "malay": (("Siti", "Putri", "Dewi", "Nurul"), ("Budi", "Hafiz", "Rizal", "Arif"),
              ("Santoso", "Rahmat", "Abdullah", "Wijaya", "Ismail")),
    "thai": (("Malee", "Kanya"), ("Somchai", "Anan"), ("Srisuk", "Chaiyaporn", "Wongsa")),
    "filipino": (("Maricel", "Joy"), ("Ramon", "Paolo"), ("Dela Cruz", "Bautista", "Santos", "Villanueva")),
    "mongol": (("Oyuna", "Saraa"), ("Bat-Erdene", "Ganbold"), ("Tsogt", "Enkhbayar")),
    "lusophone": (("Beatriz", "Larissa", "Fernanda"), ("Thiago", "Rodrigo", "Caio"),
                  ("Oliveira", "Carvalho", "Azevedo", "Teixeira")),
    "hispanic": (("Valentina", "Camila", "Ximena", "Lucia", "Paula"), ("Mateo", "Joaquin", "Diego", "Andres", "Tomas"),
                 ("Rojas", "Quispe", "Castillo", "Zambrano", "Ibarra", "Fuentes", "Arriaga", "Bermudez")),
    "anglo": (("Claire", "Fiona", "Megan", "Aoife", "Hannah"), ("Liam", "Gareth", "Callum", "Owen", "Declan"),
              ("Whitlock", "Brennan", "Holloway", "McAllister", "Fairbairn", "Pryce", "Dunmore")),
}

#: (title written before a name, short role noun for later mentions, weight)
TITLES = (
    ("President", "president", 1),
    ("Prime Minister", "prime minister", 1),
    ("Foreign Minister", "foreign minister", 2),
    ("Defence Minister", "defence minister", 1),
    ("Trade Minister", "trade minister", 1),
    ("Energy Minister", "energy minister", 1),
    ("Interior Minister", "interior minister", 1),
    ("Deputy Foreign Minister", "deputy foreign minister", 1),
)

#: international bodies, real and invented
BODIES = (
    "the United Nations", "the European Union", "the African Union", "NATO", "the World Bank",
    "the International Monetary Fund", "the World Health Organization", "the Red Cross",
    "the Arctic Council", "the Coastal States Forum", "the Andean Water Commission",
    "the Horn of Africa Trade Bloc", "the Danube River Commission", "the Pacific Fisheries Council",
    "the Sahel Security Initiative", "the Caspian Energy Forum",
)

AGENCIES = ("Meridian Wire", "Northstar News", "Reuters", "AFP", "Global Dispatch", "Continental Press")

FORUMS = (
    "United Nations General Assembly", "G20 summit", "Munich Security Conference", "World Economic Forum",
    "Arctic Council ministerial", "regional security conference", "climate summit", "trade ministers' meeting",
    "Coastal States Forum", "energy security dialogue", "Caspian Energy Forum", "donors' conference",
)

TOPICS = (
    "border security", "energy supplies", "trade and investment", "grain exports", "the fishing dispute",
    "visa rules", "climate finance", "a proposed gas pipeline", "refugee flows", "debt relief",
    "the water-sharing treaty", "regional stability", "the prisoner exchange", "port access",
    "electricity interconnection", "counter-terrorism cooperation", "tariffs on steel", "vaccine production",
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    female: bool
    title: str  # "Foreign Minister"
    role: str  # "foreign minister"
    country: str
    demonym: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class World:
    people: tuple[Person, ...]
    countries: tuple[tuple[str, str, str, str, str], ...]


def roster(seed: int = 7, per_country: int = 5) -> World:
    """The invented people of the corpus: `per_country` titled officials for each country."""
    rng = random.Random(f"roster:{seed}")
    people: list[Person] = []
    used: set[str] = set()
    weighted = [t for t in TITLES for _ in range(t[2])]
    for country, demonym, _capital, _city, region in COUNTRIES:
        females, males, lasts = NAMES[region]
        titles: set[str] = set()
        for _ in range(per_country):
            for _attempt in range(50):
                female = rng.random() < 0.45
                first = rng.choice(females if female else males)
                last = rng.choice(lasts)
                title, role, _w = rng.choice(weighted)
                if f"{first} {last}" not in used and (title not in titles or title.startswith(("Foreign", "Deputy"))):
                    break
            if title in {"President", "Prime Minister"}:
                titles.add(title)
            titles.add(title)
            used.add(f"{first} {last}")
            people.append(Person(first, last, female, title, role, country, demonym))
    return World(tuple(people), COUNTRIES)


# --------------------------------------------------------------------------------------------
# Phrases


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Writer:
    """Writes one article: picks its cast and story, keeps track of who was introduced."""

    def __init__(self, world: World, rng: random.Random, day: date) -> None:
        self.world = world
        self.rng = rng
        self.day = day
        self.introduced: set[str] = set()
        cast_size = rng.randint(3, 6)
        self.cast = rng.sample(world.people, cast_size)
        while self.cast[0].country == self.cast[1].country:
            self.cast[1] = rng.choice(world.people)
        host = self.cast[rng.randint(0, 1)].country
        self.host = next(c for c in world.countries if c[0] == host)

    # --- small pieces ------------------------------------------------------------------------
    def pick(self, *options: str) -> str:
        return self.rng.choice(options)

    def city(self) -> str:
        c = self.rng.choice(self.world.countries) if self.rng.random() < 0.3 else self.host
        return c[2] if self.rng.random() < 0.7 else c[3]

    def weekday(self) -> str:
        return self.rng.choice(WEEKDAYS)

    def topic(self) -> str:
        return self.rng.choice(TOPICS)

    def country_name(self) -> str:
        return self.rng.choice(self.world.countries)[0]

    def body(self) -> str:
        return self.rng.choice(BODIES)

    def he(self, p: Person) -> str:
        return "she" if p.female else "he"

    def his(self, p: Person) -> str:
        return "her" if p.female else "his"

    def ref(self, p: Person) -> str:
        """How the article names `p`: in full with a title the first time, later by surname or title."""
        if p.name not in self.introduced:
            self.introduced.add(p.name)
            return self.pick(
                f"{p.demonym} {p.title} {p.name}",
                f"{p.name}, {p.country}'s {p.role},",
                f"{p.title} {p.name} of {p.country}",
                f"{p.demonym} {p.title} {p.name}",
            )
        return self.pick(p.last, p.last, f"{p.title} {p.last}", p.name)

    def clause(self) -> str:
        """A reported proposition ("the talks had been constructive")."""
        r = self.rng
        subject = r.choice((
            "the talks", "the agreement", "the new corridor", "the proposed pipeline", "the ceasefire",
            f"cooperation on {self.topic()}", "the two governments", "the border commission",
            "the joint working group", "the latest round of negotiations",
            "the sanctions regime", "the memorandum", "the investment package", "the reform plan",
        ))
        predicate = r.choice((
            "had been constructive and frank", "would help stabilise the region",
            "remained the best path to a lasting settlement", "could be signed before the end of the year",
            "would not come at the expense of neighbouring states", "was a step in the right direction",
            "needed more time to mature", f"should include clear rules on {self.topic()}",
            "had made real progress despite deep differences", "would be reviewed by parliament next month",
            f"was never meant to target {self.country_name()}", "must respect international law",
            "would create thousands of jobs on both sides of the border",
            "had been delayed by technical disagreements", "deserved the support of the international community",
        ))
        return f"{subject} {predicate}"

    def quote(self) -> str:
        return self.pick(
            "We came here to listen, and we leave with a clearer picture of what is possible",
            "Nobody should doubt our commitment to dialogue, but dialogue needs two sides",
            f"This is about {self.topic()}, and about the people who live with the consequences every day",
            "We have agreed on the principles; the details will take time",
            "The door remains open, and we expect our partners to walk through it",
            "There is no military solution to this conflict, only a political one",
            "Our position has not changed and it will not change under pressure",
            f"We want predictable rules on {self.topic()} and we want them this year",
            "It was a long day, but a useful one, and I am cautiously optimistic",
            "We will judge them by their actions, not by their statements",
        )

    def target(self) -> str:
        """Something condemned."""
        return self.pick(
            f"the attack on a border post near {self.city()}",
            f"the detention of two journalists in {self.city()}",
            "the missile strike on a residential district",
            "the seizure of a cargo ship in international waters",
            f"the decision to expel {self.rng.choice(self.world.countries)[1]} diplomats",
            "the shelling of civilian areas overnight",
            "the bombing of a crowded market",
            f"the arrest of opposition leaders in {self.city()}",
            "the cyberattack on the national electricity grid",
            "the violence against peaceful protesters",
            f"the closure of the border crossing at {self.city()}",
        )

    # --- event sentences ---------------------------------------------------------------------
    def meeting(self, a: Person, b: Person) -> str:
        A, B = self.ref(a), self.ref(b)
        city, day = self.city(), self.weekday()
        return self.pick(
            f"{A} met {B} in {city} on {day}, the first such talks in {self.rng.randint(2, 14)} months.",
            f"{A} held talks with {B} on {day} in {city}, focusing on {self.topic()}.",
            f"{A} and {B} met on the sidelines of the {self.rng.choice(FORUMS)} in {city}.",
            f"{A} hosted {B} in {city} for talks on {self.topic()}.",
            f"A meeting between {A} and {B} took place in {city} on {day}.",
            f"{A} sat down with {B} in {city} for more than two hours of talks on {self.topic()}.",
            f"{A} received {B} in {city} on {day} and discussed {self.topic()}.",
            f"{A} met with {B} in {city} to discuss {self.topic()}, officials said.",
        )

    def call(self, a: Person, b: Person) -> str:
        A, B = self.ref(a), self.ref(b)
        day = self.weekday()
        return self.pick(
            f"{A} spoke by phone with {B} on {day} about {self.topic()}.",
            f"{A} held a telephone conversation with {B} late on {day}.",
            f"In a phone call with {B} on {day}, {A} discussed {self.topic()}.",
            f"{A} phoned {B} on {day} to discuss {self.topic()}.",
            f"{A} and {B} spoke by telephone on {day}, according to a statement from the {a.demonym} government.",
            f"During a phone call on {day}, {A} told {B} that {self.clause()}.",
        )

    def condemnation(self, a: Person) -> str:
        A = self.ref(a)
        return self.pick(
            f"{A} condemned {self.target()}.",
            f"{A} strongly condemned {self.target()}, calling it unacceptable.",
            f"{A} issued a statement condemning {self.target()}.",
            f"{A} denounced {self.target()} and called for an independent investigation.",
            f"The {a.demonym} government condemned {self.target()}, saying those responsible must be held to account.",
            f"{A} voiced {self.his(a)} condemnation of {self.target()}.",
            f"{_capital(self.body())} condemned {self.target()} in a statement on {self.weekday()}.",
        )

    def speech(self, a: Person) -> str:
        A = self.ref(a)
        clause = self.clause()
        return self.pick(
            f"{A} said that {clause}.",
            f"{_capital(clause)}, {A} said.",
            f"According to {A}, {clause}.",
            f"{A} told reporters that {clause}.",
            f"{A} warned that {clause}.",
            f"{A} stressed that {clause}.",
            f"{A} said in a statement that {clause}.",
            f"{A} added that {clause}.",
        )

    def quoted(self, a: Person) -> str:
        A = self.ref(a)
        q = self.quote()
        return self.pick(
            f"“{q},” {A} told reporters in {self.city()}.",
            f"{A} said: “{q}.”",
            f"“{q},” said {A}.",
            f"“{q},” {A} said after the talks, adding that {self.clause()}.",
        )

    def unrealised(self, a: Person, b: Person) -> str:
        A, B = self.ref(a), self.ref(b)
        city = self.city()
        return self.pick(
            f"{A} will meet {B} in {city} next month, officials said.",
            f"{A} is expected to travel to {city} next week for talks with {B}.",
            f"A planned meeting between {A} and {B} was cancelled at short notice.",
            f"{A} called off talks with {B} that had been scheduled for {self.weekday()}.",
            f"{A} refused to meet {B} during the visit to {city}.",
            f"{A} plans to meet {B} in {city} before the end of the year.",
            f"{A} postponed a visit to {city}, where talks with {B} had been planned.",
            f"The two sides agreed to meet again in {city} later this year.",
        )

    # --- filler ------------------------------------------------------------------------------
    def filler_sentence(self) -> str:
        """A sentence of background news prose: economy, infrastructure, politics, figures."""
        r = self.rng
        who = r.choice((
            "Analysts", "Diplomats in the region", "Officials familiar with the talks", "Economists",
            "Business groups", "Opposition lawmakers", "Western diplomats", "Aid agencies",
            "Local officials", "Several observers", "Industry representatives", "Critics of the deal",
            "Farmers' unions", "Human rights groups", "Shipping companies", "Investors",
        ))
        adverb = r.choice(("", "", " long", " repeatedly", " privately", " publicly"))
        verb = r.choice(("argued", "warned", "noted", "said", "complained", "pointed out"))
        np, plural = r.choice(_FILLER_NPS)
        vp = r.choice(_FILLER_VPS)[1 if plural else 0]
        np = np.format(topic=self.topic(), city=self.city())
        country = r.choice(self.world.countries)
        number = r.choice(("1.2", "2.5", "3.8", "4.1", "0.7", "6.3", "11", "14", "27"))
        templates = (
            f"{who} have{adverb} {verb} that {np} {vp}.",
            f"{_capital(np)} {vp}, {who[0].lower() + who[1:]} say.",
            f"The issue of {self.topic()} has {r.choice(('long', 'often', 'repeatedly'))} complicated relations, "
            f"and {np} {vp}.",
            f"Figures published in {r.choice(MONTHS)} showed that {np} {vp}.",
            f"In {self.city()}, {np} {vp}, and residents say they have seen little change.",
            f"The {r.choice(('finance ministry', 'central bank', 'statistics office', 'chamber of commerce'))} "
            f"estimated that {np} {vp}.",
            f"Since the {r.choice(('elections', 'floods', 'border clashes', 'last summit', 'currency crisis'))}, "
            f"{np} {vp}.",
            f"Negotiators from both sides {r.choice(('met', 'worked', 'spent long hours'))} on the text, "
            f"but {np} {vp}.",
            f"The {country[1]} economy grew by {number} percent last year, slower than the government had forecast, "
            f"as exports of {r.choice(('copper', 'coffee', 'textiles', 'natural gas', 'fish', 'machinery', 'rice'))} "
            f"{r.choice(('fell', 'stalled', 'recovered only slowly'))}.",
            f"Trade between the two countries reached about {number} billion dollars in {r.choice(('2021', '2022'))}, "
            f"according to official data.",
            f"A senior official, who asked not to be named because the talks were private, "
            f"said the mood had been {r.choice(('tense', 'businesslike', 'warmer than expected', 'cordial'))}.",
            f"The {r.choice(('parliament', 'upper house', 'cabinet', 'constitutional court'))} in {country[2]} "
            f"is due to {r.choice(('vote on', 'review', 'debate'))} the {r.choice(('budget', 'treaty', 'reform bill', 'agreement'))} "
            f"{r.choice(('next week', 'in the autumn', 'before the summer recess', 'early next year'))}.",
            f"About {r.randint(2, 90)},000 people {r.choice(('have fled', 'were displaced', 'lost their jobs', 'crossed the border'))} "
            f"since {r.choice(MONTHS)}, {r.choice(('the United Nations', 'the Red Cross', 'local authorities'))} estimates.",
            f"Protesters gathered outside the {r.choice(('parliament', 'ministry', 'embassy', 'presidential palace'))} "
            f"in {self.city()} on {self.weekday()}, demanding {r.choice(('lower fuel prices', 'early elections', 'the release of detained activists', 'higher wages'))}.",
            f"{_capital(np)} {'were' if plural else 'was'} also on the agenda, "
            f"{r.choice(('officials said', 'a spokesperson said', 'according to the ministry'))}.",
        )
        return r.choice(templates)

    def filler_paragraph(self, sentences: int) -> str:
        return " ".join(self.filler_sentence() for _ in range(sentences))


#: noun phrases of filler prose, and whether each is plural (for agreement with _FILLER_VPS)
_FILLER_NPS = (
    ("the new trade corridor", False), ("rising food prices", True), ("the dispute over {topic}", False),
    ("the regional power grid", False), ("a shortage of skilled workers", False), ("the fall in remittances", False),
    ("the reconstruction of damaged roads and bridges", False), ("delays at the main container port", True),
    ("the slow pace of reform", False), ("higher borrowing costs", True), ("a drought in the farming provinces", False),
    ("the planned rail link", False), ("the new customs system", False), ("displaced families", True),
    ("fuel subsidies", True), ("the informal economy", False), ("youth unemployment", False),
    ("power cuts in {city}", True), ("the currency", False), ("foreign investors", True),
    ("the port expansion in {city}", False), ("water shortages", True), ("the mining sector", False),
)
#: verb phrases of filler prose: (singular subject, plural subject)
_FILLER_VPS = (
    ("could reshape trade across the region", "could reshape trade across the region"),
    ("has weighed on growth this year", "have weighed on growth this year"),
    ("remains the main obstacle to a broader agreement", "remain the main obstacle to a broader agreement"),
    ("is likely to dominate the next round of talks", "are likely to dominate the next round of talks"),
    ("has pushed up costs for small businesses", "have pushed up costs for small businesses"),
    ("will take years to resolve", "will take years to resolve"),
    ("has become a test of the government's credibility", "have become a test of the government's credibility"),
    ("could cost billions of dollars", "could cost billions of dollars"),
    ("has strained relations between the two capitals", "have strained relations between the two capitals"),
    ("is unlikely to be settled quickly", "are unlikely to be settled quickly"),
    ("has drawn criticism from opposition parties", "have drawn criticism from opposition parties"),
    ("was barely mentioned in the final communique", "were barely mentioned in the final communique"),
    ("has hit the poorest households hardest", "have hit the poorest households hardest"),
    ("depends heavily on financing from abroad", "depend heavily on financing from abroad"),
)


# --------------------------------------------------------------------------------------------
# Articles


def _article(world: World, seed: int, i: int) -> dict:
    rng = random.Random(f"article:{seed}:{i}")
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
    w = _Writer(world, rng, day)
    a, b, *others = w.cast
    extra = others or [rng.choice(world.people)]
    kind = rng.choice(("meeting", "meeting", "call", "condemnation", "unrealised"))

    headline = rng.choice({
        "meeting": (f"{a.last} and {b.last} discuss {w.topic()} in {w.host[2]}",
                    f"{a.demonym} and {b.demonym} ministers meet amid tensions over {w.topic()}",
                    f"{a.last} holds talks with {b.last} on {w.topic()}"),
        "call": (f"{a.last} and {b.last} speak by phone as {w.topic()} dispute deepens",
                 f"{a.demonym} {a.role} calls {b.demonym} counterpart over {w.topic()}"),
        "condemnation": (f"{a.country} condemns overnight attack, urges restraint",
                         f"{a.last} denounces strike as regional tensions rise"),
        "unrealised": (f"Doubts grow over {a.demonym}-{b.demonym} talks on {w.topic()}",
                       f"{a.last} and {b.last} talks in question as {w.topic()} row drags on"),
    }[kind])
    capital = w.host[2]
    dateline = f"{capital.upper()}, {MONTHS[day.month - 1]} {day.day} ({rng.choice(AGENCIES)}) - "

    lead_event = {"meeting": w.meeting, "call": w.call, "unrealised": w.unrealised}.get(kind)
    lead = lead_event(a, b) if lead_event else w.condemnation(a)
    paragraphs = [dateline + lead + " " + w.speech(a)]

    events = [
        lambda: w.quoted(rng.choice((a, b))),
        lambda: w.speech(rng.choice((a, b, *extra))),
        lambda: w.meeting(rng.choice(extra), rng.choice((a, b))),
        lambda: w.call(rng.choice((a, b)), rng.choice(extra)),
        lambda: w.condemnation(rng.choice((a, b, *extra))),
        lambda: w.unrealised(rng.choice((a, b)), rng.choice(extra)),
        lambda: w.quoted(rng.choice(extra)),
        lambda: f"{w.he(b).capitalize()} said {w.clause()}.",
    ]
    n_paragraphs = rng.randint(6, 10)
    target_words = rng.randint(450, 600)
    while len(paragraphs) < n_paragraphs - 1:
        if rng.random() < 0.65:
            sentences = [rng.choice(events)() for _ in range(rng.randint(1, 3))]
            sentences += [w.filler_sentence() for _ in range(rng.randint(1, 2))]
            paragraphs.append(" ".join(sentences))
        else:
            paragraphs.append(w.filler_paragraph(rng.randint(2, 4)))
    closing = w.unrealised(a, b) if rng.random() < 0.5 else w.filler_sentence()
    paragraphs.append(closing + " " + w.filler_sentence())
    # grow (or trim) towards the target length with filler, keeping the paragraph count
    words = sum(len(p.split()) for p in paragraphs)
    k = 1
    while words < target_words:
        extra_sentence = w.filler_sentence()
        paragraphs[k] += " " + extra_sentence
        words += len(extra_sentence.split())
        k = k % (len(paragraphs) - 1) + 1
    text = headline + "\n\n" + "\n\n".join(paragraphs) + "\n"
    return {"id": f"synth-{seed}-{i:06d}", "title": headline, "date": day.isoformat(), "text": text}


def iter_articles(n: int, seed: int = 7, start: int = 0) -> Iterator[dict]:
    """The `n` articles of the corpus of `seed` from index `start` on, one at a time."""
    world = roster(seed)
    for i in range(start, start + n):
        yield _article(world, seed, i)


def generate(n: int, seed: int = 7, start: int = 0) -> list[dict]:
    """The `n` articles of the corpus of `seed` from index `start` on: dicts with "id", "title",
    "date", "text"."""
    return list(iter_articles(n, seed, start))


def write_jsonl(path: str | Path, n: int, seed: int = 7, start: int = 0) -> dict:
    """Write the corpus (`n` articles from index `start`) to `path` as JSON lines; returns
    {"articles", "words", "bytes"}."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    words = 0
    with target.open("w", encoding="utf-8") as out:
        for record in iter_articles(n, seed, start):
            words += len(record["text"].split())
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": n, "words": words, "bytes": target.stat().st_size}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("articles", type=int)
    parser.add_argument("-o", "--out", default="corpus.jsonl")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--start", type=int, default=0, help="index of the first article (default 0)")
    args = parser.parse_args(argv)
    stats = write_jsonl(args.out, args.articles, args.seed, args.start)
    print(f"wrote {stats['articles']} articles, {stats['words']} words, {stats['bytes']} bytes to {args.out}")


if __name__ == "__main__":
    main()
