/**
 * A problem with one input value. `input` is the public input name (or the
 * variable it came from, e.g. `GOPROXY (job environment)`), so every message
 * tells the user exactly what to edit.
 */
export class InputError extends Error {
  constructor(
    readonly input: string,
    readonly detail: string
  ) {
    super(`Input '${input}': ${detail}`)
    this.name = 'InputError'
  }
}

/** The label of an input error about a variable the job's environment holds (`GOPROXY (job environment)`). */
export function environmentInput(variable: string): string {
  return `${variable} (job environment)`
}

/** The variable an environmentInput label names, or undefined for an input's own name. */
export function variableOfInput(input: string): string | undefined {
  return /^([A-Z][A-Z0-9_]*) \(job environment\)$/.exec(input)?.[1]
}

/** All input problems found in one pass: users fix them together instead of one per run. */
export class InputErrors extends Error {
  constructor(readonly errors: InputError[]) {
    super(errors.map(e => e.message).join('\n'))
    this.name = 'InputErrors'
  }
}

/** Collects InputErrors while validation goes on, so one run reports every bad input. */
export class ErrorCollector {
  readonly errors: InputError[] = []

  /** Runs `fn`; an InputError it throws is recorded and `fallback` returned instead. */
  attempt<T>(fn: () => T, fallback: T): T {
    try {
      return fn()
    } catch (error) {
      if (error instanceof InputError) {
        this.errors.push(error)
        return fallback
      }
      if (error instanceof InputErrors) {
        this.errors.push(...error.errors)
        return fallback
      }
      throw error
    }
  }

  /** Throws every collected error at once, if there are any. */
  throwIfAny(): void {
    if (this.errors.length > 0) throw new InputErrors(this.errors)
  }
}

/** Shows a value in a message: quoted, with control characters made visible, and cut when very long. */
export function quote(value: string): string {
  // JSON.stringify escapes C0 controls only: DEL, C1 controls and U+2028/U+2029 would stay raw.
  const visible = JSON.stringify(value).replace(
    /[\u007f-\u009f\u2028\u2029]/g,
    c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  )
  return visible.length > 120 ? `${visible.slice(0, 117)}…"` : visible
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/

/**
 * Rejects NUL, newlines and other control characters, which Go refuses or would let inject another variable.
 * `redact` hides credentials in the message; the check itself runs on the whole value, so a control character inside
 * a password is refused too (a redacted copy would have hidden it, and the raw value would be exported).
 */
export function assertNoControlCharacters(
  input: string,
  value: string,
  redact: (text: string) => string = text => text
): void {
  const match = CONTROL.exec(value)
  if (match) {
    const code = match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()
    const shown = redact(value)
    const where = CONTROL.test(shown) ? '' : ' in its hidden credentials'
    throw new InputError(input, `${quote(shown)} contains the control character U+${code}${where}; remove it.`)
  }
}
