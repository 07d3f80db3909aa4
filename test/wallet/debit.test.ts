// Spending the wallet (`wallet_debit`) and wallet-credit rewards (docs/cashback.md, "Spending the
// wallet"; docs/rewards.md). Expected amounts are worked out by hand in the comments.
//
// Programs come from test/helpers.ts makeProgram (id 'test', Europe/London, 1 point per 1.00, floor,
// no pending, no expiry). All dates are in January 2024 (GMT = UTC).
import { describe, expect, it } from 'vitest';
import {
  LoyaltyError,
  balanceOf,
  evaluate,
  isLoyaltyError,
  ledgerEntries,
  newMemberState,
  safeEvaluate,
  type Effect,
  type MemberState,
  type Program,
  type WalletEntry,
} from '../../src/index.js';
import { makeProgram, purchase } from '../helpers.js';

const walletOf = (effects: readonly Effect[]): WalletEntry[] => effects.flatMap((e) => (e.type === 'wallet' ? [e.entry] : []));

/** EUR, 10% cashback, floor, at least €5.00 per debit. */
const eur = makeProgram({
  currency: 'EUR',
  wallet: { rounding: 'floor', minRedeem: '5.00' },
  earn: [{ id: 'back', kind: 'cashback', percent: '10' }],
});

function debit(id: string, at: string, amount: string, extra: { orderId?: string; reason?: string; memberId?: string } = {}): Record<string, unknown> {
  return {
    id,
    type: 'wallet_debit',
    memberId: extra.memberId ?? 'm1',
    at,
    amount,
    ...(extra.orderId === undefined ? {} : { orderId: extra.orderId }),
    ...(extra.reason === undefined ? {} : { reason: extra.reason }),
  };
}

/** A member of `eur` holding €12.00: 10% of a €120.00 purchase. */
function withTwelve(): MemberState {
  const state = newMemberState(eur, 'm1');
  const r = evaluate(eur, state, purchase('2024-01-10T12:00:00Z', '120.00', { currency: 'EUR', orderId: 'o-1', id: 'p1' }));
  expect(r.state.wallet?.balance).toBe('12.00');
  return r.state;
}

/** Refuses `event` with `code`; the state passed in is not changed, and nothing else is either. */
function refused(program: Program, state: MemberState, event: Record<string, unknown>, code: string): LoyaltyError {
  const before = structuredClone(state);
  const r = safeEvaluate(program, state, event);
  if (r.success) throw new Error(`expected ${code}, the debit was applied`);
  expect(r.error).toBeInstanceOf(LoyaltyError);
  expect(isLoyaltyError(r.error)).toBe(true);
  expect(r.error.code).toBe(code);
  expect(state).toEqual(before);
  expect(() => evaluate(program, state, event)).toThrow(LoyaltyError);
  return r.error;
}

