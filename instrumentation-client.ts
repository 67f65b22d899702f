/**
 * Runs in the browser before the app becomes interactive. Zod compiles validators with `new Function` when eval
 * is allowed, and probes for it first; under Tillit's Content-Security-Policy (no 'unsafe-eval') that probe is
 * blocked and reported as a violation on every page that validates input. Jitless mode skips the probe and the
 * compilation; validation is the same.
 *
 * Only zod's core `config` is imported: this file is part of every page's JavaScript, and the whole of zod would
 * add about 30 KB (gzip) to pages that validate nothing. The setting is global, so it holds for every import of zod.
 */
import { config } from 'zod/v4/core';

config({ jitless: true });
