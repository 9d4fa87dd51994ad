import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../meetings/meeting.js';
import { aNeed } from '../needs/test-fixtures.js';
import { DAY_MS, defaultRetention, deliveryEntryExpired, formerMemberExpired, isOutsideWindow, retainMeetingComments, retainNeedContact, type RetentionPolicy } from './retention.js';

/** Instants between 2026 and 2032, to the millisecond. */
const instant = fc.integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2032-01-01T00:00:00Z') }).map((ms) => new Date(ms));
const windowDays = fc.integer({ min: 0, max: 1_000 });
const policyArb: fc.Arbitrary<RetentionPolicy> = fc.record({ rsvpComments: windowDays, deliveryLog: windowDays, closedNeedContacts: windowDays, formerMembers: windowDays });
/** "now" as an offset from the event: often right at the window's edge, where an off-by-one would show. */
const offsetFor = (days: number) => fc.oneof(fc.integer({ min: -5 * DAY_MS, max: 2_000 * DAY_MS }), fc.integer({ min: -2, max: 2 }).map((d) => days * DAY_MS + d));

function meeting(end: Date, comments: readonly (string | undefined)[]): Meeting {
  return {
    id: 'm1',
    type: 'programrad',
    title: 'Möte',
    start: new Date(end.getTime() - 3_600_000).toISOString(),
    end: end.toISOString(),
    place: 'MDU',
    agenda: '',
    rsvpBy: '2026-01-01',
    organiserId: '00000000-0000-0000-0000-000000000021',
    status: 'scheduled',
    sequence: 0,
    createdAt: end.toISOString(),
    updatedAt: end.toISOString(),
    invitees: comments.map((comment, i) => ({
      personId: `00000000-0000-0000-0000-${String(i).padStart(12, '0')}`,
      via: 'roster' as const,
      invitedAt: end.toISOString(),
      answer: { value: 'nej' as const, answeredAt: end.toISOString(), ...(comment !== undefined ? { comment } : {}) },
    })),
    removed: [],
  };
}

describe('retention windows (property tests over random dates)', () => {
  it('an instant is outside its window exactly when it is strictly older than the window', () => {
    fc.assert(
      fc.property(instant, windowDays, fc.integer({ min: -10 * DAY_MS, max: 2_000 * DAY_MS }), (at, days, offset) => {
        const now = new Date(at.getTime() + offset);
        expect(isOutsideWindow({ at, days, now })).toBe(offset > days * DAY_MS);
      }),
      { numRuns: 500 },
    );
  });

  it('RSVP comments: never cleared inside the window after the meeting, all cleared outside it, answers always kept; twice = once', () => {
    fc.assert(
      fc.property(instant, policyArb, fc.array(fc.option(fc.string({ minLength: 1, maxLength: 40 }), { nil: undefined }), { maxLength: 6 }), (end, policy, comments) =>
        fc.assert(
          fc.property(offsetFor(policy.rsvpComments), (offset) => {
            const now = new Date(end.getTime() + offset);
            const before = meeting(end, comments);
            const { meeting: after, cleared } = retainMeetingComments({ meeting: before, policy, now });
            const outside = offset > policy.rsvpComments * DAY_MS;
            const had = comments.filter((c) => c !== undefined).length;
            if (outside) {
              expect(after.invitees.every((i) => i.answer?.comment === undefined)).toBe(true);
              expect(cleared).toBe(had);
            } else {
              expect(after).toBe(before);
              expect(cleared).toBe(0);
            }
            expect(after.invitees.map((i) => i.answer?.value)).toEqual(before.invitees.map((i) => i.answer?.value));
            expect(retainMeetingComments({ meeting: after, policy, now }).cleared).toBe(0);
          }),
          { numRuns: 5 },
        ),
      ),
      { numRuns: 200 },
    );
  });

  it('closed needs: the contact person stays inside the window and is replaced by the organisation outside it; open needs keep theirs', () => {
    fc.assert(
      fc.property(instant, policyArb, fc.boolean(), fc.integer({ min: -5 * DAY_MS, max: 2_000 * DAY_MS }), (closed, policy, isClosed, offset) => {
        const need = aNeed({
          state: isClosed ? { status: 'avslagen', motivation: 'Nej' } : { status: 'under-beredning' },
          submittedAt: new Date(closed.getTime() - DAY_MS),
          history: [
            { at: new Date(closed.getTime() - DAY_MS), by: '00000000-0000-0000-0000-000000000020', event: 'submitted', from: null, to: 'inkommen', text: '' },
            { at: closed, by: '00000000-0000-0000-0000-000000000021', event: 'transition', from: 'inkommen', to: isClosed ? 'avslagen' : 'under-beredning', text: '' },
          ],
        });
        const now = new Date(closed.getTime() + offset);
        const out = retainNeedContact({ need, policy, now, attribution: 'Västerås stad' });
        const outside = isClosed && offset > policy.closedNeedContacts * DAY_MS;
        expect(out.cleared).toBe(outside);
        expect(out.need.contact).toEqual(outside ? { name: 'Västerås stad' } : need.contact);
        expect(out.need.number).toBe(need.number);
        expect(retainNeedContact({ need: out.need, policy, now, attribution: 'Västerås stad' }).cleared).toBe(false);
      }),
      { numRuns: 500 },
    );
  });

  it('delivery log: pending entries always stay; done ones go exactly when their outcome is older than the window', () => {
    fc.assert(
      fc.property(instant, policyArb, fc.constantFrom('pending', 'sent', 'failed'), fc.integer({ min: -5 * DAY_MS, max: 400 * DAY_MS }), (done, policy, state, offset) => {
        const now = new Date(done.getTime() + offset);
        const expired = deliveryEntryExpired({ entry: { state, doneAt: done.getTime(), enqueuedAt: done.getTime() - 1_000 }, policy, now });
        expect(expired).toBe(state !== 'pending' && offset > policy.deliveryLog * DAY_MS);
      }),
      { numRuns: 500 },
    );
  });

  it('former members: someone in the roster is never dropped; someone gone is dropped exactly when they last wrote longer ago than the window', () => {
    fc.assert(
      fc.property(instant, policyArb, fc.boolean(), fc.integer({ min: -5 * DAY_MS, max: 400 * DAY_MS }), (seen, policy, inRoster, offset) => {
        const now = new Date(seen.getTime() + offset);
        expect(formerMemberExpired({ inRoster, lastSeen: seen, policy, now })).toBe(!inRoster && offset > policy.formerMembers * DAY_MS);
      }),
      { numRuns: 500 },
    );
  });

  it('has the defaults the README states', () => {
    expect(defaultRetention).toEqual({ rsvpComments: 90, deliveryLog: 30, closedNeedContacts: 730, formerMembers: 30 });
  });
});
