import 'server-only';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import { emptyBodySchema, errorSchema, idempotencyHeaderSchema } from './schemas';
import { API_ROUTES, type ApiRoute } from './routes';
import { webhookDocumentation } from './webhook-docs';

/**
 * The OpenAPI 3.1 document of API v1, generated from the route table and the zod schemas the routes validate with
 * (zod-openapi), never written by hand. Served at /api/v1/openapi.json and shown by /api/docs.
 */
let cached: ReturnType<typeof createDocument> | undefined;

const ERROR_DESCRIPTIONS: Record<number, string> = {
  401: 'No token, or one that is malformed, unknown, expired or revoked (code says which).',
  403: 'The token’s scope or the holder’s team role does not allow this (e.g. a VIEWER’s token writes, a read token writes, an intake token reads).',
  404: 'No such board or card, or not on its team (the two are the same answer on purpose).',
  409: 'Refused for the board’s rules (WIP limit), or an Idempotency-Key reused with another body / still in progress.',
  413: 'The body is larger than 64 KB.',
  415: 'The body is not JSON (send Content-Type: application/json).',
  422: 'The input is not valid; `fields` lists what and why.',
  429: 'Too many requests for this token; wait for Retry-After seconds.',
  503: 'The database cannot be reached right now; nothing was changed. Retry later (Retry-After).',
};

function errorResponse(status: number) {
  return { description: ERROR_DESCRIPTIONS[status] ?? 'Error', content: { 'application/json': { schema: errorSchema } } };
}

function operationFor(route: ApiRoute): ZodOpenApiOperationObject {
  const statuses = [401, 403, 404, 422, 503];
  if (route.body) statuses.push(413, 415);
  if (route.method === 'POST' || route.conflicts) statuses.push(409);
  if (route.rateLimited) statuses.push(429);
  const success = route.status ?? 200;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    // Which token scopes may call it (lib/api-tokens/scopes.ts): read, write or intake.
    'x-tillit-operation-kind': route.kind,
    requestParams: {
      ...(route.params && Object.keys(route.params.shape).length > 0 ? { path: route.params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.method === 'POST' ? { header: idempotencyHeaderSchema } : {}),
    },
    ...(route.body ? { requestBody: { required: route.body !== emptyBodySchema, content: { 'application/json': { schema: route.body } } } } : {}),
    responses: {
      [String(success)]: { description: success === 201 ? 'Created' : 'OK', content: { 'application/json': { schema: route.response } } },
      ...(route.kind === 'intake' ? { '200': { description: 'Updated: a card with this reference was already on the board.', content: { 'application/json': { schema: route.response } } } } : {}),
      ...Object.fromEntries([...new Set(statuses)].sort().map((status) => [String(status), errorResponse(status)])),
    },
  };
}

export function getOpenApiDocument() {
  if (cached) return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const route of API_ROUTES) {
    const methods = (paths[route.path] ??= {}) as Record<string, ZodOpenApiOperationObject>;
    methods[route.method.toLowerCase()] = operationFor(route);
  }
  cached = createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Tillit API',
      version: '1.0.0',
      description:
        'The public API of Tillit, the team’s own Kanban board. Authenticate with a personal access token (account page) or a team integration token (team page → Integrations) as `Authorization: Bearer …`. Every call runs with the same rules as the board itself: a VIEWER’s token only reads, and a board outside the token’s teams does not exist (404). Errors are `{ "error": { "code", "message" } }`, with the message in the language of Accept-Language (sv or en). POSTs accept an Idempotency-Key. See docs/api.md for examples.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Token', description: 'The token in use.' },
      { name: 'Teams and boards', description: 'What the token reaches.' },
      { name: 'Cards', description: 'The same card changes as on the board, with the same WIP rules and history.' },
      { name: 'Flow', description: 'Team-level flow figures, never per person.' },
      { name: 'Intake', description: 'Demand arriving from e-services and case systems, recorded as value or failure demand at the door.' },
    ],
    paths,
    webhooks: webhookDocumentation(),
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'tillit_pat_… (personal) or tillit_int_… (team integration).' },
      },
    },
  });
  return cached;
}
