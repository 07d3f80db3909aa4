import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { safeDefineProgram } from '../../src/index.js';

// The templates of seed articles 003 and 004 (examples/07-09): each program.json is a valid
// program, and each run.mjs, run against the built package (dist/), prints the story its
// README tells, with the numbers worked out by hand below.

const root = fileURLToPath(new URL('../../', import.meta.url));
const code = /[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}/.source;

function run(example: string): { lines: string[]; after: (start: string) => string[] } {
  const out = execFileSync(process.execPath, [`examples/${example}/run.mjs`], { cwd: root, encoding: 'utf8' });
  const lines = out.split('\n').map((l) => l.trim());
  const after = (start: string): string[] => {
    const i = lines.indexOf(start);
    expect(i, `line not printed: ${start}`).toBeGreaterThanOrEqual(0);
    return lines.slice(i + 1);
  };
  return { lines, after };
}

describe('template programs', () => {
  it.each(['07-beauty-points', '08-lifetime-membership', '09-spend-more-nudge'])('%s/program.json passes defineProgram with no problems', (example) => {
    const result = safeDefineProgram(JSON.parse(readFileSync(`${root}examples/${example}/program.json`, 'utf8')));
    expect(result.success ? [] : result.error.issues).toEqual([]);
  });
});

describe('template stories', () => {
  it('07-beauty-points: points per dollar, VIB and Rouge multipliers, and members choosing a discount, a donation or a class', () => {
    const { lines, after } = run('07-beauty-points');
    // 1 point per $1 as Insider (the base level everyone holds from the first event)
    expect(after('2024-02-10 11:00  ana: buys for $180.00 (a-1) +180 points').slice(0, 1)).toEqual(['tier_upgraded none → insider']);
    // $180 + $240 = $420 this year ≥ $350: VIB; the purchase that lifts her still earns 1 per $1 (240)
    expect(after('2024-03-15 17:30  ana: buys for $240.00 (a-2) +240 points').slice(0, 2)).toEqual(['tier_upgraded insider → vib', 'message tier_reached VIB']);
    // as VIB: 100 × 1.25 = 125; 180 + 240 + 125 = 545 crosses the two 500-point rewards (420 < 500 ≤ 545)
    expect(after('2024-04-02 12:00  ana: buys for $100.00 (a-3) +125 points').slice(0, 2)).toEqual([
      'message reward_unlocked cash-10 (500 points)',
      'message reward_unlocked donate-10 (500 points)',
    ]);
    // the catalog, cheapest first: 750 − 545 = 205 and 1250 − 545 = 705 missing; the class is for Rouge only
    expect(after("ana's catalog on 2024-04-02 (545 points):").slice(0, 6)).toEqual([
      'cash-10        500  can redeem',
      'donate-10      500  can redeem',
      'percent-15     750  205 more points',
      'gift-card-25  1250  705 more points',
      'beauty-class  1500  tier_not_allowed',
      'within reach: 205 more points for 15% off an order',
    ]);
    expect(after('2024-04-02 12:10  ana: redeems 1 × gift-card-25')[0]).toBe(
      'redemption_refused insufficient_points {"needed":1250,"available":545,"missing":705,"cost":1250,"quantity":1,"minBalanceAfter":0}',
    );
    // $10 off for 500 points, valid 90 days: 2 April + 90 days = 1 July (28 + 31 + 30 + 1)
    expect(after('2024-04-02 12:11  ana: redeems 1 × cash-10 -500 points')[0]).toMatch(new RegExp(`^reward_redeemed cash-10: \\$10\\.00 off, code ${code}, valid until 2024-07-01$`));
    expect(after('2024-04-02 12:12  ana: redeems 1 × beauty-class')[0]).toBe('redemption_refused tier_not_allowed {"level":"vib","allowed":["rouge"]}');
    // $1,100 ≥ $1,000 skips VIB to Rouge; it earns at the level held before it: 1100 × 1 = 1100
    expect(after('2024-04-05 10:00  ben: buys for $1100.00 (b-1) +1100 points')[0]).toBe('tier_upgraded none → rouge');
    // the seed's 1000 points = $20 donated: two units of 500 points = $10, one code each
    expect(after('2024-04-05 10:30  ben: redeems 2 × donate-10 -1000 points')[0]).toMatch(
      new RegExp(`^reward_redeemed donate-10: \\$20\\.00 donated to National Black Justice Coalition, code ${code} ${code}$`),
    );
    // as Rouge: 1000 × 1.5 = 1500; 100 + 1500 = 1600 ≥ 1500 for the class
    expect(lines).toContain('2024-05-01 15:00  ben: buys for $1000.00 (b-2) +1500 points');
    expect(after('2024-05-01 15:05  ben: redeems 1 × beauty-class -1500 points')[0]).toMatch(new RegExp(`^reward_redeemed beauty-class: experience, code ${code}$`));
    // Ana: 545 − 500 = 45; Ben: 1100 + 1500 = 2600 earned, 1000 + 1500 = 2500 redeemed, 100 left
    expect(lines.filter((l) => l !== '').slice(-2)).toEqual([
      'ana: 45 points, level VIB, redeemed 500 of 545 earned',
      'ben: 100 points, level Rouge, redeemed 2500 of 2600 earned',
    ]);
  });

  it('08-lifetime-membership: one fee for life, 10% back for members only, spent, clawed back below zero and made up', () => {
    const { lines, after } = run('08-lifetime-membership');
    // before joining nothing comes back
    expect(after('2024-03-02 10:00  buys for $60.00 (o-1) — not a member yet: nothing back')[0]).toBe('2024-03-02 10:05  pays the $20.00 co-op fee');
    expect(after('2024-03-02 10:05  pays the $20.00 co-op fee')[0]).toBe('perks: co_op_member; until forever');
    // 10% of $129.95 = $12.995, floored to the cent: $12.99
    expect(after('2024-03-09 11:00  buys for $129.95 (o-2)')[0]).toBe('wallet cashback 12.99 → balance 12.99');
    // 10% of $84.50 = $8.45; 12.99 + 8.45 = 21.44
    expect(after('2024-04-20 09:30  buys for $84.50 (o-3)')[0]).toBe('wallet cashback 8.45 → balance 21.44');
    // o-2 keeps $89.95, worth floor(8.995) = 8.99 back: 12.99 − 8.99 = 4.00 clawed back; 21.44 − 4.00 = 17.44
    expect(after('2024-05-01 16:00  returns $40.00 of o-2')[0]).toBe('wallet clawback -4.00 → balance 17.44');
    // 17.44 − 15.00 = 2.44
    expect(after('2024-05-20 12:00  pays $15.00 from the wallet (o-4)')[0]).toBe('wallet debit -15.00 → balance 2.44');
    // $5.00 > $2.44; $2.44 < the $5.00 minimum
    expect(lines).toContain('2024-05-27 12:00  pays $5.00 from the wallet (o-5): refused, insufficient_funds');
    expect(lines).toContain('2024-05-27 12:01  pays $2.44 from the wallet (o-5): refused, below_minimum');
    // the whole of o-3 back after its $8.45 was spent: 2.44 − 8.45 = −6.01
    expect(after('2024-06-03 10:00  returns $84.50 of o-3')[0]).toBe('wallet clawback -8.45 → balance -6.01');
    expect(lines).toContain('2024-06-10 10:00  pays the $20.00 co-op fee: refused, membership_active');
    // 10% of $100.00 = $10.00: −6.01 + 10.00 = 3.99
    expect(after('2024-07-04 14:00  buys for $100.00 (o-6)')[0]).toBe('wallet cashback 10.00 → balance 3.99');
    // cashback 12.99 + 8.45 + 10.00 = 31.44; clawed back 4.00 + 8.45 = 12.45; 31.44 − 15.00 − 12.45 = 3.99
    expect(lines.filter((l) => l !== '').at(-1)).toBe('wallet: $3.99 (cashback 31.44, spent 15.00, clawed back 12.45)');
  });

  it('09-spend-more-nudge: double points for VIP, the $25 nudge, the $60 gift card once, and the next reward within reach', () => {
    const { lines, after } = run('09-spend-more-nudge');
    // VIP's double_points perk turns on the ×2 multiplier: 95 × 2 = 190; $95 is $105 short of $200: no nudge
    expect(after('2024-09-05 18:00  malini: buys for $95.00 (m-1) +190 points')[0]).toMatch(/^2024-10-01 12:00 {2}tom:/);
    // Tom has no VIP: 150 × 1; $50 short: no nudge
    expect(after('2024-10-01 12:00  tom: buys for $150.00 (t-1) +150 points')[0]).toMatch(/^2024-10-12 19:00 {2}malini:/);
    // 80 × 2 = 160 (350 in all); $95 + $80 = $175, $25 short ≤ withinSpend $25: the nudge, with the VIP line
    expect(after('2024-10-12 19:00  malini: buys for $80.00 (m-2) +160 points').slice(0, 5)).toEqual([
      'message progress gold: 25 to go',
      '"Hello Malini, spend $25.00 more to get a $60 gift card for your next shopping trip. Because you are a VIP member, you get 2x points on every purchase."',
      "malini's page on 2024-10-12: level none, perks double_points",
      // the calendar-year window: the $175 counts until the year turns
      'next: Gold — spend 25 more (175 of 200) before 2025-01-01 00:00',
      // the cheapest listed reward: 500 − 350 = 150 points
      'points: 350; 150 more for $10 off an order',
    ]);
    // $150 + $30 = $180: $20 short; Tom's nudge has no VIP line
    expect(after('2024-10-14 12:00  tom: buys for $30.00 (t-2) +30 points').slice(0, 2)).toEqual([
      'message progress gold: 20 to go',
      '"Hello Tom, spend $20.00 more to get a $60 gift card for your next shopping trip."',
    ]);
    // $192: $8 short, but one progress message a month: suppressed and counted
    expect(after('2024-10-20 12:00  tom: buys for $12.00 (t-3) +12 points')[0]).toBe("tom's suppressed progress messages: 1");
    // 30 × 2 = 60 (410); $175 + $30 = $205 ≥ $200: Gold and its entry reward, the $60 gift card
    expect(after('2024-10-20 18:30  malini: buys for $30.00 (m-3) +60 points').slice(0, 6)).toEqual([
      'tier_upgraded none → gold (qualified, 2024-10-20)',
      'reward_issued gift-card-60 (tier_entry gold)',
      'message tier_reached Gold',
      "malini's page on 2024-10-20: level gold, perks free_shipping, double_points",
      // 500 − 410 = 90
      'points: 410; 90 more for $10 off an order',
      '2025-02-01 12:00  malini: buys for $180.00 (m-4) +360 points',
    ]);
    // 2025: the 1 January review drops Gold (no spend yet this year); $180 × 2 = 360;
    // $20 short again, but the entry reward is paid once: the e-mail promises the level, not the card
    expect(after('2025-02-01 12:00  malini: buys for $180.00 (m-4) +360 points').slice(0, 3)).toEqual([
      'tier_downgraded gold → none (review, 2025-01-01)',
      'message progress gold: 20 to go',
      '"Hello Malini, spend $20.00 more to reach Gold again. Because you are a VIP member, you get 2x points on every purchase."',
    ]);
    expect(lines.filter((l) => l.startsWith('reward_issued'))).toHaveLength(1);
    // Malini 190 + 160 + 60 + 360 = 770 (2024's points last until the end of 2025); Tom 150 + 30 + 12 = 192
    expect(lines.filter((l) => l !== '').slice(-2)).toEqual([
      'malini: 770 points, level none, spent $180 in 2025',
      'tom: 192 points, level none, spent $0 in 2025',
    ]);
  });
});
