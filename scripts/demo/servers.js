/**
 * The demo's loopback world is the test suite's own (__tests__/support/): the GOPROXY server the tests run
 * (goproxy-server.ts), their checksum database (sumdb-server.ts, a fresh key), the blackhole and the refusing port.
 * The TypeScript is loaded through the benchmarks' hooks (bench/support/ts-hooks.mjs), so the demo shows the
 * servers the tests trust, not a copy of them. Everything listens on 127.0.0.1 only; close() destroys every open
 * socket, so nothing outlives the demo.
 */
import { register } from 'node:module'
import { MODULES, PROBE_MODULE } from './modules.js'

register('../../bench/support/ts-hooks.mjs', import.meta.url)
const proxies = await import('../../__tests__/support/goproxy-server.ts')
const { startSumdb } = await import('../../__tests__/support/sumdb-server.ts')

/** A checksum database for the demo modules, as the tests start one (its own name and key). */
export function startChecksumDatabase() {
  return startSumdb({
    records: MODULES.map(m => ({ path: m.path, version: m.version, h1: m.sum, goModH1: m.goModSum }))
  })
}

/**
 * A GOPROXY server for the demo modules and the probe module, with the test server's behaviour options.
 * @param {{ latencyMs?: number, sumdb?: { name: string, url: string } }} options `sumdb`: serve that database
 *   under /sumdb/<name>/ (as goproxy.cn serves sum.golang.org)
 */
export async function startProxy(options = {}) {
  const proxy = await proxies.startProxy({
    modules: [...MODULES, ...PROBE_MODULE.modules],
    ...(options.latencyMs ? { latencyMs: options.latencyMs } : {}),
    ...(options.sumdb ? { sumdbSupported: [options.sumdb.name], sumdbTarget: options.sumdb.url } : {})
  })
  return { url: proxy.url, requests: () => proxy.requests.length, close: () => proxy.close() }
}

/** Accepts TCP connections and never reads or writes: the proxy that hangs go mod download forever over http. */
export async function startBlackhole() {
  const hole = await proxies.startBlackhole()
  return { url: hole.url, requests: () => hole.accepted, close: () => hole.close() }
}

/** A loopback port nothing listens on: connecting is refused at once. */
export async function refusingUrl() {
  return `http://127.0.0.1:${await proxies.startRefusingPort()}`
}
