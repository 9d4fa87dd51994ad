import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDataFolder } from '../../store/seed.js';
import { loadCostData } from './cost-data-files.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'stark-cost-data-'));
  for (const f of ['organisations.json', 'agreement.json', 'population-scb-2023-12-31.json']) await cp(join(defaultDataFolder, f), join(folder, f));
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const edit = async (name: string, change: (json: Record<string, unknown>) => void) => {
  const json = JSON.parse(await readFile(join(folder, name), 'utf8')) as Record<string, unknown>;
  change(json);
  await writeFile(join(folder, name), JSON.stringify(json));
};

describe('loading the cost data files', () => {
  it('the project’s files load and agree with each other', () => {
    expect(loadCostData(folder).agreement.mdu.yearly).toBe(1_050_000);
  });

  it('a changed agreed figure stops loading with the agreement file’s name', async () => {
    await edit('agreement.json', (a) => {
      (a.mdu as { yearly: unknown }).yearly = 'a million';
    });
    expect(() => loadCostData(folder)).toThrow(/agreement\.json is not valid/);
  });

  it('a county split the population does not reproduce names both files', async () => {
    await edit('agreement.json', (a) => {
      const counties = a.counties as Record<string, { yearly: number }>;
      counties.sormland!.yearly = 1_270_000;
      counties.vastmanland!.yearly = 1_180_000;
    });
    expect(() => loadCostData(folder)).toThrow(/agreement\.json \+ .*population-scb-2023-12-31\.json is not valid: .*countySplitNotReproduced/);
  });

  it('a missing or broken population file stops loading with its name', async () => {
    await writeFile(join(folder, 'population-scb-2023-12-31.json'), '{ not json');
    expect(() => loadCostData(folder)).toThrow(/population-scb-2023-12-31\.json is not valid/);
    await rm(join(folder, 'population-scb-2023-12-31.json'));
    expect(() => loadCostData(folder)).toThrow(/population-scb-2023-12-31\.json is not valid/);
  });
});
