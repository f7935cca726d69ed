/**
 * The pure checksum-database code against Go's published vectors (golang.org/x/mod/sumdb note_test.go,
 * tlog_test.go, tlog/note_test.go, dirhash/hash_test.go) and against RFC 6962 computed from its definition.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { compareNameBytes, goModHash, hash1, sha256Of } from '../../../src/go/sumdb/dirhash.js'
import { parseLookup, recordHashes } from '../../../src/go/sumdb/lookup.js'
import { noteKeyHash, openNote, parseVerifierKey, type Verifier } from '../../../src/go/sumdb/note.js'
import {
  EMPTY_TREE_HASH,
  checkRecord,
  checkTree,
  formatTree,
  hashFromTile,
  nodeHash,
  parseTilePath,
  parseTree,
  proveRecord,
  proveTree,
  recordHash,
  splitStoredHashIndex,
  storedHashCount,
  storedHashIndex,
  tileForIndex,
  tilePath,
  treeHash,
  type HashReader
} from '../../../src/go/sumdb/tlog.js'

const PETER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW'
const ENOCH_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop'
const TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n"
const PETER_SIG =
  '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n'
const ENOCH_SIG =
  '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n'
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s)

function verifier(key: string): Verifier {
  const v = parseVerifierKey(key)
  if (typeof v === 'string') throw new Error(v)
  return v
}

describe('verifier keys (note.NewVerifier)', () => {
  test('the published key parses, with its name and hash', () => {
    const v = verifier(PETER_KEY)
    expect(v.name).toBe('PeterNeumann')
    expect(v.keyHash).toBe(0xc74f20a3)
    expect(v.publicKey).toHaveLength(32)
  })

  test('the go command built-in sum.golang.org key parses', () => {
    expect(verifier('sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8').keyHash).toBe(0x033de0ae)
  })

  test('every substring and every one-byte change of the key is refused, as in note_test.go', () => {
    const b = PETER_KEY
    for (let i = 0; i <= b.length; i++) {
      for (let j = i + 1; j <= b.length; j++) {
        if (i === 0 && j === b.length) continue
        expect(typeof parseVerifierKey(b.slice(i, j))).toBe('string')
      }
    }
    for (let i = 0; i < b.length; i++) {
      const mangled = b.slice(0, i) + String.fromCharCode(b.charCodeAt(i) + 1) + b.slice(i + 1)
      expect(typeof parseVerifierKey(mangled)).toBe('string')
    }
  })

  test.each([
    ['PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', 'malformed verifier id'],
    ['PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'unknown verifier algorithm'],
    ['PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', 'invalid verifier hash']
  ])('%s is refused: %s', (key, words) => {
    expect(parseVerifierKey(key)).toEqual(expect.stringContaining(words))
  })

  test('the key hash is SHA-256(name \\n 0x01 key), first 4 bytes big-endian', () => {
    const key = Buffer.from(PETER_KEY.split('+')[2], 'base64')
    const want = createHash('sha256').update('PeterNeumann\n').update(key).digest().readUInt32BE(0)
    expect(noteKeyHash('PeterNeumann', key)).toBe(want)
  })
})

describe('signed notes (note.Open)', () => {
  const peter = verifier(PETER_KEY)
  const enoch = verifier(ENOCH_KEY)

  test('one known signer verifies, the unknown one is listed as unverified', () => {
    const note = openNote(bytes(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter])
    expect(note).toEqual({
      text: TEXT,
      signers: [{ name: 'PeterNeumann', keyHash: 0xc74f20a3 }],
      unverified: [{ name: 'EnochRoot', keyHash: 0xaf0cfe78 }]
    })
  })

  test('both known: both verify', () => {
    const note = openNote(bytes(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [peter, enoch])
    expect(typeof note !== 'string' && note.signers.map(s => s.name)).toEqual(['PeterNeumann', 'EnochRoot'])
  })

  test('no known signer: refused', () => {
    expect(openNote(bytes(`${TEXT}\n${PETER_SIG}${ENOCH_SIG}`), [])).toMatch(/no verifiable signatures/)
  })

  test('a duplicated verifier for the signing key is ambiguous', () => {
    expect(openNote(bytes(`${TEXT}\n${ENOCH_SIG}`), [enoch, peter, enoch])).toMatch(/ambiguous key EnochRoot\+af0cfe78/)
    expect(typeof openNote(bytes(`${TEXT}\n${PETER_SIG}`), [enoch, peter, enoch])).toBe('object')
  })

  test('more than 100 signatures is malformed', () => {
    expect(openNote(bytes(`${TEXT}\n${PETER_SIG.repeat(101)}`), [peter])).toMatch(/malformed note/)
    expect(openNote(bytes(`${TEXT}\n${PETER_SIG.repeat(101)}`), [])).toMatch(/malformed note/)
  })

  test('a changed signature of a known key is an invalid signature', () => {
    const msg = `${TEXT}\n${PETER_SIG.slice(0, 60)}ABCD${PETER_SIG.slice(60)}`
    expect(openNote(bytes(msg), [peter])).toBe('invalid signature for key PeterNeumann+c74f20a3')
  })

  test('a changed text is an invalid signature', () => {
    expect(openNote(bytes(`${TEXT.replace('answer', 'Answer')}\n${PETER_SIG}`), [peter])).toMatch(/invalid signature/)
  })

  test('duplicated verified and unverified signatures are dropped', () => {
    const msg = `${TEXT}\n${PETER_SIG}${PETER_SIG}${ENOCH_SIG}${ENOCH_SIG}${ENOCH_SIG.slice(0, 60)}ABCD${ENOCH_SIG.slice(60)}`
    const note = openNote(bytes(msg), [peter])
    expect(typeof note !== 'string' && [note.signers.length, note.unverified.length]).toEqual([1, 2])
  })

  test.each([
    ['text only', TEXT],
    ['no signature', `${TEXT}\n`],
    ['no final newline', `${TEXT}\n${PETER_SIG.slice(0, -1)}`],
    ['a control character', `\x01${TEXT}\n${PETER_SIG}`],
    ['a name with a space', `${TEXT}\n— Bad Name ${PETER_SIG.split(' ')[2]}`],
    ['an unexpected line', `${TEXT}\n${PETER_SIG}Unexpected line.\n`],
    ['a carriage return', `${TEXT.replace('\n', '\r\n')}\n${PETER_SIG}`],
    ['base64 without padding', `${TEXT}\n${PETER_SIG.replace('=\n', '\n')}`]
  ])('malformed: %s', (_, msg) => {
    expect(openNote(bytes(msg), [peter])).toMatch(/malformed note/)
  })

  test('invalid UTF-8 is malformed', () => {
    expect(openNote(Uint8Array.from([0xff, ...bytes(`${TEXT}\n${PETER_SIG}`)]), [peter])).toMatch(/malformed note/)
  })

  test('a signature line naming the right key under another name, or another hash, is not trusted', () => {
    expect(openNote(bytes(`${TEXT}\n${PETER_SIG.replace('PeterNeumann', 'CarmenSandiego')}`), [peter])).toMatch(
      /no verifiable signatures/
    )
    expect(openNote(bytes(`${TEXT}\n${PETER_SIG.replace('x08g', 'xxxx')}`), [peter])).toMatch(/no verifiable/)
  })

  test('the injected verify function is the one used', () => {
    const calls: number[] = []
    const note = openNote(
      bytes(`${TEXT}\n${PETER_SIG}`),
      [peter],
      (_k, m, s) => (calls.push(m.length, s.length), false)
    )
    expect(note).toMatch(/invalid signature/)
    expect(calls).toEqual([bytes(TEXT).length, 64])
  })

  test('a note signed here with a fresh key verifies (the text including its final newline is signed)', () => {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url')
    const key = Buffer.concat([Buffer.from([1]), raw])
    const hash = noteKeyHash('fresh.example', key)
    const vkey = `fresh.example+${hash.toString(16).padStart(8, '0')}+${key.toString('base64')}`
    const sig = sign(null, Buffer.from(TEXT), privateKey)
    const keyHash = Buffer.alloc(4)
    keyHash.writeUInt32BE(hash)
    const msg = `${TEXT}\n— fresh.example ${Buffer.concat([keyHash, sig]).toString('base64')}\n`
    expect(typeof openNote(bytes(msg), [verifier(vkey)])).toBe('object')
    const notNewline = sign(null, Buffer.from(TEXT.slice(0, -1)), privateKey)
    const bad = `${TEXT}\n— fresh.example ${Buffer.concat([keyHash, notNewline]).toString('base64')}\n`
    expect(openNote(bytes(bad), [verifier(vkey)])).toMatch(/invalid signature/)
  })
})

describe('tree heads (tlog.ParseTree, FormatTree)', () => {
  const golden = 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'

  test('the golden tree head parses and formats back', () => {
    const tree = parseTree(golden)
    expect(typeof tree).toBe('object')
    if (typeof tree === 'string') return
    expect(tree.size).toBe(123456789012)
    expect(formatTree(tree)).toBe(golden)
  })

  test.each([
    ['bad prefix', 'not-a-tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'],
    ['hex size', 'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'],
    ['long hash', 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n'],
    ['leading zero', 'go.sum database tree\n0123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'],
    ['negative', 'go.sum database tree\n-1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n'],
    ['no final newline', 'go.sum database tree\n1\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=']
  ])('%s is refused', (_, text) => {
    expect(typeof parseTree(text)).toBe('string')
  })

  test.each(['extra\n', 'extra\nextra\n', 'extra\n\n'])('extra lines %j are ignored', extra => {
    expect(parseTree(golden + extra)).toEqual(parseTree(golden))
  })
})

describe('tiles (tlog tile.go)', () => {
  test.each([
    ['tile/4/0/001', { H: 4, L: 0, N: 1, W: 16 }],
    ['tile/4/0/001.p/5', { H: 4, L: 0, N: 1, W: 5 }],
    ['tile/3/5/x123/x456/078', { H: 3, L: 5, N: 123456078, W: 8 }],
    ['tile/3/5/x123/x456/078.p/2', { H: 3, L: 5, N: 123456078, W: 2 }],
    ['tile/1/0/x003/x057/500', { H: 1, L: 0, N: 3057500, W: 2 }],
    ['tile/1/data/x003/x057/500', { H: 1, L: -1, N: 3057500, W: 2 }],
    ['tile/8/1/x001/234.p/5', { H: 8, L: 1, N: 1234, W: 5 }]
  ])('%s', (path, tile) => {
    expect(tilePath(tile)).toBe(path)
    expect(parseTilePath(path)).toEqual(tile)
  })

  test.each([
    'tile/3/5/123/456/078',
    'tile/3/-1/123/456/078',
    'tile/8/0/001.p/256',
    'tile/8/0/001.p/0',
    'tile/8/0/1',
    'tile/31/0/001',
    'tiles/8/0/001'
  ])('%s is not a canonical tile path', path => {
    expect(parseTilePath(path)).toBeUndefined()
  })

  test('stored hash indexes split back into level and number (TestSplitStoredHashIndex)', () => {
    for (let l = 0; l < 10; l++) {
      for (let n = 0; n < 100; n++) expect(splitStoredHashIndex(storedHashIndex(l, n))).toEqual([l, n])
    }
  })

  test('stored hash counts: 1, 3, 4, 7 for logs of 1..4 records', () => {
    expect([0, 1, 2, 3, 4, 5, 8].map(storedHashCount)).toEqual([0, 1, 3, 4, 7, 8, 15])
  })

  test('tileForIndex picks the least-width tile of a hash', () => {
    // Record 300 is the 45th hash of tile 1 at level 0; level-8 hash 3 lives in level-1 tile 0.
    expect(tileForIndex(8, storedHashIndex(0, 300))).toEqual({ H: 8, L: 0, N: 1, W: 45 })
    expect(tileForIndex(8, storedHashIndex(8, 3))).toEqual({ H: 8, L: 1, N: 0, W: 4 })
    // A level-2 hash inside a level-0 tile covers 4 entries of it.
    expect(tileForIndex(8, storedHashIndex(2, 1))).toEqual({ H: 8, L: 0, N: 0, W: 8 })
  })

  test('hashFromTile rebuilds the subtree hash from the entries it covers and checks the tile', () => {
    const leaves = Array.from({ length: 8 }, (_, i) => recordHash(bytes(`r${i}`)))
    const data = Buffer.concat(leaves)
    const tile = { H: 3, L: 0, N: 0, W: 8 }
    expect(hashFromTile(tile, data, storedHashIndex(1, 1))).toEqual(nodeHash(leaves[2], leaves[3]))
    expect(() => hashFromTile(tile, data.subarray(0, 7 * 32), storedHashIndex(0, 0))).toThrow(/224 bytes, want 256/)
    expect(() => hashFromTile(tile, data, storedHashIndex(0, 9))).toThrow(/not in/)
  })
})

/** RFC 6962 Merkle tree hash of leaves [lo, hi), from the definition. */
function mth(leaves: Uint8Array[], lo: number, hi: number): Uint8Array {
  if (hi - lo === 1) return leaves[lo]
  let k = 1
  while (k * 2 < hi - lo) k *= 2
  return nodeHash(mth(leaves, lo, lo + k), mth(leaves, lo + k, hi))
}

