import { describe, expect, it } from 'vitest';
import { orderLanesForDisplay, pickDefaultLane, type OrderableLane } from './lanes';

const lane = (id: string, position: number, classOfService: OrderableLane['classOfService'] = 'STANDARD'): OrderableLane => ({ id, position, classOfService });

describe('orderLanesForDisplay', () => {
  it('draws expedite lanes first, then the others by position', () => {
    const lanes = [lane('a', 1024), lane('imp', 2048, 'INTANGIBLE'), lane('exp', 3072, 'EXPEDITE'), lane('b', 1500)];
    expect(orderLanesForDisplay(lanes).map((l) => l.id)).toEqual(['exp', 'a', 'b', 'imp']);
  });

  it('orders several expedite lanes by position too, and breaks ties by id; the input is untouched', () => {
    const lanes = [lane('x2', 10, 'EXPEDITE'), lane('x1', 5, 'EXPEDITE'), lane('s2', 1), lane('s1', 1)];
    expect(orderLanesForDisplay(lanes).map((l) => l.id)).toEqual(['x1', 'x2', 's1', 's2']);
    expect(lanes.map((l) => l.id)).toEqual(['x2', 'x1', 's2', 's1']);
  });
});

describe('pickDefaultLane', () => {
  it('is the first standard lane drawn', () => {
    expect(pickDefaultLane([lane('exp', 1, 'EXPEDITE'), lane('s2', 3), lane('s1', 2)])?.id).toBe('s1');
  });

  it('falls back to the first lane drawn when there is no standard lane, and to null without lanes', () => {
    expect(pickDefaultLane([lane('imp', 1, 'INTANGIBLE'), lane('exp', 2, 'EXPEDITE')])?.id).toBe('exp');
    expect(pickDefaultLane([])).toBeNull();
  });
});
