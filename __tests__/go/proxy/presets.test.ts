/**
 * The preset data (proxies by name, region chains) and the module-path helpers the
 * probe relies on (case encoding, the probe-module check).
 */
import { parseGoproxy } from '../../../src/go/proxy/chain.js'
import { InputError } from '../../../src/go/errors.js'
import {
  checkModulePath,
  escapeModulePath,
  moduleFilePath,
  moduleRequestPath,
  parseModuleFilePath,
  unescapeModulePath
} from '../../../src/go/module/path.js'
import {
  findPreset,
  GO_DEFAULT_GOPROXY,
  GO_DEFAULT_GOSUMDB,
  presetForUrl,
  PROXY_PRESETS,
  REGION_PRESETS,
  REGIONS
} from '../../../src/go/proxy/presets.js'
import { parseGosumdb } from '../../../src/go/sumdb/config.js'

describe('proxy presets', () => {
  test.each<[name: string, url: string]>([
    ['proxy.golang.org', 'https://proxy.golang.org'],
    ['goproxy.cn', 'https://goproxy.cn'],
    ['goproxy.io', 'https://goproxy.io'],
    ['aliyun', 'https://mirrors.aliyun.com/goproxy/'],
    ['tencent', 'https://mirrors.tencent.com/go/'],
    ['huawei', 'https://mirrors.huaweicloud.com/repository/goproxy/']
  ])('%s is %s', (name, url) => {
    expect(findPreset(name)?.url).toBe(url)
    expect(presetForUrl(url)?.name).toBe(name)
    expect(presetForUrl(url.endsWith('/') ? url.slice(0, -1) : `${url}/`)?.name).toBe(name)
  })

  test('the list is exactly those six, each an https URL Go accepts, with an operator and a verification date', () => {
    expect(PROXY_PRESETS.map(p => p.name)).toEqual([
      'proxy.golang.org',
      'goproxy.cn',
      'goproxy.io',
      'aliyun',
      'tencent',
      'huawei'
    ])
    for (const preset of PROXY_PRESETS) {
      expect(parseGoproxy('preset', preset.url).chain.proxies.map(p => p.url)).toEqual([preset.url])
      expect(preset.url).toMatch(/^https:\/\//)
      expect(preset.operator).not.toBe('')
      expect(preset.verified).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    }
  })

  test.each(['gocenter.io', 'athens.azurefd.net', 'gosum.io', 'proxy.golang.com.cn'])(
    'no preset points at %s (dead, or no longer recommended by its operator)',
    host => {
      for (const preset of PROXY_PRESETS) expect(new URL(preset.url).hostname).not.toBe(host)
    }
  )

  test('names are exact and lower case', () => {
    expect(findPreset('Aliyun')).toBeUndefined()
    expect(findPreset('aliyun ')).toBeUndefined()
  })
})

describe('region presets', () => {
  test.each<[region: string, proxies: string[], sumdb: string | undefined]>([
    ['global', ['proxy.golang.org'], undefined],
    ['cn', ['goproxy.cn', 'aliyun', 'goproxy.io'], 'sum.golang.google.cn'],
    ['auto', ['proxy.golang.org', 'goproxy.cn', 'aliyun', 'goproxy.io'], undefined]
  ])('%s: %j then direct, GOSUMDB %j', (region, proxies, sumdb) => {
    const preset = REGION_PRESETS[region as keyof typeof REGION_PRESETS]
    expect(preset.proxies).toEqual(proxies)
    expect(preset.terminal).toBe('direct')
    expect(preset.sumdb).toBe(sumdb)
  })

  test('every region names known presets and a GOSUMDB Go accepts (never off)', () => {
    expect(REGIONS).toEqual(['global', 'cn', 'auto'])
    for (const region of REGIONS) {
      for (const name of REGION_PRESETS[region].proxies) expect(findPreset(name)).toBeDefined()
      const sumdb = REGION_PRESETS[region].sumdb
      if (sumdb) expect(parseGosumdb('region', sumdb).kind).toBe('db')
    }
  })

  test("Go's defaults are go.env's", () => {
    expect(GO_DEFAULT_GOPROXY).toBe('https://proxy.golang.org,direct')
    expect(GO_DEFAULT_GOSUMDB).toBe('sum.golang.org')
  })
})

describe('module paths', () => {
  test.each<[path: string, escaped: string]>([
    ['golang.org/x/mod', 'golang.org/x/mod'],
    ['github.com/BurntSushi/toml', 'github.com/!burnt!sushi/toml'],
    ['example.com/ABC', 'example.com/!a!b!c'],
    ['example.com/a~b_c', 'example.com/a~b_c']
  ])('%s is %s in the module cache and in proxy URLs', (path, escaped) => {
    expect(escapeModulePath(path)).toBe(escaped)
    expect(unescapeModulePath(escaped)).toBe(path)
  })

  test.each<[rel: string, file: { path: string; version: string; ext: string } | undefined]>([
    ['github.com/spf13/cobra/@v/v1.8.1.zip', { path: 'github.com/spf13/cobra', version: 'v1.8.1', ext: 'zip' }],
    [
      'github.com/!burnt!sushi/toml/@v/v1.3.2.zip',
      { path: 'github.com/BurntSushi/toml', version: 'v1.3.2', ext: 'zip' }
    ],
    [
      'example.com/m/@v/v0.0.0-20240101000000-!a!b.zip',
      { path: 'example.com/m', version: 'v0.0.0-20240101000000-AB', ext: 'zip' }
    ],
    ['github.com/spf13/cobra/@v/v1.8.1.ziphash', { path: 'github.com/spf13/cobra', version: 'v1.8.1', ext: 'ziphash' }],
    ['github.com/spf13/cobra/@v/list', undefined],
    ['github.com/Spf13/cobra/@v/v1.8.1.zip', undefined],
    ['@v/v1.0.0.zip', undefined],
    ['example.com/m/@v/latest.zip', undefined]
  ])('the module cache file %s is %j', (rel, file) => {
    expect(parseModuleFilePath(rel)).toEqual(file)
    if (file) expect(moduleFilePath(file.path, file.version, file.ext)).toBe(rel)
  })

  test.each(['github.com/BurntSushi/toml', 'example.com/a!', 'example.com/!1x', 'example.com/!!a'])(
    '%s is no escaped path (an upper-case letter, or a ! not before a lower-case one)',
    escaped => {
      expect(unescapeModulePath(escaped)).toBeUndefined()
    }
  )

  // Go builds request URLs with url.PathEscape, which escapes `!` (not an unreserved character); encodeURIComponent
  // leaves it alone, so the probe would not ask what go asks.
  test.each<[path: string, wire: string]>([
    ['github.com/BurntSushi/toml', 'github.com/%21burnt%21sushi/toml'],
    ['example.com/ABC', 'example.com/%21a%21b%21c']
  ])('%s is requested as %s, as go requests it', (path, wire) => {
    expect(moduleRequestPath(path)).toBe(wire)
  })

  test('a path without capitals is requested as it is', () => {
    expect(moduleRequestPath('golang.org/x/mod')).toBe('golang.org/x/mod')
  })

  test.each(['golang.org/x/mod', 'example.com/Public/Mod', 'gopkg.in/yaml.v3', 'a.b/c-d/e_f/g~h', 'example.com'])(
    '%j is a valid probe module',
    path => {
      expect(() => checkModulePath('probe-module', path)).not.toThrow()
    }
  )

  test.each<[path: string, why: RegExp]>([
    ['', /empty/],
    ['/golang.org/x', /slash/],
    ['golang.org/x/', /slash/],
    ['golang/x', /no dot/],
    ['Golang.org/x', /lower-case/],
    ['-golang.org/x', /dash or a dot/],
    ['.golang.org/x', /dash or a dot/],
    ['golang.org//x', /empty path element/],
    ['golang.org/x y', /character other than/],
    ['golang.org/x@v1', /character other than/],
    ['golang.org/.x', /starts or ends with a dot/],
    ['golang.org/x.', /starts or ends with a dot/],
    ['golang.org/con', /reserved on Windows/],
    ['golang.org/aux.go', /reserved on Windows/]
  ])('%j is not a module path (%s)', (path, why) => {
    try {
      checkModulePath('probe-module', path)
      throw new Error('expected an InputError')
    } catch (error) {
      expect(error).toBeInstanceOf(InputError)
      expect((error as InputError).input).toBe('probe-module')
      expect((error as InputError).message).toMatch(why)
    }
  })
})
