import type Database from 'better-sqlite3';

/**
 * PostgreSQL's act statements. On SQLite a statement costs microseconds, so
 * src/act/statements.ts writes one row per statement; through the pg bridge
 * every statement is a round trip (~0.2 ms) and an alerted task cost five of
 * them. Here everything one rule match writes is ONE statement of
 * data-modifying CTEs: tags, the marketing mark, the flag, its task (with the
 * count of earlier negatives read inside), the task's 'opened' event and the
 * outbox rows, each step reading the id the previous one returned.
 *
 * Same rows as SQLite's path (test/pg/ingest-parity.test.ts):
 * - `on conflict do nothing` on the flag leaves `f` empty, and the task, event
 *   and outbox inserts select from it, so a flag that exists writes nothing more;
 * - every CTE reads the snapshot from before the statement, as the separate
 *   statements did: the negatives count never saw the task being written, and
 *   no CTE reads a table another one writes;
 * - the rollup triggers (AFTER ROW, on tasks) fire when the statement ends,
 *   when the task, like before, is already written;
 * - the alert payload is the JSON text apply.ts builds, split where the task id
 *   goes, so the row holds the same text JSON.stringify would write.
 *
 * Parameters are named (`@name`): the bridge binds one `$n` per name, so a value
 * used twice is sent once and typed once.
 */
export interface MatchShape {
  tags: boolean;
  marketing: boolean;
  flag: boolean;
  /** Whose earlier tasks the churn risk counts; null: the rule opens no task. */
  task: 'customer' | 'author' | 'none' | null;
  alert: boolean;
}

export interface MatchRow {
  flag_id: number | null;
  task_id: number | null;
  marketing: number | null;
}

export type MatchParams = Record<string, unknown>;

export interface PgActStatements {
  /** The statement for one shape of rule match, prepared on first use. */
  match(shape: MatchShape): Database.Statement<[MatchParams], MatchRow>;
}

// The same counts (stopping at 2) as negativesByCustomer / negativesByAuthor in statements.ts.
const NEGATIVES = {
  customer: '(select count(*) from (select 1 from tasks where customer_id = @customer_id limit 2) as firsts)',
  author:
    '(select count(*) from (select 1 from tasks inner join mentions on mentions.id = tasks.mention_id where mentions.source = @source and mentions.author = @author and mentions.id <> @mention_id limit 2) as firsts)',
} as const;

function churnRiskSql(of: 'customer' | 'author' | 'none'): string {
  if (of === 'none') return 'cast(@risk0 as double precision)';
  return `(case ${NEGATIVES[of]} when 0 then cast(@risk0 as double precision) when 1 then cast(@risk1 as double precision) else cast(@risk2 as double precision) end)`;
}

export function matchSql(shape: MatchShape): string {
  const ctes: string[] = [];
  const out: string[] = [];
  if (shape.tags) {
    ctes.push('tg as (insert into mention_tags (mention_id, tag, origin) select @mention_id, t.tag, @origin from unnest(cast(@tags as text[])) as t(tag) on conflict do nothing)');
  }
  if (shape.marketing) {
    ctes.push("mk as (update mentions set marketing = 'candidate' where id = @mention_id and marketing is null returning 1)");
    out.push('(select cast(count(*) as integer) from mk) as marketing');
  }
  if (shape.flag) {
    ctes.push(
      'f as (insert into flags (mention_id, rule_id, revision_id, priority, reason, tags) values (@mention_id, @rule_id, @revision_id, @flag_priority, @reason, @flag_tags) on conflict do nothing returning id)',
    );
    out.push('(select id from f) as flag_id');
    if (shape.task) {
      ctes.push(
        `t as (insert into tasks (flag_id, mention_id, rule_id, priority, due_at, assignee, customer_id, customer_confidence, churn_risk, reply_draft, created_at, updated_at)
         select f.id, @mention_id, @rule_id, cast(@priority as text), cast(@due_at as text), cast(@assignee as text), cast(@customer_id as integer), cast(@customer_confidence as double precision), ${churnRiskSql(shape.task)}, cast(@draft as text), cast(@now as text), cast(@now as text) from f returning id)`,
        "e as (insert into task_events (task_id, at, kind, from_status, to_status, note, actor) select t.id, @now, 'opened', null, 'open', cast(@why as text), cast(@actor as text) from t)",
      );
      out.push('(select id from t) as task_id');
    }
    if (shape.alert) {
      const payload = shape.task ? 'cast(@payload_head as text) || cast(t.id as text) || cast(@payload_tail as text)' : 'cast(@payload as text)';
      ctes.push(
        `o as (insert into outbox (idempotency_key, channel, kind, mention_id, rule_id, payload, digest, next_attempt_at, created_at)
         select a.key, a.channel, 'mention_flagged', @mention_id, @rule_id, ${payload}, a.digest, a.next, @now
         from ${shape.task ? 't' : 'f'}, unnest(cast(@keys as text[]), cast(@channels as text[]), cast(@digests as integer[]), cast(@nexts as text[])) with ordinality as a(key, channel, digest, next, n)
         order by a.n on conflict do nothing)`,
      );
    }
  }
  if (out.length === 0) return `with ${ctes.join(', ')} select null as flag_id`;
  return `with ${ctes.join(',\n')} select ${out.join(', ')}`;
}

export function preparePgAct(client: Database.Database): PgActStatements {
  const byShape = new Map<string, Database.Statement<[MatchParams], MatchRow>>();
  return {
    match(shape) {
      const key = `${+shape.tags}${+shape.marketing}${+shape.flag}${shape.task ?? '-'}${+shape.alert}`;
      let stmt = byShape.get(key);
      if (!stmt) {
        stmt = client.prepare(matchSql(shape)) as Database.Statement<[MatchParams], MatchRow>;
        byShape.set(key, stmt);
      }
      return stmt;
    },
  };
}
