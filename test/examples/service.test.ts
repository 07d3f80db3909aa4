import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// examples/10-http-service, started as `server.mjs` starts it (PGlite in memory, migrate, fastify),
// on port 0, against the built package (`npm test` builds first), and driven over HTTP with fetch.
interface Server {
  url: string;
  close(): Promise<void>;
}
type StartServer = (options: { env: Record<string, string>; port: number; logger: boolean; clock: () => string }) => Promise<Server>;

// The program (examples/10-http-service/program.json): 1 star per $1 (floor); Green from the first
// event, Gold at $100.00 spent in 12 rolling months; extra-shot 25, free-coffee 100, gold-mug 200
// (Gold only, once a year); a stamp card of 10 (orders ≥ $3.00, one a day). Chicago: UTC−6 in early March.
const NOW = '2024-03-05T12:00:00-06:00';

type Json = Record<string, unknown> & { error?: { code: string; message: string; issues: { code: string; path: (string | number)[] }[]; details: Record<string, unknown> } };

let server: Server;
let startServer: StartServer;
async function call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; json: Json }> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${server.url}${path}`, init);
  return { status: response.status, json: (await response.json()) as Json };
}
const post = (path: string, body: unknown): Promise<{ status: number; json: Json }> => call('POST', path, body);
const get = (path: string): Promise<{ status: number; json: Json }> => call('GET', path);

const purchase = (id: string, at: string, orderId: string, amount: string): Record<string, unknown> => ({ id, type: 'purchase', at, orderId, amount, currency: 'USD' });
const available = async (member: string, at = NOW): Promise<unknown> => ((await get(`/members/${member}/summary?at=${encodeURIComponent(at)}`)).json['points'] as { available: number }).available;

beforeAll(async () => {
  const url = new URL('../../examples/10-http-service/server.mjs', import.meta.url).href;
  ({ startServer } = (await import(url)) as { startServer: StartServer });
  server = await startServer({ env: {}, port: 0, logger: false, clock: () => NOW });
}, 120_000);
afterAll(async () => {
  await server.close();
});

describe('examples/10-http-service', () => {
  it('earns on purchases, answers a repeated event as a duplicate without paying twice, and shows the summary and level', async () => {
    const first = await post('/members/ana/events', purchase('ana-1', '2024-03-01T08:10:00-06:00', 'o-1', '12.40'));
    expect(first.status).toBe(201);
    expect(first.json['status']).toBe('applied');
    // floor(12.40 × 1) = 12 stars; $12.40 ≥ $3.00: the first stamp; the first event enters Green
    const effects = first.json['effects'] as { type: string; entry?: { points: number }; stamps?: number; to?: string }[];
    expect(effects.filter((e) => e.type === 'ledger').map((e) => e.entry?.points)).toEqual([12]);
    expect(effects.find((e) => e.type === 'stamp_card')?.stamps).toBe(1);
    expect(effects.find((e) => e.type === 'tier_upgraded')?.to).toBe('green');

    const second = await post('/members/ana/events', purchase('ana-2', '2024-03-02T08:10:00-06:00', 'o-2', '95.00'));
    expect(second.status).toBe(201);
    // $12.40 + $95.00 = $107.40 ≥ $100.00: Gold
    expect((second.json['effects'] as { type: string; to?: string }[]).find((e) => e.type === 'tier_upgraded')?.to).toBe('gold');

    const again = await post('/members/ana/events', purchase('ana-2', '2024-03-02T08:10:00-06:00', 'o-2', '95.00'));
    expect(again).toEqual({ status: 200, json: { status: 'duplicate', eventId: 'ana-2' } });

    const summary = await get(`/members/ana/summary?at=${encodeURIComponent('2024-03-02T10:00:00-06:00')}`);
    expect(summary.status).toBe(200);
    const points = summary.json['points'] as { available: number; balance: number; lifetime: { earned: number } };
    // 12 + 95 = 107, once: the duplicate paid nothing
    expect([points.available, points.balance, points.lifetime.earned]).toEqual([107, 107, 107]);
    const tier = summary.json['tier'] as { level: string; perks: string[]; metrics: { spend: string; orders: number }[] };
    expect(tier.level).toBe('gold');
    expect(tier.perks).toEqual(['free-refills']);
    expect(tier.metrics[0]).toMatchObject({ spend: '107.4', orders: 2 });
  });

  it('lists the catalog for the member: what she can redeem now, and what is missing for the rest', async () => {
    const catalog = await get(`/members/ana/catalog?at=${encodeURIComponent('2024-03-02T10:00:00-06:00')}`);
    expect(catalog.status).toBe(200);
    expect(catalog.json['available']).toBe(107);
    const rewards = catalog.json['rewards'] as { rewardId: string; canRedeem: boolean; missingPoints: number; reason?: string }[];
    // cheapest first; the birthday drink is not listed; 200 − 107 = 93 stars missing for the mug
    expect(rewards.map((r) => [r.rewardId, r.canRedeem, r.missingPoints])).toEqual([
      ['extra-shot', true, 0],
      ['free-coffee', true, 0],
      ['gold-mug', false, 93],
    ]);
    expect(catalog.json['nextWithinReach']).toMatchObject({ rewardId: 'gold-mug', missingPoints: 93, reason: 'insufficient_points' });
  });

  it('redeems a reward (201 with its code), refuses what the points do not cover (409 with the reason), and answers a retried redemption with the same reward', async () => {
    const redeemed = await post('/members/ana/redemptions', { id: 'ana-r1', rewardId: 'free-coffee', at: '2024-03-02T12:00:00-06:00' });
    expect(redeemed.status).toBe(201);
    const reward = redeemed.json['reward'] as { rewardId: string; points: number; sku: string; codes: string[]; validUntil: string };
    expect(reward).toMatchObject({ rewardId: 'free-coffee', points: 100, sku: 'COFFEE-12OZ' });
    expect(reward.codes).toHaveLength(1);
    expect(reward.codes[0]).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
    // validDays 30: the same wall-clock time 30 days later, 1 April 12:00 in Chicago, on daylight time (UTC−5) = 17:00Z
    expect(reward.validUntil).toBe('2024-04-01T17:00:00.000Z');
    // 107 − 100 = 7
    expect(redeemed.json['available']).toBe(7);

    const refused = await post('/members/ana/redemptions', { id: 'ana-r2', rewardId: 'gold-mug', at: '2024-03-02T12:05:00-06:00' });
    expect(refused.status).toBe(409);
    expect(refused.json.error?.code).toBe('insufficient_points');
    // 200 needed, 7 available: 193 missing
    expect(refused.json.error?.details).toMatchObject({ rewardId: 'gold-mug', needed: 200, available: 7, missing: 193 });

    const retried = await post('/members/ana/redemptions', { id: 'ana-r1', rewardId: 'free-coffee', at: '2024-03-02T12:00:00-06:00' });
    expect(retried.status).toBe(200);
    expect(retried.json).toMatchObject({ status: 'duplicate', eventId: 'ana-r1', redemption: { rewardId: 'free-coffee', points: 100, codes: reward.codes } });
    // a retried refusal: the refusal is not kept, so there is nothing to give back
    expect((await post('/members/ana/redemptions', { id: 'ana-r2', rewardId: 'gold-mug' })).json).toEqual({ status: 'duplicate', eventId: 'ana-r2', redemption: null });
    expect(await available('ana')).toBe(7);
  });

  it('refuses by level (409 tier_not_allowed), by limit (409 limit_reached) and an unknown reward (422)', async () => {
    await post('/members/bo/events', purchase('bo-1', '2024-03-01T09:00:00-06:00', 'o-1', '40.00'));
    // Bo has 40 stars but is Green ($40.00 < $100.00): the mug is for Gold
    const byLevel = await post('/members/bo/redemptions', { id: 'bo-r1', rewardId: 'gold-mug' });
    expect(byLevel.status).toBe(409);
    expect(byLevel.json.error).toMatchObject({ code: 'tier_not_allowed', details: { level: 'green', allowed: ['gold'] } });

    const unknown = await post('/members/bo/redemptions', { id: 'bo-r2', rewardId: 'pony' });
    expect(unknown.status).toBe(422);
    expect(unknown.json.error?.code).toBe('unknown_reward');

    // $460.00 more: $500.00 spent, Gold; 40 + 460 = 500 stars; one mug (200) leaves 300, a second is over the yearly limit
    await post('/members/bo/events', purchase('bo-2', '2024-03-02T09:00:00-06:00', 'o-2', '460.00'));
    expect((await post('/members/bo/redemptions', { id: 'bo-r3', rewardId: 'gold-mug' })).status).toBe(201);
    const byLimit = await post('/members/bo/redemptions', { id: 'bo-r4', rewardId: 'gold-mug' });
    expect(byLimit.status).toBe(409);
    expect(byLimit.json.error).toMatchObject({ code: 'limit_reached', details: { limit: 1, per: 'year', used: 1 } });
    expect(await available('bo')).toBe(300);
  });

  it('answers an invalid event with 400 and every issue with its path, and writes nothing', async () => {
    await post('/members/cy/events', purchase('cy-1', '2024-03-01T09:00:00-06:00', 'o-1', '10.00'));
    const bad = await post('/members/cy/events', { id: 'cy-2', type: 'purchase', at: '2024-03-01T10:00', amount: '-3', currency: 'USD' });
    expect(bad.status).toBe(400);
    expect(bad.json.error?.code).toBe('invalid_event');
    // no offset on `at`, no orderId, a negative amount
    expect(bad.json.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['amount', 'at', 'orderId']);
    expect(await available('cy')).toBe(10);
    // the id of the refused event was not used up: the corrected event goes through
    expect((await post('/members/cy/events', purchase('cy-2', '2024-03-01T10:00:00-06:00', 'o-2', '3.00'))).status).toBe(201);
    expect(await available('cy')).toBe(13);
  });

  it('maps the other refusals and bad requests in one place: member mismatch, unknown member, unknown order, duplicate order, bad JSON, bad ?at=', async () => {
    const mismatch = await post('/members/dee/events', { ...purchase('dee-1', '2024-03-01T09:00:00-06:00', 'o-1', '5.00'), memberId: 'ana' });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.error).toMatchObject({ code: 'member_mismatch', issues: [{ code: 'member_mismatch', path: ['memberId'] }] });

    const nobody = await get('/members/nobody/summary');
    expect(nobody.status).toBe(404);
    expect(nobody.json.error?.code).toBe('unknown_member');
    expect((await get('/members/nobody/catalog')).status).toBe(404);

    await post('/members/dee/events', purchase('dee-1', '2024-03-01T09:00:00-06:00', 'o-1', '5.00'));
    const refund = await post('/members/dee/events', { id: 'dee-2', type: 'refund', at: '2024-03-02T09:00:00-06:00', orderId: 'o-9', amount: '1.00' });
    expect(refund.status).toBe(422);
    expect(refund.json.error?.code).toBe('unknown_order');
    const sameOrder = await post('/members/dee/events', purchase('dee-3', '2024-03-02T09:00:00-06:00', 'o-1', '5.00'));
    expect(sameOrder.status).toBe(409);
    expect(sameOrder.json.error?.code).toBe('duplicate_order');

    const json = await post('/members/dee/events', '{"id": ');
    expect(json.status).toBe(400);
    expect(json.json.error?.code).toBe('invalid_json');
    const at = await get('/members/dee/summary?at=yesterday');
    expect(at.status).toBe(400);
    expect(at.json.error).toMatchObject({ code: 'invalid_argument', issues: [{ path: ['at'] }] });
    expect(await available('dee')).toBe(5);
  });

  it('keeps every concurrent purchase of one member (version check and retry, no lost update)', async () => {
    const amounts = ['10.00', '20.00', '30.00', '40.00'];
    const answers = await Promise.all(amounts.map((amount, i) => post('/members/eve/events', purchase(`eve-${i}`, `2024-03-01T0${i + 1}:00:00-06:00`, `o-${i}`, amount))));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201, 201]);
    // 10 + 20 + 30 + 40 = 100 stars
    expect(await available('eve')).toBe(100);
  });

  const url = process.env['LOYALTY_PG_URL'];
  it.skipIf(!url)('runs the same on a real PostgreSQL server (LOYALTY_PG_URL; a fresh schema, dropped after)', async () => {
    const schema = `service_${randomUUID().replaceAll('-', '')}`;
    const real = await startServer({ env: { LOYALTY_PG_URL: url ?? '', LOYALTY_PG_SCHEMA: schema }, port: 0, logger: false, clock: () => NOW });
    try {
      const send = (path: string, body: unknown): Promise<Response> =>
        fetch(`${real.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect((await send('/members/fox/events', purchase('fox-1', '2024-03-01T09:00:00-06:00', 'o-1', '250.00'))).status).toBe(201);
      expect(((await (await send('/members/fox/events', purchase('fox-1', '2024-03-01T09:00:00-06:00', 'o-1', '250.00'))).json()) as Json)['status']).toBe('duplicate');
      expect((await send('/members/fox/redemptions', { id: 'fox-r1', rewardId: 'gold-mug' })).status).toBe(201);
      const summary = (await (await fetch(`${real.url}/members/fox/summary?at=${encodeURIComponent(NOW)}`)).json()) as { points: { available: number }; tier: { level: string } };
      // $250.00: 250 stars and Gold ($250.00 ≥ $100.00); the Gold mug costs 200: 50 left
      expect(summary.tier.level).toBe('gold');
      expect(summary.points.available).toBe(50);
    } finally {
      await real.close();
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
      await admin.end();
    }
  });
});
