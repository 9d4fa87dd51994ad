import type { County, Organisation } from '../organisations.js';
import { agreementFileSchema, populationFileSchema, type AgreementFile, type PopulationFile } from './agreement.js';

/** The agreement, the population it splits by, and the parties: everything the cost rules read. */
export interface CostData {
  agreement: AgreementFile;
  population: PopulationFile;
  organisations: readonly Organisation[];
}

export type CostDataIssue =
  | { code: 'populationDatasetMismatch'; expected: string; actual: string }
  | { code: 'unknownParty'; where: string; partyId: string }
  | { code: 'wrongPartyKind'; where: string; partyId: string }
  | { code: 'municipalityWithoutPopulation'; partyId: string }
  | { code: 'populationWithoutParty'; scbCode: string }
  | { code: 'partyOutsideCostRules'; partyId: string }
  | { code: 'countySplitNotReproduced'; county: County; agreed: number; fromPopulation: number };

/**
 * Cross-file checks zod cannot do alone: every party has a place in the cost rules, every municipality a
 * population figure, and the agreed county split is what the population dataset gives (rounded to thousands,
 * as the memo did). An empty list means the data is coherent.
 */
export function checkCostData({ agreement, population, organisations }: CostData): CostDataIssue[] {
  const issues: CostDataIssue[] = [];
  const byId = new Map(organisations.map((o) => [o.id, o]));
  if (population.dataset !== agreement.countyKey.populationDataset) {
    issues.push({ code: 'populationDatasetMismatch', expected: agreement.countyKey.populationDataset, actual: population.dataset });
  }
  const expectParty = (where: string, id: string, kind: Organisation['kind'], county: County | null) => {
    const org = byId.get(id);
    if (!org) issues.push({ code: 'unknownParty', where, partyId: id });
    else if (org.kind !== kind || org.county !== county) issues.push({ code: 'wrongPartyKind', where, partyId: id });
  };
  expectParty('mdu', agreement.mdu.partyId, 'university', null);
  const placed = new Set<string>([agreement.mdu.partyId]);
  for (const county of ['vastmanland', 'sormland'] as const) {
    const terms = agreement.counties[county];
    expectParty(`counties.${county}.regionId`, terms.regionId, 'region', county);
    placed.add(terms.regionId);
    if (terms.countyBoardId) {
      expectParty(`counties.${county}.countyBoardId`, terms.countyBoardId, 'county-board', county);
      placed.add(terms.countyBoardId);
    }
  }
  for (const id of Object.keys(agreement.participation.parties)) {
    if (!byId.has(id)) issues.push({ code: 'unknownParty', where: 'participation.parties', partyId: id });
  }
  const popByCode = new Map(population.counties.flatMap((c) => c.municipalities.map((m) => [m.scbCode, { ...m, county: c.county }] as const)));
  const municipalityCodes = new Set<string>();
  for (const org of organisations) {
    if (org.kind === 'municipality') {
      placed.add(org.id);
      const row = org.scbCode ? popByCode.get(org.scbCode) : undefined;
      if (!row || row.county !== org.county) issues.push({ code: 'municipalityWithoutPopulation', partyId: org.id });
      if (org.scbCode) municipalityCodes.add(org.scbCode);
    }
  }
  for (const code of popByCode.keys()) if (!municipalityCodes.has(code)) issues.push({ code: 'populationWithoutParty', scbCode: code });
  for (const org of organisations) if (!placed.has(org.id)) issues.push({ code: 'partyOutsideCostRules', partyId: org.id });

  const total = population.counties.reduce((s, c) => s + c.population, 0);
  for (const c of population.counties) {
    const agreed = agreement.counties[c.county].yearly;
    // The memo rounded the population split to whole thousands; reproduce it the same way.
    const fromPopulation = Math.round((agreement.otherParties.yearly * c.population) / total / 1000) * 1000;
    if (fromPopulation !== agreed) issues.push({ code: 'countySplitNotReproduced', county: c.county, agreed, fromPopulation });
  }
  return issues;
}

/**
 * Parses the raw JSON of data/agreement.json and the population file it names, and checks them against the
 * organisations. Throws on invalid data: a wrong agreement file must stop the bot at start-up, not
 * produce wrong figures.
 */
export function parseCostData({ agreementJson, populationJson, organisations }: { agreementJson: unknown; populationJson: unknown; organisations: readonly Organisation[] }): CostData {
  const data: CostData = { agreement: agreementFileSchema.parse(agreementJson), population: populationFileSchema.parse(populationJson), organisations };
  const issues = checkCostData(data);
  if (issues.length > 0) throw new Error(`cost data is inconsistent: ${JSON.stringify(issues)}`);
  return data;
}
