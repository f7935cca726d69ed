import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import tseslint from 'typescript-eslint'

/** Node's globals, for the plain .js files (TypeScript checks names in .ts files itself). */
const nodeGlobals = Object.fromEntries(
  [
    'AbortController',
    'AbortSignal',
    'Buffer',
    'URL',
    'URLSearchParams',
    'clearInterval',
    'clearTimeout',
    'console',
    'fetch',
    'globalThis',
    'process',
    'queueMicrotask',
    'setInterval',
    'setTimeout',
    'structuredClone',
    'TextDecoder',
    'TextEncoder'
  ].map(name => [name, 'readonly'])
)

export default defineConfig(
  globalIgnores(['dist/', 'lib/', 'node_modules/', 'coverage/', '.ci/.node24/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: nodeGlobals },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ]
    }
  },
  {
    files: ['src/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'error' }
  },
  // The core holds the Go semantics and every decision: pure functions, no I/O. The shell around it
  // (src/net, src/exec, src/action, src/cli, ...) does the network, processes, files and the environment.
  // One block per folder depth, so that "no import leaves src/core" can be said with a relative prefix.
  ...[1, 2, 3].map(depth => ({
    files: [`src/core/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|dns/promises|child_process|cluster|worker_threads|readline|os|process|stream|stream/promises)$',
              message: 'src/core is pure: do I/O in the shell and pass the results in.'
            },
            { regex: '^(undici|yauzl|@actions/.*)$', message: 'src/core is pure: no I/O libraries.' },
            { regex: `^(\\.\\./){${depth}}`, message: 'src/core imports only from src/core.' }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass environment values in.' },
        { name: 'fetch', message: 'src/core is pure: no network.' }
      ]
    }
  })),
  {
    // A test that has just asserted a value exists may say so with `!`.
    files: ['__tests__/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
