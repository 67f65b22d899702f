import type { ExperimentAction, ProposeExperimentInput } from '@/lib/experiments/model';

/** What the server answered: the data, or its translated message and, for invalid input, the message per field. */
export type ExperimentOutcome<T> =
  | { ok: true; body: T }
  | { ok: false; error: { code: string; message: string; fields: { path: string; message: string }[] } };

type ErrorBody = { error?: { code?: string; message?: string; fields?: { path: string; message: string }[] } };

async function send<T>(url: string, method: 'POST' | 'PATCH', body: unknown): Promise<ExperimentOutcome<T>> {
  try {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const parsed = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (!response.ok) {
      return { ok: false, error: { code: parsed.error?.code ?? 'UNKNOWN', message: parsed.error?.message ?? '', fields: parsed.error?.fields ?? [] } };
    }
    return { ok: true, body: parsed };
  } catch {
    // An empty message tells the caller to show its own translated "cannot reach Tillit" text.
    return { ok: false, error: { code: 'UNAVAILABLE', message: '', fields: [] } };
  }
}

const base = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/experiments`;

export function requestPropose(boardId: string, input: ProposeExperimentInput): Promise<ExperimentOutcome<{ experiment: { id: string } }>> {
  return send(base(boardId), 'POST', input);
}

export function requestAction(boardId: string, experimentId: string, action: ExperimentAction): Promise<ExperimentOutcome<{ ok: true }>> {
  return send(`${base(boardId)}/${encodeURIComponent(experimentId)}`, 'PATCH', action);
}
