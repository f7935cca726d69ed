/**
 * verifyModule against a real signed tlog checksum database on loopback (support/sumdb-server.ts), honest and
 * forged: every forged answer must fail with the reason that names what was forged.
 */
import { createHash } from 'node:crypto'
import { verifyModule, type SumdbFetch, type VerifyModuleOptions } from '../../src/sumdb/client.js'
import { defineModule } from '../support/modules.js'
import { createSumdb, startSumdb, type SumdbRecord, type SumdbServer } from '../support/sumdb-server.js'

const servers: SumdbServer[] = []
afterAll(async () => {
  await Promise.all(servers.map(s => s.close()))
})

async function sumdb(records: SumdbRecord[]): Promise<SumdbServer> {
  const db = await startSumdb({ records })
  servers.push(db)
  return db
}

const filler = (i: number): SumdbRecord => ({
  path: `filler.test/m${i}`,
  version: 'v1.0.0',
  h1: `h1:${createHash('sha256').update(`zip ${i}`).digest('base64')}`,
  goModH1: `h1:${createHash('sha256').update(`mod ${i}`).digest('base64')}`
})
const fillers = (from: number, count: number): SumdbRecord[] =>
  Array.from({ length: count }, (_, i) => filler(from + i))

type Answer = { status: number; body: Uint8Array }

/** A fetch over real HTTP to the database; `log` collects every path asked for. */
function httpFetch(db: SumdbServer, log: string[] = []): SumdbFetch {
  return async sub => {
    log.push(sub)
    try {
      const res = await fetch(`${db.url}${sub}`)
      return { status: res.status, body: new Uint8Array(await res.arrayBuffer()) }
    } catch (error) {
      return { error: String(error) }
    }
  }
}

/** The database's answers passed through `forge`, which may replace them. */
function forged(
  db: SumdbServer,
  forge: (sub: string, answer: Answer, get: (sub: string) => Promise<Answer>) => Answer | Promise<Answer>,
  log: string[] = []
): SumdbFetch {
  const real = httpFetch(db)
  const get = async (sub: string): Promise<Answer> => {
    const answer = await real(sub)
    if ('error' in answer) throw new Error(answer.error)
    return answer
  }
  return async sub => {
    log.push(sub)
    return forge(sub, await get(sub), get)
  }
}

const text = (b: Uint8Array): string => Buffer.from(b).toString('utf8')
const body = (s: string | Buffer): Uint8Array => new Uint8Array(Buffer.from(s))

function verifyRecord(db: SumdbServer, record: SumdbRecord, extra: Partial<VerifyModuleOptions> = {}) {
  return verifyModule({
    fetch: httpFetch(db),
    key: db.verifierKey,
    path: record.path,
    version: record.version,
    ...extra
  })
}

/** Splits a lookup answer into the record part (id + text + blank line) and the note. */
function splitAnswer(answer: Uint8Array): { record: string; note: string } {
  const s = text(answer)
  const i = s.indexOf('\n\n')
  return { record: s.slice(0, i + 2), note: s.slice(i + 2) }
}

/** Rewrites the signature bytes of a note's (single) signature line. */
function mangleSignature(note: string, change: (sig: Buffer) => void): string {
  const [head, line] = [note.slice(0, note.lastIndexOf('\n— ') + 1), note.slice(note.lastIndexOf('\n— ') + 1)]
  const [dash, name, b64] = line.trim().split(' ')
  const sig = Buffer.from(b64, 'base64')
  change(sig)
  return `${head}${dash} ${name} ${sig.toString('base64')}\n`
}

