import { execFile } from 'node:child_process';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { findCycles, importGraph } from '../../scripts/check-import-cycles.js';

const root = resolve(import.meta.dirname, '../..');
const fixtures = join(root, 'tests/fixtures/import-cycle');
const names = (cycle: string[]) => cycle.map((f) => relative(fixtures, f));

describe('no import cycles (scripts/check-import-cycles.ts, run by npm run lint)', () => {
  it('finds a cycle of value imports and one through a type-only import, and nothing in an acyclic chain', () => {
    const cycles = findCycles(importGraph([fixtures])).map(names);
    expect(cycles).toEqual(expect.arrayContaining([['a.ts', 'b.ts', 'a.ts'], ['language.ts', 'shape.ts', 'language.ts']]));
    expect(cycles).toHaveLength(2);
    expect(cycles.flat()).not.toContain('acyclic.ts');
    expect(cycles.flat()).not.toContain('leaf.ts');
  });

  it('fails the lint step on the fixture, the cycle named', { timeout: 60_000 }, async () => {
    const run = promisify(execFile);
    const tsx = join(root, 'node_modules/.bin/tsx');
    const failed = await run(tsx, ['scripts/check-import-cycles.ts', 'tests/fixtures/import-cycle'], { cwd: root }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );
    expect(failed?.code).toBe(1);
    expect(failed?.stderr).toContain('import cycle: tests/fixtures/import-cycle/a.ts → tests/fixtures/import-cycle/b.ts → tests/fixtures/import-cycle/a.ts');
  });

  it('src has none, type-only imports included', () => {
    expect(findCycles(importGraph([join(root, 'src')])).map((c) => c.map((f) => relative(root, f)))).toEqual([]);
  });
});

describe('layer boundaries (eslint.config.js no-restricted-imports)', () => {
  const eslint = new ESLint({ cwd: root });
  const problems = async (filePath: string, code: string) =>
    (await eslint.lintText(code, { filePath: join(root, filePath) })).flatMap((r) => r.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message));

  it.each([
    ['src/app/needs/x.ts', "import type { Turn } from '../../bot/feature.js';\nexport type T = Turn;\n"],
    ['src/app/needs/x.ts', "import { needDetailCard } from '../../cards/need-detail-card.js';\nexport const c = needDetailCard;\n"],
    ['src/app/needs/x.ts', "import { sv } from '../../i18n/sv.js';\nexport const s = sv;\n"],
    ['src/app/needs/x.ts', "import type { StoreDocument } from '../../store/schema.js';\nexport type D = StoreDocument;\n"],
    ['src/app/needs/x.ts', "import type { TurnContext } from 'botbuilder';\nexport type C = TurnContext;\n"],
    ['src/store/x.ts', "import type { Turn } from '../bot/feature.js';\nexport type T = Turn;\n"],
    ['src/store/x.ts', "import { done } from '../app/needs/submit-need.js';\nexport const d = done;\n"],
    ['src/outbound/x.ts', "import type { Services } from '../bot/feature.js';\nexport type S = Services;\n"],
    ['src/domain/x.ts', "import type { Notice } from '../app/kernel.js';\nexport type N = Notice;\n"],
  ])('%s may not import: %s', async (file, code) => {
    expect(await problems(file, code)).not.toEqual([]);
  });

  it.each([
    ['src/app/needs/x.ts', "import type { Need } from '../../domain/needs/need.js';\nimport type { UnitOfWork } from '../unit-of-work.js';\nexport type T = [Need, UnitOfWork];\n"],
    ['src/store/x.ts', "import type { Repositories } from '../app/repositories.js';\nexport type R = Repositories;\n"],
    ['src/bot/x.ts', "import type { UnitOfWork } from '../app/unit-of-work.js';\nimport type { Messenger } from '../outbound/messenger.js';\nexport type T = [UnitOfWork, Messenger];\n"],
  ])('%s may import: %s', async (file, code) => {
    expect(await problems(file, code)).toEqual([]);
  });
});
