/**
 * Parsing the `auth` input into AuthCredentials, one per line: `HOST[:PORT][/PATH] [USER:]SECRET`.
 *
 * Secrets never appear in a message: errors name the line number and what is wrong, never a field's
 * text (a user who swapped the fields would otherwise see the token echoed before anything could mask
 * it). The planners reuse lineProblem so their messages point at the same line in the same words.
 */
import { ErrorCollector, InputError } from '../go/errors.js'
import { BAD_CHARACTER } from './secrets.js'
import { DEFAULT_AUTH_USER, type AuthCredential } from './types.js'

const INPUT = 'auth'
const FORMAT = 'write HOST[:PORT][/PATH] [USER:]SECRET'
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?'
const HOST_FIELD = new RegExp(`^(\\[[0-9A-Fa-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)(?::(\\d*))?(/.*)?$`)
const PATH_ELEMENT = /^[A-Za-z0-9._~-]+$/

/** An InputError on the `auth` input naming `line`; `detail` must never quote a field, which may be a secret. */
export function lineProblem(line: number, detail: string): InputError {
  return new InputError(INPUT, `line ${line}: ${detail}`)
}

/** Names a character by code point only: the field around it may be a secret. */
function badCharacter(line: number, field: string, value: string): InputError | undefined {
  const match = BAD_CHARACTER.exec(value)
  if (!match) return undefined
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
  return lineProblem(line, `the ${field} contains the blank or control character U+${code}; remove it (${FORMAT}).`)
}

function parseHostField(line: number, field: string): Pick<AuthCredential, 'host' | 'port' | 'path'> {
  if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(field)) {
    throw lineProblem(line, `the host is written with a scheme; ${FORMAT} (https:// is implied).`)
  }
  const match = HOST_FIELD.exec(field)
  if (!match) {
    throw lineProblem(
      line,
      `the first field is not a host name (letters, digits, dots and dashes) or IP address; ${FORMAT}.`
    )
  }
  const port = match[2] ?? ''
  if (match[2] !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
    throw lineProblem(line, 'the port is not a number from 1 to 65535.')
  }
  let path = (match[3] ?? '').slice(1)
  if (path.endsWith('/')) path = path.slice(0, -1)
  if (path !== '') {
    for (const element of path.split('/')) {
      if (!PATH_ELEMENT.test(element) || element === '.' || element === '..') {
        throw lineProblem(
          line,
          'the path has an empty element or a character other than A-Z a-z 0-9 - . _ ~ (as in module paths).'
        )
      }
    }
  }
  return { host: match[1].toLowerCase(), port, path }
}

function parseSecretField(line: number, field: string): Pick<AuthCredential, 'username' | 'secret'> {
  const colon = field.indexOf(':')
  if (colon === 0)
    throw lineProblem(
      line,
      `the user before ':' is empty; write USER:SECRET, or the secret alone for ${DEFAULT_AUTH_USER}.`
    )
  const username = colon < 0 ? DEFAULT_AUTH_USER : field.slice(0, colon)
  const secret = colon < 0 ? field : field.slice(colon + 1)
  if (secret === '') throw lineProblem(line, 'the secret after the user is empty.')
  return { username, secret }
}

/**
 * Parses the `auth` input: one credential per line, `HOST[:PORT][/PATH] [USER:]SECRET`,
 * fields separated by spaces or tabs; blank lines and lines starting with `#` are skipped.
 * Refuses, naming the line and never the text: a field with a blank or control character,
 * more or fewer than two fields, an invalid host, port or path, an empty user or secret,
 * and a host/path given twice. Throws InputErrors listing every bad line.
 */
export function parseAuth(raw: string): AuthCredential[] {
  const errors = new ErrorCollector()
  const credentials: AuthCredential[] = []
  const seen = new Map<string, number>()
  raw.split('\n').forEach((text, index) => {
    const line = index + 1
    const trimmed = text.replace(/\r$/, '').replace(/^[ \t]+|[ \t]+$/g, '')
    if (trimmed === '' || trimmed.startsWith('#')) return
    errors.attempt(() => {
      const fields = trimmed.split(/[ \t]+/)
      if (fields.length !== 2) {
        const count = fields.length === 1 ? 'one field' : `${fields.length} fields`
        throw lineProblem(line, `has ${count} where two are needed; ${FORMAT} (no field can contain a blank).`)
      }
      const bad = badCharacter(line, 'host', fields[0]) ?? badCharacter(line, 'secret field', fields[1])
      if (bad) throw bad
      const credential: AuthCredential = {
        line,
        ...parseHostField(line, fields[0]),
        ...parseSecretField(line, fields[1])
      }
      const key = `${credential.host}:${credential.port}/${credential.path}`
      const earlier = seen.get(key)
      if (earlier !== undefined)
        throw lineProblem(line, `names the same host, port and path as line ${earlier}; keep one.`)
      seen.set(key, line)
      credentials.push(credential)
    }, undefined)
  })
  errors.throwIfAny()
  return credentials
}