describe('honest databases of several sizes', () => {
  test.each([1, 2, 255, 256, 257, 1000])('every probed record of a tree of %i records verifies', async size => {
    const records = fillers(0, size)
    const db = await sumdb(records)
    const ids = [...new Set([0, 1, 127, 254, 255, 256, 511, 512, 767, 768, 999, size - 2, size - 1])].filter(
      id => id >= 0 && id < size
    )
    for (const id of ids) {
      const result = await verifyRecord(db, records[id], { zipH1: records[id].h1, goModH1: records[id].goModH1 })
      expect(result).toEqual({
        ok: true,
        h1: records[id].h1,
        goModH1: records[id].goModH1,
        treeSize: size,
        treeHash: expect.stringMatching(/^[A-Za-z0-9+/]{43}=$/)
      })
    }
  })

  test('only the tiles needed are fetched: a lookup and a few tiles, each once', async () => {
    const records = fillers(0, 1000)
    const db = await sumdb(records)
    const log: string[] = []
    const result = await verifyModule({ fetch: httpFetch(db, log), key: db.verifierKey, ...records[300] })
    expect(result.ok).toBe(true)
    expect(log).toEqual([
      '/lookup/filler.test/m300@v1.0.0',
      // The root: the level-1 tile (3 complete subtrees of 256) and the partial level-0 tile of 1000-768 records.
      '/tile/8/1/000.p/3',
      '/tile/8/0/003.p/232',
      // Record 300's own (complete) tile, checked against its parent entry in tile/8/1/000.p/3.
      '/tile/8/0/001'
    ])
  })

  test('upper-case letters are escaped in the lookup path', async () => {
    const m = defineModule({ path: 'example.test/Hello', version: 'v1.0.0-RC' })
    const record = { path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }
    const db = await sumdb([...fillers(0, 3), record])
    const log: string[] = []
    expect((await verifyModule({ fetch: httpFetch(db, log), key: db.verifierKey, ...record })).ok).toBe(true)
    expect(log[0]).toBe('/lookup/example.test/%21hello@v1.0.0-%21r%21c')
  })

  test('a +incompatible version keeps its plus sign on the wire', async () => {
    const record = { ...filler(7), path: 'example.test/old', version: 'v2.0.0+incompatible' }
    const db = await sumdb([...fillers(0, 3), record])
    const log: string[] = []
    expect(await verifyModule({ fetch: httpFetch(db, log), key: db.verifierKey, ...record })).toMatchObject({
      ok: true,
      h1: record.h1
    })
    expect(log[0]).toBe('/lookup/example.test/old@v2.0.0+incompatible')
  })

  test('a partial tile the server no longer has falls back to the full tile', async () => {
    const records = fillers(0, 300)
    const db = await sumdb(records)
    // The lookup answer is taken while the tree has 300 records; then the log completes level-0 tile 1 and the
    // server drops its partial versions.
    const early = await httpFetch(db)('/lookup/filler.test/m299@v1.0.0')
    for (const r of fillers(300, 300)) db.add(r)
    const log: string[] = []
    const fetch = forged(
      db,
      (sub, answer) => {
        if (sub.startsWith('/lookup/')) return early as Answer
        if (sub.startsWith('/tile/8/0/') && sub.includes('.p/')) return { status: 404, body: body('gone\n') }
        return answer
      },
      log
    )
    const result = await verifyModule({ fetch, key: db.verifierKey, ...records[299] })
    expect(result).toMatchObject({ ok: true, treeSize: 300, h1: records[299].h1 })
    expect(log).toEqual(['/lookup/filler.test/m299@v1.0.0', '/tile/8/1/000.p/1', '/tile/8/0/001.p/44', '/tile/8/0/001'])
  })

  test('a tree head kept from an earlier verification must be a prefix of the new one', async () => {
    const records = fillers(0, 700)
    const db = await sumdb(records.slice(0, 10))
    const first = await verifyRecord(db, records[3])
    expect(first.ok).toBe(true)
    if (!first.ok) return
    for (const r of records.slice(10)) db.add(r)
    const knownTree = { size: first.treeSize, hash: first.treeHash }
    expect(await verifyRecord(db, records[600], { knownTree })).toMatchObject({ ok: true, treeSize: 700 })
    // A known head the new tree does not extend: a fork.
    const fork = { size: 10, hash: Buffer.alloc(32, 7).toString('base64') }
    expect(await verifyRecord(db, records[600], { knownTree: fork })).toMatchObject({
      ok: false,
      reason: 'tree',
      message: expect.stringMatching(/not consistent with the known tree of 10/)
    })
    // The same size with another hash: the database signed two different trees.
    const twin = { size: 700, hash: Buffer.alloc(32, 7).toString('base64') }
    expect(await verifyRecord(db, records[600], { knownTree: twin })).toMatchObject({ ok: false, reason: 'tree' })
  })
})

