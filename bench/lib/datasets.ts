/**
 * Readers for labelled sentiment files: RuSentiTweet CSV (text,label,id),
 * TweetEval TSV (label<TAB>text, 0/1/2), UCI sentences TSV (text<TAB>label,
 * 0/1), JSONL {"text","label"} and star-rated reviews as JSONL (the output of
 * `repwatch parse`). Rows with other labels are skipped.
 */
import { readFileSync } from 'node:fs';

export type Gold = 'negative' | 'neutral' | 'positive';

export interface Example {
  text: string;
  label: Gold;
  /** Stable id for the train/test split: the dataset's id, or the text. */
  id: string;
}

const WORD_LABELS: Record<string, Gold> = {
  negative: 'negative', neg: 'negative', neutral: 'neutral', neu: 'neutral', positive: 'positive', pos: 'positive',
};

function labelOf(value: unknown): Gold | undefined {
  if (typeof value === 'number') return value < 0 ? 'negative' : value > 0 ? 'positive' : 'neutral';
  if (typeof value === 'string') return WORD_LABELS[value.trim().toLowerCase()];
  return undefined;
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function readCsv(content: string): Example[] {
  const [header, ...rows] = parseCsv(content);
  if (!header) return [];
  const col = (name: string): number => header.findIndex((h) => h.trim().toLowerCase() === name);
  const ti = col('text');
  const li = col('label');
  const ii = col('id');
  if (ti < 0 || li < 0) throw new Error('CSV needs "text" and "label" columns');
  const out: Example[] = [];
  for (const r of rows) {
    const text = r[ti];
    const label = labelOf(r[li]);
    if (text === undefined || !label) continue;
    out.push({ text, label, id: ii >= 0 ? (r[ii] ?? text) : text });
  }
  return out;
}

/** TSV with a 0/1/2 label first (TweetEval) or a 0/1 label last (UCI sentences). */
function readTsv(content: string): Example[] {
  const lines = content.split(/\r?\n/).filter((l) => l.trim() !== '');
  const first = lines[0]?.split('\t') ?? [];
  const labelFirst = /^\s*[0-2]\s*$/.test(first[0] ?? '');
  const out: Example[] = [];
  for (const line of lines) {
    const cells = line.split('\t');
    const rawLabel = (labelFirst ? cells[0] : cells[cells.length - 1])?.trim() ?? '';
    const text = (labelFirst ? cells.slice(1) : cells.slice(0, -1)).join('\t').trim();
    let label: Gold | undefined;
    if (labelFirst) label = (['negative', 'neutral', 'positive'] as const)[Number(rawLabel)];
    else if (rawLabel === '0' || rawLabel === '1') label = rawLabel === '0' ? 'negative' : 'positive';
    else label = labelOf(rawLabel);
    if (label && text) out.push({ text, label, id: text });
  }
  return out;
}

/** Stars as a label: 1-2 negative, 3 neutral, 4-5 positive (a review's own verdict on itself). */
export function labelOfStars(rating: unknown): Gold | undefined {
  if (typeof rating !== 'number' || !Number.isFinite(rating) || rating < 1 || rating > 5) return undefined;
  return rating <= 2 ? 'negative' : rating < 4 ? 'neutral' : 'positive';
}

interface JsonRow {
  text?: unknown;
  label?: unknown;
  id?: unknown;
  rating?: unknown;
  title?: unknown;
  external_id?: unknown;
}

/**
 * JSON lines: {"text","label"} rows, or star-rated reviews as `repwatch parse`
 * prints them ({"rating","title","text","external_id"}), scored as the
 * pipeline scores a review: title and text together.
 */
function readJsonl(content: string): Example[] {
  const out: Example[] = [];
  content.split(/\r?\n/).forEach((line, n) => {
    if (!line.trim()) return;
    let row: JsonRow;
    try {
      row = JSON.parse(line) as JsonRow;
    } catch (e) {
      throw new Error(`line ${n + 1} is not JSON (${(e as Error).message}): one object per line expected`);
    }
    const label = row.label !== undefined ? labelOf(row.label) : labelOfStars(row.rating);
    if (typeof row.text !== 'string' || !label) return;
    const title = typeof row.title === 'string' && row.title.trim() !== '' ? row.title : null;
    const text = title ? `${title}. ${row.text}` : row.text;
    const id = row.id ?? row.external_id;
    out.push({ text, label, id: id === undefined || id === null ? text : String(id) });
  });
  return out;
}

/** Read a labelled file, choosing the format by extension (and by content for .txt). */
export function readDataset(path: string): Example[] {
  const content = readFileSync(path, 'utf8');
  if (/\.jsonl?$/i.test(path) || content.trimStart().startsWith('{')) return readJsonl(content);
  if (/\.csv$/i.test(path)) return readCsv(content);
  return readTsv(content);
}
