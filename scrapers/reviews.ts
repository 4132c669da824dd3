import type { AnyScraper } from '../src/crawl/scraper.ts';
import { twoGis } from './2gis.ts';
import { appStore } from './app-store.ts';
import { googleMaps } from './google-maps.ts';
import { googlePlay } from './google-play.ts';
import { irecommend } from './irecommend.ts';
import { otzovik } from './otzovik.ts';
import { trustpilot } from './trustpilot.ts';
import { yandexMaps } from './yandex-maps.ts';

/** Review, map and app-store sources; each key equals its scraper's id. */
export const reviewScrapers = {
  trustpilot,
  'google-maps': googleMaps,
  'app-store': appStore,
  '2gis': twoGis,
  otzovik,
  irecommend,
  'yandex-maps': yandexMaps,
  'google-play': googlePlay,
} satisfies Record<string, AnyScraper>;
