import { z } from 'zod';

/**
 * The normalized record every scraper yields. Parsers fill what the page shows;
 * the pipeline adds source and target.
 */
export const parsedMentionSchema = z.object({
  externalId: z.string().min(1),
  url: z.string().nullable(),
  author: z.string().nullable(),
  /** 1–5; sources with other scales convert before returning. */
  rating: z.number().min(1).max(5).nullable(),
  title: z.string().nullable(),
  text: z.string(),
  lang: z.string().nullable(),
  /** ISO 8601 in UTC. */
  publishedAt: z.string().nullable(),
  /** The owner's public answer, when the page shows one. */
  reply: z.string().nullable().optional(),
  location: z.string().nullable().optional(),
  /** External id of the post or review this one answers. */
  parentId: z.string().nullable().optional(),
  /** Extra figures the source shows (views, likes, ...). */
  metrics: z.record(z.string(), z.number()).optional(),
  raw: z.unknown().optional(),
});

export type ParsedMention = z.infer<typeof parsedMentionSchema>;

export interface Mention extends ParsedMention {
  source: string;
  targetId: string;
}

/** 10- and 100-point scales come in from some sites; the product works on 1–5. */
export function toFiveStars(value: number, scale: number): number {
  const stars = (value / scale) * 5;
  return Math.min(5, Math.max(1, Math.round(stars * 10) / 10));
}

/** Parses a date the page shows into ISO 8601 UTC, or null when it cannot be read. */
export function toIsoUtc(value: string | number | Date | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
