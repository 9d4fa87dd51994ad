import { z } from 'zod';
import { countySchema, type County } from '../organisations.js';

/**
 * The shape of data/agreement.json and data/population-*.json. Every figure says where it comes from:
 * a source (the memo, or a later decision programme leadership registers as a source) with the quoted
 * words, or a named assumption whose wording the bot shows. The memo is the only source at the start.
 */

const kronor = z.number().int().nonnegative();
const year = z.number().int().min(2000).max(2100);

export const basisRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('agreement'), sourceId: z.string().min(1), quote: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('assumption'), assumptionId: z.string().min(1) }).strict(),
]);
export type BasisRef = z.infer<typeof basisRefSchema>;
const basis = z.array(basisRefSchema).min(1);

export const localisedTextSchema = z.object({ sv: z.string().min(1), en: z.string().min(1) }).strict();
export type LocalisedText = z.infer<typeof localisedTextSchema>;

export const sourceSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    section: z.string().min(1).optional(),
  })
  .strict();

export const assumptionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    /** What is assumed, in the words the bot shows people. */
    statement: localisedTextSchema,
  })
  .strict();
export type Assumption = z.infer<typeof assumptionSchema>;

/** One part of a county's share: a fixed yearly amount, or a fraction of the county's total. */
export const splitPartSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), yearly: kronor, basis }).strict(),
  // A fraction above 1 is caught by the agreement's check that the parts fit within the county's share.
  z.object({ kind: z.literal('fraction'), numerator: z.number().int().nonnegative(), denominator: z.number().int().positive(), basis }).strict(),
]);
export type SplitPart = z.infer<typeof splitPartSchema>;

/**
 * How a county divides its agreed share: the region's part, the county board's part (only where the county
 * has a funding county board), and the participating municipalities take the rest, divided by population.
 */
export const countySplitRuleSchema = z
  .object({
    region: splitPartSchema,
    countyBoard: splitPartSchema.nullable(),
    municipalities: z
      .object({
        gets: z.literal('remainder'),
        /** Why the municipalities pay the rest, and the exact rest. */
        remainderBasis: basis,
        key: z.literal('population'),
        /** Why the rest is divided by population among them. */
        keyBasis: basis,
      })
      .strict(),
  })
  .strict();
export type CountySplitRule = z.infer<typeof countySplitRuleSchema>;

export const countyTermsSchema = z
  .object({
    yearly: kronor,
    basis,
    regionId: z.string().min(1),
    countyBoardId: z.string().min(1).nullable(),
    /** null = not decided: the bot states the county's total and says its internal split is not set. */
    split: countySplitRuleSchema.nullable(),
    /** For leadership: how to set `split`. Not shown to users. */
    splitNote: z.string().optional(),
    /** Shown only while `split` is null, always labelled as an illustration, never as a decided figure. */
    illustration: z
      .object({ assumptionId: z.string().min(1), rule: countySplitRuleSchema })
      .strict()
      .nullable(),
  })
  .strict();
export type CountyTerms = z.infer<typeof countyTermsSchema>;

export const participationSchema = z.object({ participates: z.boolean(), basis }).strict();
export type Participation = z.infer<typeof participationSchema>;

export const agreementFileSchema = z
  .object({
    title: z.string().min(1),
    sources: z.array(sourceSchema).min(1),
    assumptions: z.array(assumptionSchema),
    period: z.object({ firstYear: year, lastYear: year, basis }).strict(),
    mdu: z.object({ partyId: z.string().min(1), yearly: kronor, basis }).strict(),
    otherParties: z.object({ yearly: kronor, basis }).strict(),
    countyKey: z
      .object({
        key: z.literal('population'),
        /** The population dataset (data/population-<dataset>.json) whose figures reproduce the agreed split. */
        populationDataset: z.string().min(1),
        basis,
      })
      .strict(),
    counties: z.object({ vastmanland: countyTermsSchema, sormland: countyTermsSchema }).strict(),
    participation: z
      .object({
        default: participationSchema,
        /** Per party id; a party not listed follows `default`. */
        parties: z.record(z.string(), participationSchema),
      })
      .strict(),
  })
  .strict()
  .superRefine((a, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (a.period.lastYear < a.period.firstYear) issue(['period'], 'the period ends before it starts');
    if (a.counties.vastmanland.yearly + a.counties.sormland.yearly !== a.otherParties.yearly) {
      issue(['counties'], 'the county shares must add up to the other parties’ joint contribution');
    }
    const sources = new Set(a.sources.map((s) => s.id));
    const assumptions = new Set(a.assumptions.map((s) => s.id));
    const checkRefs = (node: unknown, path: (string | number)[]): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => checkRefs(n, [...path, i]));
      if (node === null || typeof node !== 'object') return;
      const n = node as Record<string, unknown>;
      if (n.kind === 'agreement' && typeof n.sourceId === 'string' && !sources.has(n.sourceId)) issue(path, `unknown source ${n.sourceId}`);
      if (typeof n.assumptionId === 'string' && !assumptions.has(n.assumptionId)) issue(path, `unknown assumption ${n.assumptionId}`);
      for (const [k, v] of Object.entries(n)) checkRefs(v, [...path, k]);
    };
    checkRefs(a, []);
    for (const county of countySchema.options) {
      const terms = a.counties[county];
      for (const [name, rule] of [['split', terms.split], ['illustration', terms.illustration?.rule ?? null]] as const) {
        if (!rule) continue;
        const path = ['counties', county, name];
        if ((rule.countyBoard === null) !== (terms.countyBoardId === null)) issue(path, 'a county board part goes with a countyBoardId, and only then');
        const fixed = [rule.region, rule.countyBoard].reduce((s, p) => s + (p?.kind === 'fixed' ? p.yearly : 0), 0);
        const fractions = [rule.region, rule.countyBoard].reduce((s, p) => s + (p?.kind === 'fraction' ? (terms.yearly * p.numerator) / p.denominator : 0), 0);
        if (fixed + fractions > terms.yearly) issue(path, 'the region’s and county board’s parts exceed the county’s share');
      }
    }
  });
export type AgreementFile = z.infer<typeof agreementFileSchema>;

export const populationFileSchema = z
  .object({
    dataset: z.string().min(1),
    source: z.string().min(1),
    referenceDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    whyThisYear: z.string().optional(),
    counties: z
      .array(
        z
          .object({
            county: countySchema,
            scbCode: z.string().regex(/^\d{2}$/),
            name: z.string().min(1),
            population: z.number().int().positive(),
            municipalities: z
              .array(z.object({ scbCode: z.string().regex(/^\d{4}$/), name: z.string().min(1), population: z.number().int().positive() }).strict())
              .min(1),
          })
          .strict(),
      )
      .length(2),
  })
  .strict()
  .superRefine((p, ctx) => {
    for (const [i, c] of p.counties.entries()) {
      const sum = c.municipalities.reduce((s, m) => s + m.population, 0);
      if (sum !== c.population) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['counties', i, 'population'], message: `municipalities add up to ${sum}, not ${c.population}` });
      }
    }
    if (new Set(p.counties.map((c) => c.county)).size !== p.counties.length) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['counties'], message: 'each county once' });
    }
  });
export type PopulationFile = z.infer<typeof populationFileSchema>;

export const countyPopulation = (population: PopulationFile, county: County): number =>
  population.counties.find((c) => c.county === county)?.population ?? 0;
