import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// `npm test` builds first (pretest), so this checks what users install, not src/.
const root = fileURLToPath(new URL('../../', import.meta.url));
const esmPath = `${root}dist/index.js`;
const cjsPath = `${root}dist/index.cjs`;
const built = existsSync(esmPath) && existsSync(cjsPath);

type Api = typeof import('../../src/index.js');

const definition = {
  id: 'built',
  version: 1,
  currency: 'EUR',
  timezone: 'Europe/Warsaw',
  points: { rounding: 'floor', pendingDays: 0, expiry: { kind: 'end-of-period', period: 'year' }, negativeBalance: 'debt' },
  earn: [
    { id: 'base', kind: 'spend', rate: { points: 1, per: '1.00' } },
    { id: 'big', kind: 'bonus', points: 25, minAmount: '100' },
  ],
};
const events = [
  { id: 'e1', type: 'purchase', memberId: 'm1', at: '2024-05-01T12:00:00+02:00', orderId: 'o1', amount: '120.40', currency: 'EUR' },
  { id: 'e2', type: 'refund', memberId: 'm1', at: '2024-05-02T12:00:00+02:00', orderId: 'o1', amount: '40.40' },
];

function exercise(api: Api): unknown {
  const program = api.defineProgram(definition);
  const { states, effects } = api.replay(program, events);
  const state = states.get('m1');
  if (state === undefined) throw new Error('no state');
  return { balance: api.balanceOf(state), entries: api.ledgerEntries(effects).map((e) => [e.kind, e.ruleId, e.points]) };
}

// tiers, a reward with a code (HMAC from @noble/hashes, CJS and ESM) and cashback, through the built files
const full = {
  ...definition,
  wallet: { rounding: 'floor' },
  earn: [...definition.earn, { id: 'back', kind: 'cashback', percent: '5' }],
  tiers: { window: { kind: 'rolling', months: 6 }, levels: [{ id: 'gold', criteria: { metric: 'spend', atLeast: '100' } }], downgrade: { kind: 'grace', days: 30 } },
  rewards: { codeSalt: 'built-package-salt', catalog: [{ id: 'mug', kind: 'free-product', sku: 'MUG', cost: 100 }] },
};
function exerciseFull(api: Api): unknown {
  const program = api.defineProgram(full);
  const { effects, states } = api.replay(program, [events[0], { id: 'e3', type: 'redemption', memberId: 'm1', at: '2024-05-03T12:00:00+02:00', rewardId: 'mug' }]);
  const state = states.get('m1');
  if (state === undefined) throw new Error('no state');
  return {
    level: api.tierStatus(program, state, '2024-05-03T12:00:00+02:00').level,
    codes: effects.flatMap((e) => (e.type === 'reward_redeemed' ? e.codes : [])),
    wallet: state.wallet?.balance,
    balance: api.balanceOf(state),
  };
}

