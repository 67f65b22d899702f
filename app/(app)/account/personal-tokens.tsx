'use client';

import { TokenManager } from '@/components/api/token-manager';
import { PERSONAL_TOKEN_SCOPES } from '@/lib/api-tokens/scopes';
import type { ApiTokenView } from '@/lib/data/api-tokens';
import { createPersonalTokenAction, revokePersonalTokenAction } from './token-actions';

export function PersonalTokens({ tokens }: { tokens: ApiTokenView[] }) {
  return <TokenManager kind="PERSONAL" scopes={PERSONAL_TOKEN_SCOPES} tokens={tokens} canManage create={createPersonalTokenAction} revoke={revokePersonalTokenAction} />;
}
