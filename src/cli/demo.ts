import { findChromium } from '../crawl/browser.ts';
import { runDemo } from '../demo/run-demo.ts';
import { writeJsonLine } from './common.ts';
import { createProgress } from './progress.ts';

export async function printDemo(db: string, json: boolean): Promise<void> {
  const progress = createProgress(process.stderr);
  const summary = await runDemo(db, progress, (path) => findChromium(path) !== null);
  progress.end();
  if (json) {
    writeJsonLine(summary);
    return;
  }
  const lines = [
    '',
    `Mentions: ${summary.mentions_new} new, ${summary.mentions_changed} edited, ${summary.mentions_total} stored`,
    `Flagged:  ${summary.flagged} now (${summary.flagged_total} in all); tasks opened ${summary.tasks_opened}, open ${summary.tasks_open}`,
    `Alerts:   ${summary.alerts_sent} delivered to the local sink${summary.alerts_pending ? `, ${summary.alerts_pending} waiting to retry` : ''}`,
    `Marketing candidates: ${summary.marketing_candidates}`,
    '',
    `Next: \`repwatch tasks --db ${db}\` shows the task inbox; run the demo again and nothing new is found.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
