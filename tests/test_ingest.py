"""Tests of the ingest stage: sources, formats, bad inputs, language, page furniture."""
from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kg.ingest import NOTICE, body_ranges, detect_language, hash_id, is_notice, iter_articles, origin_of, origin_tag
from kg.records import Article, Problem
from kg.vocab import article_iri

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

GOOD_TEXT = (
    "The river authority opened a new flood barrier in the town of Kelby on Friday, two years "
    "after storms damaged hundreds of homes along the estuary.\n\n"
    "Engineers said the barrier could hold back a surge a metre higher than the worst on record, "
    "and the mayor thanked residents for their patience during the long works.\n"
)

FRENCH = (
    "Le conseil municipal a adopté mardi soir un nouveau plan de circulation pour le centre-ville. "
    "Les commerçants craignent une baisse de la fréquentation pendant les travaux, qui doivent "
    "durer deux ans. Le maire a promis des parkings gratuits aux portes de la ville et une navette "
    "électrique toutes les dix minutes.\n"
)
GERMAN = (
    "Der Stadtrat hat am Dienstagabend einen neuen Verkehrsplan für die Innenstadt beschlossen. "
    "Die Händler befürchten während der Bauarbeiten, die zwei Jahre dauern sollen, weniger Kunden. "
    "Der Bürgermeister versprach kostenlose Parkplätze am Stadtrand und einen elektrischen "
    "Pendelbus alle zehn Minuten.\n"
)

HTML_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Island Ferry Route Approved | The Coastline Herald</title>
  <meta property="og:title" content="Island Ferry Route Approved">
  <meta property="article:published_time" content="2023-05-14T09:30:00+00:00">
  <link rel="canonical" href="https://herald.example.org/news/island-ferry-route">
</head>
<body>
  <nav><ul>
    <li><a href="/">Front page</a></li><li><a href="/local">Local desk</a></li>
    <li><a href="/weather">Weather outlook</a></li><li><a href="/puzzles">Crossword corner</a></li>
  </ul></nav>
  <article>
    <h1>Island Ferry Route Approved</h1>
    <p>The harbour council voted on Tuesday to approve a ferry route linking the northern islands
    with the mainland port, ending two years of debate among residents.</p>
    <p>Council chair Miriam Okafor said the service would begin in the spring and run four times
    a day, with reduced fares for students and pensioners living on the islands.</p>
    <p>Opponents warned that the extra traffic could disturb nesting seabirds and asked the
    environment agency to review the timetable before the first sailing.</p>
  </article>
  <footer><p>Herald Media Group, 4 Quay Street. Contact the newsroom for corrections.</p></footer>
