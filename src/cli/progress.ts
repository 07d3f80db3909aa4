import { formatInt } from './format/number.js';
import type { Io } from './io.js';
import type { EventFiles } from './input/source.js';

/** A snapshot of a run, for the progress line. */
export interface ProgressSnapshot {
  readonly events: number;
  readonly elapsedMs: number;
  readonly bytesRead: number;
  readonly bytesTotal: number;
}

const clock = (seconds: number): string => {
  const s = Math.max(0, Math.round(seconds));
  return s >= 3600 ? `${Math.floor(s / 3600)}:${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}` : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * The progress line: events read, events per second, share of the input read (bytes on disk), ETA.
 *
 * @example
 * progressLine({ events: 50000, elapsedMs: 2000, bytesRead: 25, bytesTotal: 100 })
 * // '50,000 events · 25,000/s · 25% · ETA 0:06'
 */
export function progressLine(s: ProgressSnapshot): string {
  const rate = s.elapsedMs > 0 ? Math.round((s.events / s.elapsedMs) * 1000) : 0;
  const parts = [`${formatInt(s.events)} events`, `${formatInt(rate)}/s`];
  if (s.bytesTotal > 0) {
    const share = Math.min(1, s.bytesRead / s.bytesTotal);
    parts.push(`${Math.floor(share * 100)}%`);
    if (share > 0 && share < 1) parts.push(`ETA ${clock(((s.elapsedMs / share) * (1 - share)) / 1000)}`);
  }
  return parts.join(' · ');
}

/**
 * Shows a progress line on stderr while a long run goes on (after one second, refreshed four times a
 * second), only when stderr is a terminal. `stop()` clears it.
 *
 * @example
 * const progress = startProgress(io, input, 'simulate'); try { … } finally { progress.stop(); }
 */
export function startProgress(io: Io, input: EventFiles, label: string): { stop(): void } {
  if (io.stderr.isTTY !== true) return { stop: () => undefined };
  const started = Date.now();
  let shown = false;
  const timer = setInterval(() => {
    const elapsedMs = Date.now() - started;
    if (elapsedMs < 1000) return;
    shown = true;
    io.stderr.write(`\r${label}: ${progressLine({ events: input.count.value, elapsedMs, bytesRead: input.bytes.read, bytesTotal: input.bytes.total })}\x1b[K`);
  }, 250);
  timer.unref();
  return {
    stop: () => {
      clearInterval(timer);
      if (shown) io.stderr.write('\r\x1b[K');
    },
  };
}

/**
 * Runs `work` with the progress line of {@link startProgress} shown (unless `quiet`), and clears it
 * however the work ends.
 *
 * @example
 * const report = await withProgress(io, input, 'simulate', false, () => simulate(program, input.events));
 */
export async function withProgress<T>(io: Io, input: EventFiles, label: string, quiet: boolean, work: () => Promise<T>): Promise<T> {
  const progress = quiet ? { stop: () => undefined } : startProgress(io, input, label);
  try {
    return await work();
  } finally {
    progress.stop();
  }
}
