// dotterel dashboard: map, timeline, actor network, event table and document view over one filter.
// Article text and every field from the store are untrusted: DOM is built with textContent only, never parsed from strings.
"use strict";
(function () {
  const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
  const QUAD_COLOURS = { 0: "#999999", 1: "#7fbf7b", 2: "#1b7837", 3: "#f4a582", 4: "#b2182b" };
  const PLOVER = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const PAGE = 200;
  const NETWORK_TOP = 60; // more actors than this make an unreadable hairball
  const form = document.getElementById("filters");
  const state = { filter: {}, offset: 0, total: 0, selectedEvent: null, loads: 0 };
  const app = { state, map: null, markers: null, cy: null };
  window.dotterel = app; // for the browser tests and the console

  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v == null ? "" : String(v);
      else node[k] = v;
    }
    for (const c of children) node.append(c);
    return node;
  }

  function query(extra) {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(Object.assign({}, state.filter, extra || {}))) {
      if (v !== "" && v != null) params.set(k, v);
    }
    return params.toString();
  }

  async function api(path) {
    const res = await fetch(path, { headers: { Accept: "application/json" } });
    if (!res.ok) throw new Error(path + ": " + res.status);
    return res.json();
  }

  // ------------------------------------------------------------- filter
  const typeSelect = form.elements.event_type;
  for (const t of PLOVER) typeSelect.append(el("option", { value: t, text: t }));

  // the filter's fields: in the form, in the API's query, and in the page's URL (a view can be shared as a link)
  const FIELDS = ["since", "until", "quad", "event_type", "actor", "recipient", "country", "q", "min_confidence", "salience", "precision"];

  function readForm() {
    const f = {};
    for (const name of FIELDS) {
      const v = form.elements[name].value.trim();
      if (v) f[name] = v;
    }
    return f;
  }

  function fromUrl() {
    const params = new URLSearchParams(window.location.search);
    const f = {};
    for (const name of [...FIELDS, "sort"]) {
      const v = (params.get(name) || "").trim();
      if (v) f[name] = v;
    }
    return f;
  }

  function setFilter(f, fromHistory) {
    state.filter = f;
    state.offset = 0;
    for (const name of FIELDS) form.elements[name].value = f[name] || "";
    document.getElementById("brush-reset").hidden = !(f.since || f.until);
    setDownloads();
    if (!fromHistory) {
      const qs = query();
      if (qs !== window.location.search.replace(/^\?/, "")) history.pushState(null, "", qs ? "?" + qs : window.location.pathname);
    }
    refresh();
  }
  window.addEventListener("popstate", () => setFilter(fromUrl(), true));

  // the download links carry the view's filter (not its sort or page): the file is what the page shows
  function setDownloads() {
    const f = Object.assign({}, state.filter);
    delete f.sort;
    for (const fmt of ["csv", "acled", "geojson", "plover"]) {
      const params = new URLSearchParams(Object.entries(f).filter(([, v]) => v !== "" && v != null));
      params.set("format", fmt);
      document.getElementById("download-" + fmt).href = "/api/export?" + params.toString();
    }
  }
  document.getElementById("brush-reset").addEventListener("click", () => {
    const f = Object.assign({}, state.filter);
    delete f.since; delete f.until;
    setFilter(f);
  });
  app.setFilter = (patch) => setFilter(Object.assign({}, state.filter, patch));

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    setFilter(Object.assign(readForm(), state.filter.sort ? { sort: state.filter.sort } : {})); // a new filter keeps the sort
  });
  document.getElementById("clear").addEventListener("click", () => setFilter({}));
  document.getElementById("prev").addEventListener("click", () => { if (state.offset > 0) { state.offset = Math.max(0, state.offset - PAGE); loadTable(); } });
  document.getElementById("next").addEventListener("click", () => { if (state.offset + PAGE < state.total) { state.offset += PAGE; loadTable(); } });

  // ------------------------------------------------------------- map
  function initMap() {
    const map = L.map("map", { worldCopyJump: true, attributionControl: true }).setView([25, 20], 2);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Borders: Natural Earth");
    app.map = map;
    app.markers = L.layerGroup().addTo(map);
    app.shading = L.layerGroup().addTo(map);
    app.borders = Promise.all([fetch("/static/vendor/countries-110m.json").then((r) => r.json()), api("/api/countries")])
      .then(([topo, codes]) => {
        const land = topojson.feature(topo, topo.objects.countries);
        L.geoJSON(land, { interactive: false, style: { color: "#9aa7b4", weight: 0.6, fillColor: "#f7f5ef", fillOpacity: 1 } })
          .addTo(map).bringToBack();
        const byNumeric = new Map(land.features.map((f) => [String(f.id).padStart(3, "0"), f]));
        const shapes = new Map(); // ISO3 -> the country's outline
        for (const [iso3, c] of Object.entries(codes)) if (byNumeric.has(c.numeric)) shapes.set(iso3, byNumeric.get(c.numeric));
        return shapes;
      });
  }

  function eventList(title, events) {
    const box = el("div", {}, el("div", { class: "popup-title", text: title + " (" + events.length + " events)" }));
    for (const e of events.slice(0, 8)) {
      const link = el("a", { href: "#", text: e.event_type + ": " + (e.actor_name || "?") + (e.recipient_name ? " \u2192 " + e.recipient_name : "") });
      link.addEventListener("click", (ev) => { ev.preventDefault(); openDocument(e.key, e.id); });
      box.append(el("div", {}, link));
    }
    return box; // a DOM node: Leaflet inserts it as is (a string would be parsed as HTML)
  }

  // an event placed only in a country is the country's: shaded, not a dot on its capital
  async function shadeCountries(events) {
    const shapes = await app.borders.catch(() => new Map());
    app.shading.clearLayers();
    const byCountry = new Map();
    for (const e of events) {
      if (e.geo_precision !== "country" || !e.country || !shapes.has(e.country)) continue;
      if (!byCountry.has(e.country)) byCountry.set(e.country, []);
      byCountry.get(e.country).push(e);
    }
    const most = Math.max(1, ...[...byCountry.values()].map((list) => list.length));
    for (const [iso3, list] of byCountry) {
      const worst = Math.max(...list.map((e) => e.quad || 0));
      const layer = L.geoJSON(shapes.get(iso3), { style: { color: QUAD_COLOURS[worst], weight: 1,
        fillColor: QUAD_COLOURS[worst], fillOpacity: 0.15 + 0.45 * list.length / most, className: "country-events" } });
      layer.bindPopup(eventList(list[0].location_name || iso3, list));
      layer.addTo(app.shading);
    }
    document.getElementById("map").dataset.shaded = String(byCountry.size);
  }

  function renderMap(events) {
    app.markers.clearLayers();
    const places = new Map();
    const shaded = events.filter((e) => e.geo_precision === "country");
    for (const e of events) {
      if (e.lat == null || e.lon == null || e.geo_precision === "country") continue;
      const key = e.lat.toFixed(3) + "," + e.lon.toFixed(3);
      if (!places.has(key)) places.set(key, { lat: e.lat, lon: e.lon, name: e.location_name, events: [] });
      places.get(key).events.push(e);
    }
    const bounds = [];
    for (const p of places.values()) {
      const quads = p.events.map((e) => e.quad || 0);
      const worst = Math.max(...quads);
      const marker = L.circleMarker([p.lat, p.lon], {
        radius: Math.min(22, 5 + 3 * Math.sqrt(p.events.length)), color: "#333", weight: 1,
        fillColor: QUAD_COLOURS[worst], fillOpacity: 0.8, className: "event-marker",
      });
      marker.bindPopup(eventList(p.name, p.events));
      marker.addTo(app.markers);
      bounds.push([p.lat, p.lon]);
    }
    for (const e of shaded) if (e.lat != null && e.lon != null) bounds.push([e.lat, e.lon]);
    if (bounds.length) app.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 6, animate: false });
    return shadeCountries(events);
  }

  // ------------------------------------------------------------- timeline
  const SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  function renderTimeline(stats) {
    const box = document.getElementById("timeline");
    box.replaceChildren();
    if (!stats.timeline.length) {
      box.append(el("p", { class: "empty", text: "No day-dated events for this filter (" + stats.undated + " events without a day date)." }));
      return;
    }
    let days = stats.timeline;
    const wide = (Date.parse(days[days.length - 1].day) - Date.parse(days[0].day)) / 864e5 > 366;
    if (wide) days = byMonth(days); // years of days would be hairlines: show months instead, and say so
    document.getElementById("timeline-unit").textContent = wide ? "per month (range over a year)" : "per day";
    const width = box.clientWidth - 20 || 800, height = (box.clientHeight || 120) - 4, pad = 18;
    const first = Date.parse(days[0].day), last = Date.parse(days[days.length - 1].day);
    const span = Math.max(1, Math.round((last - first) / 864e5) + 1);
    const maxN = Math.max(...days.map((d) => d["0"] + d["1"] + d["2"] + d["3"] + d["4"]));
    const barW = Math.max(3, Math.min(30, (width - 40) / span - 1));
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, preserveAspectRatio: "none", role: "img" });
    const x = (day) => 30 + ((Date.parse(day) - first) / 864e5) * ((width - 40 - barW) / Math.max(1, span - 1));
    const y = (n) => (height - pad) * (n / maxN);
    let start = null, band = null, brushed = false; // the brush's drag (below)
    for (const d of days) {
      let base = height - pad;
      for (const q of ["4", "3", "2", "1", "0"]) {
        if (!d[q]) continue;
        const h = y(d[q]);
        const rect = svg("rect", { x: x(d.day), y: base - h, width: barW, height: h, fill: QUAD_COLOURS[q], class: "bar" });
        const title = svg("title", {});
        title.textContent = (d.from || d.day) + ": " + d[q] + " " + (QUAD_NAMES[q] || "other");
        rect.append(title);
        rect.addEventListener("click", () => { if (!brushed) app.setFilter({ since: d.from || d.day, until: d.to || d.day }); });
        root.append(rect);
        base -= h;
      }
    }
    const label = (text, xPos, anchor) => { const t = svg("text", { x: xPos, y: height - 4, class: "axis", "text-anchor": anchor }); t.textContent = text; root.append(t); };
    label(days[0].day, 30, "start");
    if (days.length > 1) label(days[days.length - 1].day, width - 10, "end");
    const top = svg("text", { x: 2, y: 10, class: "axis" }); top.textContent = String(maxN); root.append(top);
    box.append(root);
    // drag across the bars to filter to those days; a plain click still picks one bar
    const step = (width - 40 - barW) / Math.max(1, span - 1);
    const toX = (ev) => { const r = root.getBoundingClientRect(); return (ev.clientX - r.left) * width / r.width; };
    const dayAt = (px, round = Math.floor) => new Date(first + Math.min(span - 1, Math.max(0, round((px - 30) / step))) * 864e5)
      .toISOString().slice(0, 10);
    root.addEventListener("pointerdown", (ev) => { start = toX(ev); brushed = false; });
    root.addEventListener("pointermove", (ev) => {
      if (start == null) return;
      const now = toX(ev);
      if (!band && Math.abs(now - start) < 4) return; // not a drag yet
      if (!band) { band = svg("rect", { class: "brush", y: 0, height: height - pad }); root.append(band); root.setPointerCapture(ev.pointerId); }
      band.setAttribute("x", Math.min(start, now));
      band.setAttribute("width", Math.abs(now - start));
    });
    const finish = (ev) => {
      if (start == null) return;
      const a = Math.min(start, toX(ev)) - barW, b = Math.max(start, toX(ev)); // every bar the band touches
      start = null;
      if (!band) return;
      band.remove(); band = null; brushed = true;
      if (!wide) { app.setFilter({ since: dayAt(a, Math.ceil), until: dayAt(b) }); return; }
      const [year, month] = dayAt(b).split("-").map(Number); // bars are months: whole months, first day to last
      app.setFilter({ since: dayAt(a, Math.ceil).slice(0, 7) + "-01", until: new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10) });
    };
    root.addEventListener("pointerup", finish);
    root.addEventListener("pointercancel", () => { start = null; if (band) { band.remove(); band = null; } });
  }

  function byMonth(days) {
    const months = new Map();
    for (const d of days) {
      const m = d.day.slice(0, 7);
      if (!months.has(m)) months.set(m, { day: m + "-01", from: m, to: m, 0: 0, 1: 0, 2: 0, 3: 0, 4: 0 });
      const slot = months.get(m);
      for (const q of ["0", "1", "2", "3", "4"]) slot[q] += d[q];
    }
    return [...months.values()];
  }

  function renderLegend() {
    const legend = document.getElementById("legend");
    for (const q of [1, 2, 3, 4]) legend.append(el("span", { class: "q" + q, text: QUAD_NAMES[q] }));
  }

  // ------------------------------------------------------------- network
  function renderNetwork(net) {
    const empty = document.getElementById("network-empty");
    empty.hidden = net.nodes.length > 0;
    if (app.cy) app.cy.destroy();
    const maxEvents = Math.max(1, ...net.nodes.map((n) => n.events));
    const elements = net.nodes.map((n) => ({ data: { id: n.id, label: n.name, size: 14 + 36 * Math.sqrt(n.events / maxEvents), events: n.events } }))
      .concat(net.edges.map((e, i) => ({ data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight, sign: e.sign } })));
    app.cy = cytoscape({
      container: document.getElementById("network"), elements,
      layout: { name: net.nodes.length > 2 ? "cose" : "circle", animate: false, randomize: false, padding: 20 },
      style: [
        { selector: "node", style: { width: "data(size)", height: "data(size)", "background-color": "#3c7dd9", label: "data(label)",
          "font-size": 13, color: "#1d2329", "min-zoomed-font-size": 6, "text-valign": "bottom", "text-margin-y": 2, "text-wrap": "ellipsis", "text-max-width": 110 } },
        { selector: "node.active", style: { "background-color": "#f0a202", "border-width": 2, "border-color": "#7a5200" } },
        { selector: "edge", style: { width: "mapData(weight, 1, 10, 1.5, 8)", "curve-style": "bezier", opacity: 0.8 } },
        { selector: "edge[sign = 'cooperation']", style: { "line-color": QUAD_COLOURS[2] } },
        { selector: "edge[sign = 'conflict']", style: { "line-color": QUAD_COLOURS[4] } },
      ],
    });
    if (state.filter.actor) app.cy.getElementById(state.filter.actor).addClass("active");
    app.cy.on("tap", "node", (ev) => app.setFilter({ actor: ev.target.id() }));
  }

  // ------------------------------------------------------------- table
  function typeBadge(e) {
    return el("span", { class: "type q" + (e.quad || 0), text: e.event_type, title: QUAD_NAMES[e.quad] || "" });
  }

  function badges(cell, item) {
    if (item.flag) cell.append(el("span", { class: "flag", text: item.flag, title: "flagged by an analyst" }));
    if (item.corrected && item.corrected.length) cell.append(el("span", { class: "flag", text: "corrected", title: "corrected: " + item.corrected.join(", ") }));
  }

  function renderTable(page) {
    state.total = page.total;
    markSort();
    const body = document.querySelector("#events tbody");
    body.replaceChildren();
    for (const e of page.items) {
      const row = el("tr", {},
        el("td", { text: e.date || "" }), el("td", {}, typeBadge(e)), el("td", { text: e.mode || "" }),
        el("td", { text: e.actor_name || "", title: e.actor_text || "" }), el("td", { text: e.recipient_name || "", title: e.recipient_text || "" }),
        el("td", { text: e.location_name || "" }), el("td", { text: e.fatalities == null ? "" : e.fatalities }),
        documentCell(e));
      badges(row.children[1], e);
      row.dataset.event = e.id;
      if (e.id === state.selectedEvent) row.classList.add("selected");
      row.addEventListener("click", () => openDocument(e.key, e.id));
      body.append(row);
    }
    const to = Math.min(page.total, state.offset + page.items.length);
    document.getElementById("table-count").textContent = page.total ? (state.offset + 1) + "\u2013" + to + " of " + page.total : "none";
  }

  function sourceLink(url) {
    const link = el("a", { href: url, target: "_blank", rel: "noopener", class: "source-link", text: "\u2197", title: "the source: " + url });
    link.addEventListener("click", (ev) => ev.stopPropagation()); // opens the source, not the document view
    return link;
  }

  function documentCell(e) {
    const cell = el("td", { text: e.doc_id, title: e.evidence_text || "" });
    if (e.url && /^https?:/i.test(e.url)) cell.append(sourceLink(e.url));
    return cell;
  }

  async function loadTable() {
    renderTable(await api("/api/events?" + query({ limit: PAGE, offset: state.offset, sort: state.filter.sort })));
  }

  // a click on a column heading sorts by it; a second click reverses; the sort is part of the view (and its URL)
  for (const th of document.querySelectorAll("#events th[data-sort]")) {
    th.title = "sort by " + th.textContent.toLowerCase();
    th.addEventListener("click", () => {
      const key = th.dataset.sort;
      app.setFilter({ sort: state.filter.sort === key ? "-" + key : key });
    });
  }
  function markSort() {
    for (const th of document.querySelectorAll("#events th[data-sort]")) {
      const s = state.filter.sort || "";
      th.dataset.sorted = s === th.dataset.sort ? "asc" : s === "-" + th.dataset.sort ? "desc" : "";
    }
  }

  // ------------------------------------------------------------- document view
  function highlighted(text, spans, focusId) {
    // cut the text at every span boundary; each piece is marked with all the spans that cover it
    const cuts = new Set([0, text.length]);
    for (const s of spans) { cuts.add(Math.max(0, s.start)); cuts.add(Math.min(text.length, s.end)); }
    const points = [...cuts].sort((a, b) => a - b);
    const out = document.createDocumentFragment();
    let focusNode = null;
    for (let i = 0; i < points.length - 1; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = spans.filter((s) => s.start <= a && s.end >= b);
      if (!covering.length) { out.append(document.createTextNode(piece)); continue; }
      const classes = new Set();
      for (const s of covering) { classes.add(s.kind); if (s.kind === "event") classes.add("q" + (s.quad || 0)); }
      const mark = el("mark", { text: piece, title: covering.map((s) => s.label).join("\n") });
      mark.className = [...classes].join(" ");
      if (focusId && covering.some((s) => s.id === focusId)) { mark.classList.add("focus"); focusNode = focusNode || mark; }
      out.append(mark);
    }
    return { fragment: out, focusNode };
  }

  async function openDocument(key, eventId) {
    state.selectedEvent = eventId || null;
    for (const row of document.querySelectorAll("#events tbody tr")) row.classList.toggle("selected", row.dataset.event === eventId);
    const doc = await api("/api/documents/" + encodeURIComponent(key));
    document.getElementById("doc-title").textContent = doc.title || doc.doc_id;
    const meta = document.getElementById("doc-meta");
    meta.textContent = [doc.doc_id, doc.publication_date, doc.events.length + " events", doc.quotes.length + " quotes"]
      .filter(Boolean).join(" \u00b7 ");
    if (doc.url && /^https?:/i.test(doc.url)) meta.append(" \u00b7 ", el("a", { href: doc.url, target: "_blank", rel: "noopener", text: "source", id: "doc-source" }));
    const box = document.getElementById("doc-text");
    box.classList.remove("empty");
    const { fragment, focusNode } = highlighted(doc.text, doc.spans, eventId);
    box.replaceChildren(fragment);
    if (focusNode) focusNode.scrollIntoView({ block: "center" });
    const legend = document.getElementById("doc-legend");
    legend.replaceChildren(...[1, 2, 3, 4].map((q) => el("span", { class: "q" + q, text: QUAD_NAMES[q] })), el("span", { class: "quote", text: "quote" }));
    const tools = document.getElementById("event-tools");
    tools.replaceChildren();
    if (eventId) tools.append(el("h4", { text: "Flag / correct this event" }), correctionBox("event", eventId, () => openDocument(key, eventId)));
  }
  app.openDocument = openDocument;

  // ------------------------------------------------------------- incidents and alerts (the filters they take)
  function analysisQuery(extra) {
    const params = new URLSearchParams();
    for (const k of ["since", "until", "event_type", "actor", "country"]) if (state.filter[k]) params.set(k, state.filter[k]);
    for (const [k, v] of Object.entries(extra || {})) params.set(k, v);
    return params.toString();
  }

  function renderIncidents(page) {
    const body = document.querySelector("#incidents tbody");
    body.replaceChildren();
    for (const i of page.items) {
      const deaths = i.fatalities == null ? "" : (i.fatalities_min !== i.fatalities_max
        ? i.fatalities + " (" + i.fatalities_min + "\u2013" + i.fatalities_max + ")" : i.fatalities);
      const docs = i.sources.map((s) => s.doc_id + (s.duplicate ? " (copy)" : "")).join(", ");
      const row = el("tr", {},
        el("td", { text: i.date || "" }), el("td", {}, typeBadge({ event_type: i.event_type, quad: i.quad })),
        el("td", { text: i.actor_name || "" }), el("td", { text: i.recipient_name || "" }), el("td", { text: i.location_name || "" }),
        el("td", { text: deaths }), el("td", { text: i.n_sources, title: docs }), el("td", { text: i.confidence }));
      badges(row.children[1], i);
      row.dataset.incident = i.id;
      row.addEventListener("click", () => openIncident(i.id));
      body.append(row);
    }
    document.getElementById("incidents-count").textContent = page.total + " with 2+ sources";
  }

  // ------------------------------------------------------------- incident card
  const FIELD_NAMES = [["event_type", "type"], ["mode", "mode"], ["date", "date"], ["actor_name", "actor"], ["recipient_name", "recipient"],
    ["location_name", "location"], ["admin1", "region"], ["country", "country"], ["geo_precision", "placed"], ["fatalities", "deaths"]];
  const PROVENANCE = { actor_name: "actor", recipient_name: "recipient", location_name: "location", date: "date", fatalities: "fatalities" };
  const CORRECTABLE = Object.assign({ event_type: "event_type" }, PROVENANCE); // column -> the name a correction gives it

  async function openIncident(id) {
    for (const row of document.querySelectorAll("#incidents tbody tr")) row.classList.toggle("selected", row.dataset.incident === id);
    const i = await api("/api/incidents/" + encodeURIComponent(id));
    const card = document.getElementById("incident-card");
    card.dataset.incident = i.id;
    document.getElementById("card-meta").textContent = i.id;
    const fields = el("dl", { class: "fields" });
    for (const [key, label] of FIELD_NAMES) {
      const value = el("dd", { text: i[key] == null ? "\u2013" : i[key] });
      value.dataset.field = key;
      const from = i.provenance && i.provenance[PROVENANCE[key]];
      if (from) value.append(el("small", { class: "from", text: " from " + from.doc_id }));
      if ((i.corrected || []).includes(CORRECTABLE[key]))
        value.append(el("span", { class: "flag", text: "corrected" }));
      fields.append(el("dt", { text: label }), value);
    }
    const range = i.fatalities_min == null ? "none reported" : i.fatalities_min === i.fatalities_max ? String(i.fatalities_min)
      : i.fatalities_min + "\u2013" + i.fatalities_max + " (chosen: " + i.fatalities + ", the figure most sources give)";
    const extra = [["deaths reported", range, "range"], ["sources", i.n_sources + " independent, " + i.n_reports + " reports", "n_sources"],
      ["confidence", i.confidence, "confidence"]];
    if (i.flag) extra.push(["flag", i.flag, "flag"]);
    for (const [label, text, key] of extra) { const dd = el("dd", { text }); dd.dataset.field = key; fields.append(el("dt", { text: label }), dd); }
    const list = el("ol", { class: "sources" });
    for (const s of i.sources) {
      const read = el("button", { type: "button", class: "read", text: s.title || s.doc_id, title: "read " + s.doc_id + " with its evidence" });
      read.addEventListener("click", () => openDocument(s.content_hash, s.event_id));
      const item = el("li", {}, read, el("small", { text: " " + [s.doc_id, s.date, s.event_type, s.fatalities == null ? null : s.fatalities + " dead"]
        .filter((x) => x != null).join(" \u00b7 ") + (s.duplicate ? " (copy of another source)" : "") }));
      if (s.url && /^https?:/i.test(s.url)) item.append(sourceLink(s.url));
      item.append(el("span", { class: "evidence", text: (s.evidence && s.evidence.text) || "" }));
      if (s.reason) item.append(el("small", { text: "joined: " + s.reason }));
      item.dataset.source = s.content_hash;
      list.append(item);
    }
    card.replaceChildren(fields, el("h4", { text: "Flag / correct" }), correctionBox("incident", i.id, () => openIncident(i.id)),
      el("h4", { text: "Sources" }), list);
  }
  app.openIncident = openIncident;

  // ------------------------------------------------------------- flag / correct (events and incidents)
  // The write token is asked for in the form and kept in sessionStorage only: never in the URL (shared views are
  // links) nor in localStorage (it would outlive the tab). It goes as the API expects: Authorization: Bearer.
  const TOKEN_KEY = "dotterel.token";
  const CORRECT_FIELDS = ["event_type", "actor", "recipient", "fatalities", "date", "location"];
  const HINTS = { event_type: "a PLOVER type", fatalities: "a number (empty: none)", date: "YYYY-MM-DD", recipient: "a name (empty: none)" };
  const storedToken = () => sessionStorage.getItem(TOKEN_KEY) || "";

  async function send(method, path, body) {
    const headers = { Accept: "application/json", Authorization: "Bearer " + storedToken() };
    if (body) headers["Content-Type"] = "application/json";
    const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
    const answer = await res.json().catch(() => ({}));
    if (res.status === 401) sessionStorage.removeItem(TOKEN_KEY); // a wrong token: ask for it again
    if (!res.ok) {
      const detail = Array.isArray(answer.detail) ? answer.detail.map((d) => d.msg).join("; ") : answer.detail;
      throw new Error(res.status + ": " + (detail || res.statusText));
    }
    return answer;
  }

  function describe(c) {
    const show = (v) => (v == null ? "\u2013" : v);
    const when = String(c.made_at || "").replace("T", " ").slice(0, 16);
    const what = c.field === "flag" ? "flagged " + c.new_value : c.field + ": " + show(c.old_value) + " \u2192 " + show(c.new_value);
    return [c.who, when, what].join(" \u00b7 ") + (c.note ? " \u2014 " + c.note : "");
  }

  // the corrections of one event or incident, undo buttons, and the form that adds one; done() redraws the owner
  function correctionBox(target, id, done) {
    const plural = target + "s";
    const box = el("div", { class: "corrections" });
    box.dataset.target = target;
    const list = el("ol", { class: "correction-list" });
    const error = el("p", { class: "form-error", role: "alert" });
    const after = async () => { await refresh(); await done(); };
    const fail = (err) => { error.textContent = err.message; };

    const what = el("select", { name: "what" },
      el("optgroup", { label: "flag as" }, ...["wrong", "duplicate", "unsure"].map((f) => el("option", { value: "flag:" + f, text: f }))),
      el("optgroup", { label: "correct" }, ...CORRECT_FIELDS.map((f) => el("option", { value: "field:" + f, text: f }))));
    const value = el("input", { name: "value", type: "text", size: 14, placeholder: "new value" });
    const who = el("input", { name: "who", type: "text", size: 8, placeholder: "your name", value: sessionStorage.getItem("dotterel.who") || "" });
    const note = el("input", { name: "note", type: "text", size: 18, placeholder: "note (why)" });
    const token = el("input", { name: "token", type: "password", size: 10, placeholder: "write token", autocomplete: "off" });
    const forget = el("button", { type: "button", class: "link", text: "forget token" });
    const sync = () => {
      const field = what.value.split(":")[1];
      value.hidden = what.value.startsWith("flag:");
      value.placeholder = HINTS[field] || "new value";
      token.hidden = !!storedToken();
      forget.hidden = !storedToken();
    };
    what.addEventListener("change", sync);
    forget.addEventListener("click", () => { sessionStorage.removeItem(TOKEN_KEY); sync(); });
    const form = el("form", { class: "correct-form", autocomplete: "off" }, what, value, who, note, token,
      el("button", { type: "submit", text: "Save" }), forget, error);
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      error.textContent = "";
      if (token.value.trim()) sessionStorage.setItem(TOKEN_KEY, token.value.trim());
      if (!storedToken()) { error.textContent = "the server's write token is needed to save"; sync(); return; }
      token.value = "";
      sessionStorage.setItem("dotterel.who", who.value.trim());
      const [kind, name] = what.value.split(":");
      const body = kind === "flag" ? { flag: name } : { field: name, value: value.value.trim() };
      Object.assign(body, { who: who.value.trim() || null, note: note.value.trim() || null });
      try {
        await send("POST", "/api/" + plural + "/" + encodeURIComponent(id) + "/corrections", body);
        await after();
      } catch (err) { fail(err); sync(); }
    });
    sync();

    api("/api/" + plural + "/" + encodeURIComponent(id) + "/corrections").then((found) => {
      for (const c of found.items) {
        const item = el("li", { text: describe(c) });
        item.dataset.correction = c.id;
        if (c.undone_at) {
          item.classList.add("undone");
          item.append(el("small", { text: " (undone)" }));
        } else {
          const undo = el("button", { type: "button", class: "undo", text: "Undo" });
          undo.addEventListener("click", async () => {
            error.textContent = "";
            try { await send("DELETE", "/api/corrections/" + c.id); await after(); } catch (err) { fail(err); sync(); }
          });
          item.append(" ", undo);
        }
        list.append(item);
      }
      if (!found.items.length) list.append(el("li", { class: "none", text: "none yet" }));
      box.dataset.loaded = String(found.items.length);
    }).catch(fail);
    box.append(list, form);
    return box;
  }

  function renderAlerts(found) {
    const body = document.querySelector("#alerts tbody");
    body.replaceChildren(...found.items.slice(0, 100).map((a) => el("tr", {},
      el("td", { text: a.day }), el("td", { text: a.key }), el("td", { text: a.side }), el("td", { text: a.value }),
      el("td", { text: a.baseline }), el("td", { text: a.z }))));
    if (!found.items.length) body.append(el("tr", {}, el("td", { text: "No alerts for this filter.", colSpan: 6, class: "empty" })));
  }

  // ------------------------------------------------------------- trends: a line per busy dyad, its alerts ringed
  const TREND_TOP = 5;
  const DYAD_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"];

  function renderTrends(trends, found) {
    const box = document.getElementById("trends");
    const legend = document.getElementById("trends-legend");
    box.replaceChildren();
    legend.replaceChildren();
    const lines = trends.items.slice(0, TREND_TOP);
    if (!lines.length) { box.append(el("p", { class: "empty", text: "No dyads with day-dated events for this filter." })); return; }
    const points = lines.flatMap((l) => l.series);
    const first = Math.min(...points.map((p) => Date.parse(p.day))), last = Math.max(...points.map((p) => Date.parse(p.day)));
    const top = Math.max(1, ...points.map((p) => p.conflict + p.cooperation));
    const width = box.clientWidth - 20 || 600, height = (box.clientHeight || 220) - 4, pad = 16;
    const x = (day) => 30 + (Date.parse(day) - first) / Math.max(864e5, last - first) * (width - 45);
    const y = (v) => height - pad - (height - pad - 8) * v / top;
    const root = svg("svg", { viewBox: "0 0 " + width + " " + height, preserveAspectRatio: "none", role: "img" });
    const alertsOn = new Map(found.items.map((a) => [a.key + "|" + a.day, a]));
    lines.forEach((line, n) => {
      const colour = DYAD_COLOURS[n];
      const d = line.series.map((p, k) => (k ? "L" : "M") + x(p.day).toFixed(1) + " " + y(p.conflict + p.cooperation).toFixed(1)).join(" ");
      const path = svg("path", { d, stroke: colour, class: "trend-line" });
      path.dataset.key = line.key;
      root.append(path);
      for (const p of line.series) {
        if (!p.events) continue;
        const cx = x(p.day), cy = y(p.conflict + p.cooperation);
        const dot = svg("circle", { cx, cy, r: 4, fill: colour, class: "trend-point" });
        dot.dataset.key = line.key;
        dot.dataset.day = p.day;
        const tip = svg("title", {});
        tip.textContent = line.key + ", " + p.day + ": " + p.events + " events, conflict " + p.conflict + ", cooperation " + p.cooperation;
        dot.append(tip);
        const [actor, recipient] = line.key.split(" -> ");
        dot.addEventListener("click", () => app.setFilter({ actor, recipient, since: p.day, until: p.day }));
        root.append(dot);
        if (alertsOn.has(line.key + "|" + p.day)) {
          const ring = svg("circle", { cx, cy, r: 8, class: "alert-mark" });
          ring.dataset.key = line.key;
          root.append(ring);
        }
      }
      legend.append(el("span", { class: "d" + n, text: line.key + " (" + line.events + ")" }));
    });
    const label = (text, xPos, anchor) => { const t = svg("text", { x: xPos, y: height - 3, class: "axis", "text-anchor": anchor }); t.textContent = text; root.append(t); };
    label(new Date(first).toISOString().slice(0, 10), 30, "start");
    label(new Date(last).toISOString().slice(0, 10), width - 10, "end");
    const peak = svg("text", { x: 2, y: 10, class: "axis" }); peak.textContent = String(Math.round(top)); root.append(peak);
    box.append(root);
  }

  async function loadAnalysis() {
    try {
      const [incidents, found, trends] = await Promise.all([
        api("/api/incidents?" + analysisQuery(Object.assign({ min_sources: 2, limit: 200 }, ...["precision", "recipient"].filter((k) => state.filter[k]).map((k) => ({ [k]: state.filter[k] }))))), api("/api/alerts?" + analysisQuery({ by: "dyad" })),
        api("/api/trends?" + analysisQuery({ by: "dyad", top: TREND_TOP }))]);
      renderTrends(trends, found);
      for (const i of incidents.items) i.quad = { AGREE: 1, CONSULT: 1, SUPPORT: 1, CONCEDE: 1, COOPERATE: 2, AID: 2, RETREAT: 2,
        REQUEST: 3, ACCUSE: 3, REJECT: 3, THREATEN: 3 }[i.event_type] || 4;
      renderIncidents(incidents);
      renderAlerts(found);
    } catch (err) {
      document.getElementById("incidents-count").textContent = "could not load: " + err.message;
    }
  }
  app.loadAnalysis = loadAnalysis;

  // ------------------------------------------------------------- all views
  async function refresh() {
    const qs = query();
    try {
      const [events, stats, net] = await Promise.all([
        api("/api/events?" + query({ limit: 1000 })), api("/api/stats?" + qs), api("/api/network?" + query({ top: NETWORK_TOP }))]);
      await renderMap(events.items);
      renderTimeline(stats);
      renderNetwork(net);
      await Promise.all([loadTable(), loadAnalysis()]);
      const fatal = stats.fatalities ? " \u00b7 " + stats.fatalities + " deaths" : "";
      document.getElementById("summary").textContent = stats.events + " events in " + stats.event_documents + " of " + stats.documents +
        " documents \u00b7 " + net.nodes.length + " actors in network" + fatal;
    } catch (err) {
      document.getElementById("summary").textContent = "Could not load: " + err.message;
      throw err;
    }
    state.loads += 1;
    document.body.dataset.loads = String(state.loads);
  }

  initMap();
  renderLegend();
  setFilter(fromUrl(), true); // a shared link opens on its view
})();
