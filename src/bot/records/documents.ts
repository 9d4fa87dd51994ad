import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { attendanceReport } from '../../domain/records/attendance-report.js';
import { renderMinutesText } from '../../domain/records/minutes-text.js';
import { currentVersion } from '../../domain/records/minutes.js';
import { stockholmDate, stockholmYear } from '../../domain/time.js';
import { can } from '../../domain/permissions.js';
import { findInvitee } from '../../domain/meetings/meeting.js';
import type { Catalogue } from '../../i18n/catalogue.js';
import { catalogueFor } from '../../i18n/catalogue.js';
import type { StoreDocument } from '../../store/schema.js';
import type { DownloadRoute } from '../feature.js';
import { toXlsx, type Sheet } from '../../outbound/spreadsheet.js';
import { refText } from '../../cards/records-card-parts.js';
import { MINUTES_DOWNLOAD, RECORDS_EXPORT_DOWNLOAD } from './render.js';

/**
 * The minutes as documents (.docx and plain text, written from the same structured minutes) and the registrar's
 * export (.xlsx: decisions, actions, attendance, attendance per organisation and year).
 */

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The minutes text as a Word document: the title as a heading, a section heading per agenda item, text as typed. */
export async function minutesDocx(text: string): Promise<Buffer> {
  const lines = text.replace(/\n$/, '').split('\n');
  const paragraphs = lines.map((line, i) => {
    if (i === 0) return new Paragraph({ text: line, heading: HeadingLevel.HEADING_1 });
    // A line right after a blank line starts a section (attendance, an agenda item).
    if (line !== '' && lines[i - 1] === '' && !line.startsWith(' ')) return new Paragraph({ text: line, heading: HeadingLevel.HEADING_2 });
    return new Paragraph({ children: [new TextRun(line)] });
  });
  const doc = new Document({ creator: 'STARK', title: lines[0] ?? '', sections: [{ children: paragraphs }] });
  return Packer.toBuffer(doc);
}

function minutesTextOf(doc: Readonly<StoreDocument>, meetingId: string, t: Catalogue): { text: string; date: string } | null {
  const record = doc.records.records.find((r) => r.meetingId === meetingId);
  const minutes = record?.minutes;
  if (!minutes) return null;
  const version = currentVersion(minutes);
  const text = renderMinutesText({ document: version.document, version: version.version, justerat: minutes.justerat ? { date: minutes.justerat.date, signatories: minutes.justerat.signatories } : null, labels: t.records.minutesText });
  return { text, date: stockholmDate(new Date(version.document.meeting.start)) };
}

export const minutesDownload: DownloadRoute = {
  kind: MINUTES_DOWNLOAD,
  async produce({ services, person, params, locale }) {
    const doc = services.store.doc;
    const meeting = doc.meetings.meetings.find((m) => m.id === params.meetingId);
    const record = doc.records.records.find((r) => r.meetingId === params.meetingId);
    if (!meeting || !record?.minutes) return null;
    const me = person.aadObjectId;
    const signatory = record.minutes.signatories.some((s) => s.personId === me);
    const justerat = record.minutes.status === 'justerat';
    // Leadership and the signatories see drafts; invitees the approved minutes only.
    if (!can(person, 'records.manage') && !signatory && !(justerat && findInvitee(meeting, me))) return null;
    const t = catalogueFor(locale);
    const made = minutesTextOf(doc, meeting.id, t);
    if (!made) return null;
    const name = t.records.docx.fileName({ date: made.date });
    if (params.format === 'txt') return { filename: `${name}.txt`, contentType: 'text/plain; charset=utf-8', body: made.text };
    return { filename: `${name}.docx`, contentType: DOCX, body: await minutesDocx(made.text) };
  },
};

