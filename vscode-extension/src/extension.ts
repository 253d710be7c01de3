/** Activation and deactivation only; everything else lives in src/common/. */
import * as vscode from 'vscode';
import { CLIENT_NAME, Server } from './common/client';
import { PreviewPanel } from './common/preview';

let server: Server | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME);
  server = new Server(output);
  const s = server;
  context.subscriptions.push(
    output,
    s,
    vscode.commands.registerCommand('cohortWebhooks.restartServer', () => s.restart()),
    vscode.commands.registerCommand('cohortWebhooks.previewPayload', () => PreviewPanel.show(context, s)),
  );
  void s.start(); // not awaited: the interpreter check must not hold up activation
}

export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
