// isnad's web UI: views over the JSON API, built only with DOM nodes and text nodes.
//
// Article text and every name in it are untrusted: nothing here parses HTML or code (a test scans
// this file for the DOM's HTML-parsing members); text goes in with createTextNode/textContent, attributes
// with setAttribute on a fixed list. Spans from the API are UTF-8 byte offsets; `byteOffsetsToIndices`
// turns them into JavaScript string (UTF-16) indices. Inserted values are wrapped in <bdi> and Latin or
// digit runs inside Arabic text are isolated, so right-to-left layout holds; bidi control characters
// in article text are shown as visible marks instead of being obeyed.
"use strict";

// ---------------------------------------------------------------- pure helpers (tested under node)

/** Maps sorted or unsorted UTF-8 byte offsets into `text` to UTF-16 indices (a Map). Offsets that fall
 *  inside a character, or past the end, map to the next character boundary (or the end). */
function byteOffsetsToIndices(text, offsets) {
  const wanted = Array.from(new Set(offsets)).filter((o) => Number.isInteger(o) && o >= 0).sort((a, b) => a - b);
  const out = new Map();
  let next = 0;
  let bytes = 0;
  let index = 0;
  while (next < wanted.length && index < text.length) {
    while (next < wanted.length && wanted[next] <= bytes) out.set(wanted[next++], index);
    const code = text.codePointAt(index);
    if (code < 0x80) { bytes += 1; index += 1; }
    else if (code < 0x800) { bytes += 2; index += 1; }
    else if (code < 0x10000) { bytes += 3; index += 1; }
    else { bytes += 4; index += 2; }
  }
  while (next < wanted.length) out.set(wanted[next++], text.length);
  return out;
}

/** Cuts `text` (length in UTF-16 units) at every interval boundary; each piece lists the intervals
 *  covering it. Intervals are {start, end, ...} in UTF-16 indices. */
function segment(length, intervals) {
  const cuts = new Set([0, length]);
  for (const iv of intervals) {
    if (iv.end > iv.start) { cuts.add(Math.max(0, Math.min(length, iv.start))); cuts.add(Math.max(0, Math.min(length, iv.end))); }
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const starts = intervals.filter((iv) => iv.end > iv.start).slice().sort((a, b) => a.start - b.start);
  const pieces = [];
  let active = [];
  let k = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i];
    const to = points[i + 1];
    active = active.filter((iv) => iv.end > from);
    while (k < starts.length && starts[k].start <= from) { if (starts[k].end > from) active.push(starts[k]); k++; }
    pieces.push({ start: from, end: to, covering: active.slice() });
  }
  return pieces;
}

