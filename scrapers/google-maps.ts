/**
 * google-maps: reviews of one Google Maps place. Reads three bodies:
 *  - a place page https://www.google.com/maps/place/… rendered in Chromium (or
 *    saved): the place record inside `window.APP_INITIALIZATION_STATE`;
 *  - the internal /maps/preview/place response (`)]}'` + positional array);
 *  - the Places API (New) `GET https://places.googleapis.com/v1/places/{id}`
 *    JSON with `reviews[]` (the legacy Place Details `result.reviews[]` too).
 * Google embeds only a handful of review snippets (up to 8 on a page, 5 from
 * the API) and pages the rest through a private RPC, so there is no next page.
 * Emits: review id, review URL, author, rating 1–5, text, language, published
 * date, owner reply, place address as location.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { toIsoUtc, type ParsedMention } from '../src/crawl/mention.ts';
import { defineScraper, type ParseResult } from '../src/crawl/scraper.ts';
import { parseXssiJson, placesInInitState, readInitState, readPlaceResponse, type PlaceRecord } from './lib/google-place-array.ts';
import { baseUrlOption, checkShape, orNull, originOf, unwrapJsonBody } from './lib/review-source.ts';

const SITE = 'google-maps';

export const googleMapsOptions = z
  .object({
    /** With a key in api_key_env: read the place through the Places API (New) instead of the page. */
    place_id: z.string().min(1).optional(),
    /** Env var holding a Places API key; sent as X-Goog-Api-Key, never in the URL. */
    api_key_env: z.string().regex(/^[A-Z_][A-Z0-9_]*$/).optional(),
    /** Review language asked of the Places API. */
    language: z.string().min(2).optional(),
    base_url: baseUrlOption,
  })
  .strict();

export type GoogleMapsOptions = z.infer<typeof googleMapsOptions>;

const localized = z.object({ text: z.string(), languageCode: z.string().nullish() });

/** Places API (New): https://developers.google.com/maps/documentation/places/web-service/reference/rest/v1/places */
const placesNewSchema = z.object({
  id: z.string().nullish(),
  formattedAddress: z.string().nullish(),
  reviews: z
    .array(
      z.object({
        name: z.string().min(1),
        rating: z.number().nullish(),
        text: localized.nullish(),
        originalText: localized.nullish(),
        authorAttribution: z.object({ displayName: z.string().nullish(), uri: z.string().nullish() }).nullish(),
        publishTime: z.string().nullish(),
        googleMapsUri: z.string().nullish(),
      }),
    )
    .default([]),
});

/** Legacy Place Details: result.reviews[] without review ids. */
const placesLegacySchema = z.object({
  result: z.object({
    formatted_address: z.string().nullish(),
    reviews: z
      .array(
        z.object({
          author_name: z.string().nullish(),
          author_url: z.string().nullish(),
          rating: z.number().nullish(),
          text: z.string().nullish(),
          language: z.string().nullish(),
          time: z.number(),
        }),
      )
      .default([]),
  }),
});

function stars(value: number | null | undefined): number | null {
  return typeof value === 'number' && value >= 1 && value <= 5 ? value : null;
}

function fromPlaceRecord(place: PlaceRecord): ParsedMention[] {
  return place.reviews.map((r) => ({
    externalId: r.id,
    url: r.url,
    author: r.author,
    rating: r.rating,
    title: null,
    text: r.text,
    lang: r.lang,
    // First publication, not the last edit: an edit must not make an old review look new.
    publishedAt: toIsoUtc(r.publishedMs ?? r.editedMs),
    reply: orNull(r.reply),
    location: place.address,
    raw: { placeId: place.placeId, featureId: place.featureId, relativeDate: r.relativeDate, editedAt: toIsoUtc(r.editedMs), replyAt: toIsoUtc(r.replyAtMs) },
  }));
}

