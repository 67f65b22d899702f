import NextAuth from 'next-auth';
import { getAuthOptions } from '@/lib/auth/options';

type Segment = { params: Promise<{ nextauth: string[] }> };

async function handle(request: Request, segment: Segment) {
  return NextAuth(request as never, { params: await segment.params } as never, getAuthOptions());
}

export { handle as GET, handle as POST };
