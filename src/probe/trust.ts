/** The probe's trust is the HTTP client's (src/net/trust.ts): one set of certificates for every https request. */
export { trustedCertificates } from '../net/trust.js'
