import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeLuhnCheckDigit,
  containsPersonalIdentityNumber,
  findPersonalIdentityNumbers,
} from './personnummer';

// Independent Luhn implementation (right-to-left, the textbook form) so the test does not trust the code under test.
function luhnDigitFor(nineDigits: string): string {
  let sum = 0;
  const reversed = [...nineDigits].reverse();
  reversed.forEach((char, i) => {
    let value = Number(char) * (i % 2 === 0 ? 2 : 1);
    if (value > 9) value -= 9;
    sum += value;
  });
  return String((10 - (sum % 10)) % 10);
}

/** A valid 10-digit number (no separator) for a YYMMDD and 3-digit serial. */
function makeTenDigits(yymmdd: string, serial: string): string {
  return yymmdd + serial + luhnDigitFor(yymmdd + serial);
}

/** The same number with its check digit off by one. */
function withWrongCheckDigit(tenDigits: string): string {
  const last = Number(tenDigits.slice(-1));
  return tenDigits.slice(0, -1) + String((last + 1) % 10);
}

const VALID = makeTenDigits('850709', '980'); // 850709-980X
const VALID_SAMORDNING = makeTenDigits('850769', '123'); // day 09 + 60

describe('computeLuhnCheckDigit', () => {
  it('matches the Skatteverket test number 121212-1212', () => {
    expect(computeLuhnCheckDigit('121212121')).toBe(2);
  });

  it('agrees with the textbook implementation', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (digits) => {
        expect(String(computeLuhnCheckDigit(digits))).toBe(luhnDigitFor(digits));
      }),
    );
  });
});

