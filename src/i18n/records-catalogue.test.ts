import { describe, expect, it } from 'vitest';
import type { ActionUpdateResult, CreateActionResult } from '../domain/records/action.js';
import type { AgendaItemResult, PaperResult, RecordEditRefusal } from '../domain/records/agenda.js';
import type { AttendanceProblem, RecordAttendanceResult } from '../domain/records/attendance.js';
import type { ChangeDecisionRefusal, RecordDecisionResult } from '../domain/records/decision.js';
import type { ApproveMinutesResult, DraftMinutesResult, NameSignatoriesResult, RequestChangeResult } from '../domain/records/minutes.js';
import type { sendNotice } from '../domain/records/notice.js';
import type { AnswerPerCapsulamResult, ClosePerCapsulamResult, OpenPerCapsulamResult } from '../domain/records/per-capsulam.js';
import { catalogues } from './catalogue.js';

/** Every reason a records function can refuse with, and the catalogue entry that words it. */
type Reason<R> = R extends { ok: false; reason: infer X } ? X : never;
type Path = `${keyof (typeof catalogues.sv.records.refusals)}.${string}`;
const cover = <K extends string>(m: Record<K, Path>) => m;

// Each literal must name every reason exactly: a new reason in the domain fails the type check until it is worded.
const agenda = cover<RecordEditRefusal | Reason<AgendaItemResult> | Reason<PaperResult> | 'referenced' | 'hasPapers' | 'paperNotFound'>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  tooManyItems: 'agenda.tooManyItems',
  itemNotFound: 'agenda.itemNotFound',
  invalid: 'agenda.required',
  tooManyPapers: 'agenda.tooManyPapers',
  referenced: 'agenda.referenced',
  hasPapers: 'agenda.hasPapers',
  paperNotFound: 'agenda.paperNotFound',
});
const notice = cover<Reason<ReturnType<typeof sendNotice>> | 'nothingToAnnounce'>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  cancelled: 'common.cancelled',
  alreadySent: 'notice.alreadySent',
  agendaEmpty: 'notice.agendaEmpty',
  meetingStarted: 'notice.meetingStarted',
  nothingToAnnounce: 'notice.nothingToAnnounce',
});
const attendance = cover<Reason<RecordAttendanceResult> | AttendanceProblem['problem'] | 'organisationMissing' | 'guestTooLong'>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  cancelled: 'common.cancelled',
  meetingNotStarted: 'common.meetingNotStarted',
  invalid: 'attendance.guestInvalid',
  duplicatePerson: 'attendance.duplicatePerson',
  unknownSeat: 'attendance.unknownSeat',
  notSubstituteForSeat: 'attendance.notSubstituteForSeat',
  seatHolderPresent: 'attendance.seatHolderPresent',
  seatTakenTwice: 'attendance.seatTakenTwice',
  tooManyGuests: 'attendance.tooManyGuests',
  guestInvalid: 'attendance.guestInvalid',
  organisationMissing: 'attendance.organisationMissing',
  guestTooLong: 'attendance.guestTooLong',
});
const decision = cover<Reason<RecordDecisionResult> | ChangeDecisionRefusal | 'reasonRequired' | 'reasonTooLong'>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  cancelled: 'common.cancelled',
  meetingNotStarted: 'common.meetingNotStarted',
  bodyTakesNoDecisions: 'decision.bodyTakesNoDecisions',
  unknownAgendaItem: 'decision.unknownAgendaItem',
  tooManyNeeds: 'decision.tooManyNeeds',
  unknownNeeds: 'decision.unknownNeeds',
  supersededNotFound: 'decision.supersededNotFound',
  supersedesOtherBody: 'decision.supersedesOtherBody',
  supersedesNotValid: 'decision.supersedesNotValid',
  invalid: 'decision.textRequired',
  final: 'decision.final',
  notValid: 'decision.notValid',
  perCapsulam: 'decision.perCapsulam',
  reasonRequired: 'decision.reasonRequired',
  reasonTooLong: 'decision.reasonTooLong',
});
const perCapsulam = cover<Reason<OpenPerCapsulamResult> | Reason<AnswerPerCapsulamResult> | Reason<ClosePerCapsulamResult>>({
  forbidden: 'common.forbidden',
  deadlineNotAfterNow: 'perCapsulam.deadlineNotAfterNow',
  noSeats: 'perCapsulam.noSeats',
  tooManySeats: 'perCapsulam.tooManySeats',
  seatOfOtherBody: 'perCapsulam.seatOfOtherBody',
  duplicateSeat: 'perCapsulam.duplicateSeat',
  tooManyNeeds: 'decision.tooManyNeeds',
  unknownNeeds: 'decision.unknownNeeds',
  invalid: 'perCapsulam.proposalRequired',
  unknownSeat: 'perCapsulam.unknownSeat',
  closed: 'perCapsulam.closed',
  deadlinePassed: 'perCapsulam.deadlinePassed',
  alreadyClosed: 'perCapsulam.alreadyClosed',
  beforeDeadline: 'perCapsulam.beforeDeadline',
});
const action = cover<Reason<CreateActionResult> | Reason<ActionUpdateResult>>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  unknownAgendaItem: 'action.unknownAgendaItem',
  decisionNotValid: 'action.decisionNotValid',
  invalid: 'action.titleRequired',
  alreadyDone: 'action.alreadyDone',
  notDone: 'action.notDone',
  commentTooLong: 'action.commentTooLong',
});
const minutes = cover<Reason<DraftMinutesResult> | Reason<NameSignatoriesResult> | Reason<ApproveMinutesResult> | Reason<RequestChangeResult> | 'itemNotFound' | 'notesTooLong'>({
  forbidden: 'common.forbidden',
  locked: 'common.locked',
  cancelled: 'common.cancelled',
  meetingNotStarted: 'common.meetingNotStarted',
  noMinutes: 'minutes.noMinutes',
  itemNotFound: 'minutes.itemNotFound',
  notesTooLong: 'minutes.notesTooLong',
  chairRequired: 'minutes.chairRequired',
  adjusterCount: 'minutes.adjusterCount',
  samePersonTwice: 'minutes.samePersonTwice',
  unknownPerson: 'minutes.unknownPerson',
  notPresent: 'minutes.notPresent',
  alreadyJusterat: 'minutes.alreadyJusterat',
  versionChanged: 'minutes.versionChanged',
  commentRequired: 'minutes.commentRequired',
  commentTooLong: 'minutes.commentTooLong',
});

describe('the records catalogue words every refusal', () => {
  const all = { agenda, notice, attendance, decision, perCapsulam, action, minutes };
  for (const locale of ['sv', 'en'] as const) {
    it(`in ${locale}: each reason the domain gives has a text`, () => {
      const refusals = catalogues[locale].records.refusals as unknown as Record<string, Record<string, unknown>>;
      for (const [area, map] of Object.entries(all)) {
        for (const [reason, path] of Object.entries(map as Record<string, string>)) {
          const [section, key] = path.split('.') as [string, string];
          const entry = refusals[section]?.[key];
          const text = typeof entry === 'function' ? (entry as (p: Record<string, unknown>) => string)({ max: 1, name: 'N', seat: 'S', line: 1, needs: '#1', names: 'N', title: 'T' }) : entry;
          expect(typeof text === 'string' && text.length > 0, `${locale} ${area}.${reason} → ${path}`).toBe(true);
        }
      }
    });
  }
});
