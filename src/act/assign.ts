import type { TeamConfig } from '../config/schema.ts';
import type { Db } from '../store/db.ts';
import { actStatements } from './statements.ts';

type Tx = Pick<Db, 'select'>;

/**
 * Picks who works a new task. By location or source when the team says so and
 * someone covers it; otherwise the member after the one who got the last task,
 * so the rotation survives restarts without state of its own.
 */
export function pickAssignee(tx: Tx, team: TeamConfig, item: { location: string | null; source: string }): string | null {
  const members = team.members;
  if (members.length === 0) return null;
  const covering =
    team.assign === 'location' && item.location
      ? members.filter((m) => m.locations.some((l) => l.toLocaleLowerCase() === item.location?.toLocaleLowerCase()))
      : team.assign === 'source'
        ? members.filter((m) => m.sources.includes(item.source))
        : [];
  const pool = covering.length > 0 ? covering : members;
  if (pool.length === 1) return pool[0]?.name ?? null;
  const last = actStatements(tx).lastAssignee.get()?.assignee;
  const at = pool.findIndex((m) => m.name === last);
  return pool[(at + 1) % pool.length]?.name ?? null;
}
