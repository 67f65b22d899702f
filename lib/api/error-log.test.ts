import { describe, expect, it, vi } from 'vitest';
import { describeErrorForLog, isDatabaseError, redactDatabaseErrors } from './error-log';

/** A Prisma error as it arrives: its message quotes the values of the query. */
function prismaError(): Error {
  const error = new Error('Unique constraint failed on the fields: (`email`) value anna.andersson@kommun.se, title "Anna Anderssons ansökan"');
  error.name = 'PrismaClientKnownRequestError';
  Object.assign(error, { code: 'P2002', clientVersion: '7.10.0', meta: { driverAdapterError: { cause: { originalCode: '23505' } } } });
  return error;
}

const SECRETS = /anna|ansökan|kommun\.se/i;

describe('error logging', { timeout: 60_000 }, () => {
  it('describes an error by type, codes and frames, never by its message', () => {
    const described = JSON.stringify(describeErrorForLog(prismaError()));
    expect(described).not.toMatch(SECRETS);
    expect(described).toContain('P2002');
    expect(described).toContain('23505');
  });

  it('withholds the message of database errors printed to the console, and keeps other arguments', () => {
    expect(isDatabaseError(prismaError())).toBe(true);
    const pgError = Object.assign(new Error('duplicate key value violates unique constraint: Key (email)=(anna@x.se)'), { code: '23505' });
    expect(isDatabaseError(pgError)).toBe(true);
    expect(isDatabaseError(new Error('the browser went away'))).toBe(false);
    const printed = JSON.stringify(redactDatabaseErrors(['⨯', prismaError(), pgError, 'digest: 123']));
    expect(printed).not.toMatch(SECRETS);
    expect(printed).toContain('digest: 123');
    expect(printed).toContain('message withheld');
  });

  it('keeps the message of a server action’s unexpected error out of the log', async () => {
    const { log } = await import('@/lib/log');
    const { toActionErrorCode } = await import('./action');
    const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    try {
      expect(toActionErrorCode(prismaError())).toBe('UNKNOWN');
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(spy.mock.calls)).not.toMatch(SECRETS);
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps the message of an error next-auth reports out of the log', async () => {
    process.env.DATABASE_URL ??= 'postgresql://unused@localhost:1/unused';
    process.env.AUTH_SECRET ??= 'tillit-test-secret-not-for-production';
    const { log } = await import('@/lib/log');
    const { getAuthOptions } = await import('@/lib/auth/options');
    const spy = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    try {
      getAuthOptions().logger?.error?.('JWT_SESSION_ERROR', { error: prismaError() } as never);
      expect(spy).toHaveBeenCalledTimes(1);
      expect(JSON.stringify(spy.mock.calls)).not.toMatch(SECRETS);
      expect(JSON.stringify(spy.mock.calls)).toContain('JWT_SESSION_ERROR');
    } finally {
      spy.mockRestore();
    }
  });
});
