// The Teams app package: manifest and localization against the official schemas that @microsoft/app-manifest ships,
// the icons Teams requires, the command menus in both languages, and the zip `npm run package` writes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as zlib from 'node:zlib';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { PNG } from 'pngjs';
import { afterAll, describe, expect, it } from 'vitest';
import { drawColorIcon, drawOutlineIcon } from '../scripts/make-icons.js';
import {
  APP_PACKAGE_DIR,
  buildAppPackage,
  checkCommandTranslations,
  checkIcons,
  crc32,
  createZip,
  fillPlaceholders,
  iconFacts,
  officialSchemaPath,
  readAppVersion,
  readBotId,
  validateAgainstOfficialSchema,
  type PackageValues,
} from '../scripts/package.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const TEST_BOT_ID = '3f1e2d4c-5b6a-4789-8abc-def012345678';
const values: PackageValues = { BOT_ID: TEST_BOT_ID, APP_VERSION: '0.1.0' };

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  id: string;
  version: string;
  name: { short: string; full?: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  icons: { color: string; outline: string };
  bots: { botId: string; scopes: string[]; supportsFiles?: boolean; commandLists: { scopes: string[]; commands: Command[] }[] }[];
}

const rawManifest = readFileSync(join(APP_PACKAGE_DIR, 'manifest.json'), 'utf8');
const filledManifest = (): Manifest => JSON.parse(fillPlaceholders(rawManifest, values)) as Manifest;
const localization = (): Record<string, unknown> =>
  JSON.parse(readFileSync(join(APP_PACKAGE_DIR, 'en-US.json'), 'utf8')) as Record<string, unknown>;

