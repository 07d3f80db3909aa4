import type { LedgerEntry } from '../ledger/entry.js';
import type { LocalDate } from '../time/dates.js';
import { PeriodCalendar } from './periods.js';
import type { PeriodRow, PointsFlow, ReportPeriod } from './types.js';

type Flow = { -readonly [K in keyof PointsFlow]: number };

interface Row extends Flow {
  /** Change in members per level (`none` for no level) during the period. */
  readonly levels: Map<string, number>;
  activeMembers: number;
}

export const NONE = 'none';

/** An empty flow. */
export function zeroFlow(): Flow {
  return { issued: 0, redeemed: 0, expired: 0, clawedBack: 0, adjusted: 0 };
}

/**
 * Folds a ledger entry into a flow: `earn` is issued; `redeem` redeemed;
 * `expire` expired; `clawback` and `debt_recovery` (a clawback or removal the
 * balance could not cover, recovered from later earning) clawed back;
 * `adjust` and `reversal` adjusted, signed. So the balance change is
 * issued − redeemed − expired − clawedBack + adjusted.
 */
export function foldEntry(flow: Flow, entry: Pick<LedgerEntry, 'kind' | 'points'>): void {
  switch (entry.kind) {
    case 'earn':
      flow.issued += entry.points;
      break;
    case 'redeem':
      flow.redeemed -= entry.points;
      break;
    case 'expire':
      flow.expired -= entry.points;
      break;
    case 'clawback':
    case 'debt_recovery':
      flow.clawedBack -= entry.points;
      break;
    case 'adjust':
    case 'reversal':
      flow.adjusted += entry.points;
      break;
  }
}

export const netOf = (f: PointsFlow): number => f.issued - f.redeemed - f.expired - f.clawedBack + f.adjusted;

/**
 * The report over time: each change is counted in the period of its own date,
 * even when the engine records it later (points that expired between a
 * member's events are recorded at their next event, dated when they expired).
 */
export class Timeline {
  readonly calendar: PeriodCalendar;
  readonly #rows = new Map<LocalDate, Row>();

  constructor(period: ReportPeriod, timeZone: string) {
    this.calendar = new PeriodCalendar(period, timeZone);
  }

  #row(epochMs: number): Row {
    const start = this.calendar.startOf(epochMs);
    let row = this.#rows.get(start);
    if (row === undefined) {
      row = { ...zeroFlow(), levels: new Map(), activeMembers: 0 };
      this.#rows.set(start, row);
    }
    return row;
  }

  /** The period (its first local date) of an instant; makes sure it has a row. */
  touch(epochMs: number): LocalDate {
    this.#row(epochMs);
    return this.calendar.startOf(epochMs);
  }

  entry(entry: LedgerEntry): void {
    foldEntry(this.#row(Date.parse(entry.at)), entry);
  }

  /** A member moved between levels (`null`: none) at an instant; `from` undefined: the member joined. */
  level(epochMs: number, from: string | null | undefined, to: string | null): void {
    const levels = this.#row(epochMs).levels;
    if (from !== undefined) levels.set(from ?? NONE, (levels.get(from ?? NONE) ?? 0) - 1);
    levels.set(to ?? NONE, (levels.get(to ?? NONE) ?? 0) + 1);
  }

  active(epochMs: number): void {
    this.#row(epochMs).activeMembers++;
  }

  /**
   * Every period from the first to the last one touched, gaps included,
   * with running outstanding points and level populations.
   */
  rows(
    base: { readonly outstanding: number; readonly levels: ReadonlyMap<string, number> },
    levelOrder: readonly string[],
    liabilityOf: (points: number) => string | null,
  ): PeriodRow[] {
    const starts = [...this.#rows.keys()].sort();
    const first = starts[0];
    const last = starts[starts.length - 1];
    if (first === undefined || last === undefined) return [];
    const out: PeriodRow[] = [];
    let outstanding = base.outstanding;
    const levels = new Map(base.levels);
    for (let start = first; start <= last; start = this.calendar.next(start)) {
      const row = this.#rows.get(start);
      const flow = row === undefined ? zeroFlow() : { issued: row.issued, redeemed: row.redeemed, expired: row.expired, clawedBack: row.clawedBack, adjusted: row.adjusted };
      outstanding += netOf(flow);
      if (row !== undefined) for (const [level, n] of row.levels) levels.set(level, (levels.get(level) ?? 0) + n);
      out.push({
        period: this.calendar.label(start),
        start: this.calendar.startInstant(start),
        ...flow,
        outstanding,
        liability: liabilityOf(outstanding),
        tiers: levelRecord(levels, levelOrder),
        activeMembers: row?.activeMembers ?? 0,
      });
    }
    return out;
  }
}

/** Members per level: `none` first, then the program's levels in order, then any other level seen; zeros kept. */
export function levelRecord(counts: ReadonlyMap<string, number>, levelOrder: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const level of [NONE, ...levelOrder]) out[level] = counts.get(level) ?? 0;
  for (const [level, n] of [...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) if (!Object.prototype.hasOwnProperty.call(out, level)) out[level] = n;
  return out;
}