describe('failures, each with its reason', () => {
  const records = fillers(0, 1000)
  const hello = ['v1.0.0', 'v1.1.0'].map(version => defineModule({ path: 'example.test/hello', version }))
  const helloRecords = hello.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  let db: SumdbServer
  beforeAll(async () => {
    db = await sumdb([...records.slice(0, 500), ...helloRecords, ...records.slice(500)])
  })
  const target = () => helloRecords[0]
  const run = (fetch: SumdbFetch, extra: Partial<VerifyModuleOptions> = {}) =>
    verifyModule({ fetch, key: db.verifierKey, ...target(), ...extra })
  const onLookup =
    (change: (answer: Answer) => Answer | Promise<Answer>, get?: (g: (s: string) => Promise<Answer>) => void) =>
    (sub: string, answer: Answer, g: (s: string) => Promise<Answer>) => {
      get?.(g)
      return sub.startsWith('/lookup/') ? change(answer) : answer
    }
  const withNote = (answer: Answer, note: string): Answer => ({
    status: 200,
    body: body(splitAnswer(answer.body).record + note)
  })
  const treeText = (answer: Answer): string => {
    const note = splitAnswer(answer.body).note
    return note.slice(0, note.lastIndexOf('\n\n') + 1)
  }

  test('the honest answer verifies (the forgeries below change one thing each)', async () => {
    expect(await run(forged(db, (_s, a) => a))).toMatchObject({ ok: true, h1: target().h1 })
  })

  test('a note signed by another key with the same name: signature', async () => {
    const impostor = createSumdb({ name: db.name })
    const result = await run(
      forged(
        db,
        onLookup(a => withNote(a, impostor.signNote(treeText(a))))
      )
    )
    expect(result).toMatchObject({ ok: false, reason: 'signature', message: expect.stringMatching(/no verifiable/) })
  })

  test('a note naming the right name but another key hash: signature', async () => {
    const result = await run(
      forged(
        db,
        onLookup(a =>
          withNote(
            a,
            mangleSignature(splitAnswer(a.body).note, sig => (sig[0] ^= 1))
          )
        )
      )
    )
    expect(result).toMatchObject({ ok: false, reason: 'signature', message: expect.stringMatching(/no verifiable/) })
  })

  test('a tampered signature byte: signature', async () => {
    const result = await run(
      forged(
        db,
        onLookup(a =>
          withNote(
            a,
            mangleSignature(splitAnswer(a.body).note, sig => (sig[20] ^= 0x40))
          )
        )
      )
    )
    expect(result).toMatchObject({
      ok: false,
      reason: 'signature',
      message: expect.stringMatching(/invalid signature/)
    })
  })

  test('a tampered tree text under a good signature: signature', async () => {
    const result = await run(
      forged(
        db,
        onLookup(a => withNote(a, splitAnswer(a.body).note.replace('\n1002\n', '\n1001\n')))
      )
    )
    expect(result).toMatchObject({ ok: false, reason: 'signature' })
  })

  test('CVE-2026-42501: an authenticated record for another version is refused', async () => {
    // The answer for v1.1.0 is genuine and proven in the tree: only its text says it is not v1.0.0.
    const result = await run(
      forged(db, async (sub, a, get) => (sub.startsWith('/lookup/') ? get(sub.replace('@v1.0.0', '@v1.1.0')) : a))
    )
    expect(result).toMatchObject({
      ok: false,
      reason: 'record',
      message: expect.stringMatching(/not about example\.test\/hello@v1\.0\.0/)
    })
  })

  test('CVE-2026-56864: hashes outside the proven record text are ignored', async () => {
    const bogus = `h1:${Buffer.alloc(32, 9).toString('base64')}`
    const lines = `${target().path} v1.0.0 ${bogus}\n${target().path} v1.0.0/go.mod ${bogus}\n`
    // Extra lines in the (signed, but unproven) tree head text after the hash, which tlog.ParseTree ignores.
    const withLines = (a: Answer): Answer => withNote(a, db.signNote(treeText(a) + lines))
    const genuine = await run(forged(db, onLookup(withLines)))
    expect(genuine).toMatchObject({ ok: true, h1: target().h1, goModH1: target().goModH1 })
    expect(await run(forged(db, onLookup(withLines)), { zipH1: bogus })).toMatchObject({
      ok: false,
      reason: 'mismatch'
    })
    // The same lines next to another version's genuine record do not make it a record of v1.0.0.
    const other = await run(
      forged(db, async (sub, a, get) =>
        sub.startsWith('/lookup/') ? withLines(await get(sub.replace('@v1.0.0', '@v1.1.0'))) : a
      )
    )
    expect(other).toMatchObject({ ok: false, reason: 'record' })
    // Lines after the signatures make the note malformed.
    const after = await run(
      forged(
        db,
        onLookup(a => ({ status: 200, body: body(text(a.body) + lines) }))
      )
    )
    expect(after).toMatchObject({ ok: false, reason: 'signature' })
  })

  const flipTile = (path: string, hashIndex: number) => (sub: string, a: Answer) => {
    if (sub !== path) return a
    const copy = Buffer.from(a.body)
    copy[hashIndex * 32 + 5] ^= 1
    return { status: 200, body: new Uint8Array(copy) }
  }

  // The target is record 500: tree of 1002 records, root tiles tile/8/1/000.p/3 and tile/8/0/003.p/234.
  test.each([
    ['a full tile that does not match its parent', '/tile/8/0/001', 10, /does not match its parent/],
    ['the record hash itself in its full tile', '/tile/8/0/001', 500 - 256, /does not match its parent/],
    ['a partial tile that rebuilds the root', '/tile/8/0/003.p/234', 3, /do not rebuild the signed root/],
    ['the level-1 parent tile', '/tile/8/1/000.p/3', 1, /do not rebuild the signed root/]
  ])('CVE-2026-56865: %s: tile', async (_, path, index, message) => {
    const log: string[] = []
    const result = await run(forged(db, flipTile(path, index), log))
    expect(log).toContain(path)
    expect(result).toMatchObject({ ok: false, reason: 'tile', message: expect.stringMatching(message) })
  })

  test('a truncated tile: tile', async () => {
    const result = await run(
      forged(db, (sub, a) => (sub === '/tile/8/0/001' ? { status: 200, body: a.body.subarray(0, 8000) } : a))
    )
    expect(result).toMatchObject({ ok: false, reason: 'tile', message: expect.stringMatching(/8000 bytes, want 8192/) })
  })

  test('a truncated full tile after a partial-tile fallback: tile', async () => {
    const result = await run(
      forged(db, (sub, a) => {
        if (sub.includes('.p/')) return { status: 404, body: body('') }
        return sub.startsWith('/tile/') ? { status: 200, body: a.body.subarray(0, 100) } : a
      })
    )
    expect(result).toMatchObject({ ok: false, reason: 'tile' })
  })

  test.each([
    ['larger than the log', (n: number) => String(n + 1)],
    ['not canonical', (n: number) => `0${n}`],
    ['too small to hold the record', () => '500']
  ])('a signed tree head whose size is %s: tree', async (_, size) => {
    const result = await run(
      forged(
        db,
        onLookup(a => {
          const [prefix, n, hash] = treeText(a).split('\n')
          return withNote(a, db.signNote(`${prefix}\n${size(Number(n))}\n${hash}\n`))
        })
      )
    )
    expect(result).toMatchObject({ ok: false, reason: 'tree' })
  })

  test('a record text that is not the one the tree holds: record', async () => {
    const result = await run(
      forged(
        db,
        onLookup(a => ({ status: 200, body: body(text(a.body).replace(target().h1, `h1:${'A'.repeat(43)}=`)) }))
      )
    )
    expect(result).toMatchObject({
      ok: false,
      reason: 'record',
      message: expect.stringMatching(/not what the signed tree holds/)
    })
  })

  test('a zip or go.mod hash that differs from the database: mismatch', async () => {
    expect(await run(httpFetch(db), { zipH1: hello[1].sum })).toMatchObject({ ok: false, reason: 'mismatch' })
    expect(await run(httpFetch(db), { goModH1: `h1:${'B'.repeat(43)}=` })).toMatchObject({
      ok: false,
      reason: 'mismatch',
      message: expect.stringMatching(/go\.mod hashes to/)
    })
  })

  test('a module the database does not know: not-found', async () => {
    const result = await verifyModule({
      fetch: httpFetch(db),
      key: db.verifierKey,
      path: 'example.test/none',
      version: 'v1.0.0'
    })
    expect(result).toMatchObject({ ok: false, reason: 'not-found', message: expect.stringMatching(/404/) })
  })

  test('transport errors, 5xx and a thrown fetch: network', async () => {
    expect(await run(async () => ({ error: 'connect ECONNREFUSED 127.0.0.1:9' }))).toMatchObject({
      ok: false,
      reason: 'network',
      message: expect.stringMatching(/ECONNREFUSED/)
    })
    expect(await run(async () => ({ status: 502, body: body('bad gateway') }))).toMatchObject({
      ok: false,
      reason: 'network',
      message: expect.stringMatching(/502: bad gateway/)
    })
    expect(
      await run(async () => {
        throw new Error('boom')
      })
    ).toMatchObject({ ok: false, reason: 'network', message: expect.stringMatching(/boom/) })
  })

  test('the request cap holds', async () => {
    const log: string[] = []
    const result = await run(httpFetch(db, log), { maxRequests: 2 })
    expect(result).toMatchObject({
      ok: false,
      reason: 'network',
      message: expect.stringMatching(/more than 2 requests/)
    })
    expect(log.length).toBeLessThanOrEqual(2)
  })

  test('bad input is a result, not an exception', async () => {
    expect(await run(httpFetch(db), { key: 'nonsense' })).toMatchObject({ ok: false, reason: 'signature' })
    expect(await run(httpFetch(db), { version: 'v1 0' })).toMatchObject({ ok: false, reason: 'record' })
    const garbage = await run(async () => ({ status: 200, body: body('garbage') }))
    expect(garbage).toMatchObject({ ok: false, reason: 'record' })
  })
})
