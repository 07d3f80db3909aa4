// The routes: a thin layer over createEngine (writes) and the store plus the read views (reads).
// Errors are thrown and turned into answers in one place: http-errors.mjs.
import Fastify from 'fastify';
import { catalogFor, LoyaltyError, summarize, tierStatus } from 'loyalty-engine';
import { answerFor, installErrorHandler, refusalAnswer } from './http-errors.mjs';

/**
 * @typedef {object} AppOptions
 * @property {import('loyalty-engine').Engine} engine   writes: every event goes through engine.process
 * @property {import('loyalty-engine').Store} store     reads: the member's committed state
 * @property {(() => string) | undefined} [clock]         "now" for reads without ?at= and redemptions without `at`
 * @property {boolean | object} [logger]                fastify's logger option
 */

/**
 * The HTTP API as a fastify instance (not listening yet).
 * @param {AppOptions} options
 * @returns {import('fastify').FastifyInstance}
 */
export function buildApp({ engine, store, clock = () => new Date().toISOString(), logger = false }) {
  const app = Fastify({ logger });
  installErrorHandler(app);

  // Any event for the member: a purchase, a refund, an enrolment, a tick, …
  app.post('/members/:id/events', async (request, reply) => {
    const result = await engine.process(forMember(memberOf(request), request.body));
    if (result.status === 'duplicate') return reply.code(200).send({ status: 'duplicate', eventId: result.eventId });
    return reply.code(201).send({ status: 'applied', eventId: result.eventId, effects: result.effects });
  });

  // Points (summarize) and level (tierStatus) at ?at= (default now).
  app.get('/members/:id/summary', async (request, reply) => {
    const view = await readView(request);
    if ('status' in view) return reply.code(view.status).send(view.body);
    const { program, state, at } = view;
    return { memberId: state.memberId, points: summarize(program, state, at), tier: tierStatus(program, state, at) };
  });

  // Every listed reward, whether the member can redeem it now, and the next within reach.
  app.get('/members/:id/catalog', async (request, reply) => {
    const view = await readView(request);
    if ('status' in view) return reply.code(view.status).send(view.body);
    return catalogFor(view.program, view.state, view.at);
  });

  // { id, rewardId, quantity?, orderId?, at? }: a redemption event (`id` is the idempotency key).
  app.post('/members/:id/redemptions', async (request, reply) => {
    const memberId = memberOf(request);
    const body = request.body;
    const event = isObject(body) ? forMember(memberId, { at: clock(), ...body, type: 'redemption' }) : body;
    const result = await engine.process(event);
    if (result.status === 'duplicate') {
      // a retry of a redemption that went through gets its reward (and codes) again;
      // null: the first attempt was refused (refusals are not kept): send a new id to try again
      const record = (await store.load(memberId))?.redemptions[result.eventId];
      const redemption = record === undefined ? null : { rewardId: record.rewardId, quantity: record.quantity, points: record.points, codes: record.codes, at: record.at, reversedAt: record.reversedAt ?? null };
      return reply.code(200).send({ status: 'duplicate', eventId: result.eventId, redemption });
    }
    const refused = result.effects.find((e) => e.type === 'redemption_refused');
    if (refused !== undefined) {
      const { status, body: answer } = refusalAnswer(refused);
      return reply.code(status).send(answer);
    }
    const reward = result.effects.find((e) => e.type === 'reward_redeemed');
    const at = /** @type {{ at: string }} */ (event).at;
    const available = summarize(engine.programAt(at), result.state, at).available;
    return reply.code(201).send({ status: 'redeemed', eventId: result.eventId, reward, available });
  });

  /**
   * The member's committed state and the program in force at ?at=, or a 404 answer.
   * @param {import('fastify').FastifyRequest} request
   */
  async function readView(request) {
    const memberId = memberOf(request);
    const query = /** @type {{ at?: unknown }} */ (request.query ?? {});
    const at = typeof query.at === 'string' ? query.at : clock();
    if (Number.isNaN(Date.parse(at))) {
      throw new LoyaltyError('invalid_argument', `at ${JSON.stringify(at)} must be an ISO 8601 date-time with an offset`, {
        issues: [{ code: 'invalid_format', path: ['at'], message: 'must be an ISO 8601 date-time with an offset, e.g. 2024-03-01T10:00:00-06:00' }],
      });
    }
    const state = await store.load(memberId);
    if (state === undefined) return answerFor('unknown_member', `no events for member ${memberId}`, { details: { memberId } });
    return { program: engine.programAt(at), state, at };
  }

  return app;
}

/** @param {import('fastify').FastifyRequest} request */
function memberOf(request) {
  return /** @type {{ id: string }} */ (request.params).id;
}

/** @param {unknown} value @returns {value is Record<string, unknown>} */
function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The body as an event of the URL's member: `memberId` may be left out; a different one is refused.
 * Anything that is not an object goes to the engine as it is, to be refused with its issues.
 * @param {string} memberId
 * @param {unknown} body
 */
function forMember(memberId, body) {
  if (!isObject(body)) return body;
  if (body.memberId !== undefined && body.memberId !== memberId) {
    throw new LoyaltyError('member_mismatch', `the event is for member ${JSON.stringify(body.memberId)}, the URL for ${JSON.stringify(memberId)}`, {
      issues: [{ code: 'member_mismatch', path: ['memberId'], message: `must be ${JSON.stringify(memberId)} (the member in the URL) or left out` }],
    });
  }
  return { ...body, memberId };
}
