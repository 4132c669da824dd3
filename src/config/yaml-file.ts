import { readFileSync } from 'node:fs';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

/** A config or rule file that cannot be used; the message names file, line and field. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly file: string,
    readonly problems: readonly ConfigProblem[] = [],
  ) {
    super(message);
    this.name = 'ConfigError';
  }
}

export interface ConfigProblem {
  line: number | null;
  field: string;
  message: string;
}

/** `targets[2].options.item`, the way a person reads a YAML path. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number | null {
  // Walk up to the nearest node that exists: a missing key is reported at its parent.
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth) as unknown[], true);
    if (isNode(node) && node.range) return lines.linePos(node.range[0]).line;
  }
  return null;
}

export function formatProblems(file: string, problems: readonly ConfigProblem[]): string {
  return problems.map((p) => `${file}${p.line ? `:${p.line}` : ''}: ${p.field || '(top level)'}: ${p.message}`).join('\n');
}

/** Reads a YAML file and validates it, turning every problem into file:line: field: message. */
export function readYamlFile<T>(file: string, schema: z.ZodType<T>, what: string): { value: T; doc: Document; lines: LineCounter } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    throw new ConfigError(`cannot read ${what} ${file}: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, file);
  }
  return parseYamlText(text, file, schema, what);
}

export function parseYamlText<T>(text: string, file: string, schema: z.ZodType<T>, what: string): { value: T; doc: Document; lines: LineCounter } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({ line: lines.linePos(e.pos[0]).line, field: '', message: `YAML syntax: ${e.message.split('\n')[0]}` }));
    throw new ConfigError(`invalid ${what}:\n${formatProblems(file, problems)}`, file, problems);
  }
  const result = schema.safeParse(doc.toJS() ?? {});
  if (!result.success) {
    const problems = result.error.issues.map((issue) => ({
      // An unknown key is reported on its own line, not its parent's.
      line: lineOf(doc, lines, issue.code === 'unrecognized_keys' && issue.keys[0] ? [...issue.path, issue.keys[0]] : issue.path),
      field: formatPath(issue.path),
      message: issue.message,
    }));
    throw new ConfigError(`invalid ${what}:\n${formatProblems(file, problems)}`, file, problems);
  }
  return { value: result.data, doc, lines };
}

/** For checks made after the schema (unknown channel, duplicate id): same message shape. */
export function problemAt(doc: Document, lines: LineCounter, path: readonly PropertyKey[], message: string): ConfigProblem {
  return { line: lineOf(doc, lines, path), field: formatPath(path), message };
}
