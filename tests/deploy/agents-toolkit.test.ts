import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/*
 * m365agents.yml and m365agents.local.yml against the Agents Toolkit's own JSON schema (v1.11, vendored from the
 * toolkit CLI package: tests/fixtures/m365agents/README.md), plus what the schema cannot know: that the files and
 * scripts they name exist, that the bot's identity is created before the Azure deployment that needs it, and that
 * what deploy uploads is what `npm run stage` produces.
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const schema = JSON.parse(readFileSync(join(root, 'tests', 'fixtures', 'm365agents', 'yaml.schema.v1.11.json'), 'utf8')) as object;
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const validate = new Ajv.default({ strict: false, allErrors: true }).compile(schema);

type Action = { uses: string; with?: Record<string, unknown>; writeToEnvironmentFile?: Record<string, string> };
type Project = { version: string; environmentFolderPath: string; provision: Action[]; deploy?: Action[]; publish?: Action[] };
const load = (file: string) => parse(readFileSync(join(root, file), 'utf8')) as Project;

describe.each(['m365agents.yml', 'm365agents.local.yml'])('%s', (file) => {
  const project = load(file);

  it('validates against the Agents Toolkit schema it declares', () => {
    expect(readFileSync(join(root, file), 'utf8')).toContain(`$schema=https://aka.ms/m365-agents-toolkits/${project.version}/yaml.schema.json`);
    const ok = validate(project);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 1)).toEqual([]);
    expect(ok).toBe(true);
  });

  it('names files that exist and environment files for its environment', () => {
    const paths = [...project.provision, ...(project.deploy ?? []), ...(project.publish ?? [])].flatMap((a) => {
      const w = a.with ?? {};
      return [w.manifestPath, ...((w.templates as Array<{ path: string; parameters?: string }> | undefined) ?? []).flatMap((t) => [t.path, t.parameters])].filter((p): p is string => typeof p === 'string');
    });
    for (const p of paths) expect(existsSync(join(root, p)), p).toBe(true);
    const env = file === 'm365agents.yml' ? 'dev' : 'local';
    expect(existsSync(join(root, project.environmentFolderPath, `.env.${env}`))).toBe(true);
    for (const script of project.provision.filter((a) => a.uses === 'script')) {
      const target = /node (\S+)/.exec(String(script.with?.run))?.[1];
      expect(target && existsSync(join(root, target)), String(script.with?.run)).toBe(true);
    }
  });

  it('creates the bot\'s Entra app with a client secret kept as a SECRET_ variable, before anything uses BOT_ID', () => {
    const create = project.provision.findIndex((a) => a.uses === 'aadApp/create');
    expect(create).toBe(0);
    const action = project.provision[create];
    expect(action?.with?.generateClientSecret).toBe(true);
    expect(action?.writeToEnvironmentFile?.clientId).toBe('BOT_ID');
    expect(action?.writeToEnvironmentFile?.clientSecret).toBe('SECRET_BOT_PASSWORD');
  });
});

describe('m365agents.yml (Azure)', () => {
  const project = load('m365agents.yml');

  it('is single-tenant by default and deploys the Bicep with its parameters', () => {
    expect(project.provision[0]?.with?.signInAudience).toBe('AzureADMyOrg');
    const arm = project.provision.find((a) => a.uses === 'arm/deploy');
    expect(arm?.with?.templates).toEqual([{ path: './infra/azure.bicep', parameters: './infra/azure.parameters.json', deploymentName: 'stark-bot' }]);
  });

  it('deploys what `npm run stage` lays out (compiled, production dependencies only) to the App Service the Bicep created', () => {
    const steps = (project.deploy ?? []).map((a) => (a.uses === 'cli/runNpmCommand' ? `npm ${String(a.with?.args)}` : a.uses));
    expect(steps).toEqual(['npm ci --no-audit --no-fund', 'npm run build', 'npm run stage -- build/app', 'azureAppService/zipDeploy']);
    const zip = project.deploy?.at(-1);
    expect(zip?.with?.artifactFolder).toBe('./build/app');
    expect(zip?.with?.resourceId).toBe('${{AZURE_APP_SERVICE_RESOURCE_ID}}');
    expect(readFileSync(join(root, 'infra', 'azure.bicep'), 'utf8')).toContain('output AZURE_APP_SERVICE_RESOURCE_ID string = web.id');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.build).toBeDefined();
    expect(pkg.scripts.stage).toContain('scripts/stage-runtime.ts');
  });

  it('publishes the Teams app package built from appPackage/manifest.json', () => {
    expect((project.publish ?? []).map((a) => a.uses)).toEqual(['teamsApp/zipAppPackage', 'teamsApp/validateAppPackage', 'teamsApp/publishAppPackage']);
  });
});

describe('m365agents.local.yml', () => {
  it('registers the bot at the tunnel\'s endpoint for Teams and writes the bot\'s environment to a git-ignored file', () => {
    const project = load('m365agents.local.yml');
    const bot = project.provision.find((a) => a.uses === 'botFramework/create');
    expect(bot?.with?.messagingEndpoint).toBe('${{BOT_ENDPOINT}}/api/messages');
    expect(bot?.with?.channels).toEqual([{ name: 'msteams' }]);
    const envFile = project.deploy?.find((a) => a.uses === 'file/createOrUpdateEnvironmentFile');
    expect(envFile?.with?.target).toBe('./.localConfigs');
    const envs = envFile?.with?.envs as Record<string, unknown>;
    for (const key of ['BOT_ID', 'BOT_PASSWORD', 'BOT_TENANT_ID', 'STARK_TENANT_ID', 'STARK_PUBLIC_URL']) expect(envs, key).toHaveProperty(key);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\.localConfigs$/m);
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^env\/\.env\.\*\.user$/m);
  });
});
