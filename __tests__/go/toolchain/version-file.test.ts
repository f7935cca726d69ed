/** go-version-file parsers: go.mod, go.work, .go-version, .tool-versions. */
import { parseGoModVersion, parseVersionFile, type VersionFileRequest } from '../../../src/go/toolchain/version-file.js'
import { inputError } from '../../support/input-error.js'

describe('parseVersionFile', () => {
  test.each<[string, string, VersionFileRequest]>([
    [
      'go.mod',
      'module example.com/m\n\ngo 1.22\n',
      { request: { kind: 'line', line: '1.22' }, value: '1.22', line: 3 }
    ],
    [
      'go.mod',
      'module example.com/m\n\ngo 1.22.3\n',
      { request: { kind: 'exact', version: '1.22.3' }, value: '1.22.3', line: 3 }
    ],
    [
      'go.mod',
      'module example.com/m\n\ngo 1.22.0\n\ntoolchain go1.23.5\n',
      { request: { kind: 'exact', version: '1.23.5' }, value: 'go1.23.5', line: 5 }
    ],
    [
      'go.mod',
      '// toolchain go1.99.0 is only a comment\nmodule m\ngo 1.21 // the minimum\n',
      { request: { kind: 'line', line: '1.21' }, value: '1.21', line: 3 }
    ],
    [
      'go.mod',
      '\uFEFFmodule m\r\n\r\ngo 1.23rc1\r\n',
      { request: { kind: 'exact', version: '1.23rc1' }, value: '1.23rc1', line: 3 }
    ],
    [
      'go.mod',
      'module m\n\ngo 1.22\n\nrequire (\n\tgolang.org/x/mod v0.20.0\n)\n',
      { request: { kind: 'line', line: '1.22' }, value: '1.22', line: 3 }
    ],
    [
      'project/go.work',
      'go 1.23.1\n\ntoolchain go1.23.4\n\nuse ./a\n',
      { request: { kind: 'exact', version: '1.23.4' }, value: 'go1.23.4', line: 3 }
    ],
    ['.go-version', '1.23.5\n', { request: { kind: 'exact', version: '1.23.5' }, value: '1.23.5', line: 1 }],
    [
      'C:\\src\\.go-version',
      '# pinned\n\n  1.22  \n',
      { request: { kind: 'line', line: '1.22' }, value: '1.22', line: 3 }
    ],
    ['.go-version', 'stable', { request: { kind: 'stable' }, value: 'stable', line: 1 }],
    [
      '.tool-versions',
      'nodejs 24.1.0\ngolang 1.23.5 1.22.0 # fallback\n',
      { request: { kind: 'exact', version: '1.23.5' }, value: '1.23.5', line: 2 }
    ],
    ['x/.tool-versions', '# tools\ngo 1.23\n', { request: { kind: 'line', line: '1.23' }, value: '1.23', line: 2 }],
    ['versions.txt', '^1.22\n', { request: { kind: 'range', range: '^1.22' }, value: '^1.22', line: 1 }]
  ])('%s %j', (file, text, want) => {
    expect(parseVersionFile(file, text)).toEqual(want)
  })

  test.each([
    ['go.mod', 'module m\n', /go\.mod has neither a toolchain nor a go line/],
    ['go.mod', 'module m\n\ngo\n', /go\.mod line 3: "go": usage: go 1\.23/],
    ['go.mod', 'module m\ngo 1.22 1.23\n', /go\.mod line 2: "go 1\.22 1\.23": usage: go 1\.23/],
    ['go.mod', 'go 1.22\ngo 1.23\n', /go\.mod line 2: "go 1\.23": repeated go statement/],
    ['go.work', 'go 1.22\ntoolchain go1.23.1\ntoolchain go1.23.2\n', /go\.work line 3: .*repeated toolchain statement/],
    ['go.mod', 'module m\ngo go1.22\n', /go\.mod line 2: go line "go1\.22" must not start with "go"/],
    ['go.mod', 'module m\ngo 1.22\ntoolchain go1.21.3-corp\n', /go\.mod line 3: toolchain "go1\.21\.3-corp"/],
    ['go.mod', 'module m\ngo 1.22\ntoolchain default\n', /line 3: toolchain "default" is not a published/],
    ['go.mod', 'module m\ngo 1.22\ntoolchain go1.x\n', /go\.mod line 3\)': "go1\.x" is not a Go version/],
    ['go.work', 'go banana\n', /go\.work line 1\)': "banana" is neither/],
    ['.go-version', '\n# nothing\n', /\.go-version is empty/],
    ['.go-version', 'latest\n', /\.go-version line 1\)': "latest"/],
    ['.tool-versions', 'nodejs 24.1.0\n', /\.tool-versions has no golang line/],
    ['.tool-versions', 'golang\n', /\.tool-versions line 1: "golang" has no version/],
    ['.tool-versions', 'golang system\n', /line 1: "system" is not a Go version this action can install/],
    ['.tool-versions', 'golang ref:abc123\n', /"ref:abc123" is not a Go version/]
  ])('%s %j is refused, naming the file and line', (file, text, message) => {
    const error = inputError(() => parseVersionFile(file, text))
    expect(error.input).toMatch(/^go-version-file/)
    expect(error.message).toMatch(message)
  })

  test('read with the modfile grammar the warm plan uses: comments, quoted strings, blocks', () => {
    const text =
      'module "example.com/m" // the module\n// go 1.99\nrequire (\n\tgo.example/x v1.0.0\n)\ngo 1.22 // min\n'
    expect(parseGoModVersion('go.mod', text)).toMatchObject({ value: '1.22', line: 6 })
  })
})
