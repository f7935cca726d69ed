/**
 * A go first on PATH that records the environment it was started with, then runs the real go: for the tests that
 * check what the action hands go (no INPUT_* variable, no secret). It is a Go program built with the go under test,
 * so it runs on every OS CI uses: a `#!/bin/sh` script named `go` would not run on Windows, where PATH finds only
 * `go.exe`, and the test would then see the real go's silence instead of failing.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { findGo, goTestEnv, runGo, tempDir } from './go.js'

/**
 * Builds the shim into `dir` (as `go`, `go.exe` on Windows): each run writes its environment, a `NAME=value` line
 * each, to `<seen>/go.<pid>.env` and then runs `real` with the same arguments, streams and exit code.
 */
export async function envRecordingGo(dir: string, seen: string, real: string = findGo()): Promise<void> {
  const src = tempDir('go-shim-src')
  mkdirSync(dir, { recursive: true })
  mkdirSync(seen, { recursive: true })
  writeFileSync(join(src, 'go.mod'), 'module example.com/goshim\n\ngo 1.21\n')
  // JSON string escapes are Go string escapes too: the paths go in as literals (no -ldflags quoting on Windows).
  writeFileSync(
    join(src, 'main.go'),
    `package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

func main() {
	if f, err := os.Create(filepath.Join(${JSON.stringify(seen)}, fmt.Sprintf("go.%d.env", os.Getpid()))); err == nil {
		for _, kv := range os.Environ() {
			fmt.Fprintln(f, kv)
		}
		f.Close()
	}
	cmd := exec.Command(${JSON.stringify(real)}, os.Args[1:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			os.Exit(exit.ExitCode())
		}
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
`
  )
  await buildGoProgram(src, join(dir, process.platform === 'win32' ? 'go.exe' : 'go'), real)
}

/**
 * A stand-in go in `dir` (`go`, `go.exe` on Windows) that prints `stdout` and exits 0 whatever it is asked: a Go
 * program, so it runs on every OS (a `#!/bin/sh` stand-in does not run on Windows).
 */
export async function standInGo(dir: string, stdout: string, builder: string = findGo()): Promise<void> {
  const src = tempDir('go-stand-in-src')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(src, 'go.mod'), 'module example.com/goshim\n\ngo 1.21\n')
  writeFileSync(
    join(src, 'main.go'),
    `package main\n\nimport "os"\n\nfunc main() { os.Stdout.WriteString(${JSON.stringify(stdout)}) }\n`
  )
  await buildGoProgram(src, join(dir, process.platform === 'win32' ? 'go.exe' : 'go'), builder)
}

/** `go build -o out` in `src` with the go `builder`, or throws with go's words. */
async function buildGoProgram(src: string, out: string, builder: string): Promise<void> {
  const build = await runGo(['build', '-o', out, '.'], {
    cwd: src,
    env: goTestEnv(src),
    go: builder,
    timeoutMs: 120_000
  })
  if (build.code !== 0) throw new Error(`building ${out} failed: ${build.stderr}`)
}
