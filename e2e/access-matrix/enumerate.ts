import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds, in the source tree, everything a browser (or an attacker) can call: every route handler method under
 * app/api and every exported server action. The access matrix must have an entry for each, so a new route or
 * action without a decided expectation fails the test instead of going unchecked.
 */

export const ROOT = path.resolve(import.meta.dirname, '..', '..');

const SOURCE_DIRS = ['app', 'lib', 'components'];
const SKIP_DIRS = new Set(['node_modules', 'generated', '.next']);
const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

function walk(dir: string, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries.sort()) {
    if (SKIP_DIRS.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else if (/\.(ts|tsx|js|jsx|mjs)$/.test(name) && !/\.(test|spec)\.[tj]sx?$/.test(name)) out.push(full);
  }
  return out;
}

function relative(file: string): string {
  return path.relative(ROOT, file).split(path.sep).join('/');
}

/** Comments out of the way, so that a commented-out export or directive does not count. */
function stripComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Names a module exports: `export (async) function x`, `export const x`, `export { a as x, y }`. */
export function exportedNames(source: string): string[] {
  const code = stripComments(source);
  const names = new Set<string>();
  for (const match of code.matchAll(/export\s+(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  for (const match of code.matchAll(/export\s+(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(match[1]!);
  for (const match of code.matchAll(/export\s*(?:type\s*)?\{([^}]*)\}/g)) {
    if (/export\s*type\s*\{/.test(match[0])) continue;
    for (const part of match[1]!.split(',')) {
      const cleaned = part.trim().replace(/^type\s+/, '');
      if (!cleaned || part.trim().startsWith('type ')) continue;
      const alias = cleaned.split(/\s+as\s+/).pop()!.trim();
      if (alias) names.add(alias);
    }
  }
  if (/export\s+default\b/.test(code)) names.add('default');
  return [...names];
}

export type Callable = { key: string; file: string };

/** `METHOD /api/...` for every exported HTTP method of every route file (route groups left out of the path). */
export function listRouteHandlers(): Callable[] {
  const routes: Callable[] = [];
  for (const file of walk(path.join(ROOT, 'app', 'api'))) {
    if (!/[/\\]route\.(ts|tsx|js|jsx|mjs)$/.test(file)) continue;
    const segments = relative(path.dirname(file)).split('/').slice(1).filter((segment) => !/^\(.*\)$/.test(segment));
    const routePath = `/${segments.join('/')}`;
    const methods = exportedNames(readFileSync(file, 'utf8')).filter((name): name is (typeof HTTP_METHODS)[number] => (HTTP_METHODS as readonly string[]).includes(name));
    for (const method of methods) routes.push({ key: `${method} ${routePath}`, file: relative(file) });
  }
  return routes;
}

/** Whether a module starts with the 'use server' directive (comments and blank lines before it allowed). */
export function isServerActionModule(source: string): boolean {
  return /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/.test(source);
}

/** `file#export` for every export of every 'use server' module: each is a server action anyone can POST to. */
export function listServerActions(): Callable[] {
  const actions: Callable[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      const source = readFileSync(file, 'utf8');
      if (!isServerActionModule(source)) continue;
      for (const name of exportedNames(source)) actions.push({ key: `${relative(file)}#${name}`, file: relative(file) });
    }
  }
  return actions;
}

/**
 * Files with a 'use server' directive inside a function (an inline server action). Those cannot be listed by
 * name, so they are not allowed: move the action into a 'use server' module, where the matrix sees it.
 */
export function findInlineServerActions(): string[] {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(path.join(ROOT, dir))) {
      const source = stripComments(readFileSync(file, 'utf8'));
      const directives = source.match(/['"]use server['"]/g)?.length ?? 0;
      if (directives > (isServerActionModule(source) ? 1 : 0)) files.push(relative(file));
    }
  }
  return files;
}
