import { z } from 'zod';

export const countySchema = z.enum(['vastmanland', 'sormland']);
export type County = z.infer<typeof countySchema>;

export const organisationKindSchema = z.enum(['university', 'region', 'county-board', 'municipality']);
export type OrganisationKind = z.infer<typeof organisationKindSchema>;

export const organisationSchema = z
  .object({
    /** Stable slug, e.g. "vasteras", "region-vastmanland", "mdu". */
    id: z.string().regex(/^[a-z0-9-]+$/),
    name: z.string().min(2),
    shortName: z.string().min(2),
    kind: organisationKindSchema,
    /** null for MDU, which belongs to neither county's share. */
    county: countySchema.nullable(),
    /** SCB municipality code (4 digits) or county code (2 digits) where the party has one. */
    scbCode: z.string().regex(/^\d{2}(\d{2})?$/).nullable(),
    /** Other names people use in chat: "Region V", "Mälardalens universitet", "Länsstyrelsen Sörmland". */
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict();
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationsFileSchema = z
  .object({
    source: z.string().min(1),
    organisations: z.array(organisationSchema).min(1),
  })
  .strict()
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    for (const [i, org] of file.organisations.entries()) {
      if (seen.has(org.id)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['organisations', i, 'id'], message: `duplicate id ${org.id}` });
      seen.add(org.id);
      if (org.kind === 'municipality' && (org.scbCode?.length ?? 0) !== 4) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['organisations', i, 'scbCode'], message: 'a municipality needs a 4-digit SCB code' });
      }
      if (org.kind !== 'university' && org.county === null) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['organisations', i, 'county'], message: 'every party but MDU belongs to a county' });
      }
    }
  });
export type OrganisationsFile = z.infer<typeof organisationsFileSchema>;
