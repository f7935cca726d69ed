/**
 * One proxy host that does not resolve fails every request the same way: the forwarder's debug log says so once per
 * host and error, with a count when the phase ends, instead of once per request. (The tests' DNS guard makes every
 * name but localhost fail with ENOTFOUND, as an unresolvable name does.)
 */
import { describe, expect, it } from '@jest/globals'
import http from 'node:http'
import { startForwarder } from '../../../src/warm/forwarder/forwarder.js'
import { repeatedDebug } from '../../../src/warm/forwarder/repeats.js'
import { defineModule } from '../../support/modules.js'
import { captureLogger, chainOf, SUMDB_OFF } from '../warm-helpers.js'

const modules = [1, 2, 3, 4, 5].map(i => defineModule({ path: `example.com/dns${i}`, version: 'v1.0.0' }))

/** GET through the forwarder with a hard deadline; resolves to the status. */
function get(base: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const { hostname, port, pathname } = new URL(base)
    const req = http.get({ hostname, port, path: `${pathname}/${path}`, agent: false }, res => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.setTimeout(15_000, () => req.destroy(new Error('test client timeout')))
    req.on('error', reject)
  })
}

describe('repeatedDebug', () => {
  it('logs the first line of each group at once and one count line per repeated group at the end', () => {
    const log = captureLogger()
    const lines = repeatedDebug(log)
    for (let i = 1; i <= 5; i++) lines.note('a.example: no such host', `a.example: no such host; retrying (${i}/5)`)
    lines.note('b.example: refused', 'b.example: refused; retrying (1/5)')
    lines.flush()
    expect(log.lines).toEqual([
      'debug: a.example: no such host; retrying (1/5) (the same failure again is counted, not repeated)',
      'debug: b.example: refused; retrying (1/5) (the same failure again is counted, not repeated)',
      'debug: a.example: no such host: 5 times in all during the warm phase'
    ])
  })
})

describe('the forwarder groups repeated retry lines', () => {
  it('an unresolvable host, five requests: one line for host and error, and its count at the end', async () => {
    const log = captureLogger()
    const forwarder = await startForwarder({
      chain: chainOf([['http://nowhere.invalid']]),
      sumdb: SUMDB_OFF,
      gonoproxy: '',
      gonosumdb: '',
      requestTimeoutMs: 2000,
      attemptsPerRequest: 3,
      backoffMs: 1,
      log
    })
    try {
      for (const m of modules)
        expect(await get(forwarder.url, `${m.path}/@v/${m.version}.mod`)).toBeGreaterThanOrEqual(500)
    } finally {
      await forwarder.close()
    }
    const about = log.lines.filter(line => line.startsWith('debug:') && line.includes('nowhere.invalid'))
    // The first retry is logged as it happens; every later one of the same host and error only counted.
    expect(about).toHaveLength(2)
    expect(about[0]).toMatch(/retrying \(1\/3\)/)
    const count = /^debug: Warm phase: http:\/\/nowhere\.invalid .*: (\d+) times in all during the warm phase$/.exec(
      about[1]
    )
    expect(Number(count?.[1])).toBeGreaterThanOrEqual(2)
  })
})
