/**
 * Suites and cases that hold only on some machines say so here, with the reason, instead of skipping themselves
 * silently or failing for a reason that is not theirs. Where the condition does not hold they are registered as
 * skipped with the reason in their name, so jest's output lists each one and says why.
 */

/** This machine runs Linux. */
export const LINUX = process.platform === 'linux'

/**
 * Why the SYN-drop cases are Linux's: their stand-in for a host that drops SYNs is a listener whose backlog is full,
 * and only Linux then drops further SYNs silently (Windows answers with a reset, so the case would test a refused
 * connection instead).
 */
export const SYN_DROP_NEEDS_LINUX = 'Linux only: a full listen backlog drops SYNs only on Linux'

/** A test's body, as `test` takes it. */
type Body = Parameters<typeof test>[1]

/** `test` where `holds`, else the same test registered as skipped, its name carrying `reason`. */
export function testOnlyWhere(holds: boolean, reason: string) {
  return (name: string, fn: Body, timeout?: number): void =>
    holds ? test(name, fn, timeout) : test.skip(`${name} [${reason}]`, fn, timeout)
}

/** `describe` where `holds`, else the same suite registered as skipped, its name carrying `reason`. */
export function describeOnlyWhere(holds: boolean, reason: string) {
  return (name: string, fn: () => void): void => (holds ? describe(name, fn) : describe.skip(`${name} [${reason}]`, fn))
}
