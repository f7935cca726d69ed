/**
 * The prefetch store and the forwarder's prefetch on their own: single flight between the prefetcher and go's
 * requests, go's requests first, failures left to go, the memory budget and spool files (removed at close), unused
 * answers counted, and private paths kept off the proxies whatever the caller queues.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startForwarder } from '../../../src/warm/forwarder/forwarder.js'
import { PrefetchStore, type FetchedAnswer, type StoredAnswer } from '../../../src/warm/forwarder/store.js'
import { startProxy, type TestProxy } from '../../support/goproxy-server.js'
import { defineModule } from '../../support/modules.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm-helpers.js'

const memory = (text: string): FetchedAnswer => ({ kind: 'memory', contentType: 'text/plain', body: Buffer.from(text) })

/** A fetch the test settles by hand. */
function deferred() {
  let resolve!: (a: FetchedAnswer | undefined) => void
  const promise = new Promise<FetchedAnswer | undefined>(r => (resolve = r))
  return { promise, resolve }
}

async function bodyOf(answer: StoredAnswer | undefined): Promise<string | undefined> {
  if (!answer) return undefined
  if (answer.kind === 'memory') return answer.body.toString()
  if (answer.kind === 'file' || answer.kind === 'layer')
    return (await import('node:fs/promises')).readFile(answer.file, 'utf8')
  return `not-found ${answer.outcome.status}`
}

