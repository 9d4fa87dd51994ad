// Builds the Teams app package: appPackage/manifest.json with the bot id and the app version filled in, the
// localization file(s) it names and both icons, checked against the official Teams JSON schemas that
// @microsoft/app-manifest ships (offline), zipped flat as Teams wants them.
//
//   BOT_ID=<Azure Bot app id> npm run package            → build/stark-teams-app.zip
//   BOT_ID=<…> npm run package -- --out some/other.zip
//
// There is deliberately no placeholder mode: a package whose bot id is made up installs in Teams but never reaches
// a bot, which is harder to diagnose than a refusal here. Tests call buildAppPackage() with a test id instead.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateRawSync } from 'node:zlib';
import type { Options as AjvOptions, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { PNG } from 'pngjs';

const require = createRequire(import.meta.url);
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export const APP_PACKAGE_DIR = resolve(projectRoot, 'appPackage');
export const DEFAULT_OUT = resolve(projectRoot, 'build', 'stark-teams-app.zip');

const GUID = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;
// semver 2.0 core with optional pre-release/build, as the manifest's `version` asks.
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const PLACEHOLDER = /\$\{\{([A-Z0-9_]+)\}\}/g;

/** The values the committed manifest leaves open. */
export interface PackageValues {
  /** The Azure Bot registration's Microsoft App ID (a GUID); also used as the Teams app id. */
  BOT_ID: string;
  /** The app version Teams compares on upload; taken from package.json. */
  APP_VERSION: string;
}

export type BotIdResult = { ok: true; botId: string } | { ok: false; message: string };

/** Reads BOT_ID from the environment; a missing or malformed value gives a message saying what to do. */
export function readBotId(env: NodeJS.ProcessEnv): BotIdResult {
  const raw = env.BOT_ID?.trim();
  if (!raw) {
    return {
      ok: false,
      message:
        'BOT_ID is not set. Set it to the Microsoft App ID of the Azure Bot registration (a GUID), e.g. ' +
        'BOT_ID=xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx npm run package',
    };
  }
  if (!GUID.test(raw)) {
    return { ok: false, message: `BOT_ID must be a GUID (the Azure Bot's Microsoft App ID); got "${raw}".` };
  }
  return { ok: true, botId: raw.toLowerCase() };
}

/** The version in package.json, which the app package follows. */
export function readAppVersion(): string {
  const pkg = JSON.parse(readFileSync(resolve(projectRoot, 'package.json'), 'utf8')) as { version?: unknown };
  if (typeof pkg.version !== 'string' || !SEMVER.test(pkg.version)) {
    throw new Error(`package.json has no semver "version" (got ${JSON.stringify(pkg.version)}).`);
  }
  return pkg.version;
}

/** Replaces every `${{NAME}}` in a manifest text; an unknown or unset name is an error, never left in place. */
export function fillPlaceholders(text: string, values: PackageValues): string {
  const unknown = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (whole, name: string) => {
    const value = (values as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) {
      unknown.add(name);
      return whole;
    }
    // The values are GUIDs and semver strings, but escape anyway so a value can never break the JSON.
    return JSON.stringify(value).slice(1, -1);
  });
  if (unknown.size > 0) throw new Error(`manifest.json has placeholders without a value: ${[...unknown].join(', ')}`);
  return filled;
}

type SchemaKind = 'manifest' | 'localization';

/** The official schema file for a manifest version, from @microsoft/app-manifest (never fetched over the network). */
export function officialSchemaPath(manifestVersion: string, kind: SchemaKind): string {
  const pkgDir = dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = kind === 'manifest' ? 'MicrosoftTeams.schema.json' : 'MicrosoftTeams.Localization.schema.json';
  return resolve(pkgDir, 'build', 'json-schemas', 'teams', `v${manifestVersion}`, file);
}

// The Teams schemas declare JSON Schema draft-04, which Ajv 8 handles only through ajv-draft-04 (the same class
// @microsoft/app-manifest's own validator uses).
type AjvDraft04 = new (options: AjvOptions) => { compile(schema: object): ValidateFunction };
const AjvDraft04Class = (require('ajv-draft-04') as { default: AjvDraft04 }).default;

const validators = new Map<string, ValidateFunction>();

