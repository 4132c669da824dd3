import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { importCustomersCsv, matchCustomer } from '../../src/act/customers.ts';
import { changeStatus, decideDispute, requestDispute, TaskError, type Actor } from '../../src/act/task-status.ts';
import type { TeamConfig } from '../../src/config/schema.ts';
import type { ParsedMention } from '../../src/crawl/mention.ts';
import { ingestPage } from '../../src/pipeline/ingest.ts';
import { taskEvents, tasks } from '../../src/store/schema.ts';
import { pipelineDeps } from '../helpers/pipeline.ts';
import { useTempDir } from '../helpers/temp.ts';

const tempDir = useTempDir();
const agent: Actor = { name: 'kate', role: 'agent' };
const lead: Actor = { name: 'lena', role: 'lead' };
const target = { id: 'shop', source: 'generic-html' };
const now = new Date('2026-11-23T12:00:00Z');

const CSV = `crm_id,name,email,location,lifetime_value,handles
C1,Анна Кузнецова,anna@example.org,"Москва, Тверская",2400,generic-html:Анна К.
C2,Tom Harris,tom@example.org,"London, Soho",300,
C3,Maria Lopez,maria@example.org,Madrid,50,
C4,Maria Lopez,maria2@example.org,Sevilla,70,
`;

const review = (id: string, rating: number | null, author: string, location: string | null = null, text = 'Bad service'): ParsedMention => ({ externalId: id, url: null, author, rating, title: null, text, lang: null, publishedAt: null, location });

function setup(team: Partial<TeamConfig> = {}) {
  const deps = pipelineDeps(tempDir(), ['ops'], () => now);
  deps.followUp = { ...deps.followUp, team: { ...deps.followUp.team, ...team } };
  importCustomersCsv(deps.db, CSV);
  const task = (mentionExternal: string) => deps.db.select().from(tasks).all().find((t) => t.mentionId === deps.db.$client.prepare('select id from mentions where external_id = ?').pluck().get(mentionExternal));
  return { deps, task };
}

describe('customers from a CRM export', () => {
  it('imports good rows, reports bad ones by line, and updates on re-import', () => {
    const deps = pipelineDeps(tempDir());
    const result = importCustomersCsv(deps.db, `name,email,lifetime_value,crm_id\nAnn,ann@example.org,100,A1\n,nobody@example.org,1,A2\nBob,not-an-email,5,A3\n"Lee, Jr.",lee@example.org,"1 200,50",A4\nZoe,zoe@example.org,lots,A5\n`);
    expect(result).toEqual({ imported: 2, updated: 0, errors: [{ line: 3, message: 'name is empty' }, { line: 4, message: '"not-an-email" is not an e-mail address' }, { line: 6, message: 'lifetime_value "lots" is not a number' }] });
    const again = importCustomersCsv(deps.db, `crm_id;name;lifetime_value\nA1;Ann Smith;150\n`);
    expect(again).toMatchObject({ imported: 0, updated: 1 });
    expect(deps.db.$client.prepare('select name, lifetime_value from customers order by id').all()).toEqual([{ name: 'Ann Smith', lifetime_value: 150 }, { name: 'Lee, Jr.', lifetime_value: 1200.5 }]);
  });

  it('matches an author by handle, then name and location, and refuses an ambiguous name', () => {
    const { deps } = setup();
    const m = (source: string, name: string, location: string | null = null) => matchCustomer(deps.db, { source, name, location });
    expect(m('generic-html', 'анна к.')).toMatchObject({ name: 'Анна Кузнецова', confidence: 1, how: 'handle' });
    expect(m('vk', 'Tom Harris', 'London, Soho')).toMatchObject({ name: 'Tom Harris', confidence: 0.8 });
    expect(m('vk', 'tom  harris')).toMatchObject({ confidence: 0.5, how: 'name' });
    expect(m('vk', 'Maria Lopez')).toBeNull();
    expect(m('vk', 'Maria Lopez', 'Sevilla')).toMatchObject({ confidence: 0.8 });
    expect(m('vk', 'Tom H.', 'London, Soho')).toMatchObject({ name: 'Tom Harris', confidence: 0.4 });
    expect(m('vk', 'Unknown Person')).toBeNull();
  });
});

