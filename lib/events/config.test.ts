import { describe, expect, it } from 'vitest';
import { parseLiveConfig } from './config';

describe('parseLiveConfig', () => {
  it('defaults to notifying after commit, a 15-minute resume window and 4 concurrent openings', () => {
    expect(parseLiveConfig({})).toEqual({ notifyMode: 'after-commit', retentionMinutes: 15, streamOpenings: 4, recentEventsBytes: 16 * 1024 * 1024 });
  });

  it('takes valid settings and falls back on invalid ones (never below the 10-minute window)', () => {
    expect(parseLiveConfig({ TILLIT_LIVE_NOTIFY: 'in-transaction', TILLIT_EVENT_RETENTION_MINUTES: '60', TILLIT_STREAM_OPENINGS: '8' })).toMatchObject({
      notifyMode: 'in-transaction',
      retentionMinutes: 60,
      streamOpenings: 8,
    });
    expect(parseLiveConfig({ TILLIT_LIVE_NOTIFY: 'sometimes', TILLIT_EVENT_RETENTION_MINUTES: '5', TILLIT_STREAM_OPENINGS: '0' })).toMatchObject({
      notifyMode: 'after-commit',
      retentionMinutes: 15,
      streamOpenings: 4,
    });
  });
});
