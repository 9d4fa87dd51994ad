import { z } from 'zod';
import { DESCRIPTION_MAX, NAME_MAX, TITLE_MAX, programmeAreaSchema, urgencySchema, type NeedFields } from './need.js';

/** The inputs of the need form card, by id. The cards and the payload parser use these names. */
export const needFormFields = ['title', 'description', 'area', 'organisationId', 'contactName', 'contactEmail', 'urgency'] as const;
export type NeedFormField = (typeof needFormFields)[number];
/** What the person typed or chose, cleaned: always returned, so the card can come back with their text kept. */
export type NeedFormValues = Record<NeedFormField, string>;

export type NeedFormProblem = 'required' | 'tooLong' | 'invalid';
export interface NeedFormError {
  field: NeedFormField;
  problem: NeedFormProblem;
  /** For tooLong: the limit, in characters. */
  max?: number;
}

export type ParsedNeed = NeedFields & { organisationId: string };
export type NeedFormResult =
  | { ok: true; value: ParsedNeed; values: NeedFormValues }
  | { ok: false; errors: NeedFormError[]; values: NeedFormValues };

const EMAIL_MAX = 320;

// Control characters never belong in a need; line breaks are kept where a field may have several lines.
 
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200b\u2028\u2029\ufeff]/g;

/**
 * A card input's value as clean text: strings only (anything else is empty), control characters removed, trimmed;
 * single-line fields have line breaks turned into spaces. Over-long text is kept up to twice the limit so the
 * person sees what they wrote (the error names the limit) without an unbounded card coming back.
 */
export function cleanFormText(value: unknown, { multiline, keep }: { multiline: boolean; keep: number }): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  let s = String(value).normalize('NFC').replace(/\r\n?/g, '\n');
  s = multiline ? s.replace(/\t/g, ' ').replace(CONTROL, '') : s.replace(/[\n\t]+/g, ' ').replace(CONTROL, '');
  s = multiline ? s.replace(/[ \u00a0]+$/gm, '').replace(/\n{3,}/g, '\n\n') : s.replace(/\s{2,}/g, ' ');
  s = s.trim();
  const chars = Array.from(s);
  return chars.length > keep ? chars.slice(0, keep).join('') : s;
}

/** Length in characters as a person counts them (an emoji is one; text is NFC, so å is one), not UTF-16 code units. */
export const charCount = (s: string): number => Array.from(s).length;

const limits: Record<NeedFormField, { max: number; multiline: boolean }> = {
  title: { max: TITLE_MAX, multiline: false },
  description: { max: DESCRIPTION_MAX, multiline: true },
  area: { max: 100, multiline: false },
  organisationId: { max: 100, multiline: false },
  contactName: { max: NAME_MAX, multiline: false },
  contactEmail: { max: EMAIL_MAX, multiline: false },
  urgency: { max: 100, multiline: false },
};

export function cleanNeedForm(data: unknown): NeedFormValues {
  const raw = data !== null && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  const out = {} as NeedFormValues;
  for (const f of needFormFields) out[f] = cleanFormText(raw[f], { multiline: limits[f].multiline, keep: limits[f].max * 2 });
  return out;
}

const emailSchema = z.string().email();

/**
 * The need form's values from a card payload (strings, or missing): every problem at once, per field, as codes the
 * bot turns into catalogue text. `organisationIds`: the organisations this person may submit for.
 */
export function parseNeedForm({ data, organisationIds }: { data: unknown; organisationIds: readonly string[] }): NeedFormResult {
  const values = cleanNeedForm(data);
  const errors: NeedFormError[] = [];
  const text = (field: 'title' | 'description' | 'contactName') => {
    if (values[field] === '') errors.push({ field, problem: 'required' });
    else if (charCount(values[field]) > limits[field].max) errors.push({ field, problem: 'tooLong', max: limits[field].max });
  };
  text('title');
  text('description');
  const area = programmeAreaSchema.safeParse(values.area);
  if (!area.success) errors.push({ field: 'area', problem: values.area === '' ? 'required' : 'invalid' });
  if (values.organisationId === '') errors.push({ field: 'organisationId', problem: 'required' });
  else if (!organisationIds.includes(values.organisationId)) errors.push({ field: 'organisationId', problem: 'invalid' });
  text('contactName');
  if (values.contactEmail !== '') {
    if (charCount(values.contactEmail) > EMAIL_MAX) errors.push({ field: 'contactEmail', problem: 'tooLong', max: EMAIL_MAX });
    else if (!emailSchema.safeParse(values.contactEmail).success) errors.push({ field: 'contactEmail', problem: 'invalid' });
  }
  const urgency = urgencySchema.safeParse(values.urgency);
  if (!urgency.success) errors.push({ field: 'urgency', problem: values.urgency === '' ? 'required' : 'invalid' });

  if (errors.length > 0 || !area.success || !urgency.success) return { ok: false, errors, values };
  return {
    ok: true,
    values,
    value: {
      title: values.title,
      description: values.description,
      area: area.data,
      organisationId: values.organisationId,
      contact: { name: values.contactName, ...(values.contactEmail !== '' ? { email: values.contactEmail } : {}) },
      urgency: urgency.data,
    },
  };
}

/** The form's starting values for a person: their organisation and name preset, medium urgency. */
export const emptyNeedForm = ({ organisationId, contactName, contactEmail }: { organisationId: string; contactName: string; contactEmail?: string }): NeedFormValues => ({
  title: '',
  description: '',
  area: '',
  organisationId,
  contactName,
  contactEmail: contactEmail ?? '',
  urgency: 'medium',
});

/** A stored need's fields as form values (for the edit form). */
export const needFormValues = (need: ParsedNeed): NeedFormValues => ({
  title: need.title,
  description: need.description,
  area: need.area,
  organisationId: need.organisationId,
  contactName: need.contact.name,
  contactEmail: need.contact.email ?? '',
  urgency: need.urgency,
});