describe('opening a task', () => {
  it('puts the matched customer, a shorter SLA for their 1-star review, a higher priority for a valuable one, and a churn risk on the task', () => {
    const { deps, task } = setup();
    ingestPage(deps, target, [review('a', 1, 'Анна К.', null, 'Ужасно, верните деньги'), review('b', 2, 'Someone Else')]);
    const anna = task('a');
    const other = task('b');
    expect(anna).toMatchObject({ customerConfidence: 1, priority: 'urgent', dueAt: '2026-11-23T16:00:00.000Z' });
    expect(other).toMatchObject({ customerId: null, priority: 'high', dueAt: '2026-11-24T12:00:00.000Z' });
    expect(anna?.churnRisk).toBeGreaterThan(other?.churnRisk ?? 1);
    expect(anna?.replyDraft).toMatch(/^Здравствуйте, Анна К\.!/);
    expect(other?.replyDraft).toMatch(/^Hello Someone Else,/);
  });

  it('rates a repeated complainer as riskier', () => {
    const { deps, task } = setup();
    ingestPage(deps, target, [review('x1', 2, 'Tom H.', 'London, Soho')]);
    ingestPage(deps, target, [review('x2', 2, 'Tom H.', 'London, Soho')]);
    expect(task('x2')?.churnRisk).toBeGreaterThan(task('x1')?.churnRisk ?? 1);
  });

  it('assigns round robin, or by location when someone covers it', () => {
    const rr = setup({ members: [{ name: 'kate', locations: [], sources: [] }, { name: 'oleg', locations: [], sources: [] }] });
    ingestPage(rr.deps, target, [review('1', 1, 'A'), review('2', 1, 'B'), review('3', 1, 'C')]);
    expect(['1', '2', '3'].map((id) => rr.task(id)?.assignee)).toEqual(['kate', 'oleg', 'kate']);

    const byPlace = setup({ assign: 'location', members: [{ name: 'kate', locations: ['London, Soho'], sources: [] }, { name: 'oleg', locations: ['Москва, Арбат'], sources: [] }] });
    ingestPage(byPlace.deps, target, [review('1', 1, 'A', 'Москва, Арбат'), review('2', 1, 'B', 'London, Soho'), review('3', 1, 'C', 'Москва, Арбат')]);
    expect(['1', '2', '3'].map((id) => byPlace.task(id)?.assignee)).toEqual(['oleg', 'kate', 'oleg']);
  });
});

describe('working a task', () => {
  it('records statuses, first contact and resolution in the history; a viewer cannot change it', () => {
    const { deps, task } = setup();
    ingestPage(deps, target, [review('a', 1, 'X')]);
    const id = task('a')?.id ?? -1;
    changeStatus(deps.db, id, 'in_progress', agent, null, new Date('2026-11-23T13:00:00Z'));
    changeStatus(deps.db, id, 'contacted', agent, 'called back', new Date('2026-11-23T14:00:00Z'));
    changeStatus(deps.db, id, 'resolved', agent, null, new Date('2026-11-23T15:00:00Z'));
    expect(task('a')).toMatchObject({ status: 'resolved', firstContactAt: '2026-11-23T14:00:00.000Z', resolvedAt: '2026-11-23T15:00:00.000Z' });
    const events = deps.db.select().from(taskEvents).where(eq(taskEvents.taskId, id)).all();
    expect(events.map((e) => [e.kind, e.toStatus, e.actor])).toEqual([['opened', 'open', 'rule:low-rating'], ['status', 'in_progress', 'kate'], ['status', 'contacted', 'kate'], ['status', 'resolved', 'kate']]);
    expect(events[2]?.note).toBe('called back');
    expect(() => changeStatus(deps.db, id, 'open', { name: 'v', role: 'viewer' }, null, now)).toThrow(TaskError);
  });

  it('needs a lead to approve a dispute; a rejected one goes back to where it was', () => {
    const { deps, task } = setup();
    ingestPage(deps, target, [review('a', 1, 'X'), review('b', 2, 'Y')]);
    const a = task('a')?.id ?? -1;
    const b = task('b')?.id ?? -1;
    changeStatus(deps.db, a, 'in_progress', agent, null, now);
    requestDispute(deps.db, a, 'courier lost the parcel', agent, now);
    expect(() => decideDispute(deps.db, a, true, agent, null, now)).toThrow(/only a lead/);
    decideDispute(deps.db, a, true, lead, 'carrier fault', now);
    expect(task('a')).toMatchObject({ status: 'disputed', disputeStatus: 'approved', disputeReason: 'courier lost the parcel' });
    changeStatus(deps.db, b, 'contacted', agent, null, now);
    requestDispute(deps.db, b, 'not our product', agent, now);
    decideDispute(deps.db, b, false, lead, null, now);
    expect(task('b')).toMatchObject({ status: 'contacted', disputeStatus: 'rejected' });
  });

  it('reopens a closed task when the author edits the review to worse, and suggests closing when they edit it to 5 stars', () => {
    const { deps, task } = setup();
    ingestPage(deps, target, [review('a', 2, 'X'), review('b', 2, 'Y')]);
    changeStatus(deps.db, task('a')?.id ?? -1, 'resolved', agent, null, now);
    ingestPage(deps, target, [review('a', 1, 'X', null, 'Even worse now'), review('b', 5, 'Y', null, 'They fixed it, thank you')]);
    expect(task('a')).toMatchObject({ status: 'open', resolvedAt: null });
    expect(task('b')).toMatchObject({ status: 'open', suggestion: 'close: the author edited the review to 5 stars' });
    expect(deps.db.select().from(taskEvents).where(eq(taskEvents.kind, 'reopened')).get()?.note).toBe('the author changed the rating from 2 to 1');
  });
});
