import { z } from 'zod';
import { formatStockholm } from '../time.js';
import { dayWarnings, type DayWarning } from './day-warnings.js';
import { isLocalDate, isLocalTime, tryStockholmInstant } from './local-date.js';
import { LIMITS, meetingDraftSchema, meetingTypeSchema, rsvpClosesAtDate, type MeetingDraft } from './meeting.js';

/** The scheduling card's inputs as they arrive: strings (an empty input may be missing), plus the override flag. */
export const scheduleFormInputSchema = z.object({
  type: z.string().optional(),
  title: z.string().optional(),
  date: z.string().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  place: z.string().optional(),
  link: z.string().optional(),
  agenda: z.string().optional(),
  deadline: z.string().optional(),
  /** "Book anyway": the leader saw the weekend/holiday warning and keeps the date. A card may send it as a string. */
  override: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});
export type ScheduleFormInput = z.infer<typeof scheduleFormInputSchema>;

export type ScheduleField = 'type' | 'title' | 'date' | 'start' | 'end' | 'place' | 'link' | 'agenda' | 'deadline';

export type ScheduleFieldError =
  | { field: 'type'; reason: 'required' | 'invalid' }
  | { field: 'title'; reason: 'required' }
  | { field: 'title' | 'place' | 'link' | 'agenda'; reason: 'tooLong'; max: number }
  | { field: 'date'; reason: 'required' | 'invalid' | 'inPast' }
  | { field: 'start' | 'end'; reason: 'required' | 'invalid' | 'nonexistentTime' }
  | { field: 'end'; reason: 'notAfterStart' }
  | { field: 'place'; reason: 'placeOrLinkRequired' }
  | { field: 'link'; reason: 'invalid' | 'notHttps' }
  | { field: 'deadline'; reason: 'required' | 'invalid' | 'notBeforeMeeting' | 'inPast' };

/** The form's values, trimmed, to show again when the card comes back with errors or a warning. */
export type ScheduleFormValues = Record<ScheduleField, string>;

export type ScheduleFormResult =
  | { ok: true; draft: MeetingDraft; warnings: DayWarning[] }
  | { ok: false; reason: 'invalid'; errors: ScheduleFieldError[]; warnings: DayWarning[]; values: ScheduleFormValues }
  /** Valid, but on a weekend or holiday: show the warnings and a "book anyway" button that sends `override`. */
  | { ok: false; reason: 'needsOverride'; errors: []; warnings: DayWarning[]; values: ScheduleFormValues };

/**
 * Validates the scheduling card. Every field is checked, so the card can show all problems at once. The meeting
 * must start after `now`, end after it starts (same day), and the RSVP deadline (a date; answers are taken until it
 * ends) must end no later than the meeting starts and not already be over.
 */
export function validateScheduleForm({ input, now }: { input: ScheduleFormInput; now: Date }): ScheduleFormResult {
  const v: ScheduleFormValues = {
    type: (input.type ?? '').trim(),
    title: (input.title ?? '').trim(),
    date: (input.date ?? '').trim(),
    start: (input.start ?? '').trim(),
    end: (input.end ?? '').trim(),
    place: (input.place ?? '').trim(),
    link: (input.link ?? '').trim(),
    // Keep the agenda's line breaks; only drop surrounding blank space.
    agenda: (input.agenda ?? '').replace(/\r\n/g, '\n').trim(),
    deadline: (input.deadline ?? '').trim(),
  };
  const override = input.override === true || input.override === 'true';
  const errors: ScheduleFieldError[] = [];

  const type = meetingTypeSchema.safeParse(v.type);
  if (!v.type) errors.push({ field: 'type', reason: 'required' });
  else if (!type.success) errors.push({ field: 'type', reason: 'invalid' });

  const when = checkWhen({ date: v.date, start: v.start, end: v.end, now });
  errors.push(...when.errors);
  const { start, end } = when;
  errors.push(...checkDetails(v));

  if (!v.deadline) errors.push({ field: 'deadline', reason: 'required' });
  else if (!isLocalDate(v.deadline)) errors.push({ field: 'deadline', reason: 'invalid' });
  else {
    const closes = rsvpClosesAtDate(v.deadline);
    if (closes.getTime() <= now.getTime()) errors.push({ field: 'deadline', reason: 'inPast' });
    else if (start && closes.getTime() > start.getTime()) errors.push({ field: 'deadline', reason: 'notBeforeMeeting' });
  }

  const warnings = isLocalDate(v.date) ? dayWarnings(v.date) : [];
  if (errors.length > 0 || !start || !end || !type.success) return { ok: false, reason: 'invalid', errors, warnings, values: v };
  if (warnings.length > 0 && !override) return { ok: false, reason: 'needsOverride', errors: [], warnings, values: v };

  const draft = meetingDraftSchema.parse({
    type: type.data,
    title: v.title,
    start: start.toISOString(),
    end: end.toISOString(),
    ...(v.place ? { place: v.place } : {}),
    ...(v.link ? { onlineUrl: v.link } : {}),
    agenda: v.agenda,
    rsvpBy: v.deadline,
  });
  return { ok: true, draft, warnings };
}

