// isnad serve's UI in headless Debian Chromium, driven by playwright-core.
//
// Run by crates/serve/tests/browser.rs, which builds a store from ../shared/corpus/seeds, starts the
// server and sets ISNAD_URL, ISNAD_INGEST_TOKEN and ISNAD_ARTIFACTS. Expected values are read from
// the JSON API at run time; the only strings written here are the query word and figures.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const BASE = process.env.ISNAD_URL;
const TOKEN = process.env.ISNAD_INGEST_TOKEN;
const ARTIFACTS = process.env.ISNAD_ARTIFACTS || path.join(__dirname, "artifacts");
const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";
const skip = !BASE ? "ISNAD_URL is not set: run through `cargo test -p isnad-serve --test browser`" : false;

let browser;
let chromium;

test.before(async () => {
  if (skip) return;
  ({ chromium } = require("playwright-core"));
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
});

test.after(async () => {
  if (browser) await browser.close();
});

async function api(pathAndQuery) {
  const response = await fetch(BASE + pathAndQuery);
  assert.equal(response.status, 200, pathAndQuery);
  return response.json();
}

/** A page that records any script the app did not load, any dialog, and any page error. */
async function openPage() {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "ar" });
  // Generous limits: CI machines are small and shared, and the hostile article is megabytes long.
  context.setDefaultTimeout(90000);
  context.setDefaultNavigationTimeout(90000);
  const page = await context.newPage();
  const incidents = [];
  page.on("dialog", async (dialog) => { incidents.push("dialog: " + dialog.message()); await dialog.dismiss(); });
  page.on("pageerror", (error) => incidents.push("page error: " + error.message));
  page.on("request", (request) => { if (!request.url().startsWith(BASE)) incidents.push("outside request: " + request.url()); });
  return { page, incidents, close: () => context.close() };
}

