import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkBicep, type BicepFile } from '../helpers/bicep-check.js';

/*
 * The Bicep files validate as far as an offline check can take them (tests/helpers/bicep-check.ts: syntax, names,
 * unused parameters, resource types, secrets in outputs, module parameters), and hold what issue 18 asks for.
 * Not checked here: resource properties against Azure's schemas and a real deployment (README › Deploying).
 */

const root = fileURLToPath(new URL('../..', import.meta.url));
const main = await checkBicep(join(root, 'infra', 'azure.bicep'));
const bot = await checkBicep(join(root, 'infra', 'botRegistration', 'azurebot.bicep'));
const alerts = await checkBicep(join(root, 'infra', 'alerts.bicep'));
const resource = (file: BicepFile, type: string) => file.resources.filter((r) => r.type.split('@')[0] === type);

describe('infra/*.bicep validate offline', () => {
  it('no syntax errors, undefined or unused names, malformed types, secrets in outputs or module parameter mismatches', () => {
    expect(main.problems).toEqual([]);
    expect(bot.problems).toEqual([]);
    expect(alerts.problems).toEqual([]);
  });

  const scratch: string[] = [];
  afterAll(async () => {
    for (const d of scratch) await rm(d, { recursive: true, force: true });
  });
  it('the check itself finds each kind of mistake it claims to', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stark-bicep-'));
    scratch.push(dir);
    await writeFile(join(dir, 'child.bicep'), "param needed string\nparam optional string = 'x'\noutput o string = '${needed}${optional}'\n");
    const cases: Array<[string, RegExp]> = [
      ["param a string\nresource r 'Microsoft.Web/sites@2023-12-01' = {\n  name: a\n  location: \n}\n", /syntax error/],
      ["param a string\noutput o string = b\n", /"b" is not declared/],
      ["param a string\nparam unused string\noutput o string = a\n", /parameter "unused" is never used/],
      ["var v = 1\noutput o int = 2\n", /variable "v" is never used/],
      ["param a string\nresource r 'Microsoft.Web/sites' = {\n  name: a\n}\n", /malformed type/],
      ["@secure()\nparam s string\noutput o string = s\n", /exposes the secure parameter "s"/],
      ["module m './child.bicep' = {\n  name: 'm'\n  params: {\n    optional: 'y'\n    extra: 'z'\n  }\n}\n", /passes "extra"/],
    ];
    for (const [source, problem] of cases) {
      const file = join(dir, 'case.bicep');
      await writeFile(file, source);
      const found = (await checkBicep(file)).problems.join('\n');
      expect(found, source).toMatch(problem);
    }
    const moduleCase = join(dir, 'case.bicep');
    const problems = (await checkBicep(moduleCase)).problems.join('\n');
    expect(problems).toMatch(/passes "extra"/);
    expect(problems).toMatch(/does not pass the required "needed"/);
  });
});

