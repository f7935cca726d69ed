/**
 * `go mod download -json` prints a stream of tab-indented objects, not an array. The parser must hand out each
 * object as soon as it is complete, whatever the chunking, even when a chunk ends inside a string, an escape or a
 * multi-byte UTF-8 character.
 */
import { DownloadJsonParser, parseDownloadJson } from '../../src/warm/download-json.js'

/** Verbatim shape of Go 1.23's output: MarshalIndent with a tab, a newline after each object. */
const SAMPLE = [
  '{',
  '\t"Path": "example.com/a",',
  '\t"Version": "v1.0.0",',
  '\t"Info": "/tmp/gopath/pkg/mod/cache/download/example.com/a/@v/v1.0.0.info",',
  '\t"GoMod": "/tmp/gopath/pkg/mod/cache/download/example.com/a/@v/v1.0.0.mod",',
  '\t"Zip": "/tmp/gopath/pkg/mod/cache/download/example.com/a/@v/v1.0.0.zip",',
  '\t"Dir": "/tmp/gopath/pkg/mod/example.com/a@v1.0.0",',
  '\t"Sum": "h1:N0MfaQJQhGOkD3jYaXED3CKoXefsTI2B9Go4KUHt/kQ=",',
  '\t"GoModSum": "h1:DhNAN5ESgofBjUyC9S2g6VCJUhcIDhtNzG+3JuOOhyg="',
  '}',
  '{',
  '\t"Path": "example.com/b",',
  '\t"Version": "v1.0.0",',
  '\t"Error": "example.com/b@v1.0.0: read \\"http://127.0.0.1:1/example.com/b/@v/v1.0.0.zip\\": unexpected EOF {not a brace}",',
  '\t"Origin": {',
  '\t\t"VCS": "git",',
  '\t\t"Hash": "abc",',
  '\t\t"Ref": "refs/tags/v1.0.0 ünïcødé ✓"',
  '\t}',
  '}',
  ''
].join('\n')

describe('DownloadJsonParser', () => {
  it('parses the stream of objects that go prints (not an array)', () => {
    const objects = parseDownloadJson(SAMPLE)
    expect(objects.map(o => o.Path)).toEqual(['example.com/a', 'example.com/b'])
    expect(objects[0].Zip).toMatch(/v1\.0\.0\.zip$/)
    expect(objects[1].Error).toContain('{not a brace}')
    expect(objects[1].Origin).toEqual({ VCS: 'git', Hash: 'abc', Ref: 'refs/tags/v1.0.0 ünïcødé ✓' })
  })

  it('gives the same objects when the bytes are split at every position', () => {
    const bytes = new TextEncoder().encode(SAMPLE)
    const expected = parseDownloadJson(SAMPLE)
    for (let cut = 0; cut <= bytes.length; cut++) {
      const parser = new DownloadJsonParser()
      const objects = [...parser.push(bytes.subarray(0, cut)), ...parser.push(bytes.subarray(cut)), ...parser.end()]
      expect(objects).toEqual(expected)
      expect(parser.stray).toBe('')
    }
  })

  it('gives the same objects when fed one byte at a time, and hands each out as soon as it closes', () => {
    const bytes = new TextEncoder().encode(SAMPLE)
    const parser = new DownloadJsonParser()
    const firstClose = SAMPLE.indexOf('\n}') + 2
    const seenAt: number[] = []
    for (let i = 0; i < bytes.length; i++) {
      if (parser.push(bytes.subarray(i, i + 1)).length > 0) seenAt.push(i + 1)
    }
    expect(parser.end()).toEqual([])
    expect(seenAt).toHaveLength(2)
    expect(seenAt[0]).toBe(new TextEncoder().encode(SAMPLE.slice(0, firstClose)).length)
  })

  it.each([
    ['empty output (everything cached, no dependencies)', '', 0, ''],
    ['white space only', '\n\t \n', 0, ''],
    ['text outside objects is kept as stray, objects still parse', 'warning: x\n{"Path":"a.b/c"}\n', 1, 'warning:x'],
    [
      'an object cut off by a kill is dropped and kept as stray',
      '{"Path":"a.b/c"}\n{"Path":"a.b/d","Vers',
      1,
      '{"Path":"a.b/d","Vers'
    ],
    ['an object without Path is not a module', '{"Other":1}', 0, '{"Other":1}']
  ])('%s', (_name, input, count, stray) => {
    const parser = new DownloadJsonParser()
    const objects = [...parser.push(input), ...parser.end()]
    expect(objects).toHaveLength(count)
    expect(parser.stray).toBe(stray)
  })

  it('handles escaped quotes and backslashes inside strings', () => {
    const objects = parseDownloadJson('{"Path":"x.y/z","Error":"a \\"}\\" b \\\\"}{"Path":"x.y/w"}')
    expect(objects.map(o => o.Error)).toEqual(['a "}" b \\', undefined])
  })
})
