/**
 * The `auth` input: credentials for private module hosts and authenticated proxies,
 * parsed and planned without touching the file system. The shell (src/auth/) writes
 * the plan's netrc and git configuration files.
 *
 * This module is the one the rest of the action imports; the code lives by concern in
 * auth-*.ts and is re-exported here so those files can be reorganised without touching
 * any importer:
 * - types.ts: the shared shapes (AuthCredential, CredentialPlan, netrc and git entries);
 * - parse.ts: parsing the `auth` lines (parseAuth);
 * - plan.ts: planCredentials, which runs the two planners below in order;
 * - proxy-hosts.ts: credentials for proxies (netrc, userinfo moved out of proxy URLs);
 * - module-hosts.ts: credentials for module hosts (git prefixes, GOPRIVATE additions);
 * - sumdb.ts: credentials in the GOSUMDB URL (planSumdbCredentials);
 * - secrets.ts: masking, hiding and Go's netrc lookup, shared by all of them.
 *
 * Secrets never appear in a message: errors name the line number and what is wrong,
 * never a field's text.
 */
export {
  DEFAULT_AUTH_USER,
  type AuthCredential,
  type CredentialPlan,
  type Credentials,
  type CredentialsLookup,
  type MovedCredentials,
  movedNote,
  type GitCredential,
  type NetrcEntry,
  type PrivatePatterns,
  type RequestCredentials
} from './types.js'
export { parseAuth } from './parse.js'
export { planCredentials } from './plan.js'
export { planSumdbCredentials } from './sumdb.js'
