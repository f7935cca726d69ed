/**
 * One DNS lookup per host name for a whole client (src/net/dns.ts): the warm phase opens dozens of connections to
 * one proxy at once, and a resolver that drops part of a burst of queries made a third of them wait 5 s (glibc's
 * timeout) on the project's machine. The sharing is specified against a counting lookup (what the resolver answers
 * is beside the point here), and end to end with the real client, the system's resolver and a loopback server
 * reached by name.
 */
import type { LookupAddress } from 'node:dns'
import dns from 'node:dns'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sharedLookup, type LookupAll } from '../../src/net/dns.js'
import { createHttpClient } from '../../src/net/http.js'

/** A lookup that answers `answer` (or fails with `fail`) after `ms`, counting its calls. */
function countingLookup(ms = 20, answer: LookupAddress[] = [{ address: '192.0.2.7', family: 4 }], fail?: string) {
  const calls: string[] = []
  const lookup: LookupAll = (hostname, _options, callback) => {
    calls.push(hostname)
    setTimeout(() => {
      if (fail) callback(Object.assign(new Error(fail), { code: 'EAI_AGAIN' }), [])
      else callback(null, answer)
    }, ms)
  }
  return { calls, lookup }
}

type Answer = { error: NodeJS.ErrnoException | null; address?: string | LookupAddress[]; family?: number }

function ask(lookup: ReturnType<typeof sharedLookup>, hostname: string, all = false, family = 0): Promise<Answer> {
  return new Promise(resolve =>
    lookup(hostname, { all, family }, (error, address, family) => resolve({ error, address, family }))
  )
}

describe('sharedLookup', () => {
  test('64 connections at once to one name: one lookup, every connection gets its answer', async () => {
    const { calls, lookup } = countingLookup()
    const shared = sharedLookup(lookup)
    const answers = await Promise.all(Array.from({ length: 64 }, (_, i) => ask(shared, 'proxy.example', i % 2 === 0)))
    expect(calls).toEqual(['proxy.example'])
    expect(answers.filter((_, i) => i % 2 === 0).map(a => a.address)).toEqual(
      Array.from({ length: 32 }, () => [{ address: '192.0.2.7', family: 4 }])
    )
    expect(answers.filter((_, i) => i % 2 === 1).map(a => [a.address, a.family])).toEqual(
      Array.from({ length: 32 }, () => ['192.0.2.7', 4])
    )
  })

  test.each([
    ['another name', 'other.example', 0],
    ['another address family', 'proxy.example', 6]
  ])('%s is a lookup of its own', async (_, hostname, family) => {
    const { calls, lookup } = countingLookup()
    const shared = sharedLookup(lookup)
    await Promise.all([ask(shared, 'proxy.example'), ask(shared, hostname, false, family)])
    expect(calls).toHaveLength(2)
  })

  test('a failed lookup is given to every connection that waited for it, and not kept: the next one asks again', async () => {
    const failing = countingLookup(20, [], 'getaddrinfo EAI_AGAIN proxy.example')
    const shared = sharedLookup(failing.lookup)
    const answers = await Promise.all([ask(shared, 'proxy.example'), ask(shared, 'proxy.example', true)])
    expect(answers.map(a => a.error?.code)).toEqual(['EAI_AGAIN', 'EAI_AGAIN'])
    await ask(shared, 'proxy.example')
    expect(failing.calls).toHaveLength(2)
  })

  test('an answer is used for ttlMs, then asked for again', async () => {
    const { calls, lookup } = countingLookup(1)
    const shared = sharedLookup(lookup, 100)
    await ask(shared, 'proxy.example')
    await ask(shared, 'proxy.example')
    expect(calls).toHaveLength(1)
    await new Promise(resolve => setTimeout(resolve, 150))
    await ask(shared, 'proxy.example')
    expect(calls).toHaveLength(2)
  })

  test('no address is ENOTFOUND for a connection that wants one', async () => {
    const shared = sharedLookup(countingLookup(1, []).lookup)
    expect((await ask(shared, 'proxy.example')).error?.code).toBe('ENOTFOUND')
  })
})

describe('the HTTP client resolves a name once for all its connections (system resolver, loopback server)', () => {
  let server: Server
  let port: number
  beforeAll(async () => {
    // Each answer is held a while, so the requests need connections of their own at the same time.
    server = createServer((_, res) => setTimeout(() => res.end('ok'), 100))
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server.closeAllConnections()
    await new Promise(resolve => server.close(resolve))
  })

  test('32 requests at once to http://localhost: 32 connections, one lookup', async () => {
    const names: string[] = []
    const lookup: LookupAll = (hostname, options, callback) => {
      names.push(hostname)
      // The system's answer, IPv4 only: the server listens on 127.0.0.1.
      dns.lookup(hostname, { ...options, family: 4, all: true }, callback)
    }
    let connections = 0
    server.on('connection', () => connections++)
    const client = createHttpClient({ lookup, connectionsPerOrigin: 32 })
    try {
      const answers = await Promise.all(
        Array.from({ length: 32 }, () =>
          client.get(`http://localhost:${port}/`, {
            body: { mode: 'buffer', maxBytes: 1024 },
            headersTimeoutMs: 30_000
          })
        )
      )
      expect(answers.map(a => (a.kind === 'answer' ? a.status : a.kind))).toEqual(Array(32).fill(200))
      expect(connections).toBe(32)
      expect(names).toEqual(['localhost'])
    } finally {
      await client.close()
    }
  })
})
