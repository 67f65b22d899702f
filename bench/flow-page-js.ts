/**
 * Benchmark: the client JavaScript the Flow page makes a browser load, gzipped (target ≤ 200 KB). Run after
 * `next build`:
 *
 *   npx tsx bench/flow-page-js.ts [--json]
 *
 * Reads the build's manifests: the framework files every page loads (build-manifest.json rootMainFiles) plus
 * the Flow page's own entry chunks (its client reference manifest, which includes its layouts' client
 * components). The page's charts are server-rendered SVG, so it adds no chunk of its own beyond the layouts;
 * the script prints that too. nomodule polyfills are listed apart: modern browsers neither download nor run
 * them. Sizes are gzip at level 6, as a web server would send them. Honours NEXT_DIST_DIR like next.config.js.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { gzipSync } from 'node:zlib';

export const FLOW_PAGE_JS_COMMAND = 'npx tsx bench/flow-page-js.ts';
const TARGET_BYTES = 200 * 1024;
const ROOT = path.resolve(import.meta.dirname, '..');
const DIST = path.join(ROOT, process.env.NEXT_DIST_DIR ?? '.next');
const FLOW_ENTRY = '[project]/app/(app)/boards/[boardId]/flow/page';
const APP_LAYOUT_ENTRY = '[project]/app/(app)/layout';

type BuildManifest = { rootMainFiles: string[]; polyfillFiles: string[] };
type ClientReferenceManifest = { entryJSFiles: Record<string, string[]> };

function readClientReferenceManifest(): ClientReferenceManifest {
  const file = path.join(DIST, 'server', 'app', '(app)', 'boards', '[boardId]', 'flow', 'page_client-reference-manifest.js');
  if (!existsSync(file)) throw new Error(`${file} not found: run \`next build\` first.`);
  // The manifest is a script that assigns globalThis.__RSC_MANIFEST[route]; run it in an empty sandbox.
  const sandbox: { __RSC_MANIFEST?: Record<string, ClientReferenceManifest> } = {};
  vm.runInNewContext(readFileSync(file, 'utf8'), { globalThis: sandbox, self: sandbox });
  const manifest = Object.values(sandbox.__RSC_MANIFEST ?? {})[0];
  if (!manifest) throw new Error(`No client reference manifest in ${file}`);
  return manifest;
}

function measure(file: string): { file: string; bytes: number; gzipBytes: number } {
  const content = readFileSync(path.join(DIST, file));
  return { file, bytes: content.length, gzipBytes: gzipSync(content, { level: 6 }).length };
}

function main() {
  const buildManifest = path.join(DIST, 'build-manifest.json');
  if (!existsSync(buildManifest)) throw new Error(`${buildManifest} not found: run \`next build\` first.`);
  const build = JSON.parse(readFileSync(buildManifest, 'utf8')) as BuildManifest;
  const pageManifest = readClientReferenceManifest();
  const pageEntry = pageManifest.entryJSFiles[FLOW_ENTRY];
  if (!pageEntry) throw new Error(`The build has no entry for ${FLOW_ENTRY}`);
  const files = [...new Set([...build.rootMainFiles, ...pageEntry])];
  const chunks = files.map(measure);
  const polyfills = build.polyfillFiles.map(measure);
  const layoutFiles = new Set([...build.rootMainFiles, ...(pageManifest.entryJSFiles[APP_LAYOUT_ENTRY] ?? [])]);
  const ownChunks = chunks.filter((chunk) => !layoutFiles.has(chunk.file));
  const total = chunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  const ownTotal = ownChunks.reduce((sum, chunk) => sum + chunk.gzipBytes, 0);
  const result = {
    name: 'flow-page-js',
    gzipBytes: total,
    gzipKiB: Math.round((total / 1024) * 10) / 10,
    pageOwnGzipBytes: ownTotal,
    polyfillGzipBytes: polyfills.reduce((sum, chunk) => sum + chunk.gzipBytes, 0),
    targetBytes: TARGET_BYTES,
    chunks,
    command: FLOW_PAGE_JS_COMMAND,
  };
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify(result));
    return;
  }
  console.log(`Flow page client JavaScript (${path.relative(ROOT, DIST)})`);
  console.log(`  command: ${FLOW_PAGE_JS_COMMAND}`);
  for (const chunk of chunks) console.log(`  ${chunk.file.padEnd(48)} ${String(chunk.bytes).padStart(8)} B  ${String(chunk.gzipBytes).padStart(7)} B gzip`);
  console.log(`  total ${result.gzipKiB} KiB gzip (target ≤ ${TARGET_BYTES / 1024} KiB): ${total <= TARGET_BYTES ? 'within target' : 'OVER TARGET'}`);
  console.log(`  of which the Flow page's own chunks (beyond the app layout): ${ownTotal} B gzip`);
  console.log(`  not counted, nomodule polyfills (skipped by modern browsers): ${result.polyfillGzipBytes} B gzip`);
}

try {
  main();
} catch (error) {
  console.error(`flow-page-js: ${(error as Error).message}`);
  process.exit(1);
}
