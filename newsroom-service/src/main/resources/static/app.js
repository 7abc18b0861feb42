// The newsroom page. Everything an article says is untrusted: it only ever reaches the page as
// text (textContent, text nodes), never as HTML. The state is the URL: links can be shared and
// Back works.
"use strict";

const FACETS = [
  ["people", "person", "People"], ["organizations", "org", "Organisations"], ["places", "place", "Places"],
  ["countries", "country", "Countries"], ["topics", "topic", "Topics"], ["languages", "language", "Language"],
  ["sources", "source", "Source"], ["tones", "tone", "Tone"], ["stories", "story", "Stories"],
];
const FILTER_PARAMS = FACETS.map(([, param]) => param);
/** Story labels seen (a story filter is an id in the URL): for its chip. */
const storyLabels = new Map();
const LIVE_EVERY_MS = 15000;
const $ = (id) => document.getElementById(id);

let world = null;          // {countries: [{code, name, d}]}
let countryNames = {};     // code -> name
let loadedAt = null;       // when the results on screen were loaded (for "N new")
let liveTimer = null;
let cursor = null;         // the next page's cursor
// fetched as soon as the script runs, in parallel with the page's first search
const worldReady = loadWorld().catch(() => showError(new Error("The world map could not be loaded")));

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (key === "class") node.className = value;
    else if (key === "text") node.textContent = value;
    else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attrs = {}) {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  return node;
}

// ---- state in the URL

function readState() {
  const params = new URLSearchParams(location.search);
  const filters = {};
  for (const param of FILTER_PARAMS) filters[param] = params.getAll(param);
  return {
    q: params.get("q") || "", sort: params.get("sort") || "newest", filters,
    from: params.get("from") || "", to: params.get("to") || "", article: params.get("article") || "",
  };
}

function query(state, extra = {}) {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  if (state.sort && state.sort !== "newest") params.set("sort", state.sort);
  for (const param of FILTER_PARAMS) for (const value of state.filters[param] || []) params.append(param, value);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  for (const [key, value] of Object.entries(extra)) if (value) params.set(key, value);
  return params;
}

function go(state) {
  const params = query(state, { article: state.article });
  history.pushState(null, "", params.toString() ? "?" + params : location.pathname);
  render();
}

// ---- API

async function api(path) {
  const headers = { Accept: "application/json" };
  const key = localStorage.getItem("newsroom-key");
  if (key) headers.Authorization = "Bearer " + key;
  const response = await fetch(path, { headers });
  if (response.status === 401) {
    const entered = window.prompt("This newsroom needs its access key:");
    if (entered) {
      localStorage.setItem("newsroom-key", entered.trim());
      return api(path);
    }
  }
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || body.title || "The newsroom did not answer (" + response.status + ")");
  return body;
}

function showError(error) {
  const box = $("error");
  box.textContent = error.message || String(error);
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 8000);
}

// ---- rendering

async function render() {
  const state = readState();
  $("q").value = state.q;
  $("sort").value = state.sort;
  if (state.article) {
    $("results-view").hidden = true;
    $("filters").hidden = true;
    $("live").hidden = true;
    await worldReady; // country names
    await renderArticle(state.article).catch(showError);
    return;
  }
  $("article-view").hidden = true;
  $("results-view").hidden = false;
  $("filters").hidden = false;
  try {
    // the map's shapes load alongside the first answer, not before it
    const [page] = await Promise.all([api("api/v1/search?" + query(state)), worldReady]);
    for (const bucket of (page.facets || {}).stories || []) if (bucket.label) storyLabels.set(bucket.value, bucket.label);
    renderChips(state);
    loadedAt = page.asOf;
    $("live").hidden = true;
    cursor = page.next;
    renderFacets(state, page.facets || {});
    renderTimeline(state, page.timeline || { points: [] });
    renderMap(state, (page.facets || {}).countries || [], page.spots || []);
    renderHits(page, false);
    document.title = (state.q ? state.q + " — " : "") + "Newsflow — Newsroom";
  } catch (error) {
    showError(error);
  }
}

