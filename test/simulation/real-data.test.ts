import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { balanceOf, defineProgram, evaluate, replay, type ProgramInput } from '../../src/index.js';
import { simulate } from '../../src/simulation/index.js';

// The real data slice: the UCI "Online Retail" invoices turned into events by the demo's reader.
const data = fileURLToPath(new URL('../../../shared/data/online-retail.csv.gz', import.meta.url));
const hasData = existsSync(data);
const reader = new URL('../../examples/01-online-retail/events.mjs', import.meta.url).href;
type Reader = { readRetailEvents: (path: string) => Promise<{ events: Record<string, unknown>[] }> };

describe('simulate on the Online Retail data', () => {
  it.skipIf(!hasData)(`a few thousand real events reconcile (skipped when ${data} is absent)`, async () => {
    const { readRetailEvents } = (await import(reader)) as Reader;
    const events = (await readRetailEvents(data)).events.slice(0, 4000);
    const program = defineProgram(JSON.parse(readFileSync(new URL('../../examples/01-online-retail/program.json', import.meta.url), 'utf8')) as ProgramInput);
    const r = await simulate(program, events, { pointValue: '0.01', onRejected: 'collect', period: 'month' });
    expect(r.events.read).toBe(4000);
    expect(r.events.applied + r.events.duplicates + r.events.rejected).toBe(4000);
    expect(r.members).toBeGreaterThan(500);
    const t = r.totals;
    expect(t.issued).toBeGreaterThan(0);
    expect(t.issued - t.redeemed - t.expired - t.clawedBack + t.adjusted).toBe(t.outstanding);
    expect(r.periods[0]?.period).toBe('2010-12');
    expect(r.periods[r.periods.length - 1]?.outstanding).toBe(t.outstanding);
    expect(r.liability).toBe((t.outstanding / 100).toFixed(2)); // whole points × 0.01: cents are exact
    // the same as replay's states brought to the end of the history
    const { states } = replay(program, events, { onRejected: 'collect' });
    let sum = 0;
    for (const [memberId, state] of states) {
      const end = state.lastEventAt !== null && state.lastEventAt >= (r.to as string) ? state : evaluate(program, state, { id: 'end', type: 'tick', memberId, at: r.to }).state;
      sum += balanceOf(end);
    }
    expect(sum).toBe(t.outstanding);
  }, 60_000);
});
