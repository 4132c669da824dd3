/**
 * npm run eval:sentiment -- FILE [FILE...] [--part all|train|test|both] [--tune] [--json] [--config repwatch.yaml]
 *
 * Precision, recall and F1 per class and macro-F1 of the analyzer beside the
 * plain `sentiment` AFINN baseline (score < 0 negative, 0 neutral, > 0 positive).
 * "test" is a fixed 20% of each file (hash of id or text) never used for tuning;
 * "both" (the default) prints the whole file and that held-out part.
 * Two-class files (negative/positive only) have no neutral: a neutral or
 * unknown prediction counts by the sign of its score, 0 counting as positive.
 * --config scores with that file's `sentiment.thresholds`, as the worker would.
 * Formats: bench/lib/datasets.ts (star-rated reviews as `repwatch parse`
 * prints them are read too: 1-2 stars negative, 3 neutral, 4-5 positive).
 */
import { basename } from 'node:path';
import Sentiment from 'sentiment';
import { createAnalyzer, type Analysis } from '../src/analyze/index.ts';
import { loadConfig } from '../src/config/load.ts';
import { readDataset, type Example, type Gold } from './lib/datasets.ts';
import { score, type Report } from './lib/metrics.ts';
import { inPart, type Part } from './lib/split.ts';
import { tuneThresholds, type Scored } from './lib/tune.ts';

interface Args {
  files: string[];
  parts: Part[];
  json: boolean;
  tune: boolean;
  config?: string;
}

function parseArgs(argv: string[]): Args {
  const args: Args = { files: [], parts: ['all', 'test'], json: false, tune: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--json') args.json = true;
    else if (a === '--tune') args.tune = true;
    else if (a === '--config') args.config = argv[++i];
    else if (a === '--part') {
      const p = argv[++i];
      args.parts = p === 'both' ? ['all', 'test'] : [p as Part];
    } else args.files.push(a);
  }
  if (args.files.length === 0) {
    console.error('usage: npm run eval:sentiment -- FILE [FILE...] [--part all|train|test|both] [--tune] [--json] [--config repwatch.yaml]');
    process.exit(2);
  }
  return args;
}

/** Collapse a 3-way prediction onto the classes a file has. */
function toGold(label: Analysis['label'], value: number | null, twoClass: boolean): Gold {
  if (!twoClass) return label === 'unknown' ? 'neutral' : label;
  if (label === 'negative' || label === 'positive') return label;
  return (value ?? 0) < 0 ? 'negative' : 'positive';
}

const fmt = (x: number): string => x.toFixed(3);

function row(part: string, n: number, system: string, r: Report): string {
  const cells = r.classes.map((c) => {
    const s = r.perClass[c];
    return s ? `${c.slice(0, 3)} P ${fmt(s.precision)} R ${fmt(s.recall)} F1 ${fmt(s.f1)}` : '';
  });
  return `${part.padEnd(5)} ${String(n).padStart(6)}  ${system.padEnd(7)} ${cells.join(' | ')} | macro-F1 ${fmt(r.macroF1)}`;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const thresholds = args.config === undefined ? undefined : loadConfig(args.config, process.env).sentiment.thresholds;
  const analyzer = createAnalyzer({ thresholds });
  const afinn = new Sentiment();
  const results: Record<string, unknown> = {};
  const tuningPool: Scored[] = [];

  for (const file of args.files) {
    const examples: Example[] = readDataset(file);
    const twoClass = !examples.some((e) => e.label === 'neutral');
    const analyses = examples.map((e) => analyzer.analyze(e.text));
    const baseline = examples.map((e) => afinn.analyze(e.text).score);
    const unknown = analyses.filter((a) => a.label === 'unknown').length;
    console.log(`\n== ${basename(file)}: ${examples.length} texts, ${twoClass ? '2' : '3'} classes, ${unknown} unknown-language ==`);
    const fileResult: Record<string, unknown> = { n: examples.length, twoClass, unknown };
    for (const part of args.parts) {
      const idx = examples.flatMap((e, i) => (inPart(e.id, part) ? [i] : []));
      const gold = idx.map((i) => (examples[i] as Example).label);
      const ours = idx.map((i) => {
        const a = analyses[i] as Analysis;
        return toGold(a.label, a.score, twoClass);
      });
      const base = idx.map((i) => {
        const s = baseline[i] as number;
        const label = s < 0 ? 'negative' : s > 0 ? 'positive' : 'neutral';
        return toGold(label, s, twoClass);
      });
      const engineReport = score(gold, ours);
      const baseReport = score(gold, base);
      console.log(row(part, idx.length, 'engine', engineReport));
      console.log(row(part, idx.length, 'afinn', baseReport));
      fileResult[part] = { engine: engineReport, afinn: baseReport };
    }
    results[basename(file)] = fileResult;
    if (args.tune) {
      examples.forEach((e, i) => {
        const a = analyses[i] as Analysis;
        if (inPart(e.id, 'train') && a.score !== null && a.lang !== 'other') {
          tuningPool.push({ file: basename(file), lang: a.lang, score: a.score, gold: e.label, twoClass });
        }
      });
    }
  }
  if (args.tune) {
    const best = tuneThresholds(tuningPool);
    console.log('\nthresholds tuned on the train part (80%):', JSON.stringify(best));
    results.tuned = best;
  }
  if (args.json) console.log(JSON.stringify(results));
}

main();
