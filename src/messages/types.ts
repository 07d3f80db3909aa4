/** What each message kind carries, for the host to render it. */
export interface MessageData {
  /** The level in force went up: the new level, its name and perks. */
  readonly tier_reached: {
    /** The level reached. */
    readonly level: string;
    /** Its name. */
    readonly name: string | null;
    /** Its perks. */
    readonly perks: readonly string[];
  };
  /** The level in force went down: from, to (`null`: none). */
  readonly tier_lost: {
    /** The level lost. */
    readonly from: string | null;
    /** The level now (`null`: none). */
    readonly to: string | null;
  };
  /** A coming downgrade: the level held, the one it drops to, and when (UTC ISO). */
  readonly tier_warning: {
    /** The level held. */
    readonly level: string;
    /** The level it drops to (`null`: none). */
    readonly to: string | null;
    /** When (UTC ISO). */
    readonly on: string;
  };
  /** Available points reached a listed reward's cost. */
  readonly reward_unlocked: {
    /** The reward. */
    readonly rewardId: string;
    /** Its name. */
    readonly name: string | null;
    /** Its cost in points. */
    readonly cost: number;
    /** The member's available points. */
    readonly available: number;
  };
  /** Points earned by the event, the new balance, and the order if any. */
  readonly points_earned: {
    /** Points earned. */
    readonly points: number;
    /** The balance after. */
    readonly balance: number;
    /** The order, if a purchase earned them. */
    readonly orderId: string | null;
  };
  /** A lot's points expiring soon, when, and the balance. */
  readonly points_expiring: {
    /** Points expiring. */
    readonly points: number;
    /** When (UTC ISO). */
    readonly expiresAt: string;
    /** The balance now. */
    readonly balance: number;
  };
  /** The member has been inactive so many days; their balance. */
  readonly win_back: {
    /** Whole days since the last activity. */
    readonly daysInactive: number;
    /** The balance now. */
    readonly balance: number;
  };
  /** The member's birthday (their own calendar), with what a birthday rule gave. */
  readonly birthday: {
    /** The birthday's date (`YYYY-MM-DD`; last year's when a window runs into the new year). */
    readonly date: string;
    /** Points the birthday rules gave (0 without one). */
    readonly points: number;
    /** The reward issued, if any. */
    readonly rewardId: string | null;
    /** Its code. */
    readonly code: string | null;
  };
  /** The next level is `missingSpend` of spend away. */
  readonly progress: {
    /** The next level. */
    readonly level: string;
    /** Its name. */
    readonly name: string | null;
    /** Spend still needed, a decimal string. */
    readonly missingSpend: string;
  };
}
