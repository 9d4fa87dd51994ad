import { createMeeting, meetingDraftSchema, type Meeting, type MeetingDraft } from '../meetings/meeting.js';
import { recordAnswer } from '../meetings/rsvp.js';
import { personSchema, type Person } from '../people.js';
import { stockholmInstant } from '../time.js';
import type { QuorumPolicy, RecordActor, SeatInput } from './common.js';
import { addAgendaItem } from './agenda.js';
import { createRecord, type MeetingRecord } from './record.js';

/** Shared test data for the records tests (not used by production code). */

/**
 * The part of the demo roster (data/demo-roster.json) the records tests use: the Programråd, its substitute, a member
 * of staff, programme leadership and a länsråd. Copied, since domain code may not import from data/.
 */
export const roster: Person[] = personSchema.array().parse([
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000020",
    "name": "Erik Demoberg",
    "organisationId": "vasteras",
    "title": "Kommundirektör",
    "roles": [
      "director",
      "programrad"
    ],
    "directorTitle": "kommundirektor",
    "programrad": {
      "membership": "ordinary",
      "seat": "vastmanland"
    },
    "email": "erik.demoberg@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000021",
    "name": "Anna Provström",
    "organisationId": "mdu",
    "title": "Programledare STARK",
    "roles": [
      "leadership",
      "programrad"
    ],
    "programrad": {
      "membership": "ordinary",
      "seat": "mdu"
    },
    "email": "anna.provstrom@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000022",
    "name": "Maria Exempelsson",
    "organisationId": "region-vastmanland",
    "title": "Regiondirektör",
    "roles": [
      "director",
      "programrad"
    ],
    "directorTitle": "regiondirektor",
    "programrad": {
      "membership": "ordinary",
      "seat": "vastmanland"
    },
    "email": "maria.exempelsson@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000023",
    "name": "Lars Testlund",
    "organisationId": "koping",
    "title": "Kommundirektör",
    "roles": [
      "director",
      "programrad"
    ],
    "directorTitle": "kommundirektor",
    "programrad": {
      "membership": "substitute",
      "seat": "vastmanland"
    },
    "email": "lars.testlund@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000024",
    "name": "Karin Fiktivén",
    "organisationId": "sala",
    "title": "Ekonom",
    "roles": [
      "staff"
    ],
    "email": "karin.fiktiven@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000025",
    "name": "Anders Låtsasgren",
    "organisationId": "eskilstuna",
    "title": "Kommundirektör",
    "roles": [
      "director",
      "programrad",
      "programgrupp"
    ],
    "directorTitle": "kommundirektor",
    "programrad": {
      "membership": "ordinary",
      "seat": "sormland"
    },
    "email": "anders.latsasgren@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000026",
    "organisationId": "mdu",
    "title": "Biträdande programledare",
    "roles": [
      "leadership",
      "programgrupp"
    ],
    "name": "Eva Påhittsson",
    "email": "eva.pahittsson@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000027",
    "organisationId": "mdu",
    "title": "Prorektor",
    "roles": [
      "programrad"
    ],
    "programrad": {
      "membership": "ordinary",
      "seat": "mdu"
    },
    "name": "Johan Prövdahl",
    "email": "johan.provdahl@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000028",
    "organisationId": "mdu",
    "title": "Professor, statsvetenskap",
    "roles": [
      "programrad"
    ],
    "programrad": {
      "membership": "ordinary",
      "seat": "mdu"
    },
    "name": "Sara Skissberg",
    "email": "sara.skissberg@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000104",
    "organisationId": "region-sormland",
    "roles": [
      "director",
      "programrad"
    ],
    "title": "Regiondirektör",
    "directorTitle": "regiondirektor",
    "programrad": {
      "membership": "ordinary",
      "seat": "sormland"
    },
    "name": "Olof Försöksgren",
    "email": "olof.forsoksgren@demo.stark.example"
  },
  {
    "aadObjectId": "00000000-0000-0000-0000-000000000106",
    "organisationId": "lansstyrelsen-sodermanland",
    "roles": [
      "director"
    ],
    "title": "Länsråd",
    "directorTitle": "lansrad",
    "name": "Magnus Skenberg",
    "email": "magnus.skenberg@demo.stark.example"
  }
]);
export const id = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;
export const personById = (personId: string): Person => {
  const p = roster.find((x) => x.aadObjectId === personId);
  if (!p) throw new Error(`no ${personId} in the demo roster`);
  return p;
};
export const actor = (n: number): RecordActor => personById(id(n));

