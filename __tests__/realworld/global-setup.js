/**
 * The real-world suite's global setup: the test bundle as for every suite, then the machine's real module proxy and
 * checksum database from `go env GOPROXY GOSUMDB` (the address is read here, at run time, and never written down).
 * No usable proxy (an offline laptop, GOPROXY=direct or off): the suite fails saying how to leave it out explicitly.
 * The proxy's host is then the one name the DNS guard lets through (SETUP_GOPROXY_TEST_ALLOW_HOSTS).
 */
import { execFileSync } from 'node:child_process'
import globalSetup from '../support/global-setup.js'

const OFF = 'SETUP_GOPROXY_REALWORLD=off'

export default async function realWorldSetup() {
  await globalSetup()
  const go = process.env.SETUP_GOPROXY_TEST_GO || 'go'
  let values
  try {
    values = JSON.parse(
      execFileSync(go, ['env', '-json', 'GOPROXY', 'GOSUMDB'], {
        encoding: 'utf8',
        env: { ...process.env, GOTOOLCHAIN: 'local' }
      })
    )
  } catch (error) {
    throw new Error(
      `The real-world suite reads the machine's module proxy with \`go env GOPROXY GOSUMDB\`, which failed (${error.message}). Install Go, or set ${OFF} to leave the suite out explicitly.`,
      { cause: error }
    )
  }
  const proxy = values.GOPROXY.split(/[,|]/)
    .map(entry => entry.trim())
    .find(entry => /^https?:\/\//i.test(entry))
  if (!proxy || !values.GOSUMDB || values.GOSUMDB === 'off') {
    throw new Error(
      `The real-world suite needs the machine's Go module proxy and checksum database, and go env gives GOPROXY=${JSON.stringify(values.GOPROXY)} GOSUMDB=${JSON.stringify(values.GOSUMDB)}: no proxy URL or no database. Configure them (go env -w GOPROXY=... GOSUMDB=...), or set ${OFF} to leave the suite out explicitly (.ci/run then says it did).`
    )
  }
  process.env.SETUP_GOPROXY_REAL_GOPROXY = values.GOPROXY
  process.env.SETUP_GOPROXY_REAL_GOSUMDB = values.GOSUMDB
  process.env.SETUP_GOPROXY_TEST_ALLOW_HOSTS = new URL(proxy).hostname
  console.log(
    `real-world suite: through the machine's module proxy (the one host the DNS guard lets through), GOSUMDB ${values.GOSUMDB}`
  )
}
