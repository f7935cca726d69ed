/**
 * The `auth` input: credentials for private module hosts and authenticated proxies,
 * parsed and planned without touching the file system. The shell (src/auth/) writes
 * the plan's netrc and git configuration files.
 *
 * This module is the one the rest of the action imports; the code lives by concern in
 * auth-*.ts and is re-exported here so those files can be reorganised without touching
 * any importer:
 * - auth-types.ts: the shared shapes (AuthCredential, CredentialPlan, netrc and git entries);
 * - auth-parse.ts: parsing the `auth` lines (parseAuth);
 * - auth-plan.ts: planCredentials, which runs the two planners below in order;
 * - auth-proxy-hosts.ts: credentials for proxies (netrc, userinfo moved out of proxy URLs);
 * - auth-module-hosts.ts: credentials for module hosts (git prefixes, GOPRIVATE additions);
 * - auth-sumdb.ts: credentials in the GOSUMDB URL (planSumdbCredentials);
 * - auth-secrets.ts: masking, hiding and Go's netrc lookup, shared by all of them.
 *
 * Secrets never appear in a message: errors name the line number and what is wrong,
 * never a field's text.
 */
export {
  DEFAULT_AUTH_USER,
  type AuthCredential,
  type CredentialPlan,
  type GitCredential,
  type NetrcEntry,
  type PrivatePatterns,
  type RequestCredentials
} from './auth-types.js'
export { parseAuth } from './auth-parse.js'
export { planCredentials } from './auth-plan.js'
export { planSumdbCredentials } from './auth-sumdb.js'
