import type { DayWarning } from '../domain/meetings/day-warnings.js';
import { LIMITS, type MeetingType } from '../domain/meetings/meeting.js';
import type { ScheduleField, ScheduleFieldError, ScheduleFormValues } from '../domain/meetings/schedule-form.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { meetingVerbs } from './meeting-verbs.js';

export interface ScheduleCardModel {
  /** Present when changing an existing meeting; its type is then fixed. */
  change?: { meetingId: string; type: MeetingType };
  /** What to show in the inputs: the submitted values when the form comes back, or the meeting's when changing. */
  values: Partial<ScheduleFormValues>;
  errors: readonly ScheduleFieldError[];
  /** Weekend or holiday: shown with a "book anyway" button. */
  warnings: readonly DayWarning[];
  /** A new meeting's id, chosen when the form is first shown: submitting the same form twice books it once. */
  draftId?: string | undefined;
}

const TYPES: readonly MeetingType[] = ['programrad', 'programgrupp', 'arlig-traff'];

/** The catalogue text for a validation error. */
export function fieldErrorText(t: Catalogue, error: ScheduleFieldError): string {
  const e = t.meetings.form.errors;
  switch (error.reason) {
    case 'required':
      return e.required;
    case 'tooLong':
      return e.tooLong({ max: error.max });
    case 'inPast':
      return error.field === 'deadline' ? e.deadlineInPast : e.inPast;
    case 'invalid':
      switch (error.field) {
        case 'type':
          return e.invalidType;
        case 'date':
        case 'deadline':
          return e.invalidDate;
        case 'link':
          return e.invalidLink;
        default:
          return e.invalidTime;
      }
    case 'nonexistentTime':
      return e.nonexistentTime;
    case 'notAfterStart':
      return e.endNotAfterStart;
    case 'placeOrLinkRequired':
      return e.placeOrLinkRequired;
    case 'notHttps':
      return e.notHttps;
    case 'notBeforeMeeting':
      return e.deadlineNotBeforeMeeting;
  }
}

/** A warning's text; dates come as yyyy-MM-dd (what the leader typed). */
export function dayWarningText(t: Catalogue, w: DayWarning): string {
  const f = t.meetings.form;
  return w.kind === 'weekend' ? f.weekend({ date: w.date }) : f.holiday({ date: w.date, name: t.meetings.holidayName(w.name), official: w.official });
}

/**
 * The scheduling form (leadership only): type, title, date, start and end, place and/or link, agenda, reply-by date.
 * Returned with the values kept and each error under its field; a weekend or holiday shows a warning and a
 * "book anyway" button that sends the same inputs with `override: true`.
 */
export function meetingScheduleCard(model: ScheduleCardModel, t: Catalogue): AdaptiveCard {
  const f = t.meetings.form;
  const v = model.values;
  const errorsFor = (field: ScheduleField): CardElement[] =>
    model.errors.filter((e) => e.field === field).map((e) => ({ ...errorBlock(fieldErrorText(t, e)), spacing: 'None', size: 'Small', id: `error-${field}` }));
  const input = (field: ScheduleField, element: CardElement): CardElement[] => [
    { ...element, id: field, ...(v[field] ? { value: v[field] } : {}) },
    ...errorsFor(field),
  ];

  const body: CardElement[] = [heading(model.change ? f.headingChange : f.headingNew)];
  if (model.change) body.push(textBlock(f.changeNote, { isSubtle: true, size: 'Small' }));
  if (model.errors.length > 0) body.push(errorBlock(f.errorsIntro));

  if (model.change) {
    body.push(textBlock(f.typeFixed({ type: t.meetings.types[model.change.type] })));
  } else {
    body.push(
      ...input('type', {
        type: 'Input.ChoiceSet',
        label: f.type,
        isRequired: true,
        errorMessage: f.errors.required,
        style: 'expanded',
        choices: TYPES.map((type) => ({ title: t.meetings.types[type], value: type })),
      }),
    );
  }
  body.push(
    ...input('title', { type: 'Input.Text', label: f.title, placeholder: f.titlePlaceholder, isRequired: true, errorMessage: f.errors.required, maxLength: LIMITS.title }),
    {
      type: 'ColumnSet',
      columns: [
        { type: 'Column', width: 'stretch', items: input('date', { type: 'Input.Date', label: f.date, isRequired: true, errorMessage: f.errors.required }) },
        { type: 'Column', width: 'stretch', items: input('start', { type: 'Input.Time', label: f.start, isRequired: true, errorMessage: f.errors.required }) },
        { type: 'Column', width: 'stretch', items: input('end', { type: 'Input.Time', label: f.end, isRequired: true, errorMessage: f.errors.required }) },
      ],
    },
    textBlock(f.placeOrLinkHint, { isSubtle: true, size: 'Small' }),
    ...input('place', { type: 'Input.Text', label: f.place, placeholder: f.placePlaceholder, maxLength: LIMITS.place }),
    ...input('link', { type: 'Input.Text', label: f.link, placeholder: f.linkPlaceholder, style: 'Url', maxLength: LIMITS.link }),
    ...input('agenda', { type: 'Input.Text', label: f.agenda, placeholder: f.agendaPlaceholder, isMultiline: true, maxLength: LIMITS.agenda }),
    ...input('deadline', { type: 'Input.Date', label: f.deadline, isRequired: true, errorMessage: f.errors.required }),
  );

  const data = model.change ? { meetingId: model.change.meetingId, type: model.change.type } : model.draftId ? { draftId: model.draftId } : {};
  const actions: CardElement[] = [execute(model.change ? f.submitChange : f.submitNew, meetingVerbs.schedule, data, { style: 'positive' })];
  if (model.warnings.length > 0) {
    body.push({
      type: 'Container',
      style: 'warning',
      items: [
        textBlock(f.warningsIntro, { weight: 'Bolder' }),
        ...model.warnings.map((w) => textBlock(plain(dayWarningText(t, w)), { spacing: 'Small' })),
        textBlock(f.overrideHint, { spacing: 'Small' }),
      ],
    });
    actions.push(execute(f.bookAnyway, meetingVerbs.schedule, { ...data, override: true }));
  }
  return adaptiveCard(body, actions);
}
