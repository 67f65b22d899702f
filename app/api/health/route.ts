import { NextResponse } from 'next/server';
import { getDatabaseHealth } from '@/lib/data/health';

export const dynamic = 'force-dynamic';

/** For load balancers and the reliability tests: is the database reachable, are migrations current? */
export async function GET() {
  const health = await getDatabaseHealth();
  return NextResponse.json(health, { status: health.ok ? 200 : 503 });
}
