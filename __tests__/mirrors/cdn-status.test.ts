/**
 * Defect 4: CDN storage behind real mirrors answers non-standard statuses during incidents (478, 573, 579, 599).
 * They are transient server errors: the forwarder, the probe and the Go install ask again.
 */
import { mod, MOD, storageBed } from './storage-bed.js'

const { storage, forwarder, get, probe, toolchainList } = storageBed()

describe('defect 4: non-standard statuses from CDN storage are transient server errors', () => {
  test.each([478, 573, 579, 599])('%i once, then the object: the forwarder retries and serves it', async status => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? status : undefined) })
    const f = await forwarder(s.url)
    const got = await get(`${f.url}/${MOD}`)
    expect(got.status).toBe(200)
    expect(got.body.toString('utf8')).toBe(mod.mod)
    expect(s.requests.map(r => r.status)).toEqual([status, 200])
  })

  test.each([478, 599])('%i once, then the list: the probe asks again and the proxy works', async status => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? status : undefined) })
    const outcome = await probe({ proxies: s.url, sumdb: 'off' })
    expect(outcome.report.proxies[0]).toMatchObject({ status: 'ok' })
  })

  test('478 once, then the answer: the Go install retries', async () => {
    const s = await storage({ statusFor: (_key, nth) => (nth === 1 ? 478 : undefined) })
    const result = await toolchainList(s.url)
    expect(result.ok).toBe(true)
  })
})
