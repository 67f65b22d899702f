import type { ActionErrorCode } from '@/lib/api/action';

const KNOWN = ['CODE_INVALID', 'NOT_AVAILABLE', 'ALREADY_ENABLED', 'NOT_ENABLED', 'SETUP_EXPIRED', 'RATE_LIMITED', 'PASSWORD_INVALID', 'PASSWORD_TOO_SHORT', 'PASSWORDS_DIFFER', 'UNAUTHENTICATED'] as const;

/** The security.errors key for an action's refusal (anything unexpected: `generic`). */
export function securityErrorKey(code: ActionErrorCode | undefined): (typeof KNOWN)[number] | 'generic' {
  return (KNOWN as readonly string[]).includes(code ?? '') ? (code as (typeof KNOWN)[number]) : 'generic';
}
