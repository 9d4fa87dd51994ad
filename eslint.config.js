// Import boundaries (see docs/architecture): domain is pure, cards are pure, only src/store touches lowdb,
// everything Teams-specific stays in src/bot, and src/calendar (Microsoft Graph) stands apart from Teams and the store.
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
    // The calendar (Outlook through Microsoft Graph) is a self-contained outbound service: no Teams, no HTTP server,
    // no store. The meetings use cases call it with domain values and keep what it returns.
    files: ['src/calendar/**/*.ts'],
    ignores: ['src/calendar/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['lowdb', 'lowdb/*', 'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', '@microsoft/teams.*', 'express', 'adaptivecards'], message: 'src/calendar knows nothing of Teams, the HTTP server or the store.' },
          { group: ['**/bot/**', '**/store/**', '**/cards/**', '**/i18n/**', '**/app/**', '**/server', '**/main'], message: 'src/calendar depends on src/domain only; the use cases call it, not the other way round.' },
        ],
      }],
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
