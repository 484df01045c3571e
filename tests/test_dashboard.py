"""The dashboard in real headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

A uvicorn server on 127.0.0.1 serves a small store (own articles plus bundled samples). Skipped only when
Chromium or Playwright is missing outside CI; in CI (CI=true) `.ci/run` installs them and these tests must run.
Set DOTTEREL_SCREENSHOTS=1 to save screenshots under bench/screens/.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.browser import ARGS, CHROMIUM, serving
from tests.test_api_server import TOKEN, build_store

SCREENS = Path(__file__).resolve().parents[1] / "bench" / "screens"
IN_CI = os.environ.get("CI", "").lower() == "true"
SECOND_REPORT = "Four soldiers died when a roadside bomb struck their patrol near Kandahar on Thursday, officials said."

if not IN_CI:
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium); CI installs it",
                    allow_module_level=True)
    pytest.importorskip("playwright", reason="browser tests need Python Playwright (pip install playwright)")


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipeline, sample_records):
    from dotterel.ingest import document_from_text
    from dotterel.store import Store
    from dotterel.web import create_app

    db = tmp_path_factory.mktemp("dash") / "store.duckdb"
    build_store(db, pipeline, sample_records)
    with Store(db) as store:  # a second report of the roadside bombing: an incident with two sources
        store.add(pipeline.code([document_from_text(SECOND_REPORT, doc_id="bomb-2", date="2024-06-28",
                                                    title="Patrol hit by roadside bomb", url="https://example.org/bomb-2")]))
    # with a write token, so the flag / correct form can save (the tests that write undo what they did)
    with serving(create_app(db, pipeline=pipeline, token=TOKEN)) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """The dashboard, loaded; console errors and page errors are collected in page.problems."""
    context = browser.new_context(viewport={"width": 1440, "height": 1050})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda m: problems.append(f"console {m.type}: {m.text}") if m.type in ("error", "warning") else None)
    pg.on("pageerror", lambda e: problems.append(f"page error: {e}"))
    pg.on("requestfailed", lambda r: problems.append(f"request failed: {r.url}"))
    pg.problems = problems
    pg.goto(server + "/")
    pg.wait_for_selector("body[data-loads='1']", timeout=15000)
    yield pg
    context.close()


def shot(pg, name: str, part=None) -> None:
    """Save the page (or only ``part``, a locator) as bench/screens/NAME.png when DOTTEREL_SCREENSHOTS is set."""
    if os.environ.get("DOTTEREL_SCREENSHOTS"):
        SCREENS.mkdir(parents=True, exist_ok=True)
        if part is not None:
            part.screenshot(path=str(SCREENS / f"{name}.png"))
        else:
            pg.screenshot(path=str(SCREENS / f"{name}.png"), full_page=True)


def wait_until(check, timeout: float = 10.0) -> None:
    """Poll from Python: the page's CSP forbids the eval that Playwright's wait_for_function needs."""
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


def test_page_loads_with_all_views_and_no_console_errors(page, server):
    wait_until(lambda: page.locator(".leaflet-overlay-pane path").count() > 20)  # country borders drawn
    markers = page.locator("path.event-marker")
    assert markers.count() >= 3  # Nairobi, Mosul, Baghdad, Paris ...
    assert page.evaluate("window.dotterel.cy.nodes().length") >= 2
    assert page.locator("#events tbody tr").count() >= 5
    assert page.locator("#timeline rect.bar").count() >= 2
    assert "events in" in page.locator("#summary").text_content()
    page.wait_for_timeout(300)
    shot(page, "dashboard")
    assert page.problems == []


def test_clicking_a_network_node_filters_the_table(page, server):
    import json
    import urllib.parse
    import urllib.request

    before = page.locator("#events tbody tr").count()
    # the layout may still be settling on a loaded machine: read the node's position again before each try
    where = """() => {
            const cy = window.dotterel.cy;
            const n = cy.nodes().sort((a, b) => b.data('events') - a.data('events'))[0];
            const p = n.renderedPosition(), box = cy.container().getBoundingClientRect();
            return {id: n.id(), x: box.left + p.x, y: box.top + p.y};
        }"""
    for _ in range(5):
        node = page.evaluate(where)
        page.wait_for_timeout(400)
        if page.evaluate(where) != node:  # still moving: click only once the node stands still
            continue
        page.mouse.click(node["x"], node["y"])
        page.wait_for_timeout(300)
        if page.locator("input[name=actor]").input_value() == node["id"]:  # the tap set the filter: a hit
            break
    else:
        # a starved headless renderer can keep the canvas from taking real clicks; the node's own tap event still
        # goes through the app's handler, which is what this test is about
        page.evaluate("id => window.dotterel.cy.getElementById(id).emit('tap')", node["id"])
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    assert page.locator("input[name=actor]").input_value() == node["id"]
    with urllib.request.urlopen(f"{server}/api/events?limit=1000&actor={urllib.parse.quote(node['id'])}") as res:
        expected = json.load(res)
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() == expected["total"] < before
    assert sorted(rows.evaluate_all("rs => rs.map(r => r.dataset.event)")) == sorted(e["id"] for e in expected["items"])
    assert page.evaluate(f"window.dotterel.cy.getElementById({json.dumps(node['id'])}).hasClass('active')")
    shot(page, "network-filter")
    page.click("#clear")
    page.wait_for_selector("body[data-loads='3']")
    assert page.locator("#events tbody tr").count() == before
    assert page.problems == []


def test_document_view_highlights_evidence_and_quotes(page):
    row = page.locator("#events tbody tr", has_text="kenya-1").first
    row.click()
    page.wait_for_selector("#doc-text mark.event.focus")
    assert page.locator("#doc-title").text_content() == "Police disperse protesters in Nairobi"
    focus = " ".join(page.locator("#doc-text mark.focus").all_text_contents())
    assert "arrested 30 protesters" in focus
    quotes = page.locator("#doc-text mark.quote").all_text_contents()
    assert any("We will not be silenced" in q for q in quotes)
    text = page.locator("#doc-text").text_content()
    assert text.startswith("NAIROBI, June 26 (Reuters)") and "witnesses said." in text
    assert row.get_attribute("class") == "selected"
    shot(page, "document")
    assert page.problems == []


def test_script_in_an_article_stays_text(page):
    page.fill("input[name=q]", "pwned")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-loads='2']")
    rows = page.locator("#events tbody tr")
    assert rows.count() >= 1
    rows.first.click()
    wait_until(lambda: "Ministers meet" in page.locator("#doc-title").text_content())
    assert page.locator("#doc-title").text_content() == "<script>window.__pwned = 1</script> Ministers meet"
    text = page.locator("#doc-text").text_content()
    assert "<script>window.__pwned = 1</script><img src=x onerror=" in text and "<b>We stand with Kyiv</b>" in text
    assert page.locator("#doc-text script, #doc-text img, #doc-text b, #doc-title script").count() == 0
    # the marker popup of the same events is built from DOM nodes, not markup
    page.locator("path.event-marker").first.click()
    page.wait_for_selector(".leaflet-popup-content")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__pwned") is None
    shot(page, "script-as-text")
    assert page.problems == []


def test_incidents_and_alerts_panels(page):
    wait_until(lambda: "sources" in (page.locator("#incidents-count").text_content() or ""))
    assert page.locator("#alerts tbody tr").count() >= 1  # the alerts, or the line that says there are none
    assert page.locator("#incidents thead th").count() == 8
    assert page.problems == []


def test_the_filter_lives_in_the_url(browser, server):
    """A view is a link: opened, the URL's filter fills the form and the table; a new filter writes the URL, and
    Back returns to the view before it."""
    import json
    import urllib.request

    context = browser.new_context(viewport={"width": 1440, "height": 1050})
    pg = context.new_page()
    try:
        pg.goto(server + "/?event_type=ASSAULT&min_confidence=0.5&salience=main")
        pg.wait_for_selector("body[data-loads='1']", timeout=15000)
        assert pg.locator("select[name=event_type]").input_value() == "ASSAULT"
        assert pg.locator("input[name=min_confidence]").input_value() == "0.5"
        assert pg.locator("select[name=salience]").input_value() == "main"
        with urllib.request.urlopen(f"{server}/api/events?limit=1000&event_type=ASSAULT&min_confidence=0.5"
                                    f"&salience=main") as res:
            expected = json.load(res)["total"]
        assert 0 < pg.locator("#events tbody tr").count() == expected
        pg.select_option("select[name=event_type]", "PROTEST")
        pg.click("#filters button[type=submit]")
        pg.wait_for_selector("body[data-loads='2']", timeout=30000)
        assert "event_type=PROTEST" in pg.url and "salience=main" in pg.url
        pg.go_back()
        pg.wait_for_selector("body[data-loads='3']", timeout=30000)
        assert "event_type=ASSAULT" in pg.url and pg.locator("select[name=event_type]").input_value() == "ASSAULT"
    finally:
        context.close()


def test_a_column_heading_sorts_the_table(page):
    heading = page.locator("#events th[data-sort=fatalities]")
    heading.click()
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    assert "sort=fatalities" in page.url and heading.get_attribute("data-sorted") == "asc"
    heading.click()
    page.wait_for_selector("body[data-loads='3']", timeout=30000)
    assert "sort=-fatalities" in page.url and heading.get_attribute("data-sorted") == "desc"
    deaths = [t for t in page.locator("#events tbody tr td:nth-child(7)").all_text_contents() if t]
    assert deaths and [int(d) for d in deaths] == sorted((int(d) for d in deaths), reverse=True)
    assert page.problems == []


def test_country_level_events_shade_their_country(page, server):
    import json
    import urllib.request

    with urllib.request.urlopen(f"{server}/api/events?limit=1000") as res:
        items = json.load(res)["items"]
    countries = {e["country"] for e in items if e["geo_precision"] == "country" and e["country"]}
    points = {(round(e["lat"], 3), round(e["lon"], 3)) for e in items
              if e["geo_precision"] != "country" and e["lat"] is not None}
    assert countries and points  # the store has both kinds
    wait_until(lambda: page.locator("#map").get_attribute("data-shaded") is not None)
    assert int(page.locator("#map").get_attribute("data-shaded")) == len(countries)
    assert page.locator("path.country-events").count() >= len(countries)
    assert page.locator("path.event-marker").count() == len(points)  # no dot on a capital for a country's events
    assert page.problems == []


def api_json(server: str, path: str, **params) -> dict:
    import json
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(f"{server}{path}?{urllib.parse.urlencode(params)}") as res:
        return json.load(res)


def test_an_incident_row_opens_its_card_with_every_source(page, server):
    wait_until(lambda: page.locator("#incidents tbody tr").count() > 0)
    row = page.locator("#incidents tbody tr").first
    incident = api_json(server, "/api/incidents/" + row.get_attribute("data-incident"))
    assert incident["n_sources"] >= 2
    row.click()
    card = page.locator("#incident-card")
    wait_until(lambda: card.get_attribute("data-incident") == incident["id"])
    assert row.get_attribute("class") == "selected"
    for field in ("event_type", "actor_name", "location_name", "date", "fatalities"):
        shown = card.locator(f"dd[data-field={field}]").text_content()
        assert shown.startswith(str(incident[field]) if incident[field] is not None else "\u2013"), field
        source = (incident["provenance"].get({"actor_name": "actor", "location_name": "location"}.get(field, field))
                  or {})
        if source:
            assert f"from {source['doc_id']}" in shown
    assert card.locator("dd[data-field=n_sources]").text_content().startswith(f"{incident['n_sources']} independent")
    assert card.locator("dd[data-field=confidence]").text_content() == str(incident["confidence"])
    items = card.locator("ol.sources li")
    assert items.count() == len(incident["sources"])
    for n, source in enumerate(incident["sources"]):
        item = items.nth(n)
        assert item.get_attribute("data-source") == source["content_hash"]
        assert item.locator("button.read").text_content() == (source["title"] or source["doc_id"])
        assert item.locator(".evidence").text_content() == source["evidence"]["text"]
        links = item.locator("a.source-link")
        if source["url"]:
            assert (links.get_attribute("href"), links.get_attribute("target"), links.get_attribute("rel")) == (
                source["url"], "_blank", "noopener")
        else:
            assert links.count() == 0
    shot(page, "incident-card")
    with_url = next(n for n, s in enumerate(incident["sources"]) if s["url"])
    items.nth(with_url).locator("button.read").click()
    title = incident["sources"][with_url]["title"]
    wait_until(lambda: page.locator("#doc-title").text_content() == title)
    assert page.locator("#doc-source").get_attribute("href") == incident["sources"][with_url]["url"]
    assert page.problems == []


def test_download_links_carry_the_current_filter(page, server):
    import csv
    import io
    import urllib.request

    page.select_option("select[name=event_type]", "ASSAULT")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    href = page.locator("#download-csv").get_attribute("href")
    assert href.startswith("/api/export?") and "event_type=ASSAULT" in href and "format=csv" in href
    assert page.locator("#download-csv").get_attribute("download") is not None
    with urllib.request.urlopen(server + href) as res:
        assert "attachment" in res.headers["Content-Disposition"]
        rows = list(csv.DictReader(io.StringIO(res.read().decode("utf-8"))))
    shown = page.locator("#events tbody tr").evaluate_all("rs => rs.map(r => r.dataset.event)")
    assert sorted(r["id"] for r in rows) == sorted(shown) and rows
    for fmt in ("acled", "geojson", "plover"):
        assert f"format={fmt}" in page.locator(f"#download-{fmt}").get_attribute("href")
    assert page.problems == []


def test_the_precision_select_filters_and_lives_in_the_url(page, server):
    page.select_option("select[name=precision]", "country")
    page.click("#filters button[type=submit]")
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    assert "precision=country" in page.url
    expected = api_json(server, "/api/events", limit=1000, precision="country")
    assert 0 < expected["total"] == page.locator("#events tbody tr").count()
    assert page.locator("path.event-marker").count() == 0  # only countries are shaded
    assert "precision=country" in page.locator("#download-geojson").get_attribute("href")
    assert page.problems == []


def test_dragging_across_the_timeline_filters_to_those_days(page, server):
    before = page.locator("#events tbody tr").count()
    box = page.locator("#timeline svg").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + box["width"] * 0.85, y)  # across the last bars (the store's newest events)
    page.mouse.down()
    for step in range(1, 11):
        page.mouse.move(box["x"] + 0.85 * box["width"] + (0.15 * box["width"] - 2) * step / 10, y)
    page.mouse.up()
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    since, until = page.locator("input[name=since]").input_value(), page.locator("input[name=until]").input_value()
    assert since and until and since <= until
    assert f"since={since}" in page.url and f"until={until}" in page.url
    expected = api_json(server, "/api/events", limit=1000, since=since, until=until)
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() == expected["total"] < before
    assert all(since <= d[:10] <= until for d in page.locator("#events tbody tr td:first-child").all_text_contents())
    shot(page, "time-brush")
    reset = page.locator("#brush-reset")
    assert reset.is_visible()
    reset.click()
    page.wait_for_selector("body[data-loads='3']", timeout=30000)
    assert "since=" not in page.url and "until=" not in page.url and not reset.is_visible()
    assert page.locator("#events tbody tr").count() == before
    assert page.problems == []


def test_trends_panel_draws_busy_dyads_and_a_point_filters_to_its_day(page, server):
    trends = api_json(server, "/api/trends", by="dyad", top=5)["items"]
    alerts = api_json(server, "/api/alerts", by="dyad")["items"]
    wait_until(lambda: page.locator("#trends path.trend-line").count() > 0)
    assert sorted(page.locator("#trends path.trend-line").evaluate_all("ps => ps.map(p => p.dataset.key)")) == sorted(
        t["key"] for t in trends)
    points = page.locator("#trends circle.trend-point")
    assert points.count() == sum(1 for t in trends for p in t["series"] if p["events"])
    shown = {t["key"] for t in trends}
    on_points = {(a["key"], a["day"]) for a in alerts} & {(t["key"], p["day"]) for t in trends for p in t["series"]
                                                          if p["events"]}
    assert page.locator("#trends circle.alert-mark").count() == len(on_points)
    assert all(k in shown for k in page.locator("#trends circle.alert-mark").evaluate_all("cs => cs.map(c => c.dataset.key)"))
    # bench/screens/trends.png is drawn by bench/trends_screen.py from a store with a real escalation, not here
    point = points.first
    key, day = point.get_attribute("data-key"), point.get_attribute("data-day")
    point.click()
    page.wait_for_selector("body[data-loads='2']", timeout=30000)
    actor, recipient = key.split(" -> ")
    assert page.locator("input[name=actor]").input_value() == actor
    assert page.locator("input[name=recipient]").input_value() == recipient
    assert page.locator("input[name=since]").input_value() == day == page.locator("input[name=until]").input_value()
    assert "since=" + day in page.url and "recipient=" in page.url
    events = api_json(server, "/api/events", actor=actor, recipient=recipient, since=day, until=day, limit=1000)
    rows = page.locator("#events tbody tr")
    assert 0 < rows.count() == events["total"]
    assert set(rows.locator("td:nth-child(5)").all_text_contents()) == {e["recipient_name"] for e in events["items"]}
    incidents = api_json(server, "/api/incidents", actor=actor, recipient=recipient, since=day, until=day, min_sources=2)
    assert page.locator("#incidents tbody tr").count() == incidents["total"]
    assert page.problems == []


def export_ids(server: str, **params) -> set[str]:
    import csv
    import io
    import urllib.parse
    import urllib.request

    with urllib.request.urlopen(f"{server}/api/export?{urllib.parse.urlencode({'format': 'csv', **params})}") as res:
        return {r["id"] for r in csv.DictReader(io.StringIO(res.read().decode("utf-8")))}


def save_correction(box, what: str, value: str | None = None, token: str | None = TOKEN, who: str = "ana",
                    note: str = "") -> None:
    """Fill a flag / correct form (``what``: flag:wrong, field:fatalities ...) and save it."""
    box.locator("select[name=what]").select_option(what)
    if value is not None:
        box.locator("input[name=value]").fill(value)
    box.locator("input[name=who]").fill(who)
    box.locator("input[name=note]").fill(note)
    if token is not None:
        box.locator("input[name=token]").fill(token)
    box.locator("button[type=submit]").click()


def test_flag_an_event_from_the_document_view_and_undo_it(page, server):
    row = page.locator("#events tbody tr", has_text="kenya-1").first
    event_id = row.get_attribute("data-event")
    assert event_id in export_ids(server)
    row.click()
    box = page.locator("#event-tools .corrections")
    wait_until(lambda: box.get_attribute("data-loaded") == "0")
    save_correction(box, "flag:wrong", note="a march, not an arrest")
    flagged = page.locator(f"#events tbody tr[data-event='{event_id}'] .flag")
    wait_until(lambda: flagged.count() == 1 and flagged.text_content() == "wrong")
    listed = box.locator("li[data-correction]")
    wait_until(lambda: listed.count() == 1)
    assert "ana" in listed.text_content() and "flagged wrong" in listed.text_content()
    assert event_id not in export_ids(server) and event_id in export_ids(server, include_flagged="true")
    # the token was asked for once: kept for the tab only, never in the URL or localStorage
    assert page.evaluate("sessionStorage.getItem('dotterel.token')") == TOKEN
    assert page.evaluate("localStorage.length") == 0 and TOKEN not in page.url
    assert box.locator("input[name=token]").is_hidden()
    listed.locator("button.undo").click()
    wait_until(lambda: flagged.count() == 0)
    wait_until(lambda: box.locator("li.undone").count() == 1)
    assert event_id in export_ids(server)
    assert page.problems == []


def test_correct_an_incidents_fatalities_and_undo_it(page, server):
    wait_until(lambda: page.locator("#incidents tbody tr").count() > 0)
    row = page.locator("#incidents tbody tr").first
    incident = api_json(server, "/api/incidents/" + row.get_attribute("data-incident"))
    row.click()
    card = page.locator("#incident-card")
    box = card.locator(".corrections")
    wait_until(lambda: box.get_attribute("data-loaded") is not None)
    before = box.locator("li[data-correction]").count()
    old = "\u2013" if incident["fatalities"] is None else str(incident["fatalities"])
    save_correction(box, "field:fatalities", "41", note="hospital figures")
    deaths = card.locator("dd[data-field=fatalities]")
    shown = lambda: (deaths.text_content() or "").split(" ")[0]  # noqa: E731 (the value, before 'from ...')
    wait_until(lambda: shown() == "41")
    assert deaths.locator(".flag").text_content() == "corrected"
    mine = card.locator(".corrections li[data-correction]").last
    wait_until(lambda: card.locator(".corrections li[data-correction]").count() == before + 1)
    assert f"fatalities: {old} \u2192 41" in mine.text_content() and "hospital figures" in mine.text_content()
    assert api_json(server, "/api/incidents/" + incident["id"])["fatalities"] == 41
    incident_row = page.locator(f"#incidents tbody tr[data-incident='{incident['id']}']")
    assert incident_row.locator(".flag").text_content() == "corrected"
    page.locator("#card-panel .correct-form select[name=what]").select_option("flag:unsure")  # the form, ready to flag
    card.locator(".correct-form").scroll_into_view_if_needed()
    shot(page, "correct", page.locator("#card-panel"))
    mine.locator("button.undo").click()
    wait_until(lambda: shown() == old)
    assert deaths.locator(".flag").count() == 0
    wait_until(lambda: card.locator(".corrections li.undone").count() >= 1)
    assert api_json(server, "/api/incidents/" + incident["id"])["fatalities"] == incident["fatalities"]
    assert page.problems == []


def test_a_wrong_token_or_a_bad_value_is_shown_in_the_form(page, server):
    wait_until(lambda: page.locator("#incidents tbody tr").count() > 0)
    page.locator("#incidents tbody tr").first.click()
    box = page.locator("#incident-card .corrections")
    wait_until(lambda: box.get_attribute("data-loaded") is not None)
    before = api_json(server, "/api/corrections")["items"]
    error = box.locator(".form-error")
    save_correction(box, "flag:unsure", token="not-the-token")
    wait_until(lambda: "401" in (error.text_content() or ""))
    assert "token" in error.text_content()
    assert page.evaluate("sessionStorage.getItem('dotterel.token')") is None  # a wrong token is asked for again
    assert box.locator("input[name=token]").is_visible()
    save_correction(box, "field:fatalities", "many")
    wait_until(lambda: "422" in (error.text_content() or ""))
    assert "many" in error.text_content()
    assert api_json(server, "/api/corrections")["items"] == before  # nothing was recorded
    # the browser logs each refused request; nothing else may go wrong
    assert [p for p in page.problems if "status of 401" not in p and "status of 422" not in p] == []



def test_a_read_only_server_refuses_in_the_form(browser, tmp_path):
    from dotterel.store import Store
    from dotterel.web import create_app
    from tests.synthetic import event, record, ref, store_records

    db = tmp_path / "small.duckdb"
    with Store(db) as store:  # a store of its own: the module's server holds its file
        store_records(store, [record("doc1", [event(1, "ACCUSE", ref("Alpha Front", "ALPHA"), ref("Beta Army", "BETA"),
                                                    "2024-03-01", "Kirkuk")])])
    context = browser.new_context(viewport={"width": 1440, "height": 1050})
    pg = context.new_page()
    try:
        with serving(create_app(db, read_only=True, token=TOKEN)) as url:
            pg.goto(url + "/")
            pg.wait_for_selector("body[data-loads='1']", timeout=15000)
            pg.locator("#events tbody tr").first.click()
            box = pg.locator("#event-tools .corrections")
            wait_until(lambda: box.get_attribute("data-loaded") == "0")
            save_correction(box, "flag:duplicate")
            error = box.locator(".form-error")
            wait_until(lambda: "403" in (error.text_content() or ""))
            assert "read-only" in error.text_content()
            assert pg.locator("#events tbody tr .flag").count() == 0
    finally:
        context.close()
