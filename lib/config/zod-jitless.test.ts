import { describe, expect, it } from 'vitest';
import { z } from 'zod';

describe('instrumentation-client.ts', () => {
  it('puts the zod that the app imports into jitless mode (no eval probe under the CSP), though it imports only core', async () => {
    expect(z.config().jitless).not.toBe(true);
    await import('../../instrumentation-client');
    expect(z.config().jitless).toBe(true);
    // And validation still works without compiled validators.
    expect(z.object({ title: z.string().min(1) }).safeParse({ title: 'Ärende' }).success).toBe(true);
  });
});