/** What can be wrong with a date and a start and end time (Stockholm), wherever a form asks for them. */
export type WhenError = Extract<ScheduleFieldError, { field: 'date' | 'start' | 'end' }>;

/**
 * Checks a date with a start and end time as typed: each is present and well-formed, the times exist that day in
 * Stockholm (not skipped by the spring switch), the start is after `now`, the end after the start (same day).
 */
export function checkWhen({ date, start: startTime, end: endTime, now }: { date: string; start: string; end: string; now: Date }): {
  errors: WhenError[];
  start?: Date | undefined;
  end?: Date | undefined;
} {
  const errors: WhenError[] = [];
  const dateOk = isLocalDate(date);
  if (!date) errors.push({ field: 'date', reason: 'required' });
  else if (!dateOk) errors.push({ field: 'date', reason: 'invalid' });
  const instantFor = (field: 'start' | 'end', time: string): Date | undefined => {
    if (!time) errors.push({ field, reason: 'required' });
    else if (!isLocalTime(time)) errors.push({ field, reason: 'invalid' });
    else if (dateOk) {
      const at = tryStockholmInstant(date, time);
      if (!at) errors.push({ field, reason: 'nonexistentTime' });
      return at;
    }
    return undefined;
  };
  const start = instantFor('start', startTime);
  const end = instantFor('end', endTime);
  if (start && start.getTime() <= now.getTime()) errors.push({ field: 'date', reason: 'inPast' });
  if (start && end && end.getTime() <= start.getTime()) errors.push({ field: 'end', reason: 'notAfterStart' });
  return { errors, start, end };
}

export type DetailError = Extract<ScheduleFieldError, { field: 'title' | 'place' | 'link' | 'agenda' }>;

/** Checks a meeting's title, place and/or link, and agenda (trimmed) against the meeting's limits. */
export function checkDetails(v: { title: string; place: string; link: string; agenda: string }): DetailError[] {
  const errors: DetailError[] = [];
  if (!v.title) errors.push({ field: 'title', reason: 'required' });
  else if (v.title.length > LIMITS.title) errors.push({ field: 'title', reason: 'tooLong', max: LIMITS.title });

  if (v.place.length > LIMITS.place) errors.push({ field: 'place', reason: 'tooLong', max: LIMITS.place });
  if (!v.place && !v.link) errors.push({ field: 'place', reason: 'placeOrLinkRequired' });

  if (v.link) {
    if (v.link.length > LIMITS.link) errors.push({ field: 'link', reason: 'tooLong', max: LIMITS.link });
    else {
      const url = URL.canParse(v.link) ? new URL(v.link) : undefined;
      if (!url || !url.hostname) errors.push({ field: 'link', reason: 'invalid' });
      else if (url.protocol !== 'https:') errors.push({ field: 'link', reason: 'notHttps' });
    }
  }

  if (v.agenda.length > LIMITS.agenda) errors.push({ field: 'agenda', reason: 'tooLong', max: LIMITS.agenda });
  return errors;
}

/** The form's values for a meeting being changed, to prefill the scheduling card. */
export function formValuesOf(draft: MeetingDraft): ScheduleFormValues {
  const at = (iso: string, pattern: string): string => formatStockholm(new Date(iso), pattern);
  return {
    type: draft.type,
    title: draft.title,
    date: at(draft.start, 'yyyy-MM-dd'),
    start: at(draft.start, 'HH:mm'),
    end: at(draft.end, 'HH:mm'),
    place: draft.place ?? '',
    link: draft.onlineUrl ?? '',
    agenda: draft.agenda,
    deadline: draft.rsvpBy,
  };
}
