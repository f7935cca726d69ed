/**
 * The suite's own rule, checked: no name lookup leaves the machine, in the jest process
 * and in the node processes tests spawn, and go is pointed at a dead loopback proxy for
 * any non-loopback host. If this breaks, a test could quietly talk to the internet.
 */
import { spawn } from 'node:child_process'
import dns from 'node:dns'
import { cleanupTempDirs, goTestEnv, tempDir } from './support/go.js'

afterAll(cleanupTempDirs)

test('an outside name fails at once with ENOTFOUND in the test process', async () => {
  const error = await new Promise<NodeJS.ErrnoException | null>(done => dns.lookup('proxy.golang.org', e => done(e)))
  expect(error?.code).toBe('ENOTFOUND')
  await expect(dns.promises.lookup('sum.golang.org')).rejects.toMatchObject({ code: 'ENOTFOUND' })
})

test('localhost still resolves', async () => {
  const { address } = await dns.promises.lookup('localhost')
  expect(address).toMatch(/^(127\.0\.0\.1|::1)$/)
})

test('a node process spawned with the test env has the same guard', async () => {
  const env = goTestEnv(tempDir('isolation-'))
  const script = "require('node:dns').lookup('goproxy.cn', e => console.log(e ? e.code : 'resolved'))"
  const output = await new Promise<string>(done => {
    const child = spawn(process.execPath, ['-e', script], { env })
    let out = ''
    child.stdout.on('data', chunk => (out += String(chunk)))
    child.on('close', () => done(out.trim()))
  })
  expect(output).toBe('ENOTFOUND')
  expect(env.HTTPS_PROXY).toMatch(/^http:\/\/127\.0\.0\.1:/)
})
