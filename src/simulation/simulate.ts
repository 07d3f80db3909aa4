import type { Program } from '../program/define.js';
import { drive } from './drive.js';
import { checkProgram, resolveOptions } from './options.js';
import { Simulator } from './simulator.js';
import { checkSource } from './source.js';
import type { EventSource, SimulateOptions, SimulationReport } from './types.js';

/**
 * Replays a history of events (an iterable or async iterable, in time order)
 * under a program and reports what the program did: points issued, redeemed,
 * expired, clawed back and outstanding per week or month, liability at a
 * point value, breakage, tier populations, time to first reward, redemptions
 * per reward, cost per member, top earners and segments. Streaming: effects
 * are folded into counters as they come, and only member states are kept.
 * Referral credits a step addresses to another member are applied to that
 * member at once. Pure: nothing is read but the events and the program.
 *
 * @throws LoyaltyError `invalid_argument` / `invalid_condition` for a bad
 *   program, events or options; the engine's own error for a refused event
 *   (unless `onRejected: 'collect'`).
 * @example
 * const report = await simulate(program, events, { pointValue: '0.01', period: 'month' });
 * console.log(report.totals.outstanding, report.liability, report.breakage);
 */
export async function simulate(program: Program, events: EventSource, options: SimulateOptions = {}): Promise<SimulationReport> {
  checkProgram('simulate', program);
  checkSource('simulate', events);
  const resolved = resolveOptions('simulate', options);
  const sim = new Simulator(program, resolved, 'simulate');
  await drive(events, [sim], resolved);
  return sim.finish().report;
}
