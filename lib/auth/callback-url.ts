/**
 * Where to go after signing in: only a path on this site ("/invitations/…"), never another origin ("//evil",
 * "https://evil", "/\\evil"), so a crafted sign-in link cannot send people elsewhere.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = '/teams'): string {
  if (!value) return fallback;
  let path = value;
  try {
    // next-auth hands back absolute URLs of this site; keep only their path.
    if (/^https?:\/\//i.test(value)) {
      const url = new URL(value);
      path = `${url.pathname}${url.search}`;
    }
  } catch {
    return fallback;
  }
  if (!path.startsWith('/') || path.startsWith('//') || path.includes('\\') || /[\u0000-\u001f]/.test(path)) return fallback;
  if (path.startsWith('/sign-in') || path.startsWith('/api/')) return fallback;
  return path.slice(0, 500);
}
