/** What each message kind carries, for the host to render it. */
export interface MessageData {
  readonly tier_reached: { readonly level: string; readonly name: string | null; readonly perks: readonly string[] };
  readonly tier_lost: { readonly from: string | null; readonly to: string | null };
  readonly tier_warning: { readonly level: string; readonly to: string | null; readonly on: string };
  readonly reward_unlocked: { readonly rewardId: string; readonly name: string | null; readonly cost: number; readonly available: number };
  readonly points_earned: { readonly points: number; readonly balance: number; readonly orderId: string | null };
  readonly points_expiring: { readonly points: number; readonly expiresAt: string; readonly balance: number };
  readonly win_back: { readonly daysInactive: number; readonly balance: number };
  /** The member's birthday (their own calendar), with what a birthday rule gave. */
  readonly birthday: { readonly date: string; readonly points: number; readonly rewardId: string | null; readonly code: string | null };
  readonly progress: { readonly level: string; readonly name: string | null; readonly missingSpend: string };
}
