import { z } from 'zod';
import { countySchema } from './organisations.js';

/** The roles that decide what a person may do; all rules about them live in permissions.ts. */
export const roleSchema = z.enum([
  'director', // kommundirektör / kommunchef / regiondirektör / länsråd
  'chair', // KSO / RSO
  'staff',
  'leadership', // programledning at MDU: administers the bot
  'programgrupp',
  'programrad',
]);
export type Role = z.infer<typeof roleSchema>;

export const directorTitleSchema = z.enum(['kommundirektor', 'kommunchef', 'regiondirektor', 'lansrad']);
export const chairTitleSchema = z.enum(['KSO', 'RSO']);

/** A Programråd seat is held for a county (the parties there) or for MDU. */
export const seatSchema = z.union([countySchema, z.literal('mdu')]);
export type Seat = z.infer<typeof seatSchema>;

/** A Stockholm calendar date yyyy-MM-dd (a real date). */
const localDateStringSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date yyyy-MM-dd').refine((s) => {
  const d = new Date(`${s}T12:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}, 'a real calendar date');

export const aadObjectIdSchema = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'an AAD object id (GUID)');

/** A Microsoft Entra tenant id (GUID), stored in lower case. */
export const tenantIdSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'a tenant id (GUID)')
  .transform((s) => s.toLowerCase());

export const personSchema = z
  .object({
    aadObjectId: aadObjectIdSchema.transform((s) => s.toLowerCase()),
    /**
     * The tenant the person signs in to Teams with (issue #15): their own organisation's, or absent for the host
     * tenant (a guest in the host tenant is a host-tenant person with the guest account's object id there). A person is
     * (tenant, aadObjectId); object ids are GUIDs, so the aadObjectId alone stays the key everything else is stored by.
     */
    tenantId: tenantIdSchema.optional(),
    name: z.string().min(1).max(200),
    email: z.string().email().optional(),
    organisationId: z.string().min(1),
    /** Job title as shown to others, e.g. "Kommundirektör". */
    title: z.string().min(1).max(200),
    roles: z.array(roleSchema).min(1),
    directorTitle: directorTitleSchema.optional(),
    chairTitle: chairTitleSchema.optional(),
    /**
     * The term of office of the person's place in the roster (issue #14 point 4, #15 point 4): first and last day,
     * Stockholm dates, inclusive. After the last day they are not invited, have no rights and get a polite answer.
     */
    term: z
      .object({ start: localDateStringSchema.optional(), end: localDateStringSchema.optional() })
      .strict()
      .refine((t) => t.start === undefined || t.end === undefined || t.start <= t.end, { message: 'a term ends on or after its start', path: ['end'] })
      .optional(),
    programrad: z
      .object({ membership: z.enum(['ordinary', 'substitute']), seat: seatSchema })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.roles.includes('director') && !p.directorTitle) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['directorTitle'], message: 'a director needs a directorTitle' });
    if (p.roles.includes('chair') && !p.chairTitle) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['chairTitle'], message: 'a chair needs a chairTitle' });
    if (p.roles.includes('programrad') !== Boolean(p.programrad)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['programrad'], message: 'the programrad role and the programrad seat go together' });
    }
  });
export type Person = z.infer<typeof personSchema>;

export const rosterFileSchema = z
  .object({
    description: z.string(),
    people: z.array(personSchema),
  })
  .strict();

export const hasRole = (person: Pick<Person, 'roles'>, role: Role): boolean => person.roles.includes(role);

/** The tenant a person's activities come from: their own, or the host tenant. */
export const homeTenantOf = (person: Pick<Person, 'tenantId'>, hostTenantId: string): string => person.tenantId ?? hostTenantId.toLowerCase();

/**
 * The person an activity is from: the one with this object id whose home tenant is the activity's tenant. The same
 * object id from another tenant is somebody else (or a forgery) and finds no one.
 */
export function personFrom({ people, aadObjectId, tenantId, hostTenantId }: { people: readonly Person[]; aadObjectId: string; tenantId: string; hostTenantId: string }): Person | undefined {
  const id = aadObjectId.toLowerCase();
  const tenant = tenantId.toLowerCase();
  return people.find((p) => p.aadObjectId === id && homeTenantOf(p, hostTenantId) === tenant);
}
