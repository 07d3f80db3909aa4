// The README's quick start: a coffee club that gives 10 points per euro and
// doubles them at weekends (in Warsaw time). Run: npm run build && node examples/02-quick-start/index.mjs
import { defineProgram, newMemberState, evaluate, summarize, ledgerEntries } from 'loyalty-engine';

const program = defineProgram({
  id: 'coffee-club', version: 1, currency: 'EUR', timezone: 'Europe/Warsaw',
  points: { rounding: 'floor', expiry: { kind: 'days-after-earning', days: 365 }, negativeBalance: 'debt', multipliers: 'multiply' },
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 10, per: '1.00' } },
    { id: 'weekend', kind: 'multiplier', factor: 2,
      condition: { all: [{ fact: 'time', path: '$.weekday', operator: 'in', value: [6, 7] }] } },
  ],
});

let state = newMemberState(program, 'anna');
const result = evaluate(program, state, { id: 'evt-1', type: 'purchase', memberId: 'anna',
  at: '2024-06-08T09:30:00+02:00', orderId: 'A-1001', amount: '12.40', currency: 'EUR' });
state = result.state;
console.log(ledgerEntries(result.effects).map((e) => `${e.kind} ${e.points} (${e.ruleId})`).join('\n'));
console.log('available:', summarize(program, state, '2024-06-08T10:00:00+02:00').available); // 248: Saturday, 12.40 × 10 × 2
