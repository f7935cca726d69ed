import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { CredentialRemovalError, installCredentials, removeCredentials } from '../../src/auth/install.js'
import { MARKER } from '../../src/auth/files.js'
import { parseAuth, planCredentials, type CredentialPlan } from '../../src/auth/index.js'
import { parseGoproxy } from '../../src/go/proxy/chain.js'
import { cleanupTempDirs, tempDir } from '../support/go.js'

const SECRET = 'S3cret-proxy-T0ken'
const GIT_SECRET = 'ghp_GitS3cret'
const posix = process.platform !== 'win32'
/** git for Windows reads forward slashes in an include path given through the environment. */
const gitPath = (file: string) => (posix ? file : file.replace(/\\/g, '/'))

function plan(auth: string, goproxy = 'https://corp.example.com/goproxy,direct'): CredentialPlan {
  return planCredentials(parseAuth(auth), parseGoproxy('GOPROXY', goproxy).chain, '')
}

afterAll(cleanupTempDirs)

describe('installCredentials', () => {
  const both = plan(`corp.example.com ci:${SECRET}\ngithub.com/acme ${GIT_SECRET}`)

  test('writes netrc and gitconfig (0600, in a 0700 directory) and exports only their paths', async () => {
    const root = tempDir('auth-install')
    const dir = join(root, 'setup-goproxy-1')
    const installed = await installCredentials(both, dir, { env: { HOME: join(root, 'home') } })
    expect(installed.files).toEqual([join(dir, 'netrc'), join(dir, 'gitconfig')])
    expect(installed.env).toEqual({
      NETRC: join(dir, 'netrc'),
      GIT_CONFIG_COUNT: '1',
      GIT_CONFIG_KEY_0: 'include.path',
      GIT_CONFIG_VALUE_0: gitPath(join(dir, 'gitconfig'))
    })
    const exported = JSON.stringify(installed.env)
    for (const secret of both.secrets) expect(exported).not.toContain(secret)
    if (posix) {
      for (const file of installed.files) expect(statSync(file).mode & 0o777).toBe(0o600)
      expect(statSync(dir).mode & 0o777).toBe(0o700)
    }
    expect(readFileSync(join(dir, 'netrc'), 'utf8')).toBe(
      `${MARKER}\nmachine corp.example.com login ci password ${SECRET}\n`
    )
    const basic = Buffer.from(`x-access-token:${GIT_SECRET}`).toString('base64')
    expect(readFileSync(join(dir, 'gitconfig'), 'utf8')).toBe(
      `${MARKER}\n[http "https://github.com/acme/"]\n\textraHeader =\n\textraHeader = Authorization: Basic ${basic}\n`
    )
  })

  test("the job's own netrc follows the plan's entries, since NETRC hides it from go", async () => {
    const root = tempDir('auth-install')
    const home = join(root, 'home')
    mkdirSync(home)
    writeFileSync(join(home, posix ? '.netrc' : '_netrc'), 'machine other.example.com login me password mine')
    const fromHome = await installCredentials(both, join(root, 'a'), { env: { HOME: home, USERPROFILE: home } })
    expect(readFileSync(fromHome.env.NETRC, 'utf8')).toBe(
      `${MARKER}\nmachine corp.example.com login ci password ${SECRET}\n\nmachine other.example.com login me password mine\n`
    )
    writeFileSync(join(root, 'custom'), 'machine custom.example.com login me password mine\n')
    const fromNetrc = await installCredentials(both, join(root, 'b'), {
      env: { HOME: home, NETRC: join(root, 'custom') }
    })
    expect(readFileSync(fromNetrc.env.NETRC, 'utf8')).toMatch(
      /password \S+\n\nmachine custom.example.com login me password mine\n$/
    )
  })

  test('running twice into the same directory does not copy the old file into the new one', async () => {
    const dir = join(tempDir('auth-install'), 'd')
    const first = await installCredentials(both, dir, { env: {} })
    const second = await installCredentials(both, dir, { env: { NETRC: first.env.NETRC } })
    expect(readFileSync(second.env.NETRC, 'utf8')).toBe(
      `${MARKER}\nmachine corp.example.com login ci password ${SECRET}\n`
    )
  })

  test('git config entries a previous step exported stay: ours takes the next index', async () => {
    const dir = join(tempDir('auth-install'), 'd')
    const installed = await installCredentials(plan(`github.com/acme ${GIT_SECRET}`), dir, {
      env: {
        GIT_CONFIG_COUNT: '2',
        GIT_CONFIG_KEY_0: 'a.b',
        GIT_CONFIG_VALUE_0: 'c',
        GIT_CONFIG_KEY_1: 'd.e',
        GIT_CONFIG_VALUE_1: 'f'
      }
    })
    expect(installed.env).toEqual({
      GIT_CONFIG_COUNT: '3',
      GIT_CONFIG_KEY_2: 'include.path',
      GIT_CONFIG_VALUE_2: join(dir, 'gitconfig')
    })
  })

  test('a plan without credentials writes nothing and exports nothing', async () => {
    const dir = join(tempDir('auth-install'), 'd')
    expect(await installCredentials(plan(''), dir, { env: {} })).toEqual({ files: [], env: {} })
    expect(existsSync(dir)).toBe(false)
  })
})

describe('removeCredentials', () => {
  test('deletes the files and the emptied directory; a second call is harmless', async () => {
    const dir = join(tempDir('auth-remove'), 'setup-goproxy-1')
    const { files } = await installCredentials(plan(`corp.example.com ${SECRET}\ngithub.com/acme ${GIT_SECRET}`), dir, {
      env: {}
    })
    expect(await removeCredentials(files, { dir })).toEqual(files)
    for (const file of files) expect(existsSync(file)).toBe(false)
    expect(existsSync(dir)).toBe(false)
    expect(await removeCredentials(files, { dir })).toEqual([])
    expect(await removeCredentials(files)).toEqual([])
  })

  test('leaves alone, and reports, files it did not write or that lie outside its directory', async () => {
    const root = tempDir('auth-remove')
    const dir = join(root, 'setup-goproxy-1')
    const { files } = await installCredentials(plan(`corp.example.com ${SECRET}`), dir, { env: {} })
    const outside = join(root, 'netrc')
    writeFileSync(outside, `${MARKER}\n`)
    const usersOwn = join(dir, 'gitconfig')
    writeFileSync(usersOwn, '[user]\n\tname = someone\n')
    const notOurName = join(dir, '.gitconfig')
    writeFileSync(notOurName, `${MARKER}\n`)

    const attempt = removeCredentials([outside, usersOwn, notOurName, 'netrc', ...files], { dir })
    await expect(attempt).rejects.toBeInstanceOf(CredentialRemovalError)
    const error = (await attempt.catch((e: unknown) => e)) as CredentialRemovalError
    expect(error.removed).toEqual(files)
    expect(error.problems).toEqual([
      expect.stringMatching(/outside the credential directory/),
      expect.stringMatching(/not written by this action/),
      expect.stringMatching(/not a file name the action writes/),
      expect.stringMatching(/not an absolute path/)
    ])
    for (const kept of [outside, usersOwn, notOurName]) expect(existsSync(kept)).toBe(true)
    expect(existsSync(files[0])).toBe(false)
  })
})
