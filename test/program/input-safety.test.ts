import { describe, expect, it } from 'vitest';
import { defineProgram, evaluate, newMemberState, safeParseEvent } from '../../src/index.js';

describe('inputs the library must survive', () => {
  it('defineProgram neither freezes nor keeps reading the caller’s condition objects', () => {
    const condition = { all: [{ fact: 'event', path: '$.channel', operator: 'in', value: ['app'] }] };
    const input = {
      id: 'p', version: 1, currency: 'GBP', timezone: 'UTC',
      points: { rounding: 'floor', expiry: { kind: 'never' }, negativeBalance: 'allow' },
      earn: [{ id: 'app', kind: 'bonus', points: 10, condition }],
    };
    const program = defineProgram(input);
    expect(Object.isFrozen(condition)).toBe(false);
    // changing the input afterwards changes nothing in the program
    condition.all[0]!.value.push('web');
    const web = { id: 'e', type: 'purchase', memberId: 'm', at: '2024-01-01T10:00:00Z', orderId: 'o', amount: '5', currency: 'GBP', channel: 'web' };
    expect(evaluate(program, newMemberState(program, 'm'), web).state.totals.earned).toBe(0);
  });

  it('refuses instants outside the years 1900–9000 (calendar arithmetic stays in four-digit years)', () => {
    for (const at of ['0999-12-31T12:00:00Z', '9999-07-01T00:00:00Z', '1899-12-31T23:59:59Z']) {
      const r = safeParseEvent({ id: 'e', type: 'tick', memberId: 'm', at });
      expect(r.success === false && r.error.issues.map((i) => [i.code, i.path])).toEqual([['out_of_range', ['at']]]);
    }
    expect(safeParseEvent({ id: 'e', type: 'tick', memberId: 'm', at: '1900-01-01T00:00:00Z' }).success).toBe(true);
  });
});
