// Import boundaries (see docs/CONVENTIONS.md › Layers): domain is pure, cards are pure, use cases (src/app) know no
// Teams, cards, catalogue or store, only src/store touches lowdb, everything Teams-specific stays in src/bot, the
// outbound services (src/outbound) and src/calendar (Microsoft Graph) stand apart from Teams. Import cycles (type-only
// imports included) are refused by scripts/check-import-cycles.ts, the second half of `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const io = ['fs', 'node:*', 'http', 'https', 'net', 'child_process', 'path', 'os', 'crypto', 'stream', 'url', 'zlib'];
const ours = (...layers) => layers.map((l) => `**/${l}/**`);
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
    files: ['src/config.ts', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', 'express'], message: 'Teams and HTTP code stays in src/bot and src/server.ts.' }],
      }],
    },
  },
  {
    // Layer order (docs/CONVENTIONS.md): bot → app → domain. A use case knows no Teams, no card, no catalogue, no
    // store document and no outbound machinery: it reads and commits through the UnitOfWork and returns notices.
    files: ['src/app/**/*.ts'],
    ignores: ['src/app/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: [...frameworks, 'fs', 'node:fs', 'node:fs/*', 'http', 'https', 'node:http', 'node:https', 'net', 'node:net', 'child_process', 'node:child_process'], message: 'src/app (use cases) does no I/O of its own and uses no framework: it goes through its deps.' },
          { group: [...ours('bot', 'cards', 'i18n', 'store', 'outbound'), '**/server', '**/server.js', '**/main', '**/main.js'], message: 'src/app depends on src/domain and its own seam (kernel, unit-of-work, repositories) only; the channels call it.' },
        ],
      }],
    },
  },
  {
    // The store implements the app's repository interfaces over the document; it knows nothing of Teams or cards.
    files: ['src/store/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', 'express'], message: 'Teams and HTTP code stays in src/bot and src/server.ts.' },
          { group: [...ours('bot', 'cards', 'i18n', 'outbound'), '**/server', '**/server.js', '**/main', '**/main.js'], message: 'src/store depends on src/domain (and the repository interfaces of src/app) only.' },
          { group: ['**/app/*.js', '!**/app/kernel.js', '!**/app/unit-of-work.js', '!**/app/repositories.js', '**/app/*/**', '!**/app/*/ports.js'], message: 'src/store may use only the seam of src/app: kernel.ts, unit-of-work.ts, repositories.ts and a feature’s ports.ts.' },
        ],
      }],
    },
  },
  {
    // What goes out (the paced queue, delivery log, links, spreadsheets) is not Teams-specific: the Teams transport
    // plugs into it from src/bot (src/outbound/message.ts `Transport`).
    files: ['src/outbound/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['lowdb', 'lowdb/*', 'botbuilder', 'botbuilder-*', 'botframework-*', '@microsoft/teams-ai', 'express'], message: 'src/outbound knows nothing of Teams or the HTTP server; only src/store touches lowdb.' },
          { group: [...ours('bot', 'app', 'i18n'), '**/server', '**/server.js', '**/main', '**/main.js'], message: 'src/outbound is a service below the channels: it imports no bot, use case or catalogue.' },
        ],
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
          { group: [...ours('bot', 'store', 'cards', 'i18n', 'app', 'outbound', 'calendar'), '../../*', '**/main'], message: 'src/domain imports nothing of ours outside src/domain.' },
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
          { group: [...ours('bot', 'store', 'app', 'outbound'), '**/main'], message: 'Cards depend on domain types and the catalogue only.' },
        ],
      }],
    },
  },
);
