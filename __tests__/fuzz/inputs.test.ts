/**
 * Fuzzed inputs: arbitrary and adversarial values for every input of action.yml (and a random job environment),
 * through what the main step runs before the probe. Rules:
 * - nothing but InputError/InputErrors is ever thrown, and every error names the input (or job variable) to fix;
 * - no exported or effective value holds a control character or line break (a newline would start another variable);
 * - an exported GOPROXY reads back, by the action's own parser and by the real go command, as the same chain, and an
 *   exported GOSUMDB and pattern list read back unchanged;
 * - through the bundle as the runner runs it: a rejected input fails the step with its name and exports nothing; an
 *   accepted one exports only the action's variables, with no control characters.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { GO_VARIABLES, type Ambient } from '../../src/settings/compose.js'
import { parsePatternInput } from '../../src/go/env/patterns.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { runAudited } from '../audit/run-audited.js'
import {
  ADVERSARIAL,
  allInputs,
  ambient,
  chainInputs,
  INPUT_NAMES,
  inputValue,
  mostlyValidInputs,
  plausibleAmbient
} from './arbitraries.js'
import { CONTROL, JOB_VARIABLE_NAMES, tryConfigure, walk, walkGoproxy } from './pipeline.js'

const KNOWN_NAMES = new Set([...INPUT_NAMES, ...JOB_VARIABLE_NAMES])
const PATTERN_INPUTS = new Set(['private', 'no-proxy', 'no-sumdb'])
const RUNS = 300
const PATTERN_VARIABLES = [
  ['GOPRIVATE', 'private'],
  ['GONOPROXY', 'noProxy'],
  ['GONOSUMDB', 'noSumdb'],
  ['GOINSECURE', 'insecure']
] as const

type Result = ReturnType<typeof tryConfigure>

/** Every error names a known input, in the one format users see: `Input '<name>': <detail>`. */
function expectNamedErrors(result: Result, allowed: ReadonlySet<string> = KNOWN_NAMES): void {
  if (result.ok) return
  expect(result.errors.length).toBeGreaterThan(0)
  for (const error of result.errors) {
    expect(allowed).toContain(error.input)
    expect(error.message.startsWith(`Input '${error.input}': `)).toBe(true)
    // Quoted values are made visible: a message cannot break a log line or forge a workflow command.
    expect({ message: error.message, control: CONTROL.test(error.message) }).toEqual({
      message: error.message,
      control: false
    })
  }
}

