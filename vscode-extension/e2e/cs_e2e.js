// Drive code-server (VS Code in the browser) in Debian's chromium with playwright-core and check
// the Cohort Webhooks extension: language, diagnostics, completion, payload preview.
//   node cs_e2e.js --url URL --out DIR [--until all|activation]
// Prints one line per check and E2E OK / E2E FAIL; exit 0 only when every check passed.
'use strict';
const { chromium } = require('playwright-core');
const fs = require('fs');
const os = require('os');
const path = require('path');

const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : dflt;
};
const URL = arg('url', 'http://127.0.0.1:8765/');
const OUT = arg('out', process.cwd());
const UNTIL = arg('until', 'all');
const LOGS = arg('logs', ''); // code-server's log folder: output channels are written there
const INPUT_FIELDS = ['cohort_name', 'cohort_id', 'in_cohort', 'computed_time', 'message_id', 'users'];
const t0 = Date.now();
const log = (...a) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
const failures = [];
function check(ok, what, detail = '') {
  log(`${ok ? 'PASS' : 'FAIL'} ${what}${detail ? `: ${detail}` : ''}`);
  if (!ok) failures.push(what);
  return ok;
}

async function shot(page, name) {
  const file = path.join(OUT, name);
  await page.screenshot({ path: file }).catch((e) => log('screenshot failed', e.message));
  log('screenshot', file);
}

