import { afterAll, describe, expect, it } from 'vitest';
import { acquireDatabaseLock, acquireConfiguredStoreLock, StoreLockedError } from '../../src/store/store-lock.js';
import { StoreLoadError } from '../../src/store/store-errors.js';
import { admin } from '../../scripts/admin.js';
import { freshSchema, type TestSchema } from '../helpers/postgres.js';

let schema: TestSchema | undefined;
afterAll(async () => {
  await schema?.drop();
});

describe('the store lock on PostgreSQL', () => {
  it('bots share it; an admin writer takes it alone: refused while a bot runs, and a bot refused while it runs', async () => {
    schema = await freshSchema('lock');
    const url = schema.url;
    const a = await acquireConfiguredStoreLock({ dataDir: '/nonexistent', databaseUrl: url }, 'the STARK bot', 'bot');
    const b = await acquireConfiguredStoreLock({ dataDir: '/nonexistent', databaseUrl: url }, 'the STARK bot', 'bot');
    const refused = await acquireDatabaseLock(url, 'npm run admin -- person erase', 'exclusive').catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(StoreLockedError);
    expect((refused as Error).message).toMatch(/in use by the STARK bot \(pid \d+/);

    // The admin command itself, configured with STARK_DATABASE_URL, refuses to erase while the bots run.
    const err: string[] = [];
    const code = await admin(['person', 'erase', '00000000-0000-0000-0000-000000000020', '--yes'], { STARK_DATABASE_URL: url }, () => undefined, (l) => err.push(l));
    expect(code).toBe(3);
    expect(err.join('\n')).toMatch(/Refused: .*in use by the STARK bot/);

    a.release();
    b.release();
    await new Promise((r) => setTimeout(r, 200));
    const writer = await acquireDatabaseLock(url, 'npm run admin -- person erase', 'exclusive');
    const bot = await acquireDatabaseLock(url, 'the STARK bot', 'shared').catch((e: unknown) => e);
    expect(bot).toBeInstanceOf(StoreLockedError);
    expect((bot as Error).message).toMatch(/in use by npm run admin -- person/);
    writer.release();
  });

  it('a database that cannot be reached is a load error naming it without its password', async () => {
    const e = await acquireDatabaseLock('postgres://stark:hunter2@127.0.0.1:1/stark', 'the STARK bot', 'shared').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(StoreLoadError);
    expect((e as Error).message).toContain('postgres://stark@127.0.0.1:1/stark');
    expect((e as Error).message).not.toContain('hunter2');
  });
});
