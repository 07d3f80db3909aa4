/**
 * The Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
 *
 * @example
 * PALETTE[0] // '#0072B2'
 */
export const PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

/**
 * The grey for "none" (members without a level).
 *
 * @example
 * { name: 'none', values, color: NONE_COLOR }
 */
export const NONE_COLOR = '#B8B8B8';

/**
 * The colour of the i-th series.
 *
 * @example
 * colorAt(0) // '#0072B2'
 */
export function colorAt(i: number): string {
  return PALETTE[i % PALETTE.length] ?? '#000000';
}
