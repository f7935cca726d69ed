import { readFileSync } from 'node:fs'
import tls from 'node:tls'

function readPem(file: string | undefined): string | undefined {
  if (!file) return undefined
  try {
    return readFileSync(file, 'utf8')
  } catch {
    // An unreadable bundle adds nothing; the TLS error then names the certificate.
    return undefined
  }
}

/**
 * The CA certificates every https request of the project trusts (probe, checksum DB, warm
 * forwarder, downloads): Node's roots plus `extra` (tests, corporate roots), SSL_CERT_FILE (what the go command reads on Linux) and NODE_EXTRA_CA_CERTS.
 * Undefined when there is nothing to add: Node's default store already holds
 * NODE_EXTRA_CA_CERTS, and passing `ca` would replace that store.
 */
export function trustedCertificates(extra?: string, env: NodeJS.ProcessEnv = process.env): string[] | undefined {
  const added = [extra, readPem(env.SSL_CERT_FILE)].filter((pem): pem is string => pem !== undefined && pem !== '')
  if (added.length === 0) return undefined
  const nodeExtra = readPem(env.NODE_EXTRA_CA_CERTS)
  return [...tls.rootCertificates, ...added, ...(nodeExtra ? [nodeExtra] : [])]
}
