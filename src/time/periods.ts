/** A calendar period a cap or a limit counts in. */
export type PeriodKind = 'day' | 'month' | 'quarter' | 'year' | 'lifetime';

/**
 * The key of the period containing a local date `YYYY-MM-DD`: two dates in
 * the same period have the same key (`2024-05`, `2024-Q2`, `2024`; `''` for
 * a lifetime).
 */
export function periodKey(date: string, per: PeriodKind): string {
  switch (per) {
    case 'day':
      return date;
    case 'month':
      return date.slice(0, 7);
    case 'quarter':
      return `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    case 'year':
      return date.slice(0, 4);
    case 'lifetime':
      return '';
  }
}
