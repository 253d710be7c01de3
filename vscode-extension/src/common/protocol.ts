/**
 * The custom part of the protocol between this extension and the language server,
 * and the sample choices of the preview. Pure: no VS Code import.
 */
import * as path from 'path';

export const PREVIEW_REQUEST = 'cohortWebhooks/preview';

/** LSP Position and Range (0-based line, UTF-16 character). */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}

export type Sample =
  | { kind: 'synthesized'; users: number; inCohort: boolean }
  | { kind: 'file'; path: string };

export interface PreviewParams {
  uri: string;
  sample: Sample;
}

export type PreviewResult =
  | { ok: true; payload: string; json: boolean; jsonError?: { message: string; range: Range } }
  | { ok: false; error: { message: string; range: Range | null } };

/** One entry of the preview's sample selector. */
export interface SampleChoice {
  key: string;
  label: string;
  group: string;
  sample: Sample;
}

export const USER_COUNTS: readonly number[] = [0, 1, 3, 100];
export const DEFAULT_SAMPLE_KEY = 'enter:3';

/** The selector's entries: entering then leaving with 0/1/3/100 users, then each sample file. */
export function sampleChoices(sampleFiles: readonly string[]): SampleChoice[] {
  const out: SampleChoice[] = [];
  for (const inCohort of [true, false]) {
    for (const users of USER_COUNTS) {
      out.push({
        key: `${inCohort ? 'enter' : 'exit'}:${users}`,
        label: `${inCohort ? 'Entering' : 'Leaving'}, ${users} user${users === 1 ? '' : 's'}`,
        group: inCohort ? 'Synthesized: entering the cohort' : 'Synthesized: leaving the cohort',
        sample: { kind: 'synthesized', users, inCohort },
      });
    }
  }
  for (const file of sampleFiles) {
    out.push({ key: `file:${file}`, label: path.basename(file), group: 'Sample files', sample: { kind: 'file', path: file } });
  }
  return out;
}

/** The choice for a key, or the default when the key is gone (a sample file removed from the settings). */
export function findChoice(choices: readonly SampleChoice[], key: string): SampleChoice {
  return (
    choices.find((c) => c.key === key) ??
    choices.find((c) => c.key === DEFAULT_SAMPLE_KEY) ??
    choices[0]
  );
}

function isPosition(v: unknown): v is Position {
  const p = v as Position;
  return typeof p === 'object' && p !== null && Number.isInteger(p.line) && Number.isInteger(p.character);
}

export function isRange(v: unknown): v is Range {
  const r = v as Range;
  return typeof r === 'object' && r !== null && isPosition(r.start) && isPosition(r.end);
}

/**
 * Check a result from the server; anything malformed becomes an error result, so the
 * panel always has something to show.
 */
export function normalizeResult(raw: unknown): PreviewResult {
  const r = raw as Record<string, unknown> | null;
  if (r && r.ok === true && typeof r.payload === 'string') {
    const out: PreviewResult = { ok: true, payload: r.payload, json: r.json === true };
    const je = r.jsonError as { message?: unknown; range?: unknown } | undefined;
    if (je && typeof je.message === 'string' && isRange(je.range)) {
      out.jsonError = { message: je.message, range: je.range };
    }
    return out;
  }
  if (r && r.ok === false && typeof r.error === 'object' && r.error !== null) {
    const e = r.error as { message?: unknown; range?: unknown };
    return {
      ok: false,
      error: { message: typeof e.message === 'string' ? e.message : 'Rendering failed.', range: isRange(e.range) ? e.range : null },
    };
  }
  return { ok: false, error: { message: 'The language server sent a preview result this extension does not understand.', range: null } };
}
