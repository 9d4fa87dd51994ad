import { z } from 'zod';
import { dayWarnings, type DayWarning } from '../meetings/day-warnings.js';
import { isLocalDate } from '../meetings/local-date.js';
import { meetingTypeSchema, rsvpClosesAtDate } from '../meetings/meeting.js';
import { checkDetails, checkWhen, type DetailError } from '../meetings/schedule-form.js';
import { autoFinaliseSchema, POLL_LIMITS, pollDraftSchema, pollVisibilitySchema, type PollDraft } from './poll.js';

/** The form's rows of proposed times: `slot1Date`, `slot1Start`, `slot1End`, … up to `slot8End`. */
type Row = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
export const FORM_ROWS: readonly Row[] = [1, 2, 3, 4, 5, 6, 7, 8];
export type SlotPart = 'date' | 'start' | 'end';
export type SlotInputId = `slot${Row}${'Date' | 'Start' | 'End'}`;
export const slotInputId = (row: Row, part: SlotPart): SlotInputId => `slot${row}${part === 'date' ? 'Date' : part === 'start' ? 'Start' : 'End'}`;

// Card inputs arrive as strings (an empty input may be missing). The bounds are a little over the domain's limits, so
// a too-long text still comes back in the form with its problem named; far beyond them the payload is refused at
// the edge, since a form echoing it would outgrow Teams' card size.
const short = z.string().max(40).optional();
const slotShape = Object.fromEntries(FORM_ROWS.flatMap((row) => (['date', 'start', 'end'] as const).map((part) => [slotInputId(row, part), short]))) as Record<
  SlotInputId,
  typeof short
>;

/** The poll form card's inputs as they arrive, plus the "send anyway" flag. */
export const pollFormInputSchema = z.object({
  type: short,
  title: z.string().max(2 * POLL_LIMITS.title).optional(),
  place: z.string().max(2 * POLL_LIMITS.place).optional(),
  link: z.string().max(POLL_LIMITS.link + 100).optional(),
  agenda: z.string().max(2 * POLL_LIMITS.agenda).optional(),
  deadline: short,
  visibility: short,
  autoFinalise: short,
  ...slotShape,
  /** The leader saw the weekend/holiday warnings and keeps the times. A card may send it as a string. */
  override: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
});
export type PollFormInput = z.infer<typeof pollFormInputSchema>;

export type PollFormField = 'type' | 'title' | 'place' | 'link' | 'agenda' | 'deadline' | 'visibility' | 'autoFinalise' | SlotInputId;
/** The form's values, trimmed, to show again when the card comes back with errors or warnings. */
export type PollFormValues = Record<PollFormField, string>;

export type PollFormError =
  | { field: 'type'; reason: 'required' | 'invalid' }
  | DetailError
  | { field: 'deadline'; reason: 'required' | 'invalid' | 'inPast' | 'notBeforeSlots' }
  | { field: 'visibility'; reason: 'invalid' }
  | { field: 'autoFinalise'; reason: 'invalid' | 'notForYearlyMeeting' }
  /** Fewer than two rows filled in. */
  | { field: 'slots'; reason: 'tooFew'; min: number }
  /** A problem in one row: a part missing or malformed, a time that does not exist, in the past, ending before it starts, or the same as an earlier row. */
  | { field: 'slot'; row: Row; part: SlotPart; reason: 'required' | 'invalid' | 'nonexistentTime' | 'inPast' | 'notAfterStart' | 'duplicate' };

export type PollFormResult =
  | { ok: true; draft: PollDraft; warnings: DayWarning[] }
  | { ok: false; reason: 'invalid'; errors: PollFormError[]; warnings: DayWarning[]; values: PollFormValues }
  /** Valid, but a time falls on a weekend or holiday: show the warnings and a "send anyway" button that sends `override`. */
  | { ok: false; reason: 'needsOverride'; errors: []; warnings: DayWarning[]; values: PollFormValues };

/**
 * Validates the poll form. Every field is checked, so the card can show all problems at once, each under its input.
 * Rows left entirely empty are skipped (the card always shows eight); at least two must be filled. Each time must
 * lie after `now`; the deadline (a date; answers are taken until it ends) must not be over and must end no later than
 * the earliest proposed time starts. Visibility defaults to anonymous and automatic finalisation to off; the yearly
 * meeting cannot be finalised automatically, as it has no seats to cover.
 */
