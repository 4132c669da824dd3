/**
 * The store's SQL is written once, in the subset both engines read; what
 * differs is how parameters are spelled. SQLite takes `?`, `@name`, `:name`
 * and `$name`; PostgreSQL only `$1`. This rewrites the placeholders (never
 * inside strings, quoted names or comments) and says which argument each
 * `$n` takes. Anything else dialect-specific is chosen in the caller with
 * `isPostgres(client)`, not guessed here.
 */
export interface Translated {
  sql: string;
  /** For `$1..$n`: a positional index into the arguments, or a parameter name. */
  slots: (number | string)[];
}

const cache = new Map<string, Translated>();
const CACHE_LIMIT = 2000;

export function translateSql(source: string): Translated {
  const hit = cache.get(source);
  if (hit) return hit;
  const translated = translate(source);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(source, translated);
  return translated;
}

const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;

function translate(source: string): Translated {
  let out = '';
  const slots: (number | string)[] = [];
  const named = new Map<string, number>();
  let positional = 0;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source[i]!;
    const next = source[i + 1];
    if (c === "'" || c === '"' || c === '`') {
      const end = closing(source, i, c);
      // SQLite reads `name` as an identifier; PostgreSQL needs "name".
      out += c === '`' ? `"${source.slice(i + 1, end - 1).replaceAll('"', '""')}"` : source.slice(i, end);
      i = end;
    } else if (c === '-' && next === '-') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '$' && dollarTag(source, i)) {
      // A dollar-quoted body (a plpgsql function in a migration) is copied as is.
      const tag = dollarTag(source, i)!;
      const end = source.indexOf(tag, i + tag.length);
      const stop = end === -1 ? n : end + tag.length;
      out += source.slice(i, stop);
      i = stop;
    } else if (c === '?') {
      slots.push(positional++);
      out += `$${slots.length}`;
      i++;
    } else if ((c === '@' || c === '$' || (c === ':' && next !== ':' && source[i - 1] !== ':')) && next !== undefined && /[A-Za-z_]/.test(next)) {
      NAME.lastIndex = i + 1;
      const name = NAME.exec(source)![0];
      let slot = named.get(name);
      if (slot === undefined) {
        slots.push(name);
        slot = slots.length;
        named.set(name, slot);
      }
      out += `$${slot}`;
      i += 1 + name.length;
    } else {
      out += c;
      i++;
    }
  }
  return { sql: unqualifyConflictTarget(out), slots };
}

/**
 * drizzle's SQLite builder writes `on conflict ("table"."col")`; PostgreSQL
 * takes only bare column names there.
 */
function unqualifyConflictTarget(sql: string): string {
  return sql.replace(/on conflict \(([^)]*)\)/gi, (_all, cols: string) => `on conflict (${cols.replace(/"[^"]+"\./g, '')})`);
}

const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

function dollarTag(source: string, at: number): string | null {
  DOLLAR_TAG.lastIndex = at;
  return DOLLAR_TAG.exec(source)?.[0] ?? null;
}

/** Index just past the quote that closes the one at `start` (a doubled quote is an escaped one). */
function closing(source: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < source.length) {
    if (source[i] === quote) {
      if (source[i + 1] === quote) i += 2;
      else return i + 1;
    } else i++;
  }
  return source.length;
}

/** The arguments in `$n` order, from better-sqlite3-style arguments (a list, or one object of named values). */
export function bindArgs(t: Translated, args: readonly unknown[]): unknown[] {
  if (t.slots.length === 0) return [];
  const flat = args.length === 1 && Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const at = flat.findIndex((a) => a !== null && typeof a === 'object' && !Array.isArray(a) && !ArrayBuffer.isView(a) && !(a instanceof Date));
  const named = at >= 0 ? (flat[at] as Record<string, unknown>) : undefined;
  // By position, not by value: an `undefined` argument must keep its place (it binds NULL).
  const positional = at >= 0 ? flat.filter((_, i) => i !== at) : flat;
  return t.slots.map((slot) => {
    const value = typeof slot === 'number' ? positional[slot] : named?.[slot];
    if (value === undefined) {
      if (typeof slot === 'string' && !(named && slot in named)) throw new RangeError(`missing named parameter "${slot}"`);
      return null;
    }
    return value;
  });
}