describe('the manifest', () => {
  it('uses manifest schema v1.19 or later, with the matching $schema URL', () => {
    const m = filledManifest();
    const [major, minor] = m.manifestVersion.split('.').map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(19);
    expect(m.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${m.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(existsSync(officialSchemaPath(m.manifestVersion, 'manifest'))).toBe(true);
  });

  it('is valid against the official Teams schema once the bot id is filled in', () => {
    expect(validateAgainstOfficialSchema(filledManifest(), filledManifest().manifestVersion, 'manifest')).toEqual([]);
  });

  it("is also accepted by @microsoft/app-manifest's own validator", async () => {
    const m = filledManifest();
    const schema = JSON.parse(readFileSync(officialSchemaPath(m.manifestVersion, 'manifest'), 'utf8')) as Parameters<
      typeof AppManifestUtils.validateAgainstSchema
    >[1];
    const errors = await AppManifestUtils.validateAgainstSchema(
      m as unknown as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
      schema,
    );
    expect(errors).toEqual([]);
  });

  it('fails the schema check when it breaks the schema (a command list over 10, a bot id that is no GUID)', () => {
    const m = filledManifest();
    const list = m.bots[0]!.commandLists[0]!;
    list.commands = Array.from({ length: 11 }, (_, i) => ({ title: `kommando ${i}`, description: 'x' }));
    m.bots[0]!.botId = 'not-a-guid';
    const errors = validateAgainstOfficialSchema(m, m.manifestVersion, 'manifest').join('\n');
    expect(errors).toMatch(/commandLists\/0\/commands.*must NOT have more than 10 items/);
    expect(errors).toMatch(/bots\/0\/botId.*must match pattern/);
  });

  it('leaves only the bot id and the app version open, and refuses a placeholder it cannot fill', () => {
    const names = new Set([...rawManifest.matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1]));
    expect(names).toEqual(new Set(['BOT_ID', 'APP_VERSION']));
    const m = filledManifest();
    expect(m.id).toBe(TEST_BOT_ID);
    expect(m.bots[0]!.botId).toBe(TEST_BOT_ID);
    expect(() => fillPlaceholders('{"x": "${{SOMETHING_ELSE}}"}', values)).toThrow(/SOMETHING_ELSE/);
  });

  it('is Swedish by default, with English from en-US.json', () => {
    const m = filledManifest();
    expect(m.localizationInfo.defaultLanguageTag).toBe('sv-SE');
    expect(m.localizationInfo.additionalLanguages).toEqual([{ languageTag: 'en-US', file: 'en-US.json' }]);
    expect(m.name.short).toBe('STARK');
  });

  it('offers the bot in personal chat, group chat and teams, with files (the file consent card, personal chat only)', () => {
    const bot = filledManifest().bots[0]!;
    expect([...bot.scopes].sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot.supportsFiles).toBe(true);
  });

  it('has one command list per scope with at most 10 commands each', () => {
    const bot = filledManifest().bots[0]!;
    const scopes = bot.commandLists.map((l) => l.scopes);
    expect(scopes.every((s) => s.length === 1)).toBe(true);
    expect(scopes.flat().sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of bot.commandLists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      expect(new Set(list.commands.map((c) => c.title)).size).toBe(list.commands.length);
      for (const c of list.commands) expect(c.description.length).toBeGreaterThan(10);
    }
  });

  it('lists every feature command in Swedish in the personal chat menu', () => {
    const personal = filledManifest().bots[0]!.commandLists.find((l) => l.scopes.includes('personal'))!;
    const titles = personal.commands.map((c) => c.title);
    for (const command of ['hjälp', 'kostnad', 'kostnadsöversikt', 'nytt behov', 'mina behov', 'alla behov', 'möten', 'boka möte', 'mötesplan']) {
      expect(titles).toContain(command);
    }
  });

  it('offers help in every scope', () => {
    for (const list of filledManifest().bots[0]!.commandLists) {
      expect(list.commands.map((c) => c.title)).toContain('hjälp');
    }
  });
});

describe('the English localization', () => {
  it('is valid against the official localization schema', () => {
    expect(validateAgainstOfficialSchema(localization(), filledManifest().manifestVersion, 'localization')).toEqual([]);
  });

  it('fails the localization schema check when a text is too long or a key is unknown', () => {
    const loc = { ...localization(), 'description.short': 'x'.repeat(81), 'bots[0].commandLists[0].command[0].titel': 'typo' };
    const errors = validateAgainstOfficialSchema(loc, filledManifest().manifestVersion, 'localization').join('\n');
    expect(errors).toMatch(/description\.short.*must NOT have more than 80 characters/);
    expect(errors).toMatch(/must NOT have additional properties/);
  });

  it('translates every Swedish command and has no command without a Swedish counterpart', () => {
    expect(checkCommandTranslations(filledManifest(), localization(), 'en-US.json')).toEqual([]);
  });

  it('reports a Swedish command without an English title, and an English command that is not in the manifest', () => {
    const m = filledManifest();
    const loc = localization();
    delete loc['bots[0].commandLists[0].commands[0].title'];
    const lists = m.bots[0]!.commandLists;
    const orphan = `bots[0].commandLists[0].commands[${lists[0]!.commands.length}].title`;
    loc[orphan] = 'ghost';
    const problems = checkCommandTranslations(m, loc, 'en-US.json').join('\n');
    expect(problems).toContain('no title for "hjälp"');
    expect(problems).toContain(`${orphan} has no command in manifest.json`);
  });

  it('gives English command titles that differ from the Swedish ones where the words differ', () => {
    const m = filledManifest();
    const loc = localization();
    m.bots[0]!.commandLists.forEach((list, i) =>
      list.commands.forEach((c, j) => {
        const en = loc[`bots[0].commandLists[${i}].commands[${j}].title`];
        expect(typeof en).toBe('string');
        // No Swedish letters in the English titles: a copied Swedish title would show up here.
        expect(en).not.toMatch(/[åäöÅÄÖ]/);
        if (/[åäö]/.test(c.title)) expect(en).not.toBe(c.title);
      }),
    );
  });
});

describe('the icons', () => {
  const color = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
  const outline = readFileSync(join(APP_PACKAGE_DIR, 'outline.png'));

  it('color.png is a 192×192 opaque image with a visible mark', () => {
    const facts = iconFacts(color);
    expect([facts.width, facts.height]).toEqual([192, 192]);
    expect(facts.opaque).toBe(true);
    const image = PNG.sync.read(color);
    const colours = new Set<string>();
    for (let i = 0; i < image.data.length; i += 4) colours.add(`${image.data[i]},${image.data[i + 1]},${image.data[i + 2]}`);
    expect(colours.has('255,255,255')).toBe(true);
    expect(colours.size).toBeGreaterThan(2);
  });

  it('outline.png is 32×32, white on a transparent background', () => {
    const facts = iconFacts(outline);
    expect([facts.width, facts.height]).toEqual([32, 32]);
    expect(facts.visiblePixelsWhite).toBe(true);
    expect(facts.transparentShare).toBeGreaterThan(0.25);
    expect(facts.transparentShare).toBeLessThan(1);
    const image = PNG.sync.read(outline);
    for (const [x, y] of [[0, 0], [31, 0], [0, 31], [31, 31]] as const) expect(image.data[(y * 32 + x) * 4 + 3]).toBe(0);
  });

  it('the icon check rejects swapped icons and a non-white outline', () => {
    expect(checkIcons(outline, color).join('\n')).toMatch(/color icon is 32×32[\s\S]*outline icon is 192×192/);
    const tinted = drawOutlineIcon();
    for (let i = 0; i < tinted.data.length; i += 4) tinted.data[i] = 0;
    expect(checkIcons(color, PNG.sync.write(tinted))).toContain('outline icon must be white (every visible pixel #FFFFFF)');
  });

  it('are what scripts/make-icons.ts draws', () => {
    expect(Buffer.compare(PNG.sync.read(color).data, drawColorIcon().data)).toBe(0);
    expect(Buffer.compare(PNG.sync.read(outline).data, drawOutlineIcon().data)).toBe(0);
  });
});

describe('BOT_ID', () => {
  it('is required, with a message that says what to set', () => {
    const r = readBotId({});
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/BOT_ID is not set.*Microsoft App ID/);
  });

  it('must be a GUID', () => {
    const r = readBotId({ BOT_ID: 'stark-bot' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('"stark-bot"');
  });

  it('is accepted as a GUID, normalised to lower case', () => {
    expect(readBotId({ BOT_ID: ` ${TEST_BOT_ID.toUpperCase()} ` })).toEqual({ ok: true, botId: TEST_BOT_ID });
  });
});

interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Reads a zip back through its central directory (independently of createZip) and checks every CRC. */
function readZip(zip: Buffer): ZipEntry[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);

    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const localName = zip.toString('utf8', localOffset + 30, localOffset + 30 + zip.readUInt16LE(localOffset + 26));
    expect(localName).toBe(name);
    const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(start, start + compressedSize);
    expect([0, 8]).toContain(method);
    const data = method === 8 ? zlib.inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length).toBe(size);
    // zlib.crc32 exists from Node 20.15; fall back to our own only where it does not.
    const check = typeof zlib.crc32 === 'function' ? zlib.crc32(data) >>> 0 : crc32(data);
    expect(check).toBe(crc);
    entries.push({ name, data });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('the zip writer', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
    expect(crc32(Buffer.alloc(0))).toBe(0);
    const sample = readFileSync(join(APP_PACKAGE_DIR, 'color.png'));
    if (typeof zlib.crc32 === 'function') expect(crc32(sample)).toBe(zlib.crc32(sample) >>> 0);
  });

  it('writes entries that read back byte for byte, in order, at the archive root', () => {
    const files = [
      { name: 'a.json', data: Buffer.from('{"å":"ä"}') },
      { name: 'empty.txt', data: Buffer.alloc(0) },
      { name: 'b.bin', data: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7) % 256)) },
    ];
    const entries = readZip(createZip(files));
    expect(entries.map((e) => e.name)).toEqual(['a.json', 'empty.txt', 'b.bin']);
    entries.forEach((e, i) => expect(Buffer.compare(e.data, files[i]!.data)).toBe(0));
  });
});

