import type { ReactNode } from 'react';
import { TwoFactorRequired } from '@/components/two-factor-required';
import { requireSessionUser } from '@/lib/auth/session';
import { findTwoFactorGate } from '@/lib/data/access';
import { getDb } from '@/lib/db';

/**
 * Every page of the board: when its team requires two-factor sign-in that the person lacks, they are asked to set it
 * up instead of seeing the page (the data layer refuses their reads and writes as well: lib/data/access.ts).
 */
export default async function Layout({ children, params }: { children: ReactNode; params: Promise<{ boardId: string }> }) {
  const { boardId } = await params;
  const user = await requireSessionUser();
  const gate = await findTwoFactorGate(getDb(), user.id, { boardId });
  return gate ? <TwoFactorRequired gate={gate} /> : children;
}
