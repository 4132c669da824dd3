import { and, eq } from 'drizzle-orm';
import type { Db } from '../store/db.ts';
import { taskEvents, tasks } from '../store/schema.ts';
import { actStatements } from './statements.ts';

type Tx = Pick<Db, 'select' | 'insert' | 'update'>;

export const TASK_STATUSES = ['open', 'in_progress', 'contacted', 'resolved', 'no_contact', 'disputed'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** What a person can do to a task; the dashboard and the CLI both come through here. */
export class TaskError extends Error {
  override name = 'TaskError';
}

export interface Actor {
  name: string;
  role: 'viewer' | 'agent' | 'lead' | 'admin';
}

function load(tx: Tx, taskId: number) {
  const task = tx.select().from(tasks).where(eq(tasks.id, taskId)).get();
  if (!task) throw new TaskError(`no task ${taskId}`);
  return task;
}

function event(tx: Tx, taskId: number, at: string, kind: string, actor: string, extra: { fromStatus?: string | null; toStatus?: string | null; note?: string | null } = {}) {
  tx.insert(taskEvents).values({ taskId, at, kind, actor, fromStatus: extra.fromStatus ?? null, toStatus: extra.toStatus ?? null, note: extra.note ?? null }).run();
}

/**
 * Moves a task to a status (open → in_progress → contacted → resolved, or
 * no_contact), with an optional note, and keeps the times analysts need: the
 * first contact and the resolution. Disputes go through requestDispute.
 */
export function changeStatus(db: Db, taskId: number, to: TaskStatus, actor: Actor, note: string | null, now: Date): void {
  if (actor.role === 'viewer') throw new TaskError('a viewer cannot change tasks; use an agent, lead or admin token');
  if (to === 'disputed') throw new TaskError('to dispute a task, use --dispute "reason" so a lead can approve it');
  db.transaction((tx) => {
    const task = load(tx, taskId);
    if (task.status === to && !note) return;
    const at = now.toISOString();
    const contacted = to === 'contacted' || to === 'resolved';
    tx.update(tasks)
      .set({
        status: to,
        updatedAt: at,
        ...(contacted && !task.firstContactAt ? { firstContactAt: at } : {}),
        ...(to === 'resolved' ? { resolvedAt: at, suggestion: null } : {}),
        ...(to === 'open' || to === 'in_progress' ? { resolvedAt: null } : {}),
      })
      .where(eq(tasks.id, taskId))
      .run();
    if (task.status !== to) event(tx, taskId, at, 'status', actor.name, { fromStatus: task.status, toStatus: to, note });
    else event(tx, taskId, at, 'note', actor.name, { note });
  });
}

export function addNote(db: Db, taskId: number, note: string, actor: Actor, now: Date): void {
  if (actor.role === 'viewer') throw new TaskError('a viewer cannot add notes');
  db.transaction((tx) => {
    load(tx, taskId);
    event(tx, taskId, now.toISOString(), 'note', actor.name, { note });
    tx.update(tasks).set({ updatedAt: now.toISOString() }).where(eq(tasks.id, taskId)).run();
  });
}

export function assignTask(db: Db, taskId: number, assignee: string, actor: Actor, now: Date): void {
  if (actor.role === 'viewer') throw new TaskError('a viewer cannot assign tasks');
  db.transaction((tx) => {
    const task = load(tx, taskId);
    tx.update(tasks).set({ assignee, updatedAt: now.toISOString() }).where(eq(tasks.id, taskId)).run();
    event(tx, taskId, now.toISOString(), 'assigned', actor.name, { note: `${task.assignee ?? 'nobody'} → ${assignee}` });
  });
}

/** An agent says the negative was outside the team's control (a product defect, a carrier's delay). */
export function requestDispute(db: Db, taskId: number, reason: string, actor: Actor, now: Date): void {
  if (actor.role === 'viewer') throw new TaskError('a viewer cannot dispute tasks');
  if (!reason.trim()) throw new TaskError('a dispute needs a reason');
  db.transaction((tx) => {
    const task = load(tx, taskId);
    if (task.disputeStatus === 'requested') throw new TaskError(`task ${taskId} already has a dispute waiting for a lead`);
    const at = now.toISOString();
    tx.update(tasks).set({ status: 'disputed', disputeStatus: 'requested', disputeReason: reason, updatedAt: at }).where(eq(tasks.id, taskId)).run();
    event(tx, taskId, at, 'dispute_requested', actor.name, { fromStatus: task.status, toStatus: 'disputed', note: reason });
  });
}

/**
 * A lead decides. Approved: the task leaves the team's NRR (it stays in the
 * brand's figures). Rejected: it goes back to work as it was before.
 */
export function decideDispute(db: Db, taskId: number, approve: boolean, actor: Actor, note: string | null, now: Date): void {
  if (actor.role !== 'lead' && actor.role !== 'admin') throw new TaskError('only a lead or an admin can approve or reject a dispute');
  db.transaction((tx) => {
    const task = load(tx, taskId);
    if (task.disputeStatus !== 'requested') throw new TaskError(`task ${taskId} has no dispute waiting for a decision`);
    const at = now.toISOString();
    const before = tx.select({ from: taskEvents.fromStatus }).from(taskEvents).where(and(eq(taskEvents.taskId, taskId), eq(taskEvents.kind, 'dispute_requested'))).all().at(-1)?.from ?? 'open';
    const status = approve ? 'disputed' : (before as TaskStatus);
    tx.update(tasks).set({ disputeStatus: approve ? 'approved' : 'rejected', status, updatedAt: at }).where(eq(tasks.id, taskId)).run();
    event(tx, taskId, at, approve ? 'dispute_approved' : 'dispute_rejected', actor.name, { fromStatus: 'disputed', toStatus: status, note });
  });
}

const CLOSED: TaskStatus[] = ['contacted', 'resolved', 'no_contact'];

/**
 * An author who edits a review to worse is unhappy again: a closed task
 * reopens. One who edits it to 4–5 stars probably got what they needed: the
 * open task suggests closing (a person decides).
 */
export function onMentionEdited(tx: Tx, edit: { mentionId: number; before: number | null; after: number | null; now: Date }): void {
  if (edit.before === null || edit.after === null || edit.before === edit.after) return;
  // Runs inside ingest's page transaction for every edited item: prepared statements, not drizzle.
  const s = actStatements(tx);
  const at = edit.now.toISOString();
  const related = s.tasksOfMention.all(edit.mentionId);
  if (edit.after < edit.before) {
    for (const task of related.filter((t) => CLOSED.includes(t.status as TaskStatus))) {
      s.reopen.run(at, task.id);
      s.taskEvent.run(task.id, at, 'reopened', task.status, 'open', `the author changed the rating from ${edit.before} to ${edit.after}`, 'system');
    }
  } else if (edit.after >= 4) {
    const open = related.filter((t) => !CLOSED.includes(t.status as TaskStatus) && t.status !== 'disputed').map((t) => t.id);
    if (open.length === 0) return;
    const suggestion = `close: the author edited the review to ${edit.after} stars`;
    for (const id of open) s.suggest.run(suggestion, at, id);
    for (const id of open) s.taskEvent.run(id, at, 'suggestion', null, null, suggestion, 'system');
  }
}
