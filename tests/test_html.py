"""kg.html: the self-contained interactive page, read as text and used in a real headless browser.

The browser tests drive Debian's chromium through chromedriver with selenium (`make browser`
installs both; `.ci/run` calls it).  Without them the browser tests are skipped, saying why.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

import fixtures_rdf as fx
from kg.graph import projection
from kg.html import page, write_html

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
LABELS = ("Mira Kessel", "Tomas Rundt", "Ivo Stan", "dock workers", "the attack on the harbour",
          "the closure of the port")
MEETING_T2 = "Tomas Rundt met Mira Kessel again in Bergen on Friday."


@pytest.fixture(scope="module")
def graph() -> nx.MultiDiGraph:
    with fx.loaded_store() as store:
        return projection(store)


def page_data(text: str) -> dict:
    """The JSON the page's script reads."""
    found = re.search(r'<script id="kg-data" type="application/json">(.*?)</script>', text, re.S)
    assert found
    return json.loads(found.group(1))


# --- the page as text --------------------------------------------------------------------------

def test_page_holds_nodes_edges_and_evidence(graph: nx.MultiDiGraph) -> None:
    text = page(graph)
    data = page_data(text)
    assert sorted(n["label"] for n in data["nodes"]) == sorted(LABELS)
    assert len(data["edges"]) == 4 and sorted(data["relations"]) == ["condemned", "met", "phoned"]
    met = next(e for e in data["edges"] if e["relation"] == "met")
    assert (met["articles"], met["events"], met["first"], met["last"]) == (2, 2, "2024-03-11", "2024-03-15")
    assert [data["articles"][a]["title"] for _, a in met["evidence"]] == ["Kessel and Rundt meet in Oslo",
                                                                          "Rundt and Kessel meet again"]
    assert "<title>Actors and their relations in 2 articles, 2024-03-11 to 2024-03-15</title>" in text


def test_page_references_no_external_resource(graph: nx.MultiDiGraph) -> None:
    text = page(graph)
    fetching = r"""\b(src|href)\s*=\s*["']|\.src\s*=|@import|url\(\s*['"]?(https?:)?//|<(link|img|iframe)\b|fetch\(|XMLHttpRequest|import\("""
    assert not re.search(fetching, text, re.I)
    assert "default-src 'none'" in text  # the browser may fetch nothing at all
    article_urls = {a["url"] for a in graph.graph["articles"].values()}
    assert set(re.findall(r"https?://[^\s\"'<>\\]+", text)) == article_urls  # links in the data only


def test_page_data_cannot_close_the_script(tmp_path: Path) -> None:
    evil = nx.MultiDiGraph()
    evil.add_node("a", label="</script><script>alert(1)</script>", kind="person")
    evil.add_node("b", label="B & <b>", kind="person")
    evil.add_edge("a", "b", key="met", relation="met", events=1, articles=1, evidence=["<!-- x"],
                  evidence_articles=["t"], directed=False)
    text = write_html(evil, tmp_path / "evil.html").read_text(encoding="utf-8")
    assert "<script>alert" not in text and "<!-- x" not in text and "<b>" not in text
    assert page_data(text)["nodes"][0]["label"] == "</script><script>alert(1)</script>"


