import type { BoardCommand } from '@/lib/board/commands';
import type { BoardCardView } from '@/lib/board/types';
import type { StandupView } from '@/lib/data/standups';
import type { CommandOutcome } from '../command-outcome';

type ErrorBody = { error?: { code?: string; message?: string } };

async function sendJson<T>(url: string, method: 'POST' | 'PATCH', body: unknown): Promise<{ ok: true; body: T } | { ok: false; error: { code: string; message: string } }> {
  try {
    const response = await fetch(url, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const parsed = (await response.json().catch(() => ({}))) as T & ErrorBody;
    if (!response.ok) return { ok: false, error: { code: parsed.error?.code ?? 'UNKNOWN', message: parsed.error?.message ?? '' } };
    return { ok: true, body: parsed };
  } catch {
    // An empty message tells the caller to show its own translated "cannot reach Tillit" text.
    return { ok: false, error: { code: 'UNAVAILABLE', message: '' } };
  }
}

/** The same command endpoint the board uses, so a change from the walk is checked and broadcast the same way. */
export async function postBoardCommand(boardId: string, command: BoardCommand): Promise<CommandOutcome> {
  const result = await sendJson<{ card?: BoardCardView }>(`/api/boards/${encodeURIComponent(boardId)}/commands`, 'POST', command);
  return result.ok ? { ok: true, card: result.body.card } : result;
}

export type StandupOutcome = { ok: true; standup: StandupView } | { ok: false; error: { code: string; message: string } };

export async function requestStandupStart(boardId: string): Promise<StandupOutcome> {
  const result = await sendJson<{ standup: StandupView }>(`/api/boards/${encodeURIComponent(boardId)}/standups`, 'POST', {});
  return result.ok ? { ok: true, standup: result.body.standup } : result;
}

export async function requestStandupEnd(boardId: string, standupId: string): Promise<StandupOutcome> {
  const result = await sendJson<{ standup: StandupView }>(`/api/boards/${encodeURIComponent(boardId)}/standups`, 'PATCH', { standupId });
  return result.ok ? { ok: true, standup: result.body.standup } : result;
}
