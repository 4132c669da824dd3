import { z } from 'zod';

const compare = z
  .object({ lt: z.number(), lte: z.number(), gt: z.number(), gte: z.number(), eq: z.number() })
  .partial()
  .strict();

const oneOrMany = z.union([z.string(), z.array(z.string()).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

const sentimentLabel = z.enum(['negative', 'neutral', 'positive', 'unknown']);

const regex = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source, 'iu');
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(e as Error).message}` });
  }
});

export interface ConditionInput {
  rating?: z.input<typeof compare> & { missing?: boolean };
  sentiment?: { label?: string | string[]; score?: z.input<typeof compare> };
  text?: { keywords?: string[]; regex?: string };
  source?: string | string[];
  target?: string | string[];
  lang?: string | string[];
  tags?: string | string[];
  rating_text_mismatch?: 'complaint_high_rating' | 'praise_low_rating' | 'any';
  any?: ConditionInput[];
  all?: ConditionInput[];
  not?: ConditionInput;
}

export interface Condition {
  rating?: z.output<typeof compare> & { missing?: boolean };
  sentiment?: { label?: z.output<typeof sentimentLabel>[]; score?: z.output<typeof compare> };
  text?: { keywords?: string[]; regex?: string };
  source?: string[];
  target?: string[];
  lang?: string[];
  tags?: string[];
  rating_text_mismatch?: 'complaint_high_rating' | 'praise_low_rating' | 'any';
  any?: Condition[];
  all?: Condition[];
  not?: Condition;
}

/** Every condition key of a `when` block must hold; `any`, `all` and `not` nest. */
export const conditionSchema: z.ZodType<Condition, ConditionInput> = z.lazy(() =>
  z
    .object({
      rating: compare.extend({ missing: z.boolean() }).partial().strict(),
      sentiment: z
        .object({
          label: z.union([sentimentLabel, z.array(sentimentLabel).min(1)]).transform((v) => (Array.isArray(v) ? v : [v])),
          score: compare,
        })
        .partial()
        .strict(),
      text: z.object({ keywords: z.array(z.string().min(1)).min(1), regex }).partial().strict(),
      source: oneOrMany,
      target: oneOrMany,
      lang: oneOrMany,
      tags: oneOrMany,
      rating_text_mismatch: z.enum(['complaint_high_rating', 'praise_low_rating', 'any']),
      any: z.array(conditionSchema).min(1),
      all: z.array(conditionSchema).min(1),
      not: conditionSchema,
    })
    .partial()
    .strict()
    .refine((c) => Object.keys(c).length > 0, {
      message: 'a condition needs at least one key (rating, sentiment, text, source, target, lang, tags, any, all, not)',
      // An unknown key already says what is wrong; "needs a key" on top would only confuse.
      when: (payload) => payload.issues.length === 0,
    }),
);

export const prioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof prioritySchema>;

const actionsSchema = z
  .object({
    flag: z.boolean().optional(),
    tags: z.array(z.string().min(1)).default([]),
    priority: prioritySchema.default('normal'),
    task: z.object({ sla_hours: z.number().positive() }).strict().optional(),
    alert: z.array(z.string().min(1)).default([]),
    marketing: z.boolean().default(false),
  })
  .strict()
  // A task or an alert is always about a flagged item, so either implies the flag.
  .transform((a) => ({ ...a, flag: a.flag ?? (a.task !== undefined || a.alert.length > 0) }));

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower-case letters, digits, - and _'),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    when: conditionSchema,
    then: actionsSchema,
  })
  .strict();

export const ruleFileSchema = z.object({ rules: z.array(ruleSchema) }).strict();

export type Rule = z.infer<typeof ruleSchema>;
export type RuleActions = Rule['then'];
