import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decodeBody } from '../crawl/decode.ts';
import type { ParsedMention } from '../crawl/mention.ts';
import { detectLanguage } from '../analyze/language.ts';
import { findScraper, listScrapers } from '../../scrapers/index.ts';
import { UsageError } from './common.ts';

export interface ParseCommandOptions {
  scraper: string;
  url?: string;
  options?: string;
}

/** The stable JSON shape of `repwatch parse`: snake_case, every field present. */
export function mentionJson(source: string, m: ParsedMention): Record<string, unknown> {
  return {
    source,
    external_id: m.externalId,
    url: m.url,
    author: m.author,
    rating: m.rating,
    title: m.title,
    text: m.text,
    lang: m.lang ?? detectLanguage(m.text),
    published_at: m.publishedAt,
    reply: m.reply ?? null,
    location: m.location ?? null,
    parent_id: m.parentId ?? null,
    ...(m.metrics ? { metrics: m.metrics } : {}),
  };
}

export function parseFile(file: string, opts: ParseCommandOptions): { lines: Record<string, unknown>[]; next: string[] } {
  const scraper = findScraper(opts.scraper);
  if (!scraper) throw new UsageError(`unknown scraper "${opts.scraper}"; one of: ${listScrapers().map((s) => s.id).join(', ')}`);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  let rawOptions: unknown = {};
  if (opts.options) {
    try {
      rawOptions = JSON.parse(opts.options);
    } catch (e) {
      throw new UsageError(`--options is not valid JSON: ${(e as Error).message}`);
    }
  }
  const options = scraper.options.safeParse(rawOptions);
  if (!options.success) {
    const detail = options.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ');
    throw new UsageError(`scraper ${scraper.id} needs options (--options JSON): ${detail}`);
  }
  const url = opts.url ?? pathToFileURL(file).toString();
  try {
    const result = scraper.parse(decodeBody(bytes), url, options.data);
    return { lines: result.mentions.map((m) => mentionJson(scraper.id, m)), next: result.next };
  } catch (e) {
    throw new UsageError(`${scraper.id} could not parse ${file}: ${(e as Error).message}`);
  }
}