describe('proofs (tlog.ProveRecord, CheckRecord, ProveTree, CheckTree) against RFC 6962', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => recordHash(bytes(`record ${i}\n`)))
  const reader: HashReader = async indexes =>
    indexes.map(x => {
      const [level, n] = splitStoredHashIndex(x)
      return mth(leaves, n * 2 ** level, (n + 1) * 2 ** level)
    })

  test('the empty tree hashes to SHA-256 of nothing', async () => {
    expect(await treeHash(0, reader)).toEqual(EMPTY_TREE_HASH)
    expect(Buffer.from(EMPTY_TREE_HASH).toString('hex')).toBe(createHash('sha256').digest('hex'))
  })

  test('treeHash equals the RFC 6962 root for every size', async () => {
    for (let t = 1; t <= leaves.length; t++) expect(await treeHash(t, reader)).toEqual(mth(leaves, 0, t))
  })

  test('every record proof checks, and fails for another record, root or leaf', async () => {
    for (const t of [1, 2, 3, 7, 8, 9, 33, 70]) {
      const root = mth(leaves, 0, t)
      for (let n = 0; n < t; n++) {
        const proof = await proveRecord(t, n, reader)
        expect(() => checkRecord(proof, t, root, n, leaves[n])).not.toThrow()
        if (t > 1) {
          expect(() => checkRecord(proof, t, root, n, leaves[(n + 1) % t])).toThrow(/proof|invalid/)
          expect(() => checkRecord(proof, t, leaves[0], n, leaves[n])).toThrow()
        }
      }
      expect(() => checkRecord([], t, root, t, leaves[0])).toThrow(/not in a tree/)
    }
  })

  test('every tree proof checks, and a wrong old root or size fails', async () => {
    for (const t of [1, 2, 5, 8, 13, 64, 70]) {
      for (let n = 1; n <= t; n++) {
        const proof = await proveTree(t, n, reader)
        expect(() => checkTree(proof, t, mth(leaves, 0, t), n, mth(leaves, 0, n))).not.toThrow()
        if (n < t) {
          expect(() => checkTree(proof, t, mth(leaves, 0, t), n, mth(leaves, 0, n + 1))).toThrow()
          expect(() => checkTree(proof, t, mth(leaves, 0, t - 1), n, mth(leaves, 0, n))).toThrow()
        }
      }
    }
  })
})

