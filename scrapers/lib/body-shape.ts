/**
 * Shared guards for parsers that read machine-readable responses: what a body
 * looks like (for clear "expected X; got Y" errors) and JSON decoding with
 * zod validation.
 */
import type { z } from 'zod';

const HTML_ELEMENTS = new Set(['html', 'head', 'body', 'div', 'p', 'span', 'a', 'table', 'section', 'article', 'main', 'script', 'style', 'meta', 'link', 'title', 'ul', 'ol', 'form', 'iframe', 'h1', 'h2', 'h3', 'img', 'br', 'center', 'noscript']);

/** A short name for what a body is, used in "expected ...; got ..." messages. */
export function describeBody(body: string): string {
  const head = body.replace(/^\uFEFF/, '').trimStart().slice(0, 500);
  if (head === '') return 'an empty body';
  if (/^<!doctype html|^<html|<head[\s>]|<body[\s>]/i.test(head)) return 'HTML';
  if (head.startsWith('<')) {
    const root = /<([A-Za-z][\w:.-]*)/.exec(head.replace(/<\?[^>]*\?>|<!--[\s\S]*?-->/g, ''))?.[1];
    // A saved fragment of a web page starts with an ordinary HTML element.
    if (root && HTML_ELEMENTS.has(root.toLowerCase())) return 'HTML';
    return root ? `XML <${root}>` : 'XML';
  }
  if (head.startsWith('{')) return 'a JSON object';
  if (head.startsWith('[')) return 'a JSON array';
  return 'text';
}

/** Decodes JSON or throws "<source>: expected <what>; got HTML". */
export function readJson(body: string, source: string, what: string): unknown {
  try {
    return JSON.parse(body.replace(/^\uFEFF/, ''));
  } catch {
    throw new Error(`${source}: expected ${what}; got ${describeBody(body)}`);
  }
}

/** Validates decoded JSON; the message names the first fields that did not fit. */
export function expectShape<T>(schema: z.ZodType<T>, value: unknown, source: string, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const where = result.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
    .join('; ');
  const got = Array.isArray(value) ? 'a JSON array' : value === null ? 'null' : `a JSON ${typeof value}`;
  throw new Error(`${source}: expected ${what}; got ${got} that does not fit (${where})`);
}

/** Reads and validates in one step. */
export function parseJsonBody<T>(schema: z.ZodType<T>, body: string, source: string, what: string): T {
  return expectShape(schema, readJson(body, source, what), source, what);
}

/** Swaps the origin of an API URL for a mirror or a test server (the `base_url` option). */
export function withBase(url: string, baseUrl: string | undefined): string {
  if (!baseUrl) return url;
  const u = new URL(url);
  const base = new URL(baseUrl);
  const prefix = base.pathname.replace(/\/+$/, '');
  return `${base.origin}${prefix}${u.pathname}${u.search}`;
}

/** The search words of a target: its query, else its keywords. */
export function searchTerms(target: { query?: string | undefined; keywords: readonly string[] }): string[] {
  const query = target.query?.trim();
  if (query) return [query];
  return target.keywords.map((k) => k.trim()).filter((k) => k !== '');
}
