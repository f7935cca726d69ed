/**
 * The toolchain's requests through the chain on the real HTTP client against loopback servers: `direct` and `off`,
 * the checksum-database route (explicit URL, through a proxy, direct after 404, an error after `|` then direct),
 * GONOPROXY sending golang.org/toolchain direct, and the SumdbFetch size cap.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { silentLogger } from '../../src/host/logger.js'
import { parseGosumdb } from '../../src/go/sumdb/config.js'
import { createHttpClient, type HttpClient } from '../../src/net/http.js'
import { getThroughChain, resolveSumdbBase, sumdbFetcher } from '../../src/install/chain-fetch.js'
import { toolchainChain } from '../../src/install/for-job.js'
import { startRefusingPort } from '../support/goproxy-server.js'
import { createSumdb } from '../support/sumdb-server.js'
import { startInstallServer, type InstallServer } from './install-server.js'

let client: HttpClient
let serving: InstallServer
let notServing: InstallServer
let refused: string
const KEY = createSumdb({ name: 'sum.example.test' }).verifierKey

beforeAll(async () => {
  client = createHttpClient({})
  serving = await startInstallServer({
    listed: ['v0.0.1-go1.23.5.linux-amd64'],
    db: createSumdb({ name: 'sum.example.test' })
  })
  notServing = await startInstallServer()
  notServing.fault = () => ({ kind: 'status', status: 404, body: 'no' })
  refused = `http://127.0.0.1:${await startRefusingPort()}`
})

afterAll(async () => {
  await client?.close()
  await serving?.close()
  await notServing?.close()
})

beforeEach(() => {
  serving.requests.length = 0
  notServing.requests.length = 0
})

const chain = (goproxy: string) => parseGoproxy('GOPROXY', goproxy).chain
const list = (goproxy: string, directBase = 'http://127.0.0.1:9/unused') =>
  getThroughChain({
    client,
    chain: chain(goproxy),
    path: 'golang.org/toolchain/@v/list',
    directBase,
    body: { mode: 'buffer', maxBytes: 4096 },
    log: silentLogger,
    backoffMs: 1
  })

describe('getThroughChain', () => {
  test('direct is the direct base (go.dev/dl/mod for toolchains), asked after the proxies', async () => {
    const result = await list(`${notServing.url},direct`, serving.url)
    expect(result).toMatchObject({ ok: true, source: serving.url })
    expect(notServing.requests).toEqual(['/golang.org/toolchain/@v/list'])
    expect(serving.requests).toEqual(['/golang.org/toolchain/@v/list'])
  })

  test('off ends the chain: a 404 before it fails the request', async () => {
    const result = await list(`${notServing.url},off`, serving.url)
    expect(result).toMatchObject({ ok: false, message: expect.stringMatching(/404.*GOPROXY ends in off/) })
    expect(serving.requests).toEqual([])
  })

  test('the proxy URL query string is sent with every request (as the go command sends it)', async () => {
    serving.urls.length = 0
    expect(await list(`${serving.url}/?token=abc`)).toMatchObject({ ok: true })
    expect(serving.urls).toEqual(['/golang.org/toolchain/@v/list?token=abc'])
  })
})

describe('resolveSumdbBase: the path the go command takes to the checksum database', () => {
  const base = (goproxy: string, gosumdb: string) =>
    resolveSumdbBase({
      client,
      chain: chain(goproxy),
      sumdb: parseGosumdb('GOSUMDB', gosumdb),
      log: silentLogger,
      backoffMs: 1
    })

  test.each<[string, string, object]>([
    [
      'a URL in GOSUMDB bypasses the proxies',
      `${KEY} http://127.0.0.1:1/db`,
      { ok: true, via: 'explicit', url: 'http://127.0.0.1:1/db' }
    ],
    [
      'sum.golang.google.cn is explicit',
      'sum.golang.google.cn',
      { ok: true, via: 'explicit', url: 'https://sum.golang.google.cn' }
    ]
  ])('%s', async (_what, gosumdb, want) => {
    expect(await base(`${serving.url}`, gosumdb)).toMatchObject(want)
    expect(serving.requests).toEqual([])
  })

  test('the first proxy that answers 200 to /sumdb/<name>/supported carries it; a 404 before it is passed', async () => {
    expect(await base(`${notServing.url},${serving.url}`, KEY)).toEqual({
      ok: true,
      via: 'proxy',
      url: `${serving.url}/sumdb/sum.example.test`
    })
  })

  test('no proxy serves it: direct to https://<name>', async () => {
    expect(await base(`${notServing.url},direct`, KEY)).toEqual({
      ok: true,
      via: 'direct',
      url: 'https://sum.example.test'
    })
  })

  test('a refused proxy before `|`, then direct: direct (the go command remembers the error, but direct wins)', async () => {
    expect(await base(`${refused}|direct`, KEY)).toMatchObject({ ok: true, via: 'direct' })
  })

  test('a refused proxy before `,`: verification fails, naming the proxy', async () => {
    expect(await base(`${refused},${serving.url}`, KEY)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/127\.0\.0\.1:\d+\/sumdb\/sum\.example\.test\/supported: .*refused/)
    })
  })

  test('GOSUMDB=off: a failure, no request', async () => {
    expect(await base(serving.url, 'off')).toMatchObject({ ok: false, message: expect.stringMatching(/GOSUMDB=off/) })
    expect(serving.requests).toEqual([])
  })
})

test('GONOPROXY matching golang.org/toolchain sends it direct, as the go command does; otherwise the chain stays', () => {
  const c = chain('https://goproxy.cn,direct')
  expect(toolchainChain(c, 'golang.org')).toEqual({ proxies: [], terminal: 'direct' })
  expect(toolchainChain(c, 'golang.org/toolchain')).toEqual({ proxies: [], terminal: 'direct' })
  expect(toolchainChain(c, 'golang.org/x')).toBe(c)
  expect(toolchainChain(c, '')).toBe(c)
})

test('sumdbFetcher: an answer larger than any honest one is an error, not a body', async () => {
  const server = http.createServer((_req, res) => res.writeHead(200).end(Buffer.alloc(300 * 1024)))
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  try {
    const fetch = sumdbFetcher({ client, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })
    expect(await fetch('/lookup/x@v1.0.0')).toEqual({ error: expect.stringMatching(/larger than/) })
  } finally {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  }
})