describe('what the infrastructure holds', () => {
  it('defaults to Sweden Central and takes the names as parameters', () => {
    expect(main.params.get('location')?.defaultText).toBe("'swedencentral'");
    expect(main.params.get('resourceBaseName')?.hasDefault).toBe(false);
    expect(bot.source).toMatch(/location: 'global'/);
  });

  it('an App Service on Linux with Node 20, HTTPS only, checked on /readyz, its store on persistent storage', () => {
    const [web] = resource(main, 'Microsoft.Web/sites');
    expect(web?.body).toContain("linuxFxVersion: 'NODE|20-lts'");
    expect(web?.body).toContain('httpsOnly: true');
    expect(web?.body).toContain("healthCheckPath: '/readyz'");
    expect(web?.body).toContain("appCommandLine: 'node --enable-source-maps dist/main.js'");
    expect(main.source).toMatch(/var dataDir = '\/home\/[^']+'/);
    expect(resource(main, 'Microsoft.Web/serverfarms')[0]?.body).toContain('reserved: true');
  });

  it('secrets only in Key Vault (RBAC), reaching the app as Key Vault references read by its own identity', () => {
    const [vault] = resource(main, 'Microsoft.KeyVault/vaults');
    expect(vault?.body).toContain('enableRbacAuthorization: true');
    for (const secret of ['botAadAppClientSecret', 'linkKey', 'postgresAdminPassword']) expect(main.params.get(secret)?.secure, secret).toBe(true);
    const secrets = resource(main, 'Microsoft.KeyVault/vaults/secrets').map((r) => r.body);
    expect(secrets.some((s) => s.includes("name: 'bot-password'") && s.includes('value: botAadAppClientSecret'))).toBe(true);
    expect(secrets.some((s) => s.includes("name: 'link-key'") && s.includes('value: linkKey'))).toBe(true);
    const web = resource(main, 'Microsoft.Web/sites')[0]?.body ?? '';
    expect(web).toMatch(/name: 'BOT_PASSWORD', value: '@Microsoft\.KeyVault\(/);
    expect(web).toMatch(/name: 'STARK_LINK_SIGNING_KEY', value: '@Microsoft\.KeyVault\(/);
    // No secure parameter is written into an app setting directly.
    for (const p of [...main.params.values()].filter((q) => q.secure)) expect(web).not.toMatch(new RegExp(`value: ${p.name}\\b`));
    const role = resource(main, 'Microsoft.Authorization/roleAssignments')[0]?.body ?? '';
    expect(role).toContain('scope: vault');
    expect(role).toContain('web.identity.principalId');
    expect(main.source).toContain("keyVaultSecretsUserRole = '4633458b-17de-408a-b874-0445c86b69e6'");
  });

  it('an Azure Bot with the Microsoft Teams channel, pointing at the App Service, single- or multi-tenant', () => {
    expect(resource(bot, 'Microsoft.BotService/botServices')[0]?.body).toContain("endpoint: 'https://${botAppDomain}/api/messages'");
    expect(resource(bot, 'Microsoft.BotService/botServices/channels')[0]?.body).toContain("channelName: 'MsTeamsChannel'");
    expect(main.params.get('botAppType')?.allowed).toEqual(['SingleTenant', 'MultiTenant']);
    expect(main.source).toContain('botAppDomain: web.properties.defaultHostName');
  });

  it('Application Insights on a Log Analytics workspace, its connection string given to the app, alerts on the metrics', () => {
    expect(resource(main, 'Microsoft.Insights/components')[0]?.body).toContain('WorkspaceResourceId: logs.id');
    expect(resource(main, 'Microsoft.Web/sites')[0]?.body).toContain("{ name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }");
    for (const metric of ['stark.outbound.failed', 'stark.outbound.throttled', 'stark.turn.duration', 'stark.job.runs']) expect(alerts.source, metric).toContain(metric);
    expect(alerts.source).toContain("metricName: 'HealthCheckStatus'");
  });

  it('a PostgreSQL Flexible Server and database, prepared, with the bot not switched to it', () => {
    expect(resource(main, 'Microsoft.DBforPostgreSQL/flexibleServers')[0]?.body).toContain("version: '16'");
    expect(resource(main, 'Microsoft.DBforPostgreSQL/flexibleServers/databases')).toHaveLength(1);
    expect(resource(main, 'Microsoft.Web/sites')[0]?.body).not.toContain('STARK_DATABASE_URL');
  });

  it('infra/azure.parameters.json names only parameters the template has, gives every required one, and fills them from the environment', () => {
    const file = JSON.parse(readFileSync(join(root, 'infra', 'azure.parameters.json'), 'utf8')) as { parameters: Record<string, { value: unknown }> };
    const given = Object.keys(file.parameters);
    for (const name of given) expect(main.params.has(name), name).toBe(true);
    for (const p of main.params.values()) if (!p.hasDefault) expect(given, p.name).toContain(p.name);
    // Every ${{VAR}} is written by a provisioning step before arm/deploy runs, or declared in env/.env.dev.
    const yml = parse(readFileSync(join(root, 'm365agents.yml'), 'utf8')) as { provision: Array<Record<string, unknown>> };
    const armAt = yml.provision.findIndex((a) => a.uses === 'arm/deploy');
    const written = new Set<string>();
    for (const action of yml.provision.slice(0, armAt)) for (const v of Object.values((action.writeToEnvironmentFile as Record<string, string> | undefined) ?? {})) written.add(v);
    for (const line of readFileSync(join(root, 'scripts', 'provision-env.mjs'), 'utf8').matchAll(/set\('([A-Z_]+)'/g)) written.add(line[1] ?? '');
    const declared = new Set(readFileSync(join(root, 'env', '.env.dev'), 'utf8').split('\n').flatMap((l) => (/^([A-Z_]+)=/.exec(l)?.[1] ? [/^([A-Z_]+)=/.exec(l)?.[1] ?? ''] : [])));
    const placeholders = [...JSON.stringify(file).matchAll(/\$\{\{([A-Z0-9_]+)\}\}/g)].map((m) => m[1] ?? '');
    expect(placeholders.length).toBeGreaterThan(5);
    for (const v of placeholders) expect(written.has(v) || declared.has(v), v).toBe(true);
    // Secrets never sit in the committed environment file.
    for (const v of declared) expect(v.startsWith('SECRET_'), v).toBe(false);
  });
});
