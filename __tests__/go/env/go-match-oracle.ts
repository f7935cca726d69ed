/**
 * The real Go as an oracle for pattern matching: a tiny program built at test time from
 * the installed Go's own sources (stdlib path.Match, and MatchPrefixPatterns copied
 * verbatim out of $GOROOT/src/cmd/vendor/golang.org/x/mod/module/module.go), answering
 * queries over a pipe. Strings travel as hex-encoded UTF-8, so nothing is lost in transit.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { goTestEnv, runGo, tempDir } from '../../support/go.js'

/** What Go answered for one query. */
export interface GoAnswer {
  readonly match: boolean
  /** path.Match returned ErrBadPattern (always false for MatchPrefixPatterns, which swallows it). */
  readonly badPattern: boolean
}

export type GoQuery = readonly ['match' | 'prefix', string, string]

const MAIN_GO = `package main

import (
	"bufio"
	"encoding/hex"
	"os"
	"path"
	"strings"
)

func main() {
	in := bufio.NewReaderSize(os.Stdin, 1<<16)
	out := bufio.NewWriter(os.Stdout)
	for {
		line, readErr := in.ReadString('\\n')
		if line == "" && readErr != nil {
			break
		}
		f := strings.Split(strings.TrimSuffix(line, "\\n"), " ")
		a, _ := hex.DecodeString(f[1])
		b, _ := hex.DecodeString(f[2])
		var matched bool
		var err error
		if f[0] == "match" {
			matched, err = path.Match(string(a), string(b))
		} else {
			matched = MatchPrefixPatterns(string(a), string(b))
		}
		answer := []byte("00\\n")
		if matched {
			answer[0] = '1'
		}
		if err != nil {
			answer[1] = '1'
		}
		out.Write(answer)
		if in.Buffered() == 0 {
			out.Flush()
		}
	}
	out.Flush()
}
`

/** Cuts `func MatchPrefixPatterns(...) {...}` out of Go's module.go: from its signature to the first `}` in column 0. */
export function extractMatchPrefixPatterns(moduleGo: string): string {
  const start = moduleGo.indexOf('\nfunc MatchPrefixPatterns(')
  if (start < 0) throw new Error('func MatchPrefixPatterns not found in module.go')
  const end = moduleGo.indexOf('\n}\n', start)
  if (end < 0) throw new Error('end of MatchPrefixPatterns not found in module.go')
  return moduleGo.slice(start + 1, end + 3)
}

/** A running oracle process. */
export class GoMatchOracle {
  private readonly waiting: Array<(line: string) => void> = []
  private buffered = ''
  private exited = false

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (data: string) => {
      this.buffered += data
      let newline: number
      while ((newline = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, newline)
        this.buffered = this.buffered.slice(newline + 1)
        this.waiting.shift()?.(line)
      }
    })
    child.on('exit', () => {
      this.exited = true
      for (const resolve of this.waiting.splice(0)) resolve('exited')
    })
  }

  /**
   * Builds the oracle with the go found by the support library (own GOPATH, shared GOCACHE,
   * GOTOOLCHAIN=local, GOENV=off) and starts it.
   */
  static async start(): Promise<GoMatchOracle> {
    const root = tempDir('match-oracle')
    const env = goTestEnv(root)
    const goroot = await runGo(['env', 'GOROOT'], { cwd: root, env, timeoutMs: 30_000 })
    if (goroot.code !== 0) throw new Error(`go env GOROOT failed: ${goroot.stderr}`)
    const moduleGo = readFileSync(
      join(goroot.stdout.trim(), 'src', 'cmd', 'vendor', 'golang.org', 'x', 'mod', 'module', 'module.go'),
      'utf8'
    )
    const source = `${MAIN_GO}\n// Copied from $GOROOT/src/cmd/vendor/golang.org/x/mod/module/module.go at test time.\n${extractMatchPrefixPatterns(moduleGo)}`
    writeFileSync(join(root, 'main.go'), source)
    writeFileSync(join(root, 'go.mod'), 'module oracle\n\ngo 1.21\n')
    const binary = join(root, process.platform === 'win32' ? 'oracle.exe' : 'oracle')
    const build = await runGo(['build', '-o', binary, '.'], { cwd: root, env, timeoutMs: 120_000 })
    if (build.code !== 0) throw new Error(`building the oracle failed:\n${build.stderr}`)
    return new GoMatchOracle(spawn(binary, [], { cwd: root, env, stdio: ['pipe', 'pipe', 'pipe'] }))
  }

  /** Answers every query, in order, in one round trip. */
  ask(queries: readonly GoQuery[]): Promise<GoAnswer[]> {
    if (this.exited) return Promise.reject(new Error('the Go oracle has exited'))
    const answers = queries.map(
      () =>
        new Promise<GoAnswer>((resolve, reject) => {
          this.waiting.push(line => {
            if (!/^[01][01]$/.test(line)) reject(new Error(`unexpected oracle answer ${JSON.stringify(line)}`))
            resolve({ match: line[0] === '1', badPattern: line[1] === '1' })
          })
        })
    )
    const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex')
    this.child.stdin.write(queries.map(([op, a, b]) => `${op} ${hex(a)} ${hex(b)}\n`).join(''))
    return Promise.all(answers)
  }

  /** Closes stdin (the oracle exits at end of input) and waits; kills it if it lingers. */
  async stop(): Promise<void> {
    if (this.exited) return
    const exited = new Promise<void>(resolve => this.child.once('exit', () => resolve()))
    this.child.stdin.end()
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(timer)
  }
}
