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
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'error',
      // A long function is a warning, not an error: split it into parts whose names say what they do.
      'max-lines-per-function': ['warn', { max: 80, skipBlankLines: true, skipComments: true }]
    }
  },
  // src/go/ is the Go-semantics library (like golang.org/x/mod and cmd/go's modfetch): pure functions, no I/O, and
  // no import from outside src/go/. The feature folders (src/probe, src/install, src/warm, ...) do the network,
  // processes, files and the environment, beside their own pure policy.
  // One block per folder depth, so that "no import leaves src/go" can be said with a relative prefix.
  ...[1, 2, 3].map(depth => ({
    files: [`src/go/${'*/'.repeat(depth - 1)}*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|dns/promises|child_process|cluster|worker_threads|readline|os|process|stream|stream/promises)$',
              message: 'src/go is pure: do I/O in a feature folder and pass the results in.'
            },
            { regex: '^(undici|yauzl|@actions/.*)$', message: 'src/go is pure: no I/O libraries.' },
            { regex: `^(\\.\\./){${depth}}`, message: 'src/go imports only from src/go.' }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/go is pure: pass environment values in.' },
        { name: 'fetch', message: 'src/go is pure: no network.' }
      ]
    }
  })),
  {
    // Each feature folder's pure policy, beside the I/O that feeds it: the same rule without the folder boundary (it
    // may import the feature's other pure parts and src/go). A new pure file joins this list.
    files: [
      'src/auth/{index,module-hosts,parse,plan,proxy-hosts,secrets,sumdb,types}.ts',
      'src/net/{credentials,redirect,retry-after}.ts',
      'src/probe/{decide,reorder,report,retry,settle,shown,table}.ts',
      'src/warm/{diagnose,download-json,judge,plan}.ts',
      'src/settings/{compose,configure,settings}.ts',
      'src/install/{line,tool-cache}.ts',
      'src/host/{host,logger}.ts',
      'src/pipeline/{record,route}.ts',
      'src/report/{markdown,summary,warm-section}.ts',
      'src/cache/{policy,report,placement}.ts'
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex:
                '^(node:)?(fs|fs/promises|http|https|http2|net|tls|dgram|dns|dns/promises|child_process|cluster|worker_threads|readline|os|process|stream|stream/promises)$',
              message: "Pure policy: do I/O in the feature's shell and pass the results in."
            },
            { regex: '^(undici|yauzl|@actions/.*)$', message: 'Pure policy: no I/O libraries.' }
          ]
        }
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Pure policy: pass environment values in.' },
        { name: 'fetch', message: 'Pure policy: no network.' }
      ]
    }
  },
  {
    // A test that has just asserted a value exists may say so with `!`.
    files: ['__tests__/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' }
  }
)
