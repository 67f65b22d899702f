import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The files of the API reference page (/api/docs): Swagger UI's bundle and stylesheet from the swagger-ui-dist
 * package in node_modules, and the few lines that start it. Only these names; anything else is 404.
 */
const PACKAGE_FILES: Record<string, string> = {
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui.css': 'text/css; charset=utf-8',
};

// Swagger UI reads the document from this server; "Authorize" takes a token for "Try it out".
const INIT_SCRIPT = `window.ui = SwaggerUIBundle({
  url: '/api/v1/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: 'none',
  tryItOutEnabled: false,
  persistAuthorization: false,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});
`;

const cache = new Map<string, Buffer>();

export async function GET(_request: Request, { params }: { params: Promise<{ asset: string }> }): Promise<Response> {
  const { asset } = await params;
  if (asset === 'init.js') return new Response(INIT_SCRIPT, { headers: { 'Content-Type': 'text/javascript; charset=utf-8', 'Cache-Control': 'no-cache' } });
  const type = Object.hasOwn(PACKAGE_FILES, asset) ? PACKAGE_FILES[asset] : undefined;
  if (!type) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  let body = cache.get(asset);
  if (!body) {
    body = await readFile(path.join(process.cwd(), 'node_modules', 'swagger-ui-dist', asset));
    cache.set(asset, body);
  }
  return new Response(new Uint8Array(body), { headers: { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' } });
}
