// .m365agentsplayground.yml: the Agents Playground's people are the demo roster's, as issue 2 fixes them (020 is the
// current user, 021–025 the five users, tenant …0001), and the file passes the Playground's own config checks.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import yaml from 'yaml';

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL('..', import.meta.url));

// yaml is what the Playground itself parses this file with.

interface PlaygroundUser {
  id: string;
  name: string;
  userPrincipleName: string;
  aadObjectId: string;
  givenName: string;
  surname: string;
  email: string;
}
interface PlaygroundConfig {
  version: string;
  tenantId: string;
  bot: { id: string; name: string };
  currentUser: PlaygroundUser;
  users: PlaygroundUser[];
  personalChat: { id: string };
  groupChat: { id: string; name: string };
  team: { id: string; name: string; aadGroupId: string; channels: { id: string; name: string }[] };
}
interface RosterPerson {
  aadObjectId: string;
  name: string;
  email?: string;
}

const config = yaml.parse(readFileSync(join(root, '.m365agentsplayground.yml'), 'utf8')) as PlaygroundConfig;
const roster = (JSON.parse(readFileSync(join(root, 'data', 'demo-roster.json'), 'utf8')) as { people: RosterPerson[] }).people;

const aad = (n: number): string => `00000000-0000-0000-0000-${String(n).padStart(12, '0')}`;

/**
 * The Playground validates its config against a JSON schema bundled (as a string literal) in its dist/index.js.
 * Lift that literal out so this test checks against the installed Playground version's own rules.
 */
function playgroundConfigSchema(): object {
  const bundle = readFileSync(join(dirname(require.resolve('@microsoft/m365agentsplayground/package.json')), 'dist', 'index.js'), 'utf8');
  const marker = `JSON.parse('{"$id":"https://aka.ms/teams-app-test-tool-config/`;
  const at = bundle.indexOf(marker);
  if (at === -1) throw new Error('config schema not found in the Playground bundle (did its layout change?)');
  const start = at + 'JSON.parse('.length;
  let end = start + 1;
  while (end < bundle.length && bundle[end] !== "'") end += bundle[end] === '\\' ? 2 : 1;
  // A single-quoted JS string literal, no code: evaluate just the literal to undo its escapes.
  const literal = new Script(bundle.slice(start, end + 1)).runInNewContext() as string;
  return JSON.parse(literal) as object;
}

describe('.m365agentsplayground.yml', () => {
  it("passes the Playground's own config schema and its uniqueness rules", () => {
    // As the Playground configures it: Ajv (draft-07) with strict off and ajv-formats.
    const ajv = new Ajv.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(playgroundConfigSchema());
    expect(validate(config) ? [] : validate.errors).toEqual([]);
    const userIds = [config.currentUser.id, ...config.users.map((u) => u.id)];
    expect(new Set(userIds).size).toBe(userIds.length);
    const conversationIds = [config.personalChat.id, config.groupChat.id, config.team.id, ...config.team.channels.map((c) => c.id)];
    expect(new Set(conversationIds).size).toBe(conversationIds.length);
  });

  it('uses config version 0.1.1 and the demo tenant', () => {
    expect(config.version).toBe('0.1.1');
    expect(config.tenantId).toBe('00000000-0000-0000-0000-000000000001');
    expect(config.bot.name).toBe('STARK');
  });

  it('has the Västerås director (020) as the current user and exactly 021–025 as the five users', () => {
    expect(config.currentUser.aadObjectId).toBe(aad(20));
    expect(config.users.map((u) => u.aadObjectId)).toEqual([21, 22, 23, 24, 25].map(aad));
  });

  it("gives every person the roster's name and e-mail, split into given name and surname", () => {
    for (const user of [config.currentUser, ...config.users]) {
      const person = roster.find((p) => p.aadObjectId === user.aadObjectId);
      expect(person, `${user.aadObjectId} is not in data/demo-roster.json`).toBeDefined();
      expect(user.name).toBe(person!.name);
      expect(`${user.givenName} ${user.surname}`).toBe(person!.name);
      expect(user.email).toBe(person!.email);
      expect(user.userPrincipleName).toBe(person!.email);
    }
  });
});