/** The registrar's workbook: every decision, every action, the attendance of every meeting, and per organisation and year. */
export async function recordsWorkbook(doc: Readonly<StoreDocument>, t: Catalogue, now: Date): Promise<Buffer> {
  const c = t.records.docx.columns;
  const people = new Map(doc.people.map((p) => [p.aadObjectId.toLowerCase(), p]));
  const orgName = (id: string | null) => (id ? (doc.organisations.find((o) => o.id === id)?.name ?? id) : '');
  const meetingTitle = (id: string | undefined) => (id ? (doc.meetings.meetings.find((m) => m.id === id)?.title ?? id) : '');
  const decisions: Sheet = {
    name: t.records.docx.sheets.decisions,
    columns: [
      { key: 'ref', header: c.ref, width: 28 },
      { key: 'date', header: c.date, width: 12 },
      { key: 'meeting', header: c.meeting, width: 30 },
      { key: 'text', header: c.text, width: 80 },
      { key: 'needs', header: c.needs, width: 14 },
      { key: 'status', header: c.status, width: 12 },
      { key: 'final', header: c.final, width: 8 },
    ],
    rows: [...doc.records.decisions]
      .sort((a, b) => a.year - b.year || a.body.localeCompare(b.body) || a.number - b.number)
      .map((d) => ({
        ref: refText(t, d),
        date: stockholmDate(new Date(d.decidedAt)),
        meeting: d.origin.kind === 'meeting' ? meetingTitle(d.origin.meetingId) : t.records.decision.perCapsulam,
        text: d.text,
        needs: d.needNumbers.map((n) => `#${n}`).join(', '),
        status: t.records.decisionStatus[d.status],
        final: d.finalAt !== null ? t.records.docx.yes : t.records.docx.no,
      })),
  };
  const actions: Sheet = {
    name: t.records.docx.sheets.actions,
    columns: [
      { key: 'action', header: c.action, width: 50 },
      { key: 'owner', header: c.owner, width: 24 },
      { key: 'due', header: c.due, width: 12 },
      { key: 'meeting', header: c.meeting, width: 30 },
      { key: 'ref', header: c.ref, width: 28 },
      { key: 'done', header: c.done, width: 12 },
      { key: 'comment', header: c.comment, width: 50 },
    ],
    rows: doc.records.actions.map((a) => {
      const d = a.decisionId ? doc.records.decisions.find((x) => x.id === a.decisionId) : undefined;
      return {
        action: a.title,
        owner: people.get(a.ownerId)?.name ?? a.ownerId,
        due: a.dueDate,
        meeting: meetingTitle(a.meetingId),
        ref: d ? refText(t, d) : '',
        done: a.completion ? stockholmDate(new Date(a.completion.at)) : '',
        comment: a.completion?.comment ?? '',
      };
    }),
  };
  const attendance: Sheet = {
    name: t.records.docx.sheets.attendance,
    columns: [
      { key: 'date', header: c.date, width: 12 },
      { key: 'meeting', header: c.meeting, width: 30 },
      { key: 'person', header: c.person, width: 26 },
      { key: 'organisation', header: c.organisation, width: 26 },
      { key: 'role', header: c.role, width: 16 },
      { key: 'seat', header: c.seat, width: 26 },
      { key: 'attendance', header: c.attendance, width: 14 },
    ],
    rows: doc.records.records.flatMap((r) => {
      const meeting = doc.meetings.meetings.find((m) => m.id === r.meetingId);
      return (r.attendance?.entries ?? []).map((e) => ({
        date: meeting ? stockholmDate(new Date(meeting.start)) : '',
        meeting: meeting?.title ?? r.meetingId,
        person: people.get(e.personId)?.name ?? e.personId,
        organisation: orgName(e.organisationId),
        role: e.role === 'other' ? '' : t.records.roles[e.role],
        seat: e.seatId ?? '',
        attendance: t.records.attendance.status[e.status],
      }));
    }),
  };
  const years = [...new Set(doc.meetings.meetings.map((m) => stockholmYear(new Date(m.start))))].sort();
  const perOrganisation: Sheet = {
    name: t.records.docx.sheets.perOrganisation,
    columns: [
      { key: 'year', header: c.year, width: 8 },
      { key: 'organisation', header: c.organisation, width: 30 },
      { key: 'expected', header: c.expected, width: 18 },
      { key: 'attended', header: c.attended, width: 18 },
      { key: 'present', header: c.present, width: 18 },
      { key: 'absent', header: c.absent, width: 18 },
    ],
    rows: years.flatMap((year) =>
      attendanceReport({ meetings: doc.meetings.meetings, records: doc.records.records, year, now }).organisations.map((o) => ({
        year,
        organisation: orgName(o.organisationId),
        expected: o.meetingsExpected,
        attended: o.meetingsAttended,
        present: o.peoplePresent,
        absent: o.peopleAbsent,
      })),
    ),
  };
  return toXlsx([decisions, actions, attendance, perOrganisation]);
}

export const recordsExportDownload: DownloadRoute = {
  kind: RECORDS_EXPORT_DOWNLOAD,
  audited: true,
  async produce({ services, person, locale }) {
    if (!can(person, 'records.manage')) return null;
    const t = catalogueFor(locale);
    const now = services.now();
    return { filename: `${t.records.docx.exportFileName({ date: stockholmDate(now) })}.xlsx`, contentType: XLSX, body: await recordsWorkbook(services.store.doc, t, now) };
  },
};
