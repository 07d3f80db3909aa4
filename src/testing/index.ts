/**
 * loyalty-engine/testing: property-based tests of your own programs, with
 * fast-check as a peer dependency (your copy is the one used).
 *
 * - Arbitraries: {@link programArb}, {@link eventsArb}, {@link invalidEventArb}, {@link invalidProgramArb}.
 * - Invariants: {@link checkProgram}, {@link assertProgram}.
 * - Budgets: {@link maxPointsPerOrder}, {@link maxPointsPerDay}, {@link unaffordableRewards}, {@link unreachableTiers}.
 * - Model-based tests: {@link loyaltyCommands}, {@link loyaltyCommandsArb}, {@link runModel}.
 *
 * @packageDocumentation
 * @module loyalty-engine/testing
 */

// Arbitraries
export { programArb } from './arbitraries/program.js';
export type { ProgramArbOptions } from './arbitraries/program.js';
export type { Feature } from './support/feature.js';
export { eventsArb } from './arbitraries/events.js';
export type { EventsArbOptions } from './arbitraries/events.js';
export { invalidEventArb } from './arbitraries/invalid-event.js';
export type { InvalidCase, InvalidEventReason } from './arbitraries/invalid-event.js';
export { invalidProgramArb } from './arbitraries/invalid-program.js';
export type { InvalidProgramReason } from './arbitraries/invalid-program.js';

// Invariants
export { checkProgram, assertProgram } from './check-program.js';
export type { CheckProgramOptions, CheckProgramResult } from './check-program.js';
export { INVARIANT_NAMES } from './invariants/types.js';
export type { Invariant, InvariantContext, InvariantName } from './invariants/types.js';

// Budgets
export { maxPointsPerOrder, maxPointsPerDay } from './budget/max-points.js';
export type { BudgetOptions, BudgetResult } from './budget/max-points.js';
export { unaffordableRewards } from './budget/affordability.js';
export type { AffordabilityOptions, UnaffordableReward } from './budget/affordability.js';
export { unreachableTiers } from './budget/tier-reach.js';
export type { TierReachOptions, UnreachableTier } from './budget/tier-reach.js';

// Model-based tests
export { loyaltyCommands, loyaltyCommandsArb, runModel } from './model/run.js';
export type { LoyaltyCommand, LoyaltyCommandsOptions } from './model/run.js';
export { loyaltySetup, modelBalance } from './model/model.js';
export type { LoyaltyModel, LoyaltyReal, ModelOrder, ModelOptions } from './model/model.js';
export { applyToModel, ModelMismatch } from './model/step.js';
export type { StepResult } from './model/step.js';
