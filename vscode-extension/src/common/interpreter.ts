/**
 * Interpreter lookup: which Python runs the language server, and whether it has
 * the package. The order is fixed: the `cohortWebhooks.interpreterPath` setting,
 * then the Python extension's selected interpreter (when it is installed), then
 * `python3`. Every outside effect is injected so the order is testable without VS Code.
 */
import { execFile } from 'child_process';
import { PathContext, resolvePath } from './settings';

export type InterpreterSource = 'setting' | 'python-extension' | 'default';

export interface Interpreter {
  /** The command to run (absolute path, or a name looked up on PATH). */
  command: string;
  /** Arguments that come before `-m lsp` (for a Python extension command like `conda run -n x python`). */
  prefixArgs: string[];
  source: InterpreterSource;
}

export const DEFAULT_PYTHON = 'python3';

export interface LookupDeps {
  /** The `cohortWebhooks.interpreterPath` setting as written ('' when unset). */
  settingPath: string;
  pathContext: PathContext;
  /**
   * The Python extension's interpreter as a command line, or undefined when the
   * extension is not installed, has none selected, or fails. Only called when the
   * setting is empty.
   */
  pythonExtension?: () => Promise<string[] | undefined>;
  /** Reports a failure of the Python extension lookup (it never stops the lookup). */
  log?: (message: string) => void;
}

/** Find the interpreter, in the fixed order. */
export async function findInterpreter(deps: LookupDeps): Promise<Interpreter> {
  const fromSetting = resolvePath(deps.settingPath, deps.pathContext);
  if (fromSetting !== '') {
    return { command: fromSetting, prefixArgs: [], source: 'setting' };
  }
  if (deps.pythonExtension) {
    try {
      const cmd = await deps.pythonExtension();
      const parts = (cmd ?? []).filter((s) => typeof s === 'string' && s !== '');
      if (parts.length > 0) {
        return { command: parts[0], prefixArgs: parts.slice(1), source: 'python-extension' };
      }
    } catch (err) {
      deps.log?.(`Python extension lookup failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { command: DEFAULT_PYTHON, prefixArgs: [], source: 'default' };
}

/** The server's command line: `<python> -m lsp` (vscode-languageclient appends `--stdio`). */
export function serverArgs(interp: Interpreter): string[] {
  return [...interp.prefixArgs, '-m', 'lsp'];
}

/**
 * The check run before the server starts: the package imports, and `lsp` can be run with `-m`
 * (an old install or a checkout without the server has an `lsp` that imports but cannot run).
 * find_spec does not execute lsp/__main__.py.
 */
export const CHECK_CODE =
  'import lsp, ftl; import importlib.util as u; ' +
  'u.find_spec("lsp.__main__") or exit("lsp has no __main__: this cohort-webhooks has no language server")';

export function checkArgs(interp: Interpreter): string[] {
  return [...interp.prefixArgs, '-c', CHECK_CODE];
}

export interface RunResult {
  /** Exit code, or null when the process could not be started (error set). */
  code: number | null;
  stderr: string;
  /** Set when the command could not be run at all (ENOENT, EACCES, timeout). */
  error?: string;
}

/** Runs a command line and reports how it ended; injected for tests. */
export type Runner = (command: string, args: string[]) => Promise<RunResult>;

const CHECK_TIMEOUT_MS = 20_000;

/** The real runner: execFile with a timeout; never rejects. */
export function runProcess(command: string, args: string[], timeoutMs = CHECK_TIMEOUT_MS): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (err, _stdout, stderr) => {
      if (err === null) {
        resolve({ code: 0, stderr: String(stderr) });
      } else if (err.killed) {
        resolve({ code: null, stderr: String(stderr), error: `timed out after ${timeoutMs} ms` });
      } else if (typeof err.code === 'number') {
        resolve({ code: err.code, stderr: String(stderr) });
      } else {
        resolve({ code: null, stderr: String(stderr), error: err.message });
      }
    });
  });
}

export type CheckResult =
  | { ok: true }
  | { ok: false; reason: 'not-found' | 'missing-package'; detail: string };

/** Check that the interpreter runs and can import `lsp` and `ftl`. */
export async function checkInterpreter(interp: Interpreter, run: Runner): Promise<CheckResult> {
  const res = await run(interp.command, checkArgs(interp));
  if (res.error !== undefined || res.code === null) {
    return { ok: false, reason: 'not-found', detail: res.error ?? 'could not be started' };
  }
  if (res.code !== 0) {
    const last = res.stderr.trim().split(/\r?\n/).pop() ?? '';
    return { ok: false, reason: 'missing-package', detail: last };
  }
  return { ok: true };
}

/** Quote one shell word if it needs it (for messages the user may copy). */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The message shown when the check fails, with the command that fixes it. */
export function checkFailureMessage(interp: Interpreter, res: CheckResult & { ok: false }): string {
  const py = [interp.command, ...interp.prefixArgs].map(shellQuote).join(' ');
  const where =
    interp.source === 'setting'
      ? 'set in cohortWebhooks.interpreterPath'
      : interp.source === 'python-extension'
        ? "selected in the Python extension"
        : 'the default, found on PATH';
  if (res.reason === 'not-found') {
    return (
      `Cohort Webhooks: the Python interpreter "${py}" (${where}) could not be run: ${res.detail}. ` +
      'Set cohortWebhooks.interpreterPath to a Python 3.11+ interpreter.'
    );
  }
  return (
    `Cohort Webhooks: the Python interpreter "${py}" (${where}) does not have the cohort-webhooks package` +
    (res.detail ? ` (${res.detail})` : '') +
    `. Install it with: ${py} -m pip install cohort-webhooks` +
    ` (or, from a checkout of the repository: ${py} -m pip install -e <repo>).`
  );
}
