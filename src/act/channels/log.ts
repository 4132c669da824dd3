import { z } from 'zod';
import { defineChannel } from './types.ts';

/** One line per alert on the worker's output: for trying rules out, and for the demo. */
export const logChannel = defineChannel({
  type: 'log',
  schema: z.object({ name: z.string().min(1), type: z.literal('log') }).strict(),
  resolve: () => ({ settings: null, problems: [] }),
  sender(name, _settings, { write }) {
    return async (message) => {
      const m = message.payload.mention as { source?: string; url?: string; rating?: number | null } | undefined;
      const what = message.kind === 'mention_flagged' ? `${String(message.payload.rule)} ${m?.source ?? ''} ${m?.rating ?? '-'}★ ${m?.url ?? ''}` : `${message.kind} ${JSON.stringify(message.payload)}`;
      write(`[alert:${name}] ${what}`);
    };
  },
});
