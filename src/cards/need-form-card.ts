import type { NeedFormError, NeedFormField, NeedFormValues } from '../domain/needs/need-form.js';
import { programmeAreas, urgencies, DESCRIPTION_MAX, NAME_MAX, TITLE_MAX } from '../domain/needs/need.js';
import type { Catalogue } from '../i18n/catalogue.js';
import { adaptiveCard, errorBlock, execute, factSet, heading, plain, textBlock, type AdaptiveCard, type CardElement } from './adaptive-card.js';
import { needsVerbs } from './needs-verbs.js';
import { MAX_CARD_BYTES } from './needs-card-limits.js';

export interface NeedFormCardModel {
  /** A new need, or changing need #number (while it is inkommen). */
  mode: { kind: 'new' } | { kind: 'edit'; number: number };
  /** What to show in the inputs: the person's own text when the form comes back. */
  values: Partial<NeedFormValues>;
  errors: readonly NeedFormError[];
  /** The organisations this person may submit for: one is shown as a fact, several as a choice. */
  organisations: ReadonlyArray<{ id: string; name: string }>;
  /** The form was filled in from a chat message ("Behov: …"): say so, so the person checks it. */
  prefilled?: boolean;
  /**
   * Made by the bot when it first renders a new-need form and carried by its submit button (and onwards by the
   * similar-needs card): a double click, or the same form sent from two devices, stores one need.
   */
  submissionId?: string;
}

/** The catalogue text for a form error. */
export function needFormErrorText(t: Catalogue, error: NeedFormError): string {
  const e = t.needs.form.errors;
  switch (error.problem) {
    case 'required':
      return e.required;
    case 'tooLong':
      return e.tooLong({ max: error.max ?? 0 });
    case 'invalid':
      switch (error.field) {
        case 'area':
          return e.invalidArea;
        case 'organisationId':
          return e.invalidOrganisation;
        case 'contactEmail':
          return e.invalidEmail;
        default:
          return e.invalidUrgency;
      }
  }
}

/**
 * The need form: title, description, programme area, organisation (preset), contact person and e-mail, urgency.
 * It comes back with the person's text in the inputs and each problem under its field. An input whose kept text
 * is over its limit loses its maxLength, so the client shows all of it instead of cutting it.
 */
export function needFormCard(model: NeedFormCardModel, t: Catalogue): AdaptiveCard {
  const card = buildNeedForm(model, t);
  if (Buffer.byteLength(JSON.stringify(card), 'utf8') <= MAX_CARD_BYTES) return card;
  // Text kept over its limit (up to twice it) can push the card past what Teams takes, with wide characters: then
  // each over-long value comes back cut to its limit (it has to be shortened anyway; its error says by how much).
  const values: Partial<NeedFormValues> = { ...model.values };
  for (const [field, max] of Object.entries(textLimits) as [keyof typeof textLimits, number][]) {
    const value = values[field];
    if (value !== undefined && Array.from(value).length > max) values[field] = Array.from(value).slice(0, max).join('');
  }
  return buildNeedForm({ ...model, values }, t);
}

const textLimits = { title: TITLE_MAX, description: DESCRIPTION_MAX, contactName: NAME_MAX, contactEmail: 320 } as const;

function buildNeedForm(model: NeedFormCardModel, t: Catalogue): AdaptiveCard {
  const f = t.needs.form;
  const v = model.values;
  const errorsFor = (field: NeedFormField): CardElement[] =>
    model.errors.filter((e) => e.field === field).map((e) => ({ ...errorBlock(needFormErrorText(t, e)), spacing: 'None', size: 'Small', id: `error-${field}` }));
  const text = (field: NeedFormField, max: number, element: Record<string, unknown>): CardElement[] => {
    const value = v[field] ?? '';
    const over = Array.from(value).length > max;
    return [{ type: 'Input.Text', id: field, ...element, ...(over ? {} : { maxLength: max }), ...(value ? { value } : {}) }, ...errorsFor(field)];
  };
  const choice = (field: NeedFormField, options: readonly string[], element: Record<string, unknown>): CardElement[] => [
    { type: 'Input.ChoiceSet', id: field, ...element, ...(v[field] && options.includes(v[field]) ? { value: v[field] } : {}) },
    ...errorsFor(field),
  ];

  const body: CardElement[] = [heading(model.mode.kind === 'edit' ? f.headingEdit({ number: model.mode.number }) : f.headingNew)];
  if (model.mode.kind === 'new') body.push(textBlock(f.intro, { isSubtle: true, size: 'Small', spacing: 'None' }));
  if (model.prefilled) body.push(textBlock(f.prefilled, { color: 'Accent' }));
  if (model.errors.length > 0) body.push(errorBlock(f.errorsIntro));

  body.push(
    ...text('title', textLimits.title, { label: f.title, placeholder: f.titlePlaceholder, isRequired: true, errorMessage: f.errors.required }),
    ...text('description', textLimits.description, { label: f.description, placeholder: f.descriptionPlaceholder, isMultiline: true, isRequired: true, errorMessage: f.errors.required }),
    ...choice('area', programmeAreas, {
      label: f.area,
      placeholder: f.areaPlaceholder,
      isRequired: true,
      errorMessage: f.errors.invalidArea,
      choices: programmeAreas.map((a) => ({ title: t.needs.areas[a], value: a })),
    }),
  );

  const data: Record<string, unknown> = model.mode.kind === 'edit' ? { number: model.mode.number } : {};
  if (model.mode.kind === 'new' && model.submissionId) data.submissionId = model.submissionId;
  const only = model.organisations.length === 1 ? model.organisations[0] : undefined;
  if (only) {
    body.push(factSet([[f.organisation, plain(only.name)]]));
    data.organisationId = only.id;
    body.push(...errorsFor('organisationId'));
  } else {
    const ids = model.organisations.map((o) => o.id);
    body.push(
      ...choice('organisationId', ids, {
        label: f.organisation,
        isRequired: true,
        errorMessage: f.errors.invalidOrganisation,
        // 23 parties: more than the 15 a Teams dropdown shows, so it is a type-ahead.
        style: 'filtered',
        choices: model.organisations.map((o) => ({ title: o.name, value: o.id })),
      }),
    );
  }

  body.push(
    ...text('contactName', textLimits.contactName, { label: f.contactName, placeholder: f.contactNamePlaceholder, isRequired: true, errorMessage: f.errors.required }),
    ...text('contactEmail', textLimits.contactEmail, { label: f.contactEmail, placeholder: f.contactEmailPlaceholder, style: 'Email' }),
    ...choice('urgency', urgencies, {
      label: f.urgency,
      style: 'expanded',
      isRequired: true,
      errorMessage: f.errors.invalidUrgency,
      choices: urgencies.map((u) => ({ title: t.needs.urgencies[u], value: u })),
    }),
  );

  const action =
    model.mode.kind === 'edit' ? execute(f.save, needsVerbs.save, data, { style: 'positive' }) : execute(f.submit, needsVerbs.submit, data, { style: 'positive' });
  return adaptiveCard(body, [action]);
}
