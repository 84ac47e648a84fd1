// The dashboard: filter form, map, timeline and table, all driven by the filters in the URL.
// Applying filters or brushing the timeline rewrites the query string (so a view can be shared)
// and reloads the map and the table; the timeline ignores the date filters so it stays a guide.

import {
  EVENT_TYPES, FILTER_KEYS, TYPE_COLORS, actorsLabel, el, eventURL, fatalitiesLabel, filtersFromURL, getJSON,
  placeLabel, showMessage, toSearchParams,
} from "./common.js";
import { EventMap } from "./map.js";
import { Timeline } from "./timeline.js";

const PAGE = 50;
const form = document.getElementById("filters");
const state = { filters: filtersFromURL(), cursor: null, summary: null, interval: "day", loads: 0 };
let map;
let timeline;

async function main() {
  state.summary = await getJSON("/api/summary");
  state.interval = chooseInterval(state.summary);
  fillChoices(state.summary);
  fillForm(state.filters);
  drawLegend();
  map = new EventMap(document.getElementById("map"));
  timeline = new Timeline(document.getElementById("timeline"), brushed);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    navigate(readForm(), { fit: true });
  });
  form.event_type.addEventListener("change", () => fillSubTypes(form.event_type.value));
  document.getElementById("reset").addEventListener("click", () => navigate({}, { fit: true }));
  document.getElementById("use-view").addEventListener("click", () => navigate({ ...readForm(), bbox: map.viewBbox() }));
  document.getElementById("clear-dates").addEventListener("click", () => {
    const { since, until, ...rest } = state.filters;
    navigate(rest);
  });
  document.getElementById("more").addEventListener("click", () => loadTable({ append: true }).catch(failed));
  window.addEventListener("popstate", () => {
    state.filters = filtersFromURL();
    fillForm(state.filters);
    refresh({ fit: true }).catch(failed);
  });
  await map.outlines.catch(() => showMessage("the country outlines could not be loaded; run `make install`"));
  await refresh({ fit: true });
}

function chooseInterval(summary) {
  if (!summary.first_date || !summary.last_date) return "day";
  return Date.parse(summary.last_date) - Date.parse(summary.first_date) > 120 * 86_400_000 ? "week" : "day";
}

function navigate(filters, { fit = false } = {}) {
  state.filters = filters;
  const query = toSearchParams(filters).toString();
  window.history.pushState(null, "", query ? `/?${query}` : "/");
  fillForm(filters);
  refresh({ fit }).catch(failed);
}

function brushed({ since, until }) {
  navigate({ ...state.filters, since, until });
}

async function refresh({ fit = false } = {}) {
  document.body.dataset.state = "loading";
  showMessage("");
  const filters = onlyFilters(state.filters);
  const { since, until, ...undated } = filters;
  const [geojson, buckets] = await Promise.all([
    getJSON("/api/geojson", filters),
    getJSON("/api/timeline", { ...undated, interval: state.interval }),
    loadTable({ append: false }),
  ]);
  map.setFeatures(geojson.features, { fit });
  document.getElementById("map").dataset.events = String(geojson.features.length);
  timeline.render(buckets.buckets, state.interval, { since, until });
  document.getElementById("clear-dates").hidden = !(since || until);
  state.loads += 1;
  document.body.dataset.loads = String(state.loads);
  document.body.dataset.state = "ready";
}

async function loadTable({ append }) {
  const params = { ...onlyFilters(state.filters), sort: state.filters.sort || "-date", limit: PAGE };
  if (append && state.cursor) params.cursor = state.cursor;
  const page = await getJSON("/api/events", params);
  const body = document.querySelector("#events tbody");
  if (!append) body.replaceChildren();
  body.append(...page.events.map(row));
  state.cursor = page.next_cursor;
  document.getElementById("more").hidden = !page.next_cursor;
  const shown = page.total_capped ? `more than ${page.total.toLocaleString("en")}` : String(page.total);
  document.getElementById("count").textContent = `${shown} event${page.total === 1 ? "" : "s"}`;
  document.getElementById("count").dataset.total = String(page.total);
}

function row(event) {
  const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
  swatch.style.backgroundColor = TYPE_COLORS[event.event_type] || "#555";
  const range = event.date_range ? `between ${event.date_range[0]} and ${event.date_range[1]}` : null;
  return el("tr", { dataset: { eventId: event.id, date: event.date } },
    el("td", { class: "nowrap" }, el("a", { href: eventURL(event.id), title: range }, event.date)),
    el("td", {}, swatch, event.sub_event_type),
    el("td", {}, placeLabel(event.location)),
    el("td", {}, actorsLabel(event)),
    el("td", { class: "num" }, fatalitiesLabel(event.fatalities)),
    el("td", {}, event.sources.join(", ")));
}

function onlyFilters(filters) {
  return Object.fromEntries(Object.entries(filters).filter(([key]) => FILTER_KEYS.includes(key)));
}

function readForm() {
  const filters = {};
  for (const [key, value] of new FormData(form).entries()) {
    if (value !== "") filters[key] = value;
  }
  if (filters.sort === "-date") delete filters.sort;
  return filters;
}

function fillForm(filters) {
  for (const element of form.elements) {
    if (!element.name) continue;
    const value = filters[element.name];
    const first = Array.isArray(value) ? value[0] : value;
    if (element.name === "event_type") fillSubTypes(first || "");
    element.value = first === undefined ? (element.name === "sort" ? "-date" : "") : first;
  }
}

function fillChoices(summary) {
  form.country.replaceChildren(el("option", { value: "" }, "any"),
    ...Object.entries(summary.countries).map(([code, n]) => el("option", { value: code }, `${code} (${n})`)));
  form.event_type.replaceChildren(el("option", { value: "" }, "any"),
    ...Object.keys(summary.event_types).map((type) => el("option", { value: type }, type)));
  fillSubTypes("");
}

function fillSubTypes(eventType) {
  const types = state.summary ? state.summary.event_types : {};
  const subs = eventType ? types[eventType] || [] : Object.values(types).flat();
  const current = form.sub_event_type.value;
  form.sub_event_type.replaceChildren(el("option", { value: "" }, "any"),
    ...subs.map((sub) => el("option", { value: sub }, sub)));
  form.sub_event_type.value = subs.includes(current) ? current : "";
}

function drawLegend() {
  const legend = document.getElementById("legend");
  legend.replaceChildren(...EVENT_TYPES.map((type) => {
    const swatch = el("span", { class: "swatch", "aria-hidden": "true" });
    swatch.style.backgroundColor = TYPE_COLORS[type];
    return el("span", { class: "legend-item" }, swatch, type);
  }), el("span", { class: "legend-item note" }, "size: fatalities · number: events"));
}

function failed(error) {
  document.body.dataset.state = "error";
  showMessage(error.message);
}

main().catch(failed);
