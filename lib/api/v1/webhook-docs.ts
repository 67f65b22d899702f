import { z } from 'zod';
import type { ZodOpenApiPathsObject } from 'zod-openapi';
import { WEBHOOK_EVENT_TYPES } from '@/lib/webhooks/events';

/**
 * The webhooks section of the OpenAPI document: what Tillit sends to a team's endpoint, one entry per event type,
 * all with the payload of lib/webhooks/events.ts and the Standard Webhooks headers.
 */
const actorSchema = z.union([z.object({ kind: z.literal('person') }), z.object({ kind: z.literal('integration'), name: z.string() })]).meta({
  description: 'Who made the change: a person (never named) or one of the team’s integrations (by the token’s name).',
});

const cardFactsSchema = z.object({
  id: z.string(),
  reference: z.string().nullable().meta({ description: 'The case number from intake, when the card has one.' }),
  columnId: z.string().optional(),
  columnName: z.string().nullable().optional(),
  flowState: z.enum(['NOT_STARTED', 'IN_PROGRESS', 'DONE']).nullable().optional(),
  demand: z.enum(['UNKNOWN', 'VALUE', 'FAILURE']).optional(),
  isBlocked: z.boolean().optional(),
  createdAt: z.string().optional(),
  startedAt: z.string().nullable().optional(),
  doneAt: z.string().nullable().optional(),
  version: z.number().int().optional(),
});

export const webhookPayloadSchema = z
  .object({
    type: z.enum(WEBHOOK_EVENT_TYPES),
    timestamp: z.string().meta({ description: 'When the change happened (ISO 8601).' }),
    data: z.object({
      boardId: z.string(),
      teamId: z.string(),
      card: cardFactsSchema,
      fromColumnId: z.string().nullable().optional(),
      commentId: z.string().optional().meta({ description: 'comment.added only. The text is not sent: read it through the API.' }),
      actor: actorSchema,
    }),
  })
  .meta({ id: 'WebhookPayload', description: 'Ids and team-level facts only: no card text, no person’s name.' });

const signatureHeaders = z.object({
  'webhook-id': z.string().meta({ description: 'msg_…: the same on every retry of this message (drop duplicates by it).' }),
  'webhook-timestamp': z.string().meta({ description: 'Seconds since 1970 of this attempt; refuse old ones.' }),
  'webhook-signature': z.string().meta({ description: 'v1,<base64 HMAC-SHA256 of "id.timestamp.body" with the endpoint secret>' }),
});

export function webhookDocumentation(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    WEBHOOK_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace('.', '_')}`,
          summary: `${type}, sent to the team’s endpoints that chose it`,
          requestParams: { header: signatureHeaders },
          requestBody: { content: { 'application/json': { schema: webhookPayloadSchema } } },
          responses: { '200': { description: 'Any 2xx within 10 seconds counts as delivered; anything else (a redirect too) is retried with backoff.' } },
        },
      },
    ]),
  );
}