export function validatePollForm({ input, now }: { input: PollFormInput; now: Date }): PollFormResult {
  const trim = (s: string | undefined) => (s ?? '').trim();
  const slotValues = Object.fromEntries(
    FORM_ROWS.flatMap((row) => (['date', 'start', 'end'] as const).map((part) => [slotInputId(row, part), trim(input[slotInputId(row, part)])])),
  ) as Record<SlotInputId, string>;
  const values: PollFormValues = {
    ...slotValues,
    type: trim(input.type),
    title: trim(input.title),
    place: trim(input.place),
    link: trim(input.link),
    agenda: (input.agenda ?? '').replace(/\r\n/g, '\n').trim(),
    deadline: trim(input.deadline),
    visibility: trim(input.visibility),
    autoFinalise: trim(input.autoFinalise),
  };
  const override = input.override === true || input.override === 'true';
  const errors: PollFormError[] = [];

  const type = meetingTypeSchema.safeParse(values.type);
  if (!values.type) errors.push({ field: 'type', reason: 'required' });
  else if (!type.success) errors.push({ field: 'type', reason: 'invalid' });
  errors.push(...checkDetails(values));

  const visibility = pollVisibilitySchema.safeParse(values.visibility || 'anonymous');
  if (!visibility.success) errors.push({ field: 'visibility', reason: 'invalid' });
  const autoFinalise = autoFinaliseSchema.safeParse(values.autoFinalise || 'off');
  if (!autoFinalise.success) errors.push({ field: 'autoFinalise', reason: 'invalid' });
  else if (type.success && type.data === 'arlig-traff' && autoFinalise.data !== 'off') errors.push({ field: 'autoFinalise', reason: 'notForYearlyMeeting' });

  const slots: { date: string; start: string; end: string; startsAt: Date }[] = [];
  const seen = new Set<string>();
  const warnings: DayWarning[] = [];
  for (const row of FORM_ROWS) {
    const date = values[slotInputId(row, 'date')];
    const start = values[slotInputId(row, 'start')];
    const end = values[slotInputId(row, 'end')];
    if (!date && !start && !end) continue;
    const when = checkWhen({ date, start, end, now });
    for (const e of when.errors) errors.push({ field: 'slot', row, part: e.field, reason: e.reason });
    if (isLocalDate(date) && !warnings.some((w) => w.date === date)) warnings.push(...dayWarnings(date));
    if (when.errors.length > 0 || !when.start || !when.end) {
      slots.push({ date, start, end, startsAt: when.start ?? new Date(Number.NaN) });
      continue;
    }
    const key = `${date} ${start} ${end}`;
    if (seen.has(key)) errors.push({ field: 'slot', row, part: 'date', reason: 'duplicate' });
    seen.add(key);
    slots.push({ date, start, end, startsAt: when.start });
  }
  if (slots.length < POLL_LIMITS.minSlots) errors.push({ field: 'slots', reason: 'tooFew', min: POLL_LIMITS.minSlots });

  if (!values.deadline) errors.push({ field: 'deadline', reason: 'required' });
  else if (!isLocalDate(values.deadline)) errors.push({ field: 'deadline', reason: 'invalid' });
  else {
    const closes = rsvpClosesAtDate(values.deadline).getTime();
    const earliest = Math.min(...slots.map((s) => s.startsAt.getTime()).filter((t) => !Number.isNaN(t)));
    if (closes <= now.getTime()) errors.push({ field: 'deadline', reason: 'inPast' });
    else if (closes > earliest) errors.push({ field: 'deadline', reason: 'notBeforeSlots' });
  }

  if (errors.length > 0 || !type.success || !visibility.success || !autoFinalise.success) return { ok: false, reason: 'invalid', errors, warnings, values };
  if (warnings.length > 0 && !override) return { ok: false, reason: 'needsOverride', errors: [], warnings, values };
  const draft = pollDraftSchema.parse({
    type: type.data,
    title: values.title,
    ...(values.place ? { place: values.place } : {}),
    ...(values.link ? { onlineUrl: values.link } : {}),
    agenda: values.agenda,
    answerBy: values.deadline,
    visibility: visibility.data,
    autoFinalise: autoFinalise.data,
    slots: slots.map(({ date, start, end }) => ({ date, start, end })),
  });
  return { ok: true, draft, warnings };
}
