/**
 * The Python extension (ms-python.python), optional: its selected interpreter, read
 * through its public API when the extension is installed. Nothing here is required;
 * every failure returns undefined and the lookup falls back to `python3`.
 */
import * as vscode from 'vscode';

const PYTHON_EXTENSION_ID = 'ms-python.python';

/** The slice of the Python extension's API that is used (see @vscode/python-extension). */
interface PythonApi {
  ready?: Promise<void>;
  environments?: {
    getActiveEnvironmentPath(resource?: vscode.Uri): { id: string; path: string };
    resolveEnvironment(
      env: { id: string; path: string } | string,
    ): Promise<{ executable: { uri?: vscode.Uri } } | undefined>;
    onDidChangeActiveEnvironmentPath?: vscode.Event<unknown>;
  };
  /** The older API, still exported. */
  settings?: {
    getExecutionDetails(resource?: vscode.Uri): { execCommand: string[] | undefined };
  };
}

async function api(): Promise<PythonApi | undefined> {
  const ext = vscode.extensions.getExtension<PythonApi>(PYTHON_EXTENSION_ID);
  if (!ext) {
    return undefined;
  }
  const exports = ext.isActive ? ext.exports : await ext.activate();
  if (exports?.ready) {
    await exports.ready;
  }
  return exports;
}

/** The selected interpreter as a command line, or undefined. */
export async function selectedInterpreter(resource?: vscode.Uri): Promise<string[] | undefined> {
  const py = await api();
  if (!py) {
    return undefined;
  }
  if (py.environments) {
    const env = py.environments.getActiveEnvironmentPath(resource);
    const resolved = await py.environments.resolveEnvironment(env);
    const exe = resolved?.executable.uri?.fsPath;
    if (exe) {
      return [exe];
    }
  }
  return py.settings?.getExecutionDetails(resource).execCommand;
}

/** Calls back when the user selects another interpreter in the Python extension. */
export async function onInterpreterChange(listener: () => void): Promise<vscode.Disposable | undefined> {
  try {
    const py = await api();
    return py?.environments?.onDidChangeActiveEnvironmentPath?.(() => listener());
  } catch {
    return undefined;
  }
}

export function isPythonExtensionInstalled(): boolean {
  return vscode.extensions.getExtension(PYTHON_EXTENSION_ID) !== undefined;
}
