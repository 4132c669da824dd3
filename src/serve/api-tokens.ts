import { z } from 'zod';
import { HttpError } from './http-util.ts';
import type { Route } from './routes.ts';
import { createToken, listTokens, revokeToken, ROLES, TokenError } from './tokens.ts';

const createBody = z.object({ role: z.enum(ROLES), name: z.string().trim().min(1).max(100) });

export const tokenRoutes: Route[] = [
  { method: 'GET', path: '/api/tokens', tag: 'admin', summary: 'The API tokens (never the tokens themselves)', access: 'admin', handler: (ctx) => ({ kind: 'json', value: listTokens(ctx.db) }) },
  {
    method: 'POST',
    path: '/api/tokens',
    tag: 'admin',
    summary: 'Create a token; the answer is the only time it is shown',
    access: 'admin',
    body: createBody,
    handler: (ctx) => {
      const b = ctx.body as z.output<typeof createBody>;
      return { kind: 'json', status: 201, value: createToken(ctx.db, b.role, b.name) };
    },
  },
  {
    method: 'DELETE',
    path: '/api/tokens/{id}',
    tag: 'admin',
    summary: 'Revoke a token (its dashboard sessions end too)',
    access: 'admin',
    handler: (ctx) => {
      const id = Number(ctx.params.id);
      try {
        revokeToken(ctx.db, id, ctx.now);
      } catch (e) {
        if (e instanceof TokenError) throw new HttpError(404, e.message);
        throw e;
      }
      return { kind: 'json', value: { id, revoked: true } };
    },
  },
];