def test_page_is_repeatable_and_refuses_other_suffixes(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    assert page(graph) == page(graph)
    with pytest.raises(ValueError, match=".html"):
        write_html(graph, tmp_path / "view.png")


# --- in a real browser -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Headless Debian chromium driven by selenium, with a fresh profile and no background traffic."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"no headless browser: {', '.join(missing)} missing (run `make browser` as root)")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--window-size=1400,900"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def opened(browser, graph: nx.MultiDiGraph, tmp_path: Path):
    """The fixture graph's page, loaded in the browser."""
    path = write_html(graph, tmp_path / "actors.html")
    browser.get(path.as_uri())
    return browser


def edge_group(driver, relation: str):
    return driver.find_element("css selector", f'g.edge[data-relation="{relation}"]')


def hover_edge(driver, relation: str) -> None:
    """Move the real mouse pointer onto the middle of the edge's curve."""
    from selenium.webdriver.common.actions.action_builder import ActionBuilder

    x, y = driver.execute_script("""
        const path = arguments[0].querySelector("path.hit");
        const p = path.getPointAtLength(path.getTotalLength() / 2), m = path.getScreenCTM();
        return [p.x * m.a + p.y * m.c + m.e, p.x * m.b + p.y * m.d + m.f];""", edge_group(driver, relation))
    actions = ActionBuilder(driver)
    actions.pointer_action.move_to_location(round(x), round(y))
    actions.perform()


def test_nodes_and_labels_render(opened) -> None:
    circles = opened.find_elements("css selector", "g.node circle")
    assert len(circles) == len(LABELS) and all(c.is_displayed() for c in circles)
    labels = opened.find_elements("css selector", "text.label")
    assert sorted(t.text for t in labels if t.is_displayed()) == sorted(LABELS)
    assert all(c.size["width"] > 5 for c in circles)
    assert opened.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert not [e for e in opened.get_log("browser") if e["level"] == "SEVERE"]


def test_hovering_an_edge_shows_its_evidence_and_articles(opened) -> None:
    hover_edge(opened, "met")
    details = opened.find_element("id", "details").text
    assert "Mira Kessel met Tomas Rundt" in details
    assert "2 events in 2 articles, 2024-03-11 to 2024-03-15" in details
    assert MEETING_T2 in details and "Rundt and Kessel meet again (2024-03-15)" in details
    links = opened.find_elements("css selector", "#details a")
    assert [a.get_attribute("href") for a in links] == ["https://news.example.org/t1", "https://news.example.org/t2"]
    hover_edge(opened, "phoned")
    assert "Rundt later phoned the Velmarian president, Ivo Stan." in opened.find_element("id", "details").text


def test_relation_filter_hides_and_shows_edges(opened) -> None:
    box = opened.find_element("id", "show-met")
    box.click()
    assert not edge_group(opened, "met").is_displayed()
    assert edge_group(opened, "phoned").is_displayed() and edge_group(opened, "condemned").is_displayed()
    faded = opened.find_elements("css selector", "g.node.faded")
    assert faded == []  # every actor of a met edge has another relation in the fixture
    opened.find_element("id", "show-phoned").click()
    faded_labels = {e.text for e in opened.find_elements("css selector", "text.label.faded")}
    assert faded_labels == {"Tomas Rundt", "Ivo Stan"}
    box.click()
    assert edge_group(opened, "met").is_displayed()


def test_zoom_and_pan_move_the_view(opened) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    viewport = opened.find_element("id", "viewport")
    before = viewport.get_attribute("transform")
    opened.find_element("id", "zoom-in").click()
    zoomed = viewport.get_attribute("transform")
    assert zoomed != before and float(re.search(r"scale\(([\d.]+)\)", zoomed).group(1)) > \
        float(re.search(r"scale\(([\d.]+)\)", before).group(1))
    svg = opened.find_element("id", "graph")
    ActionChains(opened).move_to_element_with_offset(svg, -300, -250).click_and_hold() \
        .move_by_offset(80, 40).release().perform()
    panned = viewport.get_attribute("transform")
    assert panned != zoomed and panned.endswith(zoomed[zoomed.index("scale"):])


def test_crowded_labels_give_way_until_zoomed_in(browser, tmp_path: Path) -> None:
    from test_draw import random_graph

    path = write_html(random_graph(150, 300), tmp_path / "many.html", top=40)
    browser.get(path.as_uri())

    def shown() -> list[dict]:
        """The boxes of the labels displayed inside the drawing area."""
        return browser.execute_script("""const view = document.getElementById("graph").getBoundingClientRect();
            return [...document.querySelectorAll("text.label")]
            .filter(t => getComputedStyle(t).display !== "none")
            .map(t => { const r = t.getBoundingClientRect(); return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom}; })
            .filter(r => r.x1 > view.left && r.x0 < view.right && r.y1 > view.top && r.y0 < view.bottom);""")

    def clashes(rects: list[dict]) -> int:
        return sum(a["x0"] < b["x1"] and b["x0"] < a["x1"] and a["y0"] < b["y1"] and b["y0"] < a["y1"]
                   for i, a in enumerate(rects) for b in rects[i + 1:])

    fitted = shown()
    assert 0 < len(fitted) <= 40 and clashes(fitted) == 0
    while not browser.execute_script("return document.getElementById('graph').classList.contains('zoomed')"):
        browser.find_element("id", "zoom-in").click()
    zoomed = shown()
    assert clashes(zoomed) == 0 and len(zoomed) > 0
    minor = "text.label.minor:not(.crowded)"
    assert any(t.is_displayed() for t in browser.find_elements("css selector", minor))  # the others, close up
