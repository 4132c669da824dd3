/**
 * Score one cross-validation fold of the TRAINING part (see learn-weights.ts):
 * negative F1 and macro-F1 per file, for weights learned without that fold.
 *
 *   CV_FOLD=k node --import tsx bench/lib/cv.ts FILE...
 */
import { basename } from 'node:path';
import { createAnalyzer } from '../../src/analyze/index.ts';
import { readDataset, type Gold } from './datasets.ts';
import { cvFold } from './learn-weights.ts';
import { score } from './metrics.ts';
import { inPart } from './split.ts';

const fold = Number(process.env.CV_FOLD ?? 0);
const analyzer = createAnalyzer();
for (const file of process.argv.slice(2)) {
  const ex = readDataset(file).filter((e) => inPart(e.id, 'train') && cvFold(e.id) === fold);
  const twoClass = !ex.some((e) => e.label === 'neutral');
  const pred = ex.map((e): Gold => {
    const a = analyzer.analyze(e.text);
    if (a.label === 'negative' || a.label === 'positive') return a.label;
    return twoClass ? ((a.score ?? 0) < 0 ? 'negative' : 'positive') : 'neutral';
  });
  const r = score(ex.map((e) => e.label), pred);
  console.log(`${basename(file)} fold ${fold} n ${ex.length} neg-F1 ${r.perClass.negative?.f1.toFixed(3)} macro-F1 ${r.macroF1.toFixed(3)}`);
}
