// Import boundaries (see docs/architecture): domain is pure, cards are pure, only src/store touches lowdb,
// and everything Teams-specific stays in src/bot.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['fs', 'node:*', 'http', 'https', 'net', 'child_process', 'path', 'os', 'crypto', 'stream', 'url', 'zlib'];
const frameworks = ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/*', 'express', 'lowdb', 'lowdb/*', 'exceljs', 'adaptivecards'];

export default tseslint.config(
  { ignores: ['node_modules/**', '.data/**', 'build/**', 'dist/**', 'coverage/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      // Stripping control characters from what people type is deliberate (cards, chat text).
      'no-control-regex': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Flat config: for one rule the later block wins, so the general rule comes first.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/store/**'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['lowdb', 'lowdb/*'], message: 'Only src/store touches lowdb.' }],
      }],
    },
  },
  {
    // Teams-specific code stays in src/bot (and the adapter set-up in src/server.ts): moving to the Teams SDK is a
    // change of that folder.
    files: ['src/store/**/*.ts', 'src/config.ts', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', 'express'], message: 'Teams and HTTP code stays in src/bot and src/server.ts.' }],
      }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['src/domain/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...io, ...frameworks], message: 'src/domain is pure: no I/O and no framework imports.' },
          { group: ['**/bot/**', '**/store/**', '**/cards/**', '**/i18n/**', '../../*', '**/main'], message: 'src/domain imports nothing of ours outside src/domain.' },
        ],
      }],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Domain code is handed `now`; it never reads the clock.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Domain code is handed `now`; it never reads the clock.' },
      ],
    },
  },
  {
    files: ['src/cards/**/*.ts', 'src/i18n/**/*.ts'],
    ignores: ['src/cards/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...io, ...frameworks], message: 'Cards and catalogues are pure: no I/O, no framework.' },
          { group: ['**/bot/**', '**/store/**', '**/main'], message: 'Cards depend on domain types and the catalogue only.' },
        ],
      }],
    },
  },
);
