import { readFileSync } from 'node:fs';

// package.json sits beside src/ and dist/ alike, so this path holds for `tsx src/…` and for the compiled build.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };

export const VERSION = pkg.version;
