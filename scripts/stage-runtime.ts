/**
 * Lays out what runs in production, apart from the source tree: the compiled dist/, data/, package.json and the
 * lockfile, with production dependencies only. What the container's runtime stage holds, and what
 * `azureAppService/zipDeploy` uploads (m365agents.yml).
 *
 *   npm run build && npm run stage -- build/app            → build/app with `npm ci --omit=dev`
 *   (tests)  stageRuntime({ outDir, dependencies: 'link' })  → the same, dependencies symlinked from node_modules
 *
 * Linking is for tests: it takes milliseconds and needs no registry, and the bot's own imports still resolve only
 * against the production packages, so a runtime import of a dev dependency fails there as it would in the image.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

interface LockPackage {
  dev?: boolean;
  devOptional?: boolean;
}

/** Top-level packages of a production install, read from package-lock.json. */
export function productionPackages(lockfile = join(root, 'package-lock.json')): string[] {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as { packages: Record<string, LockPackage> };
  return Object.entries(lock.packages)
    .filter(([path, meta]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(path) && !meta.dev && !meta.devOptional)
    .map(([path]) => path.slice('node_modules/'.length));
}

export function stageRuntime({ outDir, dependencies }: { outDir: string; dependencies: 'install' | 'link' }): string {
  const out = resolve(outDir);
  if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('dist/main.js is missing: run `npm run build` first');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  for (const item of ['package.json', 'package-lock.json', '.npmrc', 'dist', 'data']) {
    if (existsSync(join(root, item))) cpSync(join(root, item), join(out, item), { recursive: true });
  }
  if (dependencies === 'install') {
    execFileSync('npm', ['ci', '--omit=dev', '--no-audit', '--no-fund'], { cwd: out, stdio: 'inherit' });
  } else {
    for (const name of productionPackages()) {
      const source = join(root, 'node_modules', name);
      if (!existsSync(source)) continue; // an optional package for another platform
      const target = join(out, 'node_modules', name);
      mkdirSync(dirname(target), { recursive: true });
      symlinkSync(source, target, 'dir');
    }
  }
  return out;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const outDir = process.argv[2] ?? join(root, 'build', 'app');
  const staged = stageRuntime({ outDir, dependencies: process.argv.includes('--link') ? 'link' : 'install' });
  process.stdout.write(`staged the production runtime in ${staged}\n`);
}