</body>
</html>
"""

NAV_ONLY_PAGE = """<!DOCTYPE html><html><head><title>Section index</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a>
<a href="/arts">Arts</a> <a href="/travel">Travel</a> <a href="/contact">Contact</a></nav>
<footer>Log in to continue</footer></body></html>
"""


def run(sources: list[str | Path], **kwargs: object) -> tuple[list[Article], list[Problem]]:
    """All articles and problems of one ingest run."""
    problems: list[Problem] = []
    articles = list(iter_articles([str(s) for s in sources], problems.append, **kwargs))  # type: ignore[arg-type]
    return articles, problems


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def kept_lines(article: Article) -> set[str]:
    """The non-blank lines of the body text (furniture lines are blanked to spaces)."""
    return {line.strip() for line in article.body_text().splitlines() if line.strip()}


# --------------------------------------------------------------------------------------------
# Bad inputs: one problem each, the rest of the run goes on


def _missing(tmp: Path) -> Path:
    return tmp / "nowhere" / "gone.txt"


def _empty(tmp: Path) -> Path:
    return write(tmp / "empty.txt", "")


def _blank(tmp: Path) -> Path:
    return write(tmp / "blank.txt", "  \n\t\n   \n")


def _binary_nul(tmp: Path) -> Path:
    return write(tmp / "picture.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 40)


def _binary_control(tmp: Path) -> Path:
    return write(tmp / "dump.txt", bytes(range(1, 9)) * 100)


def _malformed_line(tmp: Path) -> Path:
    return write(tmp / "feed.jsonl", jsonl(
        {"id": "first", "text": GOOD_TEXT}, {"id": "second", "text": GOOD_TEXT}, '{"id": "third", "text": '))


def _no_text_line(tmp: Path) -> Path:
    return write(tmp / "feed.jsonl", jsonl(
        {"id": "first", "text": GOOD_TEXT}, {"id": "second", "text": GOOD_TEXT},
        {"id": "third", "text": GOOD_TEXT}, {"id": "fourth", "title": "No body here"}))


def _french(tmp: Path) -> Path:
    return write(tmp / "conseil.txt", FRENCH)


def _nav_only_html(tmp: Path) -> Path:
    return write(tmp / "index.html", NAV_ONLY_PAGE)


def _too_large(tmp: Path) -> Path:
    return write(tmp / "huge.txt", GOOD_TEXT + "x" * 300)  # 300 over the cap used below


def _far_too_large(tmp: Path) -> Path:
    return write(tmp / "enormous.txt", GOOD_TEXT * 10)  # more bytes than 4 x the cap


BAD_INPUTS = [
    # (maker, expected cause, ids of the bad input's own good records)
    pytest.param(_missing, "no such file or folder", [], id="missing"),
    pytest.param(_empty, "empty", [], id="empty"),
    pytest.param(_blank, "empty", [], id="whitespace-only"),
    pytest.param(_binary_nul, "binary file, not text", [], id="binary-nul"),
    pytest.param(_binary_control, "binary file, not text", [], id="binary-control-chars"),
    pytest.param(_malformed_line, "line 3: malformed JSON: ", ["first", "second"], id="malformed-json-line"),
    pytest.param(_no_text_line, "line 4: no 'text' field", ["first", "second", "third"], id="json-no-text"),
    pytest.param(_french, "not English (detected: French)", [], id="not-english"),
    pytest.param(_nav_only_html, "no article text found", [], id="html-no-text"),
    pytest.param(_too_large, f"too large: {len(GOOD_TEXT) + 300} characters", [], id="too-large"),
    pytest.param(_far_too_large, "too large: over ", [], id="too-large-unread"),
]


@pytest.mark.parametrize(("make", "cause", "own_ids"), BAD_INPUTS)
def test_bad_input_is_reported_once_and_run_goes_on(
    tmp_path: Path, make: Callable[[Path], Path], cause: str, own_ids: list[str]
) -> None:
    before = write(tmp_path / "before.txt", GOOD_TEXT)
    bad = make(tmp_path)
    after = write(tmp_path / "after.txt", GOOD_TEXT)

    articles, problems = run([before, bad, after], max_chars=len(GOOD_TEXT) + 100)

    assert len(problems) == 1, problems
    assert problems[0].source == str(bad)
    assert problems[0].cause.startswith(cause) if cause.endswith(" ") else problems[0].cause == cause
    assert not is_notice(problems[0])
    assert [a.id for a in articles] == ["before", *own_ids, "after"]


def test_malformed_json_cause_is_short_and_lower_case(tmp_path: Path) -> None:
    _, problems = run([_malformed_line(tmp_path)])
    assert problems[0].cause.startswith("line 3: malformed JSON: ")
    detail = problems[0].cause.removeprefix("line 3: malformed JSON: ")
    assert detail and detail[0].islower() and len(detail) < 60


def test_iteration_is_lazy(tmp_path: Path) -> None:
    """Articles stream: the first is yielded before later sources are even looked at."""
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    problems: list[Problem] = []
    articles = iter_articles([str(good), str(tmp_path / "missing.txt")], problems.append)
    assert next(articles).id == "good"
    assert problems == []
    assert list(articles) == []
    assert problems == [Problem(str(tmp_path / "missing.txt"), "no such file or folder")]


# --------------------------------------------------------------------------------------------
# Decoding


def test_latin1_file_is_decoded_and_kept_with_a_notice(tmp_path: Path) -> None:
    text = (
        "The new café on the harbour front opened on Monday, and its owner, Renée Dubois, said "
        "the menu would change every week. Visitors praised the crème brûlée and the view of the "
        "old lighthouse, and the town's résumé of the project was published later that day.\n"
    )
    path = write(tmp_path / "cafe.txt", text.encode("latin-1"))

    articles, problems = run([path])

    assert [a.text for a in articles] == [text]
    assert problems == [Problem(str(path), f"{NOTICE}not UTF-8: decoded as cp1252")]
    assert is_notice(problems[0])


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(("\ufeff" + GOOD_TEXT).encode("utf-8"), id="utf-8-bom"),
        pytest.param(GOOD_TEXT.encode("utf-8"), id="utf-8"),
    ],
)
def test_utf8_needs_no_notice(tmp_path: Path, data: bytes) -> None:
    articles, problems = run([write(tmp_path / "plain.txt", data)])
    assert problems == []
    assert [a.text for a in articles] == [GOOD_TEXT]


# --------------------------------------------------------------------------------------------
# Sources: files, folders, stdin


def test_plain_text_file_gives_one_article(tmp_path: Path) -> None:
    path = write(tmp_path / "kelby-barrier.txt", GOOD_TEXT)
    [article], problems = run([path])
    assert problems == []
    assert article.id == "kelby-barrier"
    assert article.iri == article_iri("kelby-barrier")
    assert article.source == str(path)
    assert article.text == GOOD_TEXT
    assert article.date is None and article.url is None


def test_folder_is_walked_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    write(root / "b.txt", GOOD_TEXT)
    write(root / "a" / "z.md", GOOD_TEXT)
    write(root / "a" / "deeper" / "y", GOOD_TEXT)  # no extension: plain text
    write(root / "c.text", GOOD_TEXT)
    write(root / ".hidden.txt", GOOD_TEXT)
    write(root / ".cache" / "d.txt", GOOD_TEXT)
    write(root / "notes.csv", "id,text\n1,skipped\n")
    write(root / "photo.png", b"\x89PNG\x00\x00")

    articles, problems = run([root])

    assert problems == []
    assert [a.id for a in articles] == ["a/deeper/y", "a/z", "b", "c"]  # the path below the folder read
    assert [Path(a.source or "").relative_to(root).as_posix() for a in articles] == [
        "a/deeper/y", "a/z.md", "b.txt", "c.text"]


def test_explicit_file_with_unknown_extension_is_read_as_text(tmp_path: Path) -> None:
    [article], problems = run([write(tmp_path / "wire.story", GOOD_TEXT)])
    assert problems == [] and article.id == "wire"


def test_repeated_ids_are_made_unique(tmp_path: Path) -> None:
    first = write(tmp_path / "one" / "report.txt", GOOD_TEXT)
    second = write(tmp_path / "two" / "report.txt", GOOD_TEXT + "A second barrier opens next year.\n")
    feed = write(tmp_path / "feed.jsonl", jsonl({"id": "report", "text": GOOD_TEXT + "The council agreed.\n"}))
    copy = write(tmp_path / "three" / "report.txt", GOOD_TEXT)
    articles, problems = run([first, second, feed, first, copy])
    # the same id from another input with another text gets that input's own tag (issue 17), which
    # does not depend on what else the run reads; the same id and text again is read once (issue 18)
    assert [a.id for a in articles] == ["report", f"report@{origin_tag(origin_of(second))}",
                                        f"report@{origin_tag(origin_of(feed))}"]
    assert articles[2].id.startswith("report@feed-")
    assert len({a.iri for a in articles}) == 3
    assert [(p.source, p.cause.split(", ")[-1]) for p in problems] == [
        (str(second), f'another text: kept apart as "{articles[1].id}"'),
        (str(feed), f'another text: kept apart as "{articles[2].id}"'),
        (str(first), 'under the same id "report": read once'),
        (str(copy), 'under the same id "report": read once'),
    ]
    assert all(is_notice(p) and str(first) in p.cause for p in problems)


def test_stdin_plain_text_is_one_article() -> None:
    [article], problems = run(["-"], stdin=io.StringIO("\n" + GOOD_TEXT))
    assert problems == []
    assert (article.id, article.source, article.text) == (hash_id("\n" + GOOD_TEXT), "-", "\n" + GOOD_TEXT)


def test_stdin_json_lines() -> None:
    lines = jsonl({"id": "s1", "text": GOOD_TEXT}, {"text": GOOD_TEXT}, "{broken")
    articles, problems = run(["-"], stdin=io.StringIO(lines))
    assert [(a.id, a.source) for a in articles] == [("s1", "-:1"), (hash_id(GOOD_TEXT), "-:2")]
    assert [(p.source, p.cause.split(":")[0]) for p in problems] == [("-", "line 3")]


def test_stdin_bytes_in_another_encoding_are_decoded_with_a_notice() -> None:
    text = "The mayor opened the new café in the old station hall on Saturday, said Renée Okafor.\n"
    stream = io.TextIOWrapper(io.BytesIO(text.encode("latin-1")), encoding="utf-8")
    [article], problems = run(["-"], stdin=stream)
    assert article.text == text
    assert problems == [Problem("-", f"{NOTICE}not UTF-8: decoded as cp1252")]


def test_empty_stdin_is_a_problem() -> None:
    articles, problems = run(["-"], stdin=io.StringIO(""))
    assert articles == [] and problems == [Problem("-", "empty")]


# --------------------------------------------------------------------------------------------
# JSON


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "wire.jsonl", jsonl(
        {"id": "w1", "text": GOOD_TEXT, "title": "Barrier opens", "url": "https://example.org/w1",
         "date": "2024-03-08T10:00:00Z"},
        "",
        {"text": GOOD_TEXT, "date": "8 March 2024", "source": "https://example.org/w3"},
        "[1, 2]",
        {"id": "w5", "text": 42},
        {"id": "w6", "text": "   "},
        "{'single': 'quotes'}",
        {"id": "w8", "text": FRENCH},
        {"id": 9, "text": GOOD_TEXT, "date": "someday"},
    ))

    articles, problems = run([path])

    assert [(a.id, a.source, a.title, a.date, a.url) for a in articles] == [
        ("w1", f"{path}:1", "Barrier opens", "2024-03-08", "https://example.org/w1"),
        ("https://example.org/w3", f"{path}:3", None, "2024-03-08", "https://example.org/w3"),  # no id: its url
        ("9", f"{path}:9", None, None, None),
    ]
    causes = [p.cause for p in problems]
    assert all(p.source == str(path) for p in problems)
    assert causes[:3] == ["line 4: not a JSON object", "line 5: 'text' is not a string", "line 6: empty"]
    assert causes[3].startswith("line 7: malformed JSON: ")
    assert causes[4:] == ["line 8: not English (detected: French)"]


def test_json_list_records_carry_their_line(tmp_path: Path) -> None:
    records = [
        {"id": "first", "text": GOOD_TEXT, "date": "2024/03/08"},
        {"text": GOOD_TEXT, "title": "Untitled wire"},
        {"id": "page", "html": HTML_PAGE},
        {"id": "nothing"},
    ]
    path = write(tmp_path / "batch.json", json.dumps(records, indent=2))
    lines = path.read_text().splitlines()
    starts = [n for n, line in enumerate(lines, 1) if line == "  {"]

    articles, problems = run([path])

    assert [(a.id, a.source, a.date) for a in articles] == [
        ("first", f"{path}:{starts[0]}", "2024-03-08"),
        (f"batch-{starts[1]}", f"{path}:{starts[1]}", None),
        ("page", f"{path}:{starts[2]}", "2023-05-14"),
    ]
    assert articles[1].title == "Untitled wire"
    assert articles[2].title == "Island Ferry Route Approved"
    assert "Front page" not in articles[2].text
    assert problems == [Problem(str(path), f"line {starts[3]}: no 'text' field")]


def test_json_single_object(tmp_path: Path) -> None:
    path = write(tmp_path / "one.json", json.dumps({"id": "solo", "text": GOOD_TEXT}))
    [article], problems = run([path])
    assert problems == [] and (article.id, article.source) == ("solo", f"{path}:1")


def test_json_file_holding_json_lines(tmp_path: Path) -> None:
    path = write(tmp_path / "lines.json", jsonl({"id": "l1", "text": GOOD_TEXT}, {"id": "l2", "text": GOOD_TEXT}))
    articles, problems = run([path])
    assert problems == [] and [a.id for a in articles] == ["l1", "l2"]


def test_malformed_json_document_is_one_problem(tmp_path: Path) -> None:
    path = write(tmp_path / "broken.json", '[\n  {"id": "a", "text": "x"},\n  {"id": \n]\n')
    articles, problems = run([path])
    assert articles == []
    assert len(problems) == 1 and problems[0].cause.startswith("line 4: malformed JSON: ")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-08", "2024-03-08"),
        ("2024-03-08T23:15:00-05:00", "2024-03-08"),
        ("2024/3/8", "2024-03-08"),
        ("Fri, 08 Mar 2024 10:00:00 GMT", "2024-03-08"),
        ("March 8, 2024", "2024-03-08"),
        ("8 Mar 2024", "2024-03-08"),
        (1709892000, "2024-03-08"),
        (1709892000000, "2024-03-08"),
        ("2024-02-30", None),
        ("last Friday", None),
        (True, None),
    ],
)
def test_json_dates_are_normalised(tmp_path: Path, value: object, expected: str | None) -> None:
    path = write(tmp_path / "dated.jsonl", jsonl({"id": "d", "text": GOOD_TEXT, "date": value}))
    [article], _ = run([path])
    assert article.date == expected


# --------------------------------------------------------------------------------------------
# HTML


def test_html_page_main_text_and_metadata(tmp_path: Path) -> None:
    path = write(tmp_path / "ferry.html", HTML_PAGE)

    [article], problems = run([path])

    assert problems == []
    assert article.id == "ferry"
    assert article.title == "Island Ferry Route Approved"
    assert article.date == "2023-05-14"
    assert article.url == "https://herald.example.org/news/island-ferry-route"
    body = " ".join(article.body_text().split())
    for sentence in (
        "The harbour council voted on Tuesday to approve a ferry route",
        "Council chair Miriam Okafor said the service would begin in the spring",
        "asked the environment agency to review the timetable before the first sailing.",
    ):
        assert sentence in body
    for furniture in ("Front page", "Local desk", "Crossword corner", "Quay Street", "Contact the newsroom"):
        assert furniture not in article.text


# --------------------------------------------------------------------------------------------
# Language


@pytest.mark.parametrize(("text", "language"), [(FRENCH, "French"), (GERMAN, "German")])
def test_non_english_is_skipped(tmp_path: Path, text: str, language: str) -> None:
    path = write(tmp_path / "foreign.txt", text)
    english = write(tmp_path / "english.txt", GOOD_TEXT)
    articles, problems = run([path, english])
    assert [a.id for a in articles] == ["english"]
    assert problems == [Problem(str(path), f"not English (detected: {language})")]


def test_language_detection() -> None:
    assert detect_language(GOOD_TEXT) == "English"
    assert detect_language(FRENCH) == "French"
    assert detect_language("Le maire a parlé.") is None  # too short to judge: taken as English


def test_short_foreign_text_is_accepted(tmp_path: Path) -> None:
    articles, problems = run([write(tmp_path / "short.txt", "Le maire a parlé hier soir.\n")])
    assert problems == [] and len(articles) == 1


# --------------------------------------------------------------------------------------------
# Page furniture

COMMENTS_PAGE = """The Valley Courier
Politics
By Hannah Whitlock
Published 12 March 2024

