import 'server-only';
import pino from 'pino';

/**
 * Structured JSON logs. Never log card text, names or e-mail addresses: log ids and error codes only.
 */
export const log = pino({
  level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === 'test' ? 'warn' : 'info'),
  base: { service: 'tillit' },
  redact: { paths: ['*.email', '*.password', '*.title', '*.description', '*.name'], censor: '[redacted]' },
});
