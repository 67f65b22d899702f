/**
 * A Node module-resolution hook for server.ts: `server-only` (imported by everything in lib/ that must never reach
 * a browser bundle) resolves to an empty module. The package throws unless loaded under the `react-server`
 * condition, which Next's bundler sets; the production server loads lib/ outside that bundler, on the server.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier === 'server-only') return { url: 'data:text/javascript,export {};', shortCircuit: true };
  return nextResolve(specifier, context);
}
