/**
 * planSumdbCredentials: credentials written in a GOSUMDB URL move to the netrc plan (the go command sends netrc
 * credentials to the checksum database's host like to any other), the exported GOSUMDB loses them, and what Go or a
 * netrc file cannot carry is refused with a message naming the `sumdb` input and the URL with its secret hidden.
 */
import {
  movedNote,
  parseAuth,
  planCredentials,
  planSumdbCredentials,
  type CredentialPlan
} from '../../src/auth/index.js'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { InputError, InputErrors } from '../../src/go/errors.js'
import { parseGosumdb, type SumdbConfig } from '../../src/go/sumdb/config.js'

const TOKEN = 'S3cretT0ken42'
const OTHER = 'Zz9-0therSecret'
const HOST = 'sum.corp.example'
const KEY = 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'

/** A credential plan from a GOPROXY (its userinfo becomes netrc entries), as configure builds it before the sumdb step. */
function basePlan(goproxy = 'https://proxy.golang.org,direct'): CredentialPlan {
  return planCredentials(parseAuth(''), parseGoproxy('GOPROXY', goproxy).chain, '')
}

function sumdbOf(value: string): SumdbConfig {
  return parseGosumdb('sumdb', value)
}

/** Freezes a plan's data all the way down, so any mutation by the code under test throws. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const inner of Object.values(value)) deepFreeze(inner)
  }
  return value
}

/** The data of a plan (its lookup function left out), to compare before and after. */
function dataOf(plan: CredentialPlan): unknown {
  return JSON.parse(JSON.stringify({ ...plan, credentialsFor: undefined }))
}

/** The one InputError planSumdbCredentials throws (fails the test when it accepts the input). */
function refusal(value: string, plan = basePlan()): InputError {
  try {
    planSumdbCredentials(plan, sumdbOf(value))
  } catch (error) {
    expect(error).toBeInstanceOf(InputErrors)
    const errors = (error as InputErrors).errors
    expect(errors).toHaveLength(1)
    return errors[0]
  }
  throw new Error(`planSumdbCredentials accepted ${value}`)
}

