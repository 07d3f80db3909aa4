import { parseEvent } from '../events/parse.js';
import type { ResolvedOptions } from './options.js';
import type { Parsed, Simulator } from './simulator.js';
import { forEachEvent, stringField } from './source.js';
import type { EventSource } from './types.js';

/**
 * Reads the history once and feeds each event to every simulator in
 * lockstep: an event is parsed once, and skipped by a simulator that
 * already applied its id.
 */
export async function drive(events: EventSource, simulators: readonly Simulator[], options: ResolvedOptions): Promise<void> {
  let read = 0;
  const { onProgress, progressEvery } = options;
  await forEachEvent(events, (raw) => {
    const id = stringField(raw, 'id');
    let parsed: Parsed | undefined;
    for (const sim of simulators) {
      if (parsed === undefined && !sim.isDuplicate(id)) parsed = parse(raw);
      sim.step(raw, parsed ?? { ok: false, error: undefined }, id);
    }
    read++;
    if (onProgress !== undefined && read % progressEvery === 0) onProgress(read);
  });
  if (onProgress !== undefined && read % progressEvery !== 0) onProgress(read);
}

function parse(raw: unknown): Parsed {
  try {
    return { ok: true, event: parseEvent(raw) };
  } catch (error) {
    return { ok: false, error };
  }
}
