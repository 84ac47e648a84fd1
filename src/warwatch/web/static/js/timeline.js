// The timeline: stacked bars of events per day or week by event type, a line of fatalities, and a
// brush. Dragging across it picks a date range, which the dashboard turns into since/until.
// Plain SVG built with DOM calls; no chart library.

import { EVENT_TYPES, TYPE_COLORS } from "./common.js";

const SVG = "http://www.w3.org/2000/svg";
const DAY_MS = 86_400_000;
const HEIGHT = 170;
const MARGIN = { top: 12, right: 44, bottom: 24, left: 40 };

function svg(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

const toTime = (iso) => Date.parse(`${iso}T00:00:00Z`);
const toISO = (time) => new Date(time).toISOString().slice(0, 10);

export class Timeline {
  constructor(container, onBrush) {
    this.container = container;
    this.onBrush = onBrush;
  }

  /** Draw ``buckets`` (from /api/timeline); ``selection`` is {since, until} or null. */
  render(buckets, interval, selection) {
    const width = Math.max(320, this.container.clientWidth || 800);
    const step = (interval === "week" ? 7 : 1) * DAY_MS;
    const periods = groupByPeriod(buckets);
    this.container.replaceChildren();
    const root = svg("svg", { width, height: HEIGHT, class: "timeline", role: "img",
      "aria-label": `events and fatalities per ${interval}` });
    this.container.append(root);
    if (!periods.length) {
      root.append(svg("text", { x: width / 2, y: HEIGHT / 2, "text-anchor": "middle", class: "empty" }, "no events"));
      this.scale = null;
      return;
    }
    const start = toTime(periods[0].period) - step;
    const end = toTime(periods[periods.length - 1].period) + 2 * step;
    const plot = { x0: MARGIN.left, x1: width - MARGIN.right, y0: HEIGHT - MARGIN.bottom, y1: MARGIN.top };
    const x = (time) => plot.x0 + ((time - start) / (end - start)) * (plot.x1 - plot.x0);
    this.scale = { x, start, end, plot };
    root.dataset.start = toISO(start);
    root.dataset.end = toISO(end);
    drawAxes(root, plot, start, end, periods);
    drawBars(root, plot, periods, x, step);
    drawFatalities(root, plot, periods, x, step);
    this.drawBrush(root, plot, selection);
  }

  drawBrush(root, plot, selection) {
    const { x } = this.scale;
    const band = svg("rect", { class: "brush-selection", y: plot.y1, height: plot.y0 - plot.y1, x: 0, width: 0 });
    if (selection && (selection.since || selection.until)) {
      const left = selection.since ? x(toTime(selection.since)) : plot.x0;
      const right = selection.until ? x(toTime(selection.until) + DAY_MS) : plot.x1;
      band.setAttribute("x", Math.max(plot.x0, left));
      band.setAttribute("width", Math.max(2, Math.min(plot.x1, right) - Math.max(plot.x0, left)));
    }
    const area = svg("rect", { class: "brush-area", x: plot.x0, y: plot.y1, width: plot.x1 - plot.x0,
      height: plot.y0 - plot.y1 });
    root.append(band, area);
    let from = null;
    const clampX = (event) => {
      const box = root.getBoundingClientRect();
      return Math.max(plot.x0, Math.min(plot.x1, event.clientX - box.left));
    };
    area.addEventListener("pointerdown", (event) => {
      from = clampX(event);
      area.setPointerCapture(event.pointerId);
      band.setAttribute("x", from);
      band.setAttribute("width", 0);
    });
    area.addEventListener("pointermove", (event) => {
      if (from === null) return;
      const to = clampX(event);
      band.setAttribute("x", Math.min(from, to));
      band.setAttribute("width", Math.abs(to - from));
    });
    area.addEventListener("pointerup", (event) => {
      if (from === null) return;
      const to = clampX(event);
      const [left, right] = [Math.min(from, to), Math.max(from, to)];
      from = null;
      if (right - left < 4) return;
      this.onBrush({ since: this.dateAt(left), until: this.dateAt(right) });
    });
  }

  dateAt(px) {
    const { start, end, plot } = this.scale;
    return toISO(start + ((px - plot.x0) / (plot.x1 - plot.x0)) * (end - start));
  }
}

function groupByPeriod(buckets) {
  const periods = new Map();
  for (const bucket of buckets) {
    if (!periods.has(bucket.period)) periods.set(bucket.period, { period: bucket.period, byType: {}, events: 0, fatalities: 0 });
    const entry = periods.get(bucket.period);
    entry.byType[bucket.event_type] = (entry.byType[bucket.event_type] || 0) + bucket.events;
    entry.events += bucket.events;
    entry.fatalities += bucket.fatalities;
  }
  return [...periods.values()].sort((a, b) => (a.period < b.period ? -1 : 1));
}

function drawAxes(root, plot, start, end, periods) {
  const maxEvents = Math.max(...periods.map((p) => p.events));
  const maxDead = Math.max(...periods.map((p) => p.fatalities));
  root.append(
    svg("line", { class: "axis", x1: plot.x0, x2: plot.x1, y1: plot.y0, y2: plot.y0 }),
    svg("text", { class: "axis-label", x: plot.x0 - 6, y: plot.y1 + 8, "text-anchor": "end" }, String(maxEvents)),
    svg("text", { class: "axis-label", x: plot.x0 - 6, y: plot.y0, "text-anchor": "end" }, "0"),
    svg("text", { class: "axis-label dead", x: plot.x1 + 6, y: plot.y1 + 8 }, `${maxDead}†`),
  );
  const years = (end - start) / (365 * DAY_MS);
  const first = new Date(start);
  const tick = new Date(Date.UTC(first.getUTCFullYear(), years > 2 ? 0 : first.getUTCMonth() + 1, 1));
  while (tick.getTime() < end) {
    const at = plot.x0 + ((tick.getTime() - start) / (end - start)) * (plot.x1 - plot.x0);
    if (at >= plot.x0) {
      const label = years > 2 ? String(tick.getUTCFullYear()) : toISO(tick.getTime()).slice(0, 7);
      root.append(svg("line", { class: "tick", x1: at, x2: at, y1: plot.y0, y2: plot.y0 + 4 }),
        svg("text", { class: "axis-label", x: at, y: plot.y0 + 16, "text-anchor": "middle" }, label));
    }
    if (years > 2) tick.setUTCFullYear(tick.getUTCFullYear() + Math.ceil(years / 8));
    else tick.setUTCMonth(tick.getUTCMonth() + Math.max(1, Math.ceil(years * 12 / 8)));
  }
}

function drawBars(root, plot, periods, x, step) {
  const maxEvents = Math.max(...periods.map((p) => p.events));
  const perEvent = (plot.y0 - plot.y1) / maxEvents;
  for (const period of periods) {
    const left = x(toTime(period.period));
    const width = Math.max(3, x(toTime(period.period) + step) - left - 1);
    let top = plot.y0;
    for (const type of EVENT_TYPES) {
      const count = period.byType[type] || 0;
      if (!count) continue;
      top -= count * perEvent;
      const bar = svg("rect", { class: "bar", x: left, y: top, width, height: count * perEvent, fill: TYPE_COLORS[type] });
      bar.append(svg("title", {}, `${period.period}: ${count} ${type}`));
      root.append(bar);
    }
  }
}

function drawFatalities(root, plot, periods, x, step) {
  const maxDead = Math.max(1, ...periods.map((p) => p.fatalities));
  const points = periods.map((p) => [x(toTime(p.period) + step / 2), plot.y0 - (p.fatalities / maxDead) * (plot.y0 - plot.y1)]);
  periods.forEach((period, i) => {
    if (!period.fatalities) return;
    root.append(svg("line", { class: "fatality-stem", x1: points[i][0], x2: points[i][0], y1: plot.y0, y2: points[i][1] }));
    const dot = svg("circle", { class: "fatality-dot", cx: points[i][0], cy: points[i][1], r: 3.5 });
    dot.append(svg("title", {}, `${period.period}: ${period.fatalities} fatalities`));
    root.append(dot);
  });
}
