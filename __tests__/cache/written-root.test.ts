/**
 * Where a restore writes (writtenRoot): the tree whose new files are removed when a restore fails part-way or passes
 * its deadline. A plain path is its own root; a glob pattern (the modules entry's paths) writes under the directories
 * before its first glob segment.
 */
import { join } from 'node:path'
import { moduleEntryPaths } from '../../src/cache/phase.js'
import { writtenRoot } from '../../src/cache/restore-worker.js'

describe('writtenRoot', () => {
  test.each([
    ['/runner/go/pkg/mod/cache/download', '/runner/go/pkg/mod/cache/download'],
    ['/runner/go/pkg/mod/cache/download/**/*.zip', '/runner/go/pkg/mod/cache/download'],
    ['/runner/cache/*.tzst', '/runner/cache'],
    ['/runner/cache/v?', '/runner/cache'],
    ['/runner/cache/[ab]/x', '/runner/cache'],
    ['/runner/cache/{a,b}/x', '/runner/cache'],
    ['/**/*.zip', '/'],
    ['*.zip', '.'],
    ['relative/dir/**/*.mod', 'relative/dir'],
    ['D:\\a\\_work\\go\\pkg\\mod\\cache\\download\\**\\*.zip', 'D:\\a\\_work\\go\\pkg\\mod\\cache\\download'],
    ['D:\\**\\*.zip', 'D:\\']
  ])('%s writes under %s', (path, root) => {
    expect(writtenRoot(path)).toBe(root)
  })

  test("the modules entry's paths all write under the download tree", () => {
    const download = join('/runner', 'go', 'pkg', 'mod', 'cache', 'download')
    expect(new Set(moduleEntryPaths(download).map(writtenRoot))).toEqual(new Set([download]))
  })
})
