import type { z } from 'zod';

export interface OutboxMessage {
  idempotencyKey: string;
  kind: string;
  payload: Record<string, unknown>;
}

/** Why a send failed, and whether trying again can help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly channel: string,
    readonly retryable: boolean,
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/** A helpdesk channel reports the ticket it opened, so the task can link to it. */
export interface SendResult {
  ticketId?: string;
  ticketUrl?: string;
}

export type Sender = (message: OutboxMessage) => Promise<SendResult | void>;

export type Env = Readonly<Record<string, string | undefined>>;

export interface ChannelProblem {
  /** Path inside the channel's block, e.g. ['url_env']. */
  path: (string | number)[];
  message: string;
}

export interface SenderDeps {
  /** Where text channels such as `log` write. */
  write: (line: string) => void;
}

/**
 * One alert channel type: its YAML block, how secrets named there are read
 * from the environment, and how it sends. Plain objects, one file per type.
 */
export interface ChannelType<Block extends { name: string; type: string }, Settings> {
  type: Block['type'];
  schema: z.ZodType<Block>;
  /** Reads the environment variables the block names; problems name the field to fix. */
  resolve(block: Block, env: Env): { settings: Settings; problems: ChannelProblem[] };
  sender(name: string, settings: Settings, deps: SenderDeps): Sender;
}

/** Method syntax keeps the parameters bivariant, so every channel type fits one registry. */
export type AnyChannelType = ChannelType<{ name: string; type: string }, unknown>;

export interface ResolvedChannel {
  name: string;
  type: string;
  /** The type's settings with secrets filled in; never logged or printed. */
  settings: unknown;
  digest: 'off' | 'hourly' | 'daily';
  /** Priorities that skip the digest. */
  instant: string[];
}

export function defineChannel<Block extends { name: string; type: string }, Settings>(channel: ChannelType<Block, Settings>): ChannelType<Block, Settings> {
  return channel;
}

export { retryAfterMs } from '../../text/retry-after.ts';

/** Reads a variable the config names; a missing one is a problem for that field. */
export function readEnv(env: Env, name: string | undefined, field: string, problems: ChannelProblem[]): string | null {
  if (!name) return null;
  const value = env[name];
  if (!value) problems.push({ path: [field], message: `environment variable ${name} is not set; export it before starting the worker` });
  return value ?? null;
}