function renderChips(state) {
  const box = $("filters");
  box.replaceChildren();
  const chip = (label, remove) => box.append(el("span", { class: "chip" }, label,
      el("button", { type: "button", "aria-label": "Remove " + label, text: "×", onclick: remove })));
  for (const [, param, title] of FACETS) {
    for (const value of state.filters[param]) {
      const label = param === "story" ? "Story: " + (storyLabels.get(value) || "one story")
          : title + ": " + (param === "country" ? (countryNames[value] || value) : value);
      chip(label, () => {
        state.filters[param] = state.filters[param].filter((v) => v !== value);
        go(state);
      });
    }
  }
  if (state.from || state.to) {
    chip("Published " + (state.from ? state.from.slice(0, 16).replace("T", " ") : "…") + " – "
        + (state.to ? state.to.slice(0, 16).replace("T", " ") : "…"), () => { state.from = ""; state.to = ""; go(state); });
  }
}

function renderFacets(state, facets) {
  const box = $("facets");
  box.replaceChildren();
  for (const [key, param, title] of FACETS) {
    const values = (facets[key] || []).filter((b) => !state.filters[param].includes(b.value));
    const list = el("ul");
    for (const bucket of values.slice(0, key === "countries" ? 10 : 10)) {
      const label = param === "country" ? (countryNames[bucket.value] || bucket.value) : (bucket.label || bucket.value);
      list.append(el("li", {}, el("button", {
        type: "button", "data-facet": param, "data-value": bucket.value,
        onclick: () => { state.filters[param] = [...state.filters[param], bucket.value]; go(state); },
      }, el("span", { class: "value", text: label }), el("span", { class: "count", text: bucket.count.toLocaleString() }))));
    }
    const section = el("section", { "data-facet": param }, el("h2", { text: title }));
    section.append(values.length ? list : el("p", { class: "empty", text: "—" }));
    box.append(section);
  }
}

function renderHits(page, append) {
  const list = $("hits");
  if (!append) list.replaceChildren();
  $("summary").textContent = page.total === 0 ? "No articles match."
      : page.total.toLocaleString() + (page.total === 1 ? " article" : " articles");
  for (const hit of page.hits) {
    const title = el("a", { href: "?" + new URLSearchParams({ article: hit.id }), text: hit.title || "(untitled)" });
    title.addEventListener("click", (event) => {
      event.preventDefault();
      const state = readState();
      state.article = hit.id;
      go(state);
    });
    const meta = el("div", { class: "meta" });
    if (hit.source) meta.append(el("span", { text: hit.source }));
    if (hit.publishedAt) meta.append(el("time", { datetime: hit.publishedAt, text: formatTime(hit.publishedAt) }));
    if (hit.language) meta.append(el("span", { text: hit.language.toUpperCase() }));
    if (hit.countries && hit.countries.length) {
      meta.append(el("span", { text: hit.countries.slice(0, 4).map((c) => countryNames[c] || c).join(", ") }));
    }
    if (hit.tone) meta.append(el("span", { class: "tone-" + hit.tone, text: hit.tone }));
    const item = el("li", { class: "hit", "data-id": hit.id }, el("h3", {}, title), meta);
    for (const snippet of hit.snippets || []) item.append(marked(snippet));
    list.append(item);
  }
  $("more").hidden = !page.next;
}

/** A snippet with its matched words (between U+0002 and U+0003) marked, as text nodes. */
function marked(snippet) {
  const p = el("p", { class: "snippet" });
  const parts = snippet.split(/([\u0002\u0003])/);
  let inside = false;
  for (const part of parts) {
    if (part === "\u0002") inside = true;
    else if (part === "\u0003") inside = false;
    else if (part) p.append(inside ? el("mark", { text: part }) : document.createTextNode(part));
  }
  return p;
}

