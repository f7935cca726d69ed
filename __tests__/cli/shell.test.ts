import { afterAll, describe, expect, it } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { quoteFor, renderExports, renderGoEnvW, renderUnset } from '../../src/cli/shell.js'
import { cleanupTempDirs, findGo, goTestEnv, tempDir } from '../support/go.js'

/** Values that break naive quoting in at least one shell; validation lets every one of them through. */
const HOSTILE: Record<string, string> = {
  GOPROXY: 'https://a.example/x|https://b.example/y?q=1&r=2,direct',
  GOSUMDB: 'sum.golang.org https://sum.example/$HOME',
  GOPRIVATE: "*.corp.example,it's.example/`id`",
  GONOPROXY: 'a.example/"quoted" \\back\\slash',
  GONOSUMDB: '[!a-c].example,;rm -rf x;,‘typographic’',
  GOINSECURE: '%PATH%,!bang!,~user,{a,b}'
}

/** Each shell reads the printed lines, then prints the variables NUL-separated, so any byte difference shows. */
function evalIn(shell: 'sh' | 'fish' | 'pwsh', program: string, lines: string[], names: string[]): string[] {
  const print =
    shell === 'pwsh'
      ? names.map(n => `[Console]::Out.Write($env:${n} + [char]0)`).join('; ')
      : names.map(n => `printf '%s\\0' "$${n}"`).join('; ')
  const script = `${lines.join('\n')}\n${print}\n`
  const args = shell === 'pwsh' ? ['-NoProfile', '-NonInteractive', '-Command', script] : ['-c', script]
  const result = spawnSync(program, args, { encoding: 'utf8', timeout: 20_000 })
  expect(result.stderr).toBe('')
  expect(result.status).toBe(0)
  return result.stdout.split('\0').slice(0, names.length)
}

afterAll(cleanupTempDirs)

/** A program on PATH, or undefined (the shells other than sh are optional on this machine). */
function onPath(name: string): string | undefined {
  return (process.env.PATH ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map(dir => join(dir, name))
    .find(file => {
      try {
        accessSync(file, constants.X_OK)
        return true
      } catch {
        return false
      }
    })
}

describe('env output reaches each shell unchanged', () => {
  const names = Object.keys(HOSTILE)
  const expected = Object.values(HOSTILE)

  it('sh: export lines evaluated by the real sh give back every value byte for byte', () => {
    expect(evalIn('sh', 'sh', renderExports(HOSTILE, 'sh'), names)).toEqual(expected)
  })

  it('bash and zsh (what --shell bash/zsh print) get the sh lines: bash evaluates them back byte for byte', () => {
    for (const shell of ['bash', 'zsh'] as const) {
      expect(renderExports(HOSTILE, shell)).toEqual(renderExports(HOSTILE, 'sh'))
      expect(renderGoEnvW(HOSTILE, shell)).toEqual(renderGoEnvW(HOSTILE, 'sh'))
      expect(renderUnset(['GOPROXY'], shell)).toEqual(renderUnset(['GOPROXY'], 'sh'))
    }
    expect(evalIn('sh', 'bash', renderExports(HOSTILE, 'bash'), names)).toEqual(expected)
  })

  it('sh: unset lines remove what export lines set', () => {
    const script = [...renderExports(HOSTILE, 'sh'), ...renderUnset(['GOPROXY', 'GOSUMDB'], 'sh')]
    expect(evalIn('sh', 'sh', script, ['GOPROXY', 'GOSUMDB', 'GOPRIVATE'])).toEqual(['', '', HOSTILE.GOPRIVATE])
    expect(renderUnset(['GOPROXY', 'GOSUMDB'], 'pwsh')).toEqual(['Remove-Item Env:GOPROXY', 'Remove-Item Env:GOSUMDB'])
    expect(renderUnset(['GOPROXY'], 'fish')).toEqual(['set -e GOPROXY'])
    expect(renderUnset(['GOPROXY'], 'cmd')).toEqual(['set GOPROXY='])
  })

  it('sh: a plain value is printed bare, for readability', () => {
    expect(renderExports({ GOPROXY: 'https://goproxy.cn,direct' }, 'sh')).toEqual([
      'export GOPROXY=https://goproxy.cn,direct'
    ])
    expect(renderExports({ GOPROXY: 'https://goproxy.cn|direct' }, 'sh')).toEqual([
      "export GOPROXY='https://goproxy.cn|direct'"
    ])
  })

  const fish = onPath('fish')
  ;(fish ? it : it.skip)(
    `fish: set -gx lines give back every value${fish ? '' : ' (skipped: fish is not installed)'}`,
    () => {
      expect(evalIn('fish', fish!, renderExports(HOSTILE, 'fish'), names)).toEqual(expected)
    }
  )

  const pwsh = onPath('pwsh')
  ;(pwsh ? it : it.skip)(
    `pwsh: $env: lines give back every value${pwsh ? '' : ' (skipped: pwsh is not installed)'}`,
    () => {
      expect(evalIn('pwsh', pwsh!, renderExports(HOSTILE, 'pwsh'), names)).toEqual(expected)
    }
  )

  it('pwsh and fish quoting follow their rules (checked as text where the shell is missing)', () => {
    expect(quoteFor('pwsh', "it's ‘x’")).toBe("'it''s ‘‘x’’'")
    expect(quoteFor('fish', "a'b\\c")).toBe("'a\\'b\\\\c'")
    expect(quoteFor('fish', '%self')).toBe("'%self'")
    expect(renderExports({ GOPROXY: 'https://goproxy.cn|direct' }, 'pwsh')).toEqual([
      "$env:GOPROXY = 'https://goproxy.cn|direct'"
    ])
  })

  it('cmd: set "NAME=value" keeps & | < > ^ literal; % and " are refused rather than printed wrong', () => {
    expect(renderExports({ GOPROXY: 'https://a.example/?x=1&y=2|direct' }, 'cmd')).toEqual([
      'set "GOPROXY=https://a.example/?x=1&y=2|direct"'
    ])
    expect(() => renderExports({ GOINSECURE: '%PATH%' }, 'cmd')).toThrow(/cmd cannot hold "GOINSECURE=%PATH%" safely/)
    expect(() => renderExports({ GONOPROXY: 'a"b' }, 'cmd')).toThrow(/--shell pwsh/)
  })
})

const go = findGo()
describe('go env -w lines, run by sh, write what go then reads', () => {
  it('every value round-trips through GOENV=<temp file> and go env', () => {
    const dir = tempDir('cli-goenvw')
    const env = goTestEnv(dir, { GOENV: join(dir, 'go.env'), GOPROXY: undefined, GOSUMDB: undefined })
    // go env -w takes any text; GOSUMDB with a URL and a |-list are the values the seed guide gets wrong.
    const values = {
      GOPROXY: HOSTILE.GOPROXY,
      GOSUMDB: HOSTILE.GOSUMDB,
      GOPRIVATE: HOSTILE.GOPRIVATE,
      GONOSUMDB: HOSTILE.GONOSUMDB
    }
    const lines = renderGoEnvW(values, 'sh')
    expect(lines[0]).toBe("go env -w 'GOPROXY=https://a.example/x|https://b.example/y?q=1&r=2,direct'")
    const write = spawnSync('sh', ['-c', lines.join('\n')], { env, encoding: 'utf8', timeout: 30_000 })
    expect(write.stderr).toBe('')
    expect(write.status).toBe(0)
    const read = spawnSync(go!, ['env', ...Object.keys(values)], { env, encoding: 'utf8', timeout: 30_000 })
    expect(read.stdout.split('\n').slice(0, 4)).toEqual(Object.values(values))
  })
})
