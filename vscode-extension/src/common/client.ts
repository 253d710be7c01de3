/**
 * The language client: finds the interpreter, checks it has the package, starts
 * `<python> -m lsp --stdio`, keeps the server's settings current, and restarts on demand.
 */
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
  TransportKind,
} from 'vscode-languageclient/node';
import {
  Interpreter,
  checkFailureMessage,
  checkInterpreter,
  findInterpreter,
  runProcess,
  serverArgs,
  shellQuote,
} from './interpreter';
import { PREVIEW_REQUEST, PreviewParams, PreviewResult, normalizeResult } from './protocol';
import * as python from './python';
import { PathContext, SECTION, ServerSettings, Settings, needsRestart, readSettings, serverSettings } from './settings';

export const LANGUAGE_ID = 'cohort-ftl';
export const CLIENT_ID = SECTION; // so vscode-languageclient reads `cohortWebhooks.trace.server`
export const CLIENT_NAME = 'Cohort Webhooks';

function pathContext(): PathContext {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return { workspaceFolder: folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined };
}

function currentSettings(scope?: vscode.ConfigurationScope): Settings {
  return readSettings(vscode.workspace.getConfiguration(SECTION, scope));
}

export class Server implements vscode.Disposable {
  private client: LanguageClient | undefined;
  private settings: Settings = currentSettings();
  private busy: Promise<void> = Promise.resolve();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly stateEmitter = new vscode.EventEmitter<boolean>();
  /** Fires true when the server is up, false when it stops. */
  readonly onDidChangeRunning = this.stateEmitter.event;

  constructor(readonly output: vscode.OutputChannel) {
    this.disposables.push(
      this.stateEmitter,
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SECTION)) {
          void this.configurationChanged();
        }
      }),
    );
    void python.onInterpreterChange(() => {
      if (currentSettings().interpreterPath === '') {
        this.output.appendLine('The Python extension selected another interpreter; restarting the server.');
        void this.restart();
      }
    }).then((d) => d && this.disposables.push(d));
  }

  get running(): boolean {
    return this.client?.state === State.Running;
  }

  /** The resolved settings sent to the server. */
  serverSettings(): ServerSettings {
    return serverSettings(currentSettings(), pathContext());
  }

  start(): Promise<void> {
    return this.serialize(() => this.doStart());
  }

  restart(): Promise<void> {
    return this.serialize(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  stop(): Promise<void> {
    return this.serialize(() => this.doStop());
  }

  /** Ask the server for a rendered payload. Never rejects: failures become an error result. */
  async preview(params: PreviewParams): Promise<PreviewResult> {
    await this.busy;
    const client = this.client;
    if (!client || client.state !== State.Running) {
      return {
        ok: false,
        error: {
          message:
            'The Cohort Webhooks language server is not running. See the "Cohort Webhooks" output channel, ' +
            'then run "Cohort Webhooks: Restart Language Server".',
          range: null,
        },
      };
    }
    try {
      return normalizeResult(await client.sendRequest(PREVIEW_REQUEST, params));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      return { ok: false, error: { message: `The preview request failed: ${message}`, range: null }, };
    }
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) {
      d.dispose();
    }
  }

  private serialize(step: () => Promise<void>): Promise<void> {
    const next = this.busy.then(step, step);
    this.busy = next.catch(() => undefined);
    return next;
  }

  private async interpreter(): Promise<Interpreter> {
    const resource = vscode.workspace.workspaceFolders?.[0]?.uri;
    return findInterpreter({
      settingPath: this.settings.interpreterPath,
      pathContext: pathContext(),
      pythonExtension: python.isPythonExtensionInstalled() ? () => python.selectedInterpreter(resource) : undefined,
      log: (m) => this.output.appendLine(m),
    });
  }

  private async doStart(): Promise<void> {
    this.settings = currentSettings();
    const interp = await this.interpreter();
    const args = serverArgs(interp);
    this.output.appendLine(`Interpreter (${interp.source}): ${interp.command} ${interp.prefixArgs.join(' ')}`.trimEnd());
    const check = await checkInterpreter(interp, runProcess);
    if (!check.ok) {
      const message = checkFailureMessage(interp, check);
      this.output.appendLine(message);
      void this.reportCheckFailure(message, interp);
      return;
    }
    const cwd = pathContext().workspaceFolder;
    const serverOptions: ServerOptions = {
      command: interp.command,
      args,
      transport: TransportKind.stdio, // appends --stdio
      options: cwd ? { cwd } : undefined,
    };
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
      ],
      outputChannel: this.output,
      initializationOptions: this.serverSettings(),
      middleware: {
        workspace: {
          // A server that pulls `cohortWebhooks` gets the same resolved settings as it was pushed.
          configuration: async (params, token, next) => {
            const res = await next(params, token);
            if (!Array.isArray(res)) {
              return res;
            }
            return params.items.map((item, i) =>
              item.section === SECTION
                ? serverSettings(
                    currentSettings(item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined),
                    pathContext(),
                  )
                : res[i],
            );
          },
        },
      },
    };
    this.output.appendLine(`Starting: ${interp.command} ${args.join(' ')} --stdio`);
    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    client.onDidChangeState((e) => this.stateEmitter.fire(e.newState === State.Running));
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`The language server did not start: ${message}`);
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop(5_000);
      } catch (err) {
        this.output.appendLine(`Stopping the server: ${err instanceof Error ? err.message : String(err)}`);
      }
      await client.dispose().catch(() => undefined);
    }
  }

  private async configurationChanged(): Promise<void> {
    const after = currentSettings();
    if (needsRestart(this.settings, after)) {
      this.output.appendLine('cohortWebhooks.interpreterPath changed; restarting the server.');
      await this.restart();
      return;
    }
    this.settings = after;
    if (this.running && this.client) {
      await this.client.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { [SECTION]: this.serverSettings() },
      });
    }
  }

  private async reportCheckFailure(message: string, interp: Interpreter): Promise<void> {
    const openSettings = 'Open Settings';
    const copy = 'Copy Install Command';
    const choice = await vscode.window.showErrorMessage(message, openSettings, copy, 'Show Output');
    if (choice === openSettings) {
      await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.interpreterPath`);
    } else if (choice === copy) {
      const py = [interp.command, ...interp.prefixArgs].map(shellQuote).join(' ');
      await vscode.env.clipboard.writeText(`${py} -m pip install cohort-webhooks`);
    } else if (choice === 'Show Output') {
      this.output.show(true);
    }
  }
}
