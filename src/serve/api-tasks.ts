import { z } from 'zod';
import { addNote, assignTask, changeStatus, decideDispute, requestDispute, TASK_STATUSES, TaskError, type Actor } from '../act/task-status.ts';
import { HttpError } from './http-util.ts';
import { distinctValues, inboxPage, OPEN_STATUSES, taskDetail } from './inbox-query.ts';
import type { Route, RouteContext } from './routes.ts';

const statusList = z
  .string()
  .optional()
  .transform((s, ctx) => {
    if (!s) return OPEN_STATUSES;
    if (s === 'all') return [...TASK_STATUSES];
    const parts = s.split(',').map((p) => p.trim()).filter(Boolean);
    const bad = parts.filter((p) => !(TASK_STATUSES as readonly string[]).includes(p));
    if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `unknown status ${bad.join(', ')}; use ${TASK_STATUSES.join(', ')} or all` });
    return parts as (typeof TASK_STATUSES)[number][];
  });

export const inboxQuery = z.object({
  status: statusList.describe('comma-separated statuses, or "all"; default open,in_progress,disputed'),
  source: z.string().max(200).optional(),
  location: z.string().max(200).optional(),
  assignee: z.string().max(200).optional().describe('"-" for unassigned'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const idParam = (ctx: RouteContext): number => {
  const id = Number(ctx.params.id);
  if (!Number.isInteger(id) || id <= 0) throw new HttpError(404, `no task ${ctx.params.id}`);
  return id;
};

const actor = (ctx: RouteContext): Actor => {
  const p = ctx.auth?.principal;
  if (!p) throw new HttpError(401, 'a token is needed');
  return { name: p.name, role: p.role };
};

/** Runs one task action through src/act (which owns the rules) and answers with the task as it is now. */
function act(ctx: RouteContext, fn: (id: number, who: Actor) => void) {
  const id = idParam(ctx);
  if (!taskDetail(ctx.db, id, ctx.now)) throw new HttpError(404, `no task ${id}`);
  try {
    fn(id, actor(ctx));
  } catch (e) {
    if (e instanceof TaskError) throw new HttpError(409, e.message);
    throw e;
  }
  return { kind: 'json' as const, value: taskDetail(ctx.db, id, ctx.now) };
}

const note = z.string().trim().min(1).max(4000);
const statusBody = z.object({ status: z.enum(TASK_STATUSES).exclude(['disputed']), note: note.optional() });
const noteBody = z.object({ note });
const assignBody = z.object({ assignee: z.string().trim().min(1).max(200) });
const disputeBody = z.object({ reason: note });
const decisionBody = z.object({ approve: z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')]), note: note.optional() });

export const taskRoutes: Route[] = [
  {
    method: 'GET',
    path: '/api/tasks',
    tag: 'inbox',
    summary: 'The support inbox: tasks soonest due first, with the review, sentiment, flag reason, customer, churn risk and reply draft',
    access: 'viewer',
    query: inboxQuery,
    handler: (ctx) => {
      const q = ctx.query as z.output<typeof inboxQuery>;
      return { kind: 'json', value: inboxPage(ctx.db, { statuses: q.status, source: q.source, location: q.location, assignee: q.assignee, limit: q.limit, offset: q.offset }, ctx.now) };
    },
  },
  {
    method: 'GET',
    path: '/api/tasks/filters',
    tag: 'inbox',
    summary: 'The values the inbox can be filtered by: sources, locations, assignees, statuses',
    access: 'viewer',
    handler: (ctx) => ({
      kind: 'json',
      value: { sources: distinctValues(ctx.db, 'mentions', 'source'), locations: distinctValues(ctx.db, 'mentions', 'location'), assignees: distinctValues(ctx.db, 'tasks', 'assignee'), statuses: TASK_STATUSES },
    }),
  },
  {
    method: 'GET',
    path: '/api/tasks/{id}',
    tag: 'inbox',
    summary: 'One task with its history',
    access: 'viewer',
    handler: (ctx) => {
      const task = taskDetail(ctx.db, idParam(ctx), ctx.now);
      if (!task) throw new HttpError(404, `no task ${ctx.params.id}`);
      return { kind: 'json', value: task };
    },
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/status',
    tag: 'inbox',
    summary: 'Move a task: open, in_progress, contacted, resolved or no_contact (contacted sets the first-contact time)',
    access: 'agent',
    body: statusBody,
    handler: (ctx) => act(ctx, (id, who) => {
      const b = ctx.body as z.output<typeof statusBody>;
      changeStatus(ctx.db, id, b.status, who, b.note ?? null, ctx.now);
    }),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/notes',
    tag: 'inbox',
    summary: "Add a note to a task's history",
    access: 'agent',
    body: noteBody,
    handler: (ctx) => act(ctx, (id, who) => addNote(ctx.db, id, (ctx.body as z.output<typeof noteBody>).note, who, ctx.now)),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/assign',
    tag: 'inbox',
    summary: 'Give a task to a team member',
    access: 'agent',
    body: assignBody,
    handler: (ctx) => act(ctx, (id, who) => assignTask(ctx.db, id, (ctx.body as z.output<typeof assignBody>).assignee, who, ctx.now)),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/dispute',
    tag: 'inbox',
    summary: "Say the negative was outside the team's control; a lead decides",
    access: 'agent',
    body: disputeBody,
    handler: (ctx) => act(ctx, (id, who) => requestDispute(ctx.db, id, (ctx.body as z.output<typeof disputeBody>).reason, who, ctx.now)),
  },
  {
    method: 'POST',
    path: '/api/tasks/{id}/dispute/decision',
    tag: 'inbox',
    summary: "Approve (the task leaves the team's NRR) or reject a dispute",
    access: 'lead',
    body: decisionBody,
    handler: (ctx) => act(ctx, (id, who) => {
      const b = ctx.body as z.output<typeof decisionBody>;
      decideDispute(ctx.db, id, b.approve, who, b.note ?? null, ctx.now);
    }),
  },
];
