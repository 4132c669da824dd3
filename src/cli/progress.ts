import type { IngestCounts } from '../pipeline/ingest.ts';
import type { TargetRunResult } from '../pipeline/run-target.ts';

export interface Progress {
  page(targetId: string, pages: number, counts: IngestCounts): void;
  targetDone(result: TargetRunResult, done: number, total: number): void;
  line(text: string): void;
  end(): void;
}

/**
 * On a terminal one status line is redrawn in place; otherwise (CI, pipes,
 * --json) each finished target is a plain line on stderr, so stdout stays data.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr, quiet = false): Progress {
  const tty = Boolean(stream.isTTY) && !quiet;
  let status = '';
  let done = 0;
  let total = 0;
  const draw = () => tty && stream.write(`\r\x1b[2K${status}`);
  const print = (text: string) => {
    if (quiet) return;
    if (tty) stream.write('\r\x1b[2K');
    stream.write(`${text}\n`);
    draw();
  };
  return {
    page(targetId, pages, counts) {
      status = `[${done}/${total || '?'}] ${targetId}: page ${pages}, ${counts.new} new, ${counts.changed} edited`;
      draw();
    },
    targetDone(r, d, t) {
      done = d;
      total = t;
      const note = r.error ? ` (${r.error})` : '';
      print(`[${d}/${t}] ${r.targetId}: ${r.health}, ${r.pages} pages, ${r.seen} items, ${r.new} new, ${r.changed} edited, ${r.flagged} flagged, stop: ${r.stop}${note}`);
    },
    line: print,
    end() {
      if (tty) stream.write('\r\x1b[2K');
    },
  };
}
