import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** `npm run bot` as a person starts it: the real entry point in a child process. */
function startBot(env: Record<string, string>) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', timeout: 30_000 });
}

describe('start-up refusals', () => {
  it('a corrupt store stops the bot with a message naming the file; the file is left as it was', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'stark-corrupt-'));
    try {
      const file = join(dir, 'stark.json');
      const corrupt = '{"schemaVersion": 1, "people": [ {"name": "half a record"';
      await writeFile(file, corrupt);
      const r = startBot({ STARK_DATA_DIR: dir, PORT: '0' });
      expect(r.status).toBe(3);
      expect(r.stderr).toContain(file);
      expect(r.stderr).toContain('not valid JSON');
      expect(await readFile(file, 'utf8')).toBe(corrupt);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('a bad setting stops the bot with the variable named', () => {
    const r = startBot({ PORT: 'eighty', STARK_DATA_DIR: join(tmpdir(), 'stark-never-created') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT: must be a number \(got "eighty"\)/);
  });
});
