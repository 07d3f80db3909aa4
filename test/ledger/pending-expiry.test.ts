import { describe, expect, it } from 'vitest';
import { catalogFor, evaluate, summarize } from '../../src/index.js';
import { adjustment, byKind, makeProgram, purchase, run, sum, tick } from '../helpers.js';

describe('pending points', () => {
  const program = makeProgram({ timezone: 'Europe/Warsaw', points: { pendingDays: 14 } });

  it('are in the balance but not spendable until pendingDays have passed', () => {
    const { state, entries } = run(program, [purchase('2024-03-20T12:00:00+01:00', '50')]);
    expect(entries[0]).toMatchObject({ kind: 'earn', points: 50, availableAt: '2024-04-03T10:00:00.000Z' }); // 12:00 Warsaw, after the switch to CEST
    const before = summarize(program, state, '2024-04-03T11:59:59+02:00');
    expect(before).toMatchObject({ balance: 50, available: 0, pending: 50, pendingLots: [{ points: 50, availableAt: '2024-04-03T10:00:00.000Z' }] });
    const after = summarize(program, state, '2024-04-03T12:00:00+02:00');
    expect(after).toMatchObject({ balance: 50, available: 50, pending: 0 });
  });

  it('a read before the member\'s last event shows the state as of that event, as catalogFor does', () => {
    // no pending days here: a £7.00 purchase at 09:00 Warsaw earns 7 points available at once
    const p = makeProgram({ timezone: 'Europe/Warsaw' });
    const { state } = run(p, [purchase('2024-03-20T09:00:00+01:00', '7')]);
    // asked for 08:20 the same day: the state cannot show that moment, so both views answer for 09:00
    const early = '2024-03-20T08:20:00+01:00';
    expect(summarize(p, state, early)).toMatchObject({ at: '2024-03-20T08:00:00.000Z', balance: 7, available: 7, pending: 0 });
    expect(catalogFor(p, state, early).available).toBe(7);
  });

  it('spending takes available points before pending ones', () => {
    const { state } = run(program, [
      purchase('2024-01-01T12:00:00Z', '30'),
      purchase('2024-03-01T12:00:00Z', '40'),
      adjustment('2024-03-02T12:00:00Z', -35, 'redeemed at till'),
    ]);
    // 30 available are used first, then 5 of the 40 pending
    expect(state.lots.map((l) => l.points)).toEqual([35]);
    expect(summarize(program, state, '2024-03-02T12:00:00Z')).toMatchObject({ available: 0, pending: 35 });
  });
});