Regional Water Board Delays Vote on Reservoir Expansion

Photo: The Linden reservoir at low water in late summer.

The regional water board postponed its vote on expanding the Linden reservoir on Monday after farmers and town councils asked for more time to study the costs.
Board chair Tomas Reyes said the delay of six weeks would allow an independent engineer to review the plans, which would raise the dam by four metres.
"We would rather decide once and decide well," Reyes told reporters outside the board's offices in Marlow.

Advertisement

Farmers downstream have long argued that the expansion would secure irrigation in dry years, while residents of two villages fear that rising water would flood their access roads.
The board expects to publish the engineer's report in April and to vote before the summer recess.
R. ASHCOMBE

Share this article
Facebook
Twitter

3 Comments
Dale Porter
This is the third delay in two years and nobody is surprised any more.
Reply
Leave a Reply
Your email address will not be published. Required fields are marked *

Related Articles
Town Council Approves New Cycle Lanes on the High Street
Schools Prepare for Record Enrolment This Autumn
Flood Warnings Lifted Across the Northern Valleys
"""

RELATED_IN_BODY_PAGE = """Harbour Authority Signs Deal With Shipbuilders

The harbour authority signed a ten-year maintenance contract with two local shipbuilders on Thursday, in a move officials said was related to the wider plan for the port.
Related talks resumed on Friday.
Comments from the fishing cooperative were mixed, according to a spokeswoman for the authority.

