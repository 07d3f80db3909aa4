import { z } from 'zod';
import { isForbiddenKey } from '../conditions/path.js';
import { validateCondition } from '../conditions/validate.js';
import type { TopLevelCondition } from '../conditions/types.js';
import { DECIMAL_PATTERN, Dec, MAX_AMOUNT } from '../money/decimal.js';

/** An identifier for a program, rule or named condition. */
export const Identifier = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'use letters, digits, "_", "-", "." or ":" (at most 128), starting with a letter or digit')
  .refine((s) => !isForbiddenKey(s), { message: 'this name is reserved', params: { code: 'forbidden_key' } });

/**
 * A non-negative decimal given as a string (`"120.50"`) or a number (converted
 * exactly from its shortest representation). Output: a plain decimal string.
 */
export const DecimalInput = z
  .union(
    [
      z.string().regex(DECIMAL_PATTERN, 'must be a plain decimal string such as "120.50" (no sign, comma or exponent)'),
      z.number(),
    ],
    // neither a string nor a number (`true`, `null`, an object): zod's own message is "Invalid input"
    { error: 'must be a decimal string such as "120.50" or a number' },
  )
  .transform((value, ctx) => {
    // a string the pattern accepted has at most 15 integer digits and 12 decimals: within bounds, and
    // written in canonical form without decimal.js (parsing amounts is a tenth of a purchase's cost)
    if (typeof value === 'string') return canonicalDecimal(value);
    if (typeof value === 'number' && (!Number.isFinite(value) || value < 0)) {
      ctx.addIssue({ code: 'custom', message: 'must be a finite, non-negative number', input: value, params: { code: 'invalid_number' } });
      return z.NEVER;
    }
    const d = new Dec(value);
    if (d.decimalPlaces() > 12) {
      ctx.addIssue({ code: 'custom', message: 'must have at most 12 decimal places', input: value, params: { code: 'too_precise' } });
      return z.NEVER;
    }
    if (d.gte(MAX_AMOUNT)) {
      ctx.addIssue({ code: 'custom', message: 'must be less than 10^15', input: value, params: { code: 'too_big' } });
      return z.NEVER;
    }
    return d.toFixed();
  });

/** `"007.50"` → `"7.5"`, `"0.000"` → `"0"`: what `new Decimal(s).toFixed()` gives, for a string of {@link DECIMAL_PATTERN}. */
export function canonicalDecimal(s: string): string {
  const dot = s.indexOf('.');
  let int = dot < 0 ? s : s.slice(0, dot);
  let frac = dot < 0 ? '' : s.slice(dot + 1);
  let i = 0;
  while (i < int.length - 1 && int[i] === '0') i++;
  int = int.slice(i);
  let j = frac.length;
  while (j > 0 && frac[j - 1] === '0') j--;
  frac = frac.slice(0, j);
  return frac === '' ? int : `${int}.${frac}`;
}

export const PositiveDecimal = DecimalInput.refine((s) => /[1-9]/.test(s), { message: 'must be greater than zero', params: { code: 'too_small' } });

export const PositiveInt = z.int().min(1).max(1_000_000_000);

/** A calendar date `YYYY-MM-DD`. */
export const LocalDate = z.iso.date();

/** An IANA time zone name such as `Europe/London`, spelt as IANA spells it. */
export const TimeZone = z.string().superRefine((name, ctx) => {
  const resolved = resolveTimeZone(name);
  if (resolved === undefined) {
    ctx.addIssue({ code: 'custom', message: 'must be an IANA time zone such as "Europe/London"', input: name, params: { code: 'invalid_timezone' } });
  } else if (resolved !== name && resolved.toLowerCase() === name.toLowerCase()) {
    ctx.addIssue({ code: 'custom', message: `write the time zone as "${resolved}"`, input: name, params: { code: 'invalid_timezone' } });
  }
});

function resolveTimeZone(name: string): string | undefined {
  if (name.length === 0) return undefined;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
const KNOWN_CURRENCIES: ReadonlySet<string> | undefined =
  typeof Intl.supportedValuesOf === 'function' ? new Set(Intl.supportedValuesOf('currency')) : undefined;

/** An ISO 4217 currency code that this runtime knows (`GBP`, `EUR`, …). */
export const Currency = z
  .string()
  .regex(CURRENCY_CODE, 'must be an ISO 4217 code such as "GBP"')
  // only codes of the right form are looked up, so a malformed code gets one issue, not two
  .refine((code) => KNOWN_CURRENCIES === undefined || !CURRENCY_CODE.test(code) || KNOWN_CURRENCIES.has(code), {
    message: 'is not an ISO 4217 currency code',
    params: { code: 'invalid_currency' },
  });

/**
 * A json-rules-engine condition (root: all / any / not / condition). Checked by
 * our own walker so that every problem is reported with its exact path.
 */
export const ConditionSchema = z
  .custom<TopLevelCondition>(() => true)
  .superRefine((value, ctx) => {
    for (const issue of validateCondition(value, true)) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: [...issue.path], params: { code: issue.code }, input: value });
    }
  });

/**
 * Limits on points: per event, per calendar day, week (from Monday), month or
 * year in the program's time zone, and over the member's lifetime.
 */
export const CapsSchema = z.strictObject({
  /** At most this many points per event. */
  perEvent: PositiveInt.optional(),
  /** Per calendar day. */
  perDay: PositiveInt.optional(),
  /** Per calendar week, Monday to Sunday. */
  perWeek: PositiveInt.optional(),
  /** Per calendar month. */
  perMonth: PositiveInt.optional(),
  /** Per calendar year. */
  perYear: PositiveInt.optional(),
  /** Over the member's whole history. */
  lifetime: PositiveInt.optional(),
});

/** When a rule is in force, as calendar dates in the program's time zone (both inclusive). */
export const ActiveSchema = z.strictObject({
  /** The first day (`YYYY-MM-DD`). */
  from: LocalDate.optional(),
  /** The last day (`YYYY-MM-DD`). */
  until: LocalDate.optional(),
});

/** Which items of a purchase a rule looks at; conditions read the `item` fact. */
export const ItemFilterSchema = z.strictObject({
  /** Items for which this condition holds (default: every item). */
  include: ConditionSchema.optional(),
  /** Leaves out the items for which this condition holds. */
  exclude: ConditionSchema.optional(),
});
