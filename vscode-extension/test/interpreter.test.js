// Interpreter lookup order and the import check (src/common/interpreter.ts): pure, no VS Code.
'use strict';
const assert = require('node:assert/strict');
const { test } = require('node:test');
const i = require('../out/common/interpreter.js');

const CTX = { workspaceFolder: '/ws', home: '/home/u' };

test('1. the setting wins, and the Python extension is not even asked', async () => {
  let asked = false;
  const r = await i.findInterpreter({
    settingPath: '.venv/bin/python',
    pathContext: CTX,
    pythonExtension: async () => {
      asked = true;
      return ['/other/python'];
    },
  });
  assert.deepEqual(r, { command: '/ws/.venv/bin/python', prefixArgs: [], source: 'setting' });
  assert.equal(asked, false);
});

test('2. then the Python extension, with its extra arguments kept', async () => {
  const r = await i.findInterpreter({ settingPath: '', pathContext: CTX, pythonExtension: async () => ['conda', 'run', '-n', 'x', 'python'] });
  assert.deepEqual(r, { command: 'conda', prefixArgs: ['run', '-n', 'x', 'python'], source: 'python-extension' });
  assert.deepEqual(i.serverArgs(r), ['run', '-n', 'x', 'python', '-m', 'lsp']);
  assert.deepEqual(i.checkArgs(r), ['run', '-n', 'x', 'python', '-c', i.CHECK_CODE]);
});

test('3. then python3: no Python extension, none selected, or the extension fails', async () => {
  const expected = { command: 'python3', prefixArgs: [], source: 'default' };
  assert.deepEqual(await i.findInterpreter({ settingPath: '', pathContext: CTX }), expected);
  assert.deepEqual(await i.findInterpreter({ settingPath: '  ', pathContext: CTX, pythonExtension: async () => undefined }), expected);
  assert.deepEqual(await i.findInterpreter({ settingPath: '', pathContext: CTX, pythonExtension: async () => ['', ''] }), expected);
  const logged = [];
  const r = await i.findInterpreter({
    settingPath: '',
    pathContext: CTX,
    pythonExtension: async () => {
      throw new Error('API not ready');
    },
    log: (m) => logged.push(m),
  });
  assert.deepEqual(r, expected);
  assert.deepEqual(logged, ['Python extension lookup failed: API not ready']);
});

test('the server command line is <python> -m lsp (the client appends --stdio)', () => {
  assert.deepEqual(i.serverArgs({ command: 'python3', prefixArgs: [], source: 'default' }), ['-m', 'lsp']);
});

const PY = { command: '/ws/.venv/bin/python', prefixArgs: [], source: 'setting' };

test('check: exit 0 is ok, and the runner gets `-c "import lsp, ftl; …"`', async () => {
  assert.match(i.CHECK_CODE, /^import lsp, ftl;/);
  const calls = [];
  const r = await i.checkInterpreter(PY, async (cmd, args) => {
    calls.push([cmd, args]);
    return { code: 0, stderr: '' };
  });
  assert.deepEqual(r, { ok: true });
  assert.deepEqual(calls, [['/ws/.venv/bin/python', ['-c', i.CHECK_CODE]]]);
});

test('check: a failed import is a missing package, with the last stderr line and the install command', async () => {
  const r = await i.checkInterpreter(PY, async () => ({
    code: 1,
    stderr: 'Traceback (most recent call last):\n  File "<string>", line 1\nModuleNotFoundError: No module named \'lsp\'\n',
  }));
  assert.deepEqual(r, { ok: false, reason: 'missing-package', detail: "ModuleNotFoundError: No module named 'lsp'" });
  const msg = i.checkFailureMessage(PY, r);
  assert.match(msg, /does not have the cohort-webhooks package/);
  assert.match(msg, /\/ws\/\.venv\/bin\/python -m pip install cohort-webhooks/);
  assert.match(msg, /pip install -e <repo>/);
  assert.match(msg, /set in cohortWebhooks\.interpreterPath/);
});

test('check: an interpreter that cannot be run is reported as such', async () => {
  const r = await i.checkInterpreter({ command: 'python3', prefixArgs: [], source: 'default' }, async () => ({
    code: null,
    stderr: '',
    error: 'spawn python3 ENOENT',
  }));
  assert.deepEqual(r, { ok: false, reason: 'not-found', detail: 'spawn python3 ENOENT' });
  assert.match(i.checkFailureMessage({ command: 'python3', prefixArgs: [], source: 'default' }, r), /could not be run: spawn python3 ENOENT.*interpreterPath/);
});

const python = process.env.PYTHON || 'python3';
test('the check code, run by a real Python: a package without lsp/__main__ fails with a clear reason', async (t) => {
  const fs = require('node:fs');
  const os = require('node:os');
  const path = require('node:path');
  const probe = await i.runProcess(python, ['-c', 'pass']);
  if (probe.code !== 0) {
    t.skip(`no ${python}`);
    return;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cohort-check-'));
  try {
    fs.mkdirSync(path.join(dir, 'lsp'));
    fs.mkdirSync(path.join(dir, 'ftl'));
    fs.writeFileSync(path.join(dir, 'ftl', '__init__.py'), '');
    fs.writeFileSync(path.join(dir, 'lsp', '__init__.py'), '');
    const run = (cmd, args) => i.runProcess('/usr/bin/env', [`PYTHONPATH=${dir}`, 'PYTHONSAFEPATH=1', cmd, ...args]);
    const interp = { command: python, prefixArgs: [], source: 'default' };
    assert.deepEqual(await i.checkInterpreter(interp, run), {
      ok: false,
      reason: 'missing-package',
      detail: 'lsp has no __main__: this cohort-webhooks has no language server',
    });
    fs.writeFileSync(path.join(dir, 'lsp', '__main__.py'), 'raise SystemExit("must not run")\n');
    assert.deepEqual(await i.checkInterpreter(interp, run), { ok: true });
    fs.rmSync(path.join(dir, 'ftl'), { recursive: true });
    const r = await i.checkInterpreter(interp, run);
    assert.equal(r.ok, false);
    assert.match(r.detail, /No module named 'ftl'/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('shell quoting of paths in messages', () => {
  assert.equal(i.shellQuote('/usr/bin/python3'), '/usr/bin/python3');
  assert.equal(i.shellQuote('/My Envs/py'), "'/My Envs/py'");
  assert.equal(i.shellQuote("it's"), "'it'\\''s'");
});

test('the real runner: exit codes, stderr, missing commands, timeouts', async () => {
  assert.deepEqual(await i.runProcess(process.execPath, ['-e', 'process.exit(0)']), { code: 0, stderr: '' });
  assert.deepEqual(await i.runProcess(process.execPath, ['-e', 'console.error("boom"); process.exit(3)']), { code: 3, stderr: 'boom\n' });
  const missing = await i.runProcess('/nonexistent/python', ['-c', 'pass']);
  assert.equal(missing.code, null);
  assert.match(missing.error, /ENOENT/);
  const slow = await i.runProcess(process.execPath, ['-e', 'setTimeout(() => {}, 5000)'], 200);
  assert.deepEqual(slow, { code: null, stderr: '', error: 'timed out after 200 ms' });
  const check = await i.checkInterpreter({ command: process.execPath, prefixArgs: [], source: 'setting' }, i.runProcess);
  assert.equal(check.ok, false, 'node is not a Python with the package');
});
