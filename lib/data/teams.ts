import 'server-only';
import { getDb } from '@/lib/db';

/** The caller's teams with their boards, in name order. Only teams the caller belongs to. */
export async function getTeamsForUser(userId: string) {
  const memberships = await getDb().membership.findMany({
    where: { userId },
    select: {
      role: true,
      team: {
        select: {
          id: true,
          name: true,
          _count: { select: { memberships: { where: { user: { isIntegration: false } } } } },
          boards: { select: { id: true, name: true, archivedAt: true }, orderBy: { name: 'asc' } },
        },
      },
    },
    orderBy: { team: { name: 'asc' } },
  });
  return memberships.map(({ role, team }) => ({
    id: team.id,
    name: team.name,
    role,
    memberCount: team._count.memberships,
    boards: team.boards.map((board) => ({ id: board.id, name: board.name, archivedAt: board.archivedAt?.toISOString() ?? null })),
  }));
}
