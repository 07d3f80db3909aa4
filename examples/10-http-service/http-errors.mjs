// The one place where errors become HTTP answers. Every error body has the same shape:
//   { "error": { "code": "…", "message": "…", "issues": [{ "code", "path", "message" }], "details": { … } } }
// `code` is the LoyaltyError code (or, for a refused redemption, the refusal reason), so clients
// branch on it, never on the message.
import { isLoyaltyError } from 'loyalty-engine';

/**
 * HTTP status per LoyaltyError code. Anything not listed is a 500: a bug or a broken deployment
 * (an invalid program, a corrupt state), not something the client can fix.
 * @type {Readonly<Record<string, number>>}
 */
export const ERROR_STATUS = Object.freeze({
  // the request itself is malformed: fix it and send again
  invalid_event: 400,
  invalid_argument: 400,
  member_mismatch: 400,
  // nothing here by that id
  unknown_member: 404,
  // the request conflicts with what is already recorded
  duplicate_order: 409,
  duplicate_event: 409,
  already_enrolled: 409,
  already_reversed: 409,
  membership_active: 409,
  commit_conflict: 409, // the member changed under 5 attempts: retry later
  // well-formed, but the program refuses it as it stands
  unknown_order: 422,
  unknown_item: 422,
  unknown_redemption: 422,
  unknown_plan: 422,
  unknown_level: 422,
  no_membership: 422,
  no_wallet: 422,
  currency_mismatch: 422,
  program_mismatch: 422,
  refund_window_closed: 422,
  refund_exceeds_order: 422,
  below_minimum: 422,
  insufficient_funds: 422,
  too_precise: 422,
  no_program_version: 422,
  referrals_not_declared: 422,
  self_referral: 422,
  // the database is down or refused: retry later
  store_failure: 503,
});

/**
 * HTTP status per redemption refusal reason (`redemption_refused` effects). 409: the member's
 * standing (points, level, limit, stock) does not allow it now, and may later; 422: the request
 * names something the catalog does not have, or misses the order a points payment needs.
 * @type {Readonly<Record<string, number>>}
 */
export const REFUSAL_STATUS = Object.freeze({
  insufficient_points: 409,
  tier_not_allowed: 409,
  limit_reached: 409,
  out_of_stock: 409,
  reward_not_active: 409,
  unknown_reward: 422,
  order_required: 422,
});

/**
 * The error body for a code.
 * @param {string} code
 * @param {string} message
 * @param {{ issues?: readonly unknown[], details?: Readonly<Record<string, unknown>> }} [extra]
 */
export function errorBody(code, message, extra = {}) {
  return { error: { code, message, issues: extra.issues ?? [], details: extra.details ?? {} } };
}

/**
 * The answer for a code of the table above.
 * @param {string} code
 * @param {string} message
 * @param {{ issues?: readonly unknown[], details?: Readonly<Record<string, unknown>> }} [extra]
 * @returns {{ status: number, body: ReturnType<typeof errorBody> }}
 */
export function answerFor(code, message, extra = {}) {
  return { status: ERROR_STATUS[code] ?? 500, body: errorBody(code, message, extra) };
}

/**
 * The answer to a refused redemption.
 * @param {{ rewardId: string, reason: string, details: Readonly<Record<string, unknown>> }} refusal
 * @returns {{ status: number, body: ReturnType<typeof errorBody> }}
 */
export function refusalAnswer(refusal) {
  return {
    status: REFUSAL_STATUS[refusal.reason] ?? 409,
    body: errorBody(refusal.reason, `redemption of ${refusal.rewardId} refused: ${refusal.reason}`, { details: { rewardId: refusal.rewardId, ...refusal.details } }),
  };
}

/**
 * The answer to anything a route threw.
 * @param {unknown} error
 * @returns {{ status: number, body: ReturnType<typeof errorBody> }}
 */
export function errorAnswer(error) {
  if (isLoyaltyError(error)) {
    const status = ERROR_STATUS[error.code] ?? 500;
    // a 500 does not show internals (a store failure's cause, a state's content) to the client
    if (status >= 500 && status !== 503) return { status, body: errorBody('internal_error', 'internal error') };
    const details = status === 503 ? {} : error.details;
    return { status, body: errorBody(error.code, error.message, { issues: error.issues, details }) };
  }
  const e = /** @type {{ statusCode?: unknown, code?: unknown, message?: unknown }} */ (error ?? {});
  // fastify's own 4xx: a body that is not JSON, an unsupported content type, a body too large
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    const code = e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(String(e.message)) ? 'invalid_json' : 'bad_request';
    return { status: e.statusCode, body: errorBody(code, String(e.message)) };
  }
  return { status: 500, body: errorBody('internal_error', 'internal error') };
}

/**
 * Installs the mapping as the app's error handler: routes just throw.
 * @param {import('fastify').FastifyInstance} app
 */
export function installErrorHandler(app) {
  app.setErrorHandler((error, request, reply) => {
    const { status, body } = errorAnswer(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(body);
  });
}
