import NextAuth from 'next-auth';
import { OIDC_PROVIDER_ID, loadOidcMetadata } from '@/lib/auth/oidc';
import { getAuthOptions } from '@/lib/auth/options';
import { getServerEnv } from '@/lib/env';

type Segment = { params: Promise<{ nextauth: string[] }> };

async function handle(request: Request, segment: Segment) {
  const params = await segment.params;
  // Only the single sign-on steps (signin/oidc, callback/oidc) need the provider's discovery document.
  const oidc = getServerEnv().oidc;
  const metadata = oidc && params.nextauth.includes(OIDC_PROVIDER_ID) ? await loadOidcMetadata(oidc) : null;
  return NextAuth(request as never, { params } as never, getAuthOptions(metadata));
}

export { handle as GET, handle as POST };
