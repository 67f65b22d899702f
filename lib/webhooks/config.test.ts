import { describe, expect, it } from 'vitest';
import { parseApiConfig } from './config';

describe('API and webhook settings', () => {
  it('has safe defaults: no internal hosts, 10 s attempts, 10 s first retry, a worker, 60 intakes a minute', () => {
    const config = parseApiConfig({});
    expect(config.allowList.hosts.size).toBe(0);
    expect(config.allowList.ranges).toEqual([]);
    expect(config).toMatchObject({ timeoutMs: 10_000, isWorkerEnabled: true, intakePerMinute: 60, retryPolicy: { baseMs: 10_000 } });
  });

  it('reads the operator’s settings and ignores values out of range', () => {
    const config = parseApiConfig({ TILLIT_WEBHOOK_ALLOW_HOSTS: 'hooks.kommun.local,10.20.0.0/16', TILLIT_WEBHOOK_TIMEOUT_MS: '2500', TILLIT_WEBHOOK_RETRY_BASE_MS: '400', TILLIT_WEBHOOK_WORKER: 'false', TILLIT_INTAKE_PER_MINUTE: '5' });
    expect([...config.allowList.hosts]).toEqual(['hooks.kommun.local']);
    expect(config.allowList.ranges).toHaveLength(1);
    expect(config).toMatchObject({ timeoutMs: 2_500, isWorkerEnabled: false, intakePerMinute: 5, retryPolicy: { baseMs: 400 } });
    expect(parseApiConfig({ TILLIT_WEBHOOK_TIMEOUT_MS: '999999', TILLIT_INTAKE_PER_MINUTE: 'lots', TILLIT_WEBHOOK_WORKER: 'yes' })).toMatchObject({ timeoutMs: 10_000, intakePerMinute: 60, isWorkerEnabled: true });
  });
});
