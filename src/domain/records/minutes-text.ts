import type { MeetingType } from '../meetings/meeting.js';
import { formatStockholm } from '../time.js';
import type { DecisionBody } from './common.js';
import { OTHER_ITEM_KEY, type Guest, type MinutesDocument, type MinutesPerson, type QuorumSnapshot, type Signatory } from './record.js';

/**
 * The minutes as plain text (the message beside the PDF/.docx, the registrar's copy). Every word comes from the
 * caller's labels (the catalogue), so the domain holds no language; dates and times are handed over as Stockholm
 * calendar values ("2027-04-13", "09:00") for the labels to word.
 */
export interface MinutesTextLabels {
  title: (p: { meetingTitle: string; meetingType: MeetingType }) => string;
  when: (p: { date: string; start: string; end: string }) => string;
  place: (p: { place: string }) => string;
  online: (p: { url: string }) => string;
  attendanceHeading: string;
  attendanceNotRecorded: string;
  present: string;
  absent: string;
  unknown: string;
  guests: string;
  person: (p: { name: string; organisation: string }) => string;
  substitute: (p: { name: string; organisation: string; forName?: string | undefined; constituency?: string | undefined }) => string;
  guest: (p: Guest) => string;
  quorum: (p: QuorumSnapshot) => string;
  item: (p: { number: number; title: string }) => string;
  otherItem: string;
  decision: (p: { body: DecisionBody; year: number; number: number; text: string; status: 'valid' | 'withdrawn' | 'superseded' }) => string;
  decisionNeeds: (p: { needNumbers: number[] }) => string;
  action: (p: { title: string; ownerName: string; dueDate: string }) => string;
  draft: (p: { version: number }) => string;
  justerat: (p: { date: string; signatories: readonly Signatory[] }) => string;
}

const indent = (text: string, by = '  '): string => text.split('\n').map((l) => (l === '' ? l : by + l)).join('\n');

/** The minutes as text: heading, time and place, attendance, then each section with notes, decisions and actions. */
export function renderMinutesText({
  document,
  version,
  justerat,
  labels,
}: {
  document: MinutesDocument;
  version: number;
  /** Present once the minutes are approved: their date and the names. */
  justerat: { date: string; signatories: readonly Signatory[] } | null;
  labels: MinutesTextLabels;
}): string {
  const m = document.meeting;
  const start = new Date(m.start);
  const out: string[] = [labels.title({ meetingTitle: m.title, meetingType: m.type })];
  out.push(labels.when({ date: formatStockholm(start, 'yyyy-MM-dd'), start: formatStockholm(start, 'HH:mm'), end: formatStockholm(new Date(m.end), 'HH:mm') }));
  if (m.place) out.push(labels.place({ place: m.place }));
  if (m.onlineUrl) out.push(labels.online({ url: m.onlineUrl }));
  out.push(justerat ? labels.justerat(justerat) : labels.draft({ version }));

  const a = document.attendance;
  out.push('', labels.attendanceHeading);
  if (!a.recorded) out.push(labels.attendanceNotRecorded);
  else {
    const line = (p: MinutesPerson) => (p.role === 'substitute' ? labels.substitute(p) : labels.person(p));
    const group = (heading: string, people: readonly MinutesPerson[]) => {
      if (people.length > 0) out.push(`${heading}:`, ...people.map((p) => `- ${line(p)}`));
    };
    group(labels.present, a.present);
    group(labels.absent, a.absent);
    group(labels.unknown, a.unknown);
    if (a.guests.length > 0) out.push(`${labels.guests}:`, ...a.guests.map((g) => `- ${labels.guest(g)}`));
    if (a.quorum && a.quorum.status !== 'notApplicable') out.push(labels.quorum(a.quorum));
  }

  let number = 0;
  for (const item of document.items) {
    const heading = item.key === OTHER_ITEM_KEY ? labels.otherItem : labels.item({ number: ++number, title: item.title });
    out.push('', heading);
    if (item.notes !== '') out.push(indent(item.notes));
    for (const d of item.decisions) {
      out.push(indent(labels.decision(d)));
      if (d.needNumbers.length > 0) out.push(indent(labels.decisionNeeds({ needNumbers: d.needNumbers })));
    }
    for (const act of item.actions) out.push(indent(`- ${labels.action(act)}`));
  }
  return `${out.join('\n')}\n`;
}
