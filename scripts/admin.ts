/**
 * `npm run admin -- <command>`: administration from the command line, for the people who run the bot.
 *
 *   secrets rotate     a new link-signing key in the key file; every download link signed before stops working
 *   secrets new-key    print a fresh key, for STARK_LINK_SIGNING_KEY when the key comes from the environment
 *   audit [--limit N] [--json]   the audit record, newest first (read-only)
 *   person export <aadObjectId>        everything stored about a person, as JSON on standard output (read-only)
 *   person erase <aadObjectId> --yes   erase a person's personal data (live store and backups); refused while the bot runs
 *   store copy --from <dir|url> --to <dir|url>   copy the store between the file store and PostgreSQL, verified
 *
 * It reads the same environment as the bot (STARK_DATA_DIR, STARK_DATABASE_URL, STARK_KEY_FILE, …): with
 * STARK_DATABASE_URL the store commands work on PostgreSQL, as the bot does. The running bot is the store's only
 * writer: the one command here that writes (person erase) takes the store's lock (src/store/store-lock.ts) and refuses
 * while the bot holds it. A command is a name, a one-line summary and a function, grouped in the `commands` table
 * below; adding one is adding an entry.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type BotConfig } from '../src/config.js';
import { ADMIN_ACTOR, latestEntries, type AuditEntry } from '../src/domain/audit.js';
import { formatStockholm } from '../src/domain/time.js';
import { newKey, rotateKeyFile } from '../src/store/key-file.js';
import { Store } from '../src/store/store.js';
import { PgPersistence } from '../src/store/postgres/pg-persistence.js';
import { copyStore, isDatabaseUrl, readStore, StoreCopyError } from '../src/store/store-copy.js';
import type { StoreDocument } from '../src/store/schema.js';
import { adminCaller } from '../src/app/privacy/caller.js';
import { erasePerson } from '../src/app/privacy/erase-person.js';
import { exportPersonData } from '../src/app/privacy/export-person-data.js';
import type { UnitOfWork } from '../src/app/unit-of-work.js';
import { aadObjectIdSchema } from '../src/domain/people.js';
import { fileBackupEraser } from '../src/store/backup-erasure.js';
import { acquireConfiguredStoreLock, StoreLockedError } from '../src/store/store-lock.js';
import { fileUnitOfWork, repositoriesOver } from '../src/store/unit-of-work.js';

interface Context {
  config: BotConfig;
  out: (line: string) => void;
  err: (line: string) => void;
}

interface Command {
  summary: string;
  usage?: string;
  run(args: string[], ctx: Context): Promise<number>;
}

type Group = { summary: string; commands: Record<string, Command> };

class UsageError extends Error {}

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i === -1) return undefined;
  const value = args[i + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
  return value;
}

/** The configured store: STARK_DATABASE_URL, else the data directory (snapshot + journal). */
const storeLocation = (config: BotConfig): string => config.databaseUrl ?? config.dataDir;

/**
 * The store document as the bot would open it (the journal replayed, or the PostgreSQL tables read), without taking
 * part in its writes: the bot may be running.
 */
async function readConfiguredStore(config: BotConfig): Promise<StoreDocument> {
  const doc = await readStore(storeLocation(config));
  if (!doc) throw new Error(`there is no store in ${config.databaseUrl ? 'the database' : config.dataDir}`);
  return doc;
}

/** The audit record and the roster's names, read from the store without taking part in its writes. */
async function readAudit(config: BotConfig): Promise<{ entries: AuditEntry[]; names: Map<string, string> }> {
  const doc = await readConfiguredStore(config);
  const names = new Map<string, string>();
  for (const p of doc.people) names.set(p.aadObjectId, p.name);
  return { entries: doc.audit.entries, names };
}

/** The store as a UnitOfWork that only reads: the bot may be running, and nothing here may write beside it. */
async function readOnlyStore(config: BotConfig): Promise<UnitOfWork> {
  const doc = await readConfiguredStore(config);
  return {
    read: (fn) => fn(repositoriesOver(doc)),
    write: () => Promise.reject(new Error('read-only')),
    seen: () => false,
  };
}