async function go(page, hash) {
  await page.goto(BASE + "/" + hash);
  await page.waitForFunction((h) => document.body.getAttribute("data-ready") === h, hash.replace(/^#/, ""), { timeout: 60000 });
}

/** The text of every piece of the article marked with annotation `key`, in order. */
async function annotatedText(page, key) {
  return page.$$eval("[data-testid=article-text] [data-ann]", (nodes, k) =>
    nodes.filter((n) => n.getAttribute("data-ann").split(" ").includes(k)).map((n) => n.textContent).join(""), key);
}

test("an article shows its attributions highlighted at their exact bytes", { skip }, async () => {
  const list = await api("/api/articles?limit=500");
  const best = list.items.slice().sort((a, b) => b.attributions - a.attributions)[0];
  assert.ok(best.attributions > 0, "the seeds have attributions");
  const article = await api("/api/articles/" + encodeURIComponent(best.doc_id));
  const { page, incidents, close } = await openPage();
  await go(page, "#/article/" + encodeURIComponent(best.doc_id));
  const attributions = article.record.attributions;
  assert.equal(await page.locator("[data-testid=attribution-list] > li").count(), attributions.length);
  for (let i = 0; i < attributions.length; i++) {
    const a = attributions[i];
    assert.equal(await annotatedText(page, "att" + i + ":cue"), a.cue.text, "cue of attribution " + i);
    if (a.source) assert.equal(await annotatedText(page, "att" + i + ":source"), a.source.text, "source of attribution " + i);
  }
  // Entities too, and furniture struck out.
  const bytes = Buffer.from(article.text, "utf8");
  for (const entity of article.record.entities.slice(0, 10)) {
    // Mentions may nest or overlap (حركة X and X); the page shows their union once.
    const merged = [];
    for (const m of entity.mentions.slice().sort((a, b) => a.start - b.start)) {
      const last = merged[merged.length - 1];
      if (last && m.start <= last.end) last.end = Math.max(last.end, m.end); else merged.push({ start: m.start, end: m.end });
    }
    const expected = merged.map((m) => bytes.subarray(m.start, m.end).toString("utf8")).join("");
    assert.equal(await annotatedText(page, "ent:" + entity.id), expected, "mentions of " + entity.id);
  }
  if (article.record.furniture.length) assert.ok(await page.locator("[data-testid=article-text] del.furniture").count() > 0);
  // Clicking a cue shows source → cue → content.
  await page.locator("[data-testid=article-text] .att-cue").first().click();
  assert.ok(await page.locator("aside .detail .att-cue").count() > 0);
  const highlighted = await page.$$eval(".att-cue", (nodes) => nodes.filter((n) => getComputedStyle(n).backgroundColor !== "rgba(0, 0, 0, 0)").length);
  assert.ok(highlighted > 0, "cues are visibly highlighted");
  // The Arabic font shipped in the binary is the one in use (the machine may have none).
  assert.ok(await page.evaluate(async () => { await document.fonts.ready; return document.fonts.check('17px "Isnad Naskh"', "قال"); }),
    "the embedded Arabic font loaded");
  await page.screenshot({ path: path.join(ARTIFACTS, "article.png"), fullPage: false });
  assert.deepEqual(incidents, []);
  await close();
});

test("the execution event shows 9 killed, 3 reports and 2 independent sources", { skip }, async () => {
  const events = await api("/api/events?type=ASSAULT&mode=execution&limit=500");
  assert.ok(events.items.length > 0, "an execution event was found in the seeds");
  const chosen = events.items.slice().sort((a, b) => b.reports - a.reports || b.independent_sources - a.independent_sources)[0];
  const { page, incidents, close } = await openPage();
  await go(page, "#/event/" + encodeURIComponent(chosen.id));
  const shown = async (id) => (await page.locator(`[data-testid=${id}]`).textContent()).trim();
  // The UI shows what the API says ...
  assert.equal(await shown("killed-best"), String(chosen.killed.best));
  assert.equal(await shown("reports-count"), String(chosen.reports));
  assert.equal(await shown("independent-sources"), String(chosen.independent_sources));
  assert.equal(await page.locator("[data-testid=source-group]").count(), chosen.independent_sources);
  assert.ok(await page.locator("[data-testid=isnad-tree] li").count() >= chosen.reports, "the isnad tree lists every report");
  await page.screenshot({ path: path.join(ARTIFACTS, "event.png"), fullPage: true });
  // ... and what the issue states.
  assert.equal(await shown("killed-best"), "9");
  assert.equal(await shown("reports-count"), "3");
  assert.equal(await shown("independent-sources"), "2");
  assert.deepEqual(incidents, []);
  await close();
});

test("searching خرسان finds the article that spells it خراسان", { skip }, async () => {
  const { page, incidents, close } = await openPage();
  await go(page, "#/");
  await page.fill("#search-q", "خرسان");
  await page.press("#search-q", "Enter");
  await page.waitForFunction(() => (document.body.getAttribute("data-ready") || "").startsWith("/search"), null, { timeout: 30000 });
  const marks = await page.$$eval("[data-testid=search-results] mark", (nodes) => nodes.map((n) => n.textContent));
  assert.ok(marks.some((m) => m.includes("خراسان")), "a match spelt خراسان: " + JSON.stringify(marks.slice(0, 10)));
  const results = await page.locator("[data-testid=search-results] > li").count();
  assert.ok(results > 0);
  await page.screenshot({ path: path.join(ARTIFACTS, "search.png"), fullPage: false });
  // The result opens the article at the matched bytes.
  await page.locator("[data-testid=search-results] > li a").first().click();
  await page.waitForSelector("[data-testid=article-text] .focus", { timeout: 30000 });
  assert.deepEqual(incidents, []);
  await close();
});

test("a hostile article runs no script and leaves the page usable", { skip: skip || (!TOKEN && "no ingest token") }, async () => {
  const line = "ب".repeat(5 * 1024 * 1024 / 2); // 5 MB of one line
  const hostile = [
    "قال المتحدث باسم الشرطة 😀 إن الوضع هادئ في المدينة.",
    "<script>window.__pwned = 'script'; alert('script')</script>",
    "<img src=x onerror=\"window.__pwned='img'; alert('img')\"> <svg onload=\"window.__pwned='svg'\"></svg>",
    "<a href=\"javascript:window.__pwned='link'\">انقر هنا</a> <iframe src=\"javascript:alert(1)\"></iframe>",
    "\u202Eنص معكوس بتجاوز الاتجاه\u202C و\u2067عزل\u2069 و\u202Dفرض\u202C",
    "\"><script>alert(document.cookie)</script>{{constructor.constructor('alert(1)')()}}",
    line,
    "وأضاف المتحدث أن 😀 الشرطة اعتقلت ثلاثة أشخاص.",
  ].join("\n");
  const response = await fetch(BASE + "/api/ingest?name=hostile", {
    method: "POST", headers: { Authorization: "Bearer " + TOKEN, "Content-Type": "text/plain; charset=utf-8" }, body: hostile,
  });
  const outcome = await response.json();
  assert.equal(response.status, 200, JSON.stringify(outcome));
  const docId = outcome.doc_ids[0];
  const { page, incidents, close } = await openPage();
  await go(page, "#/article/" + encodeURIComponent(docId));
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "no injected script ran");
  assert.equal(await page.locator("main script, main img, main iframe, main svg").count(), 0, "no element was made from the text");
  const text = await page.locator("[data-testid=article-text]").textContent();
  assert.ok(text.includes("<script>window.__pwned"), "the markup is shown as text");
  assert.ok(await page.locator("[data-testid=article-text] .bidi-ctrl").count() >= 4, "bidi controls are shown, not obeyed");
  // Spans after the emoji still land on their exact text.
  const article = await api("/api/articles/" + encodeURIComponent(docId));
  for (let i = 0; i < article.record.attributions.length; i++) {
    assert.equal(await annotatedText(page, "att" + i + ":cue"), article.record.attributions[i].cue.text);
  }
  // The 5 MB line is shown a chunk at a time, on request.
  const more = page.locator("[data-testid=show-more]");
  assert.ok(await more.count() >= 1, "a huge line is not laid out at once");
  const before = (await page.locator("[data-testid=article-text]").textContent()).length;
  await more.first().click();
  const after = (await page.locator("[data-testid=article-text]").textContent()).length;
  assert.ok(after > before, "show more reveals the next chunk");
  await page.screenshot({ path: path.join(ARTIFACTS, "hostile.png"), fullPage: false });
  // Still usable: the navigation works and the next view renders.
  await page.click("#nav-claims");
  await page.waitForFunction(() => document.body.getAttribute("data-ready") === "/claims", null, { timeout: 60000 });
  assert.ok(await page.locator("[data-testid=claim-list]").count() > 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(incidents, []);
  await close();
});
