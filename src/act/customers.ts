import { eq } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { customers } from '../store/schema.ts';
import { parseCsv } from './csv.ts';
import { actStatements, hasCustomers } from './statements.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export interface ImportResult {
  imported: number;
  updated: number;
  errors: { line: number; message: string }[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function normalizeName(value: string): string {
  return value.normalize('NFKC').toLocaleLowerCase().replace(/ё/g, 'е').replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** `trustpilot:Ann K.; vk:id42` → { trustpilot: 'Ann K.', vk: 'id42' } */
function parseHandles(value: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of value.split(/[;|]/)) {
    const at = part.indexOf(':');
    if (at > 0) out[part.slice(0, at).trim().toLowerCase()] = part.slice(at + 1).trim();
  }
  return out;
}

/**
 * Imports a CRM export. Columns by header (any order, case-insensitive): name
 * (required), email, phone, location, lifetime_value, crm_id, handles
 * ("source:handle; …") and handle_<source>. A bad row is reported with its line
 * and skipped; the good rows are imported; a row with a known crm_id or e-mail
 * updates that customer.
 */
export function importCustomersCsv(db: Db, text: string): ImportResult {
  const records = parseCsv(text);
  const header = records.shift();
  const result: ImportResult = { imported: 0, updated: 0, errors: [] };
  if (!header) return { ...result, errors: [{ line: 1, message: 'the file is empty; expected a header row with at least "name"' }] };
  const columns = header.cells.map((c) => c.trim().toLowerCase().replace(/\s+/g, '_'));
  const col = (names: string[]) => columns.findIndex((c) => names.includes(c));
  const idx = { name: col(['name', 'full_name', 'имя']), email: col(['email', 'e-mail']), phone: col(['phone', 'телефон']), location: col(['location', 'city', 'branch']), ltv: col(['lifetime_value', 'ltv']), crm: col(['crm_id', 'id', 'customer_id']), handles: col(['handles']) };
  if (idx.name < 0) return { ...result, errors: [{ line: header.line, message: `no "name" column; the header has: ${columns.join(', ')}` }] };
  const handleColumns = columns.flatMap((c, i) => (c.startsWith('handle_') ? [[c.slice('handle_'.length), i] as const] : []));

  db.transaction((tx) => {
    for (const { line, cells } of records) {
      const cell = (i: number) => (i >= 0 ? (cells[i] ?? '').trim() : '');
      const name = cell(idx.name);
      const email = cell(idx.email).toLowerCase() || null;
      const ltvText = cell(idx.ltv).replace(/\s/g, '').replace(',', '.');
      const ltv = ltvText === '' ? null : Number(ltvText);
      const problem = !name ? 'name is empty' : email && !EMAIL.test(email) ? `"${email}" is not an e-mail address` : ltv !== null && !Number.isFinite(ltv) ? `lifetime_value "${cell(idx.ltv)}" is not a number` : cells.length > columns.length ? `${cells.length} cells for ${columns.length} columns (an unquoted comma?)` : null;
      if (problem) {
        result.errors.push({ line, message: problem });
        continue;
      }
      const handles = { ...parseHandles(cell(idx.handles)), ...Object.fromEntries(handleColumns.map(([source, i]) => [source, cell(i)]).filter(([, v]) => v)) };
      const row = { name, email, phone: cell(idx.phone) || null, location: cell(idx.location) || null, lifetimeValue: ltv, handles, crmId: cell(idx.crm) || null };
      const existing = findExisting(tx, row.crmId, email);
      if (existing) {
        tx.update(customers).set(row).where(eq(customers.id, existing)).run();
        result.updated++;
      } else {
        tx.insert(customers).values(row).run();
        result.imported++;
      }
    }
  });
  return result;
}

function findExisting(tx: Tx, crmId: string | null, email: string | null): number | null {
  if (crmId) {
    const hit = tx.select({ id: customers.id }).from(customers).where(eq(customers.crmId, crmId)).get();
    if (hit) return hit.id;
  }
  if (email) return tx.select({ id: customers.id }).from(customers).where(eq(customers.email, email)).get()?.id ?? null;
  return null;
}

export interface CustomerMatch {
  id: number;
  name: string;
  confidence: number;
  lifetimeValue: number | null;
  how: 'handle' | 'name+location' | 'name' | 'initial+location';
}

/**
 * Finds the customer behind an author: the source's exact handle first (1.0),
 * then the full name with the location (0.8), the full name alone when only
 * one customer has it (0.5), then "Anna K." against "Anna Kuznetsova" at the
 * same location (0.4). Two equal candidates are no match: a wrong customer on
 * a task is worse than none.
 */
export function matchCustomer(tx: Tx, author: { source: string; name: string | null; location: string | null }): CustomerMatch | null {
  if (!author.name) return null;
  const s = actStatements(tx);
  // Most installs never import a CRM: then there is nothing to match, and no reason to normalize names.
  if (!hasCustomers(tx, s)) return null;
  // SQLite's lower() knows only ASCII, so handles are compared here, where "Анна К." = "анна к.".
  const handle = normalizeName(author.name);
  const path = `$."${author.source.replace(/"/g, '')}"`;
  const byHandle = s.customersByHandle.all(path, path).filter((c) => normalizeName(c.handle) === handle);
  if (byHandle.length === 1 && byHandle[0]) return { id: byHandle[0].id, name: byHandle[0].name, lifetimeValue: byHandle[0].ltv, confidence: 1, how: 'handle' };

  const wanted = handle;
  const place = author.location ? normalizeName(author.location) : null;
  const all = s.allCustomers.all();
  const sameName = all.filter((c) => normalizeName(c.name) === wanted);
  const at = (list: typeof all) => (place ? list.filter((c) => c.location && normalizeName(c.location) === place) : []);
  const pick = (list: typeof all, confidence: number, how: CustomerMatch['how']): CustomerMatch | null => (list.length === 1 && list[0] ? { id: list[0].id, name: list[0].name, lifetimeValue: list[0].ltv, confidence, how } : null);
  const initial = /^(\S+) (\S)$/.exec(wanted);
  return (
    pick(at(sameName), 0.8, 'name+location') ??
    pick(sameName, 0.5, 'name') ??
    (initial ? pick(at(all.filter((c) => { const [first, last] = normalizeName(c.name).split(' '); return first === initial[1] && last?.startsWith(initial[2] ?? '') === true; })), 0.4, 'initial+location') : null)
  );
}