function formatTime(iso) {
  const date = new Date(iso);
  return isNaN(date) ? "" : date.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

// ---- timeline: bars of articles, a line of tone; drag to filter by range

function renderTimeline(state, timeline) {
  const chart = $("timeline");
  chart.replaceChildren();
  const points = timeline.points || [];
  const width = 600, height = 160, top = 8, bottom = 20;
  if (!points.length) {
    chart.append(Object.assign(svg("text", { x: 300, y: 80, "text-anchor": "middle", class: "axis" }), { textContent: "No dates" }));
    return;
  }
  const max = Math.max(...points.map((p) => p.count), 1);
  const step = width / points.length;
  points.forEach((point, i) => {
    const h = (height - top - bottom) * point.count / max;
    const rect = svg("rect", { class: "bar-rect", x: i * step + 1, y: height - bottom - h, width: Math.max(step - 2, 1), height: h });
    rect.append(Object.assign(svg("title"), { textContent: formatTime(point.time) + ": " + point.count }));
    chart.append(rect);
  });
  const tones = points.map((p, i) => p.tone == null ? null
      : `${i * step + step / 2},${top + (height - top - bottom) * (1 - (p.tone + 1) / 2)}`).filter(Boolean);
  if (tones.length > 1) chart.append(svg("polyline", { class: "tone", points: tones.join(" ") }));
  const axis = (x, anchor, text) => chart.append(Object.assign(svg("text", { x, y: height - 5, "text-anchor": anchor, class: "axis" }), { textContent: text }));
  axis(2, "start", formatTime(points[0].time));
  axis(width - 2, "end", formatTime(points[points.length - 1].time));
  // drag to select a range of buckets
  let start = null;
  const selection = svg("rect", { class: "selection", y: 0, height, width: 0, x: 0 });
  chart.append(selection);
  const bucketAt = (event) => {
    const box = chart.getBoundingClientRect();
    return Math.min(points.length - 1, Math.max(0, Math.floor((event.clientX - box.left) / box.width * points.length)));
  };
  chart.onmousedown = (event) => { start = bucketAt(event); };
  chart.onmousemove = (event) => {
    if (start == null) return;
    const end = bucketAt(event);
    selection.setAttribute("x", Math.min(start, end) * step);
    selection.setAttribute("width", (Math.abs(end - start) + 1) * step);
  };
  chart.onmouseup = (event) => {
    if (start == null) return;
    const end = bucketAt(event);
    const [a, b] = [Math.min(start, end), Math.max(start, end)];
    start = null;
    const next = b + 1 < points.length ? points[b + 1].time
        : new Date(new Date(points[b].time).getTime() + (b > 0 ? new Date(points[b].time) - new Date(points[b - 1].time) : 86400000)).toISOString();
    state.from = points[a].time;
    state.to = next;
    go(state);
  };
}

// ---- map: countries shaded by articles; click to filter

async function loadWorld() {
  if (world) return world;
  const response = await fetch("world.json");
  world = await response.json();
  for (const country of world.countries) countryNames[country.code] = country.name;
  return world;
}

function renderMap(state, buckets, spots) {
  const map = $("map");
  map.replaceChildren();
  if (!world) return;
  const counts = Object.fromEntries(buckets.map((b) => [b.value, b.count]));
  const max = Math.max(1, ...buckets.map((b) => b.count));
  for (const country of world.countries) {
    const count = counts[country.code] || 0;
    const path = svg("path", { d: country.d, "data-country": country.code });
    if (count) {
      const share = Math.log(1 + count) / Math.log(1 + max);
      path.style.fill = `hsl(215, 65%, ${88 - share * 50}%)`; // CSSOM, which the style-src policy allows
    }
    path.append(Object.assign(svg("title"), { textContent: country.name + ": " + count.toLocaleString() }));
    path.addEventListener("click", () => {
      if (!state.filters.country.includes(country.code)) state.filters.country = [...state.filters.country, country.code];
      go(state);
    });
    map.append(path);
  }
  // where enrichment located the articles: a dot per map tile, its area by the count
  const most = Math.max(1, ...spots.map((s) => s.count));
  for (const spot of spots) {
    const dot = svg("circle", { class: "spot", cx: (spot.lon + 180) * 1000 / 360, cy: (90 - spot.lat) * 500 / 180,
      r: 2 + 8 * Math.sqrt(spot.count / most) });
    dot.append(Object.assign(svg("title"), { textContent: spot.count.toLocaleString() + " articles located here" }));
    map.append(dot);
  }
}

// ---- article view

async function renderArticle(id) {
  const view = $("article-view");
  const article = await api("api/v1/articles/" + encodeURIComponent(id));
  view.replaceChildren();
  view.append(el("button", { class: "back", type: "button", text: "← Back to results", onclick: () => history.back() }));
  view.append(el("h1", { text: article.title || "(untitled)" }));
  const meta = el("div", { class: "meta" });
  if (article.source) meta.append(el("span", { text: article.source }));
  if (article.authors && article.authors.length) meta.append(el("span", { text: "By " + article.authors.join(", ") }));
  if (article.publishedAt) meta.append(el("time", { datetime: article.publishedAt, text: formatTime(article.publishedAt) }));
  if (article.dateline) meta.append(el("span", { text: article.dateline }));
  if (article.language) meta.append(el("span", { text: article.language.toUpperCase() }));
  if (article.countries && article.countries.length) {
    meta.append(el("span", { text: article.countries.map((c) => countryNames[c] || c).join(", ") }));
  }
  if (article.tone) meta.append(el("span", { class: "tone-" + article.tone.label, text: "tone " + article.tone.label + " (" + article.tone.score + ")" }));
  if (article.url && /^https?:\/\//i.test(article.url)) {
    meta.append(el("a", { href: article.url, rel: "noopener noreferrer", target: "_blank", text: "Original ↗" }));
  }
  view.append(meta);
  const links = storyLinks(article);
  if (links.childNodes.length) view.append(links);
  if (article.image && /^https?:\/\//i.test(article.image.url)) {
    view.append(el("figure", {}, el("img", { src: article.image.url, alt: article.image.caption || "", loading: "lazy" }),
        el("figcaption", { class: "hint", text: article.image.caption || "" })));
  }
  if (article.summary) view.append(el("div", { class: "summary-box" }, el("strong", { text: "Summary: " }), article.summary));
  const tags = el("div", { class: "tags" });
  for (const topic of article.topics || []) tags.append(el("span", { class: "tag", text: topic }));
  for (const keyword of article.keywords || []) tags.append(el("span", { class: "tag", text: "#" + keyword }));
  view.append(tags);
  view.append(el("div", { class: "legend" },
      el("span", { class: "entity entity-PERSON", text: "person" }), el("span", { class: "entity entity-ORGANIZATION", text: "organisation" }),
      el("span", { class: "entity entity-LOCATION", text: "place" }), el("span", { class: "entity entity-MISC", text: "other" })));
  view.append(body(article.body || "", article.entities || []));
  if (article.related && article.related.length) {
    const list = el("ul");
    for (const hit of article.related) {
      const link = el("a", { href: "?" + new URLSearchParams({ article: hit.id }), text: hit.title || "(untitled)" });
      link.addEventListener("click", (event) => { event.preventDefault(); go({ ...readState(), article: hit.id }); });
      list.append(el("li", {}, link, " ", el("span", { class: "hint", text: hit.source || "" })));
    }
    view.append(el("section", { class: "related" }, el("h2", { text: "Related" }), list));
  }
  view.hidden = false;
  document.title = (article.title || "Article") + " — Newsflow";
  window.scrollTo(0, 0);
}

/** The article's story (a link to all its articles, with their timeline), its original if it is a copy, its copies. */
function storyLinks(article) {
  const box = el("div", { class: "story-links" });
  const search = (filters) => go({ q: "", sort: "newest", from: "", to: "", article: "",
    filters: Object.fromEntries(FILTER_PARAMS.map((param) => [param, filters[param] || []])) });
  if (article.story) {
    if (article.story.label) storyLabels.set(article.story.id, article.story.label);
    const link = el("a", { href: "?" + new URLSearchParams({ story: article.story.id }), "data-story": article.story.id,
      text: (article.story.label || "This story") + " · " + article.story.articles.toLocaleString()
        + (article.story.articles === 1 ? " article" : " articles") });
    link.addEventListener("click", (event) => { event.preventDefault(); search({ story: [article.story.id] }); });
    box.append(el("span", {}, el("strong", { text: "Story: " }), link));
  }
  if (article.copyOf) {
    const link = el("a", { href: "?" + new URLSearchParams({ article: article.copyOf.id }), "data-original": article.copyOf.id,
      text: article.copyOf.title || "the original" });
    link.addEventListener("click", (event) => { event.preventDefault(); go({ ...readState(), article: article.copyOf.id }); });
    box.append(el("span", {}, el("strong", { text: "Copy of: " }), link,
        el("span", { class: "hint", text: (article.copyOf.source ? " (" + article.copyOf.source + ")" : "")
          + " · " + Math.round(article.copyOf.similarity * 100) + "% the same text" })));
  }
  if (article.copies > 0) {
    box.append(el("span", { class: "copies", text: "Republished " + article.copies.toLocaleString()
      + (article.copies === 1 ? " time" : " times") + " by other sources" }));
  }
  return box;
}

/** The body, paragraphs on blank lines, each entity mention highlighted by type (from its offsets). */
function body(text, entities) {
  const spans = [];
  for (const entity of entities) {
    for (const [start, end] of entity.offsets || []) {
      if (start >= 0 && end <= text.length && start < end) spans.push({ start, end, entity });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const container = el("div", { class: "body" });
  let paragraph = el("p");
  const addText = (chunk) => {
    const pieces = chunk.split("\n\n");
    pieces.forEach((piece, i) => {
      if (i > 0) { container.append(paragraph); paragraph = el("p"); }
      if (piece) paragraph.append(document.createTextNode(piece));
    });
  };
  let at = 0;
  for (const span of spans) {
    if (span.start < at) continue; // overlapping mention: the first one wins
    addText(text.slice(at, span.start));
    const mark = el("span", { class: "entity entity-" + span.entity.type, text: text.slice(span.start, span.end),
      title: (span.entity.canonicalName || span.entity.text) + " (" + span.entity.type.toLowerCase() + ")" });
    paragraph.append(mark);
    at = span.end;
  }
  addText(text.slice(at));
  container.append(paragraph);
  return container;
}

// ---- live: announce what arrived since the page loaded

async function checkLive() {
  const state = readState();
  if (state.article || !loadedAt) return;
  try {
    const answer = await api("api/v1/search/new?" + query(state, { since: loadedAt }));
    const button = $("live");
    if (answer.count > 0) {
      button.textContent = answer.count.toLocaleString() + " new — show";
      button.hidden = false;
    }
  } catch (error) {
    // the next check will tell
  }
}

// ---- wiring

document.addEventListener("DOMContentLoaded", async () => {
  $("search").addEventListener("submit", (event) => {
    event.preventDefault();
    const state = readState();
    state.q = $("q").value.trim();
    state.sort = $("sort").value;
    state.article = "";
    go(state);
  });
  $("sort").addEventListener("change", () => {
    const state = readState();
    state.sort = $("sort").value;
    go(state);
  });
  $("more").addEventListener("click", async () => {
    if (!cursor) return;
    try {
      const page = await api("api/v1/search?" + query(readState(), { after: cursor }));
      cursor = page.next;
      renderHits(page, true);
    } catch (error) {
      showError(error);
    }
  });
  $("live").addEventListener("click", () => render());
  $("home").addEventListener("click", (event) => { event.preventDefault(); history.pushState(null, "", location.pathname); render(); });
  window.addEventListener("popstate", () => render());
  await render();
  liveTimer = setInterval(checkLive, LIVE_EVERY_MS);
});
