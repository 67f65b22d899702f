import { createHash, randomBytes } from 'node:crypto';
import { getTestDb } from '../fixtures/db';

/**
 * Objects of the public API for the access matrix's entries (tokens, webhooks, deliveries), created for the
 * entry's team when it exists. For a team that does not exist (the ghost fixture) they return ids that name nothing,
 * so an outsider's answer can be compared with the answer about nothing.
 */

/** A receiver address on loopback that the test run allows (playwright.config.ts) and nothing listens on. */
export const MATRIX_WEBHOOK_URL = 'http://127.0.0.1:9/matrix';

function ghostId(seed: string): string {
  return `ghost${createHash('sha256').update(seed).digest('hex').slice(0, 20)}`;
}

async function teamExists(teamId: string): Promise<boolean> {
  return (await getTestDb().team.count({ where: { id: teamId } })) > 0;
}

/** A live team integration token of the team (with its identity), for revoking. */
export async function createMatrixTeamToken(teamId: string): Promise<string> {
  if (!(await teamExists(teamId))) return ghostId(`token:${teamId}`);
  const db = getTestDb();
  const identity = await db.user.create({ data: { email: `integration-${randomBytes(6).toString('hex')}@integrations.tillit.invalid`, name: 'Matrisintegration', isIntegration: true } });
  await db.membership.create({ data: { teamId, userId: identity.id, role: 'MEMBER' } });
  const token = await db.apiToken.create({
    data: { kind: 'TEAM', name: 'Matrisnyckel', scope: 'INTAKE', prefix: 'tillit_int_matrix', tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'), actorUserId: identity.id, teamId },
  });
  return token.id;
}

/** A personal access token of a person outside every matrix role: nobody in the matrix may revoke it. */
export async function createStrangersPersonalToken(): Promise<string> {
  const db = getTestDb();
  const owner = await db.user.create({ data: { email: `stranger-${randomBytes(6).toString('hex')}@test.example`, name: 'Främling' } });
  const token = await db.apiToken.create({
    data: { kind: 'PERSONAL', name: 'Främlingens nyckel', scope: 'READ', prefix: 'tillit_pat_matrix', tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'), actorUserId: owner.id },
  });
  return token.id;
}

/** A webhook of the team, switched off when `isDisabled`, with one failed delivery. */
export async function createMatrixWebhook(teamId: string, options: { isDisabled?: boolean } = {}): Promise<{ endpointId: string; deliveryId: string }> {
  if (!(await teamExists(teamId))) return { endpointId: ghostId(`endpoint:${teamId}`), deliveryId: `msg_${ghostId(`delivery:${teamId}`)}` };
  const db = getTestDb();
  const endpoint = await db.webhookEndpoint.create({
    data: { teamId, url: MATRIX_WEBHOOK_URL, events: ['card.moved'], secret: `whsec_${randomBytes(24).toString('base64')}`, ...(options.isDisabled ? { disabledAt: new Date(), disabledReason: 'FAILED_24H' } : {}) },
  });
  const delivery = await db.webhookDelivery.create({
    data: { id: `msg_${randomBytes(12).toString('base64url')}`, endpointId: endpoint.id, eventType: 'card.moved', payload: { type: 'card.moved' }, status: 'FAILED', attempts: 3, lastError: 'ECONNREFUSED' },
  });
  return { endpointId: endpoint.id, deliveryId: delivery.id };
}
