'use client';

import { TokenManager } from '@/components/api/token-manager';
import { TEAM_TOKEN_SCOPES } from '@/lib/api-tokens/scopes';
import type { ApiTokenView } from '@/lib/data/api-tokens';
import { createTeamTokenAction, revokeTeamTokenAction } from './actions';

export function TeamTokens({ teamId, tokens, canManage }: { teamId: string; tokens: ApiTokenView[]; canManage: boolean }) {
  return (
    <TokenManager
      kind="TEAM"
      scopes={TEAM_TOKEN_SCOPES}
      tokens={tokens}
      canManage={canManage}
      create={(input) => createTeamTokenAction(teamId, input)}
      revoke={(tokenId) => revokeTeamTokenAction(teamId, tokenId)}
    />
  );
}
