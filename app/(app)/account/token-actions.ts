'use server';

import { revalidatePath } from 'next/cache';
import { runAction, type ActionResult } from '@/lib/api/action';
import { createPersonalToken, revokePersonalToken, type CreatedApiToken } from '@/lib/data/api-tokens';

/**
 * The signed-in person's own personal access tokens. A session cookie only: a bearer token never reaches a server
 * action, so no token can create or revoke tokens. Input is validated again by the data layer.
 */
export async function createPersonalTokenAction(input: unknown): Promise<ActionResult<CreatedApiToken>> {
  return runAction(async (user) => {
    const created = await createPersonalToken(user, input, new Date());
    revalidatePath('/account');
    return created;
  });
}

export async function revokePersonalTokenAction(tokenId: string): Promise<ActionResult> {
  return runAction(async (user) => {
    await revokePersonalToken(user, String(tokenId), new Date());
    revalidatePath('/account');
    return null;
  });
}
