/**
 * Google Maps' internal place record: a positional JSON array (no field names),
 * served as `)]}'`-prefixed JSON by /maps/preview/place and embedded as a string
 * inside `window.APP_INITIALIZATION_STATE` on a place page. Only the positions
 * this project relies on are read, each checked for its type, so a reshuffle
 * shows up as "no place record" instead of garbage.
 *
 * Positions (observed in saved 2023 responses):
 *   response[6]          the place; place[10] "0x…:0x…" feature id, place[11] name,
 *                        place[18] full address, place[78] "ChIJ…" place id,
 *                        place[4][7] average rating, place[4][8] review count,
 *                        place[52][0] the review snippets Google embeds (up to 8)
 *   review[0][1] author, review[0][0] author profile, review[1] "2 months ago",
 *   review[3] text (null for rating-only reviews), review[4] stars 1–5,
 *   review[9] owner reply [relative date, text, _, createdMs, updatedMs],
 *   review[10] review id, review[18] review URL, review[27] last edit (ms),
 *   review[32] language, review[57] first published (ms)
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const XSSI_PREFIX = ")]}'";

export interface PlaceReview {
  id: string;
  author: string | null;
  authorUrl: string | null;
  relativeDate: string | null;
  text: string;
  rating: number | null;
  reply: string | null;
  replyAtMs: number | null;
  url: string | null;
  lang: string | null;
  publishedMs: number | null;
  editedMs: number | null;
}

export interface PlaceRecord {
  featureId: string;
  placeId: string | null;
  name: string | null;
  address: string | null;
  rating: number | null;
  reviewCount: number | null;
  reviews: PlaceReview[];
}

function at(value: Json | undefined, ...path: number[]): Json | undefined {
  let cur: Json | undefined = value;
  for (const i of path) {
    if (!Array.isArray(cur)) return undefined;
    cur = cur[i];
  }
  return cur;
}

function str(value: Json | undefined): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function num(value: Json | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Strips Google's anti-XSSI prefix and parses; null when the text is not JSON. */
export function parseXssiJson(text: string): Json | null {
  const body = text.startsWith(XSSI_PREFIX) ? text.slice(XSSI_PREFIX.length) : text;
  try {
    return JSON.parse(body) as Json;
  } catch {
    return null;
  }
}

/** A place record is recognised by its feature id at [10]; anything else is not one. */
function isPlace(place: Json | undefined): place is Json[] {
  return Array.isArray(place) && typeof place[10] === 'string' && /^0x[0-9a-f]+:0x[0-9a-f]+$/i.test(place[10]);
}

function readReview(entry: Json): PlaceReview | null {
  const id = str(at(entry, 10));
  if (!id) return null;
  const rating = num(at(entry, 4));
  return {
    id,
    author: str(at(entry, 0, 1)),
    authorUrl: str(at(entry, 0, 0)),
    relativeDate: str(at(entry, 1)),
    text: str(at(entry, 3)) ?? '',
    rating: rating !== null && rating >= 1 && rating <= 5 ? rating : null,
    reply: str(at(entry, 9, 1)),
    replyAtMs: num(at(entry, 9, 3)),
    url: str(at(entry, 18)),
    lang: str(at(entry, 32)),
    publishedMs: num(at(entry, 57)),
    editedMs: num(at(entry, 27)),
  };
}

/** Reads a /maps/preview/place response (already parsed); null when it holds no place. */
export function readPlaceResponse(response: Json): PlaceRecord | null {
  const place = at(response, 6);
  if (!isPlace(place)) return null;
  const list = at(place, 52, 0);
  const reviews = Array.isArray(list) ? list.map(readReview).filter((r): r is PlaceReview => r !== null) : [];
  return {
    featureId: place[10] as string,
    placeId: str(place[78]),
    name: str(place[11]),
    address: str(place[18]),
    rating: num(at(place, 4, 7)),
    reviewCount: num(at(place, 4, 8)),
    reviews,
  };
}

/** The end of the JSON value starting at `start` (an array or object), honouring strings. */
function jsonValueEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '[' || ch === '{') depth++;
    else if (ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

/** `window.APP_INITIALIZATION_STATE=[…]` from a place page, parsed; null when absent. */
export function readInitState(html: string): Json | null {
  const marker = /APP_INITIALIZATION_STATE\s*=\s*/.exec(html);
  if (!marker) return null;
  const start = marker.index + marker[0].length;
  const end = jsonValueEnd(html, start);
  if (end < 0) return null;
  try {
    return JSON.parse(html.slice(start, end)) as Json;
  } catch {
    return null;
  }
}

/** Every `)]}'`-prefixed string nested in the state that decodes to a place record. */
export function placesInInitState(state: Json): PlaceRecord[] {
  const found: PlaceRecord[] = [];
  const walk = (value: Json) => {
    if (typeof value === 'string') {
      if (!value.startsWith(XSSI_PREFIX)) return;
      const parsed = parseXssiJson(value);
      const place = parsed === null ? null : readPlaceResponse(parsed);
      if (place) found.push(place);
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(state);
  return found;
}