const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/;
// Latin words and digits (with the punctuation that joins them), and bidi controls, in one pass.
const RUNS = /([\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069])|([A-Za-z0-9][A-Za-z0-9.,:%/_+#@'-]*(?: +[A-Za-z0-9][A-Za-z0-9.,:%/_+#@'-]*)*)/g;

/** Splits text into plain parts, isolated Latin/digit runs and bidi controls. */
function runs(text) {
  const out = [];
  let last = 0;
  RUNS.lastIndex = 0;
  let m;
  while ((m = RUNS.exec(text)) !== null) {
    if (m.index > last) out.push({ kind: "text", text: text.slice(last, m.index) });
    out.push({ kind: m[1] ? "control" : "latin", text: m[0] });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ kind: "text", text: text.slice(last) });
  return out;
}

if (typeof module !== "undefined" && module.exports) {
  module.exports = { byteOffsetsToIndices, segment, runs, BIDI_CONTROLS };
}

// ---------------------------------------------------------------- the application (browser only)

if (typeof document !== "undefined") {
  const main = document.getElementById("main");
  const ATTRIBUTES = new Set(["class", "href", "title", "dir", "lang", "id", "role", "aria-label", "tabindex", "colspan",
    "data-testid", "data-ann", "data-doc", "data-start", "data-end", "value", "type", "name"]);

  /** An element with allowed attributes and children (strings become isolated text). */
  const el = (tag, attributes, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (!ATTRIBUTES.has(key)) throw new Error("attribute not allowed: " + key);
      if (key === "href" && !String(value).startsWith("#") && !String(value).startsWith("/")) throw new Error("external link");
      node.setAttribute(key, String(value));
    }
    for (const child of children.flat()) append(node, child);
    return node;
  };

  /** Appends text with Latin/digit runs isolated and bidi controls made visible, or a node. */
  const append = (parent, child) => {
    if (child === null || child === undefined || child === false) return;
    if (typeof child !== "string" && typeof child !== "number") { parent.appendChild(child); return; }
    for (const run of runs(String(child))) {
      if (run.kind === "text") parent.appendChild(document.createTextNode(run.text));
      else if (run.kind === "latin") { const b = document.createElement("bdi"); b.textContent = run.text; parent.appendChild(b); }
      else {
        const mark = document.createElement("span");
        mark.className = "bidi-ctrl";
        const code = run.text.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");
        mark.textContent = "U+" + code;
        mark.title = "bidi control character U+" + code + " (shown, not obeyed)";
        parent.appendChild(mark);
      }
    }
  };

  // Text beyond this many characters in one piece is shown on request, a chunk at a time: laying out
  // megabytes of one line would freeze the page.
  const FIRST_CHUNK = 20000;
  const NEXT_CHUNK = 200000;
  /** A cut point at or before `at` that does not split a surrogate pair. */
  const cutAt = (s, at) => (at < s.length && at > 0 && s.charCodeAt(at - 1) >= 0xd800 && s.charCodeAt(at - 1) <= 0xdbff ? at - 1 : Math.min(at, s.length));
  /** Appends a possibly huge text: the start, then a button that reveals the rest in chunks. */
  const appendLong = (parent, s) => {
    if (s.length <= FIRST_CHUNK) { append(parent, s); return; }
    let shown = cutAt(s, FIRST_CHUNK);
    append(parent, s.slice(0, shown));
    const button = el("button", { type: "button", class: "more", "data-testid": "show-more" });
    const label = () => { button.textContent = "… عرض المزيد (" + (s.length - shown).toLocaleString("en") + " حرفاً مخفية)"; };
    label();
    button.addEventListener("click", (event) => {
      event.stopPropagation();
      const next = cutAt(s, shown + NEXT_CHUNK);
      const chunk = document.createDocumentFragment();
      append(chunk, s.slice(shown, next));
      parent.insertBefore(chunk, button);
      shown = next;
      if (shown >= s.length) button.remove(); else label();
    });
    parent.appendChild(button);
  };

  /** A value inside running text: isolated so its direction cannot disturb what surrounds it. */
  const bdi = (value) => el("bdi", {}, value === null || value === undefined ? "—" : String(value));
  const num = (value) => el("bdi", { dir: "ltr" }, value === null || value === undefined ? "—" : String(value));
  const link = (href, ...children) => el("a", { href }, ...children);
  /** An event's PLOVER type and mode, a left-to-right run isolated from the Arabic around it. */
  const typeLabel = (e) => el("bdi", { dir: "ltr" }, e.type + (e.mode ? " / " + e.mode : ""));
  const fieldLabel = (field) => ({ killed: "القتلى", wounded: "الجرحى" })[field] || field;
  const enc = encodeURIComponent;

  async function api(path) {
    const response = await fetch(path, { headers: { Accept: "application/json" } });
    const body = await response.json().catch(() => ({ error: "not JSON (" + response.status + ")" }));
    if (!response.ok) throw new Error(body.error || ("HTTP " + response.status));
    return body;
  }

  const show = (...nodes) => { main.replaceChildren(...nodes); };
  const figureText = (f) => {
    if (f === null || f === undefined) return "—";
    if (typeof f === "number") return String(f);
    const parts = [];
    if (f.low !== null && f.low !== undefined) parts.push("≥" + f.low);
    if (f.best !== null && f.best !== undefined) parts.push("~" + f.best);
    if (f.high !== null && f.high !== undefined) parts.push("≤" + f.high);
    return parts.join(" ");
  };
  const chainNodes = (chain) => {
    if (!chain || chain.length === 0) return [el("span", { class: "muted" }, "المقال نفسه")];
    const out = [];
    chain.slice().reverse().forEach((name, i) => { if (i) out.push(el("span", { class: "arrow" }, "←")); out.push(el("span", { class: "pill" }, bdi(name))); });
    return out;
  };
  const spanLink = (doc, start, end, label) =>
    link("#/article/" + enc(doc) + (start !== null && start !== undefined ? "?s=" + start + "&e=" + end : ""), label);
  const pager = (page, base) => {
    const nav = el("div", { class: "pager" });
    const sep = base.includes("?") ? "&" : "?";
    if (page.offset > 0) nav.appendChild(link(base + sep + "offset=" + Math.max(0, page.offset - page.limit), "السابق"));
    nav.appendChild(el("span", { class: "muted" }, num((page.offset + 1) + "–" + Math.min(page.total, page.offset + page.limit) + " / " + page.total)));
    if (page.offset + page.limit < page.total) nav.appendChild(link(base + sep + "offset=" + (page.offset + page.limit), "التالي"));
    return nav;
  };

  // ------------------------------------------------------------ views

  async function home() {
    const stats = await api("/api/stats");
    const tile = (value, label, href, testid) => link(href, el("span", { class: "stat", "data-testid": testid }, el("span", { class: "figure" }, num(value)), el("span", { class: "label" }, label)));
    show(
      el("h1", {}, "صورة المصادر"),
      el("div", { class: "row" },
        tile(stats.articles, "مقالات", "#/articles", "stat-articles"),
        tile(stats.events, "أحداث", "#/events", "stat-events"),
        tile(stats.entities, "فاعلون وأماكن", "#/entities", "stat-entities"),
        tile(stats.single_source_claims, "ادعاءات من مصدر واحد", "#/claims", "stat-claims"),
        tile(stats.disagreements, "خلافات في الأرقام", "#/claims", "stat-disagreements")),
    );
    await articles(new URLSearchParams(), true);
  }

  async function articles(query, append) {
    const page = await api("/api/articles?" + query.toString());
    const list = el("ul", { class: "plain", "data-testid": "article-list" }, page.items.map((a) =>
      el("li", {}, link("#/article/" + enc(a.doc_id), bdi(a.title || a.doc_id)), " ",
        el("span", { class: "muted" }, num(a.published || ""), " · ", num(a.events), " أحداث · ", num(a.attributions), " إسنادات"))));
    const nodes = [el("h2", {}, "المقالات"), list, pager(page, "#/articles")];
    if (append) nodes.forEach((n) => main.appendChild(n)); else show(el("h1", {}, "المقالات"), list, pager(page, "#/articles"));
  }

  /** The annotation intervals of a record, in byte offsets. */
  function annotations(record, clusters) {
    const out = [];
    for (const f of record.furniture || []) out.push({ start: f.start, end: f.end, kind: "furniture", key: "furniture", data: f });
    for (const e of record.entities || []) for (const m of e.mentions) out.push({ start: m.start, end: m.end, kind: "ent ent-" + e.type, key: "ent:" + e.id, data: { entity: e, cluster: clusters.entity_clusters[e.id] } });
    (record.attributions || []).forEach((a, i) => {
      if (a.content) out.push({ start: a.content.start, end: a.content.end, kind: "att-content", key: "att" + i + ":content", data: { attribution: a, index: i } });
      if (a.source) out.push({ start: a.source.start, end: a.source.end, kind: "att-src", key: "att" + i + ":source", data: { attribution: a, index: i } });
      out.push({ start: a.cue.start, end: a.cue.end, kind: "att-cue", key: "att" + i + ":cue", data: { attribution: a, index: i } });
    });
    (record.events || []).forEach((e, i) => out.push({ start: e.trigger.start, end: e.trigger.end, kind: "ev", key: "ev" + i, data: { event: e, cluster: clusters.event_clusters[i] } }));
    for (const q of record.quantities || []) out.push({ start: q.start, end: q.end, kind: "num", key: "num:" + q.start, data: { quantity: q } });
    for (const d of record.dates || []) out.push({ start: d.start, end: d.end, kind: "date", key: "date:" + d.start, data: { date: d } });
    return out;
  }

  function describe(annotation, article) {
    const d = annotation.data;
    const box = el("div", { class: "detail" });
    if (annotation.key === "furniture") box.append(el("strong", {}, "عناصر الصفحة (مستبعدة): "), bdi(d.reason));
    else if (annotation.key.startsWith("ent:")) {
      box.append(el("strong", {}, "كيان "), el("span", { class: "pill" }, d.entity.type), " ", bdi(d.entity.name));
      if (d.cluster) box.append(" ", link("#/entity/" + enc(d.cluster), "صفحة الفاعل"));
    } else if (annotation.key.startsWith("att")) {
      const a = d.attribution;
      const slice = (s) => (s ? article.text.slice(s.i0, s.i1) : "—");
      box.append(el("strong", {}, "إسناد: "),
        el("span", { class: "att-src" }, bdi(a.source ? a.source.text : "مصدر غير محدد")), el("span", { class: "arrow" }, "←"),
        el("span", { class: "att-cue" }, bdi(a.cue.text)), el("span", { class: "arrow" }, "←"),
        el("span", { class: "att-content" }, bdi(a.content ? slice(a.content) : "—")));
      if (a.via && a.via.length) box.append(el("div", {}, "عبر: ", ...chainNodes(a.via.map((v) => v.text).reverse())));
      if (a.negated) box.append(el("div", { class: "muted" }, "نفي"));
    } else if (annotation.key.startsWith("ev")) {
      const e = d.event;
      box.append(el("strong", {}, "حدث "), el("span", { class: "pill" }, typeLabel(e)), " ", bdi(e.trigger.text));
      if (e.actor) box.append(el("div", {}, "الفاعل: ", bdi(e.actor.text)));
      if (e.target) box.append(el("div", {}, "المستهدف: ", bdi(e.target.text)));
      if (e.place) box.append(el("div", {}, "المكان: ", bdi(e.place.text)));
      if (e.date) box.append(el("div", {}, "التاريخ: ", num(e.date)));
      if (e.killed !== null) box.append(el("div", {}, "قتلى: ", num(figureText(e.killed))));
      if (e.wounded !== null) box.append(el("div", {}, "جرحى: ", num(figureText(e.wounded))));
      if (d.cluster) box.append(el("div", {}, link("#/event/" + enc(d.cluster), "الحدث عبر المقالات")));
    } else if (annotation.key.startsWith("num:")) {
      const q = d.quantity;
      box.append(el("strong", {}, "رقم "), bdi(q.text), " = ", num(q.value !== null ? q.value : figureText({ low: q.low, high: q.high })), q.unit ? " " : "", q.unit ? bdi(q.unit) : "");
    } else if (annotation.key.startsWith("date:")) box.append(el("strong", {}, "تاريخ "), bdi(d.date.text), " = ", num(d.date.value));
    return box;
  }

  async function article(docId, query) {
    const data = await api("/api/articles/" + enc(docId));
    const record = data.record;
    const text = data.text;
    const list = annotations(record, data);
    const focus = query.has("s") ? { start: Number(query.get("s")), end: Number(query.get("e")), kind: "focus", key: "focus" } : null;
    if (focus) list.push(focus);
    const offsets = [];
    for (const a of list) offsets.push(a.start, a.end);
    for (const a of record.attributions || []) if (a.content) offsets.push(a.content.start, a.content.end);
    const index = byteOffsetsToIndices(text, offsets);
    for (const a of list) { a.i0 = index.get(a.start); a.i1 = index.get(a.end); }
    for (const a of record.attributions || []) if (a.content) { a.content.i0 = index.get(a.content.start); a.content.i1 = index.get(a.content.end); }
    const side = el("aside", { class: "side card", "aria-label": "التفاصيل" }, el("p", { class: "muted" }, "انقر على نص مظلل لعرض تفاصيله."));
    const body = el("div", { class: "text", dir: "rtl", "data-testid": "article-text" });
    let focusNode = null;
    for (const piece of segment(text.length, list.map((a) => ({ start: a.i0, end: a.i1, a })))) {
      const pieceText = text.slice(piece.start, piece.end);
      if (piece.covering.length === 0) { appendLong(body, pieceText); continue; }
      const classes = new Set(["a"]);
      for (const c of piece.covering) for (const k of c.a.kind.split(" ")) classes.add(k);
      const node = el(piece.covering.some((c) => c.a.key === "furniture") ? "del" : "span",
        { class: Array.from(classes).join(" "), "data-ann": piece.covering.map((c) => c.a.key).join(" "), tabindex: 0 });
      appendLong(node, pieceText);
      node.addEventListener("click", () => side.replaceChildren(...piece.covering.filter((c) => c.a.key !== "focus").map((c) => describe(c.a, data))));
      if (!focusNode && piece.covering.some((c) => c.a.key === "focus")) focusNode = node;
      body.appendChild(node);
    }
    const attributionList = el("ol", { "data-testid": "attribution-list" }, (record.attributions || []).map((a, i) =>
      el("li", {}, el("a", { href: "#/article/" + enc(docId) + "?s=" + a.cue.start + "&e=" + a.cue.end, "data-ann": "att" + i },
        el("span", { class: "att-src" }, bdi(a.source ? a.source.text : "مصدر غير محدد")), el("span", { class: "arrow" }, "←"),
        el("span", { class: "att-cue" }, bdi(a.cue.text)), el("span", { class: "arrow" }, "←"),
        el("span", { class: "att-content" }, bdi(a.content ? text.slice(a.content.i0, a.content.i0 + 80) + (a.content.i1 - a.content.i0 > 80 ? "…" : "") : "—"))))));
    const copies = data.copies
      ? el("div", { class: "card", "data-testid": "copies" }, el("strong", {}, "نسخ من المقال نفسه: "), ...data.copies.docs.map((d) => link("#/article/" + enc(d.doc_id), el("span", { class: "pill" }, bdi(d.title)))))
      : el("div", { class: "card muted", "data-testid": "copies" }, "لا نسخ أخرى من هذا المقال في المخزن.");
    const legend = el("div", { class: "legend muted" }, el("span", { class: "ent ent-PER" }, "شخص"), el("span", { class: "ent ent-ORG" }, "منظمة"),
      el("span", { class: "ent ent-LOC" }, "مكان"), el("span", { class: "ent ent-OUTLET" }, "وسيلة إعلام"), el("span", { class: "att-src" }, "مصدر"),
      el("span", { class: "att-cue" }, "فعل القول"), el("span", { class: "att-content" }, "المقول"), el("span", { class: "ev" }, "حدث"),
      el("span", { class: "num" }, "رقم"), el("span", { class: "date" }, "تاريخ"), el("del", { class: "furniture" }, "عناصر الصفحة"));
    show(
      el("h1", { "data-testid": "article-title" }, bdi(data.title || data.doc_id)),
      el("div", { class: "muted row" }, num(data.doc_id), num(data.published || ""), bdi(data.origin)),
      copies, legend,
      el("div", { class: "article-layout" }, body, el("div", {}, side,
        el("h2", {}, "الإسنادات (المصدر ← فعل القول ← المقول)"), attributionList,
        el("h2", {}, "ادعاءات المقال"), claimList(data.claims, false)))
    );
    if (focusNode) { focusNode.scrollIntoView({ block: "center" }); focusNode.focus(); }
  }

  function claimList(claims, withTitles) {
    return el("ul", { class: "plain", "data-testid": "claim-list" }, claims.map((c) =>
      el("li", { "data-testid": c.single_source ? "single-source-claim" : "corroborated-claim" },
        el("span", { class: "pill" }, c.single_source ? "مصدر واحد" : "مؤكد من " + c.corroborated_by.length),
        " ", ...chainNodes(c.chain), " ",
        withTitles ? el("span", { class: "muted" }, bdi(c.title)) : null,
        el("div", {}, spanLink(c.doc, c.start, c.end, bdi(c.text.length > 240 ? c.text.slice(0, 240) + "…" : c.text))))));
  }

  async function claims(query) {
    const [single, disagreements, corroborated] = await Promise.all([
      api("/api/claims?single_source=true&limit=500"), api("/api/disagreements?limit=500"), api("/api/claims?single_source=false&limit=500")]);
    const disagreementList = el("ul", { class: "plain", "data-testid": "disagreement-list" }, disagreements.items.map((d) =>
      el("li", {}, link("#/event/" + enc(d.event), el("span", { class: "pill" }, typeLabel(d))), " ",
        el("strong", {}, fieldLabel(d.field)), ": ",
        ...d.values.map((v) => el("span", { class: "pill" }, spanLink(v.doc, v.start, v.end, num(figureText(v.value))), " ", ...chainNodes(v.chain))))));
    show(el("h1", {}, "الادعاءات والخلافات"),
      el("h2", {}, "خلافات بين المصادر (", num(disagreements.total), ")"), disagreementList,
      el("h2", {}, "ادعاءات من مصدر واحد (", num(single.total), ")"), claimList(single.items, true),
      el("h2", {}, "ادعاءات مؤكدة من مصادر مستقلة (", num(corroborated.total), ")"), claimList(corroborated.items, true));
  }

  async function events(query) {
    const page = await api("/api/events?" + query.toString());
    show(el("h1", {}, "الأحداث"), el("ul", { class: "plain", "data-testid": "event-list" }, page.items.map((e) =>
      el("li", {}, link("#/event/" + enc(e.id), el("span", { class: "pill" }, typeLabel(e))), " ",
        ...e.actors.map((p) => bdi(p.name)), e.targets.length ? el("span", { class: "arrow" }, "←") : null, ...e.targets.map((p) => bdi(p.name)),
        el("span", { class: "muted" }, " · ", num(e.reports), " تقارير · ", num(e.independent_sources), " مصادر مستقلة", e.killed ? [" · قتلى ", num(figureText(e.killed))] : null)))),
      pager(page, "#/events"));
  }

  /** The chains behind an event's reports as a tree: outermost source first, the report last. */
  function isnadTree(reports) {
    const root = { children: new Map(), reports: [] };
    for (const r of reports) {
      let node = root;
      for (const name of (r.chain || []).slice().reverse()) {
        if (!node.children.has(name)) node.children.set(name, { children: new Map(), reports: [] });
        node = node.children.get(name);
      }
      node.reports.push(r);
    }
    const render = (node) => el("ul", {},
      ...Array.from(node.children.entries()).map(([name, child]) => el("li", {}, el("span", { class: "node node-source" }, bdi(name)), render(child))),
      ...node.reports.map((r) => el("li", {}, el("span", { class: "node" }, spanLink(r.doc, r.start, r.end, bdi(r.text)), " ", el("span", { class: "muted" }, bdi(r.title)),
        r.killed !== null ? [" · قتلى ", num(figureText(r.killed))] : null))));
    const tree = render(root);
    tree.className = "tree";
    tree.setAttribute("data-testid", "isnad-tree");
    return tree;
  }

  async function event(id) {
    const e = await api("/api/events/" + enc(id));
    const rangeRow = (label, f) => el("tr", {}, el("th", {}, label), el("td", {}, num(f ? f.low : null)), el("td", {}, num(f ? f.best : null)), el("td", {}, num(f ? f.high : null)));
    const who = (ps) => (ps.length ? ps.map((p) => link("#/entity/" + enc(p.entity), el("span", { class: "pill" }, bdi(p.name)))) : [el("span", { class: "muted" }, "غير مذكور")]);
    const groups = e.groups.map((g, i) => el("div", { class: "card", "data-testid": "source-group" },
      el("strong", {}, "مصدر مستقل ", num(i + 1)), g.upstream.length ? [" · عن ", ...g.upstream.map((u) => el("span", { class: "pill" }, bdi(u)))] : null,
      el("div", {}, "المقالات: ", ...g.docs.map((d) => link("#/article/" + enc(d.doc_id), el("span", { class: "pill" }, bdi(d.title))))),
      el("table", {}, el("tr", {}, el("th", {}), el("th", {}, "أدنى"), el("th", {}, "الأرجح"), el("th", {}, "أعلى")), rangeRow("قتلى", g.killed), rangeRow("جرحى", g.wounded)),
      el("ul", { class: "plain" }, g.reports.map((ri) => { const r = e.reports_list[ri]; return el("li", { "data-testid": "report" },
        spanLink(r.doc, r.start, r.end, bdi(r.text)), " ", ...chainNodes(r.chain), r.killed !== null ? [" · قتلى ", num(figureText(r.killed))] : null, r.negated ? el("span", { class: "pill" }, "منفي") : null); }))));
    show(
      el("h1", {}, el("span", { class: "pill" }, typeLabel(e)), " ", ...who(e.actors), el("span", { class: "arrow" }, "←"), ...who(e.targets)),
      el("div", { class: "row" }, el("span", {}, "المكان: ", ...who(e.places)), el("span", {}, "التاريخ: ", ...(e.dates.length ? e.dates.map(num) : [el("span", { class: "muted" }, "غير مذكور")]))),
      el("div", { class: "row" },
        el("span", { class: "stat" }, el("span", { class: "figure", "data-testid": "killed-best" }, num(e.killed ? e.killed.best : null)), el("span", { class: "label" }, "قتلى (الأرجح)")),
        el("span", { class: "stat" }, el("span", { class: "figure", "data-testid": "wounded-best" }, num(e.wounded ? e.wounded.best : null)), el("span", { class: "label" }, "جرحى (الأرجح)")),
        el("span", { class: "stat" }, el("span", { class: "figure", "data-testid": "reports-count" }, num(e.reports)), el("span", { class: "label" }, "تقارير (مقالات)")),
        el("span", { class: "stat" }, el("span", { class: "figure", "data-testid": "independent-sources" }, num(e.independent_sources)), el("span", { class: "label" }, "مصادر مستقلة"))),
      el("table", { "data-testid": "figures" }, el("tr", {}, el("th", {}, "كل التقارير"), el("th", {}, "أدنى"), el("th", {}, "الأرجح"), el("th", {}, "أعلى")), rangeRow("قتلى", e.killed), rangeRow("جرحى", e.wounded)),
      e.disagreement_list.length ? el("div", { class: "card" }, el("strong", {}, "خلافات: "), ...e.disagreement_list.map((d) => el("div", {}, fieldLabel(d.field), ": ",
        ...d.values.map((v) => el("span", { class: "pill" }, num(figureText(v.value)), " ", spanLink(v.doc, null, null, num(v.doc))))))) : null,
      el("h2", {}, "التقارير حسب المصدر المستقل"), ...groups,
      el("h2", {}, "الإسناد: سلسلة المصادر وراء كل تقرير"), isnadTree(e.reports_list));
  }

  async function entities(query) {
    const page = await api("/api/entities?" + query.toString());
    show(el("h1", {}, "الفاعلون والأماكن"), el("ul", { class: "plain" }, page.items.map((c) =>
      el("li", {}, el("span", { class: "pill" }, c.type), " ", link("#/entity/" + enc(c.id), bdi(c.name)), " ",
        el("span", { class: "muted" }, num(c.docs.length), " مقالات")))), pager(page, "#/entities"));
  }

  /** Relations as a graph: the actor in the middle, the others on a circle, arrows by direction. */
  function relationGraph(actor) {
    const NS = "http://www.w3.org/2000/svg";
    const svgEl = (tag, attributes, text) => {
      const node = document.createElementNS(NS, tag);
      for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, String(v));
      if (text !== undefined) node.textContent = text;
      return node;
    };
    const others = [];
    for (const r of actor.relations) if (!others.some((o) => o.entity === r.entity)) others.push({ entity: r.entity, name: r.name || r.entity });
    const size = 520, centre = size / 2, radius = 190;
    const svg = svgEl("svg", { viewBox: "0 0 " + size + " " + size, class: "graph", role: "img", "aria-label": "العلاقات" });
    const defs = svgEl("defs", {});
    for (const kind of ["hostile", "cooperative", "negotiation", "other"]) {
      const marker = svgEl("marker", { id: "arrow-" + kind, viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: "auto-start-reverse" });
      marker.appendChild(svgEl("path", { d: "M0,0 L10,5 L0,10 z", class: kind, fill: "currentColor", stroke: "none", style: "" }));
      defs.appendChild(marker);
    }
    svg.appendChild(defs);
    const position = new Map([[actor.id, [centre, centre]]]);
    others.forEach((o, i) => { const a = (2 * Math.PI * i) / Math.max(1, others.length) - Math.PI / 2; position.set(o.entity, [centre + radius * Math.cos(a), centre + radius * Math.sin(a)]); });
    actor.relations.forEach((r, i) => {
      const [x1, y1] = position.get(actor.id);
      const [x2, y2] = position.get(r.entity);
      const [from, to] = r.direction === "in" ? [[x2, y2], [x1, y1]] : [[x1, y1], [x2, y2]];
      const bend = (i % 2 ? 1 : -1) * 12;
      const mx = (from[0] + to[0]) / 2 + bend, my = (from[1] + to[1]) / 2 + bend;
      const path = svgEl("path", { d: "M" + from[0] + "," + from[1] + " Q" + mx + "," + my + " " + to[0] + "," + to[1], class: r.kind, fill: "none", "stroke-width": 2,
        "marker-end": r.direction === "with" ? "" : "url(#arrow-" + r.kind + ")" });
      path.appendChild(svgEl("title", {}, r.event_types.join(", ")));
      svg.appendChild(path);
    });
    const nodeAt = (id, name, isCentre) => {
      const [x, y] = position.get(id);
      const g = svgEl("g", { class: "node-link", tabindex: 0 });
      g.appendChild(svgEl("circle", { cx: x, cy: y, r: isCentre ? 10 : 7, fill: isCentre ? "#1f5f8b" : "#fff", stroke: "#1f5f8b" }));
      g.appendChild(svgEl("text", { x, y: y - 14, "text-anchor": "middle", direction: "rtl", "unicode-bidi": "plaintext" }, name));
      if (!isCentre) g.addEventListener("click", () => { location.hash = "#/entity/" + enc(id); });
      svg.appendChild(g);
    };
    others.forEach((o) => nodeAt(o.entity, o.name, false));
    nodeAt(actor.id, actor.name, true);
    return svg;
  }

  async function entity(id) {
    const a = await api("/api/entities/" + enc(id));
    const kindLabel = { hostile: "عدائية", cooperative: "تعاون ودعم", negotiation: "تفاوض واتفاق", other: "أخرى" };
    const directionLabel = { out: "←", in: "→", with: "↔" };
    show(
      el("h1", {}, el("span", { class: "pill" }, a.type), " ", bdi(a.name)),
      el("div", {}, "أسماء أخرى: ", ...(a.aliases.length ? a.aliases.map((x) => el("span", { class: "pill" }, bdi(x))) : [el("span", { class: "muted" }, "لا شيء")])),
      el("div", {}, "في المقالات: ", ...a.docs.map((d) => link("#/article/" + enc(d.doc_id), el("span", { class: "pill" }, bdi(d.title))))),
      el("h2", {}, "الأحداث على خط زمني"),
      el("ol", { class: "timeline", "data-testid": "timeline" }, a.events.map((e) => el("li", {}, num(e.date || "بلا تاريخ"), " ",
        link("#/event/" + enc(e.id), el("span", { class: "pill" }, typeLabel(e))), " ",
        el("span", { class: "muted" }, e.roles.map((r) => ({ actor: "فاعل", target: "مستهدف", place: "مكان" })[r]).join("، ")), " · ", num(e.reports), " تقارير")),
      ),
      el("h2", {}, "من ينقل عنه"),
      el("ul", { class: "plain" }, a.reporters.map((r) => el("li", {}, el("span", { class: "pill" }, bdi(r.name)), " ", el("span", { class: "muted" }, num(r.docs.length), " مقالات")))),
      el("h2", {}, "العلاقات بالفاعلين الآخرين"),
      a.relations.length ? relationGraph(a) : el("p", { class: "muted" }, "لا علاقات في الأحداث المستخرجة."),
      el("ul", { class: "plain", "data-testid": "relations" }, a.relations.map((r) => el("li", {},
        el("span", { class: "pill " + r.kind }, kindLabel[r.kind]), " ", bdi(a.name), " ", directionLabel[r.direction], " ", link("#/entity/" + enc(r.entity), bdi(r.name || r.entity)),
        " ", el("span", { class: "muted" }, r.event_types.join("، "))))),
    );
  }

  async function search(query) {
    const q = query.get("q") || "";
    document.getElementById("search-q").value = q;
    const page = await api("/api/search?" + query.toString());
    show(el("h1", {}, "نتائج البحث عن ", bdi(q), " (", num(page.total), ")"),
      el("ul", { class: "plain", "data-testid": "search-results" }, page.items.map((h) => el("li", {},
        spanLink(h.doc_id, h.matches.length ? h.matches[0].start : null, h.matches.length ? h.matches[0].end : null, bdi(h.title || h.doc_id)),
        " ", el("span", { class: "muted" }, num(h.published || "")),
        el("div", { class: "snippet" }, ...h.snippet.map((p) => (p.match ? el("mark", {}, p.text) : el("span", {}, p.text))))))),
      pager(page, "#/search?" + query.toString().replace(/&?offset=\d+/, "")));
  }

  // ------------------------------------------------------------ routing

  async function route() {
    const hash = location.hash.slice(1) || "/";
    const [path, queryString] = hash.split("?");
    const query = new URLSearchParams(queryString || "");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    try {
      if (parts.length === 0) await home();
      else if (parts[0] === "articles") await articles(query, false);
      else if (parts[0] === "article" && parts[1]) await article(parts[1], query);
      else if (parts[0] === "events") await events(query);
      else if (parts[0] === "event" && parts[1]) await event(parts[1]);
      else if (parts[0] === "entities") await entities(query);
      else if (parts[0] === "entity" && parts[1]) await entity(parts[1]);
      else if (parts[0] === "claims") await claims(query);
      else if (parts[0] === "search") await search(query);
      else show(el("p", { class: "error" }, "لا توجد صفحة بهذا العنوان."));
    } catch (error) {
      show(el("p", { class: "error", "data-testid": "error" }, "تعذر التحميل: ", bdi(error.message)));
    }
    document.body.setAttribute("data-ready", hash);
  }

  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = new URLSearchParams();
    const q = document.getElementById("search-q").value.trim();
    if (!q) return;
    query.set("q", q);
    for (const [id, key] of [["search-event-type", "event_type"], ["search-from", "from"], ["search-to", "to"]]) {
      const value = document.getElementById(id).value;
      if (value) query.set(key, value);
    }
    location.hash = "#/search?" + query.toString();
  });
  for (const type of ["ASSAULT", "FIGHT", "COERCE", "THREATEN", "SANCTION", "ACCUSE", "DISAPPROVE", "REJECT", "PROTEST", "DEMAND",
    "SUPPORT", "AID", "COOPERATE", "CONCEDE", "RETREAT", "CONSULT", "AGREE", "REQUEST", "MOBILIZE"]) {
    document.getElementById("search-event-type").appendChild(el("option", { value: type }, type));
  }
  window.addEventListener("hashchange", route);
  route();
}
