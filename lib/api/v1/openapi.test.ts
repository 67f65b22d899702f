import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { getOpenApiDocument } from './openapi';
import { findApiRoute } from './router';
import { API_ROUTES } from './routes';
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';

describe('the OpenAPI document of API v1', () => {
  const document = getOpenApiDocument() as unknown as { openapi: string; paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown> }>>; webhooks: Record<string, unknown>; components: { schemas: Record<string, unknown> } };

  it('is a valid OpenAPI 3.1 document', async () => {
    const validator = new Validator();
    const result = await validator.validate(JSON.parse(JSON.stringify(document)));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('has every route of the router, with its operation id, and nothing else', () => {
    const documented = Object.entries(document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) => `${method.toUpperCase()} ${path} ${operation.operationId}`));
    expect(documented.sort()).toEqual(API_ROUTES.map((route) => `${route.method} ${route.path} ${route.operationId}`).sort());
    expect(new Set(API_ROUTES.map((route) => route.operationId)).size).toBe(API_ROUTES.length);
  });

  it('documents the error answers and the webhooks', () => {
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods)) {
        expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403', '404', '422']));
      }
    }
    expect(Object.keys(document.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    expect(Object.keys(document.components.schemas)).toEqual(expect.arrayContaining(['Card', 'Board', 'Error', 'IntakeCase', 'WebhookPayload']));
  });

  it('every documented path template is matched by the router', () => {
    for (const route of API_ROUTES) {
      const concrete = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => `x${name}1`);
      const found = findApiRoute(route.method, concrete);
      expect(found && 'route' in found ? found.route.operationId : null).toBe(route.operationId);
    }
    expect(findApiRoute('DELETE', '/boards/b1')).toEqual({ allowed: ['GET'] });
    expect(findApiRoute('GET', '/nope')).toBeNull();
  });
});