const dirs: string[] = []
function spoolParent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'prefetch-store-test-'))
  dirs.push(dir)
  return dir
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('PrefetchStore', () => {
  const budget = { memoryBudget: 1024, spoolThreshold: 512 }

  it('serves a ready answer once, then forgets it (go asks for each file once per run)', async () => {
    const store = new PrefetchStore(budget)
    store.enqueue(['a.mod'])
    await store.begin(store.next()!, async () => memory('A'))
    const first = store.claim('a.mod')
    expect(first.kind).toBe('hit')
    expect(await bodyOf(first.kind === 'hit' ? await first.answer : undefined)).toBe('A')
    expect(store.claim('a.mod')).toEqual({ kind: 'miss' })
    expect(store.stats).toMatchObject({ prefetchedFiles: 1, servedFiles: 1, servedBytes: 1 })
  })

  it('lets go join a fetch in flight instead of asking again (single flight)', async () => {
    const store = new PrefetchStore(budget)
    store.enqueue(['a.zip'])
    const fetch = deferred()
    let fetches = 0
    const done = store.begin(store.next()!, () => {
      fetches++
      return fetch.promise
    })
    const claim = store.claim('a.zip')
    expect(claim.kind).toBe('hit')
    fetch.resolve(memory('zip bytes'))
    await done
    expect(await bodyOf(claim.kind === 'hit' ? await claim.answer : undefined)).toBe('zip bytes')
    expect(fetches).toBe(1)
    // Claimed while in flight: it is not also kept as ready, so close() does not count it unused.
    expect(await store.close()).toMatchObject({ servedFiles: 1, unusedFiles: 0 })
  })

  it("takes a queued path out of the queue when go asks first (go's request goes first, alone)", () => {
    const store = new PrefetchStore(budget)
    store.enqueue(['a.info', 'b.info', 'c.info'])
    expect(store.claim('b.info')).toEqual({ kind: 'miss' })
    expect([store.next(), store.next(), store.next()]).toEqual(['a.info', 'c.info', undefined])
    expect(store.stats.overtaken).toBe(1)
    // Never queued again in this phase: go has it.
    store.enqueue(['b.info'])
    expect(store.next()).toBeUndefined()
  })

  it.each([
    ['resolves to nothing', async () => undefined],
    ['rejects', async () => Promise.reject(new Error('boom'))]
  ])('leaves a prefetch that %s to go: the claim yields no answer', async (_name, fetch) => {
    const store = new PrefetchStore(budget)
    store.enqueue(['a.mod'])
    const done = store.begin(store.next()!, fetch)
    const claim = store.claim('a.mod')
    await done
    expect(claim.kind === 'hit' ? await claim.answer : 'miss').toBeUndefined()
    expect(store.stats).toMatchObject({ failed: 1, prefetchedFiles: 0, servedFiles: 0 })
  })

  it('spools a body past the threshold or the memory budget, and removes every spool file at close', async () => {
    const parent = spoolParent()
    const store = new PrefetchStore({ memoryBudget: 100, spoolThreshold: 60, spoolParent: parent })
    const bodies: Record<string, string> = { small: 'x'.repeat(50), big: 'y'.repeat(70), over: 'z'.repeat(55) }
    store.enqueue(Object.keys(bodies))
    for (let path = store.next(); path; path = store.next()) {
      const p = path
      await store.begin(p, async () => memory(bodies[p]))
    }
    // small fits (50 ≤ 100); big is above the threshold; over would take memory to 105 > 100.
    expect(store.stats).toMatchObject({ spooledFiles: 2, peakMemoryBytes: 50, peakBytes: 175 })
    const claim = store.claim('big')
    const big = claim.kind === 'hit' ? await claim.answer : undefined
    expect(big?.kind).toBe('file')
    expect(await bodyOf(big)).toBe(bodies.big)
    await store.release(big!)
    const stats = await store.close()
    expect(stats).toMatchObject({ unusedFiles: 2, unusedBytes: 105, servedFiles: 1 })
    expect(readdirSync(parent)).toEqual([])
  })

  it('places every 200 body in the file:// layer whole (spooled ones moved there), never a not-found', async () => {
    const parent = spoolParent()
    const layerDir = mkdtempSync(join(parent, 'layer-'))
    const store = new PrefetchStore({ memoryBudget: 1024, spoolThreshold: 512, spoolParent: parent, layerDir })
    const spooled = join(mkdtempSync(join(parent, 'spool-')), 'big.zip')
    writeFileSync(spooled, 'zip bytes')
    const answers: Record<string, FetchedAnswer> = {
      'example.com/!big!co/@v/v1.0.0.mod': memory('module example.com/BigCo\n'),
      'example.com/a/@v/v1.0.0.zip': { kind: 'file', contentType: 'application/zip', file: spooled, bytes: 9 },
      'example.com/gone/@v/v0.1.0.info': {
        kind: 'not-found',
        outcome: { status: 404, notFound: true, text: 'not found' }
      }
    }
    store.enqueue(Object.keys(answers))
    for (let path = store.next(); path; path = store.next()) {
      const p = path
      await store.begin(p, async () => answers[p])
    }
    const placed = (path: string) => join(layerDir, ...path.split('/'))
    expect(readFileSync(placed('example.com/!big!co/@v/v1.0.0.mod'), 'utf8')).toBe('module example.com/BigCo\n')
    expect(readFileSync(placed('example.com/a/@v/v1.0.0.zip'), 'utf8')).toBe('zip bytes')
    expect(existsSync(spooled)).toBe(false)
    expect(existsSync(placed('example.com/gone/@v/v0.1.0.info'))).toBe(false)
    // Nothing half-written is ever visible: no .partial file is left beside a placed one.
    expect(readdirSync(dirname(placed('example.com/a/@v/v1.0.0.zip')))).toEqual(['v1.0.0.zip'])
    expect(store.stats).toMatchObject({ prefetchedFiles: 3, peakMemoryBytes: 0, spooledFiles: 0 })

    // go asked the forwarder for one (it raced the placing): served from the layer file, which then goes.
    const claim = store.claim('example.com/a/@v/v1.0.0.zip')
    const answer = claim.kind === 'hit' ? await claim.answer : undefined
    expect(answer?.kind).toBe('layer')
    expect(await bodyOf(answer)).toBe('zip bytes')
    await store.release(answer!)
    expect(existsSync(placed('example.com/a/@v/v1.0.0.zip'))).toBe(false)

    // go read the .mod from disk (its module cache holds a copy): counted as served from disk, not unused.
    const asked: string[] = []
    const stats = await store.close(path => {
      asked.push(path)
      return path.endsWith('.mod')
    })
    expect(asked).toEqual(['example.com/!big!co/@v/v1.0.0.mod'])
    expect(stats).toMatchObject({ servedFiles: 2, servedFromDisk: 1, unusedFiles: 1, unusedBytes: 0 })
    expect(existsSync(layerDir)).toBe(false)
  })

  it('rejects a negative budget with a message naming it', () => {
    expect(() => new PrefetchStore({ memoryBudget: -1, spoolThreshold: 1 })).toThrow(/memoryBudget must be ≥ 0, got -1/)
  })
})

