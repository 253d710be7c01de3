// package.json: the contracts other parts rely on (language id, settings, commands), and
// that every file it points at exists and parses.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { test } = require('node:test');

const ROOT = path.join(__dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const c = pkg.contributes;

test('language cohort-ftl for .ftl and .ftlh, alias "Cohort FreeMarker"', () => {
  assert.deepEqual(c.languages.map((l) => l.id), ['cohort-ftl']);
  const lang = c.languages[0];
  assert.equal(lang.aliases[0], 'Cohort FreeMarker');
  assert.deepEqual(lang.extensions, ['.ftl', '.ftlh']);
  assert.deepEqual(pkg.activationEvents, ['onLanguage:cohort-ftl']);
});

test('every settings key has a type, a default, a description and a scope', () => {
  const props = c.configuration.properties;
  assert.deepEqual(Object.keys(props).sort(), [
    'cohortWebhooks.interpreterPath',
    'cohortWebhooks.jsonOutputCheck',
    'cohortWebhooks.sampleFiles',
    'cohortWebhooks.schemaFile',
    'cohortWebhooks.trace.server',
  ]);
  for (const [key, p] of Object.entries(props)) {
    assert.ok(p.type, `${key}: type`);
    assert.ok('default' in p, `${key}: default`);
    assert.ok(p.description || p.markdownDescription, `${key}: description`);
    assert.ok(['application', 'machine', 'machine-overridable', 'window', 'resource', 'language-overridable'].includes(p.scope), `${key}: scope`);
  }
  assert.equal(props['cohortWebhooks.interpreterPath'].default, '');
  assert.equal(props['cohortWebhooks.jsonOutputCheck'].default, true);
  assert.deepEqual(props['cohortWebhooks.sampleFiles'].default, []);
  assert.deepEqual(props['cohortWebhooks.trace.server'].enum, ['off', 'messages', 'verbose']);
});

test('the code reads the defaults package.json declares', () => {
  const s = require('../out/common/settings.js');
  const props = c.configuration.properties;
  const fromPkg = {
    interpreterPath: props['cohortWebhooks.interpreterPath'].default,
    schemaFile: props['cohortWebhooks.schemaFile'].default,
    sampleFiles: props['cohortWebhooks.sampleFiles'].default,
    jsonOutputCheck: props['cohortWebhooks.jsonOutputCheck'].default,
    trace: props['cohortWebhooks.trace.server'].default,
  };
  assert.deepEqual(s.readSettings({ get: () => undefined }), fromPkg);
});

test('commands: restart and preview, titled "Cohort Webhooks: …"', () => {
  const titles = Object.fromEntries(c.commands.map((x) => [x.command, `${x.category}: ${x.title}`]));
  assert.deepEqual(titles, {
    'cohortWebhooks.restartServer': 'Cohort Webhooks: Restart Language Server',
    'cohortWebhooks.previewPayload': 'Cohort Webhooks: Preview Payload',
  });
});

test('the files package.json points at exist and parse', () => {
  for (const rel of [c.grammars[0].path, c.languages[0].configuration, c.snippets[0].path]) {
    JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8'));
  }
  assert.ok(fs.existsSync(path.join(ROOT, pkg.icon)));
  assert.ok(fs.existsSync(path.join(ROOT, 'LICENSE')));
  assert.ok(fs.existsSync(path.join(ROOT, 'README.md')));
  const grammar = JSON.parse(fs.readFileSync(path.join(ROOT, c.grammars[0].path), 'utf8'));
  assert.equal(grammar.scopeName, c.grammars[0].scopeName);
});

test('snippets: the three payload shapes are there and their bodies use <#list>/<#sep>', () => {
  const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, c.snippets[0].path), 'utf8'));
  for (const name of ['Amplitude default payload', 'Per-user array', 'List with <#sep>']) {
    const body = snippets[name].body.join('\n');
    assert.match(body, /<#list /, name);
    assert.match(body, /<#sep>/, name);
    assert.match(body, /<\/#list>/, name);
  }
});

test('pinned toolchain: vscode-languageclient 9.0.1, @types/vscode 1.82.0, engines ^1.82.0, vsce 3.9.2', () => {
  assert.equal(pkg.dependencies['vscode-languageclient'], '9.0.1');
  assert.equal(pkg.devDependencies['@types/vscode'], '1.82.0');
  assert.equal(pkg.engines.vscode, '^1.82.0');
  assert.equal(pkg.devDependencies['@vscode/vsce'], '3.9.2');
});

test('language configuration: folding markers and indentation rules on directive lines', () => {
  const conf = JSON.parse(fs.readFileSync(path.join(ROOT, c.languages[0].configuration), 'utf8'));
  const start = new RegExp(conf.folding.markers.start);
  const end = new RegExp(conf.folding.markers.end);
  for (const line of ['<#list input.users as user>', '  <#if user.email??>', '<#macro row u>', '<#--', '  <@wrap title="x">']) {
    assert.ok(start.test(line), `folding starts at ${line}`);
  }
  for (const line of ['<#if x>y</#if>', '<#assign x = 1>', '<#-- one line -->', '<@row u=user/>', '<#sep>,', '${x}']) {
    assert.ok(!start.test(line), `no folding start at ${line}`);
  }
  for (const line of ['</#list>', '  </#if>', '-->', '  </@wrap>']) {
    assert.ok(end.test(line), `folding ends at ${line}`);
  }
  const inc = new RegExp(conf.indentationRules.increaseIndentPattern);
  const dec = new RegExp(conf.indentationRules.decreaseIndentPattern);
  assert.ok(inc.test('  <#list input.users as user>') && inc.test('<#else>') && inc.test('  "users": ['));
  assert.ok(!inc.test('<#if a>b</#if>') && !inc.test('<#assign x = 1>'));
  assert.ok(dec.test('  </#list>') && dec.test('<#else>') && dec.test('  ]'));
  assert.deepEqual(conf.comments.blockComment, ['<#--', '-->']);
  assert.ok(conf.autoClosingPairs.some((p) => p.open === '${' && p.close === '}'));
});
