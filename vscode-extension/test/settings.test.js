// Settings resolution (src/common/settings.ts, compiled to out/): pure, no VS Code.
'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { test } = require('node:test');
const s = require('../out/common/settings.js');

/** A config getter over a plain object, like vscode.WorkspaceConfiguration.get without defaults. */
const config = (values) => ({ get: (key) => values[key] });
const WS = '/home/u/project';
const CTX = { workspaceFolder: WS, home: '/home/u' };

test('defaults when nothing is set', () => {
  assert.deepEqual(s.readSettings(config({})), {
    interpreterPath: '',
    schemaFile: '',
    sampleFiles: [],
    jsonOutputCheck: true,
    trace: 'off',
  });
});

test('values are read and trimmed; mistyped values fall back to defaults', () => {
  assert.deepEqual(
    s.readSettings(
      config({
        interpreterPath: '  /opt/py/bin/python ',
        schemaFile: 'schema.json',
        sampleFiles: ['a.json', 7, '  ', ' b.json'],
        jsonOutputCheck: false,
        'trace.server': 'verbose',
      }),
    ),
    { interpreterPath: '/opt/py/bin/python', schemaFile: 'schema.json', sampleFiles: ['a.json', 'b.json'], jsonOutputCheck: false, trace: 'verbose' },
  );
  const bad = s.readSettings(config({ interpreterPath: 3, sampleFiles: 'a.json', jsonOutputCheck: 'no', 'trace.server': 'loud' }));
  assert.equal(bad.interpreterPath, '');
  assert.deepEqual(bad.sampleFiles, []);
  assert.equal(bad.jsonOutputCheck, true);
  assert.equal(bad.trace, 'off');
});

const cases = [
  ['', CTX, ''],
  ['   ', CTX, ''],
  ['/abs/schema.json', CTX, '/abs/schema.json'],
  ['schema.json', CTX, path.join(WS, 'schema.json')],
  ['./conf/../schema.json', CTX, path.join(WS, 'schema.json')],
  ['${workspaceFolder}/s.json', CTX, path.join(WS, 's.json')],
  ['${userHome}/s.json', CTX, '/home/u/s.json'],
  ['~/s.json', CTX, '/home/u/s.json'],
  ['~', CTX, '/home/u'],
  ['python3', { home: '/home/u' }, 'python3'],
  ['${workspaceFolder}/s.json', { home: '/home/u' }, '${workspaceFolder}/s.json'],
];
for (const [input, ctx, expected] of cases) {
  test(`resolvePath(${JSON.stringify(input)}${ctx.workspaceFolder ? '' : ', no folder'}) = ${JSON.stringify(expected)}`, () => {
    assert.equal(s.resolvePath(input, ctx), expected);
  });
}

test('serverSettings: resolved paths, null schema when unset, samples deduplicated in order', () => {
  const settings = s.readSettings(config({ sampleFiles: ['b.json', 'a.json', '${workspaceFolder}/b.json'], jsonOutputCheck: false }));
  assert.deepEqual(s.serverSettings(settings, CTX), {
    schemaFile: null,
    sampleFiles: [path.join(WS, 'b.json'), path.join(WS, 'a.json')],
    jsonOutputCheck: false,
  });
  const withSchema = s.readSettings(config({ schemaFile: 'schemas/input.json' }));
  assert.equal(s.serverSettings(withSchema, CTX).schemaFile, path.join(WS, 'schemas/input.json'));
});

test('serverSettings holds exactly the three keys the server is promised', () => {
  assert.deepEqual(Object.keys(s.serverSettings(s.readSettings(config({})), CTX)).sort(), ['jsonOutputCheck', 'sampleFiles', 'schemaFile']);
});

test('only an interpreter change needs a restart', () => {
  const a = s.readSettings(config({}));
  assert.equal(s.needsRestart(a, { ...a, schemaFile: 'x.json', sampleFiles: ['y'], jsonOutputCheck: false, trace: 'verbose' }), false);
  assert.equal(s.needsRestart(a, { ...a, interpreterPath: '/usr/bin/python3' }), true);
});
