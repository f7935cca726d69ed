/**
 * The real go command accepts every value the action exports, with the meaning the action
 * gives it:
 * - `go env` reports each exported variable back unchanged, and Go's effective values (after
 *   its own defaulting) equal the action's `effective` outputs;
 * - go walks an exported GOPROXY through the same entries, in the same order, with the same
 *   fall-through as the action's parsed chain; and it rejects a GOPROXY or GOSUMDB exactly
 *   when the action does (apart from values the action rejects on purpose, listed below);
 * - `go mod download` through an exported chain and checksum database works against loopback
 *   servers.
 * No go run can reach another machine: HTTPS_PROXY and HTTP_PROXY point at a loopback
 * recorder that refuses every tunnel (CONNECT host:port is all it learns) and answers every
 * plain-http request 404. Go never sends loopback traffic through it.
 */
import { generateKeyPairSync, createHash } from 'node:crypto'
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { join } from 'node:path'
import { existsSync } from 'node:fs'
import { parseGoproxy, type Chain } from '../../src/go/proxy/chain.js'
import { composePlan, environmentFor, GO_VARIABLES, type Ambient, type GoVariable } from '../../src/settings/compose.js'
import { InputError } from '../../src/go/errors.js'
import { parseProxyUrl } from '../../src/go/proxy/url.js'
import { readSettings } from '../../src/settings/settings.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { cleanupTempDirs, findGo, goTestEnv, runGo, tempDir } from '../support/go.js'
import { startProxy, startRefusingPort, type TestProxy } from '../support/goproxy-server.js'
import { defineModule, writeProject } from '../support/modules.js'
import { startSumdb, type SumdbServer } from '../support/sumdb-server.js'

/** A forward proxy on loopback that records what go asks for and lets nothing through. */
interface Recorder {
  readonly url: string
  /** `CONNECT host:port` for https, `GET <absolute URL>` for http, in arrival order. */
  readonly contacts: string[]
  close(): Promise<void>
}

async function startRecorder(): Promise<Recorder> {
  const contacts: string[] = []
  const sockets = new Set<Socket>()
  const server = http.createServer((req, res) => {
    contacts.push(`${req.method} ${req.url}`)
    res.writeHead(404, { 'Content-Type': 'text/plain' })
    res.end('not found (test recorder)\n')
  })
  server.on('connect', (req: http.IncomingMessage, socket: Socket) => {
    contacts.push(`CONNECT ${req.url}`)
    socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n')
  })
  server.on('connection', socket => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    contacts,
    close: () => {
      const closed = new Promise<void>(resolve => server.close(() => resolve()))
      for (const socket of sockets) socket.destroy()
      return closed
    }
  }
}

/** Runs `fn` over `items` with at most `limit` at a time (the machine has 2 cores, shared). */
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

/** A go environment where only `vars` of the six are set (the rest unset, so Go's defaults apply), behind the recorder. */
function envWith(
  root: string,
  vars: Partial<Record<GoVariable, string>>,
  recorder: Recorder,
  extra: Record<string, string> = {}
) {
  const unset = Object.fromEntries(GO_VARIABLES.map(name => [name, undefined]))
  return goTestEnv(root, { ...unset, ...vars, HTTPS_PROXY: recorder.url, HTTP_PROXY: recorder.url, ...extra })
}

const MODULE = 'example.com/m'
const VERSION = 'v1.0.0'

/**
 * Where go should knock, by the action's reading of the chain, for `go mod download example.com/m@v1.0.0`:
 * an https proxy is a refused tunnel (an error: go goes on only after `|`), an http proxy answers 404 (go goes on
 * after `,` too), a file proxy that does not exist is a 404; direct asks https://example.com.
 */
function expectedContacts(chain: Chain): string[] {
  const contacts: string[] = []
  for (const entry of chain.proxies) {
    const url = parseProxyUrl('GOPROXY', entry.url, entry.url)
    if (url.scheme === 'https') {
      contacts.push(`CONNECT ${url.hostname}:${url.port || '443'}`)
      if (entry.separator === ',') return contacts
    } else if (url.scheme === 'http') {
      const query = url.rest.indexOf('?')
      const path = (query < 0 ? url.rest : url.rest.slice(0, query)).replace(/\/$/, '')
      const search = query < 0 ? '' : url.rest.slice(query)
      contacts.push(`GET http://${url.host}${path}/${MODULE}/@v/${VERSION}.info${search}`)
    }
  }
  if (chain.terminal === 'direct') contacts.push(`CONNECT ${MODULE.split('/')[0]}:443`)
  return contacts
}

