// The events map: Leaflet over an offline base layer of country outlines (Natural Earth via
// world-atlas), with events grouped by a screen-space grid into markers sized by fatalities and
// coloured by the most frequent event type. No tile server: everything comes from /static.

import { TYPE_COLORS, el, eventURL } from "./common.js";

const CELL_PX = 52; // events closer than this on screen share a marker
const OUTLINES = "/static/vendor/world-atlas/countries-110m.json";

export class EventMap {
  constructor(element) {
    this.map = L.map(element, { minZoom: 1, maxZoom: 11, worldCopyJump: true, zoomSnap: 0.5 });
    this.map.attributionControl.setPrefix(false);
    this.map.attributionControl.addAttribution("Country outlines: Natural Earth");
    this.map.setView([20, 20], 2);
    this.markers = L.layerGroup().addTo(this.map);
    this.features = [];
    this.map.on("zoomend", () => this.draw());
    this.outlines = this.loadOutlines();
  }

  async loadOutlines() {
    const response = await fetch(OUTLINES);
    const topology = await response.json();
    const countries = topojson.feature(topology, topology.objects.countries);
    countries.features = countries.features.filter((feature) => feature.properties.name !== "Antarctica");
    countries.features.forEach(unwrapAntimeridian);
    L.geoJSON(countries, { interactive: false, className: "country", style: { weight: 0.7 } }).addTo(this.map);
  }

  /** Show these GeoJSON features; zoom to them when ``fit`` is set. */
  setFeatures(features, { fit = false } = {}) {
    this.features = features;
    if (fit && features.length) {
      const bounds = L.latLngBounds(features.map(latLngOf));
      this.map.fitBounds(bounds.pad(0.3), { maxZoom: 6, animate: false });
    }
    this.draw();
  }

  /** The current view as the API's bbox parameter: west,south,east,north. */
  viewBbox() {
    const bounds = this.map.getBounds();
    const clamp = (value, limit) => Math.max(-limit, Math.min(limit, value)).toFixed(4);
    return [clamp(bounds.getWest(), 180), clamp(bounds.getSouth(), 90), clamp(bounds.getEast(), 180),
      clamp(bounds.getNorth(), 90)].join(",");
  }

  draw() {
    this.markers.clearLayers();
    for (const cluster of clusters(this.map, this.features)) {
      this.markers.addLayer(clusterMarker(this.map, cluster));
    }
  }
}

function latLngOf(feature) {
  const [lon, lat] = feature.geometry.coordinates;
  return L.latLng(lat, lon);
}

/** Features grouped by a screen grid, then groups whose markers would overlap merged. */
function clusters(map, features) {
  const zoom = map.getZoom();
  const cells = new Map();
  for (const feature of features) {
    const point = map.project(latLngOf(feature), zoom);
    const key = `${Math.floor(point.x / CELL_PX)}:${Math.floor(point.y / CELL_PX)}`;
    if (!cells.has(key)) cells.set(key, { features: [], x: 0, y: 0 });
    const cell = cells.get(key);
    cell.features.push(feature);
    cell.x += point.x;
    cell.y += point.y;
  }
  const groups = [...cells.values()].sort((a, b) => b.features.length - a.features.length);
  const kept = [];
  for (const group of groups) {
    const [x, y] = [group.x / group.features.length, group.y / group.features.length];
    const near = kept.find((other) => Math.hypot(other.x - x, other.y - y) < (other.radius + radiusOf(group.features)) * 0.9);
    if (near) {
      const n = near.features.length;
      const m = group.features.length;
      near.x = (near.x * n + x * m) / (n + m);
      near.y = (near.y * n + y * m) / (n + m);
      near.features.push(...group.features);
      near.radius = radiusOf(near.features);
    } else {
      kept.push({ features: group.features, x, y, radius: radiusOf(group.features) });
    }
  }
  return kept.map((group) => group.features);
}

function markerSize(count, fatalities) {
  return Math.round(Math.min(72, 16 + 3.2 * Math.sqrt(fatalities) + (count > 1 ? 5 * Math.log2(count) : 0)));
}

function radiusOf(features) {
  const fatalities = features.reduce((sum, feature) => sum + (feature.properties.fatalities || 0), 0);
  return markerSize(features.length, fatalities) / 2;
}

function summarise(features) {
  const types = new Map();
  let fatalities = 0;
  let lat = 0;
  let lon = 0;
  for (const feature of features) {
    const type = feature.properties.event_type;
    types.set(type, (types.get(type) || 0) + 1);
    fatalities += feature.properties.fatalities || 0;
    lon += feature.geometry.coordinates[0];
    lat += feature.geometry.coordinates[1];
  }
  const dominant = [...types.entries()].sort((a, b) => b[1] - a[1])[0][0];
  return { count: features.length, fatalities, dominant, center: L.latLng(lat / features.length, lon / features.length) };
}

function clusterMarker(map, features) {
  const { count, fatalities, dominant, center } = summarise(features);
  const size = markerSize(count, fatalities);
  const dot = el("div", {
    class: "ww-marker",
    dataset: { count: String(count), fatalities: String(fatalities), eventType: dominant },
    title: `${count} event(s), ${fatalities} fatalities; mostly ${dominant}`,
  }, count > 1 ? String(count) : "");
  dot.style.backgroundColor = TYPE_COLORS[dominant] || "#555";
  const icon = L.divIcon({ html: dot, className: "ww-icon", iconSize: [size, size] });
  const marker = L.marker(center, { icon, keyboard: true, title: dot.title, alt: dot.title });
  if (count > 1) {
    marker.on("click", () => map.fitBounds(L.latLngBounds(features.map(latLngOf)).pad(0.5), { maxZoom: map.getZoom() + 3 }));
  } else {
    marker.bindPopup(() => popupContent(features[0]));
  }
  return marker;
}

function popupContent(feature) {
  const p = feature.properties;
  const place = [p.admin1, p.country].filter(Boolean).join(", ");
  return el("div", { class: "popup" },
    el("strong", {}, p.sub_event_type),
    el("div", {}, `${p.date} · ${place || "unknown place"}`),
    el("div", {}, [p.actor1, p.actor2].filter(Boolean).join(" vs ")),
    el("div", {}, `fatalities: ${p.fatalities === null ? "none reported" : p.fatalities}`),
    el("a", { href: eventURL(feature.id) }, "open the event"));
}

/** Shapes crossing the 180° meridian jump from +180 to -180; keep their longitudes continuous. */
function unwrapAntimeridian(feature) {
  const geometry = feature.geometry;
  if (!geometry) return;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of polygons) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i += 1) {
        while (ring[i][0] - ring[i - 1][0] > 180) ring[i][0] -= 360;
        while (ring[i][0] - ring[i - 1][0] < -180) ring[i][0] += 360;
      }
    }
  }
}
