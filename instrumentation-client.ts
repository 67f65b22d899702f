/**
 * Runs in the browser before the app becomes interactive. Zod compiles validators with `new Function` when eval
 * is allowed, and probes for it first; under Tillit's Content-Security-Policy (no 'unsafe-eval') that probe is
 * blocked and reported as a violation on every page that validates input. Jitless mode skips the probe and the
 * compilation; validation is the same.
 */
import { z } from 'zod';

z.config({ jitless: true });