function officialValidator(path: string): ValidateFunction {
  const cached = validators.get(path);
  if (cached) return cached;
  // Same clean-up @microsoft/app-manifest applies to these files: \a and \v are not valid in JS regular expressions.
  const schema = JSON.parse(readFileSync(path, 'utf8').replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as object;
  // As @microsoft/app-manifest configures it, except unicodeRegExp: the localization schema's patterns (e.g.
  // `\b]`) are valid ECMAScript regular expressions only without the u flag.
  const ajv = new AjvDraft04Class({ allErrors: true, strictTypes: false, unicodeRegExp: false });
  // ajv-formats is CommonJS; its plugin is module.exports and also module.exports.default.
  addFormats.default(ajv as unknown as Parameters<typeof addFormats.default>[0], ['uri', 'email', 'regex']);
  const validate = ajv.compile(schema);
  validators.set(path, validate);
  return validate;
}

/**
 * Validates a document against the official Teams schema for its manifest version, with Ajv's draft-04 dialect
 * (as the schemas declare) and ajv-formats. Returns the errors; [] when valid.
 */
export function validateAgainstOfficialSchema(doc: unknown, manifestVersion: string, kind: SchemaKind): string[] {
  const path = officialSchemaPath(manifestVersion, kind);
  if (!existsSync(path)) return [`no official ${kind} schema for manifest version ${manifestVersion} in @microsoft/app-manifest`];
  const validate = officialValidator(path);
  if (validate(doc)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'} ${JSON.stringify(e.params)}`);
}

interface CommandList {
  scopes: string[];
  commands: { title: string; description: string }[];
}
interface ManifestView {
  manifestVersion: string;
  $schema?: string;
  icons: { color: string; outline: string };
  localizationInfo?: { defaultLanguageTag: string; additionalLanguages?: { languageTag: string; file: string }[] };
  bots?: { scopes: string[]; commandLists?: CommandList[] }[];
}

const COMMAND_KEY = /^bots\[0\]\.commandLists\[(\d+)\]\.commands\[(\d+)\]\.(title|description)$/;

/**
 * Every bot command of the default-language manifest has a translated title and description in the localization
 * file, and every translated command exists in the manifest (no orphans that Teams would reject).
 */
export function checkCommandTranslations(manifest: ManifestView, localization: Record<string, unknown>, file: string): string[] {
  const problems: string[] = [];
  const lists = manifest.bots?.[0]?.commandLists ?? [];
  lists.forEach((list, i) =>
    list.commands.forEach((command, j) => {
      for (const field of ['title', 'description'] as const) {
        const key = `bots[0].commandLists[${i}].commands[${j}].${field}`;
        const value = localization[key];
        if (typeof value !== 'string' || value.trim() === '') {
          problems.push(`${file}: no ${field} for "${command.title}" (${list.scopes.join(', ')}): ${key}`);
        }
      }
    }),
  );
  for (const key of Object.keys(localization)) {
    const m = COMMAND_KEY.exec(key);
    if (m && lists[Number(m[1])]?.commands[Number(m[2])] === undefined) {
      problems.push(`${file}: ${key} has no command in manifest.json`);
    }
  }
  return problems;
}

/** One command list per scope, each scope one the bot declares (Teams' guidance for bot command menus). */
export function checkCommandScopes(manifest: ManifestView): string[] {
  const problems: string[] = [];
  const bot = manifest.bots?.[0];
  if (!bot) return ['manifest.json declares no bot'];
  const seen = new Set<string>();
  for (const list of bot.commandLists ?? []) {
    if (list.scopes.length !== 1) problems.push(`a command list should have exactly one scope, has ${list.scopes.join(', ')}`);
    for (const scope of list.scopes) {
      if (!bot.scopes.includes(scope)) problems.push(`command list for scope ${scope}, which the bot does not declare`);
      if (seen.has(scope)) problems.push(`two command lists for scope ${scope}`);
      seen.add(scope);
    }
  }
  return problems;
}

export interface IconFacts {
  width: number;
  height: number;
  /** Pixels with alpha 0, of all pixels. */
  transparentShare: number;
  /** Whether every pixel that is not fully transparent is pure white. */
  visiblePixelsWhite: boolean;
  /** Whether every pixel is fully opaque. */
  opaque: boolean;
}

export function iconFacts(png: Buffer): IconFacts {
  const image = PNG.sync.read(png);
  let transparent = 0;
  let visiblePixelsWhite = true;
  let opaque = true;
  for (let i = 0; i < image.data.length; i += 4) {
    const alpha = image.data[i + 3] ?? 0;
    if (alpha === 0) transparent++;
    if (alpha !== 255) opaque = false;
    if (alpha > 0 && (image.data[i] !== 255 || image.data[i + 1] !== 255 || image.data[i + 2] !== 255)) {
      visiblePixelsWhite = false;
    }
  }
  return {
    width: image.width,
    height: image.height,
    transparentShare: transparent / (image.width * image.height),
    visiblePixelsWhite,
    opaque,
  };
}

/** Teams' icon rules: colour 192×192; outline 32×32, white on a transparent background. */
export function checkIcons(color: Buffer, outline: Buffer): string[] {
  const problems: string[] = [];
  const c = iconFacts(color);
  if (c.width !== 192 || c.height !== 192) problems.push(`color icon is ${c.width}×${c.height}, must be 192×192`);
  const o = iconFacts(outline);
  if (o.width !== 32 || o.height !== 32) problems.push(`outline icon is ${o.width}×${o.height}, must be 32×32`);
  if (o.transparentShare < 0.25) problems.push('outline icon must have a transparent background');
  if (o.transparentShare === 1) problems.push('outline icon is empty');
  if (!o.visiblePixelsWhite) problems.push('outline icon must be white (every visible pixel #FFFFFF)');
  return problems;
}

export interface PackageFile {
  name: string;
  data: Buffer;
}

export interface BuildResult {
  /** The files for the zip root, manifest first; empty when there are errors. */
  files: PackageFile[];
  errors: string[];
  manifest: unknown;
}

/**
 * Fills the manifest, validates it and its localization files against the official schemas, checks command
 * translations and icons, and returns the files for the zip. Nothing is written.
 */
export async function buildAppPackage(options: { values: PackageValues; dir?: string }): Promise<BuildResult> {
  const dir = options.dir ?? APP_PACKAGE_DIR;
  const read = (name: string): Buffer => readFileSync(resolve(dir, name));
  const errors: string[] = [];

  const manifestText = fillPlaceholders(read('manifest.json').toString('utf8'), options.values);
  const manifest = JSON.parse(manifestText) as ManifestView;
  const version = manifest.manifestVersion;
  const expectedSchema = `https://developer.microsoft.com/json-schemas/teams/v${version}/MicrosoftTeams.schema.json`;
  if (manifest.$schema !== expectedSchema) errors.push(`manifest.json: $schema should be ${expectedSchema}`);
  errors.push(...validateAgainstOfficialSchema(manifest, version, 'manifest').map((e) => `manifest.json: ${e}`));
  errors.push(...checkCommandScopes(manifest));

  const files: PackageFile[] = [{ name: 'manifest.json', data: Buffer.from(manifestText, 'utf8') }];
  for (const language of manifest.localizationInfo?.additionalLanguages ?? []) {
    let data: Buffer;
    try {
      data = read(language.file);
    } catch {
      errors.push(`${language.file} (${language.languageTag}) is named in manifest.json but missing`);
      continue;
    }
    const localization = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
    const schemaErrors = validateAgainstOfficialSchema(localization, version, 'localization');
    errors.push(...schemaErrors.map((e) => `${language.file}: ${e}`));
    errors.push(...checkCommandTranslations(manifest, localization, language.file));
    files.push({ name: language.file, data });
  }

  const color = read(manifest.icons.color);
  const outline = read(manifest.icons.outline);
  errors.push(...checkIcons(color, outline));
  files.push({ name: manifest.icons.color, data: color }, { name: manifest.icons.outline, data: outline });

  return { files: errors.length > 0 ? [] : files, errors, manifest };
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE 802.3, as ZIP uses). Own code because zlib.crc32 only exists from Node 20.15. */
export function crc32(data: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

// MS-DOS date of 1980-01-01 00:00 for every entry, so the same inputs always give the same zip.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/**
 * A minimal ZIP writer (PKWARE APPNOTE 6.3): one deflated entry per file at the archive root, a central directory,
 * no ZIP64 (the package is a few kilobytes), UTF-8 names flagged.
 */
export function createZip(files: PackageFile[]): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const name = Buffer.from(file.name, 'utf8');
    const compressed = deflateRawSync(file.data, { level: 9 });
    const crc = crc32(file.data);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // flags: names are UTF-8
    local.writeUInt16LE(8, 8); // method: deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(file.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra field length
    chunks.push(local, name, compressed);

    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // version made by: 2.0, MS-DOS attributes
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(0x0800, 8);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(DOS_TIME, 12);
    entry.writeUInt16LE(DOS_DATE, 14);
    entry.writeUInt32LE(crc, 16);
    entry.writeUInt32LE(compressed.length, 20);
    entry.writeUInt32LE(file.data.length, 24);
    entry.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all 0
    entry.writeUInt32LE(offset, 42);
    central.push(entry, name);

    offset += local.length + name.length + compressed.length;
  }
  const centralDirectory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(centralDirectory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, centralDirectory, end]);
}

function parseOut(argv: string[]): string {
  const i = argv.indexOf('--out');
  if (i === -1) return DEFAULT_OUT;
  const value = argv[i + 1];
  if (value === undefined || value.startsWith('--')) throw new Error('--out needs a file path');
  return resolve(value);
}

async function main(): Promise<number> {
  const bot = readBotId(process.env);
  if (!bot.ok) {
    console.error(`npm run package: ${bot.message}`);
    return 1;
  }
  const out = parseOut(process.argv.slice(2));
  const result = await buildAppPackage({ values: { BOT_ID: bot.botId, APP_VERSION: readAppVersion() } });
  if (result.errors.length > 0) {
    console.error('npm run package: the app package is not valid:');
    for (const e of result.errors) console.error(`  - ${e}`);
    return 1;
  }
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, createZip(result.files));
  const fromCwd = relative(process.cwd(), out);
  const shown = fromCwd.startsWith('..') || fromCwd === '' ? out : fromCwd;
  console.log(`Wrote ${shown} (${result.files.map((f) => f.name).join(', ')}) for bot ${bot.botId}.`);
  console.log('Upload it in Teams: Apps → Manage your apps → Upload an app, or via the Teams admin center.');
  return 0;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(`npm run package: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