describe('wallet_debit', () => {
  it('records a debit entry and lowers the balance: 12.00 − 5.00 = 7.00', () => {
    const state = withTwelve();
    const r = evaluate(eur, state, debit('d1', '2024-01-11T12:00:00Z', '5.00', { orderId: 'o-2', reason: 'checkout' }));
    expect(r.effects.map((e) => e.type)).toEqual(['wallet']);
    expect(ledgerEntries(r.effects)).toEqual([]);
    expect(walletOf(r.effects)).toEqual([
      expect.objectContaining({
        id: 'd1:0', eventId: 'd1', memberId: 'm1', programId: 'test', at: '2024-01-11T12:00:00.000Z',
        kind: 'debit', amount: '-5.00', currency: 'EUR', ruleId: 'wallet', orderId: 'o-2', balance: '7.00',
      }),
    ]);
    expect(r.state.wallet?.balance).toBe('7.00');
    expect(r.state.wallet?.totals.debited).toBe('5.00');
    expect(r.state.wallet?.totals.cashback).toBe('12.00');
    // points are not touched (the program earns none)
    expect(balanceOf(r.state)).toBe(0);
  });

  it('a debit written without cents is recorded with them: "5" → "-5.00"', () => {
    const r = evaluate(eur, withTwelve(), debit('d1', '2024-01-11T12:00:00Z', '5'));
    expect(walletOf(r.effects).map((e) => [e.amount, e.balance])).toEqual([['-5.00', '7.00']]);
  });

  it('exactly minRedeem and exactly the balance are allowed: 12.00 − 5.00 − 7.00 = 0.00', () => {
    let state = withTwelve();
    state = evaluate(eur, state, debit('d1', '2024-01-11T12:00:00Z', '5.00')).state;
    const r = evaluate(eur, state, debit('d2', '2024-01-12T12:00:00Z', '7.00'));
    expect(walletOf(r.effects).map((e) => [e.kind, e.amount, e.balance])).toEqual([['debit', '-7.00', '0.00']]);
    expect(r.state.wallet?.totals.debited).toBe('12.00');
  });

  it('without minRedeem any amount of cents can be spent: 0.01', () => {
    const program = makeProgram({ currency: 'EUR', wallet: { rounding: 'floor' }, earn: [{ id: 'back', kind: 'cashback', percent: '10' }] });
    let state = newMemberState(program, 'm1');
    state = evaluate(program, state, purchase('2024-01-10T12:00:00Z', '1.00', { currency: 'EUR' })).state; // 0.10
    const r = evaluate(program, state, debit('d1', '2024-01-11T12:00:00Z', '0.01'));
    expect(walletOf(r.effects).map((e) => [e.amount, e.balance])).toEqual([['-0.01', '0.09']]);
  });

  it("refuses 'no_wallet' when the program has no wallet", () => {
    const program = makeProgram({ currency: 'EUR' });
    const state = evaluate(program, newMemberState(program, 'm1'), purchase('2024-01-10T12:00:00Z', '120.00', { currency: 'EUR' })).state;
    refused(program, state, debit('d1', '2024-01-11T12:00:00Z', '5.00'), 'no_wallet');
  });

  it("refuses 'too_precise' when the amount has more decimals than the currency (EUR \"1.005\")", () => {
    const error = refused(eur, withTwelve(), debit('d1', '2024-01-11T12:00:00Z', '1.005'), 'too_precise');
    expect(error.details).toEqual({ amount: '1.005', currency: 'EUR', decimals: 2 });
  });

  it("refuses 'too_precise' for JPY \"100.5\" (no decimals)", () => {
    const program = makeProgram({ currency: 'JPY', wallet: { rounding: 'floor' }, earn: [{ id: 'back', kind: 'cashback', percent: '10' }] });
    const state = evaluate(program, newMemberState(program, 'm1'), purchase('2024-01-10T12:00:00Z', '5000', { currency: 'JPY' })).state; // ¥500
    expect(state.wallet?.balance).toBe('500');
    const error = refused(program, state, debit('d1', '2024-01-11T12:00:00Z', '100.5'), 'too_precise');
    expect(error.details).toMatchObject({ currency: 'JPY', decimals: 0 });
    // a whole amount is fine: 500 − 100 = 400
    expect(walletOf(evaluate(program, state, debit('d2', '2024-01-11T12:00:00Z', '100')).effects).map((e) => [e.amount, e.balance])).toEqual([['-100', '400']]);
  });

  it("refuses 'below_minimum' under wallet.minRedeem (4.99 < 5.00)", () => {
    const error = refused(eur, withTwelve(), debit('d1', '2024-01-11T12:00:00Z', '4.99'), 'below_minimum');
    expect(error.details['amount']).toBe('4.99');
    expect(Number(error.details['minRedeem'])).toBe(5);
  });

  it("refuses 'insufficient_funds' above the balance (12.01 > 12.00)", () => {
    const error = refused(eur, withTwelve(), debit('d1', '2024-01-11T12:00:00Z', '12.01'), 'insufficient_funds');
    expect(error.details).toEqual({ amount: '12.01', balance: '12.00' });
  });

  it("refuses 'insufficient_funds' on an empty wallet, and on a balance below zero", () => {
    const fresh = newMemberState(eur, 'm1');
    refused(eur, fresh, debit('d1', '2024-01-11T12:00:00Z', '5.00'), 'insufficient_funds');
    // 12.00 spent, then the order refunded in full → −12.00
    let state = withTwelve();
    state = evaluate(eur, state, debit('d1', '2024-01-11T12:00:00Z', '12.00')).state;
    state = evaluate(eur, state, { id: 'r1', type: 'refund', memberId: 'm1', at: '2024-01-12T12:00:00Z', orderId: 'o-1', amount: '120.00' }).state;
    expect(state.wallet?.balance).toBe('-12.00');
    refused(eur, state, debit('d2', '2024-01-13T12:00:00Z', '5.00'), 'insufficient_funds');
  });

  it('a refused debit leaves the state as it was: the next debit sees the whole balance', () => {
    const state = withTwelve();
    refused(eur, state, debit('d1', '2024-01-11T12:00:00Z', '12.01'), 'insufficient_funds');
    refused(eur, state, debit('d2', '2024-01-11T12:00:00Z', '4.99'), 'below_minimum');
    refused(eur, state, debit('d3', '2024-01-11T12:00:00Z', '6.001'), 'too_precise');
    const r = evaluate(eur, state, debit('d4', '2024-01-11T12:00:00Z', '12.00'));
    expect(r.state.version).toBe(state.version + 1);
    expect(walletOf(r.effects).map((e) => [e.amount, e.balance])).toEqual([['-12.00', '0.00']]);
  });
});

