// Programs
export { defineProgram, safeDefineProgram } from './program/define.js';
export type { Program, DefineProgramResult } from './program/define.js';
export type {
  ProgramInput,
  ProgramDefinition,
  EarnRule,
  SpendRule,
  MultiplierRule,
  BonusRule,
  ExpiryPolicy,
  Caps,
} from './program/schema.js';
export { programJsonSchema } from './program/json-schema.js';

// Conditions (json-rules-engine format)
export { compileCondition } from './conditions/compile.js';
export type { CompiledCondition, CompileOptions } from './conditions/compile.js';
export type {
  TopLevelCondition,
  NestedCondition,
  FactCondition,
  AllCondition,
  AnyCondition,
  NotCondition,
  ConditionReference,
  FactReference,
  OperatorName,
  Facts,
  JsonValue,
} from './conditions/types.js';

// Events
export { parseEvent, safeParseEvent } from './events/parse.js';
export type { ParseEventResult } from './events/parse.js';
export type {
  EventInput,
  LoyaltyEvent,
  PurchaseEvent,
  RefundEvent,
  AdjustmentEvent,
  TickEvent,
} from './events/schema.js';

// Member state and the pure step
export { newMemberState, balanceOf } from './member/state.js';
export type { MemberState, Lot, OrderRecord, OrderItem, EarnResult, MemberTotals } from './member/state.js';
export { evaluate, safeEvaluate } from './engine/evaluate.js';
export type { EvaluateResult, SafeEvaluateResult } from './engine/evaluate.js';
export { replay } from './engine/replay.js';
export type { ReplayOptions, ReplayResult, Rejection } from './engine/replay.js';
export { summarize } from './engine/summarize.js';
export type { PointsSummary, SummarizeOptions } from './engine/summarize.js';
export type { Effect, LedgerEntry, LedgerEntryKind } from './ledger/entry.js';

// Errors
export { LoyaltyError, ProgramError, EventError, isLoyaltyError, formatPath } from './errors/loyalty-error.js';
export type { Issue, LoyaltyErrorCode } from './errors/loyalty-error.js';

// Helpers
export { roundPoints } from './money/rounding.js';
export type { RoundingPolicy } from './money/rounding.js';
export type { LocalTime } from './time/local-time.js';
