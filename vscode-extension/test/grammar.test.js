// Grammar snapshots: tokenise each fixture in test/fixtures/ with vscode-textmate and
// compare the scopes to test/snapshots/<fixture>.snap.
//   node --test test/grammar.test.js           check
//   node test/grammar.test.js --update          regenerate the snapshots (or UPDATE_SNAPSHOTS=1)
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');
const oniguruma = require('vscode-oniguruma');
const vsctm = require('vscode-textmate');

const ROOT = path.join(__dirname, '..');
const GRAMMAR = path.join(ROOT, 'syntaxes', 'cohort-ftl.tmLanguage.json');
const SCOPE = 'source.cohort-ftl';
const FIXTURES = path.join(__dirname, 'fixtures');
const SNAPSHOTS = path.join(__dirname, 'snapshots');
const UPDATE = process.argv.includes('--update') || process.env.UPDATE_SNAPSHOTS === '1';

let registryPromise;
function registry() {
  registryPromise ??= (async () => {
    const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    return new vsctm.Registry({
      onigLib: Promise.resolve({
        createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
        createOnigString: (s) => new oniguruma.OnigString(s),
      }),
      loadGrammar: async (scopeName) =>
        scopeName === SCOPE ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR, 'utf8'), GRAMMAR) : null,
    });
  })();
  return registryPromise;
}

/** The snapshot text: each source line, then one row per token: its text and its scopes below the root. */
async function tokenize(text) {
  const grammar = await (await registry()).loadGrammar(SCOPE);
  let state = vsctm.INITIAL;
  const out = [];
  for (const line of text.split(/\r?\n/)) {
    const r = grammar.tokenizeLine(line, state);
    out.push(`> ${line}`);
    for (const t of r.tokens) {
      const piece = line.slice(t.startIndex, t.endIndex);
      if (piece === '') {
        continue;
      }
      const scopes = t.scopes.slice(1).join(' ') || '(text)';
      out.push(`  ${JSON.stringify(piece).padEnd(24)} ${scopes}`);
    }
    state = r.ruleStack;
  }
  return out.join('\n') + '\n';
}

const fixtures = fs.readdirSync(FIXTURES).filter((f) => /\.ftlh?$/.test(f)).sort();

test('there are grammar fixtures', () => {
  assert.ok(fixtures.length >= 3, `fixtures in ${FIXTURES}`);
});

for (const name of fixtures) {
  test(`grammar snapshot: ${name}`, async () => {
    const actual = await tokenize(fs.readFileSync(path.join(FIXTURES, name), 'utf8'));
    const snap = path.join(SNAPSHOTS, `${name}.snap`);
    if (UPDATE) {
      fs.mkdirSync(SNAPSHOTS, { recursive: true });
      fs.writeFileSync(snap, actual);
      return;
    }
    assert.ok(fs.existsSync(snap), `missing snapshot ${snap}: run \`node test/grammar.test.js --update\``);
    assert.equal(actual, fs.readFileSync(snap, 'utf8'), `scopes of ${name} differ from ${snap}`);
  });
}

// Spot checks that say what the snapshots must keep, independent of their exact text.
const spots = [
  ['<#list input.users as user>', '#', 'punctuation.definition.directive.ftl'],
  ['<#list input.users as user>', 'list', 'keyword.control.directive.ftl'],
  ['</#list>', 'list', 'keyword.control.directive.ftl'],
  ['<@user_row user=u/>', 'user_row', 'entity.name.function.macro.ftl'],
  ['${x?json_string}', 'json_string', 'support.function.builtin.ftl'],
  ['"k": "${input.cohort_name}"', 'cohort_name', 'variable.other.property.ftl'],
  ['"k": "${input.cohort_name}"', 'k', 'support.type.property-name.json'],
  ['"k": 12', '12', 'constant.numeric.json'],
  ['#{n; m2}', 'm2', 'constant.other.format.ftl'],
  ['${"a\\"b"}', '\\"', 'constant.character.escape.ftl'],
  ['${r"C:\\x"}', 'r', 'storage.type.string.raw.ftl'],
  ['<#-- c -->', ' c ', 'comment.block.ftl'],
  ['<#if (a > 1)>', '>', 'keyword.operator.comparison.ftl'],
  ['${a!"d"}', '!', 'keyword.operator.default.ftl'],
];
for (const [line, piece, scope] of spots) {
  test(`scope of ${JSON.stringify(piece)} in ${line}`, async () => {
    const grammar = await (await registry()).loadGrammar(SCOPE);
    const r = grammar.tokenizeLine(line, vsctm.INITIAL);
    const hit = r.tokens.find((t) => line.slice(t.startIndex, t.endIndex) === piece);
    assert.ok(hit, `no token ${JSON.stringify(piece)} in ${JSON.stringify(r.tokens.map((t) => line.slice(t.startIndex, t.endIndex)))}`);
    assert.ok(hit.scopes.some((s) => s.split(' ').includes(scope) || s === scope), `${piece}: ${hit.scopes.join(' ')}`);
  });
}

if (require.main === module && UPDATE) {
  // `node test/grammar.test.js --update` runs the tests above in update mode; nothing more to do.
}