describe('refusals: the sumdb input is named, the URL shown with its userinfo hidden, no secret in the message', () => {
  // [case, GOSUMDB value, GOPROXY of the plan, what the message says, secrets that must not show]
  const cases: Array<[string, string, string | undefined, RegExp, string[]]> = [
    [
      'credentials over plain http',
      `sum.golang.org http://bot:${TOKEN}@${HOST}/db`,
      undefined,
      /carries credentials over plain http; the go command refuses to send them/,
      [TOKEN, `bot:${TOKEN}`]
    ],
    [
      'a token as the user over plain http',
      `sum.golang.org http://${TOKEN}@${HOST}/db`,
      undefined,
      /over plain http/,
      [TOKEN]
    ],
    [
      'a missing user',
      `sum.golang.org https://:${TOKEN}@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN]
    ],
    [
      'a missing password (a token in the user field)',
      `sum.golang.org https://${TOKEN}@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN]
    ],
    [
      'an empty password after the colon',
      `sum.golang.org https://${TOKEN}:@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN]
    ],
    [
      'a blank in the password (percent-encoded)',
      `sum.golang.org https://bot:${TOKEN}%20x@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN, `${TOKEN}%20x`, `${TOKEN} x`]
    ],
    [
      'a newline in the password (percent-encoded)',
      `sum.golang.org https://bot:${TOKEN}%0Ax@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN]
    ],
    [
      'a tab in the user (percent-encoded)',
      `sum.golang.org https://b%09ot:${TOKEN}@${HOST}/db`,
      undefined,
      /credentials a netrc file cannot hold/,
      [TOKEN]
    ],
    [
      'an escape that is not UTF-8',
      `sum.golang.org https://bot:${TOKEN}%C3%28@${HOST}/db`,
      undefined,
      /malformed %-escape in its credentials/,
      [TOKEN, `${TOKEN}%C3%28`]
    ],
    [
      'a % that is not an escape',
      `sum.golang.org https://bot:${TOKEN}%zz@${HOST}/db`,
      undefined,
      /% that is not a %XX escape/,
      [TOKEN]
    ],
    [
      'a character userinfo cannot hold unescaped',
      `sum.golang.org https://bot:${TOKEN}"x@${HOST}/db`,
      undefined,
      /must be percent-encoded/,
      [TOKEN]
    ],
    [
      'a host that already has other credentials (from a proxy URL)',
      `sum.golang.org https://bot:${TOKEN}@${HOST}/db`,
      `https://bot:${OTHER}@${HOST}/goproxy,direct`,
      /differ from those for the same host in proxies or auth; Go's netrc holds one per host and port/,
      [TOKEN, OTHER]
    ],
    [
      'the same password under another user',
      `sum.golang.org https://alice:${TOKEN}@${HOST}/db`,
      `https://bob:${TOKEN}@${HOST}/goproxy,direct`,
      /differ from those for the same host/,
      [TOKEN]
    ]
  ]
  it.each(cases)('%s', (_name, value, goproxy, says, secrets) => {
    const error = refusal(value, basePlan(goproxy))
    expect(error.input).toBe('sumdb')
    expect(error.message).toMatch(/^Input 'sumdb': /)
    expect(error.message).toMatch(says)
    // The URL is shown, with the whole userinfo hidden (a "user" may be the token).
    const url = value.split(' ')[1]
    expect(error.message).toContain(url.replace(/^(https?:\/\/)[^/?#]*@/, '$1xxxxx@'))
    for (const secret of secrets) expect(error.message).not.toContain(secret)
  })

  it('a refusal leaves the plan passed in as it was', () => {
    const plan = basePlan(`https://bot:${OTHER}@${HOST}/goproxy,direct`)
    const before = dataOf(plan)
    deepFreeze(plan)
    refusal(`sum.golang.org https://bot:${TOKEN}@${HOST}/db`, plan)
    expect(dataOf(plan)).toEqual(before)
  })
})

describe('accepted: the credentials move to the netrc plan and the URL is stripped', () => {
  // [case, GOSUMDB value, GOPROXY of the plan, netrc machine, login, password, exported GOSUMDB]
  const cases: Array<[string, string, string | undefined, string, string, string, string]> = [
    [
      'user and token',
      `sum.golang.org https://bot:${TOKEN}@${HOST}/db`,
      undefined,
      HOST,
      'bot',
      TOKEN,
      `sum.golang.org https://${HOST}/db`
    ],
    [
      'a port: the machine carries it, as Go matches Host',
      `sum.golang.org https://bot:${TOKEN}@${HOST}:8443/`,
      undefined,
      `${HOST}:8443`,
      'bot',
      TOKEN,
      `sum.golang.org https://${HOST}:8443/`
    ],
    [
      'percent-encoded user and password are decoded for netrc',
      `sum.golang.org https://bot%40corp:${TOKEN}%2F%3A%40@${HOST}/db`,
      undefined,
      HOST,
      'bot@corp',
      `${TOKEN}/:@`,
      `sum.golang.org https://${HOST}/db`
    ],
    [
      'a full verifier key before the URL is kept as written',
      `${KEY} https://bot:${TOKEN}@${HOST}/db?x=1`,
      undefined,
      HOST,
      'bot',
      TOKEN,
      `${KEY} https://${HOST}/db?x=1`
    ],
    [
      'a host that already has the same credentials (from a proxy URL)',
      `sum.golang.org https://bot:${TOKEN}@${HOST}/db`,
      `https://bot:${TOKEN}@${HOST}/goproxy,direct`,
      HOST,
      'bot',
      TOKEN,
      `sum.golang.org https://${HOST}/db`
    ]
  ]
  it.each(cases)('%s', (_name, value, goproxy, machine, login, password, exported) => {
    const plan = basePlan(goproxy)
    const before = dataOf(plan)
    deepFreeze(plan)
    const sumdb = sumdbOf(value)
    const result = planSumdbCredentials(plan, sumdb)

    // The plan passed in is not mutated; the new one has exactly one entry for the host.
    expect(dataOf(plan)).toEqual(before)
    expect(result.plan.netrc.filter(e => e.machine === machine)).toEqual([{ machine, login, password }])
    expect(result.plan.netrc).toHaveLength(
      plan.netrc.some(e => e.machine === machine) ? plan.netrc.length : plan.netrc.length + 1
    )
    // The lookup the probe and warm use sends them to the database's origin, and only over https.
    const base = exported.split(' ')[1]
    expect(result.plan.credentialsFor(`${base.replace(/\/?(\?.*)?$/, '')}/lookup/x@v1.0.0`)).toEqual({
      username: login,
      password
    })
    expect(result.plan.credentialsFor(`https://elsewhere.example/lookup/x@v1.0.0`)).toBeUndefined()
    // The exported GOSUMDB carries no secret; the rest of the config is unchanged.
    expect(result.sumdb).toEqual({ ...sumdb, url: base, value: exported })
    expect(result.sumdb.value).not.toContain(TOKEN)
    expect(result.plan.moved.map(movedNote).at(-1)).toBe(
      `sumdb: credentials moved from the URL to netrc (machine ${machine}).`
    )
    expect(JSON.stringify([result.plan.notes, result.plan.moved])).not.toContain(TOKEN)
  })

  it('the secrets list covers every form in which the credentials could reach a log', () => {
    const user = 'bot@corp'
    const secret = `${TOKEN}/:@`
    const url = `https://bot%40corp:${TOKEN}%2F%3A%40@${HOST}/db`
    const { plan } = planSumdbCredentials(basePlan(), sumdbOf(`sum.golang.org ${url}`))
    const base64 = Buffer.from(`${user}:${secret}`, 'utf8').toString('base64')
    const forms = [
      secret, // decoded, as written to netrc
      encodeURIComponent(secret), // re-encoded
      `${TOKEN}%2F%3A%40`, // as written in the URL
      `bot%40corp:${TOKEN}%2F%3A%40`, // the userinfo as written
      `${user}:${secret}`, // decoded userinfo
      base64, // the Basic header's credentials
      `Basic ${base64}`, // the Authorization header
      url // the whole URL
    ]
    for (const form of forms) expect(plan.secrets).toContain(form)
  })

  it('the secrets already in the plan are kept, each once', () => {
    const plan = basePlan(`https://bot:${TOKEN}@${HOST}/goproxy,direct`)
    const result = planSumdbCredentials(plan, sumdbOf(`sum.golang.org https://bot:${TOKEN}@${HOST}/db`))
    for (const secret of plan.secrets) expect(result.plan.secrets).toContain(secret)
    expect(new Set(result.plan.secrets).size).toBe(result.plan.secrets.length)
  })
})

describe('passes through unchanged when there is nothing to move', () => {
  it.each([
    ['GOSUMDB=off', 'off'],
    ['a name only (no URL)', 'sum.golang.org'],
    ['the China alias (its URL is built in)', 'sum.golang.google.cn'],
    ['a URL without credentials', `sum.golang.org https://${HOST}/db`],
    ['an http URL without credentials', `sum.golang.org http://${HOST}/db`]
  ])('%s', (_name, value) => {
    const plan = basePlan()
    const sumdb = sumdbOf(value)
    const result = planSumdbCredentials(plan, sumdb)
    expect(result.plan).toBe(plan)
    expect(result.sumdb).toBe(sumdb)
  })
})