Related
Ferry Operator Reports Record Summer Traffic
Port Workers Vote on New Pay Offer

Under the contract, the shipbuilders will service the authority's fleet of pilot boats and tugs, and they will train twelve apprentices each year.
The authority said the deal was worth about forty million euros over its full term and would protect around two hundred jobs in the town.
Union representatives welcomed the agreement but asked for guarantees that the apprentices would be offered permanent posts.
Local shops near the shipyard said they expected more customers once the work begins in the autumn.
The authority will present the details of the contract to the city council at its next public session.
"""

EARLY_CUE_PAGE = """Library Extends Opening Hours
The city library will open until nine in the evening from next week, the culture department said.
Read more
The change follows a survey in which most readers asked for later opening hours on weekdays and longer weekend hours.
The department said two extra librarians would be hired and that the reading rooms would be heated until closing time.
Students' associations had campaigned for the change for three years, collecting more than four thousand signatures.
The library's director said the new hours would be reviewed after six months, once visitor numbers were known.
A separate plan to open a branch library in the eastern district is expected to go before the council in the autumn.
"""

CAPTIONS_AND_ADS_PAGE = """Skip to content
Menu
We use cookies to improve your experience. By continuing to browse you accept our cookie policy.
Accept all

Rail Union Announces Weekend Strike

