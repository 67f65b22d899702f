/**
 * How the API answers and logs failures (issue 7): an unexpected error is a 500 with a request id and a generic
 * message, and its log entry (structured, with the request id) carries no message text, so no card title or
 * e-mail address a database or Prisma message may quote; a database that is away is a 503 with the translated
 * message; a value the database refuses as data (a NUL character) is a 422, not a 500.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const logged = vi.hoisted(() => ({ entries: [] as { level: string; object: Record<string, unknown>; message: string }[] }));
vi.mock('@/lib/log', () => {
  const at = (level: string) => (object: Record<string, unknown>, message: string) => logged.entries.push({ level, object, message });
  return { log: { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') } };
});

const SECRET_TITLE = 'Orosanmälan för Kalle Svensson 19121212-1212';
const SECRET_EMAIL = 'anna.lindqvist@kommun.example';

/** An error shaped like Prisma's, whose message quotes the query's values (as validation errors do). */
function prismaLikeError(code: string, extra: Record<string, unknown> = {}) {
  const error = new Error(`\nInvalid \`prisma.card.create()\` invocation:\n{ data: { title: "${SECRET_TITLE}", actor: "${SECRET_EMAIL}" } }`);
  error.name = 'PrismaClientKnownRequestError';
  return Object.assign(error, { code, ...extra });
}

describe('API error responses and their logs', () => {
  beforeEach(() => {
    logged.entries = [];
  });

  it('answers an unexpected error with 500, a request id and a generic message, and logs no message text', async () => {
    const { errorResponse } = await import('./handler');
    const response = errorResponse(prismaLikeError('P2031'), 'sv', 'request-123');
    expect(response.status).toBe(500);
    const body = (await response.json()) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toEqual({ code: 'UNKNOWN', message: 'Något gick fel och inget ändrades. Försök igen.', requestId: 'request-123' });
    expect(logged.entries).toHaveLength(1);
    const entry = logged.entries[0]!;
    expect(entry.level).toBe('error');
    expect(entry.object).toMatchObject({ requestId: 'request-123', err: { type: 'PrismaClientKnownRequestError', code: 'P2031' } });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(SECRET_TITLE);
    expect(text).not.toContain(SECRET_EMAIL);
    expect(text).not.toContain('Invalid `prisma');
    // The stack frames stay, for whoever has to debug it.
    expect((entry.object.err as { frames: string[] }).frames.length).toBeGreaterThan(0);
  });

  it('answers 503 with the translated message when the database is away, and logs the request id', async () => {
    const { errorResponse } = await import('./handler');
    const refused = Object.assign(new Error(`connect ECONNREFUSED 127.0.0.1:5432 while saving "${SECRET_TITLE}"`), { code: 'ECONNREFUSED' });
    const response = errorResponse(refused, 'sv', 'request-503');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('2');
    expect(await response.json()).toEqual({ error: { code: 'UNAVAILABLE', message: 'Tillit når inte sin databas just nu. Ändringen sparades inte; försök igen om en stund.' } });
    expect(logged.entries[0]?.object).toMatchObject({ requestId: 'request-503' });
    expect(JSON.stringify(logged.entries)).not.toContain(SECRET_TITLE);

    // A transaction that could not start or finish in time (a pool under a burst) is "try again", not a fault.
    expect(errorResponse(prismaLikeError('P2028'), 'en', 'request-2').status).toBe(503);
    // A pooled connection that the restart killed.
    const terminated = Object.assign(new Error('x'), { cause: { kind: 'postgres', originalCode: '57P01' } });
    expect(errorResponse(terminated, 'en', 'request-3').status).toBe(503);
  });

  it('answers 422, not 500, when the database refuses a value as data (a NUL character in a text)', async () => {
    const { errorResponse } = await import('./handler');
    const nul = prismaLikeError('P2010', { meta: { driverAdapterError: { cause: { kind: 'postgres', originalCode: '22021' } } } });
    const response = errorResponse(nul, 'en', 'request-422');
    expect(response.status).toBe(422);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('VALIDATION');
    expect(JSON.stringify(logged.entries)).not.toContain(SECRET_TITLE);
  });
});
