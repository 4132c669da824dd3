import { dirname, resolve } from 'node:path';
import { isPostgresUrl } from '../store/pg/url.ts';
import { fileURLToPath } from 'node:url';
import cron from 'node-cron';
import { compileBrandQuery, type BrandMatcher } from '../crawl/brand-query.ts';
import { findScraper, listScrapers } from '../../scrapers/index.ts';
import { ConfigError, formatPath, formatProblems, parseYamlText, problemAt, readYamlFile, type ConfigProblem } from './yaml-file.ts';
import { channelTypes, findChannelType } from '../act/channels/index.ts';
import type { Env, ResolvedChannel } from '../act/channels/types.ts';
import { configSchema, type ConfigFile, type TargetConfig } from './schema.ts';

export interface ResolvedTarget extends TargetConfig {
  /** The target's options after its scraper's own schema (defaults applied). */
  scraperOptions: unknown;
  /** Compiled from `brand` (or `keywords`); absent when the target keeps every item. */
  matches?: BrandMatcher;
}

/** `keywords` is the short form of `brand: { any: [...] }`; both may be given. */
export function brandMatcher(t: Pick<TargetConfig, 'brand' | 'keywords'>): BrandMatcher | undefined {
  if (!t.brand && t.keywords.length === 0) return undefined;
  const brand = t.brand ?? { all: [], any: [], none: [], phrases: [], lang: [] };
  return compileBrandQuery({ ...brand, any: [...brand.any, ...t.keywords] });
}

export interface Config extends Omit<ConfigFile, 'channels' | 'targets'> {
  file: string | null;
  rulesDir: string;
  templatesFile: string;
  channels: ResolvedChannel[];
  targets: ResolvedTarget[];
}

export type { Env, ResolvedChannel };

const shippedRules = fileURLToPath(new URL('../../rules', import.meta.url));
const shippedTemplates = fileURLToPath(new URL('../../templates/replies.yaml', import.meta.url));

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The one place that reads the config file and the environment; everything else gets a typed Config. */
export function loadConfig(file: string, env: Env): Config {
  const path = resolve(file);
  return resolveConfig(readYamlFile(path, configSchema, 'config'), path, env);
}

/** For configs built in code (the demo): same validation, `name` stands in for the file. */
export function loadConfigText(text: string, name: string, env: Env): Config {
  return resolveConfig(parseYamlText(text, name, configSchema, 'config'), resolve(name), env);
}

function resolveConfig({ value, doc, lines }: ReturnType<typeof readYamlFile<ConfigFile>>, path: string, env: Env): Config {
  const problems: ConfigProblem[] = [];
  const at = (p: readonly PropertyKey[], message: string) => problems.push(problemAt(doc, lines, p, message));

  const ids = new Set<string>();
  const targets: ResolvedTarget[] = [];
  value.targets.forEach((t, i) => {
    if (ids.has(t.id)) at(['targets', i, 'id'], `target id "${t.id}" is used twice`);
    ids.add(t.id);
    if (!cron.validate(t.cron)) at(['targets', i, 'cron'], `"${t.cron}" is not a cron expression (five or six fields, e.g. "*/30 * * * *")`);
    if (!validTimeZone(t.timezone)) at(['targets', i, 'timezone'], `"${t.timezone}" is not an IANA time zone (e.g. Europe/Moscow)`);
    const scraper = findScraper(t.source);
    if (!scraper) {
      at(['targets', i, 'source'], `unknown source "${t.source}"; one of: ${listScrapers().map((s) => s.id).join(', ')}`);
      return;
    }
    const parsed = scraper.options.safeParse(t.options);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(['targets', i, 'options', ...issue.path], issue.message);
      return;
    }
    const matches = brandMatcher(t);
    targets.push({ ...t, scraperOptions: parsed.data, ...(matches ? { matches } : {}) });
  });

  const channels: ResolvedChannel[] = [];
  value.channels.forEach((block, i) => {
    if (channels.some((o) => o.name === block.name)) at(['channels', i, 'name'], `channel name "${block.name}" is used twice`);
    const type = findChannelType(block.type);
    if (!type) {
      at(['channels', i, 'type'], `unknown channel type "${block.type}"; one of: ${Object.keys(channelTypes).join(', ')}`);
      return;
    }
    const { digest, instant, ...own } = block;
    const parsed = type.schema.safeParse(own);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) at(['channels', i, ...issue.path], issue.message);
      return;
    }
    const resolved = type.resolve(parsed.data, env);
    for (const p of resolved.problems) at(['channels', i, ...p.path], p.message);
    channels.push({ name: block.name, type: block.type, settings: resolved.settings, digest, instant });
  });

  if (problems.length > 0) throw new ConfigError(`invalid config:\n${formatProblems(path, problems)}`, path, problems);
  const base = dirname(path);
  return {
    ...value,
    file: path,
    database: value.database ? (isPostgresUrl(value.database) ? value.database : resolve(base, value.database)) : undefined,
    rulesDir: value.rules_dir ? resolve(base, value.rules_dir) : shippedRules,
    templatesFile: value.templates_file ? resolve(base, value.templates_file) : shippedTemplates,
    chromium_path: value.chromium_path,
    channels,
    targets,
  };
}

/** A config with no targets: what `analyze`, `parse` and friends run with when no file is given. */
export function defaultConfig(): Config {
  const value = configSchema.parse({});
  return { ...value, file: null, rulesDir: shippedRules, templatesFile: shippedTemplates, channels: [], targets: [] };
}

export { ConfigError, formatPath };
