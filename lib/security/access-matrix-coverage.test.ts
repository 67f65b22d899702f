/**
 * The fast half of the access matrix test: every route handler, board command and server action in the source
 * has an entry in e2e/access-matrix/matrix.ts (and every entry still exists). The e2e suite then calls them all.
 */
import { describe, expect, it } from 'vitest';
import { BOARD_COMMAND_TYPES } from '@/lib/board/commands';
import { exportedNames, findInlineServerActions, isServerActionModule, listRouteHandlers, listServerActions } from '@/e2e/access-matrix/enumerate';
import { coveredActionKeys, coveredCommandTypes, coveredRouteKeys } from '@/e2e/access-matrix/matrix';

describe('access matrix coverage', () => {
  it('has an entry for every route handler method under app/api', () => {
    const routes = listRouteHandlers().map((route) => route.key);
    expect(routes).toContain('POST /api/boards/[boardId]/commands');
    expect(routes.filter((key) => !coveredRouteKeys().has(key))).toEqual([]);
    expect([...coveredRouteKeys()].filter((key) => !routes.includes(key))).toEqual([]);
  });

  it('has an entry for every board command type', () => {
    expect(BOARD_COMMAND_TYPES.filter((type) => !coveredCommandTypes().has(type))).toEqual([]);
    expect([...coveredCommandTypes()].filter((type) => !(BOARD_COMMAND_TYPES as readonly string[]).includes(type))).toEqual([]);
  });

  it("has an entry for every export of every 'use server' module, and there are no inline server actions", () => {
    const actions = listServerActions().map((action) => action.key);
    expect(actions).toContain('app/actions.ts#setLocaleAction');
    expect(actions.filter((key) => !coveredActionKeys().has(key))).toEqual([]);
    expect([...coveredActionKeys()].filter((key) => !actions.includes(key))).toEqual([]);
    expect(findInlineServerActions()).toEqual([]);
  });

  it('reads exports and directives the way the bundler does', () => {
    expect(exportedNames("export async function a() {}\nexport const b = async () => {};\nexport { c as GET, d as POST };\nexport type T = 1;\n// export function gone() {}")).toEqual(['a', 'b', 'GET', 'POST']);
    expect(isServerActionModule("// comment\n'use server';\nexport async function x() {}")).toBe(true);
    expect(isServerActionModule("import x from 'y';\n'use server';")).toBe(false);
  });
});
