import { readFileSync } from 'node:fs';
import { asc } from 'drizzle-orm';
import { importCustomersCsv } from '../act/customers.ts';
import { addNote, assignTask, changeStatus, decideDispute, requestDispute, TASK_STATUSES, TaskError, type Actor, type TaskStatus } from '../act/task-status.ts';
import type { Db } from '../store/db.ts';
import { customers } from '../store/schema.ts';
import { UsageError } from './common.ts';
import { taskDetail } from '../serve/inbox-query.ts';

export interface TaskCommandOptions {
  status?: string;
  note?: string;
  assign?: string;
  dispute?: string;
  approveDispute?: boolean;
  rejectDispute?: boolean;
  actor?: string;
  role?: string;
}

const ROLES = ['viewer', 'agent', 'lead', 'admin'] as const;

/** `repwatch task ID …`: one change per call, or none to show the task with its history. */
export function runTaskCommand(db: Db, idText: string, opts: TaskCommandOptions, now: Date) {
  const id = Number(idText);
  if (!Number.isInteger(id) || id <= 0) throw new UsageError(`"${idText}" is not a task id; see \`repwatch tasks\``);
  const role = (opts.role ?? 'agent') as Actor['role'];
  if (!ROLES.includes(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
  const actor: Actor = { name: opts.actor ?? process.env.USER ?? 'cli', role };
  if (opts.status && !TASK_STATUSES.includes(opts.status as TaskStatus)) throw new UsageError(`--status must be one of ${TASK_STATUSES.filter((s) => s !== 'disputed').join(', ')}`);
  try {
    if (opts.assign) assignTask(db, id, opts.assign, actor, now);
    if (opts.dispute) requestDispute(db, id, opts.dispute, actor, now);
    if (opts.approveDispute || opts.rejectDispute) decideDispute(db, id, Boolean(opts.approveDispute), actor, opts.note ?? null, now);
    if (opts.status) changeStatus(db, id, opts.status as TaskStatus, actor, opts.note ?? null, now);
    else if (opts.note && !opts.approveDispute && !opts.rejectDispute) addNote(db, id, opts.note, actor, now);
  } catch (e) {
    if (e instanceof TaskError) throw new UsageError(e.message);
    throw e;
  }
  const task = taskDetail(db, id, now);
  if (!task) throw new UsageError(`no task ${id}; see \`repwatch tasks\``);
  return task;
}

export function importCustomers(db: Db, file: string) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return importCustomersCsv(db, text);
}

export function customerRows(db: Db) {
  return db.select().from(customers).orderBy(asc(customers.id)).all().map((c) => ({ id: c.id, crm_id: c.crmId, name: c.name, email: c.email, phone: c.phone, location: c.location, lifetime_value: c.lifetimeValue, handles: c.handles }));
}
