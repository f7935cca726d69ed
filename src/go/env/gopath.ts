import { delimiter, join } from 'node:path'

/** `$GOPATH/bin` as the go command defaults it: the first GOPATH entry, else `<home>/go`. */
export function goPathBin(env: Readonly<Record<string, string | undefined>>, home: string): string {
  const first = (env.GOPATH ?? '').split(delimiter).find(p => p !== '')
  return join(first ?? join(home, 'go'), 'bin')
}