describe('expiry', () => {
  it('expires N days after earning, on the wall clock of the program (DST-safe)', () => {
    const program = makeProgram({ timezone: 'Europe/London', points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const { entries } = run(program, [purchase('2024-03-15T09:00:00Z', '20'), tick('2024-04-14T07:59:59Z'), tick('2024-04-14T08:00:00Z')]);
    // 09:00 GMT + 30 days = 09:00 BST = 08:00 UTC
    expect(entries[0]?.expiresAt).toBe('2024-04-14T08:00:00.000Z');
    const expired = byKind(entries, 'expire');
    expect(expired).toHaveLength(1);
    expect(expired[0]).toMatchObject({ points: -20, at: '2024-04-14T08:00:00.000Z', ruleId: 'points.expiry' });
  });

  it('expires at the end of the calendar month in a non-UTC zone', () => {
    const program = makeProgram({ timezone: 'America/New_York', points: { expiry: { kind: 'end-of-period', period: 'month' } } });
    // 23:30 on 31 January in New York is already 1 February in UTC
    const { entries, state } = run(program, [purchase('2024-01-31T23:30:00-05:00', '10'), purchase('2024-02-01T00:30:00-05:00', '7')]);
    expect(byKind(entries, 'earn').map((e) => e.expiresAt)).toEqual(['2024-02-01T05:00:00.000Z', '2024-03-01T05:00:00.000Z']);
    // the second purchase came after midnight New York time: the January points are gone
    expect(byKind(entries, 'expire').map((e) => e.points)).toEqual([-10]);
    expect(summarize(program, state, '2024-02-01T06:00:00Z').balance).toBe(7);
  });

  it('expires at the end of the next quarter or year when periodsAfter says so', () => {
    const q = makeProgram({ timezone: 'Asia/Bangkok', points: { expiry: { kind: 'end-of-period', period: 'quarter', periodsAfter: 1 } } });
    expect(run(q, [purchase('2024-02-10T10:00:00Z', '1')]).entries[0]?.expiresAt).toBe('2024-06-30T17:00:00.000Z');
    const y = makeProgram({ timezone: 'Asia/Bangkok', points: { expiry: { kind: 'end-of-period', period: 'year' } } });
    expect(run(y, [purchase('2024-12-31T16:59:00Z', '1')]).entries[0]?.expiresAt).toBe('2024-12-31T17:00:00.000Z');
  });

  it('expires every point after N days of inactivity, counted from the last purchase or adjustment', () => {
    const program = makeProgram({ points: { expiry: { kind: 'inactivity', days: 90 } } });
    const { entries, state } = run(program, [
      purchase('2024-01-01T10:00:00Z', '10'),
      purchase('2024-03-01T10:00:00Z', '20'), // keeps the first lot alive
      tick('2024-05-30T09:59:59Z'),
      tick('2024-05-30T10:00:00Z'), // 90 days after 1 March, 10:00 London (BST: 09:00 UTC)
    ]);
    const expired = byKind(entries, 'expire');
    expect(expired.map((e) => e.points)).toEqual([-10, -20]);
    expect(expired[0]?.at).toBe('2024-05-30T09:00:00.000Z');
    expect(state.lots).toEqual([]);
  });

  it('spends first-to-expire first', () => {
    const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 100 } } });
    const { state } = run(program, [
      purchase('2024-01-01T10:00:00Z', '10', { id: 'first' }),
      adjustment('2024-01-02T10:00:00Z', 50, 'apology'), // expires 11 April, after the purchase lot
      purchase('2024-01-03T10:00:00Z', '30', { id: 'third' }),
      adjustment('2024-01-04T10:00:00Z', -15, 'redeemed'),
    ]);
    expect(state.lots.map((l) => [l.points, l.expiresAt])).toEqual([
      [45, '2024-04-11T09:00:00.000Z'],
      [30, '2024-04-12T09:00:00.000Z'],
    ]);
  });

  it('lists points expiring within the horizon in the read view', () => {
    const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const { state } = run(program, [purchase('2024-01-01T10:00:00Z', '10'), purchase('2024-01-20T10:00:00Z', '5')]);
    const view = summarize(program, state, '2024-01-25T00:00:00Z', { horizonDays: 10 });
    expect(view.expiring).toEqual([{ points: 10, expiresAt: '2024-01-31T10:00:00.000Z' }]);
    expect(summarize(program, state, '2024-02-01T00:00:00Z')).toMatchObject({ balance: 5, available: 5 });
  });

  it('expires what is due from a stored state whose lots were written in another order', () => {
    // expiry reads only the front of the lots (they are kept first-to-expire first): a state assembled
    // elsewhere with its lots reversed must still expire the 10 points earned on 1 January, 30 days on
    const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 30 } } });
    const { state } = run(program, [purchase('2024-01-01T10:00:00Z', '10', { id: 'jan1' }), purchase('2024-01-20T10:00:00Z', '5', { id: 'jan20' })]);
    const stored = JSON.parse(JSON.stringify(state)) as typeof state;
    const reversed = { ...stored, lots: [...stored.lots].reverse() };
    expect(reversed.lots.map((l) => l.id)).toEqual(['jan20', 'jan1']);
    const { state: after, effects } = evaluate(program, reversed, tick('2024-02-01T00:00:00Z'));
    const expired = effects.flatMap((e) => (e.type === 'ledger' && e.entry.kind === 'expire' ? [e.entry] : []));
    expect(expired).toEqual([expect.objectContaining({ points: -10, at: '2024-01-31T10:00:00.000Z', detail: { lot: 'jan1', policy: 'days-after-earning' } })]);
    expect(after.lots.map((l) => [l.id, l.points])).toEqual([['jan20', 5]]);
    expect(reversed.lots.map((l) => l.id)).toEqual(['jan20', 'jan1']); // the caller's state is not changed
  });

  it('keeps balance equal to the sum of ledger entries through expiry', () => {
    const program = makeProgram({ points: { expiry: { kind: 'days-after-earning', days: 10 } } });
    const { entries, state } = run(program, [purchase('2024-01-01T10:00:00Z', '10'), purchase('2024-01-20T10:00:00Z', '5')]);
    expect(sum(entries)).toBe(5);
    expect(state.lots.reduce((s, l) => s + l.points, 0)).toBe(5);
  });
});
