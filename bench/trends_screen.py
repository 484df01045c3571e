"""The trends screenshot (bench/screens/trends.png) drawn from a synthetic escalation whose alert we know.

usage: PYTHONPATH=src .venv/bin/python bench/trends_screen.py [--out bench/screens/trends.png]

60 days of three quiet dyads (daily accusations, talks, threats every other day), then one of them, Epsilon
Militia -> Zeta Police, turns to deadly attacks in the last week, each told by two outlets (so the incidents panel
lists them). The store is built in a temporary folder from tests/synthetic.py's records (no coding, no network),
served on a loopback port and opened in headless Chromium; the picture clips the incidents, alerts, trends and
incident card panels: lines per dyad, the alert days ringed, their rows in the alerts table. Offline, ~10 s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests/ holds the synthetic records and the browser helpers

from tests.browser import ARGS, CHROMIUM, serving  # noqa: E402
from tests.synthetic import PLACES, days, event, record, ref, store_records  # noqa: E402

OUT = ROOT / "bench" / "screens" / "trends.png"
A, B = ref("Alpha Front", "ALPHA", "IRQ", "REB"), ref("Beta Army", "BETA", "IRQ", "MIL")
C, D = ref("Gamma Council", "GAMMA", "SYR", "GOV"), ref("Delta Ministry", "DELTA", "SYR", "GOV")
E, Z = ref("Epsilon Militia", "EPSILON", "IRQ", "REB"), ref("Zeta Police", "ZETA", "IRQ", "COP")
QUIET, ESCALATION = 53, 7  # days


def escalation_records() -> list[dict]:
    """One record per report: the quiet dyads' daily events, then a week of attacks, each told twice."""
    rng = random.Random(7)  # a little day-to-day noise, the same every run
    out: list[dict] = []
    n = 0

    def report(ev: dict, outlet: str = "a") -> None:
        out.append(record(f"{outlet}{ev['id']}", [ev], ev["date"]))

    towns = sorted(PLACES)
    for i, day in enumerate(days("2024-04-01", QUIET + ESCALATION)):
        # a dyad's events of one day share a town, and the next day's are in another: fusion (which joins reports
        # a day apart in one place) keeps each day an incident of its own, as a line needs
        town = towns[i % len(towns)]
        for _ in range(rng.choice((0, 1, 1, 2))):
            report(event(n, "ACCUSE", A, B, day, town))
            n += 1
        report(event(n, "CONSULT", C, D, day, town))
        n += 1
        if i < QUIET:
            if i % 2 == 0:
                report(event(n, "THREATEN", E, Z, day, town))
                n += 1
            continue
        dead = 2 + 5 * (i - QUIET)  # each day deadlier than the last
        attack = event(n, "ASSAULT", E, Z, day, town, dead, "heavy-weapons")
        report(attack)
        report({**attack, "id": f"ev{n}b"}, "b")  # a second outlet tells the same attack
        n += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    from dotterel.store import Store
    from dotterel.web import create_app

    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "escalation.duckdb"
        with Store(db) as store:
            store_records(store, escalation_records())
        with serving(create_app(db, read_only=True)) as url, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1440, "height": 1050})
            page.goto(url + "/")
            page.wait_for_selector("body[data-loads='1']", timeout=30000)
            page.wait_for_selector("#trends circle.alert-mark", timeout=10000)
            page.locator("#incidents tbody tr", has_text="ASSAULT").last.click()  # the deadliest attack's card
            page.wait_for_selector("#incident-card dl.fields")
            page.wait_for_timeout(300)
            panels = [page.locator(f"#{name}-panel").bounding_box() for name in ("incidents", "alerts", "trends", "card")]
            sx, sy = page.evaluate("[window.scrollX, window.scrollY]")  # boxes are in the viewport, the clip in the page
            left, top = sx + min(b["x"] for b in panels), sy + min(b["y"] for b in panels)
            right = sx + max(b["x"] + b["width"] for b in panels)
            bottom = sy + max(b["y"] + b["height"] for b in panels)
            args.out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.out), full_page=True,
                            clip={"x": left, "y": top, "width": right - left, "height": bottom - top})
            alerts = page.locator("#alerts tbody tr").count()
            rings = page.locator("#trends circle.alert-mark").count()
            browser.close()
    print(f"{args.out}: {alerts} alert rows, {rings} ringed points ({time.monotonic() - started:.1f} s)")


if __name__ == "__main__":
    main()