describe('npm run package', () => {
  const work = mkdtempSync(join(tmpdir(), 'stark-package-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const script = resolve(root, 'scripts', 'package.ts');
  const run = (env: Record<string, string | undefined>, out: string) => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
    if (env.BOT_ID === undefined) delete childEnv.BOT_ID;
    return spawnSync(process.execPath, ['--import', 'tsx', script, '--out', out], { cwd: root, env: childEnv, encoding: 'utf8' });
  };

  it('checks the app package the same way as these tests', async () => {
    const result = await buildAppPackage({ values });
    expect(result.errors).toEqual([]);
    expect(result.files.map((f) => f.name)).toEqual(['manifest.json', 'en-US.json', 'color.png', 'outline.png']);
  });

  it('writes a zip with the manifest, the localization and both icons at its root, the bot id filled in', () => {
    const out = join(work, 'nested', 'stark.zip');
    const r = run({ BOT_ID: TEST_BOT_ID }, out);
    expect(r.status, r.stderr).toBe(0);
    const entries = readZip(readFileSync(out));
    expect(entries.map((e) => e.name).sort()).toEqual(['color.png', 'en-US.json', 'manifest.json', 'outline.png']);

    const manifest = JSON.parse(entries.find((e) => e.name === 'manifest.json')!.data.toString('utf8')) as Manifest;
    expect(manifest.id).toBe(TEST_BOT_ID);
    expect(manifest.bots[0]!.botId).toBe(TEST_BOT_ID);
    expect(manifest.version).toBe(readAppVersion());
    expect(JSON.stringify(manifest)).not.toContain('${{');
    expect(validateAgainstOfficialSchema(manifest, manifest.manifestVersion, 'manifest')).toEqual([]);
    for (const name of ['en-US.json', 'color.png', 'outline.png']) {
      const committed = readFileSync(join(APP_PACKAGE_DIR, name));
      expect(Buffer.compare(entries.find((e) => e.name === name)!.data, committed)).toBe(0);
    }
  });

  it.skipIf(spawnSync('unzip', ['-v']).status !== 0)('writes a zip that Info-ZIP unzip tests clean', () => {
    const out = join(work, 'unzip-check.zip');
    expect(run({ BOT_ID: TEST_BOT_ID }, out).status).toBe(0);
    const test = spawnSync('unzip', ['-t', out], { encoding: 'utf8' });
    expect(test.status).toBe(0);
    expect(test.stdout).toContain('No errors detected');
  });

  it('refuses to run without BOT_ID, says why, and writes nothing', () => {
    const out = join(work, 'missing.zip');
    const r = run({ BOT_ID: undefined }, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('BOT_ID is not set');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a BOT_ID that is not a GUID', () => {
    const out = join(work, 'bad.zip');
    const r = run({ BOT_ID: 'my-bot' }, out);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('BOT_ID must be a GUID');
    expect(existsSync(out)).toBe(false);
  });
});