describe('dirhash.Hash1', () => {
  const h = (s: string): string => createHash('sha256').update(s).digest('hex')
  const htop = (s: string): string => `h1:${createHash('sha256').update(s).digest('base64')}`

  test('the vector of hash_test.go: two files, sorted', () => {
    const want = htop(`${h('data for abc')}  abc\n${h('data for xyz')}  xyz\n`)
    expect(
      hash1([
        { name: 'xyz', sha256: sha256Of('data for xyz') },
        { name: 'abc', sha256: sha256Of('data for abc') }
      ])
    ).toBe(want)
  })

  test('a name with a newline is refused', () => {
    expect(() => hash1([{ name: 'a\nb', sha256: sha256Of('') }])).toThrow(/newline/)
  })

  test('names sort by UTF-8 bytes, not by UTF-16 units', () => {
    // U+FF61 sorts after U+1F600 in UTF-16 (0xFF61 > 0xD83D) but before it in UTF-8 (EF < F0).
    const a = 'p/\uff61'
    const b = 'p/\u{1f600}'
    expect(a > b).toBe(true)
    expect(compareNameBytes(a, b)).toBeLessThan(0)
    const want = htop(`${h('1')}  ${a}\n${h('2')}  ${b}\n`)
    expect(
      hash1([
        { name: b, sha256: sha256Of('2') },
        { name: a, sha256: sha256Of('1') }
      ])
    ).toBe(want)
  })

  test('the go.mod hash is Hash1 over the single name go.mod', () => {
    expect(goModHash('module x\n')).toBe(htop(`${h('module x\n')}  go.mod\n`))
  })
})