/** Exported and effective values are single clean lines that read back as what the action meant. */
function expectCleanExports(result: Result, job?: Ambient): void {
  if (!result.ok) return
  const { plan, environment } = result.value
  for (const [name, value] of [...Object.entries(environment.exports), ...Object.entries(environment.effective)]) {
    expect({ name, value, control: CONTROL.test(value ?? '') }).toEqual({ name, value, control: false })
  }
  const goproxy = environment.exports.GOPROXY
  expect(goproxy).toBeTruthy()
  expect(walkGoproxy(goproxy!)).toEqual(walk(plan.chain))
  // Credentials moved to netrc: no exported proxy URL carries userinfo.
  expect(walkGoproxy(goproxy!).filter(entry => /^[a-z]+:\/\/[^/?#]*@/i.test(entry))).toEqual([])
  if (environment.exports.GOSUMDB !== undefined) {
    expect(parseGosumdb('GOSUMDB', environment.exports.GOSUMDB).value).toBe(environment.exports.GOSUMDB)
  }
  for (const [variable, input] of PATTERN_VARIABLES) {
    const value = environment.exports[variable]
    if (!value) continue
    // Written from an input: valid globs that read back as written. Inherited: the job's value comes first, as it was.
    // (Duplicates are tolerated here; the rule against them is its own test.)
    if (result.value.settings[input]) expect(parsePatternInput(variable, value)).toEqual([...new Set(value.split(','))])
    else expect(value.startsWith(job?.env[variable] ?? '')).toBe(true)
  }
}

describe('fuzzed inputs through readSettings → composePlan → credentials → environmentFor', () => {
  it('never throws anything but input errors, names the input in every error, and exports clean values', () => {
    let accepted = 0
    fc.assert(
      fc.property(fc.oneof(allInputs(), mostlyValidInputs()), fc.oneof(ambient, plausibleAmbient), (inputs, job) => {
        const result = tryConfigure(inputs, job)
        if (result.ok) accepted++
        expectNamedErrors(result)
        expectCleanExports(result, job)
      }),
      { numRuns: RUNS, interruptAfterTimeLimit: 15_000 }
    )
    // The property has teeth only if both branches are exercised.
    expect(accepted).toBeGreaterThan(RUNS / 20)
    expect(accepted).toBeLessThan(RUNS - RUNS / 20)
  })

  it('one bad input at a time: every error names that input (a pattern input may make the probe module private)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...INPUT_NAMES).chain(name => fc.tuple(fc.constant(name), inputValue(name))),
        ([name, value]) => {
          const result = tryConfigure({ [name]: value })
          expectNamedErrors(result, new Set([name, ...(PATTERN_INPUTS.has(name) ? ['probe-module'] : [])]))
          expectCleanExports(result)
        }
      ),
      { numRuns: RUNS }
    )
  })

  const codePoint = (piece: string) => `U+${piece.codePointAt(piece.search(CONTROL))!.toString(16).padStart(4, '0')}`
  it.each(ADVERSARIAL.filter(piece => CONTROL.test(piece)).map(piece => [codePoint(piece), piece]))(
    'a control character (%s, piece %#) smuggled into any input is refused, or never exported',
    (_code, piece) => {
      for (const name of INPUT_NAMES) {
        for (const value of [`${piece}`, `https://proxy.example${piece}`, `example.com/x${piece}y`]) {
          const result = tryConfigure({ [name]: value })
          expectNamedErrors(result)
          expectCleanExports(result)
        }
      }
    }
  )

  it.each(GO_VARIABLES)(
    'a %s in the job environment with a line break or control character is refused by name, never passed on',
    variable => {
      for (const value of ['example.com/a\nGOFLAGS=-insecure', 'example.com/a\u0085b', 'example.com/\u001b[31m']) {
        // An auth line for a module host makes the action export GOPRIVATE, with the job's value in front.
        const job = { env: { [variable]: value } }
        const result = tryConfigure({ auth: 'git.corp.example/acme u:tok' }, job)
        expectNamedErrors(result)
        expectCleanExports(result, job)
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.errors.map(e => e.input)).toContain(`${variable} (job environment)`)
      }
    }
  )

  it.each<Record<string, string>>([{ 'no-proxy': 'none' }, { 'no-sumdb': 'example.com/x' }])(
    'an auth line for a module host already in private adds no duplicate to GOPRIVATE (%j)',
    extra => {
      const result = tryConfigure({ private: 'github.com/acme', auth: 'github.com/acme ghp_abc', ...extra })
      expect(result.ok && result.value.environment.exports.GOPRIVATE).toBe('github.com/acme')
    }
  )

  it('chains written the way users write them export a GOPROXY that parses back to the same entries', () => {
    let accepted = 0
    fc.assert(
      fc.property(chainInputs, plausibleAmbient, (inputs, job) => {
        const result = tryConfigure(inputs, job)
        if (result.ok) accepted++
        expectNamedErrors(result)
        expectCleanExports(result, job)
      }),
      { numRuns: RUNS }
    )
    expect(accepted).toBeGreaterThan(RUNS / 2)
  })
})

// Needs the real go: without one this suite fails here, with the message saying how to get it.
findGo()

/** Runs `fn` over `items`, at most `limit` at a time (2 shared cores). */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      results[i] = await fn(items[i])
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

