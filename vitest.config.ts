import { defineConfig } from 'vitest/config';

// A non-UTC zone with a non-whole-hour offset (+05:45): code that forgets Europe/Stockholm fails here.
// Set before the workers fork so every test process inherits it.
process.env.TZ = 'Asia/Kathmandu';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 90_000,
    pool: 'forks',
  },
});
