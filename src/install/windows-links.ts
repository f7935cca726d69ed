/**
 * The links actions/setup-go makes on hosted Windows after installing into the tool cache on D: (its
 * `cacheWindowsDir`): the version's directory as a junction, and its `.complete` marker as a file link, under the
 * default C: tool cache, so setup-go (and @actions/tool-cache's `find`) see the install where they look. Runs only
 * where src/cache/placement.ts moved the tool cache, i.e. only on GitHub's hosted Windows.
 */
import { mkdir, symlink } from 'node:fs/promises'
import { dirname } from 'node:path'
import type { Logger } from '../host/logger.js'

/** Links `goroot` (under `root`, on D:) from the same place under `linkedFrom` (C:); an existing link is kept. */
export async function linkFromDefaultToolCache(
  goroot: string,
  place: { readonly root: string; readonly linkedFrom: string },
  log: Logger
): Promise<void> {
  if (!goroot.startsWith(place.root)) return
  const linked = place.linkedFrom + goroot.slice(place.root.length)
  try {
    await mkdir(dirname(linked), { recursive: true })
    await symlink(goroot, linked, 'junction')
    await symlink(`${goroot}.complete`, `${linked}.complete`, 'file')
    log.info(`Created link ${linked} => ${goroot}`)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return
    // The install itself is complete on D:: a missing link costs setup-go a download, never this job its Go.
    log.warning(`Could not link ${linked} to ${goroot}: ${(error as Error).message}`)
  }
}