/** Programme leadership (Anna Provström, MDU). */
export const leadership = actor(21);
/** Västerås' director, Programråd ordinary member for Västmanland. */
export const erik = actor(20);
/** Region Västmanland's director, Programråd ordinary member for Västmanland. */
export const maria = actor(22);
/** Köping's director, Västmanland's Programråd substitute. */
export const lars = actor(23);
/** Eskilstuna's director, Programråd ordinary member for Sörmland. */
export const anders = actor(25);
export const staff = actor(24);

/** The Programråd as the seat model would hand it over: 3 MDU, 2 Västmanland (one substitute), 2 Sörmland. */
export const programradSeats: SeatInput[] = [
  { seatId: 'pr-mdu-1', body: 'programrad', constituency: 'mdu', holderId: id(21), substituteIds: [] },
  { seatId: 'pr-mdu-2', body: 'programrad', constituency: 'mdu', holderId: id(27), substituteIds: [] },
  { seatId: 'pr-mdu-3', body: 'programrad', constituency: 'mdu', holderId: id(28), substituteIds: [] },
  { seatId: 'pr-vastmanland-1', body: 'programrad', constituency: 'vastmanland', holderId: id(20), substituteIds: [id(23)] },
  { seatId: 'pr-vastmanland-2', body: 'programrad', constituency: 'vastmanland', holderId: id(22), substituteIds: [id(23)] },
  { seatId: 'pr-sormland-1', body: 'programrad', constituency: 'sormland', holderId: id(25), substituteIds: [] },
  { seatId: 'pr-sormland-2', body: 'programrad', constituency: 'sormland', holderId: id(104), substituteIds: [] },
];

/** An assumed quorum: more than half of the seven seats. */
export const quorum: QuorumPolicy = { minSeats: 4, assumption: true };

export const iso = (date: string, time: string): string => stockholmInstant(date, time).toISOString();
export const at = (date: string, time: string): Date => stockholmInstant(date, time);

/** Booked 2027-03-01; held Tuesday 2027-04-13 09:00–12:00 Stockholm time. */
export const BOOKED = at('2027-03-01', '10:00');
export const MEETING_START = at('2027-04-13', '09:00');

export function aMeeting(over: Partial<MeetingDraft> = {}, meetingId = 'm1'): Meeting {
  const draft = meetingDraftSchema.parse({
    type: 'programrad',
    title: 'Vårdialog med programledningen',
    start: iso('2027-04-13', '09:00'),
    end: iso('2027-04-13', '12:00'),
    place: 'MDU Västerås',
    agenda: '',
    rsvpBy: '2027-04-06',
    ...over,
  });
  return createMeeting({ id: meetingId, draft, organiserId: id(21), people: roster, now: BOOKED }).meeting;
}

/** The invitees answer; a Nej from a Västmanland member brings in the substitute (meetings' own rules). */
export function answered(meeting: Meeting, answers: ReadonlyArray<readonly [number, 'ja' | 'nej' | 'kanske']>, now = at('2027-03-10', '12:00')): Meeting {
  let m = meeting;
  for (const [n, value] of answers) {
    const r = recordAnswer({ meeting: m, personId: id(n), value, people: roster, now });
    if (!r.ok) throw new Error(`answer of ${n} refused: ${r.reason}`);
    m = r.meeting;
  }
  return m;
}

/** A record with the given agenda titles ("a1", "a2"… in order). */
export function aRecord(meeting: Meeting, titles: readonly string[] = ['Läget i programmen', 'Programplan 2028'], now = at('2027-03-20', '10:00')): MeetingRecord {
  let record = createRecord({ meeting, now });
  for (const title of titles) {
    const r = addAgendaItem({ record, item: { title }, actor: leadership, now });
    if (!r.ok) throw new Error(`agenda item refused: ${r.reason}`);
    record = r.record;
  }
  return record;
}

/** Names and organisations as the roster and organisations file give them. */
export const personInfo = (personId: string): { name: string; organisation: string } | undefined => {
  const p = roster.find((x) => x.aadObjectId === personId);
  return p ? { name: p.name, organisation: p.organisationId } : undefined;
};
