import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../', import.meta.url));

describe('examples', () => {
  it('02-quick-start prints what the README says (runs against the built package)', () => {
    const out = execFileSync(process.execPath, ['examples/02-quick-start/index.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out.trim().split('\n')).toEqual(['earn 248 (base)', 'available: 248']);
  });

  it('05-testing-your-program: the kit passes the sound program and finds the broken one', () => {
    const out = execFileSync(process.execPath, ['examples/05-testing-your-program/check.mjs'], { cwd: root, encoding: 'utf8' });
    expect(out).toContain('program.json: all invariants hold over 40 generated streams (seed 20261122)');
    expect(out).toContain('program.json: the most points found in one day: 1000 (within the limit)');
    // the broken program (daily cap forgotten) is caught, with a shrunk stream and the seed and path to reproduce it
    expect(out).toMatch(/broken-program: violation of "at most 1000 points a day" found and shrunk to \d+ event\(s\)/);
    expect(out).toMatch(/seed: 20261122, path: "[\d:]+"/);
    expect(out).toMatch(/broken-program: the most points found in one day: (\d+)/);
    expect(Number(/one day: (\d+) \(/.exec(out.split('broken-program: the most')[1] ?? '')?.[1])).toBeGreaterThan(1000);
  }, 120_000);

  it('03-spend-ladder walks the seed ladder of docs/tiers.md', () => {
    const out = execFileSync(process.execPath, ['examples/03-spend-ladder/run.mjs'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').map((l) => l.trim());
    // $320 invites; +$700 = $1020 jumps to premium with the skipped levels' rewards; -$100 = $920 starts 30 days of grace
    expect(lines).toContain('tier_upgraded invited → premium (qualified, 2024-03-10)');
    expect(lines.filter((l) => l.startsWith('reward_issued'))).toHaveLength(4);
    expect(lines).toContain('tier_downgraded premium → half (grace_ended, 2024-04-19)');
    expect(lines).toContain('tier_downgraded half → none (grace_ended, 2024-10-10)');
    // on 25 July only the March order ($600) is in the window: $400 short of $1000 until it leaves on 10 September
    expect(lines).toContain('next: premium — spend 400 more by 2024-09-10');
  });

  it('04-coffee-shop: stars, the stamp card broken by a refund, and the birthday drink in the member\'s time zone', () => {
    const out = execFileSync(process.execPath, ['examples/04-coffee-shop/run.mjs'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').map((l) => l.trim());
    const after = (start: string) => {
      const i = lines.indexOf(start);
      expect(i, `line not printed: ${start}`).toBeGreaterThanOrEqual(0);
      return lines.slice(i + 1);
    };
    // 1 star per $1, floor: $4.50 → 4, $3.75 → 3, $2.50 → 2
    expect(lines).toContain('2024-03-01 08:10  purchase $4.50 (o-0301-0810) +4 stars');
    // the second coffee of 1 March: stars, but perDay 1 refuses the stamp
    expect(after('2024-03-01 15:30  purchase $3.75 (o-0301-1530) +3 stars')[0]).toBe('not_earned stampCards.coffee frequency_limit {"perDay":1}');
    // $2.50 < minAmount $3.00: stars, and the engine says nothing about the card
    expect(after('2024-03-02 08:10  purchase $2.50 (o-0302-0810) +2 stars — below $3.00: no stamp')[0]).toMatch(/^2024-03-03 08:10 {2}purchase/);
    // stamps: 1 March, then 3 to 11 March (9 days) = 10; the 11 March one fills the card
    expect(lines.filter((l) => l.startsWith('stamp_card added'))).toHaveLength(10);
    const eleventh = after('2024-03-11 08:10  purchase $4.50 (o-0311-0810) +4 stars');
    expect(eleventh[0]).toBe('stamp_card added 10/10');
    const issued = /^reward_issued free-coffee code ([2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}) \(stamp_card\)$/.exec(eleventh[1] ?? '');
    expect(issued).not.toBeNull();
    expect(eleventh[2]).toBe('stamp_card completed 0/10');
    // refund $2.00 of the $4.50 order of 3 March: it earned floor(4.5) = 4 and keeps floor(4.5 × 2.50/4.50) = floor(2.5) = 2, so −2;
    // $2.50 < $3.00 breaks the completed card: the free coffee's code is revoked and its other 9 stamps come back
    const refund = after('2024-03-12 14:00  refund $2.00 of o-0303-0810 -2 stars');
    expect(refund[0]).toBe(`reward_revoked free-coffee code ${issued?.[1]} (stamp_refunded)`);
    expect(refund[1]).toBe('stamp_card revoked 9/10');
    // 20 March 01:30 in Chicago (UTC−5) is 19 March 23:30 in Los Angeles (UTC−7): not her birthday yet, nothing
    expect(after('2024-03-20 01:30  tick — still 19 March in Los Angeles: no birthday yet')[0]).toBe('2024-03-20 10:00  tick');
    const birthday = after('2024-03-20 10:00  tick');
    const drink = /^reward_issued birthday-drink code (\S+) \(birthday\)$/.exec(birthday[0] ?? '');
    expect(drink).not.toBeNull();
    expect(birthday[1]).toBe(`message birthday 2024-03-20: birthday-drink code ${drink?.[1]}`);
    // the card holds the 9 stamps given back; the one filled card was revoked
    expect(lines).toContain('engagementStatus: stamps 9 of 10, cards filled 0');
    // 4 + 3 + 2 + 9 × 4 = 45 earned, 2 clawed back; no pending days, nothing expires within 365 days
    expect(lines).toContain('balance: 43 stars (43 available)');
  });

  it('06-coins-club: profile, referral stages routed to the referrer, the hold, and the tier ladder', () => {
    const out = execFileSync(process.execPath, ['examples/06-coins-club/run.mjs'], { cwd: root, encoding: 'utf8' });
    const lines = out.split('\n').map((l) => l.trim());
    const after = (start: string) => {
      const i = lines.indexOf(start);
      expect(i, `line not printed: ${start}`).toBeGreaterThanOrEqual(0);
      return lines.slice(i + 1);
    };
    const code = /^Sara's referral code: ([2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5})$/.exec(lines[0] ?? '')?.[1];
    expect(code).toBeDefined();
    expect(lines).toContain(`2024-05-02 18:00  ali: enrols with code ${code}`);
    expect(lines).toContain(`2024-05-06 20:00  omid: enrols with code ${code?.toLowerCase()}`);
    // profile: 5 coins, once per lifetime
    expect(lines).toContain('2024-05-01 10:05  sara: profile_completed +5 coins');
    expect(after('2024-05-01 10:30  sara: profile_completed')[0]).toBe('not_earned profile frequency_limit {"count":1,"per":"lifetime"}');
    // Ali's sign-up is routed to Sara: 5 + 20 = 25 coins ≥ 20 → bronze
    expect(after(`2024-05-02 18:00  ali: enrols with code ${code}`)[0]).toBe('outgoing_event referral signed_up → sara');
    expect(after('2024-05-02 18:00  sara: referral signed_up by ali +20 coins')[0]).toBe('tier_upgraded none → bronze');
    // Reza signs up with his own code: refused, his enrolment still applies
    const reza = lines.findIndex((l) => l.startsWith('2024-05-04 11:00  reza: enrols with code '));
    expect(lines[reza + 1]).toMatch(/^referral_refused self_referral \(code [2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}\)$/);
    // Ali: 5 + 150 = 155 coins ≥ 100 → silver (his $150 spend is below silver's $250)
    const ali = after('2024-05-05 12:00  ali: buys for $150.00 (ali-1) +150 coins');
    expect(ali.slice(0, 2)).toEqual(['outgoing_event referral qualified → sara', 'tier_upgraded none → silver']);
    // Sara: 25 + 100 = 125 ≥ 100 → silver; the 100 are pending for the 14-day return window: 5 May 12:00 + 14 days
    const qualified = after('2024-05-05 12:00  sara: referral qualified by ali +100 coins');
    expect(qualified.slice(0, 2)).toEqual(['tier_upgraded bronze → silver', "sara's coins: 125 (25 available, 100 pending: 100 until 2024-05-19 12:00)"]);
    // Omid: +20 (145), then +100 pending until 8 May + 14 days (245: 5 + 20 + 20 = 45 available, 200 pending; 245 < 250, still silver)
    expect(lines).toContain('2024-05-06 20:00  sara: referral signed_up by omid +20 coins');
    expect(after('2024-05-08 12:00  sara: referral qualified by omid +100 coins')[0]).toBe(
      "sara's coins: 245 (45 available, 200 pending: 100 until 2024-05-19 12:00, 100 until 2024-05-22 12:00)",
    );
    // Omid returns all $90 within the hold: he loses his 90, Sara her second 100 → 145
    expect(after('2024-05-10 12:00  omid: returns $90.00 of omid-1 -90 coins')[0]).toBe('outgoing_event referral cancelled → sara');
    expect(after('2024-05-10 12:00  sara: referral cancelled by omid -100 coins')[0]).toBe(
      "sara's coins: 145 (45 available, 100 pending: 100 until 2024-05-19 12:00)",
    );
    // Sara's own $120: 145 + 120 = 265 coins ≥ 250 → gold
    expect(after('2024-05-12 12:00  sara: buys for $120.00 (sara-1) +120 coins')[0]).toBe('tier_upgraded silver → gold');
    // Omid's sign-up still counts; his qualification was cancelled
    expect(lines).toContain("Sara's referrals: 2 signed up, 1 qualified");
    // 12 May: Sara 5 + 20 + 20 + 120 = 165 available, Ali's 100 pending until 19 May; Ali 5 + 150;
    // Omid 90 − 90 = 0, still bronze through the 30 days of grace; Reza nothing
    expect(lines.filter((l) => l !== '').slice(-4)).toEqual([
      'sara: 265 coins (165 available, 100 pending), level gold',
      'ali: 155 coins (155 available, 0 pending), level silver',
      'reza: 0 coins (0 available, 0 pending), level none',
      'omid: 0 coins (0 available, 0 pending), level bronze',
    ]);
  });
});
