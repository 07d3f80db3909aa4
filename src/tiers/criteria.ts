import { Dec } from '../money/decimal.js';
import type { TierCriterion, TierMetric, TierThreshold } from '../program/tiers-schema.js';
import type { WindowMetrics } from './window.js';

/** Metrics as criteria read them: the window's, plus whole days since enrolment. */
export interface CriteriaMetrics extends WindowMetrics {
  readonly tenureDays: number;
}

/** A threshold's progress: where the member stands and what is missing. */
export interface ThresholdProgress {
  /** What is measured. */
  readonly metric: TierMetric;
  /** The threshold. */
  readonly atLeast: string;
  /** The member's value now. */
  readonly current: string;
  /** `0` when met. */
  readonly missing: string;
  /** Whether `current` reaches `atLeast`. */
  readonly met: boolean;
}

/** Progress over a whole criterion, mirroring its shape. */
export type CriterionProgress =
  | ThresholdProgress
  | {
      /** Progress of each criterion of an `all`. */
      readonly all: readonly CriterionProgress[];
      /** Whether every one is met. */
      readonly met: boolean;
    }
  | {
      /** Progress of each criterion of an `any`. */
      readonly any: readonly CriterionProgress[];
      /** Whether at least one is met. */
      readonly met: boolean;
    };

function value(metric: TierMetric, m: CriteriaMetrics): Dec {
  return metric === 'spend' ? m.spend : new Dec(m[metric]);
}

function thresholdMet(t: TierThreshold, m: CriteriaMetrics): boolean {
  if (t.metric === 'spend') return m.spend.gte(t.atLeast);
  return m[t.metric] >= Number(t.atLeast);
}

/** Whether the metrics meet a criterion. */
export function criterionMet(c: TierCriterion, m: CriteriaMetrics): boolean {
  if ('all' in c) return c.all.every((x) => criterionMet(x, m));
  if ('any' in c) return c.any.some((x) => criterionMet(x, m));
  return thresholdMet(c, m);
}

/** Progress towards a criterion: per threshold, the current value and what is missing. */
export function criterionProgress(c: TierCriterion, m: CriteriaMetrics): CriterionProgress {
  if ('all' in c) {
    const all = c.all.map((x) => criterionProgress(x, m));
    return { all, met: all.every((x) => x.met) };
  }
  if ('any' in c) {
    const any = c.any.map((x) => criterionProgress(x, m));
    return { any, met: any.some((x) => x.met) };
  }
  const current = value(c.metric, m);
  const missing = Dec.max(0, new Dec(c.atLeast).minus(current));
  return { metric: c.metric, atLeast: c.atLeast, current: current.toFixed(), missing: missing.toFixed(), met: missing.isZero() };
}

/** Every tenure threshold in a criterion (in days), for the dates on which tenure alone can lift a member. */
export function tenureThresholds(c: TierCriterion, out: number[] = []): number[] {
  if ('all' in c) c.all.forEach((x) => tenureThresholds(x, out));
  else if ('any' in c) c.any.forEach((x) => tenureThresholds(x, out));
  else if (c.metric === 'tenureDays') out.push(Number(c.atLeast));
  return out;
}
