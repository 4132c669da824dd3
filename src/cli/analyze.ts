import { createInterface } from 'node:readline';
import { z } from 'zod';
import { createAnalyzer, type AnalyzerOptions } from '../analyze/engine.ts';

const inputSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  lang: z.enum(['ru', 'en', 'other']).optional(),
});

/**
 * JSON lines in, JSON lines out, in input order. A bad line becomes an error
 * line naming its number and the rest go on, so one bad record in a large
 * file never loses the others.
 */
export async function analyzeStream(
  input: NodeJS.ReadableStream,
  write: (line: string) => void,
  options: AnalyzerOptions = {},
): Promise<{ ok: number; failed: number }> {
  const analyzer = createAnalyzer(options);
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let ok = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (e) {
      failed++;
      write(JSON.stringify({ line: lineNo, error: `line ${lineNo}: not valid JSON (${(e as Error).message})` }));
      continue;
    }
    const record = inputSchema.safeParse(parsed);
    if (!record.success) {
      failed++;
      const issue = record.error.issues[0];
      const id = typeof parsed === 'object' && parsed !== null && 'id' in parsed ? (parsed as { id: unknown }).id : undefined;
      write(JSON.stringify({ line: lineNo, ...(id === undefined ? {} : { id }), error: `line ${lineNo}: ${issue?.path.join('.') || 'record'}: ${issue?.message ?? 'invalid'}; expected {"id","text","lang"?}` }));
      continue;
    }
    const { id, text, lang } = record.data;
    const a = analyzer.analyze(text, lang);
    write(JSON.stringify({ id, lang: a.lang, score: a.score === null ? null : Math.round(a.score * 1000) / 1000, label: a.label, reasons: a.reasons, tags: a.tags }));
    ok++;
  }
  return { ok, failed };
}
