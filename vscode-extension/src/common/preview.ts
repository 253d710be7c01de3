/**
 * The payload preview: a webview beside the editor that shows the active template
 * rendered by the server (`cohortWebhooks/preview`), re-rendered as the user types.
 */
import * as path from 'path';
import * as vscode from 'vscode';
import { LANGUAGE_ID, Server } from './client';
import { DEFAULT_SAMPLE_KEY, PreviewResult, Range, SampleChoice, findChoice, sampleChoices } from './protocol';
import { SECTION } from './settings';

export const DEBOUNCE_MS = 250;
const VIEW_TYPE = 'cohortWebhooks.preview';
const SAMPLE_STATE_KEY = 'cohortWebhooks.preview.sample';

type FromWebview = { type: 'ready' } | { type: 'select'; key: string } | { type: 'reveal'; range: Range };

function nonce(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let out = '';
  for (let i = 0; i < 32; i++) {
    out += chars.charAt(Math.floor(Math.random() * chars.length));
  }
  return out;
}

export class PreviewPanel implements vscode.Disposable {
  private static current: PreviewPanel | undefined;

  /** Open the preview beside the editor (or reveal it) for the active template. */
  static show(context: vscode.ExtensionContext, server: Server): void {
    const editor = vscode.window.activeTextEditor;
    const doc = editor?.document.languageId === LANGUAGE_ID ? editor.document : undefined;
    if (PreviewPanel.current) {
      PreviewPanel.current.panel.reveal(vscode.ViewColumn.Beside, true);
      if (doc) {
        PreviewPanel.current.setDocument(doc);
      }
      return;
    }
    if (!doc) {
      void vscode.window.showInformationMessage('Cohort Webhooks: open a .ftl template to preview its payload.');
      return;
    }
    PreviewPanel.current = new PreviewPanel(context, server, doc);
  }

  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private doc: vscode.TextDocument;
  private sampleKey: string;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  private constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: Server,
    doc: vscode.TextDocument,
  ) {
    this.doc = doc;
    this.sampleKey = context.workspaceState.get<string>(SAMPLE_STATE_KEY, DEFAULT_SAMPLE_KEY);
    const media = vscode.Uri.joinPath(context.extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      this.title(),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, localResourceRoots: [media], retainContextWhenHidden: false },
    );
    this.panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'images', 'icon.png');
    this.panel.webview.html = this.html(media);
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: FromWebview) => this.onMessage(m)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === this.doc && e.contentChanges.length > 0) {
          this.schedule();
        }
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.languageId === LANGUAGE_ID && editor.document !== this.doc) {
          this.setDocument(editor.document);
        }
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) {
          this.postState();
          this.schedule();
        }
      }),
      server.onDidChangeRunning(() => this.schedule()),
    );
  }

  dispose(): void {
    if (PreviewPanel.current === this) {
      PreviewPanel.current = undefined;
    }
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
    this.panel.dispose();
  }

  private title(): string {
    return `Payload: ${path.basename(this.doc.fileName)}`;
  }

  private choices(): SampleChoice[] {
    return sampleChoices(this.server.serverSettings().sampleFiles);
  }

  private setDocument(doc: vscode.TextDocument): void {
    this.doc = doc;
    this.panel.title = this.title();
    this.postState();
    void this.refresh();
  }

  private onMessage(m: FromWebview): void {
    if (m.type === 'ready') {
      this.postState();
      void this.refresh();
    } else if (m.type === 'select') {
      this.sampleKey = m.key;
      void this.context.workspaceState.update(SAMPLE_STATE_KEY, m.key);
      void this.refresh();
    } else if (m.type === 'reveal') {
      void this.reveal(m.range);
    }
  }

  private postState(): void {
    const choices = this.choices();
    void this.panel.webview.postMessage({
      type: 'state',
      docName: path.basename(this.doc.fileName),
      choices: choices.map(({ key, label, group }) => ({ key, label, group })),
      selected: findChoice(choices, this.sampleKey).key,
    });
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), DEBOUNCE_MS);
  }

  private async refresh(): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const choice = findChoice(this.choices(), this.sampleKey);
    void this.panel.webview.postMessage({ type: 'pending' });
    const result: PreviewResult = this.doc.isClosed
      ? { ok: false, error: { message: 'The template was closed.', range: null } }
      : await this.server.preview({ uri: this.doc.uri.toString(), sample: choice.sample });
    if (seq === this.seq) {
      void this.panel.webview.postMessage({ type: 'result', result });
    }
  }

  private async reveal(r: Range): Promise<void> {
    const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document === this.doc);
    const editor = await vscode.window.showTextDocument(this.doc, {
      viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
      selection: range,
      preserveFocus: false,
    });
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private html(media: vscode.Uri): string {
    const webview = this.panel.webview;
    const n = nonce();
    const uri = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(media, file)).toString();
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `img-src ${webview.cspSource}`,
      `script-src 'nonce-${n}'`,
    ].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${uri('preview.css')}">
<title>Payload preview</title>
</head>
<body data-state="loading">
<header>
  <span id="doc"></span>
  <label>Sample <select id="sample" aria-label="Sample"></select></label>
  <span id="status">Rendering…</span>
</header>
<div id="problem" role="alert" hidden></div>
<pre id="payload"></pre>
<script nonce="${n}" src="${uri('render.js')}"></script>
<script nonce="${n}" src="${uri('preview.js')}"></script>
</body>
</html>`;
  }
}
