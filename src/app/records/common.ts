import type { AuditAction, AuditChange, AuditSubject } from '../../domain/audit.js';
import { seatsFromRoster } from '../../domain/bodies/seats-from-roster.js';
import { holdingsOn } from '../../domain/bodies/seats.js';
import type { Meeting } from '../../domain/meetings/meeting.js';
import type { Organisation } from '../../domain/organisations.js';
import type { Person } from '../../domain/people.js';
import type { DecisionBody, QuorumPolicy, RecordActor, SeatInput } from '../../domain/records/common.js';
import { decisionBodyOf } from '../../domain/records/common.js';
import type { PersonInfo } from '../../domain/records/minutes.js';
import { createRecord, type MeetingRecord } from '../../domain/records/record.js';
import { stockholmDate } from '../../domain/time.js';
import type { Actor } from '../kernel.js';
import type { Repositories } from '../repositories.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** What every records use case needs. */
export interface RecordsDeps {
  uow: UnitOfWork;
}

/** The roster person the domain checks permissions on. */
export const recordActor = (actor: Actor): RecordActor => actor.person;

/**
 * A body's seats on a date as the records need them: each ordinary seat with its holder, and as its substitutes the
 * holders of the constituency's substitute places (a substitute serves any seat of its constituency). Derived from the
 * roster until seats are stored as records of their own (src/domain/bodies/seats-from-roster.ts).
 */
export function recordSeats({ people, organisations, body, date }: { people: readonly Person[]; organisations: readonly Organisation[]; body: DecisionBody; date: string }): SeatInput[] {
  const { seats } = seatsFromRoster({ people, organisations, since: '2000-01-01' });
  const holdings = holdingsOn({ seats, body, date });
  const substitutes = (constituency: string) =>
    holdings.filter((h) => h.kind === 'substitute' && h.constituency === constituency && h.personId !== undefined).map((h) => h.personId as string);
  return holdings
    .filter((h) => h.kind === 'ordinary')
    .map((h) => ({ seatId: h.seatId, body, constituency: h.constituency, holderId: h.personId ?? null, substituteIds: substitutes(h.constituency) }));
}

/** The seats of the body that decides at this meeting (none for the yearly meeting). */
export function meetingSeats(repos: Repositories, meeting: Pick<Meeting, 'type' | 'start'>): SeatInput[] {
  const body = decisionBodyOf(meeting.type);
  if (!body) return [];
  return recordSeats({ people: repos.people.all(), organisations: repos.organisations.all(), body, date: stockholmDate(new Date(meeting.start)) });
}

/**
 * The quorum: the memo states none, so the default policy of src/domain/bodies/quorum.ts applies (more than half of the
 * ordinary seats), always shown as an assumption.
 */
export const quorumPolicy = (seats: readonly SeatInput[]): QuorumPolicy => ({ minSeats: Math.floor(seats.length / 2) + 1, assumption: true });

/** Names and organisations for the minutes, from the roster. */
export function personInfoOf(repos: Repositories): PersonInfo {
  const people = new Map(repos.people.all().map((p) => [p.aadObjectId.toLowerCase(), p]));
  return (id) => {
    const p = people.get(id);
    if (!p) return undefined;
    return { name: p.name, organisation: repos.organisations.get(p.organisationId)?.name ?? p.organisationId };
  };
}

/** The meeting's record, or a fresh empty one (not stored until the caller puts it). */
export const recordOf = (repos: Repositories, meeting: Pick<Meeting, 'id' | 'type'>, now: Date): MeetingRecord => repos.records.record(meeting.id) ?? createRecord({ meeting, now });

/** Records a leadership action in the same write as the change. */
export function audit(repos: Repositories, actor: Actor | null, now: Date, action: AuditAction, subject: AuditSubject, changes: readonly AuditChange[] = []): void {
  repos.audit.append({ at: now, actorId: actor ? actor.person.aadObjectId : 'stark-bot', action, subject, changes });
}

/** A write that was already made for this activity id: the caller shows the current state. */
export type Duplicate = 'duplicate';
