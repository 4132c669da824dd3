import { createHash } from 'node:crypto';
import type { ColumnKind, TablePlan } from './plan.ts';

const double = Buffer.alloc(8);

/**
 * The JS twin of sql.ts/pgEncode. A value whose type does not fit its column
 * (text in an integer column: SQLite allows it, PostgreSQL does not) gets an
 * encoding PostgreSQL never produces, so it can only show up as a mismatch.
 */
export function encodeValue(kind: ColumnKind, value: unknown): string {
  if (value === null || value === undefined) return 'N';
  if (kind === 'integer') return typeof value === 'number' && Number.isInteger(value) ? `I${value};` : typeof value === 'bigint' ? `I${value};` : `?${String(value)}`;
  if (kind === 'real') {
    if (typeof value !== 'number') return `?${String(value)}`;
    double.writeDoubleBE(value);
    return `F${double.toString('hex')}`;
  }
  return typeof value === 'string' ? `T${Buffer.byteLength(value, 'utf8')}:${value}` : `?${String(value)}`;
}

export function rowDigest(kinds: readonly ColumnKind[], row: readonly unknown[]): string {
  let text = '';
  for (let i = 0; i < kinds.length; i++) text += encodeValue(kinds[i] ?? 'text', row[i]);
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/** "id=12" or "day=2024-05-01, source=google-maps, …": which row a message is about. */
export function describeKey(table: Pick<TablePlan, 'columns' | 'orderBy'>, row: readonly unknown[]): string {
  return table.orderBy.map((column) => `${column}=${JSON.stringify(row[table.columns.indexOf(column)] ?? null)}`).join(', ');
}

/**
 * Rollup rows compared by value. Their doubles are running sums, added in
 * another order on the target than they once were on the source, so they may
 * differ in the last bits; everything else must be equal.
 * Returns what differs first, or null.
 */
export function firstRollupDifference(table: Pick<TablePlan, 'columns' | 'kinds' | 'orderBy'>, source: readonly (readonly unknown[])[], target: readonly (readonly unknown[])[]): string | null {
  for (let r = 0; r < Math.max(source.length, target.length); r++) {
    const a = source[r];
    const b = target[r];
    if (!a || !b) return a ? `row ${describeKey(table, a)} is missing from PostgreSQL` : `PostgreSQL has an extra row ${describeKey(table, b ?? [])}`;
    for (let c = 0; c < table.columns.length; c++) {
      if (!sameValue(table.kinds[c] ?? 'text', a[c], b[c])) {
        return `row ${describeKey(table, a)}: ${table.columns[c]} is ${JSON.stringify(a[c] ?? null)} in SQLite but ${JSON.stringify(b[c] ?? null)} in PostgreSQL`;
      }
    }
  }
  return null;
}

function sameValue(kind: ColumnKind, a: unknown, b: unknown): boolean {
  if (kind === 'real' && typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  return a === b || (a ?? null) === (b ?? null);
}

/**
 * PostgreSQL names no row when a multi-row INSERT fails on a value. The one
 * value SQLite keeps and PostgreSQL text refuses is a NUL character: find it,
 * so the message can say which row to fix.
 */
export function findNulValue(table: Pick<TablePlan, 'columns' | 'orderBy'>, params: readonly unknown[]): string | null {
  const width = table.columns.length;
  for (let i = 0; i < params.length; i++) {
    const value = params[i];
    if (typeof value === 'string' && value.includes('\u0000')) {
      const start = i - (i % width);
      return `row ${describeKey(table, params.slice(start, start + width))} has a NUL character in ${table.columns[i % width]}, which PostgreSQL text cannot hold`;
    }
  }
  return null;
}
