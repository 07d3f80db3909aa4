/**
 * `loyalty-engine`: programs as data, and the pure step `evaluate(program, state, event)`
 * that returns the member's new state and the effects to record or send.
 *
 * @example
 * import { defineProgram, newMemberState, evaluate } from 'loyalty-engine';
 * const program = defineProgram(programJson);
 * const { state, effects } = evaluate(program, newMemberState(program, 'm1'), event);
 *
 * @packageDocumentation
 * @module loyalty-engine
 */
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
  CashbackRule,
  WalletDefinition,
  ExpiryPolicy,
  Caps,
  FirstPurchaseRule,
  ActivityRule,
  WelcomeRule,
  BirthdayRule,
} from './program/schema.js';
export type { Grant, Frequency, StampCard, ReferralsDefinition, WinBackDefinition } from './program/engagement-schema.js';
export type {
  TierCriterion,
  TierThreshold,
  TierMetric,
  TierWindow,
  DowngradePolicy,
  MembershipPlan,
  PlanPeriod,
} from './program/tiers-schema.js';
export type { Reward, RewardKind, RewardLimit, RewardsDefinition, SpinOutcome } from './program/rewards-schema.js';
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
  MembershipEvent,
  TierGrantEvent,
  RedemptionEvent,
  RedemptionReversalEvent,
  WalletDebitEvent,
  EnrollmentEvent,
  ActivityEvent,
  ReferralEvent,
} from './events/schema.js';

// Member state and the pure step
export { newMemberState, balanceOf } from './member/state.js';
export type { NewMemberOptions } from './member/state.js';
export type { RedemptionRecord, TakenPoints, CashbackResult } from './member/state.js';
export type { WalletState, WalletEntry, WalletEntryKind } from './wallet/state.js';
export type { MemberState, Lot, OrderRecord, OrderItem, EarnResult, MemberTotals } from './member/state.js';
export { evaluate, safeEvaluate } from './engine/evaluate.js';
export type { EvaluateResult, SafeEvaluateResult, EvaluateOptions } from './engine/evaluate.js';
export { replay } from './engine/replay.js';
export type { ReplayOptions, ReplayResult, Rejection } from './engine/replay.js';
export { summarize } from './engine/summarize.js';
export { tierStatus } from './tiers/status.js';
export { catalogFor } from './rewards/catalog-view.js';
export type { CatalogView, CatalogEntry } from './rewards/catalog-view.js';
export { rewardCode, CODE_ALPHABET } from './rewards/codes.js';
export { referralCode } from './engagement/referral-code.js';
export { engagementStatus } from './engagement/status.js';
export type { EngagementStatus } from './engagement/status.js';
export type { EngagementState, CardState, Stamp, CompletedCard, Granted, ReferredBy, ReferralRecord } from './engagement/state.js';
export type { TierStatus, LevelProgress } from './tiers/status.js';
export type { CriterionProgress, ThresholdProgress } from './tiers/criteria.js';
export type { TierState, TierGrant, DayBucket, LifetimeMetrics } from './tiers/state.js';
export type { TierChangeReason } from './tiers/policy.js';
export type { PointsSummary, SummarizeOptions } from './engine/summarize.js';
export type { LedgerEntry, LedgerEntryKind } from './ledger/entry.js';
export { ledgerEntries, effectId } from './engine/effects.js';
export type {
  StockMove,
  RewardRedeemedEffect,
  RedemptionRefusedEffect,
  RedemptionReversedEffect,
  RefusalReason,
  SpinResultEffect,
  MessageEffect,
  RewardSource,
  RewardRevokedEffect,
  OutgoingEventEffect,
  ReferralRefusedEffect,
  ReferralRefusal,
  NotEarnedEffect,
  NotEarnedReason,
  StampCardEffect,
  WinBackEffect,
} from './engine/effects.js';
export type { MessageData } from './messages/types.js';
export type { MessageState } from './messages/state.js';
export type { MessageKind, MessagesDefinition } from './program/messages-schema.js';
export type { Effect, EffectBase, LedgerEffect, WalletEffect, TierChangedEffect, TierWarningEffect, RewardIssuedEffect } from './engine/effects.js';

// The engine at the edge: stores, notifier, inventory
export { createEngine } from './edge/engine.js';
export type { Engine, EngineOptions, ProcessResult, FlushResult } from './edge/engine.js';
export type { ProgramVersion } from './edge/versions.js';
export { MemoryStore, MemoryInventory } from './edge/memory-store.js';
export type { Store, Notifier, Inventory, OutboxItem, CommitInput, CommitResult, MaybePromise } from './edge/ports.js';

// Errors
export { LoyaltyError, ProgramError, EventError, isLoyaltyError, formatPath } from './errors/loyalty-error.js';
export type { Issue, LoyaltyErrorCode } from './errors/loyalty-error.js';

// Helpers
export { roundPoints } from './money/rounding.js';
export { minorUnits } from './money/currency.js';
export type { RoundingPolicy } from './money/rounding.js';
export type { LocalTime } from './time/local-time.js';
