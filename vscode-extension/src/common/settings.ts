/**
 * Settings: read the `cohortWebhooks.*` configuration and turn it into what the
 * server is sent. Pure functions; the VS Code side only hands in a getter.
 *
 * package.json is the one place the settings are declared (with defaults,
 * descriptions and scopes); the defaults below only guard against a missing
 * or mistyped value.
 */
import * as os from 'os';
import * as path from 'path';

export const SECTION = 'cohortWebhooks';

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The settings as the user wrote them (after type checks), before any path resolution. */
export interface Settings {
  interpreterPath: string;
  schemaFile: string;
  sampleFiles: string[];
  jsonOutputCheck: boolean;
  trace: TraceLevel;
}

/** What the server receives: `initializationOptions` and `settings.cohortWebhooks` of didChangeConfiguration. */
export interface ServerSettings {
  /** Absolute path, or null when unset. */
  schemaFile: string | null;
  /** Absolute paths, in the user's order, without duplicates or blanks. */
  sampleFiles: string[];
  jsonOutputCheck: boolean;
}

/** The part of `vscode.WorkspaceConfiguration` that is read. */
export interface ConfigGetter {
  get<T>(key: string): T | undefined;
}

const TRACE_LEVELS: readonly TraceLevel[] = ['off', 'messages', 'verbose'];

function str(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Read the settings, falling back to the package.json defaults for missing or mistyped values. */
export function readSettings(config: ConfigGetter): Settings {
  const samples = config.get<unknown>('sampleFiles');
  const check = config.get<unknown>('jsonOutputCheck');
  const trace = config.get<unknown>('trace.server');
  return {
    interpreterPath: str(config.get<unknown>('interpreterPath')),
    schemaFile: str(config.get<unknown>('schemaFile')),
    sampleFiles: Array.isArray(samples) ? samples.map(str).filter((s) => s !== '') : [],
    jsonOutputCheck: typeof check === 'boolean' ? check : true,
    trace: TRACE_LEVELS.includes(trace as TraceLevel) ? (trace as TraceLevel) : 'off',
  };
}

/** Where relative paths and `${workspaceFolder}` point. */
export interface PathContext {
  /** First workspace folder (absolute), if any. */
  workspaceFolder?: string;
  /** Home directory for `~`; defaults to os.homedir(). */
  home?: string;
}

/**
 * Resolve a user-written path: `${workspaceFolder}`, `${userHome}` and a leading `~`
 * are expanded, and a relative path is taken from the workspace folder.
 * Returns '' for an empty input. A relative path with no workspace folder stays relative.
 */
export function resolvePath(p: string, ctx: PathContext): string {
  const input = p.trim();
  if (input === '') {
    return '';
  }
  const home = ctx.home ?? os.homedir();
  let out = input.replace(/\$\{userHome\}/g, home);
  if (ctx.workspaceFolder !== undefined) {
    out = out.replace(/\$\{workspaceFolder\}/g, ctx.workspaceFolder);
  }
  if (out === '~' || out.startsWith('~/') || out.startsWith('~\\')) {
    out = path.join(home, out.slice(1));
  }
  if (!path.isAbsolute(out) && ctx.workspaceFolder !== undefined && !out.includes('${')) {
    out = path.join(ctx.workspaceFolder, out);
  }
  return out === input ? out : path.normalize(out);
}

/** The settings the server is sent, with paths resolved. */
export function serverSettings(settings: Settings, ctx: PathContext): ServerSettings {
  const samples: string[] = [];
  for (const s of settings.sampleFiles) {
    const abs = resolvePath(s, ctx);
    if (abs !== '' && !samples.includes(abs)) {
      samples.push(abs);
    }
  }
  const schema = resolvePath(settings.schemaFile, ctx);
  return {
    schemaFile: schema === '' ? null : schema,
    sampleFiles: samples,
    jsonOutputCheck: settings.jsonOutputCheck,
  };
}

/** Which settings changed in a way that needs a server restart rather than a didChangeConfiguration. */
export function needsRestart(before: Settings, after: Settings): boolean {
  return before.interpreterPath !== after.interpreterPath;
}