describe('findPersonalIdentityNumbers: valid numbers', () => {
  const ten = VALID;
  const yymmdd = ten.slice(0, 6);
  const last4 = ten.slice(6);

  it.each([
    ['YYMMDD-NNNN', `${yymmdd}-${last4}`],
    ['YYMMDD+NNNN', `${yymmdd}+${last4}`],
    ['YYMMDDNNNN', `${yymmdd}${last4}`],
    ['YYYYMMDD-NNNN', `19${yymmdd}-${last4}`],
    ['YYYYMMDDNNNN', `19${yymmdd}${last4}`],
  ])('detects the %s form', (_form, number) => {
    const text = `Kontakta ${number} om ärendet.`;
    expect(findPersonalIdentityNumbers(text)).toEqual([
      { match: number, index: text.indexOf(number), kind: 'personnummer' },
    ]);
    expect(containsPersonalIdentityNumber(text)).toBe(true);
  });

  it('detects the Skatteverket test person Tolvan (19121212-1212)', () => {
    expect(containsPersonalIdentityNumber('19121212-1212')).toBe(true);
    expect(containsPersonalIdentityNumber('121212-1212')).toBe(true);
  });

  it('classifies a samordningsnummer (day + 60)', () => {
    const number = `${VALID_SAMORDNING.slice(0, 6)}-${VALID_SAMORDNING.slice(6)}`;
    expect(findPersonalIdentityNumbers(number)).toEqual([{ match: number, index: 0, kind: 'samordningsnummer' }]);
  });

  it('finds several numbers in order, next to punctuation and letters', () => {
    const second = makeTenDigits('010101', '001');
    const text = `pnr:${VALID}, (20${second.slice(0, 6)}-${second.slice(6)}).`;
    const found = findPersonalIdentityNumbers(text);
    expect(found.map((f) => f.match)).toEqual([VALID, `20${second.slice(0, 6)}-${second.slice(6)}`]);
    expect(found.map((f) => f.index)).toEqual([4, text.indexOf('20' + second.slice(0, 6))]);
  });

  it('accepts Feb 29 in a leap year', () => {
    expect(containsPersonalIdentityNumber(`20${makeTenDigits('000229', '123')}`)).toBe(true); // 2000 is leap
    expect(containsPersonalIdentityNumber(makeTenDigits('840229', '123'))).toBe(true);
  });

  it('property: every valid date and serial is found in every form, with the right kind', () => {
    const dateArb = fc
      .date({ min: new Date('1850-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
      .map((d) => ({
        year: d.getUTCFullYear(),
        month: d.getUTCMonth() + 1,
        day: d.getUTCDate(),
      }));
    fc.assert(
      fc.property(
        dateArb,
        fc.integer({ min: 0, max: 999 }),
        fc.boolean(),
        fc.constantFrom('short-dash', 'short-plus', 'short', 'long-dash', 'long'),
        fc.stringMatching(/^[a-zåäö :,.()]{0,8}$/),
        ({ year, month, day }, serialNumber, isSamordning, form, prefix) => {
          const pad = (n: number) => String(n).padStart(2, '0');
          const yymmdd = pad(year % 100) + pad(month) + pad(isSamordning ? day + 60 : day);
          const ten = makeTenDigits(yymmdd, String(serialNumber).padStart(3, '0'));
          const century = String(Math.floor(year / 100));
          const number = {
            'short-dash': `${ten.slice(0, 6)}-${ten.slice(6)}`,
            'short-plus': `${ten.slice(0, 6)}+${ten.slice(6)}`,
            short: ten,
            'long-dash': `${century}${ten.slice(0, 6)}-${ten.slice(6)}`,
            long: `${century}${ten}`,
          }[form];
          const text = `${prefix}${number} slut`;
          expect(findPersonalIdentityNumbers(text)).toEqual([
            { match: number, index: prefix.length, kind: isSamordning ? 'samordningsnummer' : 'personnummer' },
          ]);
          expect(containsPersonalIdentityNumber(withWrongCheckDigit(text.replace(' slut', '')))).toBe(false);
        },
      ),
    );
  });
});

describe('findPersonalIdentityNumbers: must not fire', () => {
  it('ignores an invalid check digit', () => {
    expect(findPersonalIdentityNumbers(withWrongCheckDigit(VALID))).toEqual([]);
    expect(containsPersonalIdentityNumber('121212-1213')).toBe(false);
    expect(containsPersonalIdentityNumber('19121212-1219')).toBe(false);
  });

  it.each([
    ['ISO date', 'Leverans 2026-11-26.'],
    ['compact date', 'Version 20261126'],
    ['short date', 'Möte 26-11-26'],
    ['date-time', '2026-11-26T10:15:00Z'],
    ['mobile with spaces', 'Ring 070-123 45 67'],
    ['landline', 'Växel 08-123 456 78'],
    ['international mobile', 'Ring +46701234567'],
    ['mobile with dash', 'Ring 070-1234567'],
    ['spaced international', '+46 70 123 45 67'],
    ['organisation number', 'Org.nr 212000-0142'],
  ])('ignores a %s', (_label, text) => {
    expect(findPersonalIdentityNumbers(text)).toEqual([]);
  });

  it('ignores numbers embedded in longer digit runs', () => {
    expect(containsPersonalIdentityNumber(`1${VALID}`)).toBe(false);
    expect(containsPersonalIdentityNumber(`${VALID}7`)).toBe(false);
    expect(containsPersonalIdentityNumber(`OCR 4711${VALID}0815`)).toBe(false);
    expect(containsPersonalIdentityNumber(`3${VALID.slice(0, 6)}-${VALID.slice(6)}`)).toBe(false);
    expect(containsPersonalIdentityNumber(`${VALID.slice(0, 6)}-${VALID.slice(6)}1`)).toBe(false);
  });

  it('ignores a group inside hyphen-joined digits', () => {
    const dashed = `${VALID.slice(0, 6)}-${VALID.slice(6)}`;
    expect(containsPersonalIdentityNumber(`12-${dashed}`)).toBe(false);
    expect(containsPersonalIdentityNumber(`${dashed}-12`)).toBe(false);
    expect(containsPersonalIdentityNumber(`-${dashed}-`)).toBe(true); // a dash alone is punctuation
  });

  it('ignores implausible dates even with a valid check digit', () => {
    for (const yymmdd of ['851301', '850001', '850100', '850132', '850230', '850431', '850160', '850192']) {
      expect(containsPersonalIdentityNumber(makeTenDigits(yymmdd, '123'))).toBe(false);
    }
    expect(containsPersonalIdentityNumber(makeTenDigits('850229', '123'))).toBe(false); // 85 is never leap
    expect(containsPersonalIdentityNumber(`19${makeTenDigits('000229', '123')}`)).toBe(false); // 1900 is not leap
  });

  it('ignores implausible centuries and + in the 12-digit form', () => {
    expect(containsPersonalIdentityNumber(`35${VALID}`)).toBe(false);
    expect(containsPersonalIdentityNumber(`19${VALID.slice(0, 6)}+${VALID.slice(6)}`)).toBe(false);
  });

  it('returns nothing for empty or digit-free text', () => {
    expect(findPersonalIdentityNumbers('')).toEqual([]);
    expect(containsPersonalIdentityNumber('Inga personuppgifter här.')).toBe(false);
  });
});
