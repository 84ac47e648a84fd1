// One event: what, where, when, who; its fatality claims side by side; and each source article's
// text with the evidence sentences and the claims' words highlighted. Article text is hostile
// input: it is cut into text nodes inside <mark> elements, never parsed as HTML.

import { actorsLabel, el, getJSON, placeLabel, safeHref, showMessage } from "./common.js";

async function main() {
  const id = decodeURIComponent(window.location.pathname.split("/").filter(Boolean).pop() || "");
  const { event, articles } = await getJSON(`/api/events/${encodeURIComponent(id)}`);
  document.title = `warwatch: ${event.sub_event_type}, ${event.date}`;
  document.getElementById("event-title").textContent =
    `${event.sub_event_type} (${event.event_type}) · ${event.date} · ${placeLabel(event.location)}`;
  document.getElementById("event").dataset.eventId = event.id;
  drawFacts(event);
  drawClaims(event);
  document.getElementById("articles").replaceChildren(...articles.map((article) => drawArticle(article, event)));
  document.body.dataset.state = "ready";
}

function drawFacts(event) {
  const where = event.location;
  const facts = [
    ["Event id", event.id],
    ["Date", event.date_range ? `${event.date} (between ${event.date_range[0]} and ${event.date_range[1]})` : event.date],
    ["Place", where ? `${placeLabel(where)} (${where.lat.toFixed(4)}, ${where.lon.toFixed(4)}); geo precision ${where.geo_precision}; text: “${where.mention || where.name}”` : "unknown"],
    ["Actors", actorsLabel(event)],
    ["Associated", [...event.assoc_actor_1, ...event.assoc_actor_2].join(", ") || "–"],
    ["Sources", event.sources.join(", ") || "–"],
    ["Status", event.status],
    ["Typed by rule", event.rule || "–"],
  ];
  if (event.conflicts && event.conflicts.length) facts.push(["Conflicts", event.conflicts.join("; ")]);
  document.getElementById("facts").replaceChildren(...facts.flatMap(([term, value]) => [el("dt", {}, term), el("dd", {}, value)]));
}

function drawClaims(event) {
  const { best, low, high, claims } = event.fatalities;
  document.getElementById("estimate").textContent = best === null || !claims.length
    ? "No fatality figure was reported (ACLED counts such an event as 0)."
    : `Conservative estimate: ${best} (low ${low}, high ${high}), from ${claims.length} claim(s).`;
  document.getElementById("claims").replaceChildren(...claims.map((claim, index) => el("div",
    { class: `claim-card certainty-${claim.certainty}`, dataset: { claim: String(index) } },
    el("div", { class: "claim-value" }, claim.qualifier === "exact" ? String(claim.value) : `${claim.qualifier} ${claim.value}`),
    el("dl", {},
      el("dt", {}, "source"), el("dd", {}, claim.source || "not named"),
      el("dt", {}, "value"), el("dd", {}, String(claim.value)),
      el("dt", {}, "qualifier"), el("dd", {}, claim.qualifier),
      el("dt", {}, "certainty"), el("dd", {}, claim.certainty)),
    claim.span ? el("blockquote", {}, `“${claim.span.text}”`) : null)));
}

function drawArticle(article, event) {
  const spans = [
    ...event.evidence.filter((span) => span.article_id === article.id).map((span) => ({ ...span, kind: "evidence" })),
    ...event.fatalities.claims
      .map((claim, index) => ({ claim, index }))
      .filter(({ claim }) => claim.span && claim.span.article_id === article.id)
      .map(({ claim, index }) => ({ ...claim.span, kind: "claim", index, label: claimLabel(claim) })),
  ].filter((span) => article.text.slice(span.start, span.end) === span.text);
  const link = safeHref(article.url || "");
  return el("section", { class: "article", dataset: { articleId: article.id } },
    el("h3", {}, article.title || article.path || article.id),
    el("p", { class: "meta" },
      [article.publisher, article.published].filter(Boolean).join(", ") || "no publisher or date",
      article.url ? " · " : "",
      article.url ? (link ? el("a", { href: link, rel: "noopener noreferrer nofollow", target: "_blank" }, article.url)
        : el("span", { class: "unsafe-url", title: "not an http(s) address: shown, not linked" }, article.url)) : ""),
    el("div", { class: "article-text" }, highlighted(article.text, spans)));
}

function claimLabel(claim) {
  return `${claim.source || "unnamed source"}: ${claim.qualifier} ${claim.value} (${claim.certainty})`;
}

/** The text cut at every span boundary; each piece inside spans becomes a <mark> of their kinds. */
function highlighted(text, spans) {
  const cuts = new Set([0, text.length]);
  for (const span of spans) cuts.add(span.start).add(span.end);
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const covering = spans.filter((span) => span.start <= start && end <= span.end);
    const piece = text.slice(start, end);
    if (!covering.length) {
      pieces.push(document.createTextNode(piece));
      continue;
    }
    const claims = covering.filter((span) => span.kind === "claim");
    const mark = el("mark", {
      class: [...new Set(covering.map((span) => span.kind))].join(" "),
      title: claims.map((span) => span.label).join("; ") || null,
      dataset: claims.length ? { claim: claims.map((span) => span.index).join(" ") } : {},
    }, piece);
    pieces.push(mark);
  }
  return pieces;
}

main().catch((error) => {
  document.body.dataset.state = "error";
  document.getElementById("event-title").textContent = "Event not found";
  showMessage(error.message);
});
