import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Import directions (docs/ARCHITECTURE.md, STYLE.md §1): core imports nothing of ours and nothing of
 * the screen; workers import core; state imports core and the worker client; ui imports state and
 * core. Enforced here so nobody has to remember it.
 */
const ui = ['react', 'react-dom', 'react-dom/*', 'zustand', 'zustand/*', 'comlink', 'recharts'];
const restrict = (groups, message) => ['error', { patterns: [{ group: groups, message }] }];

export default tseslint.config(
  { ignores: ['dist/', 'dist-*/', 'node_modules/', 'test-results/', 'playwright-report/', 'bench/.data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: {
      'no-restricted-imports': restrict([...ui, '**/ui/**', '**/state/**', '**/workers/**', '**/cli/**'], 'src/core is pure TypeScript: it imports nothing of the screen, the workers, the state or the CLI.'),
      'no-restricted-globals': ['error', 'window', 'document', 'self', 'postMessage', 'importScripts'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts', 'src/core/testing/**'],
    rules: {
      'no-restricted-imports': restrict([...ui, 'node:*', '**/ui/**', '**/state/**', '**/workers/**', '**/cli/**'], 'src/core runs in the browser too: no Node built-ins, no screen, no workers, no state, no CLI.'),
    },
  },
  {
    // The prediction page's own program: only its source text travels into the page, alone.
    files: ['src/page/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict([...ui, 'node:*', '**/ui/**', '**/state/**', '**/workers/**', '**/cli/**'], 'src/page runs alone in a generated page: it imports only types from core.'),
    },
  },
  {
    // State keyed by column names, categories, classes or parameter ids (issue 11): a plain object
    // answers `constructor` and takes `__proto__` as its prototype. Build with keyed(), read with own().
    files: ['src/core/prep/**/*.ts', 'src/core/params.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "VariableDeclarator[id.typeAnnotation.typeAnnotation.typeName.name='Record'] > ObjectExpression.init[properties.length=0]", message: 'A record keyed by user strings: make it with keyed() from src/core/util/keyed.ts (no prototype), or use a Map.' },
        { selector: "BinaryExpression[operator='in']", message: '`in` also finds inherited names (constructor, toString): use hasOwn() or own() from src/core/util/keyed.ts.' },
        { selector: "TSAsExpression > ObjectExpression[properties.length=0]", message: 'A record keyed by user strings: make it with keyed() from src/core/util/keyed.ts (no prototype), or use a Map.' },
      ],
    },
  },
  {
    files: ['src/workers/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['react', 'react-dom', 'zustand', 'recharts', '**/ui/**', '**/state/**', '**/cli/**'], 'workers only adapt core functions for comlink.') },
  },
  {
    files: ['src/state/**/*.ts'],
    rules: { 'no-restricted-imports': restrict(['react-dom', 'recharts', '**/ui/**', '**/cli/**'], 'state holds ids, summaries and job states; no components.') },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': restrict(['**/workers/*.worker', '**/cli/**', '@tensorflow/*'], 'ui talks to workers through src/state and the worker client, never directly.'),
    },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': restrict([...ui, '**/ui/**', '**/state/**', '**/workers/**'], 'the CLI runs core in Node.') },
  },
);
