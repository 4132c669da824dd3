import { getTableName } from 'drizzle-orm';
import { getTableConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import * as schema from '../schema.ts';

/** How a value is compared across engines: SQLite's storage classes as the pg schema maps them. */
export type ColumnKind = 'integer' | 'real' | 'text';

export interface TablePlan {
  name: string;
  columns: string[];
  kinds: ColumnKind[];
  /** Columns that order the rows the same way on both engines (the primary key, else every column). */
  orderBy: string[];
  /** Has an `id` the target numbers itself: its identity sequence must move past the copied ids. */
  identity: boolean;
  /**
   * Written by the rollup triggers on both engines: the target's triggers rebuild
   * it while the base rows go in (no superuser or table owner needed to keep them
   * on), and the result is compared with the source's instead of copied.
   */
  derived: boolean;
}

/** The rollups of SQLite migration 0006 and pg migration 0001_rollup_triggers. */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['mention_daily', 'negative_tag_state', 'negative_tag_daily']);

/** Never copied: each engine records its own migrations. */
export const MIGRATIONS_TABLE = '__drizzle_migrations';

function kindOf(columnType: string): ColumnKind {
  if (columnType === 'SQLiteInteger' || columnType === 'SQLiteBoolean' || columnType === 'SQLiteTimestamp' || columnType === 'SQLiteBigInt') return 'integer';
  if (columnType === 'SQLiteReal' || columnType === 'SQLiteNumeric') return 'real';
  return 'text';
}

/**
 * Every table of schema.ts, parents before children (foreign keys), ties in
 * declaration order, derived tables last so the base rows that feed them exist.
 */
export function exportPlan(tables: readonly SQLiteTable[] = schemaTables()): TablePlan[] {
  const configs = tables.map((t) => getTableConfig(t));
  const byName = new Map(configs.map((c) => [c.name, c]));
  const ordered: TablePlan[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]): void => {
    const seen = state.get(name);
    if (seen === 'done') return;
    if (seen === 'visiting') throw new Error(`foreign keys form a cycle: ${[...path, name].join(' -> ')}; export cannot order these tables`);
    const config = byName.get(name);
    if (!config) return;
    state.set(name, 'visiting');
    for (const fk of config.foreignKeys) {
      const parent = getTableName(fk.reference().foreignTable);
      if (parent !== name) visit(parent, [...path, name]);
    }
    state.set(name, 'done');
    const columns = config.columns.map((c) => c.name);
    const primary = config.primaryKeys[0]?.columns.map((c) => c.name) ?? config.columns.filter((c) => c.primary).map((c) => c.name);
    ordered.push({
      name,
      columns,
      kinds: config.columns.map((c) => kindOf(c.columnType)),
      orderBy: primary.length > 0 ? primary : columns,
      identity: config.columns.some((c) => c.name === 'id' && c.primary && kindOf(c.columnType) === 'integer'),
      derived: DERIVED_TABLES.has(name),
    });
  };
  for (const c of configs) visit(c.name, []);
  return [...ordered.filter((t) => !t.derived), ...ordered.filter((t) => t.derived)];
}

export function schemaTables(): SQLiteTable[] {
  const values: unknown[] = Object.values(schema);
  return values.filter((v): v is SQLiteTable => v instanceof SQLiteTable);
}

/** What a PostgreSQL column type (information_schema.columns.data_type) holds, in ColumnKind terms. */
export function pgKind(dataType: string): ColumnKind | null {
  if (dataType === 'integer' || dataType === 'bigint' || dataType === 'smallint') return 'integer';
  if (dataType === 'double precision') return 'real';
  if (dataType === 'text' || dataType === 'character varying') return 'text';
  return null;
}

/**
 * Problems that would make a copy lose or bend values: a table or column the
 * target lacks, or a column whose pg type does not hold what SQLite stores
 * (e.g. `real` would round a double). Empty when the target fits.
 */
export function targetMismatches(plan: readonly TablePlan[], pgColumns: ReadonlyMap<string, ReadonlyMap<string, string>>): string[] {
  const problems: string[] = [];
  for (const table of plan) {
    const columns = pgColumns.get(table.name);
    if (!columns) {
      problems.push(`table ${table.name} is missing`);
      continue;
    }
    table.columns.forEach((column, i) => {
      const type = columns.get(column);
      if (type === undefined) problems.push(`column ${table.name}.${column} is missing`);
      else if (pgKind(type) !== table.kinds[i]) problems.push(`column ${table.name}.${column} is ${type}, expected a ${table.kinds[i]} type`);
    });
  }
  return problems;
}