describe('the real go command reads a sample of accepted environments as the action does', () => {
  afterAll(cleanupTempDirs)

  it('go env reports 25 fuzzed exported environments back, with the effective values the action computed', async () => {
    const seen = new Set<string>()
    const sample = fc
      .sample(chainInputs, { numRuns: 400, seed: 7 })
      .map(inputs => tryConfigure(inputs))
      .flatMap(result => (result.ok ? [result.value.environment] : []))
      .filter(environment => !seen.has(environment.exports.GOPROXY!) && seen.add(environment.exports.GOPROXY!))
      .slice(0, 25)
    expect(sample).toHaveLength(25)
    const dir = tempDir('fuzz-go-env')
    const reports = await mapLimit(sample, 3, environment => {
      const unset = Object.fromEntries(GO_VARIABLES.map(name => [name, undefined]))
      return runGo(['env', '-json', ...GO_VARIABLES], {
        cwd: dir,
        env: goTestEnv(dir, { ...unset, ...environment.exports }),
        timeoutMs: 30_000
      })
    })
    reports.forEach((run, i) => {
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      expect(JSON.parse(run.stdout)).toEqual(sample[i].effective)
    })
  }, 60_000)
})

/** What GITHUB_ENV may receive: the six Go variables and the credential files' paths. */
const EXPORTABLE =
  /^(GOPROXY|GOSUMDB|GOPRIVATE|GONOPROXY|GONOSUMDB|GOINSECURE|NETRC|GIT_CONFIG_(COUNT|KEY_\d+|VALUE_\d+))$/
/** Workflow commands the action may write on stdout; anything else at the start of a line would be an injection. */
const COMMANDS = new Set(['add-mask', 'error', 'warning', 'notice', 'debug', 'group', 'endgroup'])

/** A workflow command's message as the runner shows it (the toolkit escapes %, CR and LF). */
function unescapeCommand(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** What a value becomes on its way through the environment: no NUL (none can be passed), lone surrogates as U+FFFD. */
function asRunnerGives(value: string): string {
  return Buffer.from(value.split('\u0000').join(''), 'utf8').toString('utf8')
}

describe('fuzzed inputs through the bundle, as the runner runs it (probe and warm off)', () => {
  afterAll(cleanupTempDirs)

  it('a rejected input fails the step naming it and exports nothing; an accepted one exports only clean values', async () => {
    const root = tempDir('fuzz-dist')
    const jobGoproxy = 'https://proxy.golang.org,direct'
    const env = goTestEnv(root, { GOPROXY: jobGoproxy, GOSUMDB: undefined })
    const outcomes = { accepted: 0, rejected: 0 }
    await fc.assert(
      fc.asyncProperty(mostlyValidInputs(ADVERSARIAL.filter(p => !p.includes('\u0000'))), async generated => {
        const inputs = Object.fromEntries(
          Object.entries(generated).map(([name, value]) => [name, asRunnerGives(value)])
        )
        // No Go install either: it needs the network (installs are tested in __tests__/toolchain and __tests__/action).
        Object.assign(inputs, { probe: 'false', warm: 'false', 'go-version': '', 'go-version-file': '' })
        const trimmed = Object.fromEntries(Object.entries(inputs).map(([name, value]) => [name, value.trim()]))
        const predicted = tryConfigure(trimmed, { env: { GOPROXY: jobGoproxy } })
        const run = await runAudited({ inputs, env, cwd: root, timeoutMs: 30_000 })
        expect(run.verification).toEqual([])

        for (const line of run.stdout.split('\n')) {
          const command = /^::([A-Za-z-]+)/.exec(line)?.[1]
          if (command !== undefined) expect(COMMANDS).toContain(command)
        }
        if (!predicted.ok) {
          outcomes.rejected++
          expect(run.code).toBe(1)
          const failure = unescapeCommand(run.stdout.split('\n').find(line => line.startsWith('::error::')) ?? '')
          for (const error of predicted.errors) expect(failure).toContain(`Input '${error.input}'`)
          expect(readFileSync(run.files.env, 'utf8')).toBe('')
          return
        }
        outcomes.accepted++
        expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' })
        expect(Object.keys(run.env).filter(name => !EXPORTABLE.test(name))).toEqual([])
        for (const value of Object.values(run.env)) expect(CONTROL.test(value)).toBe(false)
        expect(run.env.GOPROXY).toBe(predicted.value.environment.exports.GOPROXY)
      }),
      { numRuns: 12, seed: 42 }
    )
    expect(outcomes.accepted).toBeGreaterThan(0)
    expect(outcomes.rejected).toBeGreaterThan(0)
  }, 120_000)
})
