/**
 * `npm run admin -- <command>`: administration from the command line, for the people who run the bot.
 *
 *   secrets rotate     a new link-signing key in the key file; every download link signed before stops working
 *   secrets new-key    print a fresh key, for STARK_LINK_SIGNING_KEY when the key comes from the environment
 *   audit [--limit N] [--json]   the audit record, newest first (read-only)
 *
 * It reads the same environment as the bot (STARK_DATA_DIR, STARK_KEY_FILE, …). Nothing here writes the store
 * document: the running bot is its only writer. A command is a name, a one-line summary and a function, grouped in
 * the `commands` table below; adding one is adding an entry.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig, type BotConfig } from '../src/config.js';
import { ADMIN_ACTOR, latestEntries, type AuditEntry } from '../src/domain/audit.js';
import { formatStockholm } from '../src/domain/time.js';
import { newKey, rotateKeyFile } from '../src/store/key-file.js';
import { auditSectionSchema } from '../src/store/sections/audit.js';
import { STORE_FILE_NAME } from '../src/store/store.js';

interface Context {
  config: BotConfig;
  out: (line: string) => void;
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

/** The audit record and the roster's names, read from the store file without taking part in its writes. */
async function readAudit(config: BotConfig): Promise<{ entries: AuditEntry[]; names: Map<string, string> }> {
  const file = join(config.dataDir, STORE_FILE_NAME);
  let raw: { audit?: unknown; people?: Array<{ aadObjectId?: unknown; name?: unknown }> };
  try {
    raw = JSON.parse(await readFile(file, 'utf8')) as typeof raw;
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  // A store from before the audit record (schema version 1) has none yet.
  const audit = auditSectionSchema.safeParse(raw.audit ?? {});
  if (!audit.success) throw new Error(`the audit record in ${file} fails validation: ${audit.error.issues[0]?.message ?? ''}`);
  const names = new Map<string, string>();
  for (const p of raw.people ?? []) if (typeof p.aadObjectId === 'string' && typeof p.name === 'string') names.set(p.aadObjectId, p.name);
  return { entries: audit.data.entries, names };
}

const commands: Record<string, Group | Command> = {
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
    return await command.run(args, { config, out });
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
