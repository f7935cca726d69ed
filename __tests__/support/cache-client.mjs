/**
 * The real @actions/cache library as another action (actions/setup-go, actions/cache) calls it, in a process of its
 * own so that a test can run it as a non-root user (GNU tar behaves differently for root):
 *
 *   node cache-client.mjs restore <key> <path>...   → prints `RESULT {"matchedKey": ...}`
 *   node cache-client.mjs save <key> <path>...      → prints `RESULT {"cacheId": ...}`
 *
 * setup-go's restore is exactly `restoreCache([GOMODCACHE, GOCACHE], key)` (no restore keys) and its save
 * `saveCache([GOMODCACHE, GOCACHE], key)`; the library logs its failures as warnings and returns, as it does there.
 */
import * as cache from '@actions/cache'

const [op, key, ...paths] = process.argv.slice(2)
if (op === 'restore') {
  const matchedKey = await cache.restoreCache(paths, key)
  console.log(`RESULT ${JSON.stringify({ matchedKey: matchedKey ?? null })}`)
} else if (op === 'save') {
  const cacheId = await cache.saveCache(paths, key)
  console.log(`RESULT ${JSON.stringify({ cacheId })}`)
} else {
  console.error(`usage: cache-client.mjs restore|save <key> <path>...`)
  process.exit(2)
}
