/**
 * Checksum database traffic through the forwarder (`/sumdb/<name>/...`). Like Go, the
 * first proxy whose `supported` answers 200 serves every later request for that database;
 * when none does, the forwarder forwards to the database itself (`sumdb.url`, where Go
 * would have gone) with the same timeouts and retries. Go verifies the signed tree either
 * way, so routing never weakens verification; GONOSUMDB lookups are refused outright.
 */
import type { Logger } from '../../host/logger.js'
import { matchesPrefixPatterns } from '../../go/env/patterns.js'
import type { SumdbConfig } from '../../go/sumdb/config.js'
import { decodeModule, joinUrl } from './paths.js'
import type { Outcome, Upstream } from './types.js'
import { isFailing } from './health.js'
import { toOutcome } from './judgement.js'
import { triesFor, walkTargets, type WalkContext } from './walk.js'
import { CLOSED, type AttemptResult } from './upstream.js'

/** Where one database's traffic goes: a proxy, the database itself, or the failure that kept the walk from deciding. */
type Route = Upstream | 'database' | Outcome

/** The checksum database settings the routing needs on top of the walk's. */
export interface SumdbRouting {
  readonly sumdb: SumdbConfig
  /** Effective GONOSUMDB: lookups of such modules are refused (the go command does not send them; asserted). */
  readonly gonosumdb: string
  readonly log: Logger
}

/**
 * A handler for checksum database requests: `rest` is the path after `sumdb/`. The route
 * per database is decided once (by the first request) and shared by concurrent requests.
 */
export function createSumdbHandler(
  ctx: WalkContext,
  routing: SumdbRouting
): (rest: string, signal: AbortSignal) => Promise<AttemptResult | Outcome> {
  const { sumdb, gonosumdb, log } = routing
  /** Where checksum database traffic goes once `supported` was answered: a proxy, or the database itself. */
  const routes = new Map<string, Promise<Route>>()

  const route = (name: string, signal: AbortSignal): Promise<Route> => {
    const known = routes.get(name)
    if (known) return known
    const walk = (async (): Promise<Route> => {
      const live = ctx.upstreams.filter(u => !u.health.dropped)
      const targets = live.map((u, i) => ({
        u,
        url: joinUrl(u.base, `sumdb/${name}/supported`),
        credentials: u.credentials,
        tries: triesFor(ctx, u, i === live.length - 1)
      }))
      const walked = await walkTargets(ctx, targets, 'sumdb', signal)
      if (walked.kind === 'use') return walked.target.u ?? 'database'
      if (walked.kind === 'aborted') return walked.outcome
      // A `,` stopped the walk at an error: go fails too. Every proxy said not found (or erred after `|`): the database.
      return walked.why === 'stop' && walked.report ? walked.report : 'database'
    })()
    routes.set(name, walk)
    // A failed walk is not remembered: the next attempt of the go command asks again.
    void walk.then(r => {
      if (typeof r === 'object' && 'status' in r) routes.delete(name)
    })
    return walk
  }

  return async (rest, signal) => {
    const [name, ...tail] = rest.split('/')
    const sub = tail.join('/')
    if (sumdb.kind !== 'db' || name !== sumdb.name) {
      return {
        status: 404,
        notFound: true,
        text: `setup-goproxy forwarder: checksum database ${name} is not the configured one`
      }
    }
    if (sub.startsWith('lookup/')) {
      const module = decodeModule(sub.slice('lookup/'.length).replace(/@[^@]*$/, ''))
      if (module !== undefined && matchesPrefixPatterns(gonosumdb, module)) {
        log.warning(
          `Warm phase: the go command asked the checksum database about ${module}, which GONOSUMDB exempts; refused.`
        )
        return {
          status: 403,
          notFound: false,
          text: `setup-goproxy forwarder: ${module} matches GONOSUMDB; not sent to the checksum database`
        }
      }
    }
    const chosen = await route(name, signal)
    if (typeof chosen === 'object' && 'status' in chosen) return chosen
    if (sub === 'supported')
      return { type: 'complete', status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.alloc(0) }
    const url = chosen === 'database' ? joinUrl(new URL(sumdb.url), sub) : joinUrl(chosen.base, `sumdb/${name}/${sub}`)
    const upstream = chosen === 'database' ? undefined : chosen
    const credentials = chosen === 'database' ? ctx.credentialsFor(url.href) : chosen.credentials
    // Go never falls back once a proxy serves the database: neither does the forwarder.
    const tries = upstream && isFailing(upstream, ctx.attempts) ? 1 : ctx.attempts
    const walked = await walkTargets(ctx, [{ u: upstream, url, credentials, tries }], 'sumdb', signal)
    if (walked.kind === 'use') return walked.result
    if (walked.kind === 'aborted') return walked.outcome
    const failed = walked.report
    if (!failed) return toOutcome(upstream, CLOSED, 'permanent', 0, url)
    return failed
  }
}
