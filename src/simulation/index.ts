/**
 * `loyalty-engine/simulation`: know what a program does before it ships.
 * Replay a history under a program (`simulate`), under two programs at once
 * (`compare`), and score members by recency, frequency and spend
 * (`rfmScores`). Kept apart from the main entry so the per-event core stays
 * small for serverless bundles.
 *
 * @example
 * import { defineProgram } from 'loyalty-engine';
 * import { simulate } from 'loyalty-engine/simulation';
 * const report = await simulate(defineProgram(definition), events, { pointValue: '0.01' });
 * report.liability; // '60599.68'
 *
 * @packageDocumentation
 * @module loyalty-engine/simulation
 */
export { simulate } from './simulate.js';
export { compare } from './compare.js';
export { rfmScores } from './rfm.js';
export type {
  EventSource,
  ReportPeriod,
  SimulateOptions,
  PointsFlow,
  PeriodRow,
  RfmScore,
  SimulationReport,
  MemberDifference,
  ComparisonReport,
} from './types.js';
