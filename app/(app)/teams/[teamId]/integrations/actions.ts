'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/api/action';
import { createTeamToken, revokeTeamToken, type CreatedApiToken } from '@/lib/data/api-tokens';
import { createWebhook, deleteWebhook, enableWebhook, resendDelivery, WebhookUrlRefusedError, type WebhookEndpointView } from '@/lib/data/webhooks';
import type { UrlProblem } from '@/lib/webhooks/address-policy';

/**
 * The team's integrations: team tokens and webhooks. A session cookie only (never a token); the data layer checks
 * the role (MEMBER manages; 404 when not on the team; 403 for viewers) and validates every argument again.
 */
function integrationsPath(teamId: string): string {
  return `/teams/${encodeURIComponent(teamId)}/integrations`;
}

export async function createTeamTokenAction(teamId: string, input: unknown): Promise<ActionResult<CreatedApiToken>> {
  return runAction(async (user) => {
    const created = await createTeamToken(user, { ...(input as object), teamId }, new Date());
    revalidatePath(integrationsPath(teamId));
    return created;
  });
}

export async function revokeTeamTokenAction(teamId: string, tokenId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await revokeTeamToken(user, { teamId: String(teamId), tokenId: String(tokenId) }, new Date());
    revalidatePath(integrationsPath(teamId));
    return null;
  });
}

export type CreateWebhookResult = { created: true; endpoint: WebhookEndpointView; secret: string } | { created: false; problem: UrlProblem };

export async function createWebhookAction(teamId: string, input: unknown): Promise<ActionResult<CreateWebhookResult>> {
  return runAction(async (user) => {
    try {
      const created = await createWebhook(user, { ...(input as object), teamId }, new Date());
      revalidatePath(integrationsPath(teamId));
      return { created: true as const, ...created };
    } catch (error) {
      if (error instanceof WebhookUrlRefusedError) return { created: false as const, problem: error.problem };
      throw error;
    }
  });
}

export async function deleteWebhookAction(teamId: string, endpointId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await deleteWebhook(user, { teamId: String(teamId), endpointId: String(endpointId) }, new Date());
    revalidatePath(integrationsPath(teamId));
    return null;
  });
}

export async function enableWebhookAction(teamId: string, endpointId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await enableWebhook(user, { teamId: String(teamId), endpointId: String(endpointId) }, new Date());
    revalidatePath(integrationsPath(teamId));
    return null;
  });
}

export async function resendDeliveryAction(teamId: string, deliveryId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await resendDelivery(user, { teamId: String(teamId), deliveryId: String(deliveryId) }, new Date());
    revalidatePath(integrationsPath(teamId), 'layout');
    return null;
  });
}
