import { createTranslator } from 'next-intl';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { describeErrorForLog, withApi } from '@/lib/api/handler';
import { createHash } from 'node:crypto';
import { getTeamForImport, importBoard } from '@/lib/data/import-board';
import { findEarlierImports } from '@/lib/data/import-duplicates';
import { FLOW_STATES } from '@/lib/domain/flow-states';
import { CSV_FIELDS } from '@/lib/import/csv-headers';
import { DATE_FORMATS } from '@/lib/import/date-formats';
import { decodeImportFile, IMPORT_LIMITS, ImportError, isImportError, prepareImport } from '@/lib/import';
import { createImportTranslate, describeImportError, type ImportTranslate, type RootTranslate } from '@/lib/import/describe';
import type { Locale } from '@/lib/i18n/config';
import { loadMessages } from '@/lib/i18n/messages';
import { log } from '@/lib/log';

export const dynamic = 'force-dynamic';
// Large imports take a while; the platform must not cut the request short.
export const maxDuration = 600;

const optionsSchema = z.strictObject({
  fileName: z.string().max(255).optional(),
  boardName: z.string().trim().max(IMPORT_LIMITS.boardNameMax).optional(),
  flowStates: z.record(z.string().max(200), z.enum(FLOW_STATES)).optional(),
  // A spreadsheet's column mapping (one field or null per header) and date format, as confirmed in the preview.
  mapping: z.array(z.enum(CSV_FIELDS).nullable()).max(1000).optional(),
  dateFormat: z.enum(DATE_FORMATS).optional(),
  // The person saw the warning that this very file was imported before, and wants a second board anyway.
  allowDuplicate: z.boolean().optional(),
});

const hashSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * Boards of the team imported from this very file before: GET ?hash=<SHA-256 of the file, hex>. The import page
 * asks while it shows the preview, so it can warn before a second identical board is made. Members only.
 */
export const GET = withApi<{ teamId: string }>(async ({ request, params, user }) => {
  // Members only, checked before anything else (an outsider learns nothing, not even that a hash is malformed).
  await getTeamForImport(user.id, params.teamId);
  const hash = hashSchema.safeParse(request.nextUrl.searchParams.get('hash'));
  if (!hash.success) return NextResponse.json({ earlier: [] });
  const earlier = await findEarlierImports(user.id, params.teamId, hash.data);
  return NextResponse.json({ earlier: earlier.map((entry) => ({ ...entry, importedAt: entry.importedAt.toISOString() })) });
});

function importTranslator(locale: Locale): ImportTranslate {
  return createImportTranslate(createTranslator({ locale, messages: loadMessages(locale) }) as unknown as RootTranslate);
}

async function readBody(request: NextRequest): Promise<Uint8Array> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  const maxMb = IMPORT_LIMITS.maxBytes / 1024 / 1024;
  if (declared > IMPORT_LIMITS.maxBytes) throw new ImportError('tooLarge', { maxMb });
  if (!request.body) throw new ImportError('empty');
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > IMPORT_LIMITS.maxBytes) {
      await reader.cancel();
      throw new ImportError('tooLarge', { maxMb });
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * Imports a file as a new board of the team: POST the file's bytes as the body, ?options={fileName, boardName,
 * flowStates} as chosen in the preview. The server reads and checks the file again itself (the browser's preview is
 * not trusted). A file that cannot be imported gets 422 with a translated message and writes nothing. Otherwise the
 * answer streams NDJSON lines while the single import transaction runs: {"type":"progress","done","total"}…, then
 * {"type":"done","boardId",…} after the commit, or {"type":"error","message"} after a rollback.
 */
export const POST = withApi<{ teamId: string }>(async ({ request, params, user, locale, requestId }) => {
  const t = importTranslator(locale);
  let plan;
  let contentHash: string;
  try {
    const rawOptions = request.nextUrl.searchParams.get('options') ?? '{}';
    let options: z.infer<typeof optionsSchema>;
    try {
      options = optionsSchema.parse(JSON.parse(rawOptions.slice(0, 50_000)));
    } catch {
      throw new ImportError('invalidOptions');
    }
    // Members only: checked before the body is read, so a stranger's upload costs nothing.
    await getTeamForImport(user.id, params.teamId);
    const bytes = await readBody(request);
    contentHash = createHash('sha256').update(bytes).digest('hex');
    if (!options.allowDuplicate) {
      const [earlier] = await findEarlierImports(user.id, params.teamId, contentHash);
      if (earlier) throw new ImportError('duplicate', { board: earlier.boardName, date: earlier.importedAt.toISOString().slice(0, 10) });
    }
    const decoded = decodeImportFile(bytes);
    plan = prepareImport(decoded.text, { now: new Date(), ...options, decoded });
  } catch (error) {
    if (!isImportError(error)) throw error;
    return NextResponse.json({ error: describeImportError(error, t) }, { status: error.code === 'tooLarge' ? 413 : error.code === 'duplicate' ? 409 : 422 });
  }

  const encoder = new TextEncoder();
  const ready = plan;
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Record<string, unknown>) => controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      let lastSent = -1;
      try {
        const result = await importBoard(user, params.teamId, ready, new Date(), {
          contentHash,
          onProgress: ({ done, total }) => {
            // At most one line per percent, so a large import does not flood the connection.
            const percent = Math.floor((done / total) * 100);
            if (percent === lastSent) return;
            lastSent = percent;
            send({ type: 'progress', done, total });
          },
        });
        send({ type: 'done', boardId: result.boardId, boardName: ready.boardName, cards: result.cardCount, events: result.eventCount });
      } catch (error) {
        log.error({ requestId, err: describeErrorForLog(error) }, 'import failed');
        send({ type: 'error', message: t('errors.failed') });
      } finally {
        controller.close();
      }
    },
  });
  return new Response(stream, {
    headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store, no-transform', 'X-Accel-Buffering': 'no' },
  });
});