Train drivers will walk out on Saturday and Sunday after talks over working hours broke down, the drivers' union announced on Wednesday.
Image credit: Union press office
The union's general secretary, Petra Lindqvist, said members had been left with no choice after months of negotiations.
ADVERTISEMENT
Continue reading below
The rail operator said it would run a reduced timetable and urged passengers to check before travelling.
Passenger groups criticised both sides for failing to reach an agreement before the holiday weekend.

Follow us on social media for the latest updates
© 2024 Northern Daily Media Ltd. All rights reserved.
"""

NEWSLETTER_PAGE = """top of page
Volunteers Plant Ten Thousand Trees Along the River
More than three hundred volunteers planted ten thousand saplings along the banks of the river over the weekend, the conservation trust said.
The trust chose willow, alder and black poplar, species that tolerate flooding and help to hold the soil in place during winter storms.
Its director, Ingrid Sole, said the new woodland would also shade the water and keep it cool enough for trout in hot summers.
Reporting by Jonas Berg; Editing by Clara Moss
Sign up for our newsletter
Get the week's best stories in your inbox every Friday.
Subscribe
Trending
Mayor Unveils Plan for Car-Free Sundays
Bakery Wins National Bread Award
Previous Post
Storm Damage Repairs Begin on Coastal Path
Next Post
New Bus Routes Connect Outlying Villages
bottom of page
"""

LONG_THREAD_PAGE = """Ministers Agree on Fishing Quotas for the Coming Season
Fisheries ministers from five coastal states agreed on catch limits for cod and haddock after two days of talks in Bergen.
The agreement cuts the cod quota by eight percent, less than scientists had advised, and leaves the haddock quota unchanged.
Environmental groups said the cut was too small to let stocks recover, while fishing associations called it painful but fair.
27 Comments
Marten Vos
I have fished these waters for thirty years and have never seen the stocks so low, so the ministers are gambling with our future here.
Reply
Alma Quist
The scientists were ignored again and everybody knows how this ends, because we have seen the same story with herring and mackerel before.
Reply
Ben Okafor
Painful but fair is exactly right, and people who do not depend on the sea for a living should think twice before lecturing those who do.
Reply
Ruth Lindahl
Eight percent is nothing; the quota should have been halved this year and again next year if the stocks did not show any sign of recovery.
"""

COMMENT_LINK_TOP_PAGE = """Port Strike Ends After Nine Days
By Sam Okoro
5 Comments
Dock workers returned to work on Monday after accepting a pay offer that ends a nine-day strike at the container port.
The union said members had voted by a large majority for the deal, which raises wages by six percent this year and four percent next year.
Shipping lines said it would take about a week to clear the backlog of vessels waiting at anchor outside the harbour.
Exporters of fruit and flowers, who lost most of their shipments during the strike, asked the government for compensation.
"""

CLEAN_PAGE = """The parliament approved the budget on Wednesday by a narrow margin, after a debate that lasted late into the night.
The finance minister said the plan would cut the deficit by a third within two years while protecting spending on schools.
Opposition parties said the cuts to regional transport would hit rural voters hardest and promised to fight them in committee.
"""

FURNITURE_CASES = [
    pytest.param(
        COMMENTS_PAGE,
        [
            "Regional Water Board Delays Vote on Reservoir Expansion",
            "The regional water board postponed its vote on expanding the Linden reservoir on Monday",
            "Board chair Tomas Reyes said the delay of six weeks would allow an independent engineer",
            '"We would rather decide once and decide well," Reyes told reporters',
            "Farmers downstream have long argued that the expansion would secure irrigation",
            "The board expects to publish the engineer's report in April",
        ],
        [
            "The Valley Courier", "Politics", "By Hannah Whitlock", "Published 12 March 2024",
            "Photo: The Linden reservoir at low water in late summer.", "Advertisement",
            "R. ASHCOMBE", "Share this article", "Facebook", "Twitter", "3 Comments", "Dale Porter",
            "This is the third delay in two years and nobody is surprised any more.", "Reply",
            "Leave a Reply", "Your email address will not be published. Required fields are marked *",
            "Related Articles", "Town Council Approves New Cycle Lanes on the High Street",
            "Schools Prepare for Record Enrolment This Autumn",
            "Flood Warnings Lifted Across the Northern Valleys",
        ],
        id="comments-and-related",
    ),
    pytest.param(
        RELATED_IN_BODY_PAGE,
        [
            "Harbour Authority Signs Deal With Shipbuilders",
            "in a move officials said was related to the wider plan for the port.",
            "Related talks resumed on Friday.",
            "Comments from the fishing cooperative were mixed",
            "Under the contract, the shipbuilders will service the authority's fleet",
            "The authority said the deal was worth about forty million euros",
            "Union representatives welcomed the agreement",
            "Local shops near the shipyard said they expected more customers",
            "The authority will present the details of the contract to the city council",
        ],
        ["Related", "Ferry Operator Reports Record Summer Traffic", "Port Workers Vote on New Pay Offer"],
        id="related-inside-body-does-not-cut",
    ),
    pytest.param(
        EARLY_CUE_PAGE,
        [
            "Library Extends Opening Hours",
            "The city library will open until nine in the evening from next week",
            "The change follows a survey in which most readers asked for later opening hours",
            "two extra librarians would be hired",
            "collecting more than four thousand signatures",
            "the new hours would be reviewed after six months",
            "A separate plan to open a branch library in the eastern district",
        ],
        ["Read more"],
        id="end-cue-early-does-not-cut",
    ),
    pytest.param(
        CAPTIONS_AND_ADS_PAGE,
        [
            "Rail Union Announces Weekend Strike",
            "Train drivers will walk out on Saturday and Sunday",
            "The union's general secretary, Petra Lindqvist, said members had been left with no choice",
            "The rail operator said it would run a reduced timetable",
            "Passenger groups criticised both sides",
        ],
        [
            "Skip to content", "Menu",
            "We use cookies to improve your experience. By continuing to browse you accept our cookie policy.",
            "Accept all", "Image credit: Union press office", "ADVERTISEMENT", "Continue reading below",
            "Follow us on social media for the latest updates",
            "© 2024 Northern Daily Media Ltd. All rights reserved.",
        ],
        id="captions-ads-cookies",
    ),
    pytest.param(
        NEWSLETTER_PAGE,
        [
            "Volunteers Plant Ten Thousand Trees Along the River",
            "More than three hundred volunteers planted ten thousand saplings",
            "The trust chose willow, alder and black poplar",
            "keep it cool enough for trout in hot summers.",
        ],
        [
            "top of page", "Reporting by Jonas Berg; Editing by Clara Moss", "Sign up for our newsletter",
            "Get the week's best stories in your inbox every Friday.", "Subscribe", "Trending",
            "Mayor Unveils Plan for Car-Free Sundays", "Bakery Wins National Bread Award", "Previous Post",
            "Storm Damage Repairs Begin on Coastal Path", "Next Post",
            "New Bus Routes Connect Outlying Villages", "bottom of page",
        ],
        id="newsletter-trending-prev-next",
    ),
    pytest.param(
        LONG_THREAD_PAGE,
        [
            "Ministers Agree on Fishing Quotas for the Coming Season",
            "Fisheries ministers from five coastal states agreed on catch limits",
            "The agreement cuts the cod quota by eight percent",
            "Environmental groups said the cut was too small to let stocks recover",
        ],
        [
            "27 Comments", "Marten Vos", "Reply", "Ruth Lindahl",
            "I have fished these waters for thirty years and have never seen the stocks so low, so the ministers are gambling with our future here.",
            "Eight percent is nothing; the quota should have been halved this year and again next year if the stocks did not show any sign of recovery.",
        ],
        id="comment-thread-longer-than-article",
    ),
    pytest.param(
        COMMENT_LINK_TOP_PAGE,
        [
            "Port Strike Ends After Nine Days",
            "Dock workers returned to work on Monday",
            "The union said members had voted by a large majority",
            "Shipping lines said it would take about a week",
            "Exporters of fruit and flowers",
        ],
        ["By Sam Okoro", "5 Comments"],
        id="comment-count-at-top-does-not-cut",
    ),
    pytest.param(
        CLEAN_PAGE,
        [line for line in CLEAN_PAGE.splitlines() if line],
        [],
        id="no-furniture",
    ),
]


@pytest.mark.parametrize(("text", "body", "furniture"), FURNITURE_CASES)
def test_furniture_is_outside_the_body(text: str, body: list[str], furniture: list[str]) -> None:
    article = Article(id="t", iri=article_iri("t"), text=text, body=body_ranges(text))
    body_text = article.body_text()
    assert len(body_text) == len(text)
    for sentence in body:
        assert sentence in body_text, sentence
    lines = kept_lines(article)
    for line in furniture:
        assert line not in lines, line


@pytest.mark.parametrize("text", [case.values[0] for case in FURNITURE_CASES])
def test_body_ranges_are_ordered_and_within_the_text(text: str) -> None:
    ranges = body_ranges(text)
    assert ranges
    flat = [offset for pair in ranges for offset in pair]
    assert flat == sorted(flat) and flat[0] >= 0 and flat[-1] <= len(text)
    assert all(start < end for start, end in ranges)


def test_clean_text_is_all_body() -> None:
    assert body_ranges(CLEAN_PAGE) == ((0, len(CLEAN_PAGE.rstrip())),)


def test_all_furniture_text_is_no_article(tmp_path: Path) -> None:
    path = write(tmp_path / "menu.txt", "Skip to content\nMenu\nAdvertisement\nbottom of page\n")
    articles, problems = run([path])
    assert articles == [] and problems == [Problem(str(path), "no article text found")]


def test_plain_text_title_is_the_kept_heading(tmp_path: Path) -> None:
    [article], _ = run([write(tmp_path / "water.txt", COMMENTS_PAGE)])
    assert article.title == "Regional Water Board Delays Vote on Reservoir Expansion"


def test_crlf_text_keeps_offsets() -> None:
    text = CAPTIONS_AND_ADS_PAGE.replace("\n", "\r\n")
    article = Article(id="t", iri=article_iri("t"), text=text, body=body_ranges(text))
    assert "Train drivers will walk out on Saturday and Sunday" in article.body_text()
    assert "ADVERTISEMENT" not in article.body_text()


# --------------------------------------------------------------------------------------------
# The demo corpus, end to end

SEED_BODY_SENTENCES = {
    "000_c4ef04b141166d99": "Blinken has had multiple telephone conversations with the leaders of Armenia and Azerbaijan",
    "001_d0d4775d41d8c1b6": "Secretary Blinken had previously met in September with the two foreign ministers",
    "002_bcf1065cbd2681a0": "Russian Foreign Minister Sergei Lavrov indicated that an agreement had been reached",
    "003_fe73dbcea229e1ac": "Pashinyan indicated that his government is prepared to elevate relations",
    "004_d9f82656579fc0ba": "urged Azerbaijan to refrain from using warlike rhetoric",
}
SEED_FURNITURE_CUES = ["0 comments", "Leave a Reply", "You May Also Like", "Sign Up for Our Newsletters",
                       "Related Articles", "Previous Article", "Next Article", "No time to read?",
                       "Get a summary", "Image source:", "top of page", "bottom of page", "Ad for subscribing"]


def test_seed_corpus() -> None:
    articles, problems = run([SEEDS])

    assert problems == []
    assert [a.id for a in articles] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    cues_seen = 0
    for article in articles:
        body = article.body_text()
        assert SEED_BODY_SENTENCES[article.id] in body
        for cue in SEED_FURNITURE_CUES:
            cues_seen += cue in article.text
            assert cue not in body, (article.id, cue)
    assert cues_seen >= 10  # the cues really occur in the captures
    by_id = {a.id: a for a in articles}
    # what follows an end-of-article cue is blanked too, not just the cue line
    first = by_id["000_c4ef04b141166d99"]
    tail = first.text.index("0 comments")
    assert first.body_text()[tail:].strip() == ""
    assert by_id["003_fe73dbcea229e1ac"].body_text().strip() == by_id["003_fe73dbcea229e1ac"].text.strip()
