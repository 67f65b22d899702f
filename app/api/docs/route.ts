import type { NextRequest } from 'next/server';
import { negotiateLocale } from '@/lib/i18n/config';

/**
 * GET /api/docs: the API reference, rendered by Swagger UI (swagger-ui-dist, served from this server by
 * /api/docs/[asset], no CDN) from /api/v1/openapi.json. The page's scripts carry the request's CSP nonce (set by
 * proxy.ts), so the Content-Security-Policy holds unchanged: no inline script without it, no eval.
 */
export function GET(request: NextRequest): Response {
  const nonce = request.headers.get('x-nonce') ?? '';
  const lang = negotiateLocale(request.headers.get('accept-language'));
  const title = lang === 'sv' ? 'Tillit API – referens' : 'Tillit API reference';
  const html = `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<main id="swagger-ui" aria-label="${title}"></main>
<script nonce="${nonce}" src="/api/docs/swagger-ui-bundle.js"></script>
<script nonce="${nonce}" src="/api/docs/init.js"></script>
</body>
</html>`;
  return new Response(html, { headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } });
}
