import type { TopLevelCondition } from '../conditions/types.js';
import type { Grant } from './engagement-schema.js';
import type { ProgramDefinition } from './schema.js';

type Path = (string | number)[];
type Add = (code: string, path: Path, message: string) => void;
/** Checks a condition's facts in a context (rule facts, or item facts). */
type CheckCondition = (condition: TopLevelCondition, items: boolean, at: Path) => void;

/** Engagement: every grant gives something that exists; frequencies and cards make sense. */
export function checkEngagement(program: ProgramDefinition, add: Add, checkCondition: CheckCondition): void {
  const rewards = new Map(program.rewards?.catalog.map((r) => [r.id, r.kind]) ?? []);
  const grant = (g: Grant, at: Path, what: string): void => {
    if (g.points === undefined && g.walletCredit === undefined && g.reward === undefined) {
      add('missing_field', at, `${what} gives nothing: give "points", "walletCredit" or "reward"`);
    }
    if (g.walletCredit !== undefined && program.wallet === undefined) add('undeclared', ['wallet'], `${what} credits the wallet: declare the program's "wallet"`);
    const kind = g.reward === undefined ? undefined : rewards.get(g.reward);
    if (g.reward !== undefined && kind === undefined) {
      add('unknown_reference', [...at, 'reward'], program.rewards === undefined ? `${what} issues a reward: declare "rewards" (its codeSalt and catalog)` : `no catalog reward has the id "${g.reward}"`);
    } else if (kind === 'spin' || kind === 'points-payment') {
      add('invalid_reference', [...at, 'reward'], `${what} cannot give a ${kind} reward; it gives the reward's code, not a draw or a payment`);
    }
  };

  program.earn.forEach((rule, i) => {
    const at: Path = ['earn', i];
    if (rule.kind === 'activity' || rule.kind === 'welcome' || rule.kind === 'birthday') grant(rule, at, `${rule.kind} rule "${rule.id}"`);
    if (rule.kind === 'activity' && rule.frequency !== undefined) {
      const f = rule.frequency;
      if (f.per !== undefined && f.rollingDays !== undefined) add('invalid_rule', [...at, 'frequency'], 'give either "per" or "rollingDays", not both');
      if (f.per === undefined && f.rollingDays === undefined && f.distinct === undefined) {
        add('missing_field', [...at, 'frequency', 'per'], 'say how often: "per" (lifetime, day, week, month, year), "rollingDays" or "distinct"');
      }
    }
  });

  const cards = new Map<string, number>();
  program.stampCards?.forEach((card, i) => {
    const at: Path = ['stampCards', i];
    const first = cards.get(card.id);
    if (first !== undefined) add('duplicate_id', [...at, 'id'], `card id "${card.id}" is already used by stampCards[${first}]`);
    else cards.set(card.id, i);
    grant(card.reward, [...at, 'reward'], `stamp card "${card.id}"`);
    if (card.condition !== undefined) checkCondition(card.condition, false, [...at, 'condition']);
    if (card.items?.include !== undefined) checkCondition(card.items.include, true, [...at, 'items', 'include']);
    if (card.items?.exclude !== undefined) checkCondition(card.items.exclude, true, [...at, 'items', 'exclude']);
  });

  const referrals = program.referrals;
  if (referrals !== undefined) {
    if (referrals.onSignUp !== undefined) grant(referrals.onSignUp, ['referrals', 'onSignUp'], 'the referral sign-up bonus');
    if (referrals.onFirstPurchase !== undefined) grant(referrals.onFirstPurchase, ['referrals', 'onFirstPurchase'], 'the referral first-purchase bonus');
    if (referrals.referee !== undefined) grant(referrals.referee, ['referrals', 'referee'], "the referee's reward");
  }
  if (program.winBack?.reward !== undefined) grant(program.winBack.reward, ['winBack', 'reward'], 'the win-back reward');
}
