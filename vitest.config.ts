import { defineConfig } from 'vitest/config';

// A non-UTC zone with a non-whole-hour offset (+05:45): code that forgets Europe/Stockholm fails here.
// Set before the workers fork so every test process inherits it.
process.env.TZ = 'Asia/Kathmandu';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // The PostgreSQL server of the store's PostgreSQL tests: STARK_TEST_DATABASE_URL, the local one, or a throwaway one.
    globalSetup: ['tests/helpers/postgres-global-setup.ts'],
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
