/**
 * tileHashReader over the tiles of the test checksum database (an independent port of tlog), with small tile
 * heights so that trees of a few dozen records already span three and four tile levels.
 */
import type { ServerResponse } from 'node:http'
import { openNote, parseVerifierKey, type Verifier } from '../../../src/go/sumdb/note.js'
import {
  TlogError,
  checkTree,
  parseTree,
  proveTree,
  recordHash,
  storedHashIndex,
  tileHashReader,
  tilePath,
  type Tile,
  type Tree
} from '../../../src/go/sumdb/tlog.js'
import { createSumdb, type SumdbDatabase, type SumdbRecord } from '../../support/sumdb-server.js'

const record = (i: number): SumdbRecord => ({
  path: `tiles.test/m${i}`,
  version: 'v1.0.0',
  h1: `h1:${Buffer.alloc(32, i).toString('base64')}`,
  goModH1: `h1:${Buffer.alloc(32, 255 - i).toString('base64')}`
})
const recordText = (r: SumdbRecord): Uint8Array =>
  new TextEncoder().encode(`${r.path} ${r.version} ${r.h1}\n${r.path} ${r.version}/go.mod ${r.goModH1}\n`)

/** Calls the database's handler in process: status and body of one GET. */
async function get(db: SumdbDatabase, path: string): Promise<{ status: number; body: Buffer }> {
  let status = 0
  let body = Buffer.alloc(0)
  const res = {
    writeHead(s: number) {
      status = s
      return res
    },
    end(b?: string | Buffer) {
      body = Buffer.from(b ?? '')
    }
  }
  await db.handle(path, res as unknown as ServerResponse)
  return { status, body }
}

async function latest(db: SumdbDatabase, verifier: Verifier): Promise<Tree> {
  const note = openNote((await get(db, '/latest')).body, [verifier])
  if (typeof note === 'string') throw new Error(note)
  const tree = parseTree(note.text)
  if (typeof tree === 'string') throw new Error(tree)
  return tree
}

function fetcher(db: SumdbDatabase, fetched: Tile[] = [], forge?: (tile: Tile, data: Buffer) => Buffer) {
  return async (tiles: readonly Tile[]) =>
    Promise.all(
      tiles.map(async tile => {
        fetched.push(tile)
        const { status, body } = await get(db, `/${tilePath(tile)}`)
        if (status !== 200) throw new Error(`${tilePath(tile)}: ${status}`)
        return new Uint8Array(forge ? forge(tile, body) : body)
      })
    )
}

describe.each([1, 2, 3])('tile height %i', height => {
  const db = createSumdb()
  const verifier = parseVerifierKey(db.verifierKey) as Verifier
  const trees: Tree[] = []
  beforeAll(async () => {
    for (let i = 0; i < 40; i++) {
      db.add(record(i))
      trees.push(await latest(db, verifier))
    }
  })

  test('every record of every tree size is proven, read from its tile', async () => {
    for (const tree of trees) {
      const reader = tileHashReader(tree, height, fetcher(db))
      const ids = Array.from({ length: tree.size }, (_, i) => i)
      const hashes = await reader(ids.map(i => storedHashIndex(0, i)))
      expect(hashes).toEqual(ids.map(i => recordHash(recordText(record(i)))))
    }
  })

  test('tree proofs through tiles link every older tree to every newer one', async () => {
    for (const large of trees.filter((_, i) => i % 7 === 6)) {
      for (const small of trees.filter(t => t.size <= large.size)) {
        const proof = await proveTree(large.size, small.size, tileHashReader(large, height, fetcher(db)))
        expect(() => checkTree(proof, large.size, large.hash, small.size, small.hash)).not.toThrow()
      }
    }
  })

  test('CVE-2026-56865: a change to any hash of any fetched tile is detected', async () => {
    for (const tree of [trees[4], trees[26], trees[39]]) {
      for (const id of [0, Math.floor(tree.size / 2), tree.size - 1]) {
        const indexes = [storedHashIndex(0, id)]
        const fetched: Tile[] = []
        await tileHashReader(tree, height, fetcher(db, fetched))(indexes)
        expect(fetched.length).toBeGreaterThan(0)
        for (const target of fetched) {
          for (let k = 0; k < target.W; k++) {
            const forge = (tile: Tile, data: Buffer): Buffer => {
              if (tilePath(tile) !== tilePath(target)) return data
              const copy = Buffer.from(data)
              copy[k * 32] ^= 0x80
              return copy
            }
            const read = tileHashReader(tree, height, fetcher(db, [], forge))(indexes)
            await expect(read).rejects.toThrow(TlogError)
          }
        }
      }
    }
  })

  test('an index outside the tree is refused before anything is fetched', async () => {
    const fetched: Tile[] = []
    const read = tileHashReader(trees[9], height, fetcher(db, fetched))([storedHashIndex(0, 10)])
    await expect(read).rejects.toThrow(/not in the tree of 10 records/)
    expect(fetched).toEqual([])
  })
})
