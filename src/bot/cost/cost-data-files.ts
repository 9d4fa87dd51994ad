import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agreementFileSchema, populationFileSchema } from '../../domain/cost/agreement.js';
import { checkCostData, type CostData } from '../../domain/cost/cost-data.js';
import { organisationsFileSchema } from '../../domain/organisations.js';
import { defaultDataFolder } from '../../store/seed.js';

/** The agreement names its population dataset; the file is `population-<dataset>.json` beside it. */
export const populationFileName = (dataset: string) => `population-${dataset}.json`;

export class CostDataFileError extends Error {
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`data file ${file} is not valid: ${problem}`);
    this.name = 'CostDataFileError';
  }
}

function readDataFile<T>(folder: string, name: string, parse: (raw: unknown) => T): T {
  const file = join(folder, name);
  try {
    return parse(JSON.parse(readFileSync(file, 'utf8')));
  } catch (err) {
    throw new CostDataFileError(file, err instanceof Error ? err.message : String(err));
  }
}

/**
 * Reads data/organisations.json, data/agreement.json and the population file the agreement names, validates each
 * (zod) and then checks them against each other. Synchronous, run once when the feature is made: a wrong figure
 * in a data file must stop start-up with the file's name, not reach a person as a wrong amount.
 */
export function loadCostData(folder: string = defaultDataFolder): CostData {
  const organisations = readDataFile(folder, 'organisations.json', (raw) => organisationsFileSchema.parse(raw)).organisations;
  const agreement = readDataFile(folder, 'agreement.json', (raw) => agreementFileSchema.parse(raw));
  const populationName = populationFileName(agreement.countyKey.populationDataset);
  const population = readDataFile(folder, populationName, (raw) => populationFileSchema.parse(raw));
  const data: CostData = { agreement, population, organisations };
  const issues = checkCostData(data);
  if (issues.length > 0) throw new CostDataFileError(`${join(folder, 'agreement.json')} + ${join(folder, populationName)}`, `the files do not agree: ${JSON.stringify(issues)}`);
  return data;
}
