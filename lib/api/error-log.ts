/**
 * What an error may put into the log. Pure (no `server-only`), so that every module that logs an error — route
 * plumbing, next-auth's logger, the live hub, server actions — uses it without pulling in the route plumbing.
 * A database or Prisma message can quote the values of the query (card text, an e-mail address), and a mail
 * server's can quote an address: messages are never logged.
 */

/** The PostgreSQL SQLSTATE behind an error, wherever Prisma's driver adapter put it. */
export function findSqlState(error: unknown): string | null {
  const seen = new Set<unknown>();
  const walk = (value: unknown, depth: number): string | null => {
    if (!value || typeof value !== 'object' || seen.has(value) || depth > 4) return null;
    seen.add(value);
    const record = value as Record<string, unknown>;
    for (const key of ['originalCode', 'sqlState']) {
      if (typeof record[key] === 'string' && /^[0-9A-Z]{5}$/.test(record[key] as string)) return record[key] as string;
    }
    // node-postgres (the plain pool, lib/data/sql-pool.ts) puts the SQLSTATE in `code`; Prisma's own codes are P + 4 digits.
    if (typeof record.code === 'string' && /^[0-9A-Z]{5}$/.test(record.code) && !/^P\d{4}$/.test(record.code)) return record.code;
    return walk(record.cause, depth + 1) ?? walk((record.meta as Record<string, unknown> | undefined)?.driverAdapterError, depth + 1);
  };
  return walk(error, 0);
}

/**
 * What an unexpected error may put into the log: its type, codes and stack frames, never its message (a database
 * or Prisma message can quote the values of the query, i.e. card text or an e-mail address).
 */
export function describeErrorForLog(error: unknown): Record<string, unknown> {
  const err = error as { name?: unknown; code?: unknown; stack?: unknown } | null | undefined;
  const frames = typeof err?.stack === 'string' ? err.stack.split('\n').filter((line) => /^\s+at /.test(line)).slice(0, 15).map((line) => line.trim()) : [];
  return {
    type: typeof err?.name === 'string' ? err.name : typeof error,
    code: typeof err?.code === 'string' || typeof err?.code === 'number' ? err.code : undefined,
    sqlState: findSqlState(error) ?? undefined,
    frames,
  };
}


/**
 * A database error as it travels (Prisma's errors, its driver adapter's, node-postgres'): recognised by name, by
 * Prisma's P-codes or a SQLSTATE, or by Prisma's `clientVersion`.
 */
export function isDatabaseError(value: unknown): boolean {
  if (!(value instanceof Error)) return false;
  const record = value as Error & { code?: unknown; clientVersion?: unknown };
  return (
    /^(PrismaClient|DriverAdapter)/.test(value.name) ||
    record.clientVersion !== undefined ||
    (typeof record.code === 'string' && /^P\d{4}$/.test(record.code)) ||
    findSqlState(value) !== null
  );
}

/**
 * What the server's console may print of its arguments: a database error (which Next.js prints in full when a page
 * or route throws it) is replaced by its type, codes and frames; everything else is printed as it is. Installed on
 * console.error/console.warn when the server starts (instrumentation.ts).
 */
export function redactDatabaseErrors(args: unknown[]): unknown[] {
  return args.map((arg) => (isDatabaseError(arg) ? `[database error, message withheld] ${JSON.stringify(describeErrorForLog(arg))}` : arg));
}
