// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Layer rules from docs/ARCHITECTURE.md, enforced here so nobody has to remember them:
 *   shared/            imports nothing of ours and no I/O
 *   electron/core/     never imports electron (it runs as a plain Node process)
 *   electron/preload/  only electron + shared
 *   electron/preview/  core + shared, never electron
 *   renderer/          only shared; no Node, no electron
 *   server/            only shared (+ its own)
 */
const nodeBuiltins = ['node:*'];
const bareBuiltins = [
  'fs',
  'path',
  'child_process',
  'os',
  'net',
  'http',
  'https',
  'crypto',
  'worker_threads',
  'better-sqlite3',
];
/** @param {[string[], string][]} patterns @param {boolean} [noNode] */
const restrict = (patterns, noNode = false) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: patterns.map(([group, message]) => ({ group, message })),
      paths: noNode ? bareBuiltins.map((name) => ({ name, message: 'no Node built-ins in this layer' })) : [],
    },
  ],
});

export default tseslint.config(
  {
    ignores: [
      'tests/bench/fixtures/**',
      'out/**',
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'tests/e2e/artifacts/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-confusing-void-expression': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-invalid-void-type': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    files: ['shared/**'],
    rules: restrict(
      [
        [
          ['electron', 'electron/*', '**/electron/**', '**/renderer/**', '**/server/**', ...nodeBuiltins],
          'shared/ is contracts only: no I/O, no imports of other layers',
        ],
      ],
      true,
    ),
  },
  {
    // Node adapters for shared contracts (e.g. scrypt for the shared secret hasher), used by core and server only.
    files: ['shared/node/**'],
    rules: restrict([
      [
        ['electron', 'electron/*', '**/electron/**', '**/renderer/**', '**/server/**'],
        'shared/node adapts Node to shared contracts only',
      ],
    ]),
  },
  {
    files: ['electron/core/**'],
    rules: restrict([
      [['electron', 'electron/*'], 'core runs as a plain Node process: never import electron'],
      [
        ['**/main/**', '**/preload/**', '**/preview/**', '**/renderer/**', '**/server/**'],
        'core may import only shared/',
      ],
    ]),
  },
  {
    files: ['electron/core/lockdown/**'],
    rules: restrict([[['electron', 'electron/*', '**/db/**', '**/sync/**'], 'lockdown policies are pure functions']]),
  },
  {
    files: ['electron/main/**'],
    rules: restrict([
      [
        ['**/preload/**', '**/preview/**', '**/renderer/**', '**/server/**'],
        'main may import core, shared and electron only',
      ],
    ]),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict(
      [
        [
          ['**/core/**', '**/main/**', '**/preview/**', '**/renderer/**', '**/server/**', ...nodeBuiltins],
          'preload exposes window.kiosk only: electron + shared types',
        ],
      ],
      true,
    ),
  },
  {
    files: ['electron/preview/**'],
    rules: restrict([
      [
        ['electron', 'electron/*', '**/main/**', '**/renderer/**'],
        'the preview host runs without Electron: core + shared (+ the demo server) only',
      ],
    ]),
  },
  {
    files: ['portal/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          [
            [
              'electron',
              'electron/*',
              '**/electron/**',
              '**/server/**',
              '**/renderer/**',
              '**/shared/node/**',
              ...nodeBuiltins,
            ],
            'the portal talks to the server over HTTP only (and may use shared/)',
          ],
        ],
        true,
      ),
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict(
        [
          [
            ['electron', 'electron/*', '**/electron/**', '**/server/**', '**/shared/node/**', ...nodeBuiltins],
            'the renderer talks to the kiosk API only (shared/)',
          ],
        ],
        true,
      ),
    },
  },
  {
    files: ['server/**'],
    rules: restrict([
      [['electron', 'electron/*', '**/electron/**', '**/renderer/**'], 'the server may import shared/ only'],
    ]),
  },
  {
    files: ['tests/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
  {
    // The touch suite acts only as a finger does: taps on what is on the screen (tests/e2e/touch/touch.ts).
    files: ['tests/e2e/touch/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='keyboard']",
          message: 'Touch only: type on the on-screen keyboard with tapText(), never page.keyboard.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(fill|type|press|pressSequentially|insertText|selectText|click|dblclick|check|uncheck|selectOption|setInputFiles|dispatchEvent)$/]',
          message: 'Touch only: tap() what is on the screen; no fill/type/press/insertText/click.',
        },
      ],
    },
  },
);
