/**
 * The pure part of the action's main step, in main.ts's order, for property tests: inputs and the job's environment
 * in, the variables to export (and the effective values for the outputs) out, or InputErrors.
 */
import { parseGoproxy, type Chain } from '../../src/go/proxy/chain.js'
import { environmentFor, type Ambient } from '../../src/settings/compose.js'
import { planEnvironment } from '../../src/settings/configure.js'
import { InputError, InputErrors } from '../../src/go/errors.js'
import { readSettings } from '../../src/settings/settings.js'

/** What a job variable is called in messages when the problem came from the job, not from an input. */
export const JOB_VARIABLE_NAMES = [
  'GOPROXY (job environment)',
  'GOPROXY (go env)',
  'GOPROXY',
  'GOSUMDB (job environment)',
  'GOPRIVATE (job environment)',
  'GONOPROXY (job environment)',
  'GONOSUMDB (job environment)',
  'GOINSECURE (job environment)'
]

// eslint-disable-next-line no-control-regex
export const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/** Validate, compose and plan credentials with the same functions main.ts calls before the probe; probe off. */
export function configure(inputs: Readonly<Record<string, string>>, ambient: Ambient = { env: {} }) {
  const settings = readSettings(name => inputs[name] ?? '')
  const { plan, credentials } = planEnvironment(settings, ambient)
  return { settings, plan, credentials, environment: environmentFor(plan) }
}

/** The outcome of `configure`: the result, or the InputErrors it threw (anything else is rethrown). */
export function tryConfigure(
  inputs: Readonly<Record<string, string>>,
  ambient?: Ambient
): { ok: true; value: ReturnType<typeof configure> } | { ok: false; errors: InputError[] } {
  try {
    return { ok: true, value: configure(inputs, ambient) }
  } catch (error) {
    if (error instanceof InputErrors) return { ok: false, errors: error.errors }
    if (error instanceof InputError) return { ok: false, errors: [error] }
    throw error
  }
}

/** A chain as Go walks it: URL and fall-through per proxy (the last one's only matters before a keyword). */
export function walk(chain: Chain): string[] {
  const last = chain.proxies.length - 1
  return [
    ...chain.proxies.map((p, i) => (i < last || chain.terminal ? `${p.url} ${p.separator}` : p.url)),
    ...(chain.terminal ? [chain.terminal] : [])
  ]
}

/** Go's reading of a GOPROXY value, as the action's own parser gives it. */
export function walkGoproxy(value: string): string[] {
  const parsed = parseGoproxy('GOPROXY', value)
  if (parsed.ignored.length > 0) throw new Error(`exported GOPROXY ${JSON.stringify(value)} has ignored entries`)
  return walk(parsed.chain)
}
