import { createHash } from 'node:crypto';

/**
 * Pure helpers of the API router: matching a path against the route table's templates and hashing a request for
 * idempotency. No I/O.
 */

export type PathTemplate = { template: string; pattern: RegExp; names: string[] };

/** `/boards/{boardId}/cards` → a pattern whose groups are the parameters (one path segment each). */
export function compilePathTemplate(template: string): PathTemplate {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      const match = /^\{(\w+)\}$/.exec(segment);
      if (!match) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      names.push(match[1] as string);
      return '([^/]+)';
    })
    .join('/');
  return { template, pattern: new RegExp(`^${source}/?$`), names };
}

/** The parameters of `pathname` when it fits the template (percent-decoded), else null. */
export function matchPathTemplate(compiled: PathTemplate, pathname: string): Record<string, string> | null {
  const match = compiled.pattern.exec(pathname);
  if (!match) return null;
  const params: Record<string, string> = {};
  for (const [index, name] of compiled.names.entries()) {
    try {
      params[name] = decodeURIComponent(match[index + 1] as string);
    } catch {
      params[name] = '';
    }
  }
  return params;
}

/** JSON with object keys sorted, so that the same body sent with its keys in another order hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What makes two requests "the same" for an Idempotency-Key: method, path and body (canonical JSON). */
export function hashApiRequest(method: string, pathname: string, body: unknown): string {
  return createHash('sha256').update(`${method.toUpperCase()} ${pathname}\n${canonicalJson(body)}`).digest('hex');
}

/** The largest request body the API reads. A card's text is at most 10,000 characters; this leaves room for JSON. */
export const API_MAX_BODY_BYTES = 64 * 1024;
