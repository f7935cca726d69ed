/**
 * The loopback cache service itself (support/cache-service.ts, the stand-in for GitHub's cache-service API, which
 * exists only on GitHub): two services on one Azurite keep their entries apart. The cache benchmark runs the action
 * and setup-go's strategy against two services sharing one Azurite; when both named their first blob `entry-1`, the
 * second upload replaced the first, and a job restored the other side's archive.
 */
import { startAzurite, startCacheService, type Azurite, type CacheService } from '../support/cache-service.js'
import { cleanupTempDirs } from '../support/go.js'

const SERVICE = 'github.actions.results.api.v1.CacheService'

async function call(service: CacheService, method: string, body: Record<string, unknown>) {
  const response = await fetch(`${service.url}twirp/${SERVICE}/${method}`, {
    method: 'POST',
    headers: { authorization: 'Bearer test-runtime-token', 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
  return (await response.json()) as Record<string, string | boolean>
}

/** Stores `content` under `key` the way the library does: reserve, upload to the signed URL, finalize. */
async function store(service: CacheService, key: string, content: string): Promise<void> {
  const created = await call(service, 'CreateCacheEntry', { key, version: 'v' })
  expect(created.ok).toBe(true)
  const upload = await fetch(String(created.signed_upload_url), {
    method: 'PUT',
    headers: { 'x-ms-blob-type': 'BlockBlob' },
    body: content
  })
  expect(upload.status).toBe(201)
  const finalized = await call(service, 'FinalizeCacheEntryUpload', { key, version: 'v', size_bytes: content.length })
  expect(finalized.ok).toBe(true)
}

async function fetchEntry(service: CacheService, key: string): Promise<string> {
  const found = await call(service, 'GetCacheEntryDownloadURL', { key, version: 'v', restore_keys: [] })
  expect(found.ok).toBe(true)
  return (await fetch(String(found.signed_download_url))).text()
}

describe('the loopback cache service (Azurite for the blobs)', () => {
  let azurite: Azurite
  const services: CacheService[] = []

  beforeAll(async () => {
    azurite = await startAzurite()
    services.push(await startCacheService(azurite), await startCacheService(azurite))
  }, 60_000)

  afterAll(async () => {
    await Promise.all([...services.map(s => s.close()), azurite?.close()])
    await cleanupTempDirs()
  })

  test('two services on one Azurite: each restores its own entry, not the other one written after it', async () => {
    const [first, second] = services
    await store(first, 'same-key', 'the first service’s archive')
    await store(second, 'same-key', 'the second service’s archive')
    expect(await fetchEntry(first, 'same-key')).toBe('the first service’s archive')
    expect(await fetchEntry(second, 'same-key')).toBe('the second service’s archive')
    expect(first.entries[0].blob).not.toBe(second.entries[0].blob)
  }, 60_000)
})
