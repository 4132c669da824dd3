import { z } from 'zod';
import type { Route } from './routes.ts';

function schemaOf(schema: z.ZodType): Record<string, unknown> {
  // io: 'input' describes what a client sends (before defaults and transforms).
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  delete json.$schema;
  return json;
}

const CONTENT: Record<NonNullable<Route['produces']>, string[]> = {
  json: ['application/json'],
  table: ['application/json', 'text/csv'],
  csv: ['text/csv'],
  html: ['text/html'],
  javascript: ['text/javascript'],
  'ld+json': ['application/ld+json', 'text/plain'],
};

/** The OpenAPI 3 document, built from the same route table the server dispatches on. */
export function openApiDocument(routes: Route[], serverUrl: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes.filter((x) => !x.hidden)) {
    const parameters: Record<string, unknown>[] = [];
    for (const m of r.path.matchAll(/\{(\w+)\}/g)) parameters.push({ name: m[1], in: 'path', required: true, schema: { type: 'string' } });
    if (r.query) {
      const q = schemaOf(r.query);
      const props = (q.properties ?? {}) as Record<string, Record<string, unknown>>;
      const required = new Set((q.required as string[] | undefined) ?? []);
      for (const [name, schema] of Object.entries(props)) parameters.push({ name, in: 'query', required: required.has(name), schema, ...(schema.description ? { description: schema.description } : {}) });
    }
    const types = CONTENT[r.produces ?? 'json'];
    const operation: Record<string, unknown> = {
      operationId: `${r.method.toLowerCase()}${r.path.replace(/[^a-zA-Z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      summary: r.summary,
      tags: [r.tag],
      ...(parameters.length > 0 ? { parameters } : {}),
      ...(r.body
        ? { requestBody: { required: true, content: { 'application/json': { schema: schemaOf(r.body) }, 'application/x-www-form-urlencoded': { schema: schemaOf(r.body) } } } }
        : {}),
      security: r.access === 'public' ? [] : [{ bearer: [] }, { session: [] }],
      'x-role': r.access,
      responses: {
        '200': { description: 'OK', content: Object.fromEntries(types.map((t) => [t, {}])) },
        ...(r.access === 'public' ? {} : { '401': { description: 'no or bad token' }, '403': { description: `needs the ${r.access} role or higher (or a failed CSRF/origin check)` } }),
        '400': { description: 'invalid query or body', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    paths[r.path] = { ...(paths[r.path] ?? {}), [r.method.toLowerCase()]: operation };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'repwatch API',
      version: '0.1.0',
      description:
        'Roles: viewer reads; agent also works tasks; lead also decides disputes and marketing; admin everything, incl. tokens. ' +
        'Send `Authorization: Bearer TOKEN`. Cookie sessions (the dashboard) must send `X-CSRF-Token` on every POST/DELETE. ' +
        'Analytics: NRR = negatives (rating ≤ 2) / rated items, in %; the team NRR leaves out items whose task has an approved dispute.',
    },
    servers: [{ url: serverUrl }],
    paths,
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        session: { type: 'apiKey', in: 'cookie', name: 'rw_session' },
      },
      schemas: { Error: { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] } },
    },
  };
}
