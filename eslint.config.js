// One lint setup for every workspace: type-aware rules stay on (no-floating-promises above all),
// and module boundaries from STYLE.md are enforced with no-restricted-imports.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/storybook-static/**', '**/*.config.*', '**/.turbo/**', '**/test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/only-throw-error': 'off',
    },
  },
  {
    // Framework-free packages run in the browser, the server and the sandbox.
    files: ['packages/flow/src/**', 'packages/variables/src/**', 'packages/connector-kit/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', 'react', 'react-dom', 'hono', 'hono/*'], message: 'Framework-free package: no node:*, React or Hono.' }] }],
    },
  },
  {
    // The engine talks to ports only.
    files: ['server/src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/adapters/**', 'hono', 'hono/*', 'better-sqlite3', 'amqplib', 'mongodb', '@elastic/*'], message: 'The engine imports only ports/ and packages/*.' }] }],
    },
  },
  {
    files: ['widgets/**/src/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@weft/server', '**/server/**'], message: 'Widgets talk to the engine only through @weft/api-client.' }, { group: ['@weft/designer/*', '@weft/flow-manager/*', '@weft/insights-logs/*', '@weft/accounts/*', '@weft/integrations/*'], message: 'Import another widget only through its index.' }] }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/*.contract.ts'],
    // Tests read JSON answers loosely; the assertions are what check their shape.
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-call': 'off', '@typescript-eslint/no-unsafe-argument': 'off', '@typescript-eslint/no-unsafe-return': 'off' },
  },
);