function personId(args: string[]): string {
  const id = args.find((a) => !a.startsWith('--'));
  const parsed = aadObjectIdSchema.safeParse(id ?? '');
  if (!parsed.success) throw new UsageError('give the person\'s AAD object id (a GUID like 00000000-0000-0000-0000-000000000020)');
  return parsed.data.toLowerCase();
}

const commands: Record<string, Group | Command> = {
  person: {
    summary: "a person's personal data",
    commands: {
      export: {
        summary: 'print everything stored about the person as JSON (read-only; safe while the bot runs)',
        usage: 'export <aadObjectId>',
        async run(args, { config, out, err }) {
          const id = personId(args);
          const result = exportPersonData({ uow: await readOnlyStore(config) }, adminCaller, { personId: id }, new Date());
          if (!result.ok) {
            err(`Nothing is stored about ${id}.`);
            return 1;
          }
          out(JSON.stringify(result.value, null, 2));
          return 0;
        },
      },
      erase: {
        summary: "erase the person's personal data from the store and its backups (refused while the bot runs)",
        usage: 'erase <aadObjectId> --yes',
        async run(args, { config, out, err }) {
          const id = personId(args);
          if (!args.includes('--yes')) throw new UsageError(`person erase ${id} --yes (erasure cannot be undone)`);
          let lock;
          try {
            lock = await acquireConfiguredStoreLock(config, 'npm run admin -- person erase', 'writer');
          } catch (e) {
            if (!(e instanceof StoreLockedError)) throw e;
            err(`Refused: ${e.message}.`);
            err("Erase in Teams instead (leadership: 'ta bort <namn>'), or stop the bot and run this again.");
            return 3;
          }
          try {
            const store = await Store.open({
              dataDir: config.dataDir,
              backupsToKeep: 0,
              seed: () => Promise.reject(new Error(`there is no store in ${config.databaseUrl ? 'the database' : config.dataDir}`)),
              ...(config.databaseUrl ? { persistence: new PgPersistence({ url: config.databaseUrl, applicationName: 'stark admin person erase' }) } : {}),
            });
            try {
              const result = await erasePerson({ uow: fileUnitOfWork(store), newId: randomUUID, backups: fileBackupEraser({ dataDir: config.dataDir, rewriteLive: () => store.rewriteWhole() }) }, adminCaller, { personId: id }, new Date());
              if (!result.ok) {
                err(`Nothing is stored about ${id}: nothing to erase.`);
                return 1;
              }
              const { pseudonym, counts, backups } = result.value;
              out(`Erased ${id}. Their organisation's records now carry the pseudonym ${pseudonym}.`);
              out(`  ${Object.entries(counts).map(([k, n]) => `${k}: ${n}`).join(', ')}; backups rewritten: ${backups}`);
              out('The audit record has an entry for the erasure (person.erased), without the erased data.');
              return 0;
            } finally {
              await store.close();
            }
          } finally {
            lock.release();
          }
        },
      },
    },
  },
  store: {
    summary: 'the store itself',
    commands: {
      copy: {
        summary: 'copy the store between a data directory and PostgreSQL (either way) into an empty target, verified by counts and checksum',
        usage: 'copy --from <dir|postgres://…> --to <dir|postgres://…>',
        async run(args, { out, err }) {
          const from = option(args, '--from');
          const to = option(args, '--to');
          if (!from || !to) throw new UsageError('store copy --from <dir|postgres://…> --to <dir|postgres://…>');
          if (from === to) throw new UsageError('--from and --to must differ');
          // Neither side may have a bot (or another admin command) writing while it is copied.
          const locks = [];
          try {
            for (const where of [from, to]) {
              locks.push(await acquireConfiguredStoreLock(isDatabaseUrl(where) ? { dataDir: where, databaseUrl: where } : { dataDir: where }, 'npm run admin -- store copy', 'writer'));
            }
          } catch (e) {
            for (const l of locks) l.release();
            if (!(e instanceof StoreLockedError)) throw e;
            err(`Refused: ${e.message}.`);
            return 3;
          }
          try {
            const result = await copyStore(from, to);
            out(`Copied ${result.from} → ${result.to}.`);
            for (const [what, n] of Object.entries(result.source.counts)) out(`  ${what}: ${n}`);
            out(`  checksum (SHA-256 of the canonical JSON): ${result.source.checksum} on both sides`);
            return 0;
          } catch (e) {
            if (!(e instanceof StoreCopyError)) throw e;
            err(`Refused: ${e.message}.`);
            return 1;
          } finally {
            for (const l of locks) l.release();
          }
        },
      },
    },
  },
  secrets: {
    summary: 'the link-signing key',
    commands: {
      rotate: {
        summary: 'write a new link-signing key to the key file; links signed with the old key stop working at once',
        async run(_args, { config, out }) {
          if (config.linkKey) {
            out('The key comes from STARK_LINK_SIGNING_KEY: set a new value there (npm run admin -- secrets new-key) and restart the bot.');
            return 1;
          }
          rotateKeyFile(config.keyFile);
          // The key itself is never printed or logged.
          out(`Rotated the link-signing key in ${config.keyFile} (mode 0600). The running bot uses it from its next link; every earlier download link is now invalid.`);
          return 0;
        },
      },
      'new-key': {
        summary: 'print a fresh random key (for STARK_LINK_SIGNING_KEY)',
        async run(_args, { out }) {
          out(newKey());
          return 0;
        },
      },
    },
  },
  audit: {
    summary: 'show the audit record, newest first (read-only)',
    usage: 'audit [--limit N] [--json]',
    async run(args, { config, out }) {
      const limitText = option(args, '--limit') ?? '50';
      const limit = Number(limitText);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError('--limit must be a whole number of at least 1');
      const { entries, names } = await readAudit(config);
      const shown = latestEntries(entries, { limit });
      if (args.includes('--json')) {
        for (const e of shown) out(JSON.stringify(e));
        return 0;
      }
      if (shown.length === 0) out('The audit record is empty.');
      for (const e of shown) {
        const actor = e.actorId === ADMIN_ACTOR ? 'admin' : `${names.get(e.actorId) ?? 'unknown person'} (${e.actorId})`;
        const changes = e.changes.map((c) => `${c.field}: ${JSON.stringify(c.from ?? null)} → ${JSON.stringify(c.to ?? null)}`).join('; ');
        out(`#${e.seq}  ${formatStockholm(new Date(e.at), 'yyyy-MM-dd HH:mm')}  ${actor}  ${e.action}  ${e.subject.kind}:${e.subject.id}${changes ? `  ${changes}` : ''}`);
      }
      if (entries.length > shown.length) out(`(${shown.length} of ${entries.length}; --limit ${entries.length} shows all)`);
      return 0;
    },
  },
};

