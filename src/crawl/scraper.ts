import type { z } from 'zod';
import type { ParsedMention } from './mention.ts';

export type ScraperKind = 'map' | 'review' | 'social' | 'feed';
export type ScraperEngine = 'http' | 'browser';

/** What the crawler knows about a target when it asks a scraper where to start. */
export interface TargetSpec {
  id: string;
  url?: string | undefined;
  query?: string | undefined;
  keywords: string[];
}

export interface ParseResult {
  mentions: ParsedMention[];
  /** Older pages, newest first; the crawler stops following them once a page is all known. */
  next: string[];
}

export interface Scraper<Options = unknown> {
  id: string;
  kind: ScraperKind;
  engine: ScraperEngine;
  description: string;
  /** Validated at start-up against the target's `options` in the config. */
  options: z.ZodType<Options>;
  /** URLs (or API calls) for the newest page of a target; `env` holds the credentials the options name. */
  start(target: TargetSpec, options: Options, env?: Readonly<Record<string, string | undefined>>): string[];
  /** Environment variables this target cannot be crawled without (API tokens); a missing one marks it blocked. */
  credentials?(options: Options): string[];
  /** Pure: a function of the fetched body and its URL only. */
  parse(body: string, url: string, options: Options): ParseResult;
  /** Request headers, e.g. an API token read from the environment variable the options name. */
  headers?(options: Options, env: Readonly<Record<string, string | undefined>>): Record<string, string>;
  /** Requests per UTC day the API allows this source (all its targets together); repwatch stops before it. */
  dailyQuota?(options: Options): number | undefined;
  /** Browser engine: a CSS selector to wait for before the page counts as rendered. */
  waitFor?(options: Options): string | undefined;
}

/** Method syntax above keeps parameters bivariant, so any scraper fits a registry of this type. */
export type AnyScraper = Scraper<unknown>;

export function defineScraper<Options>(scraper: Scraper<Options>): Scraper<Options> {
  return scraper;
}
