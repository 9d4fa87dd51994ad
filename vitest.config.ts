import { defineConfig } from 'vitest/config';

// A non-UTC zone with a non-whole-hour offset (+05:45): code that forgets Europe/Stockholm fails here.
// Set before the workers fork so every test process inherits it.
process.env.TZ = 'Asia/Kathmandu';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit+protocol', include: ['src/**/*.test.ts', 'tests/**/*.test.ts'], exclude: ['tests/e2e/**'] },
      },
      {
        // Each e2e file starts the bot, the Agents Playground and Chromium: one at a time on a 2-core machine.
        extends: true,
        test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], fileParallelism: false, testTimeout: 60_000 },
      },
    ],
  },
});
