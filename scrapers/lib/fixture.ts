/** Test helper: reads a fixture the way `repwatch parse` does (bytes, then charset detection). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { decodeBody } from '../../src/crawl/decode.ts';
import { parsedMentionSchema, type ParsedMention } from '../../src/crawl/mention.ts';

export function fixture(site: string, name: string): string {
  return decodeBody(readFileSync(fileURLToPath(new URL(`../fixtures/${site}/${name}`, import.meta.url))));
}

export function readDecoded(path: string): string {
  return decodeBody(readFileSync(path));
}

/** Every mention a parser returns must satisfy the contract's schema. */
export function assertValid(mentions: ParsedMention[]): void {
  for (const m of mentions) parsedMentionSchema.parse(m);
}
