import { createHash, randomBytes } from 'node:crypto';
import type { PrismaClient } from '../../lib/generated/prisma/client';

/**
 * Demo data of the public API (docs/api.md): the intake team's integration token for its e-service (the secret is
 * printed once, so a newcomer can try intake with curl at once), a personal token of Anna's, and a webhook to the
 * team's case system with a short delivery log. The webhook's host is under `.example`, which never resolves, so
 * the demo sends nothing anywhere: new deliveries fail and are retried, which the log shows.
 */
export async function seedApiDemo(db: PrismaClient, input: { teamId: string; boardId: string; memberId: string; now: number }): Promise<{ intakeToken: string }> {
  const day = 86_400_000;
  const secret = `tillit_int_${randomBytes(32).toString('base64url')}`;
  const identity = await db.user.create({
    data: { email: `integration-demo-${randomBytes(4).toString('hex')}@integrations.tillit.invalid`, name: 'E-tjänst: Ekonomiskt bistånd', isIntegration: true, createdAt: new Date(input.now - 20 * day) },
  });
  await db.membership.create({ data: { teamId: input.teamId, userId: identity.id, role: 'MEMBER', createdAt: new Date(input.now - 20 * day) } });
  const token = await db.apiToken.create({
    data: {
      kind: 'TEAM',
      name: 'E-tjänst: Ekonomiskt bistånd',
      scope: 'INTAKE',
      prefix: secret.slice(0, 19),
      tokenHash: createHash('sha256').update(secret).digest('hex'),
      actorUserId: identity.id,
      teamId: input.teamId,
      createdById: input.memberId,
      createdAt: new Date(input.now - 20 * day),
      expiresAt: new Date(input.now + 345 * day),
      lastUsedAt: new Date(input.now - 2 * 3_600_000),
    },
  });
  await db.teamEvent.create({ data: { teamId: input.teamId, type: 'API_TOKEN_CREATED', actorId: input.memberId, after: { tokenId: token.id, name: token.name, scope: token.scope }, at: token.createdAt } });

  const personalSecret = `tillit_pat_${randomBytes(32).toString('base64url')}`;
  const personal = await db.apiToken.create({
    data: {
      kind: 'PERSONAL',
      name: 'Veckorapport i kalkylark',
      scope: 'READ',
      prefix: personalSecret.slice(0, 19),
      tokenHash: createHash('sha256').update(personalSecret).digest('hex'),
      actorUserId: input.memberId,
      createdById: input.memberId,
      createdAt: new Date(input.now - 9 * day),
      expiresAt: new Date(input.now + 81 * day),
      lastUsedAt: new Date(input.now - 1 * day),
    },
  });
  await db.signInEvent.create({ data: { userId: input.memberId, type: 'API_TOKEN_CREATED', apiTokenId: personal.id, at: personal.createdAt } });

  const endpoint = await db.webhookEndpoint.create({
    data: {
      teamId: input.teamId,
      url: 'https://arendesystem.kommun.example/tillit/webhooks',
      description: 'Ärendesystemet får veta när ärenden blir klara',
      events: ['card.created', 'card.done'],
      secret: `whsec_${randomBytes(24).toString('base64')}`,
      createdById: input.memberId,
      createdAt: new Date(input.now - 15 * day),
    },
  });
  await db.teamEvent.create({ data: { teamId: input.teamId, type: 'WEBHOOK_CREATED', actorId: input.memberId, after: { endpointId: endpoint.id, url: endpoint.url, events: endpoint.events }, at: endpoint.createdAt } });
  const log = [
    { type: 'card.created', daysAgo: 3, status: 'SUCCEEDED' as const, attempts: 1, lastStatus: 200, lastError: null },
    { type: 'card.done', daysAgo: 2, status: 'SUCCEEDED' as const, attempts: 3, lastStatus: 204, lastError: null },
    { type: 'card.done', daysAgo: 1, status: 'FAILED' as const, attempts: 18, lastStatus: 503, lastError: 'HTTP 503: Service Unavailable' },
  ];
  for (const [index, entry] of log.entries()) {
    const at = new Date(input.now - entry.daysAgo * day);
    await db.webhookDelivery.create({
      data: {
        id: `msg_demo${index}${randomBytes(9).toString('base64url')}`,
        endpointId: endpoint.id,
        eventType: entry.type,
        payload: { type: entry.type, timestamp: at.toISOString(), data: { boardId: input.boardId, teamId: input.teamId } },
        status: entry.status,
        attempts: entry.attempts,
        createdAt: at,
        lastAttemptAt: new Date(at.getTime() + 60_000),
        lastStatus: entry.lastStatus,
        lastError: entry.lastError,
        deliveredAt: entry.status === 'SUCCEEDED' ? new Date(at.getTime() + 60_000) : null,
      },
    });
  }
  return { intakeToken: secret };
}
