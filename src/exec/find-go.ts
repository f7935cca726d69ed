import { constants } from 'node:fs'
import { access, stat } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

/** A second place to look for go when PATH has none (the action passes the runner's tool cache). */
export type GoLookup = () => Promise<string | undefined> | string | undefined

/**
 * The go binary: the first `go` on PATH (with PATHEXT on Windows), else whatever `extraLookup`
 * finds; undefined when there is none. A plain PATH walk keeps @actions/* out of the CLI bundle.
 */
export async function findGo(
  extraLookup?: GoLookup,
  env: Readonly<Record<string, string | undefined>> = process.env
): Promise<string | undefined> {
  const windows = process.platform === 'win32'
  const names = windows
    ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM')
        .split(';')
        .filter(Boolean)
        .map(ext => `go${ext.toLowerCase()}`)
    : ['go']
  for (const dir of (env.PATH ?? env.Path ?? '').split(delimiter)) {
    if (dir === '') continue
    for (const name of names) {
      const candidate = join(dir, name)
      if (await isExecutable(candidate, windows)) return candidate
    }
  }
  return (await extraLookup?.()) ?? undefined
}

async function isExecutable(path: string, windows: boolean): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false
    if (!windows) await access(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}
