import { z } from 'zod';

/** Each channel block is checked again by its own type's schema (src/act/channels), which knows its fields. */
export const channelBlockSchema = z.looseObject({ name: z.string().min(1), type: z.string().min(1) });

export const targetSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits, -, _ and . only'),
    source: z.string().min(1),
    name: z.string().optional(),
    url: z.string().optional(),
    query: z.string().optional(),
    keywords: z.array(z.string()).default([]),
    cron: z.string().default('0 * * * *'),
    timezone: z.string().default('UTC'),
    jitter_seconds: z.number().int().min(0).default(30),
    max_pages: z.number().int().positive().optional(),
    enabled: z.boolean().default(true),
    options: z.record(z.string(), z.unknown()).default({}),
  })
  .strict();

export const configSchema = z
  .object({
    database: z.string().optional(),
    rules_dir: z.string().optional(),
    user_agent: z.string().default('repwatch/0.1 (+https://github.com/repwatch/repwatch)'),
    concurrency: z.number().int().min(1).max(32).default(2),
    max_pages: z.number().int().positive().default(50),
    request_timeout_seconds: z.number().positive().default(30),
    max_retries: z.number().int().min(0).max(10).default(2),
    chromium_path: z.string().optional(),
    channels: z.array(channelBlockSchema).default([]),
    targets: z.array(targetSchema).default([]),
  })
  .strict();

export type ConfigFile = z.infer<typeof configSchema>;
export type TargetConfig = z.infer<typeof targetSchema>;