describe('the forwarder prefetching from a loopback proxy', () => {
  const big = defineModule({
    path: 'example.com/big',
    version: 'v1.0.0',
    // Random text: the zip must stay larger than the spool threshold after compression.
    files: { 'data.txt': randomBytes(6000).toString('base64') }
  })
  const small = defineModule({ path: 'example.com/small', version: 'v1.2.0' })
  let proxy: TestProxy
  beforeAll(async () => {
    proxy = await startProxy({ modules: [big, small], audit: { role: 'public proxy', private: 'example.com/small' } })
  })
  afterAll(() => proxy.close())

  function get(base: string, path: string): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = http.get(`${base}/${path}`, { agent: false }, res => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      req.setTimeout(10_000, () => req.destroy(new Error('test client timeout')))
      req.on('error', reject)
    })
  }

  it('streams a large zip into a spool file, serves it byte for byte, and keeps GONOPROXY paths off the proxy', async () => {
    const parent = spoolParent()
    const forwarder = await startForwarder({
      chain: chainOf([[proxy.url]]),
      sumdb: SUMDB_OFF,
      gonoproxy: 'example.com/small',
      gonosumdb: '',
      requestTimeoutMs: 2000,
      // The HTTP side of the store: no file:// layer (tested below).
      prefetch: { concurrency: 2, spoolThreshold: 1024, memoryBudget: 1024, spoolParent: parent, fileLayer: false },
      log: captureLogger()
    })
    try {
      forwarder.prefetch([
        'example.com/big/@v/v1.0.0.zip',
        'example.com/big/@v/v1.0.0.mod',
        'example.com/small/@v/v1.2.0.zip',
        'example.com/missing/@v/v0.1.0.info',
        'example.com/big/../../etc/@v/v1.0.0.mod'
      ])
      for (let i = 0; i < 200 && (forwarder.prefetchStats()?.prefetchedFiles ?? 0) < 3; i++)
        await new Promise(r => setTimeout(r, 25))
      expect(forwarder.prefetchStats()).toMatchObject({ planned: 3, prefetchedFiles: 3, spooledFiles: 1 })
      expect(readdirSync(parent)).toHaveLength(1)

      const zip = await get(forwarder.url, 'example.com/big/@v/v1.0.0.zip')
      expect(zip.status).toBe(200)
      expect(Buffer.compare(zip.body, Buffer.from(big.zip))).toBe(0)
      // The walk's final 404 is stored and served like go's own walk would answer.
      const missing = await get(forwarder.url, 'example.com/missing/@v/v0.1.0.info')
      expect(missing.status).toBe(404)
      expect(forwarder.prefetchStats()).toMatchObject({ servedFiles: 2 })
    } finally {
      await forwarder.close()
    }
    expect(forwarder.prefetchStats()).toMatchObject({ unusedFiles: 1, unusedBytes: big.mod.length })
    expect(proxy.requests.filter(r => r.path.includes('/small/') || r.path.includes('etc'))).toEqual([])
    expect(proxy.requests.filter(r => r.path === '/example.com/big/@v/v1.0.0.zip')).toHaveLength(1)
    expect(readdirSync(parent)).toEqual([])
  })
})
