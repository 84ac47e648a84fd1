// Shared by the dashboard and the event page: DOM building, the API, filters in the URL.
//
// Article text, titles, URLs, actor and source names are untrusted. They only ever reach the page
// as text nodes (textContent) or attribute values set one by one; never parsed as markup.

export const EVENT_TYPES = [
  "Battles",
  "Explosions/Remote violence",
  "Violence against civilians",
  "Protests",
  "Riots",
  "Strategic developments",
];

export const TYPE_COLORS = {
  "Battles": "#c0392b",
  "Explosions/Remote violence": "#e67e22",
  "Violence against civilians": "#8e44ad",
  "Protests": "#2471a3",
  "Riots": "#6e2c00",
  "Strategic developments": "#1e8449",
};

export const FILTER_KEYS = [
  "since", "until", "bbox", "country", "admin1", "event_type", "sub_event_type",
  "actor", "source", "min_fatalities", "text",
];

/** An element with attributes and children; strings become text nodes, never markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (/^on/i.test(name) || name === "style" || name === "srcdoc") {
      throw new Error(`refusing to set the attribute ${name}`);
    }
    if (name === "href") {
      const safe = safeHref(value);
      if (safe) node.setAttribute("href", safe);
    } else if (name === "dataset") {
      Object.assign(node.dataset, value);
    } else {
      node.setAttribute(name, String(value));
    }
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** The URL if it is http(s) or a path on this site; null for javascript:, data: and the like. */
export function safeHref(value) {
  const text = String(value);
  if (text.startsWith("/") && !text.startsWith("//")) return text;
  try {
    const url = new URL(text);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

/** GET an API path with query parameters (arrays repeat the key); throws the envelope's message. */
export async function getJSON(path, params = {}) {
  const query = toSearchParams(params).toString();
  const response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Error(body && body.error ? body.error : `${path} answered ${response.status}`);
  }
  return body;
}

export function toSearchParams(params) {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== null && item !== undefined && item !== "") search.append(key, String(item));
    }
  }
  return search;
}

/** The filters (and sort) in the page's query string: the state a shared link carries. */
export function filtersFromURL() {
  const search = new URLSearchParams(window.location.search);
  const filters = {};
  for (const key of [...FILTER_KEYS, "sort"]) {
    const values = search.getAll(key).filter((value) => value !== "");
    if (values.length) filters[key] = values.length === 1 ? values[0] : values;
  }
  return filters;
}

export function eventURL(id) {
  return `/events/${encodeURIComponent(id)}`;
}

export function showMessage(text) {
  const box = document.getElementById("message");
  box.textContent = text;
  box.hidden = !text;
}

export function placeLabel(location) {
  if (!location) return "unknown place";
  return [location.name, location.admin1, location.country].filter(Boolean).join(", ");
}

export function actorsLabel(event) {
  const names = [event.actor1, event.actor2].filter(Boolean).map((actor) => actor.name);
  return names.length ? names.join(" vs ") : "no actor named";
}

export function fatalitiesLabel(fatalities) {
  if (!fatalities || fatalities.best === null || fatalities.best === undefined) return "–";
  const { best, low, high } = fatalities;
  return low !== high && high !== null ? `${best} (${low}–${high})` : String(best);
}
