import type { DayWarning } from '../domain/meetings/day-warnings.js';
import type { MeetingType } from '../domain/meetings/meeting.js';
import { FORM_ROWS, slotInputId, type PollFormError, type PollFormField, type PollFormValues } from '../domain/polls/poll-form.js';
import { POLL_LIMITS } from '../domain/polls/poll.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { dayWarningText, fieldErrorText } from './meeting-schedule-card.js';
import { pollVerbs } from './poll-verbs.js';

export interface PollFormCardModel {
  /** What to show in the inputs: empty on first show, the submitted values when the form comes back. */
  values: Partial<PollFormValues>;
  errors: readonly PollFormError[];
  /** Weekend or holiday on a proposed date: shown with a "send anyway" button. */
  warnings: readonly DayWarning[];
  /** The new poll's id, chosen when the form is first shown: submitting the same form twice makes one poll. */
  draftId?: string | undefined;
  /** Preselected meeting type (e.g. from the meeting plan). */
  type?: MeetingType | undefined;
}

const TYPES: readonly MeetingType[] = ['programrad', 'programgrupp', 'arlig-traff'];

/** Where an error is shown: the input's id. */
const errorField = (e: PollFormError): string => (e.field === 'slot' ? slotInputId(e.row, e.part) : e.field);

/** The catalogue text for a poll form error. */
export function pollFormErrorText(t: Catalogue, e: PollFormError): string {
  const me = t.meetings.form.errors;
  const pe = t.polls.form.errors;
  switch (e.field) {
    case 'title':
    case 'place':
    case 'link':
    case 'agenda':
      return fieldErrorText(t, e);
    case 'type':
      return e.reason === 'required' ? me.required : me.invalidType;
    case 'deadline':
      return e.reason === 'required' ? me.required : e.reason === 'invalid' ? me.invalidDate : e.reason === 'inPast' ? me.deadlineInPast : pe.deadlineNotBeforeSlots;
    case 'visibility':
      return pe.invalidChoice;
    case 'autoFinalise':
      return e.reason === 'invalid' ? pe.invalidChoice : pe.notForYearlyMeeting;
    case 'slots':
      return pe.tooFew({ min: e.min });
    case 'slot':
      switch (e.reason) {
        case 'required':
          return me.required;
        case 'invalid':
          return e.part === 'date' ? me.invalidDate : me.invalidTime;
        case 'nonexistentTime':
          return me.nonexistentTime;
        case 'inPast':
          return me.inPast;
        case 'notAfterStart':
          return me.endNotAfterStart;
        case 'duplicate':
          return pe.duplicate;
      }
  }
}

/**
 * The poll form (leadership): meeting type, title, place and/or link, agenda, eight rows of date + from + to (empty
 * rows are skipped; Adaptive Cards cannot add rows, so all eight are always there), the answer-by date, who sees the
 * answers, and whether the time is chosen automatically. It comes back with the values kept and each error under its
 * input; a weekend or holiday shows a warning and a "send anyway" button that sends `override: true`.
 *
 * Size: about 35 inputs and their labels, some 6 KB with every row filled (13 KB with every text at its limit) — inside Teams’ card limit (28 KB for
 * the strictest clients). Each text input carries the domain's limit as `maxLength`, and the card says the limits.
 */
export function pollFormCard(model: PollFormCardModel, t: Catalogue): AdaptiveCard {
  const f = t.polls.form;
  const mf = t.meetings.form;
  const v = model.values;
  const errorsFor = (id: string): CardElement[] =>
    model.errors.filter((e) => errorField(e) === id).map((e) => ({ ...errorBlock(pollFormErrorText(t, e)), spacing: 'None', size: 'Small', id: `error-${id}` }));
  const input = (id: PollFormField, element: CardElement, fallback?: string): CardElement[] => {
    const value = v[id] || fallback;
    return [{ ...element, id, ...(value ? { value } : {}) }, ...errorsFor(id)];
  };

  const body: CardElement[] = [heading(f.heading), textBlock(f.intro, { spacing: 'Small' }), textBlock(f.limits, { isSubtle: true, size: 'Small', spacing: 'Small' })];
  if (model.errors.length > 0) body.push(errorBlock(f.errorsIntro));
  body.push(
    ...input(
      'type',
      {
        type: 'Input.ChoiceSet',
        label: f.type,
        isRequired: true,
        errorMessage: mf.errors.required,
        style: 'expanded',
        wrap: true,
        choices: TYPES.map((type) => ({ title: t.meetings.types[type], value: type })),
      },
      model.type,
    ),
    ...input('title', { type: 'Input.Text', label: f.title, isRequired: true, errorMessage: mf.errors.required, maxLength: POLL_LIMITS.title }),
    textBlock(f.placeOrLinkHint, { isSubtle: true, size: 'Small' }),
    ...input('place', { type: 'Input.Text', label: f.place, placeholder: f.placePlaceholder, maxLength: POLL_LIMITS.place }),
    ...input('link', { type: 'Input.Text', label: f.link, placeholder: f.linkPlaceholder, style: 'Url', maxLength: POLL_LIMITS.link }),
    ...input('agenda', { type: 'Input.Text', label: f.agenda, isMultiline: true, maxLength: POLL_LIMITS.agenda }),
  );

  for (const n of FORM_ROWS) {
    const column = (part: 'date' | 'start' | 'end', element: CardElement): CardElement => ({
      type: 'Column',
      width: 'stretch',
      items: input(slotInputId(n, part), element),
    });
    body.push({
      type: 'ColumnSet',
      spacing: n === 1 ? 'Medium' : 'Small',
      columns: [
        // The first two rows are the minimum; marking them required lets Teams flag them before sending.
        column('date', { type: 'Input.Date', label: f.slotDate({ n }), ...(n <= 2 ? { isRequired: true, errorMessage: mf.errors.required } : {}) }),
        column('start', { type: 'Input.Time', label: f.slotStart({ n }), ...(n <= 2 ? { isRequired: true, errorMessage: mf.errors.required } : {}) }),
        column('end', { type: 'Input.Time', label: f.slotEnd({ n }), ...(n <= 2 ? { isRequired: true, errorMessage: mf.errors.required } : {}) }),
      ],
    });
  }
  body.push(...errorsFor('slots'));

  body.push(
    ...input('deadline', { type: 'Input.Date', label: f.deadline, isRequired: true, errorMessage: mf.errors.required }),
    ...input(
      'visibility',
      {
        type: 'Input.ChoiceSet',
        label: f.visibility,
        style: 'expanded',
        wrap: true,
        choices: (['anonymous', 'open'] as const).map((value) => ({ title: f.visibilityChoices[value], value })),
      },
      'anonymous',
    ),
    ...input(
      'autoFinalise',
      {
        type: 'Input.ChoiceSet',
        label: f.autoFinalise,
        style: 'compact',
        choices: (['off', 'whenExactlyOneCoversAll', 'whenAnyCoversAll'] as const).map((value) => ({ title: f.autoFinaliseChoices[value], value })),
      },
      'off',
    ),
  );

  const data = model.draftId ? { draftId: model.draftId } : {};
  const actions: CardElement[] = [execute(f.submit, pollVerbs.create, data, { style: 'positive' })];
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
    actions.push(execute(f.sendAnyway, pollVerbs.create, { ...data, override: true }));
  }
  return adaptiveCard(body, actions);
}
