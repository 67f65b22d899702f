import { createTranslator } from 'next-intl';
import { describe, expect, it } from 'vitest';
import type { XmRView } from '@/lib/data/flow';
import { computeXmR } from '@/lib/flow';
import enFlow from '@/lib/i18n/messages/en/flow.json';
import type { FlowFormat } from './flow-format';
import { describeSignals } from './xmr-section';

const t = createTranslator({ locale: 'en', messages: enFlow, namespace: 'flow' as never });
const fmt = {
  t: ((key: string, values?: Record<string, unknown>) => t(key as never, values as never)) as unknown as FlowFormat['t'],
  date: (date: string) => date,
  shortDate: (date: string) => date,
  week: (label: string) => `Week ${Number(label.slice(6))}`,
  weekShort: (label: string) => `W${Number(label.slice(6))}`,
  percent: (share: number) => `${Math.round(share * 100)} %`,
  number: (value: number) => String(Math.round(value * 10) / 10),
} satisfies FlowFormat;

function buildWeeklyView(values: number[]): XmRView {
  const labels = values.map((_, index) => `2026-W${String(index + 10).padStart(2, '0')}`);
  return { ...computeXmR(values, labels), pointTitles: labels, pointDates: labels.map(() => '2026-03-02') };
}

describe('describeSignals', () => {
  it('says in plain words which week was unusual, and that it is worth asking what happened', () => {
    const sentences = describeSignals(buildWeeklyView([5, 6, 5, 4, 6, 5, 5, 6, 25, 5, 4, 6]), 'week', fmt);
    expect(sentences).toContain('Week 18 is above the natural process limit: something unusual happened that week. Worth asking what.');
    expect(sentences).toContain('The change from Week 17 to Week 18 is larger than the routine week-to-week variation: something shifted suddenly.');
  });

  it('describes a long run once, as a change in the system', () => {
    const sentences = describeSignals(buildWeeklyView([2, 3, 2, 3, 2, 3, 2, 3, 6, 7, 6, 7, 6, 7, 6, 7]), 'week', fmt);
    expect(sentences.filter((sentence) => sentence.includes('in a row'))).toEqual([
      'Week 10 to Week 17: 8 weeks in a row below the average. Such a long run suggests the system itself has changed.',
      'Week 18 to Week 25: 8 weeks in a row above the average. Such a long run suggests the system itself has changed.',
    ]);
  });

  it('finds nothing to say about routine variation', () => {
    expect(describeSignals(buildWeeklyView([5, 6, 4, 5, 6, 5, 4, 6]), 'week', fmt)).toEqual([]);
  });
});