/** What go made of a GOPROXY value: rejected with its message, or the contacts it made. */
interface GoproxyVerdict {
  readonly rejected?: string
  readonly contacts: readonly string[]
}

const GO_REJECTS_GOPROXY =
  /(invalid proxy URL[^"\n]*|invalid file:\/\/ proxy URL[^"\n]*|GOPROXY list is not the empty string, but contains no entries|parse \\?"[^\n]*)/

/** The action's verdict on a GOPROXY value, in the same terms. */
function actionGoproxyVerdict(value: string): GoproxyVerdict {
  try {
    return { contacts: expectedContacts(parseGoproxy('GOPROXY', value).chain) }
  } catch (error) {
    if (error instanceof InputError) return { rejected: error.message, contacts: [] }
    throw error
  }
}

// Needs the real go: without one this suite fails here, with the message saying how to get it.
findGo()

describe('the real go command accepts what the action exports, with the same meaning', () => {
  let recorder: Recorder
  beforeAll(async () => {
    recorder = await startRecorder()
  })
  afterAll(async () => {
    await recorder?.close()
    await cleanupTempDirs()
  })

  /** Runs `go mod download -json example.com/m@v1.0.0` behind a recorder of its own; returns what go made of GOPROXY. */
  async function goproxyVerdict(value: string): Promise<GoproxyVerdict> {
    const own = await startRecorder()
    try {
      const root = tempDir('goproxy-oracle')
      const env = envWith(root, { GOPROXY: value, GOSUMDB: 'off' }, own)
      const run = await runGo(['mod', 'download', '-json', `${MODULE}@${VERSION}`], {
        cwd: root,
        env,
        timeoutMs: 30_000
      })
      expect(run.timedOut).toBe(false)
      expect(run.code).not.toBe(0) // nothing serves example.com/m
      const rejected = GO_REJECTS_GOPROXY.exec(run.stdout + run.stderr)?.[0]
      return rejected ? { rejected, contacts: [...own.contacts] } : { contacts: [...own.contacts] }
    } finally {
      await own.close()
    }
  }

  describe('go env reports every exported value back, and its effective values are the action outputs', () => {
    const key = (() => {
      const pub = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url')
      const bytes = Buffer.concat([Buffer.from([1]), pub])
      const hash = createHash('sha256').update('sum.corp.example\n').update(bytes).digest().subarray(0, 4)
      return `sum.corp.example+${hash.toString('hex')}+${bytes.toString('base64')}`
    })()

    const cases: Array<[title: string, inputs: Record<string, string>, ambient: Ambient]> = [
      ['region cn', { region: 'cn' }, { env: {} }],
      ['region global with private hosts', { region: 'global', private: 'corp.example, *.corp.example' }, { env: {} }],
      ['region auto', { region: 'auto' }, { env: {} }],
      [
        'a corporate proxy before region cn, with every pattern input',
        {
          proxies: 'https://corp.example/artifactory/api/go/go\naliyun',
          region: 'cn',
          fallback: 'not-found',
          private: 'git.corp.example',
          'no-proxy': 'none',
          'no-sumdb': 'git.corp.example/*',
          insecure: 'git.corp.example'
        },
        { env: {} }
      ],
      ['a token in an https proxy URL', { proxies: 'https://user:t0ken@corp.example/go|direct' }, { env: {} }],
      [
        'a checksum database of its own (key and URL)',
        { region: 'global', sumdb: `${key} https://sum.corp.example/db` },
        { env: {} }
      ],
      ['verification off, because the user wrote it', { sumdb: 'off', 'no-sumdb': '*', probe: 'false' }, { env: {} }],
      ['a file proxy, then off', { proxies: 'file:///srv/goproxy\noff' }, { env: {} }],
      [
        'unicode and class patterns',
        { region: 'cn', private: '日本.jp/x, [^a-c]*.example\n[!a-c]*.example' },
        { env: {} }
      ],
      [
        'bare, with a job environment',
        {},
        { env: { GOPROXY: 'https://goproxy.io,direct', GOPRIVATE: 'corp.example', GONOSUMDB: 'none' } }
      ],
      ["bare, with Go's defaults", {}, { env: {} }]
    ]

    test.each(cases)('%s', async (_title, inputs, ambient) => {
      const { exports, effective } = environmentFor(
        composePlan(
          readSettings(name => inputs[name] ?? ''),
          ambient
        )
      )
      const root = tempDir('go-env')
      const env = envWith(root, { ...ambient.env, ...exports }, recorder)
      const run = await runGo(['env', '-json', ...GO_VARIABLES], { cwd: root, env, timeoutMs: 30_000 })
      expect(run.code).toBe(0)
      const reported = JSON.parse(run.stdout) as Record<GoVariable, string>
      for (const [name, value] of Object.entries(exports))
        expect([name, reported[name as GoVariable]]).toEqual([name, value])
      expect(reported).toEqual(effective)
    })

    test('and go walks each exported GOPROXY through the entries the action planned', async () => {
      const values = cases.map(([, inputs, ambient]) => {
        const plan = composePlan(
          readSettings(name => inputs[name] ?? ''),
          ambient
        )
        return environmentFor(plan).effective.GOPROXY
      })
      const verdicts = await mapLimit(values, 3, goproxyVerdict)
      values.forEach((value, i) => expect([value, verdicts[i]]).toEqual([value, actionGoproxyVerdict(value)]))
    })
  })

  describe('GOPROXY: go rejects a value exactly when the action does, and walks the same entries', () => {
    const AGREED = [
      'https://proxy.golang.org,direct',
      'https://a.example|https://b.example,direct',
      ' https://a.example , http://b.example:8080/x |  direct ',
      'http://a.example,http://b.example|https://c.example,direct',
      'http://a.example/goproxy/?token=x|off',
      'goproxy.cn',
      'goproxy.cn:8443/sub|direct',
      'corp.example/goproxy,direct',
      'HTTPS://a.example|direct',
      'file:///nonexistent-setup-goproxy|https://a.example',
      'file:///nonexistent-setup-goproxy,direct',
      'https://a.example,direct,https://b.example',
      'https://a.example|direct,https://b.example',
      'https://a.example,,|https://b.example',
      ',https://a.example|direct',
      'https://user:pw@a.example|direct',
      'https://x_y.example|direct',
      'https://a.example/%41b|direct',
      'off',
      'direct',
      'off,direct',
      // Rejected by both:
      'DIRECT',
      'Off',
      'goproxy',
      'https://a.example,OFF',
      'ftp://a.example',
      'gopher://a.example,direct',
      ',',
      ' , | ',
      'file://localhost/srv/goproxy',
      'file://host/srv',
      'file:///srv/goproxy?x=1',
      '/srv/goproxy',
      'https:a.example',
      'file:x',
      'https://a.example:8x'
    ]

    test('go and the action agree on each value', async () => {
      const verdicts = await mapLimit(AGREED, 3, goproxyVerdict)
      AGREED.forEach((value, i) => {
        const action = actionGoproxyVerdict(value)
        const ours = { rejected: action.rejected !== undefined, contacts: action.contacts }
        const theirs = { rejected: verdicts[i].rejected !== undefined, contacts: verdicts[i].contacts }
        expect([value, theirs]).toEqual([value, ours])
      })
      // The table is useful only if it holds both verdicts.
      expect(verdicts.filter(v => v.rejected).length).toBeGreaterThan(5)
      expect(verdicts.filter(v => !v.rejected).length).toBeGreaterThan(5)
    })

    // Values go accepts when it reads GOPROXY and fails on later, or that mean something else than they seem:
    // the action rejects them up front on purpose.
    test.each<[value: string, why: string]>([
      ['http://user:pw@a.example', 'go refuses to send credentials over http, on every request'],
      ['https://a.example:99999', 'a port out of range fails at dial time'],
      ['https://', 'no host fails at request time'],
      ['https://a.example/#top', 'a fragment is silently dropped'],
      ['https://a.example/x y', 'a blank inside an entry is a typo for a separator'],
      ['\thttps://a.example', 'a control character, even one go trims']
    ])('the action rejects %j, which go accepts until it is used: %s', async value => {
      expect(actionGoproxyVerdict(value).rejected).toBeDefined()
      expect((await goproxyVerdict(value)).rejected).toBeUndefined()
    })

    // Go rejects these when it reads GOPROXY, and so does the action, up front.
    test.each<[value: string, message: RegExp]>([
      ['https://a.example/%zz', /invalid URL escape "%zz"/],
      ['https://a%41.example', /invalid URL escape "%41"/],
      ['https://u:p%zz@a.example', /invalid URL escape "%zz"/],
      ['https://u:p{x@a.example', /invalid userinfo/],
      ['file:///srv/a%zz', /invalid URL escape "%zz"/],
      ['file:/srv/goproxy', /invalid file:\/\/ proxy URL with non-path elements/]
    ])('go rejects %j when it reads GOPROXY', async (value, message) => {
      expect(actionGoproxyVerdict(value).rejected).toBeDefined()
      const verdict = await goproxyVerdict(value)
      expect(verdict.rejected?.replace(/\\/g, '')).toMatch(message)
      expect(verdict.contacts).toEqual([])
    })
  })

  describe('GOSUMDB: go rejects a value exactly when the action does', () => {
    let proxy: TestProxy
    const module = defineModule({ path: 'example.com/sumdb-probe', version: 'v1.0.0' })
    const names = [
      'sum.golang.org',
      'sum.example.com',
      'sum.example.com:8443',
      'corp.example.com/sumdb',
      'sum_db.example.com'
    ]
    const keyFor = (name: string, algorithm = 1, hash?: string) => {
      const pub = Buffer.from(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!, 'base64url')
      const bytes = Buffer.concat([Buffer.from([algorithm]), pub])
      const digest = createHash('sha256').update(`${name}\n`).update(bytes).digest().subarray(0, 4).toString('hex')
      return `${name}+${hash ?? digest}+${bytes.toString('base64')}`
    }
    beforeAll(async () => {
      proxy = await startProxy({ modules: [module], sumdbSupported: names })
    })
    afterAll(() => proxy?.close())

    /**
     * go's verdict: the `invalid GOSUMDB: ...` (or `invalid sumdb name`) message when dbDial refuses the value, undefined when go went on to
     * verify (and failed at the lookup, or succeeded for `off`).
     */
    async function gosumdbVerdict(value: string): Promise<string | undefined> {
      const root = tempDir('gosumdb-oracle')
      const env = envWith(root, { GOPROXY: proxy.url, GOSUMDB: value }, recorder)
      const run = await runGo(['mod', 'download', '-json', `${module.path}@${module.version}`], {
        cwd: root,
        env,
        timeoutMs: 30_000
      })
      expect(run.timedOut).toBe(false)
      const output = run.stdout + run.stderr
      // Either way go must have got as far as verifying the module, or the verdict says nothing about GOSUMDB.
      expect([value, run.code === 0 || /verifying /.test(output)]).toEqual([value, true])
      return /invalid GOSUMDB[^"\n]*|invalid sumdb name[^"\n]*/.exec(output)?.[0]
    }

    const actionAccepts = (value: string) => {
      try {
        parseGosumdb('sumdb', value)
        return true
      } catch (error) {
        if (error instanceof InputError) return false
        throw error
      }
    }

    test('go and the action agree on each value', async () => {
      const lookups = `http://127.0.0.1:${proxy.port}/sumdb/sum.example.com`
      const values = [
        'sum.golang.org',
        'off',
        keyFor('sum.example.com'),
        keyFor('sum.example.com:8443'),
        keyFor('corp.example.com/sumdb'),
        `${keyFor('sum.example.com')} ${lookups}`,
        `sum.golang.org ${lookups}`,
        // Rejected by both:
        'gosum.io',
        'sum.example.com',
        'sum.golang.org+033de0ae',
        `sum.golang.org ${lookups} ${lookups}`,
        'sum.golang.google.cn https://sum.golang.google.cn',
        'OFF',
        keyFor('sum.example.com', 1, '00000000'),
        keyFor('sum.example.com', 2),
        keyFor('sum.example.com/'),
        keyFor('sum.example.com?x=1'),
        keyFor('user@sum.example.com')
      ]
      const verdicts = await mapLimit(values, 3, gosumdbVerdict)
      values.forEach((value, i) => {
        expect([value, verdicts[i] === undefined]).toEqual([value, actionAccepts(value)])
      })
      expect(verdicts.filter(v => v === undefined).length).toBeGreaterThan(3)
      expect(verdicts.filter(v => v !== undefined).length).toBeGreaterThan(3)
    })

    test('sum.golang.google.cn is accepted by both, and go sends its checksum traffic to https://sum.golang.google.cn', async () => {
      const before = recorder.contacts.length
      expect(await gosumdbVerdict('sum.golang.google.cn')).toBeUndefined()
      expect(actionAccepts('sum.golang.google.cn')).toBe(true)
      expect(recorder.contacts.slice(before)).toContain('CONNECT sum.golang.google.cn:443')
    })

    // Go's sumdb name check is url.Parse("https://" + name): an underscore in a host is fine.
    test('go and the action accept a checksum database whose name has an underscore', async () => {
      expect(await gosumdbVerdict(keyFor('sum_db.example.com'))).toBeUndefined()
      expect(actionAccepts(keyFor('sum_db.example.com'))).toBe(true)
    })

    // Go compares GOSUMDB with "off" and "sum.golang.google.cn" before it splits the value into fields. A job's
    // GOSUMDB is not exported again, so blanks reach go as they are.
    test.each([' off', 'sum.golang.google.cn '])('go rejects a GOSUMDB of %j', async value => {
      expect(await gosumdbVerdict(value)).toMatch(/malformed verifier id/)
    })
  })

  describe('go mod download through an exported chain', () => {
    const modules = [
      defineModule({ path: 'example.com/warm/alpha', version: 'v1.0.0' }),
      defineModule({ path: 'example.com/warm/Beta', version: 'v1.2.0' })
    ]
    let proxy: TestProxy
    let sumdb: SumdbServer
    let deadPort: number
    beforeAll(async () => {
      proxy = await startProxy({ modules })
      sumdb = await startSumdb({
        records: modules.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
      })
      deadPort = await startRefusingPort()
    })
    afterAll(async () => {
      await proxy?.close()
      await sumdb?.close()
    })

    async function download(inputs: Record<string, string>) {
      const { exports } = environmentFor(
        composePlan(
          readSettings(name => inputs[name] ?? ''),
          { env: {} }
        )
      )
      const root = tempDir('download')
      const project = join(root, 'app')
      writeProject(project, { requires: modules, goSum: false })
      const env = envWith(root, exports, recorder)
      const run = await runGo(['mod', 'download', '-json'], { cwd: project, env, timeoutMs: 60_000 })
      expect(run.timedOut).toBe(false)
      return { run, exports, env }
    }

    test('a loopback proxy before region cn, verified against a checksum database given as key and URL', async () => {
      const contactsBefore = recorder.contacts.length
      const lookupsBefore = sumdb.requests.filter(r => r.path.startsWith('/lookup/')).length
      const { run, exports, env } = await download({
        proxies: proxy.url,
        region: 'cn',
        sumdb: sumdb.gosumdb,
        private: 'corp.example',
        probe: 'false'
      })
      expect(exports.GOPROXY).toBe(
        `${proxy.url}|https://goproxy.cn|https://mirrors.aliyun.com/goproxy/|https://goproxy.io,direct`
      )
      expect(exports.GOSUMDB).toBe(sumdb.gosumdb)
      expect(run.stderr).toBe('')
      expect(run.code).toBe(0)
      for (const m of modules) {
        expect(run.stdout).toContain(`"Sum": "${m.sum}"`)
        const dir = join(env.GOMODCACHE, `${m.path.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`)}@${m.version}`)
        expect(existsSync(join(dir, 'go.mod'))).toBe(true)
      }
      expect(sumdb.requests.filter(r => r.path.startsWith('/lookup/')).length - lookupsBefore).toBe(modules.length)
      // The first proxy answered everything: no request fell through to the public mirrors.
      expect(recorder.contacts.slice(contactsBefore)).toEqual([])
    })

    test('| written as fallback on-error: a refused first proxy falls through to the next', async () => {
      const { run, exports } = await download({
        proxies: `http://127.0.0.1:${deadPort}\n${proxy.url}`,
        sumdb: sumdb.gosumdb,
        probe: 'false'
      })
      expect(exports.GOPROXY).toBe(`http://127.0.0.1:${deadPort}|${proxy.url}`)
      expect(run.code).toBe(0)
    })

    test(', written as fallback not-found: a refused first proxy stops go, as the action documents', async () => {
      const { run, exports } = await download({
        proxies: `http://127.0.0.1:${deadPort}\n${proxy.url}`,
        fallback: 'not-found',
        sumdb: sumdb.gosumdb,
        probe: 'false'
      })
      expect(exports.GOPROXY).toBe(`http://127.0.0.1:${deadPort},${proxy.url}`)
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(/connection refused/)
    })
  })
})
