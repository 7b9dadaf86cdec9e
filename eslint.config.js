// Lint rules, including the import boundaries of ARCHITECTURE.md: a forbidden import fails `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

const message = (what) => `${what} (ARCHITECTURE.md import rules)`;

/** Libraries that exactly one renderer folder may import. */
const ownedLibraries = [
  { name: 'electron', owner: 'electron/main or electron/preload' },
  { name: 'mpegts.js', owner: 'renderer/src/video' },
  { name: 'hls.js', owner: 'renderer/src/video' },
  { name: 'ol', owner: 'renderer/src/map' },
  { name: 'echarts', owner: 'renderer/src/charts' },
];

/** A no-restricted-imports rule that forbids the given libraries (and their sub-paths) plus extra patterns. */
function restrict(libraries, extraPatterns = []) {
  return [
    'error',
    {
      patterns: [
        ...libraries.map((library) => ({
          regex: `^${library.name.replace('.', '\\.')}(/.*)?$`,
          message: message(`only ${library.owner} may import '${library.name}'`),
        })),
        ...extraPatterns,
      ],
    },
  ];
}

const except = (...names) => ownedLibraries.filter((library) => !names.includes(library.name));
const rendererPattern = {
  regex: '(^|/)renderer/',
  message: message('the Node side and shared/ never import the renderer'),
};
const electronSidePattern = {
  regex: '(^|/)electron/(core|main|preload)',
  message: message('this code never imports the Electron side'),
};
const nodeBuiltinPattern = {
  regex: '^node:',
  message: message('shared/ and the renderer are pure: no Node built-ins'),
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'resources/media/clips/',
      'out/',
      'dist/',
      'release/',
      'test-results/',
      'playwright-report/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, sourceType: 'module' } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'vue/multi-word-component-names': 'off',
    },
  },
  // shared/: pure TypeScript — nothing of ours, no Node, no UI library.
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(ownedLibraries, [
        rendererPattern,
        electronSidePattern,
        nodeBuiltinPattern,
        { regex: '^(vue|pinia|vue-router|vue-i18n)$', message: message('shared/ never imports UI code') },
      ]),
    },
  },
  // electron/core (and the CLI/browser host): Node, never Electron.
  {
    files: ['electron/core/**/*.ts', 'electron/cli.ts', 'electron/host-browser/**/*.ts'],
    rules: {
      'no-restricted-imports': restrict(ownedLibraries, [
        rendererPattern,
        { regex: '(^|/)electron/(main|preload)', message: message('the core never imports the shell') },
      ]),
    },
  },
  {
    files: ['electron/main/**/*.ts', 'electron/preload/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(except('electron'), [rendererPattern]) },
  },
  // renderer: browser code, each heavy library owned by one folder.
  {
    files: ['renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(ownedLibraries, [electronSidePattern, nodeBuiltinPattern]),
    },
  },
  {
    files: ['renderer/src/video/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': restrict(except('mpegts.js', 'hls.js'), [
        electronSidePattern,
        nodeBuiltinPattern,
      ]),
    },
  },
  {
    files: ['renderer/src/map/**/*.{ts,vue}'],
    rules: { 'no-restricted-imports': restrict(except('ol'), [electronSidePattern, nodeBuiltinPattern]) },
  },
  {
    files: ['renderer/src/charts/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': restrict(except('echarts'), [electronSidePattern, nodeBuiltinPattern]),
    },
  },
  // Production code never imports tests/ (its doubles, fixtures and bench pages); the renderer's own tests may.
  // A rule of its own, so the per-folder library rules above and below stay as they are.
  {
    files: ['renderer/**/*.{ts,vue}'],
    ignores: ['renderer/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)tests/',
              message: message('production code never imports tests/ (doubles, fixtures, bench pages)'),
            },
          ],
        },
      ],
    },
  },
  // The demo world stays out of the product core: only the composition root (index.ts) starts it, through
  // core/demo's own start-demo-*.ts; tests may run the product against it. A rule of its own, as above.
  {
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/index.ts', 'electron/core/demo/**', 'electron/core/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)core/demo(/|$)|^(\\./|(\\.\\./)+)demo(/|$)',
              message: message('only the composition root (electron/core/index.ts) imports core/demo'),
            },
          ],
        },
      ],
    },
  },
  // Bench pages and renderer test doubles under tests/ run in the browser.
  {
    files: ['tests/bench/pages/**/*.{ts,vue}', 'tests/support/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  // Widget kinds never import each other, the wall or the stores directly.
  {
    files: ['renderer/src/widgets/*/**/*.{ts,vue}'],
    rules: {
      'no-restricted-imports': restrict(ownedLibraries, [
        electronSidePattern,
        nodeBuiltinPattern,
        {
          regex: '(^|/)(stores|wall)/',
          message: message('widgets get data through composables, not stores or the wall'),
        },
        { regex: '^\\.\\./[a-z0-9-]+/', message: message('widget kinds never import each other') },
      ]),
    },
  },
  prettier,
);
