// @ts-check
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Where code runs is said by its folder (docs/ARCHITECTURE.md, "Folders"), and what each folder may
 * import is an ALLOWLIST (eslint-plugin-boundaries, in the spirit of VS Code's code-import-patterns):
 * every source file belongs to exactly one layer below (a file in no layer is an error,
 * boundaries/no-unknown-files), and a layer may import only its own files and the layers listed in
 * `mayImport` (boundaries/dependencies, default disallow). Packages (electron, Node built-ins) are
 * kept out of the layers that must not have them by no-restricted-imports further down.
 */
const layers = {
  // Runs anywhere (Node and browsers): zod contracts, no I/O.
  'shared-domain': { path: 'shared/domain/**', mayImport: [] },
  'shared-http': { path: 'shared/http/**', mayImport: [] },
  'shared-media': { path: 'shared/media/**', mayImport: [] },
  'shared-kiosk-api': { path: 'shared/kiosk-api/**', mayImport: ['shared-domain'] },
  'shared-sync': { path: 'shared/sync/**', mayImport: ['shared-domain'] },
  // The portal and staff console API contract: zod schemas of every route, used by the server and the portal.
  'shared-portal-api': { path: 'shared/portal-api/**', mayImport: ['shared-domain'] },
  // The export format (a person's or a facility's ZIP): its manifest, read by the server and documented.
  'shared-export': { path: 'shared/export/**', mayImport: [] },
  'shared-core-host': { path: 'shared/core-host/**', mayImport: ['shared-kiosk-api'] },
  // Node only: Node adapters of shared contracts.
  'shared-node': { path: 'shared/node/**', mayImport: ['shared-sync'] },
  // The device's schema steps: shipped history, so they import nothing but their own type.
  'core-migrations': { path: 'electron/core/db/migrations/**', mayImport: [] },
  // The core process (plain Node).
  core: {
    path: 'electron/core/**',
    mayImport: [
      'core-migrations',
      'shared-domain',
      'shared-http',
      'shared-media',
      'shared-kiosk-api',
      'shared-sync',
      'shared-core-host',
      'shared-node',
    ],
  },
  // Runs inside a host process (Electron main or the preview host), never imports electron.
  // shared-node: the sealed media format core writes and hosts read (shared/node/sealed-media.ts).
  host: {
    path: 'electron/host/**',
    mayImport: ['shared-domain', 'shared-kiosk-api', 'shared-core-host', 'shared-node'],
  },
  // Electron's main process.
  main: {
    path: 'electron/main/**',
    mayImport: ['host', 'shared-domain', 'shared-http', 'shared-media', 'shared-kiosk-api', 'shared-core-host'],
  },
  // Electron's sandboxed preload.
  preload: { path: 'electron/preload/**', mayImport: ['shared-kiosk-api'] },
  // The preview host process (Node): the kiosk API over HTTP, and the embedded demo facility server.
  preview: {
    path: 'electron/preview/**',
    mayImport: [
      'host',
      'server',
      'shared-domain',
      'shared-http',
      'shared-media',
      'shared-kiosk-api',
      'shared-core-host',
    ],
  },
  // The kiosk UI (a sandboxed browser page).
  // shared-media: the reader's unpacking worker holds the same EPUB limits as the server's intake.
  renderer: { path: 'renderer/**', mayImport: ['shared-domain', 'shared-kiosk-api', 'shared-media'] },
  // The family portal and staff console (browser pages): the server's JSON API over HTTP only. What both
  // use is in common/; the family's pages and the staff console never import each other.
  'portal-common': { path: 'portal/src/common/**', mayImport: ['shared-domain', 'shared-portal-api'] },
  'portal-family': { path: 'portal/src/family/**', mayImport: ['portal-common', 'shared-domain', 'shared-portal-api'] },
  'portal-staff': { path: 'portal/src/staff/**', mayImport: ['portal-common', 'shared-domain', 'shared-portal-api'] },
  portal: {
    path: 'portal/**',
    mayImport: ['portal-common', 'portal-family', 'portal-staff', 'shared-domain', 'shared-portal-api'],
  },
  // The facility server (Node).
  server: {
    path: 'server/**',
    mayImport: [
      'shared-domain',
      'shared-http',
      'shared-media',
      'shared-sync',
      'shared-node',
      'shared-export',
      'shared-portal-api',
    ],
  },
  // Developer scripts (Node).
  scripts: { path: 'scripts/**', mayImport: [] },
  // Build and test tool configuration at the root.
  config: { path: '*.config.{js,ts}', mayImport: [] },
  // Tests may reach everything they test.
  tests: { path: 'tests/**', mayImport: ['*'] },
};
const layerNames = Object.keys(layers);

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
    plugins: { boundaries },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
      'boundaries/elements': layerNames.map((type) => ({ type, pattern: layers[type].path, mode: 'full' })),
      'boundaries/legacy-warnings': false,
    },
    rules: {
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown-dependencies': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: 'layer rule: ${file.type} may not import ${dependency.type} (eslint.config.js, layers)',
          policies: layerNames.map((type) => ({
            from: { type },
            allow: { to: { type: layers[type].mayImport.includes('*') ? '*' : [type, ...layers[type].mayImport] } },
          })),
        },
      ],
    },
  },
  {
    files: ['shared/**'],
    ignores: ['shared/node/**'],
    rules: restrict(
      [[['electron', 'electron/*', ...nodeBuiltins], 'shared/ runs anywhere: no I/O, no Node, no electron']],
      true,
    ),
  },
  {
    files: ['shared/node/**', 'electron/core/**', 'electron/host/**', 'electron/preview/**', 'server/**'],
    rules: restrict([[['electron', 'electron/*'], 'this runs in a plain Node process: never import electron']]),
  },
  {
    files: ['electron/preload/**'],
    rules: restrict([[nodeBuiltins, 'preload exposes window.kiosk only: electron + shared types']], true),
  },
  {
    files: ['portal/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['portal/vite.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...restrict([[['electron', 'electron/*', ...nodeBuiltins], 'a browser page: no Node, no electron']], true),
    },
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