async function runCommand(page, title) {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

async function notifications(page) {
  return page.locator('.notifications-toasts .notification-list-item-message').allInnerTexts().catch(() => []);
}

/** The frame (webviews nest two iframes deep) that has the selector. */
async function frameWith(page, selector, timeout) {
  const end = Date.now() + timeout;
  while (Date.now() < end) {
    for (const f of page.frames()) {
      try {
        if (await f.$(selector)) return f;
      } catch {
        /* frame detached while looking */
      }
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no frame with ${selector} after ${timeout} ms`);
}

/** The output channel's whole text, from the file code-server writes it to. */
function outputChannelFile(channel) {
  const hits = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith(`-${channel}.log`)) hits.push(p);
    }
  };
  try {
    walk(LOGS);
  } catch {
    return '';
  }
  return hits.map((p) => fs.readFileSync(p, 'utf8')).join('\n');
}

async function outputChannelText(page, channel) {
  try {
    await runCommand(page, 'Output: Show Output Channels...');
    const input = page.locator('.quick-input-widget input');
    await input.fill(channel);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: channel }).first().waitFor({ timeout: 5000 });
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    return (await page.locator('.part.panel .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  } catch (e) {
    return `(could not read the output channel: ${e.message})`;
  }
}

/** Read the preview's payload once the panel shows JSON that passes `accept`. */
async function previewJson(frame, accept, timeout) {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    const state = await frame.$eval('body', (b) => b.dataset.state).catch(() => '');
    if (state === 'json') {
      last = await frame.$eval('#payload', (e) => e.textContent);
      try {
        const value = JSON.parse(last);
        if (accept(value)) return value;
      } catch {
        /* still updating */
      }
    } else if (state === 'error' || state === 'text') {
      last = `${state}: ${await frame.$eval('#problem', (e) => e.textContent).catch(() => '')} ${await frame.$eval('#payload', (e) => e.textContent)}`;
    }
    await frame.waitForTimeout(250);
  }
  throw new Error(`preview did not show the expected JSON; last: ${last.slice(0, 500)}`);
}

/** The preview's error message once it shows one. */
// The first error whose text passes `accept`: while the line is being typed, a preview of the
// half-typed text (an unclosed `${`) may show a syntax error first.
async function previewError(frame, timeout, accept = () => true) {
  const end = Date.now() + timeout;
  let last = '';
  while (Date.now() < end) {
    if ((await frame.$eval('body', (b) => b.dataset.state).catch(() => '')) === 'error') {
      last = await frame.$eval('#problem', (e) => e.textContent).catch(() => '');
      if (accept(last)) {
        return last;
      }
    }
    await frame.waitForTimeout(250);
  }
  if (last) {
    return last;
  }
  throw new Error('the preview showed no error');
}

(async () => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'cohort-e2e-chromium-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1400, height: 860 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = ctx.pages()[0] || (await ctx.newPage());
  page.on('pageerror', (e) => log('PAGEERROR', e.message));
  try {
    await page.goto(URL, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    log('workbench up');
    await page.waitForSelector('.explorer-folders-view .monaco-list-row', { timeout: 60000 });
    await page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'payload.ftl' }).click();
    await page.waitForSelector('.monaco-editor .view-lines', { timeout: 30000 });

    // 1. the language: contributed by the .vsix, shown in the status bar
    const mode = page.locator('.statusbar-item[id="status.editor.mode"]');
    await page.waitForFunction(() => /Cohort FreeMarker/.test(document.getElementById('status.editor.mode')?.innerText || ''), null, { timeout: 30000 }).catch(() => {});
    const lang = (await mode.innerText().catch(() => '?')).trim();
    check(lang === 'Cohort FreeMarker', 'status bar language is Cohort FreeMarker', lang);

    if (UNTIL === 'activation') {
      // 2. the extension activated: it resolved the interpreter, checked it, and started the
      //    server (or said why not, in a notification and the output channel)
      await page.waitForTimeout(6000);
      const notes = await notifications(page);
      log('notifications:', JSON.stringify(notes));
      await outputChannelText(page, 'Cohort Webhooks'); // shows it, for the screenshot
      const channel = outputChannelFile('Cohort Webhooks');
      log('output channel "Cohort Webhooks" (first lines):\n' + channel.split('\n').slice(0, 8).join('\n'));
      const started = /Starting: .* -m lsp --stdio/.test(channel);
      const refused = /Cohort Webhooks: the Python interpreter .*(does not have|could not be run)/.test(channel);
      check(/Interpreter \(setting\): /.test(channel) && (started || refused),
        'extension activated (interpreter resolved and checked)', started ? 'server command started' : 'interpreter check refused it');
      if (refused) {
        check(notes.some((n) => /Cohort Webhooks: the Python interpreter/.test(n)), 'the refusal is shown as a notification');
      }
      await shot(page, 'activation.png');
    } else {
      // 2. diagnostics from the server: the squiggle, then the Problems panel
      await page.waitForSelector('.monaco-editor .squiggly-warning', { timeout: 60000 });
      log('server diagnostic visible');
      await page.keyboard.press('Control+Shift+M');
      const rows = page.locator('.markers-panel .monaco-list-row');
      await rows.first().waitFor({ timeout: 10000 }).catch(() => {});
      const problems = await rows.allInnerTexts();
      log('problems:', JSON.stringify(problems));
      check(problems.some((p) => /user_id/.test(p)), 'a problem about the unescaped user_id');
      const status = await page.locator('.statusbar-item[id="status.problems"]').innerText().catch(() => '?');
      log('status bar problems:', status.replace(/\s+/g, ' '));
      await shot(page, 'diagnostics.png');

      // 3. completion after `${input.` (half-typed: auto-closing is off in the e2e profile)
      await page.locator('.monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('${input.', { delay: 50 });
      const items = page.locator('.editor-widget.suggest-widget.visible .monaco-list-row');
      try {
        await items.first().waitFor({ timeout: 15000 });
      } catch {
        log('no suggest widget after typing; trying Ctrl+Space');
        await page.keyboard.press('Control+Space');
        await items.first().waitFor({ timeout: 15000 });
      }
      await page.waitForTimeout(500);
      const labels = await page.locator('.editor-widget.suggest-widget.visible .monaco-list-row .label-name').allInnerTexts();
      log('completion items:', JSON.stringify(labels));
      check(INPUT_FIELDS.every((f) => labels.includes(f)), 'completion after ${input. lists the input fields', INPUT_FIELDS.filter((f) => !labels.includes(f)).join(', ') || 'all there');
      await shot(page, 'completion.png');
      await page.keyboard.press('Escape');
      await page.keyboard.press('Home');
      await page.keyboard.press('Shift+End');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');

      // 4. the payload preview, from the command palette
      await runCommand(page, 'Cohort Webhooks: Preview Payload');
      const frame = await frameWith(page, '#payload', 30000);
      const entering = await previewJson(frame, (v) => Array.isArray(v.users), 30000);
      log('preview (default sample):', JSON.stringify(entering).slice(0, 300));
      check(entering.in_cohort === true && entering.users.length === 3 && INPUT_FIELDS.every((f) => f in entering),
        'preview shows the payload for "Entering, 3 users"', `in_cohort=${entering.in_cohort} users=${entering.users.length}`);
      await shot(page, 'preview.png');
      await frame.selectOption('#sample', 'exit:1');
      const leaving = await previewJson(frame, (v) => v.in_cohort === false, 15000);
      check(leaving.users.length === 1, 'sample selector: "Leaving, 1 user" re-renders', `users=${leaving.users.length}`);
      await shot(page, 'preview-leaving.png');
      const fileOption = await frame.$eval('#sample', (sel) => [...sel.options].find((o) => o.textContent === 'enter-2.json')?.value || '');
      check(fileOption.startsWith('file:/') && fileOption.endsWith('/samples/enter-2.json'), 'the configured sample file is in the selector', fileOption);
      if (fileOption) {
        await frame.selectOption('#sample', fileOption);
        const fromFile = await previewJson(frame, (v) => v.cohort_name === 'Sample file cohort', 15000);
        check(fromFile.users.length === 2, 'sample file: its cohort update is rendered', `users=${fromFile.users.length}`);
      }

      // 5. a rendering error: the panel shows it, and its link selects the range in the editor
      await page.locator('.tabs-container .tab', { hasText: 'payload.ftl' }).first().click(); // focuses the editor
      await page.waitForTimeout(300);
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('${input.cohort_nme}', { delay: 30 });
      await page.keyboard.press('Escape');
      const errText = await previewError(frame, 15000, (t) => /cohort_nme/.test(t));
      log('preview error:', errText);
      check(/cohort_nme/.test(errText), 'preview shows the rendering error');
      await shot(page, 'preview-error.png');
      await frame.click('#problem a.reveal');
      await page.waitForFunction(() => /selected/.test(document.querySelector('.statusbar-item[id="status.editor.selection"]')?.innerText || ''), null, { timeout: 10000 }).catch(() => {});
      const sel = await page.locator('.statusbar-item[id="status.editor.selection"]').innerText().catch(() => '?');
      check(/Ln 18, Col \d+ \(\d+ selected\)/.test(sel), 'the error link selects the range in the editor', sel);
    }
  } catch (e) {
    check(false, 'driver', e.message.split('\n')[0]);
    log('notifications:', JSON.stringify(await notifications(page)));
    await shot(page, 'error.png');
  } finally {
    await ctx.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  console.log(failures.length === 0 ? `E2E OK in ${Date.now() - t0} ms` : `E2E FAIL: ${failures.join('; ')}`);
  process.exit(failures.length === 0 ? 0 : 1);
})();
