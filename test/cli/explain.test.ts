import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { explainMember } from '../../src/cli/explain/member-ledger.js';
import { explanationText } from '../../src/cli/format/explain-text.js';
import { defineProgram } from '../../src/program/define.js';

const program = defineProgram(JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/cafe.program.json', import.meta.url)), 'utf8')));
const buy = (id: string, at: string, orderId: string, amount: string): Record<string, unknown> => ({ id, type: 'purchase', memberId: 'm1', at, orderId, amount, currency: 'GBP' });

describe('explainMember', () => {
  it('keeps each ledger entry with its event and the running balance; skips duplicates; lists refused events', async () => {
    const e1 = buy('e1', '2024-01-10T10:00:00Z', 'o1', '80.00');
    const events = [
      e1,
      e1, // redelivered: skipped
      // e2 refunds an order m1 never placed: refused; e1, e3 and e4 apply
      { id: 'e2', type: 'refund', memberId: 'm1', at: '2024-01-11T10:00:00Z', orderId: 'nope', amount: '5.00' },
      { id: 'e3', type: 'refund', memberId: 'm1', at: '2024-01-12T10:00:00Z', orderId: 'o1', amount: '20.00' },
      buy('e4', '2024-01-20T10:00:00Z', 'o2', '45.00'),
    ];
    const x = await explainMember(program, events, 'm1', (e) => (e === e1 ? 'h.ndjson:1' : undefined));
    // 80 points; a quarter of o1 refunded: 20 back → 60; 45 more → 105. Spend 80 − 20 + 45 = 105 ≥ 100: silver.
    expect(x.entries.map((e) => [e.entry.kind, e.entry.points, e.balance, e.entry.ruleId, e.event.id])).toEqual([
      ['earn', 80, 80, 'base', 'e1'],
      ['clawback', -20, 60, 'base', 'e3'],
      ['earn', 45, 105, 'base', 'e4'],
    ]);
    expect(x.entries[0]?.event).toEqual({ id: 'e1', type: 'purchase', at: '2024-01-10T10:00:00Z', orderId: 'o1', amount: '80.00', where: 'h.ndjson:1' });
    expect(x.tiers.map((t) => [t.from, t.to, t.reason, t.event.id])).toEqual([
      [null, 'member', 'qualified', 'e1'],
      ['member', 'silver', 'qualified', 'e4'],
    ]);
    expect(x).toMatchObject({ applied: 3, duplicates: 1, final: { balance: 105, level: 'silver' } });
    expect(x.refused.map((r) => [r.event.id, r.code])).toEqual([['e2', 'unknown_order']]);

    const text = explanationText(x, program);
    expect(text.split('\n')[1]).toBe('3 events applied, 1 duplicates skipped, 1 refused · 3 ledger entries · balance 105 · tier silver');
    expect(text).toMatch(/\n {2}2024-01-12 10:00 +clawback +-20 +60 +base +o1 +refund e3 +2024-01-12 10:00 +20\.00\n/);
    expect(text).toMatch(/\n {2}refund e2 +unknown_order +refund e2: member m1 has no order nope\n/);
  });
  it('explains a member with no events as an empty ledger', async () => {
    const x = await explainMember(program, [], 'ghost');
    expect(x).toMatchObject({ applied: 0, entries: [], tiers: [], final: { at: null, balance: 0, level: null } });
    expect(explanationText(x, program)).toContain('No ledger entries.');
  });
});
