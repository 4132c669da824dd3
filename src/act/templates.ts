import { z } from 'zod';
import { readYamlFile } from '../config/yaml-file.ts';

const templateSchema = z.object({ tag: z.string().min(1), lang: z.string().min(2), text: z.string().min(1) }).strict();
export const templatesFileSchema = z.object({ templates: z.array(templateSchema) }).strict();
export type ReplyTemplate = z.infer<typeof templateSchema>;

export function loadTemplates(file: string): ReplyTemplate[] {
  return readYamlFile(file, templatesFileSchema, 'reply templates file').value.templates;
}

/** The draft for a task: the first template of one of the item's tags in its language, else the default. */
export function draftReply(templates: readonly ReplyTemplate[], tags: readonly string[], lang: string | null, vars: { author: string | null; rating: number | null; source: string }): string | null {
  const language = lang === 'ru' ? 'ru' : 'en';
  const pick =
    templates.find((t) => t.lang === language && tags.includes(t.tag)) ??
    templates.find((t) => t.lang === language && t.tag === 'default') ??
    templates.find((t) => t.tag === 'default');
  if (!pick) return null;
  const author = vars.author ?? (language === 'ru' ? 'уважаемый клиент' : 'there');
  return pick.text.replaceAll('{author}', author).replaceAll('{rating}', vars.rating === null ? '' : String(vars.rating)).replaceAll('{source}', vars.source);
}