describe('wallet-credit rewards', () => {
  const program = makeProgram({
    wallet: { rounding: 'floor' },
    rewards: { codeSalt: 'x'.repeat(16), catalog: [{ id: 'w5', kind: 'wallet-credit', cost: 500, value: '5.00' }] },
  });
  const redeem = (id: string, at: string, quantity = 1): Record<string, unknown> => ({ id, type: 'redemption', memberId: 'm1', at, rewardId: 'w5', quantity });
  const reverse = (id: string, at: string, redemptionId: string): Record<string, unknown> => ({ id, type: 'redemption_reversal', memberId: 'm1', at, redemptionId });
  /** A member with `pounds` points (1 point per £1). */
  const withPoints = (pounds: string): MemberState => evaluate(program, newMemberState(program, 'm1'), purchase('2024-01-10T12:00:00Z', pounds, { orderId: 'o-1' })).state;

  it('credits the wallet (kind "credit", ruleId "rewards.w5") for 500 points', () => {
    const r = evaluate(program, withPoints('500.00'), redeem('rd1', '2024-01-11T12:00:00Z'));
    expect(r.effects.some((e) => e.type === 'reward_redeemed')).toBe(true);
    expect(walletOf(r.effects)).toEqual([
      expect.objectContaining({ kind: 'credit', amount: '5.00', currency: 'GBP', ruleId: 'rewards.w5', balance: '5.00', eventId: 'rd1' }),
    ]);
    expect(balanceOf(r.state)).toBe(0); // 500 − 500
    expect(r.state.wallet?.balance).toBe('5.00');
    expect(r.state.wallet?.totals.credited).toBe('5.00');
  });

  it('credits value × quantity: 2 units for 1,000 points → 10.00', () => {
    const r = evaluate(program, withPoints('1000.00'), redeem('rd1', '2024-01-11T12:00:00Z', 2));
    expect(walletOf(r.effects).map((e) => [e.kind, e.amount, e.balance])).toEqual([['credit', '10.00', '10.00']]);
  });

  it('its redemption_reversal takes the money back out and returns the points', () => {
    let state = evaluate(program, withPoints('500.00'), redeem('rd1', '2024-01-11T12:00:00Z')).state;
    const r = evaluate(program, state, reverse('rv1', '2024-01-12T12:00:00Z', 'rd1'));
    expect(walletOf(r.effects)).toEqual([expect.objectContaining({ amount: '-5.00', currency: 'GBP', ruleId: 'rewards.w5', balance: '0.00', eventId: 'rv1' })]);
    state = r.state;
    expect(balanceOf(state)).toBe(500);
    expect(state.wallet?.balance).toBe('0.00');
    // credited counts wallet-credit rewards less their reversals: 5.00 − 5.00
    expect(Number(state.wallet?.totals.credited)).toBe(0);
  });

  it('a reversal after the credit was spent takes the wallet below zero: 5.00 − 5.00 − 5.00 = −5.00', () => {
    let state = evaluate(program, withPoints('500.00'), redeem('rd1', '2024-01-11T12:00:00Z')).state;
    state = evaluate(program, state, debit('d1', '2024-01-12T12:00:00Z', '5.00')).state;
    expect(state.wallet?.balance).toBe('0.00');
    const r = evaluate(program, state, reverse('rv1', '2024-01-13T12:00:00Z', 'rd1'));
    expect(walletOf(r.effects).map((e) => [e.amount, e.balance])).toEqual([['-5.00', '-5.00']]);
  });

  it('a refused redemption (not enough points) credits nothing', () => {
    const r = evaluate(program, withPoints('499.00'), redeem('rd1', '2024-01-11T12:00:00Z'));
    expect(r.effects.some((e) => e.type === 'redemption_refused')).toBe(true);
    expect(walletOf(r.effects)).toEqual([]);
    expect(Number(r.state.wallet?.balance)).toBe(0);
  });
});
