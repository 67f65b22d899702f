import { describe, expect, it } from 'vitest';
import { parseAccessibilityConfig, RELEASE_ASSESSMENT_DATE } from './organisation';

describe('accessibility statement configuration', () => {
  it('is configured with the organisation name and a contact e-mail', () => {
    const config = parseAccessibilityConfig({
      TILLIT_ORG_NAME: 'Exempelby kommun',
      TILLIT_ACCESSIBILITY_CONTACT_EMAIL: 'tillganglighet@exempelby.se',
      TILLIT_ACCESSIBILITY_CONTACT_PHONE: '+46 8-123 456 78',
      TILLIT_ACCESSIBILITY_REPORT_URL: 'https://exempelby.se/rapportera',
      TILLIT_ACCESSIBILITY_RESPONSE_DAYS: '10',
      TILLIT_ACCESSIBILITY_ASSESSED_DATE: '2026-11-01',
    });
    expect(config).toEqual({
      status: 'configured',
      organisation: { name: 'Exempelby kommun', email: 'tillganglighet@exempelby.se', phone: '+46 8-123 456 78', reportUrl: 'https://exempelby.se/rapportera', responseDays: 10 },
      assessedDate: '2026-11-01',
      updatedDate: '2026-11-01',
    });
  });

  it('names what is missing, treating empty values as missing', () => {
    expect(parseAccessibilityConfig({ TILLIT_ORG_NAME: ' ' })).toEqual({
      status: 'missing',
      missing: ['TILLIT_ORG_NAME', 'TILLIT_ACCESSIBILITY_CONTACT_EMAIL'],
      assessedDate: RELEASE_ASSESSMENT_DATE,
      updatedDate: RELEASE_ASSESSMENT_DATE,
    });
  });

  it('refuses wrong values, naming each setting', () => {
    const config = parseAccessibilityConfig({
      TILLIT_ORG_NAME: 'Exempelby kommun',
      TILLIT_ACCESSIBILITY_CONTACT_EMAIL: 'not-an-address',
      TILLIT_ACCESSIBILITY_REPORT_URL: 'http://exempelby.se/form',
      TILLIT_ACCESSIBILITY_RESPONSE_DAYS: '0',
      TILLIT_ACCESSIBILITY_ASSESSED_DATE: '2026-02-30',
    });
    expect(config.status).toBe('invalid');
    const problems = config.status === 'invalid' ? config.problems.join('\n') : '';
    for (const name of ['TILLIT_ACCESSIBILITY_CONTACT_EMAIL', 'TILLIT_ACCESSIBILITY_REPORT_URL', 'TILLIT_ACCESSIBILITY_RESPONSE_DAYS', 'TILLIT_ACCESSIBILITY_ASSESSED_DATE']) {
      expect(problems).toContain(name);
    }
  });
});
