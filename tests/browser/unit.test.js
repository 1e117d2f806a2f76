// The UI's pure helpers, under node (no browser): byte offsets to string indices, segmentation, runs.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { byteOffsetsToIndices, segment, runs } = require("../../crates/serve/assets/app.js");

const utf8Length = (s) => new TextEncoder().encode(s).length;

test("byte offsets become UTF-16 indices across Arabic, emoji and Latin", () => {
  const text = "قال 😀 المتحدث: A1 👩‍👩‍👧 وزارة 𝔘 end";
  // Every character boundary, computed independently with TextEncoder.
  const offsets = [];
  const expected = new Map();
  for (let i = 0; i <= text.length; i++) {
    const code = text.charCodeAt(i - 1);
    if (i > 0 && i < text.length && code >= 0xd800 && code <= 0xdbff) continue; // inside a surrogate pair
    const bytes = utf8Length(text.slice(0, i));
    offsets.push(bytes);
    expected.set(bytes, i);
  }
  const got = byteOffsetsToIndices(text, offsets);
  for (const [bytes, index] of expected) assert.equal(got.get(bytes), index, "byte " + bytes);
  // A span's bytes and its string slice agree.
  const word = "المتحدث";
  const start = utf8Length(text.slice(0, text.indexOf(word)));
  const end = start + utf8Length(word);
  const map = byteOffsetsToIndices(text, [end, start]);
  assert.equal(text.slice(map.get(start), map.get(end)), word);
});

test("offsets past the end or inside a character do not throw", () => {
  const text = "😀ب";
  const map = byteOffsetsToIndices(text, [2, 4, 5, 6, 99, -1]);
  assert.equal(map.get(4), 2);
  assert.equal(map.get(6), 3);
  assert.equal(map.get(99), 3);
  assert.equal(map.get(2), 2, "inside the emoji: the next boundary");
  assert.equal(map.has(-1), false);
});

test("segments list the intervals that cover them, nested or overlapping", () => {
  const pieces = segment(10, [{ start: 0, end: 6, id: "a" }, { start: 2, end: 4, id: "b" }, { start: 5, end: 8, id: "c" }, { start: 3, end: 3, id: "empty" }]);
  const summary = pieces.map((p) => [p.start, p.end, p.covering.map((c) => c.id).sort().join("")]);
  assert.deepEqual(summary, [[0, 2, "a"], [2, 4, "ab"], [4, 5, "a"], [5, 6, "ac"], [6, 8, "c"], [8, 10, ""]]);
});

test("Latin and digit runs are isolated; bidi controls are singled out", () => {
  const parts = runs("قالت CNN إن 25 شخصاً\u202Eقتلوا");
  assert.deepEqual(parts.map((p) => p.kind), ["text", "latin", "text", "latin", "text", "control", "text"]);
  assert.equal(parts.map((p) => p.text).join(""), "قالت CNN إن 25 شخصاً\u202Eقتلوا");
  assert.equal(parts[1].text, "CNN");
});