function fromPlacesNew(data: z.infer<typeof placesNewSchema>): ParsedMention[] {
  return data.reviews.map((r) => {
    const text = r.originalText ?? r.text;
    return {
      // "places/<place>/reviews/<review>": the last part is the same id the Maps page uses.
      externalId: r.name.split('/').pop() ?? r.name,
      url: r.googleMapsUri ?? null,
      author: orNull(r.authorAttribution?.displayName),
      rating: stars(r.rating),
      title: null,
      text: text?.text.trim() ?? '',
      lang: text?.languageCode ?? null,
      publishedAt: toIsoUtc(r.publishTime),
      location: data.formattedAddress ?? null,
      raw: { placeId: data.id ?? null, authorUrl: r.authorAttribution?.uri ?? null },
    };
  });
}

function fromPlacesLegacy(data: z.infer<typeof placesLegacySchema>): ParsedMention[] {
  return data.result.reviews.map((r) => ({
    // No review id in the legacy API: the author's profile plus the time is unique per review.
    externalId: createHash('sha1').update(`${r.author_url ?? r.author_name ?? ''}\n${r.time}`).digest('hex').slice(0, 20),
    url: r.author_url ?? null,
    author: orNull(r.author_name),
    rating: stars(r.rating),
    title: null,
    text: (r.text ?? '').trim(),
    lang: r.language ?? null,
    publishedAt: toIsoUtc(r.time),
    location: data.result.formatted_address ?? null,
  }));
}

function parseApiJson(data: unknown): ParsedMention[] {
  if (data && typeof data === 'object' && !Array.isArray(data) && 'result' in data) {
    return fromPlacesLegacy(checkShape(SITE, data, placesLegacySchema, 'the Place Details response'));
  }
  return fromPlacesNew(checkShape(SITE, data, placesNewSchema, 'the Places API response'));
}

export function parseGoogleMaps(body: string): ParseResult {
  const text = unwrapJsonBody(body.replace(/^\uFEFF/, ''));
  // The internal place response: `)]}'` then a positional array.
  if (text.startsWith(")]}'") || text.startsWith('[')) {
    const parsed = parseXssiJson(text);
    const place = parsed === null ? null : readPlaceResponse(parsed);
    if (!place) throw new Error(`${SITE}: the array response holds no place record at [6]; the layout may have changed`);
    return { mentions: fromPlaceRecord(place), next: [] };
  }
  if (text.startsWith('{')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new Error(`${SITE}: the API response is not JSON (${(e as Error).message})`);
    }
    return { mentions: parseApiJson(data), next: [] };
  }
  const state = readInitState(text);
  if (!state) throw new Error(`${SITE}: no APP_INITIALIZATION_STATE on the page; not a place page, or the layout may have changed`);
  const places = placesInInitState(state);
  const place = places[0];
  if (!place) throw new Error(`${SITE}: APP_INITIALIZATION_STATE holds no place record; not a place page, or the layout may have changed`);
  return { mentions: fromPlaceRecord(place), next: [] };
}

export const googleMaps = defineScraper({
  id: 'google-maps',
  kind: 'map',
  engine: 'browser',
  description: 'Google Maps place reviews: the place page (embedded snippets) or the Places API with a key',
  options: googleMapsOptions,
  start: (target, options, env = {}) => {
    if (options.place_id && options.api_key_env && env[options.api_key_env]) {
      const url = new URL(`${originOf(options.base_url, 'https://places.googleapis.com')}/v1/places/${encodeURIComponent(options.place_id)}`);
      url.searchParams.set('fields', 'id,displayName,formattedAddress,reviews');
      if (options.language) url.searchParams.set('languageCode', options.language);
      return [url.toString()];
    }
    if (target.url) return [target.url];
    if (options.place_id) return [`${originOf(options.base_url, 'https://www.google.com')}/maps/place/?q=place_id:${encodeURIComponent(options.place_id)}`];
    if (target.query) return [`${originOf(options.base_url, 'https://www.google.com')}/maps/search/?api=1&query=${encodeURIComponent(target.query)}`];
    return [];
  },
  headers: (options, env): Record<string, string> => {
    const key = options.api_key_env ? env[options.api_key_env] : undefined;
    return key ? { 'x-goog-api-key': key } : {};
  },
  parse: (body) => parseGoogleMaps(body),
});
