/**
 * A "nice" step (1, 2 or 5 times a power of ten) at least `raw`.
 *
 * @example
 * niceStep(37) // 50
 */
export function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  const nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10;
  return nice * power;
}

/** A linear scale from data values to pixels, over a domain widened to nice tick values. */
export interface LinearScale {
  readonly min: number;
  readonly max: number;
  readonly ticks: readonly number[];
  map(value: number): number;
}

/**
 * A linear scale whose domain covers `[min, max]` and zero, widened to about `count` nice ticks, mapped
 * onto `[from, to]` pixels (`from` for the domain's minimum; pass the bottom as `from` for a y axis).
 * An empty range (all zero, or below 10⁻⁹) becomes 0–1.
 *
 * @example
 * const y = linearScale(0, 87, 300, 0); // ticks 0, 20, …, 100; y.map(100) === 0
 */
export function linearScale(min: number, max: number, from: number, to: number, count = 5): LinearScale {
  let lo = Math.min(0, Number.isFinite(min) ? min : 0);
  let hi = Math.max(0, Number.isFinite(max) ? max : 0);
  // below this, steps would be lost in floating point: draw such values as if they were zero
  if (hi - lo < 1e-9) [lo, hi] = [0, 1];
  const step = niceStep((hi - lo) / count);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const n = Math.round((hi - lo) / step);
  const ticks: number[] = [];
  for (let i = 0; i <= n; i++) {
    const t = Number((lo + i * step).toPrecision(12));
    ticks.push(t === 0 ? 0 : t);
  }
  const span = hi - lo;
  return { min: lo, max: hi, ticks, map: (v) => from + ((v - lo) / span) * (to - from) };
}

/**
 * Every k-th index to label so that at most `max` labels show (always the first).
 *
 * @example
 * labelEvery(53, 12) // 5
 */
export function labelEvery(count: number, max: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, max)));
}