function help(out: (line: string) => void): void {
  out('Usage: npm run admin -- <command>');
  for (const [name, c] of Object.entries(commands)) {
    if ('commands' in c) for (const [sub, s] of Object.entries(c.commands)) out(`  ${name} ${s.usage ?? sub}`.padEnd(34) + s.summary);
    else out(`  ${c.usage ?? name}`.padEnd(34) + c.summary);
  }
}

export async function admin(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const [first, second, ...rest] = argv;
  if (!first || first === 'help' || first === '--help') {
    help(out);
    return first ? 0 : 2;
  }
  const entry = commands[first];
  let command: Command | undefined;
  let args: string[];
  if (entry && 'commands' in entry) {
    command = second ? entry.commands[second] : undefined;
    args = rest;
  } else {
    command = entry;
    args = [second, ...rest].filter((a): a is string => a !== undefined);
  }
  if (!command) {
    err(`Unknown command: ${argv.join(' ')}`);
    help(err);
    return 2;
  }
  let config: BotConfig;
  try {
    config = loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      err(e.message);
      return 2;
    }
    throw e;
  }
  try {
    return await command.run(args, { config, out, err });
  } catch (e) {
    err(e instanceof UsageError ? `Usage: ${e.message}` : `Error: ${e instanceof Error ? e.message : String(e)}`);
    return e instanceof UsageError ? 2 : 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  process.exitCode = await admin(
    process.argv.slice(2),
    process.env,
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
