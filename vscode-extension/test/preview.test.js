// Preview: sample choices and result checking (src/common/protocol.ts), and the webview's
// pretty-printer and highlighter (media/render.js).
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const p = require('../out/common/protocol.js');
const R = require('../media/render.js');

test('sample choices: entering then leaving with 0/1/3/100 users, then each sample file', () => {
  const c = p.sampleChoices(['/ws/samples/big.json', '/ws/small.json']);
  assert.deepEqual(
    c.map((x) => x.key),
    ['enter:0', 'enter:1', 'enter:3', 'enter:100', 'exit:0', 'exit:1', 'exit:3', 'exit:100', 'file:/ws/samples/big.json', 'file:/ws/small.json'],
  );
  assert.deepEqual(c[2].sample, { kind: 'synthesized', users: 3, inCohort: true });
  assert.equal(c[2].label, 'Entering, 3 users');
  assert.equal(c[5].label, 'Leaving, 1 user');
  assert.deepEqual(c[5].sample, { kind: 'synthesized', users: 1, inCohort: false });
  assert.deepEqual(c[8], { key: 'file:/ws/samples/big.json', label: 'big.json', group: 'Sample files', sample: { kind: 'file', path: '/ws/samples/big.json' } });
});

test('findChoice falls back to "entering, 3 users" when the key is gone', () => {
  const c = p.sampleChoices(['/a.json']);
  assert.equal(p.findChoice(c, 'file:/a.json').key, 'file:/a.json');
  assert.equal(p.findChoice(c, 'file:/removed.json').key, p.DEFAULT_SAMPLE_KEY);
  assert.equal(p.DEFAULT_SAMPLE_KEY, 'enter:3');
});

const RANGE = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };

test('normalizeResult keeps well-formed results', () => {
  assert.deepEqual(p.normalizeResult({ ok: true, payload: '{}', json: true }), { ok: true, payload: '{}', json: true });
  assert.deepEqual(p.normalizeResult({ ok: true, payload: '{', json: false, jsonError: { message: 'Unexpected end', range: RANGE } }), {
    ok: true,
    payload: '{',
    json: false,
    jsonError: { message: 'Unexpected end', range: RANGE },
  });
  assert.deepEqual(p.normalizeResult({ ok: false, error: { message: 'x is missing', range: RANGE } }), {
    ok: false,
    error: { message: 'x is missing', range: RANGE },
  });
  assert.deepEqual(p.normalizeResult({ ok: false, error: { message: 'no range', range: null } }), {
    ok: false,
    error: { message: 'no range', range: null },
  });
});

test('normalizeResult turns anything malformed into an error to show', () => {
  for (const bad of [null, undefined, 42, {}, { ok: true }, { ok: true, payload: 3 }, { ok: false }, { ok: 'yes', payload: '' }]) {
    const r = p.normalizeResult(bad);
    assert.equal(r.ok, false, JSON.stringify(bad));
    assert.equal(r.error.range, null);
  }
  assert.deepEqual(p.normalizeResult({ ok: false, error: { range: { start: 1 } } }), { ok: false, error: { message: 'Rendering failed.', range: null } });
  // a jsonError without a usable range is dropped rather than shown with a broken link
  assert.deepEqual(p.normalizeResult({ ok: true, payload: 'x', json: false, jsonError: { message: 'm' } }), { ok: true, payload: 'x', json: false });
});

test('the preview request name is the contract one', () => {
  assert.equal(p.PREVIEW_REQUEST, 'cohortWebhooks/preview');
});

const ordinary = [
  '{}',
  '[]',
  '{"a":1,"b":[1,2,{"c":null}],"d":{},"e":[],"f":"x, y: {z}"}',
  ' [ true , false , null , -1.5 , "a\\"b" ] ',
  '{"cohort_name":"Power users","cohort_id":"abc","in_cohort":true,"users":[{"user_id":"u1","user_properties":{"plan":"pro"}},{"user_id":"u2"}]}',
  '"just a string"',
  '12',
];
for (const text of ordinary) {
  test(`prettyJson matches JSON.stringify(…, null, 2) for ${text.slice(0, 40)}`, () => {
    assert.equal(R.prettyJson(text), JSON.stringify(JSON.parse(text), null, 2));
  });
}

test('prettyJson keeps the exact text of numbers and strings, and duplicate keys', () => {
  assert.equal(R.prettyJson('{"id":12345678901234567890,"f":1.0,"s":"\\u00e9","k":1,"k":2}'),
    '{\n  "id": 12345678901234567890,\n  "f": 1.0,\n  "s": "\\u00e9",\n  "k": 1,\n  "k": 2\n}');
});

test('prettyJson returns null for text that is not JSON', () => {
  for (const text of ['', '{', '{"a":1,}', 'users: 3', "{'a': 1}", '[1 2]']) {
    assert.equal(R.prettyJson(text), null, text);
  }
});

test('highlightJson marks keys, strings, numbers, literals and punctuation, and escapes HTML', () => {
  const html = R.highlightJson('{\n  "k<": "<b>&",\n  "n": -2.5,\n  "t": true\n}');
  assert.equal(
    html,
    '<span class="j-punc">{</span>\n  <span class="j-key">&quot;k&lt;&quot;</span><span class="j-punc">:</span> ' +
      '<span class="j-str">&quot;&lt;b&gt;&amp;&quot;</span><span class="j-punc">,</span>\n  ' +
      '<span class="j-key">&quot;n&quot;</span><span class="j-punc">:</span> <span class="j-num">-2.5</span><span class="j-punc">,</span>\n  ' +
      '<span class="j-key">&quot;t&quot;</span><span class="j-punc">:</span> <span class="j-lit">true</span>\n<span class="j-punc">}</span>',
  );
  assert.ok(!/<(?!\/?span)/.test(R.highlightJson('"<script>alert(1)</script>"')), 'no raw tag can get through');
});

test('rangeLabel is 1-based', () => {
  assert.equal(R.rangeLabel(RANGE), 'line 3, column 5');
  assert.equal(R.rangeLabel(null), '');
});
