import type { ActivityEvent, EnrollmentEvent } from '../events/schema.js';

/** The `event` fact of an activity: its name and attributes, for conditions. */
export function activityFact(event: ActivityEvent): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    memberId: event.memberId,
    at: event.at,
    name: event.name,
    ...(event.attributes === undefined ? {} : { attributes: event.attributes }),
  };
}

/** The `event` fact of an enrolment: `referred` tells whether it carried a referral code that was accepted. */
export function enrollmentFact(event: EnrollmentEvent, referred: boolean): Record<string, unknown> {
  return {
    id: event.id,
    type: event.type,
    memberId: event.memberId,
    at: event.at,
    referred,
    ...(event.birthday === undefined ? {} : { birthday: event.birthday }),
    ...(event.profile === undefined ? {} : { profile: event.profile }),
  };
}

/** The `event` fact of any other event (a tick reaching a birthday, …): its envelope. */
export function envelopeFact(event: { readonly id: string; readonly type: string; readonly memberId: string; readonly at: string }): Record<string, unknown> {
  return { id: event.id, type: event.type, memberId: event.memberId, at: event.at };
}
