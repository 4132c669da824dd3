import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ConfigError, formatProblems, problemAt, readYamlFile, type ConfigProblem } from '../config/yaml-file.ts';
import { compileRule, type CompiledRule } from './evaluate.ts';
import { ruleFileSchema } from './schema.ts';

/** `alert: ["*"]` sends to every configured channel, so shipped rules need no channel names. */
export const ALL_CHANNELS = '*';

export interface LoadRulesOptions {
  /** Alert channel names from the config; an alert to any other name is an error. */
  channels: ReadonlySet<string>;
}

/** Loads every *.yaml / *.yml in the folder, in name order; a broken file stops the load. */
export function loadRules(dir: string, options: LoadRulesOptions): CompiledRule[] {
  const folder = resolve(dir);
  let names: string[];
  try {
    names = readdirSync(folder).filter((n) => /\.ya?ml$/i.test(n)).sort();
  } catch (cause) {
    throw new ConfigError(`cannot read the rules folder ${folder}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}. Set rules_dir in repwatch.yaml to a folder of rule files.`, folder);
  }
  const seen = new Map<string, string>();
  const out: CompiledRule[] = [];
  for (const name of names) {
    const file = join(folder, name);
    const { value, doc, lines } = readYamlFile(file, ruleFileSchema, 'rule file');
    const problems: ConfigProblem[] = [];
    value.rules.forEach((rule, i) => {
      const other = seen.get(rule.id);
      if (other) problems.push(problemAt(doc, lines, ['rules', i, 'id'], `rule id "${rule.id}" is already used in ${other}`));
      seen.set(rule.id, file);
      rule.then.alert.forEach((channel, j) => {
        if (channel !== ALL_CHANNELS && !options.channels.has(channel)) {
          const known = [...options.channels].join(', ') || 'none configured';
          problems.push(problemAt(doc, lines, ['rules', i, 'then', 'alert', j], `unknown alert channel "${channel}" (channels in the config: ${known})`));
        }
      });
      out.push(compileRule(rule, file));
    });
    if (problems.length > 0) throw new ConfigError(`invalid rule file:\n${formatProblems(file, problems)}`, file, problems);
  }
  return out;
}
