/**
 * The two faults the shared proxy server cannot play: a host whose SYNs are dropped, and a host name that does not
 * resolve. Both stay on this machine.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import dns from 'node:dns'
import net from 'node:net'

/** A proxy URL that dies before any connection: its host name does not resolve (see `fakeDns`). */
export const UNRESOLVABLE_HOST = 'no-such-proxy.invalid'

/**
 * A port whose accept queue is full, so the kernel drops further SYNs: the loopback equivalent of a firewalled
 * host (as in __tests__/probe/http-get.test.ts). A child node listens with backlog 1 and blocks its event loop (it
 * never accepts); two connections fill the queue. Linux only: elsewhere the kernel may refuse instead.
 */
export async function startSynDrop(): Promise<{ url: string; close(): void }> {
  const script = `const s=require('net').createServer();s.listen({port:0,host:'127.0.0.1',backlog:1},()=>{process.stdout.write(s.address().port+'\\n');Atomics.wait(new Int32Array(new SharedArrayBuffer(4)),0,0,60000)})`
  const child: ChildProcess = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'ignore'] })
  const port = await new Promise<number>(resolve =>
    child.stdout!.once('data', (d: Buffer) => resolve(Number(String(d).trim())))
  )
  const fillers: net.Socket[] = []
  for (let i = 0; i < 2; i++) {
    const socket = net.connect(port, '127.0.0.1')
    socket.on('error', () => undefined)
    fillers.push(socket)
    await new Promise(resolve => socket.once('connect', resolve))
  }
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      fillers.forEach(s => s.destroy())
      child.kill('SIGKILL')
    }
  }
}

type Lookup = typeof dns.lookup

/**
 * Replaces Node's dns.lookup (which http/https/net call for every host name) in this process: every name (not an IP
 * literal, which is passed on and never queried) answers
 * ENOTFOUND at once, as a resolver answers NXDOMAIN for the reserved `.invalid` TLD, and no query leaves the
 * machine. This machine's resolver is a non-loopback address (see /etc/resolv.conf), so asking it would break the
 * loopback-only rule. `names` records every name asked, so a test can prove only the expected one was. Call `restore()` in afterAll:
 * the dns module is shared by every test file of the worker.
 */
export function fakeDns(): { names: string[]; restore(): void } {
  const original: Lookup = dns.lookup
  const names: string[] = []
  const fake = (hostname: string, options: unknown, callback?: unknown): void => {
    // IP literals (a server listening on 127.0.0.1 looks its address up too) never reach a resolver.
    if (net.isIP(hostname)) return (original as (...args: unknown[]) => void)(hostname, options, callback)
    const cb = (typeof options === 'function' ? options : callback) as (error: NodeJS.ErrnoException) => void
    names.push(hostname)
    const error: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), {
      code: 'ENOTFOUND',
      errno: -3008,
      syscall: 'getaddrinfo',
      hostname
    })
    process.nextTick(() => cb(error))
  }
  dns.lookup = fake as unknown as Lookup
  return {
    names,
    restore: () => {
      dns.lookup = original
    }
  }
}