describe('the built package', () => {
  it('runs tiers, rewards and cashback alike through ESM and CJS', async () => {
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    const a = exerciseFull(esm);
    // 120.40 spent ≥ 100: gold; 120 + 25 points − 100 for the mug = 45; 5% of 120.40 = 6.02 in the wallet
    expect(a).toMatchObject({ level: 'gold', wallet: '6.02', balance: 45 });
    expect(exerciseFull(cjs)).toEqual(a);
  });

  it('works through import (ESM) and require (CJS) alike', async () => {
    expect(built, `dist/ not found at ${esmPath}: run npm run build (npm test does it first)`).toBe(true);
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    // 120.40 → 120 + 25 bonus; refunding 40.40 leaves 80.00: 120 × 40.40/120.40 = 40.26 → 40 back, and the bonus goes
    const expected = { balance: 80, entries: [['earn', 'base', 120], ['earn', 'big', 25], ['clawback', 'base', -40], ['clawback', 'big', -25]] };
    expect(exercise(esm)).toEqual(expected);
    expect(exercise(cjs)).toEqual(expected);
  });

  it('serves loyalty-engine/postgres and loyalty-engine/store-contract from dist (ESM and CJS), on PGlite', async () => {
    const { PGlite } = await import('@electric-sql/pglite');
    type Pg = typeof import('../../src/postgres/index.js');
    const esmPg = (await import(`${root}dist/postgres.js`)) as Pg;
    const cjsPg = createRequire(import.meta.url)(`${root}dist/postgres.cjs`) as Pg;
    const contract = createRequire(import.meta.url)(`${root}dist/store-contract.cjs`) as typeof import('../../src/edge/contract/index.js');
    expect(typeof contract.storeContract).toBe('function');
    for (const pg of [esmPg, cjsPg]) {
      const db = new PGlite();
      await pg.migrate(db, { schema: 'built' });
      const store = new pg.PostgresStore(db, { schema: 'built' });
      const esm = (await import(esmPath)) as Api;
      const engine = esm.createEngine({ program: esm.defineProgram(definition), store });
      expect(await engine.process(events[0])).toMatchObject({ status: 'applied' });
      expect(await engine.process(events[0])).toMatchObject({ status: 'duplicate' });
      expect((await store.load('m1'))?.totals.earned).toBe(145);
      await db.close();
    }
  });

  it('recognises errors across the two copies (Symbol.for marker, not instanceof)', async () => {
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    const result = cjs.safeDefineProgram({ id: 'x' });
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(esm.isLoyaltyError(result.error)).toBe(true);
      expect(result.error.code).toBe('invalid_program');
    }
  });

  it('runs engagement alike through ESM and CJS: a referral code on enrolment, an activity, a stamp card purchase', async () => {
    const esm = (await import(esmPath)) as Api;
    const cjs = createRequire(import.meta.url)(cjsPath) as Api;
    const engagement = {
      ...definition,
      earn: [definition.earn[0], { id: 'review', kind: 'activity', activity: 'review_posted', points: 10, frequency: { per: 'day' } }],
      refunds: { windowDays: 14 },
      rewards: { codeSalt: 'built-package-salt', catalog: [{ id: 'mug', kind: 'free-product', sku: 'MUG', cost: 100, listed: false }] },
      stampCards: [{ id: 'visit', stamps: 1, minAmount: '10.00', reward: { reward: 'mug' } }],
      referrals: { codeSalt: 'built-package-referral-salt', onSignUp: { points: 20 }, onFirstPurchase: { points: 50 }, referee: { points: 5 } },
    };
    function run(api: Api) {
      const program = api.defineProgram(engagement);
      const code = api.referralCode(program, 'r1');
      const states = new Map<string, ReturnType<Api['newMemberState']>>();
      const effects: unknown[] = [];
      const queue: import('../../src/index.js').EventInput[] = [
        { id: 'e-r1', type: 'enrollment', memberId: 'r1', at: '2024-05-01T10:00:00+02:00' },
        { id: 'e-m1', type: 'enrollment', memberId: 'm1', at: '2024-05-02T10:00:00+02:00', referralCode: code.toLowerCase(), referrerId: 'r1' },
        { id: 'a-m1', type: 'activity', memberId: 'm1', at: '2024-05-02T11:00:00+02:00', name: 'review_posted' },
        { id: 'p-m1', type: 'purchase', memberId: 'm1', at: '2024-05-03T12:00:00+02:00', orderId: 'o1', amount: '30.00', currency: 'EUR' },
      ];
      // route each outgoing referral event to the referrer right after the step that emitted it
      while (queue.length > 0) {
        const event = queue.shift()!;
        const step = api.evaluate(program, states.get(event.memberId) ?? api.newMemberState(program, event.memberId), event);
        states.set(event.memberId, step.state);
        effects.push(...step.effects);
        for (const e of step.effects) if (e.type === 'outgoing_event') queue.unshift(e.event);
      }
      const at = '2024-05-03T13:00:00+02:00';
      const view = (id: string) => {
        const state = states.get(id)!;
        const { balance, available, pending } = api.summarize(program, state, at);
        return { balance, available, pending, engagement: api.engagementStatus(program, state, at) };
      };
      return { code, effects, r1: view('r1'), m1: view('m1') };
    }
    const a = run(esm);
    expect(a.code).toMatch(/^[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}$/);
    // m1: 5 (referee) + 10 (review) + 30 (1 per €1) = 45; the one-stamp card fills on the €30 order (≥ €10) and issues the mug with a code
    expect(a.m1).toMatchObject({
      balance: 45,
      engagement: {
        stampCards: [{ id: 'visit', stamps: 0, needed: 1, filled: 1 }],
        activities: [{ ruleId: 'review', activity: 'review_posted', left: 1 }],
        referredBy: { referrerId: 'r1', qualified: true },
      },
    });
    expect(a.effects).toContainEqual(
      expect.objectContaining({ type: 'reward_issued', rewardId: 'mug', source: 'stamp_card', code: expect.stringMatching(/^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){2}$/) }),
    );
    // r1: 20 on sign-up, 50 on m1's first purchase, pending through the 14-day window
    expect(a.r1).toMatchObject({ balance: 70, available: 20, pending: 50, engagement: { referralCode: a.code, referrals: { signedUp: 1, qualified: 1 } } });
    expect(run(cjs)).toEqual(a);
  });
});
