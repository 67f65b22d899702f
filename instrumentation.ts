/**
 * Runs once when a Tillit server starts: keeps database error messages out of the console, checks the whole configuration (secrets, database URL, single sign-on,
 * e-mail, rate limits) and stops the server with a message naming every missing or wrong setting, rather than
 * failing later inside a request. Skipped while building (`next build` has no runtime secrets to check).
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { formatConfigProblems, parseServerConfig } = await import('./lib/config/server-config');
  const { redactDatabaseErrors } = await import('./lib/api/error-log');
  // Next.js prints an error a page or route throws in full; a database error's message can quote card text or an
  // e-mail address, so those are printed as type, codes and frames only (lib/api/error-log.ts).
  for (const method of ['error', 'warn'] as const) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => original(...redactDatabaseErrors(args));
  }
  const result = parseServerConfig(process.env);
  if (result.ok) return;
  console.error(formatConfigProblems(result.problems));
  // Stop here (EX_CONFIG). Reached through globalThis because this file is also compiled for the edge runtime.
  (globalThis as { process?: { exit(code: number): never } }).process?.exit(78);
}