describe('lookup answers', () => {
  const record =
    'example.com/m v1.0.0 h1:' + 'A'.repeat(43) + '=\nexample.com/m v1.0.0/go.mod h1:' + 'B'.repeat(43) + '=\n'
  const note = 'go.sum database tree\n3\nhash\n\n— x y\n'

  test('splits id, record text and note', () => {
    const answer = parseLookup(bytes(`2\n${record}\n${note}`))
    expect(typeof answer).toBe('object')
    if (typeof answer === 'string') return
    expect(answer.id).toBe(2)
    expect(new TextDecoder().decode(answer.text)).toBe(record)
    expect(new TextDecoder().decode(answer.treeNote)).toBe(note)
  })

  test.each([
    ['no id line', record],
    ['a non-canonical id', `02\n${record}\n${note}`],
    ['a signed id', `+2\n${record}\n${note}`],
    ['no blank line', `2\n${record}`],
    ['a control character in the record', `2\n\x07${record}\n${note}`]
  ])('refuses %s', (_, body) => {
    expect(typeof parseLookup(bytes(body))).toBe('string')
  })

  test('reads the two hashes of exactly the requested module version', () => {
    expect(recordHashes(bytes(record), 'example.com/m', 'v1.0.0')).toEqual({
      h1: `h1:${'A'.repeat(43)}=`,
      goModH1: `h1:${'B'.repeat(43)}=`
    })
  })

  test.each([
    ['another version', 'example.com/m', 'v1.0.1', /not about example.com\/m@v1.0.1/],
    ['a path prefix', 'example.com', 'v1.0.0', /not about/],
    ['a longer path', 'example.com/m/v2', 'v1.0.0', /not about/]
  ])('refuses a record for %s', (_, path, version, want) => {
    expect(recordHashes(bytes(record), path, version)).toMatch(want)
  })

  test('refuses a record without its go.mod line, with two zip lines, or with a malformed hash', () => {
    const [zip, mod] = record.split('\n')
    expect(recordHashes(bytes(`${zip}\n`), 'example.com/m', 'v1.0.0')).toMatch(/0 .*go.mod h1:" lines/)
    expect(recordHashes(bytes(`${zip}\n${zip}\n${mod}\n`), 'example.com/m', 'v1.0.0')).toMatch(/2 .* lines/)
    expect(recordHashes(bytes(`${zip.slice(0, -2)}=\n${mod}\n`), 'example.com/m', 'v1.0.0')).toMatch(/malformed/)
  })

  test('ignores lines of other hash algorithms for the module (forward compatibility)', () => {
    const withH2 = `${record}example.com/m v1.0.0 h2:whatever\n`
    expect(recordHashes(bytes(withH2), 'example.com/m', 'v1.0.0')).toEqual(
      recordHashes(bytes(record), 'example.com/m', 'v1.0.0')
    )
  })
})
