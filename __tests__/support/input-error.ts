import { InputError } from '../../src/go/errors.js'

/** Runs `fn` and returns the InputError it throws; fails the test when it throws nothing or something else. */
export function inputError(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}
