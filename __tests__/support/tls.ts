/** The committed self-signed test certificate for 127.0.0.1 and localhost (see __tests__/fixtures/tls/README.md). */
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'tls')

/** PEM certificate that is also its own CA: set `SSL_CERT_FILE` to it for go, or pass it as Node's `ca` option. */
export const TEST_CA_FILE = join(dir, 'cert.pem')
/** PEM private key of `TEST_CA_FILE` (for test servers only). */
export const TEST_KEY_FILE = join(dir, 'key.pem')

/** Certificate and key contents, for `https.createServer` and `https.request({ ca })`. */
export function testTls(): { cert: Buffer; key: Buffer; ca: Buffer } {
  const cert = readFileSync(TEST_CA_FILE)
  return { cert, key: readFileSync(TEST_KEY_FILE), ca: cert }
}
