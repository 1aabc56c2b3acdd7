"""Refresh the pictures in docs/ from a build of the demo corpus, and measure the page's frame time.

    .venv/bin/python scripts/docs_screenshots.py                  # or: make docs
    .venv/bin/python scripts/docs_screenshots.py --frames 2000    # also time a 2,000-actor page

Builds seeds/ into a scratch folder with `kg build`, projects its store as `kg draw` does, and
writes `docs/seeds-actors.png` (the figure) and `docs/seeds-actors-html.png`: the interactive
page in headless Debian chromium (1400 x 850, driven by selenium as tests/test_html.py drives
it) after typing "Blinken" in its search box, so that the picture shows the search, the
highlighted neighbourhood and the side panel listing the relations with their articles.  The
pictures come from a build, never from a hand-made screenshot.

`--frames N` writes the page of a synthetic projection of N actors (a scale-free graph, two
edges per actor, every other event dated; laid out by `kg.draw.layout`), pans and zooms it
for 300 animation frames (`kgView.measureFrames` in the page: each frame moves the view a
little, the next frame's time stamp says how long it took) and prints the frame times.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import networkx as nx

from kg.draw import draw_relationships
from kg.graph import projection
from kg.html import write_html
from kg.store import open_store

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
WINDOW = (1400, 850)


@contextmanager
def chromium(width: int, height: int) -> Iterator[object]:
    """Headless Debian chromium driven by selenium, with a fresh profile, no background traffic
    and the page's console kept (`get_log("browser")`); SystemExit if it is missing."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        raise SystemExit(f"docs_screenshots: {', '.join(missing)} missing (run `make browser` as root)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--hide-scrollbars",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def build_seeds(folder: Path) -> nx.MultiDiGraph:
    """`kg build seeds -o FOLDER` (store only), and the default projection of its store."""
    subprocess.run([sys.executable, "-m", "kg", "build", str(ROOT / "seeds"), "-o", str(folder), "--outputs", ""],
                   check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    with open_store(str(folder), read_only=True) as store:
        return projection(store)


def page_screenshot(driver: object, page: Path, picture: Path, search: str) -> None:
    """Open `page`, type `search` in its search box and press Enter, save the window as `picture`."""
    from selenium.webdriver.common.keys import Keys

    driver.get(page.as_uri())
    box = driver.find_element("id", "search")
    box.send_keys(search, Keys.ENTER)
    driver.execute_script("window.kgView.redraw()")
    driver.save_screenshot(str(picture))


def synthetic(actors: int, seed: int = 7) -> nx.MultiDiGraph:
    """A projection-like graph of `actors`: scale-free (a few hubs), two edges per actor, each
    edge one event in one article, every other one dated in 2023."""
    rng = random.Random(seed)
    backbone = nx.barabasi_albert_graph(actors, 2, seed=seed)
    graph = nx.MultiDiGraph(corpus_articles=actors, filters="")
    for i in range(actors):
        graph.add_node(f"a{i:05d}", label=f"Actor {i} {rng.choice(['Minister', 'Council', 'Agency'])}",
                       kind=rng.choice(["person", "organization", "country"]), country="")
    for u, v in sorted(backbone.edges()):
        relation = rng.choice(("met", "met", "phoned", "condemned"))
        dates = [f"2023-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"] if rng.random() < 0.5 else []
        graph.add_edge(f"a{u:05d}", f"a{v:05d}", key=relation, relation=relation, directed=relation == "condemned",
                       events=1, articles=1, dates=dates, first=dates[0] if dates else None,
                       last=dates[0] if dates else None, evidence=[f"Actor {u} and Actor {v}."],
                       evidence_articles=[f"art{u}"])
    return graph


def frame_times(driver: object, page: Path, frames: int = 300) -> dict:
    """{"frames": milliseconds between the animation frames of `frames` scripted pan-and-zoom
    steps, "settle": milliseconds to draw the final view once the gesture ends}."""
    driver.get(page.as_uri())
    driver.set_script_timeout(120)
    return driver.execute_async_script(
        "window.kgView.measureFrames(arguments[0]).then(arguments[arguments.length - 1])", frames)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help="where the pictures go (default docs/)")
    parser.add_argument("--frames", type=int, metavar="N", help="also time panning a page of N synthetic actors")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-docs-") as scratch:
        folder = Path(scratch)
        graph = build_seeds(folder / "seeds")
        print(f"wrote: {draw_relationships(graph, args.docs / 'seeds-actors.png')}")
        page = write_html(graph, folder / "seeds.html")
        with chromium(*WINDOW) as driver:
            page_screenshot(driver, page, args.docs / "seeds-actors-html.png", "Blinken")
            print(f"wrote: {args.docs / 'seeds-actors-html.png'}")
            if args.frames:
                big = synthetic(args.frames)
                started = time.perf_counter()
                big_page = write_html(big, folder / "big.html")
                print(f"{args.frames} actors, {big.number_of_edges()} edges: page written in "
                      f"{time.perf_counter() - started:.1f} s (layout included)")
                measured = frame_times(driver, big_page)
                times = measured["frames"]
                ordered = sorted(times)
                print(f"frame time over {len(times)} pan-and-zoom frames: median {statistics.median(times):.1f} ms, "
                      f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms "
                      f"({1000 / statistics.mean(times):.0f} frames/s); drawn again at the final view in "
                      f"{measured['settle']:.0f} ms")


if __name__ == "__main__":
    main()
