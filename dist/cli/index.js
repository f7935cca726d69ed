#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ // The require scope
/******/ var __nccwpck_require__ = {};
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: ./src/core/errors.ts
/**
 * A problem with one input value. `input` is the public input name (or the
 * variable it came from, e.g. `GOPROXY (job environment)`), so every message
 * tells the user exactly what to edit.
 */
class InputError extends Error {
    input;
    detail;
    constructor(input, detail) {
        super(`Input '${input}': ${detail}`);
        this.input = input;
        this.detail = detail;
        this.name = 'InputError';
    }
}
/** All input problems found in one pass: users fix them together instead of one per run. */
class InputErrors extends Error {
    errors;
    constructor(errors) {
        super(errors.map(e => e.message).join('\n'));
        this.errors = errors;
        this.name = 'InputErrors';
    }
}
/** Collects InputErrors while validation goes on, so one run reports every bad input. */
class ErrorCollector {
    errors = [];
    /** Runs `fn`; an InputError it throws is recorded and `fallback` returned instead. */
    attempt(fn, fallback) {
        try {
            return fn();
        }
        catch (error) {
            if (error instanceof InputError) {
                this.errors.push(error);
                return fallback;
            }
            if (error instanceof InputErrors) {
                this.errors.push(...error.errors);
                return fallback;
            }
            throw error;
        }
    }
    /** Throws every collected error at once, if there are any. */
    throwIfAny() {
        if (this.errors.length > 0)
            throw new InputErrors(this.errors);
    }
}
/** Shows a value in a message: quoted, with control characters made visible, and cut when very long. */
function quote(value) {
    // JSON.stringify escapes C0 controls only: DEL, C1 controls and U+2028/U+2029 would stay raw.
    const visible = JSON.stringify(value).replace(/[\u007f-\u009f\u2028\u2029]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
    return visible.length > 120 ? `${visible.slice(0, 117)}…"` : visible;
}
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** Rejects NUL, newlines and other control characters, which Go refuses or would let inject another variable. */
function assertNoControlCharacters(input, value) {
    const match = CONTROL.exec(value);
    if (match) {
        const code = match[0].charCodeAt(0).toString(16).padStart(4, '0');
        throw new InputError(input, `${quote(value)} contains the control character U+${code.toUpperCase()}; remove it.`);
    }
}

;// CONCATENATED MODULE: ./src/core/proxy-url.ts

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
/**
 * Parses a proxy URL the way the go command's newProxyRepo accepts it, with the
 * checks Go leaves until the first request: scheme http, https or file (any case);
 * file: URLs with a path only; http(s) URLs with a host; no blank anywhere.
 * `entry` is the text to name in messages (already redacted by the caller).
 */
function parseProxyUrl(input, url, shown) {
    if (/\s/.test(url))
        throw new InputError(input, `proxy ${quote(shown)} contains a blank; URLs cannot.`);
    const match = SCHEME.exec(url);
    if (!match) {
        throw new InputError(input, `proxy ${quote(shown)} has no scheme. Write https://host/path, http://host/path or file:///path, a preset name, direct or off (keywords are lower case).`);
    }
    const scheme = match[1].toLowerCase();
    const afterScheme = match[2];
    // Go's url.Parse rejects a % that does not start a %XX escape (the query is not checked).
    const beforeQuery = afterScheme.split('?')[0];
    if (/%(?![0-9A-Fa-f]{2})/.test(beforeQuery)) {
        throw new InputError(input, `proxy ${quote(shown)} has a % that is not a %XX escape (Go: "invalid URL escape").`);
    }
    if (scheme === 'file') {
        // Go: a file proxy URL may hold a path and nothing else (no host, not even localhost).
        // file:/path (no //) is a URL with OmitHost set, which newProxyRepo rejects as a non-path element.
        const path = afterScheme.startsWith('///') ? afterScheme.slice(2) : null;
        if (path === null || !path.startsWith('/') || /[?#]/.test(path)) {
            throw new InputError(input, `proxy ${quote(shown)}: a file:// proxy URL may hold only an absolute path, as in file:///srv/goproxy.`);
        }
        return { scheme: 'file', host: '', hostname: '', port: '', username: '', password: '', rest: path };
    }
    if (scheme !== 'http' && scheme !== 'https') {
        throw new InputError(input, `proxy ${quote(shown)} uses the scheme ${quote(scheme)}; Go accepts only https, http and file.`);
    }
    if (!afterScheme.startsWith('//')) {
        throw new InputError(input, `proxy ${quote(shown)} must be written ${scheme}://host/path.`);
    }
    const authorityEnd = afterScheme.slice(2).search(/[/?#]/);
    const authority = authorityEnd < 0 ? afterScheme.slice(2) : afterScheme.slice(2, 2 + authorityEnd);
    const rest = authorityEnd < 0 ? '' : afterScheme.slice(2 + authorityEnd);
    if (rest.includes('#'))
        throw new InputError(input, `proxy ${quote(shown)} has a #fragment; remove it.`);
    const at = authority.lastIndexOf('@');
    const userinfo = at < 0 ? '' : authority.slice(0, at);
    const host = at < 0 ? authority : authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? '' : userinfo.slice(colon + 1);
    // Go's url.Parse: userinfo of RFC 3986 characters only; no escape of an ASCII byte in a host (so no % at all here).
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
        throw new InputError(input, `proxy ${quote(shown)} has a character in its user name or password that must be percent-encoded (Go: "invalid userinfo").`);
    }
    const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+;=-]+)(?::(\d*))?$/.exec(host);
    if (!hostMatch || hostMatch[1] === '') {
        throw new InputError(input, `proxy ${quote(shown)} has no valid host name.`);
    }
    const port = hostMatch[2] ?? '';
    if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) {
        throw new InputError(input, `proxy ${quote(shown)} has the port ${quote(port)}, outside 1-65535.`);
    }
    if (scheme === 'http' && userinfo !== '') {
        throw new InputError(input, `proxy ${quote(shown)} carries credentials over plain http; the go command refuses to send them. Use https, or no credentials.`);
    }
    return { scheme, host, hostname: hostMatch[1], port, username, password, rest };
}
/**
 * Hides the credentials in a URL: `https://user:pass@h` → `https://user:xxxxx@h`, like
 * Go's url.Redacted, and a user-only token `https://tok@h` → `https://xxxxx@h`
 * (Go would print that token; a token in the user field is still a secret).
 */
function redactUrl(url) {
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)([^/?#]*)@/, (_all, scheme, userinfo) => {
        const colon = userinfo.indexOf(':');
        // With no password the user field is the token (https://TOKEN@host, https://TOKEN:@host): hide it all.
        return colon < 0 || colon === userinfo.length - 1
            ? `${scheme}xxxxx@`
            : `${scheme}${userinfo.slice(0, colon)}:xxxxx@`;
    });
}
/**
 * For messages about an entry that may not parse: hides everything between `://` and the
 * last `@` (a mistyped password may hold `/`, `?` or `#`), keeping a user name before `:`.
 */
function redactEntry(text) {
    const start = text.indexOf('://');
    const at = text.lastIndexOf('@');
    if (start < 0 || at < start)
        return text;
    const userinfo = text.slice(start + 3, at);
    const stop = userinfo.search(/[:/?#]/);
    const user = stop >= 0 && userinfo[stop] === ':' && stop > 0 ? `${userinfo.slice(0, stop)}:` : '';
    return `${text.slice(0, start + 3)}${user}xxxxx${text.slice(at)}`;
}
/** Redacts every URL with credentials inside a longer text (a GOPROXY list, a go error message). */
function redactText(text) {
    return text.replace(/[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#\s,|"]*@/g, match => redactUrl(match));
}
/** The secret parts of a URL (password, or a user-only token, and the whole userinfo), for masking. */
function secretsOfUrl(url) {
    const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/.exec(url);
    if (!match || match[1] === '')
        return [];
    const userinfo = match[1];
    const colon = userinfo.indexOf(':');
    const secret = colon < 0 ? userinfo : userinfo.slice(colon + 1);
    return [...new Set([userinfo, secret, url].filter(s => s !== ''))];
}
/** The URL without its userinfo: what the exported GOPROXY shows once credentials moved to netrc. */
function stripCredentials(url) {
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1');
}
/** A key to recognise the same proxy written twice (`https://goproxy.cn` and `https://goproxy.cn/`). */
function proxyKey(url) {
    const match = SCHEME.exec(url);
    const normal = match ? `${match[1].toLowerCase()}:${match[2]}` : url;
    return normal.replace(/\/+$/, '');
}

;// CONCATENATED MODULE: ./src/cli/args.ts
/**
 * The command line, parsed: a command, the action's inputs by name (flags are named like the inputs) and the
 * CLI's own options. Pure: no I/O, so the parsing rules can be tested as a table.
 */
const COMMANDS = ['probe', 'env', 'apply', 'warm'];
const SHELLS = ['sh', 'pwsh', 'fish', 'cmd'];
const FORMATS = ['export', 'go-env-w'];
/** A wrong command line: printed with a hint to --help, exit code 2. */
class UsageError extends Error {
    command;
    constructor(message, 
    /** The command whose help the hint should point to. */
    command) {
        super(message);
        this.command = command;
        this.name = 'UsageError';
    }
}
const ALL = COMMANDS;
const CONFIGURING = ['env', 'apply', 'warm'];
/** The action's inputs the CLI accepts, by name. `probe` is the boolean input behind --no-probe. */
const INPUT_FLAGS = {
    proxies: { list: true, commands: ALL },
    region: { commands: ALL },
    private: { list: true, commands: ALL },
    'no-proxy': { list: true, commands: ALL },
    'no-sumdb': { list: true, commands: ALL },
    sumdb: { commands: ALL },
    insecure: { list: true, commands: ALL },
    fallback: { commands: ALL },
    probe: { commands: CONFIGURING },
    'probe-timeout': { commands: ALL },
    'probe-module': { commands: ALL },
    order: { commands: ALL },
    'on-unreachable': { commands: ALL },
    auth: { list: true, commands: ALL },
    'working-directory': { list: true, commands: ['warm'] },
    'warm-timeout': { commands: ['warm'] },
    retries: { commands: ['warm'] }
};
/** The CLI's own switches (true/false) and choices. */
const SWITCHES = {
    json: ['probe'],
    'dry-run': ['apply'],
    verbose: ALL
};
const CHOICES = {
    shell: { values: SHELLS, commands: ['env', 'apply'] },
    format: { values: FORMATS, commands: ['env'] }
};
/** Every flag name the CLI knows, for "did you mean" hints and the help text. */
const FLAG_NAMES = [
    ...Object.keys(INPUT_FLAGS),
    'no-probe',
    ...Object.keys(SWITCHES),
    ...Object.keys(CHOICES),
    'help',
    'version'
];
/**
 * Parses argv (without node and the script). Accepts `--flag=value` and `--flag value`, flags before or after the
 * command, `--` to end the flags, `-h`. Throws UsageError for an unknown command or flag, a missing value, a
 * non-list flag given twice, or a flag the command does not take. Input values are not validated here: that is
 * readSettings' job, so the CLI and the action reject the same values with the same messages.
 */
function parseArgs(argv) {
    let command;
    let help = false;
    let version = false;
    let helpCommand = false;
    const inputs = {};
    const lists = {};
    const switches = {};
    const choices = {};
    const seen = new Map(); // input or option name → the flag as written, without its value
    const positionals = [];
    const once = (name, flag) => {
        if (seen.has(name) && !INPUT_FLAGS[name]?.list)
            throw new UsageError(`${flag} was given more than once.`, command);
        seen.set(name, flag);
    };
    for (let i = 0; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '--') {
            positionals.push(...argv.slice(i + 1));
            break;
        }
        if (arg === '-h') {
            help = true;
            continue;
        }
        if (!arg.startsWith('--')) {
            if (arg.startsWith('-') && arg !== '-')
                throw new UsageError(`unknown flag ${arg}.`, command);
            if (command === undefined && !helpCommand && positionals.length === 0) {
                if (arg === 'help') {
                    helpCommand = true;
                    help = true;
                    continue;
                }
                if (!COMMANDS.includes(arg)) {
                    throw new UsageError(`unknown command ${JSON.stringify(arg)}; the commands are ${COMMANDS.join(', ')}.`);
                }
                command = arg;
                continue;
            }
            if (helpCommand && command === undefined) {
                if (!COMMANDS.includes(arg))
                    throw new UsageError(`no help for ${JSON.stringify(arg)}.`);
                command = arg;
                continue;
            }
            positionals.push(arg);
            continue;
        }
        const eq = arg.indexOf('=');
        const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
        const inline = eq < 0 ? undefined : arg.slice(eq + 1);
        const takeValue = () => {
            if (inline !== undefined)
                return inline;
            const next = argv[i + 1];
            if (next === undefined || (next.startsWith('-') && next !== '-')) {
                throw new UsageError(`--${name} needs a value: --${name}=VALUE or --${name} VALUE.`, command);
            }
            i++;
            return next;
        };
        if (name === 'help' || name === 'version') {
            if (inline !== undefined)
                throw new UsageError(`--${name} takes no value.`, command);
            if (name === 'help')
                help = true;
            else
                version = true;
            continue;
        }
        if (name === 'no-probe') {
            if (inline !== undefined)
                throw new UsageError('--no-probe takes no value; write --probe=false or --no-probe.', command);
            once('probe', `--${name}`);
            inputs.probe = 'false';
            continue;
        }
        if (name === 'probe') {
            // A bare --probe means true; a value only with `=`, since `probe` is also a command name.
            once('probe', `--${name}`);
            inputs.probe = inline ?? 'true';
            continue;
        }
        if (name in SWITCHES) {
            once(name, `--${name}`);
            if (inline === undefined || inline === 'true')
                switches[name] = true;
            else if (inline === 'false')
                switches[name] = false;
            else
                throw new UsageError(`--${name} is a switch: write --${name} or --${name}=false.`, command);
            continue;
        }
        if (name in CHOICES) {
            once(name, `--${name}`);
            const value = takeValue();
            if (!CHOICES[name].values.includes(value)) {
                throw new UsageError(`--${name} ${JSON.stringify(value)} is not one of: ${CHOICES[name].values.join(', ')}.`, command);
            }
            choices[name] = value;
            continue;
        }
        if (name in INPUT_FLAGS) {
            once(name, `--${name}`);
            const value = takeValue();
            if (INPUT_FLAGS[name].list)
                (lists[name] ??= []).push(value);
            else
                inputs[name] = value;
            continue;
        }
        const hint = closest(name);
        throw new UsageError(`unknown flag --${name}.${hint ? ` Did you mean ${hint}?` : ''}`, command);
    }
    for (const [name, values] of Object.entries(lists))
        inputs[name] = values.join('\n');
    if (!help && command !== undefined)
        checkFlagsFit(command, seen, positionals);
    return {
        command,
        help,
        version,
        inputs,
        json: switches.json ?? false,
        dryRun: switches['dry-run'] ?? false,
        verbose: switches.verbose ?? false,
        shell: choices.shell ?? 'sh',
        format: choices.format ?? 'export',
        positionals
    };
}
/** Rejects flags and arguments that the command would silently ignore. */
function checkFlagsFit(command, seen, positionals) {
    for (const [name, flag] of seen) {
        const commands = INPUT_FLAGS[name]?.commands ?? SWITCHES[name] ?? CHOICES[name]?.commands ?? ALL;
        if (!commands.includes(command)) {
            throw new UsageError(`${flag} does not apply to ${command}; it is for: ${commands.join(', ')}.`, command);
        }
    }
    if (positionals.length > 0 && command !== 'warm') {
        throw new UsageError(`${command} takes no arguments (got ${JSON.stringify(positionals[0])}).`, command);
    }
}
/** The known flags near a typo (one it begins, or a few edits away), nearest first: "--probe or --proxies". */
function closest(name) {
    const near = FLAG_NAMES.map(candidate => ({
        candidate,
        d: candidate.startsWith(name) && name.length >= 3 ? 0 : distance(name, candidate)
    }))
        .filter(c => c.d <= (name.length >= 5 ? 3 : 2))
        .sort((a, b) => a.d - b.d)
        .slice(0, 3)
        .map(c => `--${c.candidate}`);
    return near.length > 0 ? near.join(' or ') : undefined;
}
function distance(a, b) {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

;// CONCATENATED MODULE: ./src/core/presets.ts
const PROXY_PRESETS = [
    {
        name: 'proxy.golang.org',
        url: 'https://proxy.golang.org',
        operator: 'Google (Go team)',
        proxiesSumdb: false,
        note: 'unreachable from mainland China',
        verified: '2026-11-23'
    },
    {
        name: 'goproxy.cn',
        url: 'https://goproxy.cn',
        operator: 'Goproxy.cn project, sponsored by Qiniu Cloud',
        proxiesSumdb: true,
        verified: '2026-11-23'
    },
    {
        name: 'goproxy.io',
        url: 'https://goproxy.io',
        operator: 'goproxy.io community team',
        proxiesSumdb: true,
        verified: '2026-11-23'
    },
    {
        name: 'aliyun',
        url: 'https://mirrors.aliyun.com/goproxy/',
        operator: 'Alibaba Cloud',
        proxiesSumdb: 'unknown',
        verified: '2026-11-23'
    },
    {
        name: 'tencent',
        url: 'https://mirrors.tencent.com/go/',
        operator: 'Tencent Cloud',
        proxiesSumdb: 'unknown',
        verified: '2026-11-23'
    },
    {
        name: 'huawei',
        url: 'https://mirrors.huaweicloud.com/repository/goproxy/',
        operator: 'Huawei Cloud',
        proxiesSumdb: false,
        verified: '2026-11-23'
    }
];
const REGION_PRESETS = {
    global: { region: 'global', proxies: ['proxy.golang.org'], terminal: 'direct' },
    // sum.golang.google.cn is sum.golang.org (same key) served where mainland runners reach it.
    cn: {
        region: 'cn',
        proxies: ['goproxy.cn', 'aliyun', 'goproxy.io'],
        terminal: 'direct',
        sumdb: 'sum.golang.google.cn'
    },
    // Every public mirror of both regions: the probe keeps the ones this runner reaches, fastest first.
    auto: { region: 'auto', proxies: ['proxy.golang.org', 'goproxy.cn', 'aliyun', 'goproxy.io'], terminal: 'direct' }
};
const REGIONS = Object.keys(REGION_PRESETS);
/** Go's built-in defaults (from $GOROOT/go.env). */
const GO_DEFAULT_GOPROXY = 'https://proxy.golang.org,direct';
const GO_DEFAULT_GOSUMDB = 'sum.golang.org';
/** Looks a preset up by its name (exact, lower case). */
function findPreset(name) {
    return PROXY_PRESETS.find(preset => preset.name === name);
}
/** Looks a preset up by URL, ignoring one trailing slash, to name its operator in reports. */
function presetForUrl(url) {
    const strip = (u) => u.replace(/\/$/, '');
    return PROXY_PRESETS.find(preset => strip(preset.url) === strip(url));
}

;// CONCATENATED MODULE: ./src/core/chain.ts



/** Splits at `,` and `|` like Go: each entry keeps the separator that follows it. */
function tokenize(list) {
    const tokens = [];
    let start = 0;
    for (let i = 0; i <= list.length; i++) {
        if (i === list.length || list[i] === ',' || list[i] === '|') {
            tokens.push({ text: list.slice(start, i), separator: i < list.length ? list[i] : ',' });
            start = i + 1;
        }
    }
    return tokens;
}
function parseTokens(input, tokens, options) {
    const proxies = [];
    const seen = new Set();
    const ignored = [];
    let terminal;
    for (const token of tokens) {
        const text = token.text.trim();
        if (text === '')
            continue;
        if (terminal) {
            ignored.push(redactEntry(text));
            continue;
        }
        if (text === 'direct' || text === 'off') {
            terminal = text;
            continue;
        }
        assertNoControlCharacters(input, redactEntry(text));
        const preset = findPreset(text);
        let url;
        if (preset && options.presets) {
            url = preset.url;
        }
        else if (/[.:/]/.test(text) && !text.includes(':/') && !text.startsWith('/') && !/^[A-Za-z]:[\\/]/.test(text)) {
            // Go's rule: a bare host (anything with . : or / but no :/) gets https:// prepended.
            url = `https://${text}`;
        }
        else {
            url = text;
        }
        if (!/[.:/]/.test(text) && !(preset && options.presets)) {
            const lower = text.toLowerCase();
            const hint = lower === 'direct' || lower === 'off'
                ? ` The keywords are lower case: ${lower}.`
                : options.presets
                    ? ` Presets: ${PROXY_PRESETS.map(p => p.name).join(', ')}.`
                    : '';
            throw new InputError(input, `${quote(redactEntry(text))} is not a proxy URL, preset or keyword (direct, off).${hint}`);
        }
        parseProxyUrl(input, url, redactEntry(text));
        const key = proxyKey(url);
        if (seen.has(key))
            continue;
        seen.add(key);
        const known = presetByUrl(url);
        proxies.push({ url, separator: token.separator, origin: options.origin, ...(known ? { preset: known.name } : {}) });
    }
    if (proxies.length === 0 && !terminal) {
        throw new InputError(input, 'the list contains no entries (Go: "GOPROXY list is not the empty string, but contains no entries").');
    }
    return { chain: { proxies, ...(terminal ? { terminal } : {}) }, ignored };
}
function presetByUrl(url) {
    return PROXY_PRESETS.find(p => proxyKey(p.url) === proxyKey(url));
}
/**
 * Parses a GOPROXY value exactly as the go command reads it (split on `,`/`|`,
 * entries trimmed, empty ones skipped, `direct`/`off` end the list, bare hosts get
 * https://). Throws an InputError for every value Go would reject, up front.
 */
function parseGoproxy(input, value) {
    assertNoControlCharacters(input, redactText(value));
    return parseTokens(input, tokenize(value), { origin: 'environment', presets: false });
}
/**
 * Parses the action's `proxies` input: Go's list grammar plus line breaks and preset
 * names. A `,` or `|` the user wrote keeps Go's meaning; a line break between two
 * proxies becomes `lineSeparator` (the `fallback` input); a line break before
 * `direct`/`off` becomes `,`. Returns undefined for an empty input.
 */
function parseProxiesInput(input, raw, lineSeparator) {
    const lines = raw
        .split('\n')
        .map(line => line.replace(/\r$/, '').trim())
        .filter(line => line !== '');
    if (lines.length === 0)
        return undefined;
    const tokens = [];
    lines.forEach((line, index) => {
        assertNoControlCharacters(input, redactUrl(line));
        const lineTokens = tokenize(line);
        const endsWithSeparator = /[,|]$/.test(line);
        if (endsWithSeparator)
            lineTokens.pop(); // the empty entry after a trailing separator
        const last = lineTokens.length - 1;
        lineTokens.forEach((token, i) => {
            if (i === last && !endsWithSeparator) {
                // A line break joins this proxy to the next line's entry, or to the region's first proxy.
                const next = index < lines.length - 1 ? tokenize(lines[index + 1])[0].text.trim() : '';
                const separator = next === 'direct' || next === 'off' ? ',' : lineSeparator;
                tokens.push({ text: token.text, separator, fromNewline: true });
            }
            else {
                tokens.push(token);
            }
        });
    });
    return parseTokens(input, tokens, { origin: 'proxies', presets: true });
}
/** Renders a chain as the GOPROXY value Go reads. `redact` hides credentials for display. */
function formatChain(chain, redact = false) {
    const parts = [];
    chain.proxies.forEach((entry, i) => {
        parts.push(redact ? redactUrl(entry.url) : entry.url);
        if (i < chain.proxies.length - 1 || chain.terminal)
            parts.push(entry.separator);
    });
    if (chain.terminal)
        parts.push(chain.terminal);
    return parts.join('');
}

;// CONCATENATED MODULE: ./src/core/glob.ts
/**
 * A faithful port of Go's path.Match (Go 1.23), byte for byte, so that the action
 * decides "is this module private?" exactly as the go command does. Works on UTF-8
 * bytes like Go: `?` and `[...]` consume one rune, other characters one byte.
 * `[^...]` negates; `[!...]` does not (Go treats `!` as a literal).
 */
const encoder = new TextEncoder();
const SLASH = 0x2f;
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const DASH = 0x2d;
const CARET = 0x5e;
const RUNE_ERROR = 0xfffd;
/** Thrown for a malformed pattern, like Go's path.ErrBadPattern. */
class BadPatternError extends Error {
    constructor() {
        super('syntax error in pattern');
    }
}
function decodeRune(s, at) {
    if (at >= s.length)
        return [RUNE_ERROR, 0];
    const b0 = s[at];
    if (b0 < 0x80)
        return [b0, 1];
    const need = b0 >= 0xc2 && b0 <= 0xdf ? 1 : b0 >= 0xe0 && b0 <= 0xef ? 2 : b0 >= 0xf0 && b0 <= 0xf4 ? 3 : -1;
    if (need < 0 || at + need > s.length - 1)
        return [RUNE_ERROR, 1];
    let rune = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
    for (let i = 1; i <= need; i++) {
        const b = s[at + i];
        if ((b & 0xc0) !== 0x80)
            return [RUNE_ERROR, 1];
        rune = (rune << 6) | (b & 0x3f);
    }
    const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
    if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff))
        return [RUNE_ERROR, 1];
    return [rune, need + 1];
}
function scanChunk(pattern) {
    let star = false;
    while (pattern.length > 0 && pattern[0] === STAR) {
        pattern = pattern.subarray(1);
        star = true;
    }
    let inRange = false;
    let i = 0;
    scan: for (; i < pattern.length; i++) {
        switch (pattern[i]) {
            case BACKSLASH:
                if (i + 1 < pattern.length)
                    i++;
                break;
            case OPEN:
                inRange = true;
                break;
            case CLOSE:
                inRange = false;
                break;
            case STAR:
                if (!inRange)
                    break scan;
                break;
        }
    }
    return [star, pattern.subarray(0, i), pattern.subarray(i)];
}
function getEsc(chunk) {
    if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE)
        throw new BadPatternError();
    if (chunk[0] === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0)
            throw new BadPatternError();
    }
    const [rune, size] = decodeRune(chunk, 0);
    if (rune === RUNE_ERROR && size === 1)
        throw new BadPatternError();
    const rest = chunk.subarray(size);
    if (rest.length === 0)
        throw new BadPatternError();
    return [rune, rest];
}
/** Returns the rest of `s` after `chunk` matched its start, or undefined. Throws on a malformed chunk. */
function matchChunk(chunk, s) {
    let failed = false;
    while (chunk.length > 0) {
        if (!failed && s.length === 0)
            failed = true;
        switch (chunk[0]) {
            case OPEN: {
                let r = -1;
                if (!failed) {
                    const [rune, size] = decodeRune(s, 0);
                    r = rune;
                    s = s.subarray(size);
                }
                chunk = chunk.subarray(1);
                let negated = false;
                if (chunk.length > 0 && chunk[0] === CARET) {
                    negated = true;
                    chunk = chunk.subarray(1);
                }
                let match = false;
                let ranges = 0;
                for (;;) {
                    if (chunk.length > 0 && chunk[0] === CLOSE && ranges > 0) {
                        chunk = chunk.subarray(1);
                        break;
                    }
                    let lo;
                    let hi;
                    [lo, chunk] = getEsc(chunk);
                    hi = lo;
                    if (chunk[0] === DASH)
                        [hi, chunk] = getEsc(chunk.subarray(1));
                    if (lo <= r && r <= hi)
                        match = true;
                    ranges++;
                }
                if (match === negated)
                    failed = true;
                break;
            }
            case QUESTION:
                if (!failed) {
                    if (s[0] === SLASH)
                        failed = true;
                    s = s.subarray(decodeRune(s, 0)[1]);
                }
                chunk = chunk.subarray(1);
                break;
            default:
                if (chunk[0] === BACKSLASH) {
                    // An escaped byte is compared literally.
                    chunk = chunk.subarray(1);
                    if (chunk.length === 0)
                        throw new BadPatternError();
                }
                if (!failed) {
                    if (chunk[0] !== s[0])
                        failed = true;
                    s = s.subarray(1);
                }
                chunk = chunk.subarray(1);
        }
    }
    return failed ? undefined : s;
}
function matchBytes(pattern, name) {
    patternLoop: while (pattern.length > 0) {
        let star;
        let chunk;
        [star, chunk, pattern] = scanChunk(pattern);
        if (star && chunk.length === 0)
            return !name.includes(SLASH);
        const t = matchChunk(chunk, name);
        if (t !== undefined && (t.length === 0 || pattern.length > 0)) {
            name = t;
            continue;
        }
        if (star) {
            for (let i = 0; i < name.length && name[i] !== SLASH; i++) {
                const rest = matchChunk(chunk, name.subarray(i + 1));
                if (rest !== undefined) {
                    if (pattern.length === 0 && rest.length > 0)
                        continue;
                    name = rest;
                    continue patternLoop;
                }
            }
        }
        while (pattern.length > 0) {
            ;
            [, chunk, pattern] = scanChunk(pattern);
            matchChunk(chunk, new Uint8Array(0));
        }
        return false;
    }
    return name.length === 0;
}
/**
 * Go's path.Match: reports whether `name` matches the shell pattern. Throws
 * BadPatternError for a malformed pattern where Go returns ErrBadPattern.
 */
function pathMatch(pattern, name) {
    return matchBytes(encoder.encode(pattern), encoder.encode(name));
}
/** True when Go's path.Match would report ErrBadPattern for this pattern (whatever the name). */
function isMalformedGlob(pattern) {
    try {
        pathMatch(pattern, '');
        return false;
    }
    catch (error) {
        if (error instanceof BadPatternError)
            return true;
        throw error;
    }
}

;// CONCATENATED MODULE: ./src/core/patterns.ts


/**
 * Go's module.MatchPrefixPatterns: `globs` is a comma-separated list (split on `,`
 * only and never trimmed, exactly as Go does); each glob, less one trailing `/`, is
 * matched with path.Match against as many leading path elements of `target` as the
 * glob has. Malformed globs never match, as in Go.
 */
function matchesPrefixPatterns(globs, target) {
    for (let glob of globs.split(',')) {
        if (glob.endsWith('/'))
            glob = glob.slice(0, -1);
        if (glob === '')
            continue;
        let slashes = glob.split('/').length - 1;
        let prefix = target;
        for (let i = 0; i < target.length; i++) {
            if (target[i] === '/') {
                if (slashes === 0) {
                    prefix = target.slice(0, i);
                    break;
                }
                slashes--;
            }
        }
        if (slashes > 0)
            continue;
        try {
            if (pathMatch(glob, prefix))
                return true;
        }
        catch {
            // A malformed glob matches nothing in Go; validation reports it up front.
        }
    }
    return false;
}
/**
 * Parses a pattern-list input (GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE) written
 * by a user: entries separated by commas or newlines, surrounding blanks removed
 * (YAML indentation and `a, b` are what people write; Go itself would never match
 * ` b`), then checked: no blank inside a pattern, no control character, no malformed
 * glob (Go silently ignores one, which hides mistakes). Returns the patterns in order,
 * duplicates dropped; [] for an empty input.
 */
function parsePatternInput(input, raw) {
    const entries = raw
        .split(/[\n,]/)
        .map(entry => entry.replace(/\r$/, '').trim())
        .filter(entry => entry !== '');
    if (entries.length === 0 && raw.trim() !== '') {
        throw new InputError(input, `${quote(raw)} contains separators but no pattern; leave it empty or list patterns.`);
    }
    const patterns = [];
    for (const entry of entries) {
        assertNoControlCharacters(input, entry);
        if (/\s/.test(entry)) {
            throw new InputError(input, `pattern ${quote(entry)} contains a blank; module paths never do. Separate patterns with commas or newlines.`);
        }
        // Go drops one trailing slash before matching: `a\/` is matched as `a\`, which is malformed.
        if (isMalformedGlob(entry.endsWith('/') ? entry.slice(0, -1) : entry)) {
            throw new InputError(input, `pattern ${quote(entry)} is not a valid glob (Go would silently ignore it). Use * ? [a-z] [^a-z] and \\ escapes as in Go's path.Match.`);
        }
        if (!patterns.includes(entry))
            patterns.push(entry);
    }
    return patterns;
}
/**
 * True for a glob that matches every module path (a star in every element): in GOPRIVATE or
 * GONOSUMDB it turns checksum verification off for everything, so it is exported
 * only when the user wrote it, and then with a warning.
 */
function matchesEverything(glob) {
    // Judged by behaviour, not spelling: `*`, `**` and `?*` all cover every first path element.
    return EVERYTHING_PROBES.every(path => matchesPrefixPatterns(glob, path));
}
/**
 * Module paths unlike each other in every way a glob could tell apart: length, characters, case, depth. Depth
 * starts at two elements; one-element module paths are too rare to let a two-star glob pass as harmless.
 */
const EVERYTHING_PROBES = [
    'a.b/c',
    'github.com/acme/x',
    'golang.org/x/mod',
    'x-y.z/Upper_case~/v2',
    '0.9/ü/é/a/b/c/d/e',
    'very-long-host-name.example.internal/one/two/three/four/five/six/seven'
];
/** Joins patterns into the comma-separated form Go reads. */
function formatPatterns(patterns) {
    return patterns.join(',');
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./src/core/sumdb/config.ts



/** The go command's built-in verifier keys (cmd/go/internal/modfetch/key.go). */
const KNOWN_SUMDB_KEYS = {
    'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
};
/** The one alias Go knows: sum.golang.org, served where mainland China reaches it. */
const CHINA_SUMDB_ALIAS = 'sum.golang.google.cn';
const CHINA_SUMDB_URL = 'https://sum.golang.google.cn';
function keyHash(name, key) {
    return (0,external_node_crypto_namespaceObject.createHash)('sha256')
        .update(Buffer.concat([Buffer.from(`${name}\n`, 'utf8'), key]))
        .digest()
        .readUInt32BE(0);
}
/**
 * Checks a verifier key `name+hash+base64key` as golang.org/x/mod/sumdb/note.NewVerifier
 * does: 8 hex digits that equal the first 4 bytes of SHA-256(name + "\n" + key), a
 * base64 Ed25519 key (algorithm byte 1 and 32 bytes), and a name without blanks or `+`.
 * Returns the name.
 */
function checkVerifierKey(input, verifier) {
    const [name, hash16 = '', key64 = ''] = splitTwice(verifier, '+');
    const key = /^[A-Za-z0-9+/]*={0,2}$/.test(key64) && key64.length % 4 === 0 ? Buffer.from(key64, 'base64') : undefined;
    if (name === '' || /\s/.test(name) || !/^[0-9a-fA-F]{8}$/.test(hash16) || !key || key.length === 0) {
        throw new InputError(input, `${quote(verifier)} is neither a known checksum database (sum.golang.org, sum.golang.google.cn, off) nor a verifier key name+hash+key (Go: "malformed verifier id").`);
    }
    if (parseInt(hash16, 16) !== keyHash(name, key)) {
        throw new InputError(input, `the verifier key for ${quote(name)} has a hash that does not match its key (Go: "invalid verifier hash").`);
    }
    if (key[0] !== 1 || key.length !== 33) {
        throw new InputError(input, `the verifier key for ${quote(name)} is not an Ed25519 key (Go: "unknown verifier algorithm").`);
    }
    if (name.endsWith('/') || !/^[A-Za-z0-9._~-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(name)) {
        throw new InputError(input, `the checksum database name ${quote(name)} must be host[/path] (Go: "invalid sumdb name").`);
    }
    return name;
}
function splitTwice(s, sep) {
    const i = s.indexOf(sep);
    if (i < 0)
        return [s];
    const j = s.indexOf(sep, i + 1);
    return j < 0 ? [s.slice(0, i), s.slice(i + 1)] : [s.slice(0, i), s.slice(i + 1, j), s.slice(j + 1)];
}
/**
 * Parses GOSUMDB in every form Go accepts: `off`, a known name, the alias
 * `sum.golang.google.cn`, a verifier key, each optionally followed by one URL
 * (which bypasses the proxies). Rejects what Go would reject, with its words.
 */
function parseGosumdb(input, raw) {
    assertNoControlCharacters(input, redactText(raw));
    // Exact, as in Go's dbDial: " off" is not off (readSettings trims the input; the job's GOSUMDB reaches go as is).
    const value = raw;
    if (value === 'off')
        return { kind: 'off', value: 'off' };
    if (value === CHINA_SUMDB_ALIAS) {
        return {
            kind: 'db',
            value,
            name: 'sum.golang.org',
            key: KNOWN_SUMDB_KEYS['sum.golang.org'],
            url: CHINA_SUMDB_URL,
            explicitUrl: true
        };
    }
    const fields = value.split(/\s+/).filter(f => f !== '');
    if (fields.length === 0)
        throw new InputError(input, 'is empty after trimming.');
    if (fields.length > 2) {
        throw new InputError(input, `${quote(redactText(value))} has ${fields.length} fields; Go accepts a name or key, then at most one URL ("too many fields").`);
    }
    const [first, url] = fields;
    if (first === 'off' || first.toLowerCase() === 'off') {
        throw new InputError(input, `${quote(redactText(value))}: write exactly off to disable verification (not recommended).`);
    }
    const key = KNOWN_SUMDB_KEYS[first] ?? first;
    const name = checkVerifierKey(input, key);
    if (url !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
        throw new InputError(input, `the checksum database URL ${quote(redactUrl(url))} must be an http(s) URL.`);
    }
    return {
        kind: 'db',
        value: fields.join(' '),
        name,
        key,
        url: url ?? `https://${name}`,
        explicitUrl: url !== undefined
    };
}

;// CONCATENATED MODULE: ./src/core/compose.ts






/** The six variables this action manages, in the order they are reported. */
const GO_VARIABLES = ['GOPROXY', 'GOSUMDB', 'GOPRIVATE', 'GONOPROXY', 'GONOSUMDB', 'GOINSECURE'];
/** True when `proxies` or `region` decides the chain; otherwise the job's own GOPROXY is kept. */
function chainFromInputs(settings) {
    return settings.proxies !== undefined || settings.region !== undefined;
}
/** The six variables as the job's environment holds them; empty counts as unset, as in Go. */
function goVariablesFrom(env) {
    const values = {};
    for (const name of GO_VARIABLES) {
        const value = env[name];
        if (value !== undefined && value !== '')
            values[name] = value;
    }
    return values;
}
function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}
/**
 * `proxies` entries first, then the region's; a URL already listed is not repeated;
 * one terminal keyword last (the user's, else the region's). The separators the
 * user wrote stay, so a `,` gate after a corporate proxy still guards what follows.
 */
function mergeChains(first, second) {
    const proxies = [];
    const seen = new Set();
    const add = (entries) => {
        for (const entry of entries) {
            const key = proxyKey(entry.url);
            if (!seen.has(key)) {
                seen.add(key);
                proxies.push(entry);
            }
        }
    };
    add(first?.proxies ?? []);
    add(second?.proxies ?? []);
    const terminal = first?.terminal ?? second?.terminal;
    // The proxy before the keyword keeps the gate its chain put there (`goproxy.io,direct`), even when that
    // proxy was dropped as a duplicate: otherwise `aliyun|direct` would send every error direct.
    if (terminal && proxies.length > 0) {
        const gate = (first?.terminal ? first : second)?.proxies.at(-1)?.separator ?? ',';
        proxies[proxies.length - 1] = { ...proxies[proxies.length - 1], separator: gate };
    }
    return { proxies, ...(terminal ? { terminal } : {}) };
}
function regionChain(settings) {
    if (!settings.region)
        return undefined;
    const preset = REGION_PRESETS[settings.region];
    const proxies = preset.proxies.map((name, i) => {
        const url = findPreset(name)?.url ?? name;
        const last = i === preset.proxies.length - 1;
        return { url, separator: last ? ',' : '|', origin: 'region', preset: name };
    });
    return { proxies, terminal: preset.terminal };
}
/**
 * Composes the Go module environment from validated settings and what the job
 * already has. Pure: the shell gathers `ambient`, this decides. Throws InputErrors
 * for problems that only show once inputs meet each other or the job's environment
 * (a private probe module, an invalid GOPROXY inherited from the job).
 */
function composePlan(settings, ambient) {
    const errors = new ErrorCollector();
    const warnings = [
        ...(settings.proxies?.ignored ?? []).map(e => `proxies: ${quote(e)} comes after direct/off; Go ignores it.`)
    ];
    const exported = new Set(['GOPROXY']);
    let chain;
    let chainSource;
    if (chainFromInputs(settings)) {
        chain = mergeChains(settings.proxies?.chain, regionChain(settings));
        chainSource = 'inputs';
    }
    else {
        const fromEnv = nonEmpty(ambient.env.GOPROXY);
        const fromGo = nonEmpty(ambient.goEnvGoproxy);
        const [value, source, input] = fromEnv
            ? [fromEnv, 'environment', 'GOPROXY (job environment)']
            : fromGo
                ? [fromGo, 'go env', 'GOPROXY (go env)']
                : [GO_DEFAULT_GOPROXY, 'go default', 'GOPROXY'];
        const parsed = errors.attempt(() => parseGoproxy(input, value), undefined);
        chain = parsed?.chain ?? { proxies: [] };
        chainSource = source;
        for (const entry of parsed?.ignored ?? [])
            warnings.push(`${input}: ${quote(entry)} comes after direct/off; Go ignores it.`);
    }
    const regionSumdb = settings.region ? REGION_PRESETS[settings.region].sumdb : undefined;
    const ambientSumdb = nonEmpty(ambient.env.GOSUMDB);
    let sumdb;
    let sumdbChosen = true;
    if (settings.sumdb) {
        sumdb = settings.sumdb;
        exported.add('GOSUMDB');
    }
    else if (ambientSumdb) {
        sumdb = errors.attempt(() => parseGosumdb('GOSUMDB (job environment)', ambientSumdb), parseGosumdb('GOSUMDB', GO_DEFAULT_GOSUMDB));
    }
    else if (regionSumdb) {
        sumdb = parseGosumdb('region', regionSumdb);
        exported.add('GOSUMDB');
    }
    else {
        sumdb = parseGosumdb('GOSUMDB', GO_DEFAULT_GOSUMDB);
        sumdbChosen = false;
    }
    if (settings.sumdb?.kind === 'off') {
        warnings.push('sumdb: off turns checksum verification off for every module not in go.sum; a tampered module would go unnoticed.');
    }
    const pick = (input, variable) => {
        if (input) {
            exported.add(variable);
            return formatPatterns(input);
        }
        const inherited = nonEmpty(ambient.env[variable]);
        // Passed on in the outputs (and in GOPRIVATE when auth adds to it): a line break would end the value early.
        if (inherited !== undefined) {
            errors.attempt(() => assertNoControlCharacters(`${variable} (job environment)`, inherited), undefined);
        }
        return inherited;
    };
    const goprivate = pick(settings.private, 'GOPRIVATE') ?? '';
    const ownNoProxy = pick(settings.noProxy, 'GONOPROXY');
    const ownNoSumdb = pick(settings.noSumdb, 'GONOSUMDB');
    const gonoproxy = ownNoProxy ?? goprivate;
    const gonosumdb = ownNoSumdb ?? goprivate;
    const goinsecure = pick(settings.insecure, 'GOINSECURE') ?? '';
    const everything = (name, patterns, what) => {
        for (const glob of patterns ?? []) {
            if (matchesEverything(glob))
                warnings.push(`${name}: ${quote(glob)} matches every module path: ${what}`);
        }
    };
    everything('private', settings.private, 'no module is verified against the checksum database or fetched through a proxy.');
    everything('no-sumdb', settings.noSumdb, 'no module is verified against the checksum database.');
    everything('insecure', settings.insecure, 'every direct fetch may use plain HTTP or skip certificate checks.');
    if (settings.probe &&
        (matchesPrefixPatterns(gonoproxy, settings.probeModule) || matchesPrefixPatterns(gonosumdb, settings.probeModule))) {
        errors.attempt(() => {
            throw new InputError('probe-module', `${quote(settings.probeModule)} matches the private patterns (GONOPROXY ${quote(gonoproxy)}, GONOSUMDB ${quote(gonosumdb)}); the probe sends it to every proxy, so it must be a public module.`);
        }, undefined);
    }
    errors.throwIfAny();
    return {
        chain,
        chainSource,
        sumdb,
        sumdbChosen,
        goprivate,
        gonoproxy,
        gonosumdb,
        goinsecure,
        noProxyFollowsPrivate: ownNoProxy === undefined,
        noSumdbFollowsPrivate: ownNoSumdb === undefined,
        exported,
        warnings
    };
}
/**
 * Adds patterns to GOPRIVATE (private module hosts named by `auth` lines) and
 * re-applies Go's defaulting: GONOPROXY / GONOSUMDB follow unless the user set them.
 */
function addPrivatePatterns(plan, patterns) {
    const present = new Set(plan.goprivate.split(','));
    const added = patterns.filter(pattern => !present.has(pattern));
    if (added.length === 0)
        return plan;
    const goprivate = [plan.goprivate, ...added].filter(p => p !== '').join(',');
    return {
        ...plan,
        goprivate,
        gonoproxy: plan.noProxyFollowsPrivate ? goprivate : plan.gonoproxy,
        gonosumdb: plan.noSumdbFollowsPrivate ? goprivate : plan.gonosumdb,
        exported: new Set([...plan.exported, 'GOPRIVATE'])
    };
}
/** The same plan with another chain (credentials moved out of URLs, or the probe's rebuilt chain). */
function withChain(plan, chain) {
    return { ...plan, chain };
}
/**
 * The values to export and the effective values (after Go's defaulting) for the
 * outputs, for a plan and the chain finally chosen (the probe may have reordered it).
 */
function environmentFor(plan, chain = plan.chain, sumdb = plan.sumdb) {
    const effective = {
        GOPROXY: formatChain(chain),
        GOSUMDB: sumdb.value,
        GOPRIVATE: plan.goprivate,
        GONOPROXY: plan.gonoproxy,
        GONOSUMDB: plan.gonosumdb,
        GOINSECURE: plan.goinsecure
    };
    const exports = {};
    for (const name of GO_VARIABLES) {
        if (plan.exported.has(name) || (name === 'GOSUMDB' && sumdb !== plan.sumdb))
            exports[name] = effective[name];
    }
    return { exports, effective };
}

;// CONCATENATED MODULE: ./src/core/auth/secrets.ts
/**
 * Handling secret text safely, shared by the `auth` parser and the credential planners: what a netrc file
 * cannot hold, how to show a URL whose userinfo may be a token, every form in which a secret could reach
 * a log (so all of them are masked), and Go's own netrc lookup (so the probe sends what go would send).
 *
 * Kept together because each rule must be applied the same way to `auth` lines, proxy URLs and the
 * GOSUMDB URL; a second copy that drifted would leak a secret or plan a credential Go never sends.
 */

/**
 * Blanks and control characters: they would split a netrc token or an `auth` line's fields, so a
 * credential containing one is refused rather than written.
 */
// eslint-disable-next-line no-control-regex
const BAD_CHARACTER = /[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** A URL with its whole userinfo hidden: for a malformed one, the "user" may well be the token. */
function hideUserinfo(url) {
    // Up to the LAST @ of the authority, as the URL parser splits it: a password may hold an @.
    return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1xxxxx@');
}
/**
 * Percent-decodes one userinfo part, as Go does before writing netrc. Throws an InputError for `input`
 * naming the URL as `shown` (already hidden), never the undecodable text, which may be the secret.
 */
function decodeUserinfo(input, shown, value) {
    try {
        return decodeURIComponent(value);
    }
    catch {
        throw new InputError(input, `proxy ${quote(shown)} has a malformed %-escape in its credentials.`);
    }
}
/** The base64 credentials of a Basic Authorization header. */
function basicHeader(username, secret) {
    return Buffer.from(`${username}:${secret}`, 'utf8').toString('base64');
}
/** The Authorization header value for basic auth, as the go command sends netrc credentials. */
function basicAuthorization(username, secret) {
    return `Basic ${basicHeader(username, secret)}`;
}
/**
 * Every form in which a credential could show up in a log: raw, URL-encoded, as userinfo, and as the
 * base64 Basic header an HTTP trace would print.
 */
function secretForms(username, secret) {
    const base64 = basicHeader(username, secret);
    return [secret, encodeURIComponent(secret), `${username}:${secret}`, base64, `Basic ${base64}`];
}
/** Go's auth.AddCredentials: https only, the first netrc machine equal to the request's host (port included). */
function credentialsFor(netrc, url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:')
        return undefined;
    // WHATWG URLs lower-case the host and drop :443; normalise the machine the same way.
    const host = parsed.host;
    const entry = netrc.find(e => e.machine.toLowerCase().replace(/:443$/, '') === host);
    if (!entry)
        return undefined;
    return { username: entry.login, password: entry.password, ...(entry.line ? { line: entry.line } : {}) };
}

;// CONCATENATED MODULE: ./src/core/auth/types.ts
/** The user GitHub (and GitLab, Gitea) accept alongside a bare token. */
const DEFAULT_AUTH_USER = 'x-access-token';

;// CONCATENATED MODULE: ./src/core/auth/parse.ts
/**
 * Parsing the `auth` input into AuthCredentials, one per line: `HOST[:PORT][/PATH] [USER:]SECRET`.
 *
 * Secrets never appear in a message: errors name the line number and what is wrong, never a field's
 * text (a user who swapped the fields would otherwise see the token echoed before anything could mask
 * it). The planners reuse lineProblem so their messages point at the same line in the same words.
 */



const INPUT = 'auth';
const FORMAT = 'write HOST[:PORT][/PATH] [USER:]SECRET';
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const HOST_FIELD = new RegExp(`^(\\[[0-9A-Fa-f:.]+\\]|${LABEL}(?:\\.${LABEL})*)(?::(\\d*))?(/.*)?$`);
const PATH_ELEMENT = /^[A-Za-z0-9._~-]+$/;
/** An InputError on the `auth` input naming `line`; `detail` must never quote a field, which may be a secret. */
function lineProblem(line, detail) {
    return new InputError(INPUT, `line ${line}: ${detail}`);
}
/** Names a character by code point only: the field around it may be a secret. */
function badCharacter(line, field, value) {
    const match = BAD_CHARACTER.exec(value);
    if (!match)
        return undefined;
    const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    return lineProblem(line, `the ${field} contains the blank or control character U+${code}; remove it (${FORMAT}).`);
}
function parseHostField(line, field) {
    if (/^[A-Za-z][A-Za-z0-9+.-]*:\/\//.test(field)) {
        throw lineProblem(line, `the host is written with a scheme; ${FORMAT} (https:// is implied).`);
    }
    const match = HOST_FIELD.exec(field);
    if (!match) {
        throw lineProblem(line, `the first field is not a host name (letters, digits, dots and dashes) or IP address; ${FORMAT}.`);
    }
    const port = match[2] ?? '';
    if (match[2] !== undefined && (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)) {
        throw lineProblem(line, 'the port is not a number from 1 to 65535.');
    }
    let path = (match[3] ?? '').slice(1);
    if (path.endsWith('/'))
        path = path.slice(0, -1);
    if (path !== '') {
        for (const element of path.split('/')) {
            if (!PATH_ELEMENT.test(element) || element === '.' || element === '..') {
                throw lineProblem(line, 'the path has an empty element or a character other than A-Z a-z 0-9 - . _ ~ (as in module paths).');
            }
        }
    }
    return { host: match[1].toLowerCase(), port, path };
}
function parseSecretField(line, field) {
    const colon = field.indexOf(':');
    if (colon === 0)
        throw lineProblem(line, `the user before ':' is empty; write USER:SECRET, or the secret alone for ${DEFAULT_AUTH_USER}.`);
    const username = colon < 0 ? DEFAULT_AUTH_USER : field.slice(0, colon);
    const secret = colon < 0 ? field : field.slice(colon + 1);
    if (secret === '')
        throw lineProblem(line, 'the secret after the user is empty.');
    return { username, secret };
}
/**
 * Parses the `auth` input: one credential per line, `HOST[:PORT][/PATH] [USER:]SECRET`,
 * fields separated by spaces or tabs; blank lines and lines starting with `#` are skipped.
 * Refuses, naming the line and never the text: a field with a blank or control character,
 * more or fewer than two fields, an invalid host, port or path, an empty user or secret,
 * and a host/path given twice. Throws InputErrors listing every bad line.
 */
function parseAuth(raw) {
    const errors = new ErrorCollector();
    const credentials = [];
    const seen = new Map();
    raw.split('\n').forEach((text, index) => {
        const line = index + 1;
        const trimmed = text.replace(/\r$/, '').replace(/^[ \t]+|[ \t]+$/g, '');
        if (trimmed === '' || trimmed.startsWith('#'))
            return;
        errors.attempt(() => {
            const fields = trimmed.split(/[ \t]+/);
            if (fields.length !== 2) {
                const count = fields.length === 1 ? 'one field' : `${fields.length} fields`;
                throw lineProblem(line, `has ${count} where two are needed; ${FORMAT} (no field can contain a blank).`);
            }
            const bad = badCharacter(line, 'host', fields[0]) ?? badCharacter(line, 'secret field', fields[1]);
            if (bad)
                throw bad;
            const credential = {
                line,
                ...parseHostField(line, fields[0]),
                ...parseSecretField(line, fields[1])
            };
            const key = `${credential.host}:${credential.port}/${credential.path}`;
            const earlier = seen.get(key);
            if (earlier !== undefined)
                throw lineProblem(line, `names the same host, port and path as line ${earlier}; keep one.`);
            seen.set(key, line);
            credentials.push(credential);
        }, undefined);
    });
    errors.throwIfAny();
    return credentials;
}

;// CONCATENATED MODULE: ./src/core/auth/module-hosts.ts
/**
 * Planning credentials for module hosts: `auth` lines that name no proxy in the chain. Each becomes a
 * git credential scoped to its URL prefix, a GOPRIVATE addition unless the private patterns already
 * cover it (noted in the log, so the user sees why nothing was added), and, where go itself talks to
 * the host, a host-wide netrc entry.
 *
 * The netrc entry is the one place a module credential reaches more than its path: go's `?go-get=1`
 * lookup on a private GitLab or company server needs it, and netrc has no path. The notes say so.
 */


/**
 * Hosts the go command resolves without an HTTPS `?go-get=1` lookup (vcsPaths in
 * cmd/go/internal/vcs): only git talks to them, so git's path-scoped header is enough
 * and no host-wide netrc entry is written.
 */
const STATIC_VCS_HOSTS = new Set(['github.com', 'bitbucket.org']);
/**
 * Plans one module-host `auth` line into `draft`: a git credential for `https://host[:port]/path/`,
 * a GOPRIVATE addition or a note naming the pattern that already covers it, and a netrc entry unless
 * git alone talks to the host, the line has a port (module paths carry none), or the host already has
 * a netrc entry (netrc holds one per host; the note names whose is used). `proxiesOnHost` lists the
 * proxies on the same host name, redacted, for a note that the line did not match them.
 * Records an InputError for a host that cannot start a module path.
 */
function planModuleHost(draft, patterns, credential, proxiesOnHost) {
    const { errors, notes, git, privateAdditions, netrc } = draft;
    const { line, host, port, path } = credential;
    if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host)) {
        errors.attempt(() => {
            throw lineProblem(line, 'the host names no proxy in the chain, and it cannot be a module host: a module path starts with a domain name that has a dot.');
        }, undefined);
        return;
    }
    const target = path === '' ? host : `${host}/${path}`;
    if (proxiesOnHost.length > 0) {
        notes.push(`auth line ${line}: ${target} is on the host of the proxy ${proxiesOnHost.join(', ')} but not its port or path, so it is treated as a module host; give the proxy's port and path to apply it to the proxy.`);
    }
    const hostPort = port === '' ? host : `${host}:${port}`;
    git.push({
        urlPrefix: `https://${hostPort}/${path === '' ? '' : `${path}/`}`,
        username: credential.username,
        secret: credential.secret,
        line
    });
    // Private only if both GONOPROXY and GONOSUMDB cover it: either alone would still leak the path to a public service.
    const covering = (list) => list.split(',').find(glob => glob !== '' && matchesPrefixPatterns(glob, target));
    const byAddition = privateAdditions.find(glob => matchesPrefixPatterns(glob, target));
    const byNoProxy = covering(patterns.gonoproxy);
    const byNoSumdb = covering(patterns.gonosumdb);
    if (byAddition) {
        notes.push(`auth line ${line}: ${target} already covered by the GOPRIVATE addition ${byAddition}.`);
    }
    else if (byNoProxy && byNoSumdb) {
        const how = byNoProxy === byNoSumdb
            ? `GOPRIVATE pattern ${byNoProxy}`
            : `GONOPROXY pattern ${byNoProxy} and GONOSUMDB pattern ${byNoSumdb}`;
        notes.push(`auth line ${line}: ${target} already covered by ${how}.`);
    }
    else {
        privateAdditions.push(target);
        notes.push(`auth line ${line}: ${target} added to GOPRIVATE, so it skips public proxies and the public checksum database.`);
    }
    // Module paths carry no port, so go's own lookups never use a netrc entry with one.
    if (STATIC_VCS_HOSTS.has(host) || port !== '')
        return;
    const existing = netrc.find(e => e.machine === host);
    if (existing) {
        const owner = existing.line ? `auth line ${existing.line}` : 'a proxy URL';
        notes.push(`auth line ${line}: go's ?go-get=1 lookups on ${host} use the credentials of ${owner} (netrc holds one per host); git uses this line's under ${target}.`);
        return;
    }
    netrc.push({ machine: host, login: credential.username, password: credential.secret, line });
    notes.push(`auth line ${line}: go's ?go-get=1 lookups send this credential to every path on ${host} (netrc is per host); git sends it only under ${target}.`);
}

;// CONCATENATED MODULE: ./src/core/auth/proxy-hosts.ts




/** The input a proxy URL came from, for messages: the user fixes it there. */
function inputOf(entry) {
    return entry.origin === 'environment' ? 'GOPROXY (job environment)' : 'proxies';
}
function defaultPort(scheme) {
    return scheme === 'https' ? '443' : scheme === 'http' ? '80' : '';
}
function proxyPath(proxy) {
    return proxy.rest.replace(/[?#].*$/s, '').replace(/^\/+|\/+$/g, '');
}
function pathCovers(prefix, path) {
    return prefix === '' || path === prefix || path.startsWith(`${prefix}/`);
}
/** Host and effective port, since an `auth` line without a port means the scheme's default as Go does. */
function sameHost(credential, proxy) {
    return (proxy.hostname.toLowerCase() === credential.host &&
        (credential.port || defaultPort(proxy.scheme)) === (proxy.port || defaultPort(proxy.scheme)));
}
/** A proxy URL's userinfo as netrc credentials, refusing what netrc cannot carry. */
function userinfoCredentials(entry, proxy) {
    if (proxy.username === '' && proxy.password === '' && !/^[^/]*\/\/[^/?#]*@/.test(entry.url))
        return undefined;
    const input = inputOf(entry);
    const shown = hideUserinfo(entry.url);
    const username = decodeUserinfo(input, shown, proxy.username);
    const password = decodeUserinfo(input, shown, proxy.password);
    if (username === '' || password === '') {
        // Go's netrc parser drops an entry without both, so the URL form could not be kept working.
        throw new InputError(input, `proxy ${quote(shown)} carries credentials without both a user and a password; write https://USER:TOKEN@host, or move them to an auth line.`);
    }
    if (BAD_CHARACTER.test(username) || BAD_CHARACTER.test(password)) {
        throw new InputError(input, `proxy ${quote(shown)} has a blank or control character in its credentials, which a netrc file cannot hold.`);
    }
    return { username, password };
}
/** Adds a netrc entry; false (and an error) when the machine already has different credentials. */
function addNetrc(draft, entry, conflict) {
    const existing = draft.netrc.find(e => e.machine === entry.machine);
    if (!existing) {
        draft.netrc.push(entry);
        return true;
    }
    if (existing.login === entry.login && existing.password === entry.password)
        return true;
    draft.errors.attempt(() => {
        throw conflict(existing);
    }, undefined);
    return false;
}
/** Where an existing netrc entry came from, for a conflict message: the user must know which to remove. */
function source(entry) {
    return entry.line ? `auth line ${entry.line}` : 'the credentials in another proxy URL';
}
/**
 * Moves credentials written inside https proxy URLs to netrc entries for the proxy's host. Run before
 * the `auth` lines: a URL's credentials belong to exactly one proxy, so a line that disagrees with them
 * is the one reported.
 */
function planProxyUserinfo(draft, proxies) {
    for (const { entry, parsed } of proxies) {
        if (parsed.scheme !== 'https')
            continue;
        const fromUrl = draft.errors.attempt(() => userinfoCredentials(entry, parsed), undefined);
        if (!fromUrl)
            continue;
        for (const s of secretsOfUrl(entry.url))
            draft.secrets.add(s);
        for (const s of secretForms(fromUrl.username, fromUrl.password))
            draft.secrets.add(s);
        const added = addNetrc(draft, { machine: parsed.host, login: fromUrl.username, password: fromUrl.password }, first => new InputError(inputOf(entry), `proxy ${quote(redactUrl(entry.url))} carries credentials that differ from ${source(first)} for the same host; Go's netrc holds one per host and port.`));
        if (added)
            draft.notes.push(`proxy ${redactUrl(entry.url)}: credentials moved from the URL to netrc (machine ${parsed.host}).`);
    }
}
/**
 * The proxies (not file://) on the credential's host name, whatever their port or path: the module-host
 * planner names them when a line is on a proxy's host but does not match it.
 */
function proxiesOnHost(credential, proxies) {
    return proxies.filter(p => p.parsed.scheme !== 'file' && p.parsed.hostname.toLowerCase() === credential.host);
}
/**
 * Plans an `auth` line as proxy credentials when its host, port and path prefix name proxies in
 * `onHost` (from proxiesOnHost): a netrc entry per matching proxy host, or an error for an http://
 * proxy, a proxy whose URL carries other credentials, or a host with other credentials already.
 * Returns false, planning nothing, when the line names no proxy: it is then a module host.
 */
function planProxyCredential(draft, credential, onHost) {
    const matched = onHost.filter(p => sameHost(credential, p.parsed) && pathCovers(credential.path, proxyPath(p.parsed)));
    if (matched.length === 0)
        return false;
    const plain = matched.find(p => p.parsed.scheme === 'http');
    if (plain) {
        draft.errors.attempt(() => {
            throw lineProblem(credential.line, `the proxy ${quote(redactUrl(plain.entry.url))} uses http://, and Go refuses to send credentials over http. Use https for this proxy, or remove the line.`);
        }, undefined);
        return true;
    }
    for (const { entry, parsed } of matched) {
        const entryFromUrl = draft.netrc.find(e => e.machine === parsed.host && e.line === undefined);
        if (entryFromUrl && (entryFromUrl.login !== credential.username || entryFromUrl.password !== credential.secret)) {
            draft.errors.attempt(() => {
                throw lineProblem(credential.line, `the proxy ${quote(redactUrl(entry.url))} already carries other credentials in its URL; keep one of the two.`);
            }, undefined);
            continue;
        }
        const entryForLine = {
            machine: parsed.host,
            login: credential.username,
            password: credential.secret,
            line: credential.line
        };
        // Same credentials as the URL's: that entry already serves the line, and a second machine line would be a duplicate.
        const added = entryFromUrl !== undefined ||
            addNetrc(draft, entryForLine, first => lineProblem(credential.line, `the proxy host ${quote(parsed.host)} already has other credentials from ${source(first)}; Go's netrc holds one per host and port.`));
        if (added) {
            draft.notes.push(`auth line ${credential.line}: credentials for the proxy ${redactUrl(stripCredentials(entry.url))} (netrc machine ${parsed.host}).`);
        }
    }
    return true;
}

;// CONCATENATED MODULE: ./src/core/auth/plan.ts





/**
 * Decides where every credential goes, given the chain (credentials for a proxy in it)
 * and the effective private patterns (module hosts not already private are added).
 *
 * - A line whose host and port (and path prefix, if any) name an https proxy in the chain
 *   becomes a netrc entry for that proxy's host as written in its URL, which is what Go
 *   compares. Credentials inside a proxy URL move there too, and the returned chain has none.
 * - Any other line is a module host: a git `extraHeader` for `https://host[:port]/path/`
 *   only; a GOPRIVATE addition unless GONOPROXY and GONOSUMDB both cover it already; and,
 *   unless git alone talks to the host (github.com, bitbucket.org), a netrc entry, because
 *   go's `?go-get=1` lookup on a private GitLab or company server needs the credential and
 *   netrc is host-wide (noted in the log).
 *
 * Throws InputErrors for credentials aimed at an http:// proxy (Go refuses to send them),
 * for one proxy host given two different credentials, and for module hosts that cannot
 * start a module path.
 */
function planCredentials(credentials, chain, goprivate) {
    const patterns = typeof goprivate === 'string' ? { gonoproxy: goprivate, gonosumdb: goprivate } : goprivate;
    const draft = {
        errors: new ErrorCollector(),
        notes: [],
        secrets: new Set(),
        netrc: [],
        git: [],
        privateAdditions: []
    };
    const proxies = [];
    for (const entry of chain.proxies) {
        // The chain was validated already; a URL that still fails is reported, not thrown past the collector.
        const parsed = draft.errors.attempt(() => parseProxyUrl(inputOf(entry), entry.url, redactUrl(entry.url)), undefined);
        if (parsed)
            proxies.push({ entry, parsed });
    }
    // Credentials written inside proxy URLs first: they belong to exactly one proxy.
    planProxyUserinfo(draft, proxies);
    for (const credential of credentials) {
        for (const s of secretForms(credential.username, credential.secret))
            draft.secrets.add(s);
        const onHost = proxiesOnHost(credential, proxies);
        if (planProxyCredential(draft, credential, onHost))
            continue;
        planModuleHost(draft, patterns, credential, onHost.map(p => redactUrl(stripCredentials(p.entry.url))));
    }
    draft.errors.throwIfAny();
    const stripped = {
        proxies: chain.proxies.map(entry => ({ ...entry, url: stripCredentials(entry.url) })),
        ...(chain.terminal ? { terminal: chain.terminal } : {})
    };
    const { netrc } = draft;
    return {
        chain: stripped,
        netrc,
        git: draft.git,
        privateAdditions: draft.privateAdditions,
        secrets: [...draft.secrets].filter(s => s !== ''),
        credentialsFor: url => credentialsFor(netrc, url),
        notes: draft.notes
    };
}

;// CONCATENATED MODULE: ./src/core/auth/sumdb.ts
/**
 * Credentials written in the GOSUMDB URL: moved into the netrc plan like a proxy URL's, so the exported
 * GOSUMDB carries no secret. A separate step from planCredentials because the checksum database is
 * configured (and validated) after the chain, and a plan without a sumdb URL must pass through unchanged.
 */



/**
 * Moves credentials written in a GOSUMDB URL to the netrc plan, as planCredentials does for proxy URLs: the go
 * command's web client sends netrc credentials to the checksum database's host like to any other, so the exported
 * GOSUMDB (and the gosumdb output, the summary and `go env`) carry no secret. Refuses what Go or a netrc file cannot
 * carry (credentials over http, a missing user or password, blanks) and a host that already has other credentials.
 * Throws InputErrors.
 */
function planSumdbCredentials(plan, sumdb) {
    if (sumdb.kind !== 'db' || !sumdb.explicitUrl)
        return { plan, sumdb };
    const url = stripCredentials(sumdb.url);
    if (url === sumdb.url)
        return { plan, sumdb };
    const shown = hideUserinfo(sumdb.url);
    const errors = new ErrorCollector();
    const planned = errors.attempt(() => {
        // An http URL with userinfo is refused here, as Go refuses to send credentials over http.
        const parsed = parseProxyUrl('sumdb', sumdb.url, shown);
        const login = decodeUserinfo('sumdb', shown, parsed.username);
        const password = decodeUserinfo('sumdb', shown, parsed.password);
        if (login === '' || password === '' || BAD_CHARACTER.test(login) || BAD_CHARACTER.test(password)) {
            throw new InputError('sumdb', `the checksum database URL ${quote(shown)} carries credentials a netrc file cannot hold: write https://USER:TOKEN@host/path.`);
        }
        const existing = plan.netrc.find(e => e.machine === parsed.host);
        if (existing && (existing.login !== login || existing.password !== password)) {
            throw new InputError('sumdb', `the checksum database URL ${quote(shown)} carries credentials that differ from those for the same host in proxies or auth; Go's netrc holds one per host and port.`);
        }
        // A new array (not a push): the plan passed in stays as it was, and credentialsFor must see the new entry.
        const netrc = existing ? plan.netrc : [...plan.netrc, { machine: parsed.host, login, password }];
        return {
            ...plan,
            netrc,
            secrets: [...new Set([...plan.secrets, ...secretsOfUrl(sumdb.url), ...secretForms(login, password)])],
            credentialsFor: (target) => credentialsFor(netrc, target),
            notes: [...plan.notes, `sumdb: credentials moved from the URL to netrc (machine ${parsed.host}).`]
        };
    }, undefined);
    errors.throwIfAny();
    return { plan: planned ?? plan, sumdb: { ...sumdb, url, value: `${sumdb.value.split(' ')[0]} ${url}` } };
}

;// CONCATENATED MODULE: ./src/core/auth/index.ts
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





;// CONCATENATED MODULE: ./src/core/configure.ts
/**
 * The decisions the action and the CLI share, so that a laptop gets the same answer as
 * a runner: compose the plan and move credentials out of it (steps 1–2), then decide
 * what the probe's outcome means for the chain to export (step 3). Pure: the callers
 * gather the inputs and do the I/O.
 */


/**
 * Composes the Go module environment and plans the credentials for it. Throws
 * InputErrors for any bad input, before anything is written or exported.
 */
function planEnvironment(settings, ambient) {
    const composed = composePlan(settings, ambient);
    const planned = planSumdbCredentials(planCredentials(parseAuth(settings.auth), composed.chain, composed), composed.sumdb);
    const plan = addPrivatePatterns(withChain({ ...composed, sumdb: planned.sumdb }, planned.plan.chain), planned.plan.privateAdditions);
    return { plan, credentials: planned.plan };
}
/**
 * Applies `on-unreachable` to the probe's outcome: no problem → the rebuilt chain; a
 * problem → the chain as composed with a warning (`warn`) or a failure (`fail`).
 * `howToWarn` names the switch in the caller's words (an input or a flag).
 */
function decideAfterProbe(plan, proposal, onUnreachable, howToWarn) {
    if (proposal.problems.length === 0)
        return { chain: proposal.chain, sumdb: proposal.sumdb };
    const problems = proposal.problems.join('\n');
    const asComposed = { chain: plan.chain, sumdb: plan.sumdb };
    return onUnreachable === 'warn'
        ? { ...asComposed, warning: `${problems}\non-unreachable is warn: using the chain as composed.` }
        : { ...asComposed, failure: `${problems}\n${howToWarn} to use the chain anyway.` };
}

;// CONCATENATED MODULE: ./src/core/module-path.ts

/**
 * Go's case encoding for module paths and versions in proxy URLs: each upper-case
 * ASCII letter becomes `!` and its lower-case form, so that case-insensitive file
 * systems can hold the cache (`github.com/BurntSushi/toml` → `github.com/!burnt!sushi/toml`).
 */
function escapeModulePath(path) {
    return path.replace(/[A-Z]/g, c => `!${c.toLowerCase()}`);
}
/** The wire form of a proxy request path for a module: case-encoded, then percent-encoded per element. */
function moduleRequestPath(path) {
    return escapeModulePath(path)
        .split('/')
        .map(element => encodeURIComponent(element).replace(/!/g, '%21'))
        .join('/');
}
const WINDOWS_RESERVED = new Set(['CON', 'PRN', 'AUX', 'NUL', 'COM1', 'LPT1']);
/**
 * Validates a module path the way golang.org/x/mod/module.CheckPath does for the parts
 * that matter here: a first element that is a lower-case host name with a dot, then
 * elements of letters, digits and `-._~`, none empty, none starting or ending with a dot.
 * Throws an InputError naming `input`.
 */
function checkModulePath(input, path) {
    const fail = (why) => {
        throw new InputError(input, `${quote(path)} is not a valid module path: ${why}.`);
    };
    if (path === '')
        fail('it is empty');
    if (path.startsWith('/') || path.endsWith('/'))
        fail('it starts or ends with a slash');
    const elements = path.split('/');
    const first = elements[0];
    if (!first.includes('.'))
        fail(`its first element ${quote(first)} has no dot (it must be a host name)`);
    if (first.startsWith('-') || first.startsWith('.'))
        fail('its first element starts with a dash or a dot');
    if (!/^[a-z0-9.-]+$/.test(first))
        fail('its first element may hold only lower-case letters, digits, dots and dashes');
    for (const element of elements) {
        if (element === '')
            fail('it has an empty path element (double slash)');
        if (!/^[A-Za-z0-9._~-]+$/.test(element))
            fail(`element ${quote(element)} has a character other than A-Z a-z 0-9 - . _ ~`);
        if (element.startsWith('.') || element.endsWith('.'))
            fail(`element ${quote(element)} starts or ends with a dot`);
        if (WINDOWS_RESERVED.has(element.split('.')[0].toUpperCase()))
            fail(`element ${quote(element)} is reserved on Windows`);
    }
}

;// CONCATENATED MODULE: ./src/core/settings.ts






/** Input defaults, as in action.yml (the CLI has no action.yml to fill them in). */
const INPUT_DEFAULTS = {
    fallback: 'on-error',
    probe: 'true',
    'probe-timeout': '3000',
    'probe-module': 'golang.org/x/mod',
    order: 'latency',
    'on-unreachable': 'fail',
    warm: 'true',
    'working-directory': '.',
    'warm-timeout': '600',
    retries: '3'
};
function choice(input, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new InputError(input, `${quote(value)} is not one of: ${allowed.join(', ')}.`);
}
function settings_boolean(input, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new InputError(input, `${quote(value)} is not a boolean; write true or false.`);
}
function integer(input, value, min, max, unit) {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new InputError(input, `${quote(value)} is not a whole number of ${unit} from ${min} to ${max}.`);
    }
    return Number(value);
}
function list(value) {
    return value
        .split('\n')
        .map(line => line.replace(/\r$/, '').trim())
        .filter(line => line !== '');
}
/**
 * Reads and validates every input at once. Throws InputErrors listing every bad
 * input (each message names the input and the offending value), so a failed run
 * exports nothing and the user fixes everything in one go.
 */
function readSettings(read) {
    const get = (name) => {
        const value = read(name).trim();
        return value === '' ? (INPUT_DEFAULTS[name] ?? '') : value;
    };
    const errors = new ErrorCollector();
    const fallback = errors.attempt(() => choice('fallback', get('fallback'), ['on-error', 'not-found']), 'on-error');
    const separator = fallback === 'not-found' ? ',' : '|';
    const patterns = (name) => errors.attempt(() => optionalPatterns(name, read(name)), undefined);
    const regionValue = get('region');
    const sumdbValue = read('sumdb').trim();
    const probeModule = errors.attempt(() => {
        const value = get('probe-module');
        assertNoControlCharacters('probe-module', value);
        checkModulePath('probe-module', value);
        return value;
    }, '');
    const auth = read('auth');
    const settings = {
        proxies: errors.attempt(() => parseProxiesInput('proxies', read('proxies'), separator), undefined),
        region: regionValue === '' ? undefined : errors.attempt(() => choice('region', regionValue, REGIONS), undefined),
        private: patterns('private'),
        noProxy: patterns('no-proxy'),
        noSumdb: patterns('no-sumdb'),
        insecure: patterns('insecure'),
        sumdb: sumdbValue === '' ? undefined : errors.attempt(() => parseGosumdb('sumdb', sumdbValue), undefined),
        fallback: separator,
        probe: errors.attempt(() => settings_boolean('probe', get('probe')), true),
        probeTimeoutMs: errors.attempt(() => integer('probe-timeout', get('probe-timeout'), 100, 120000, 'milliseconds'), 3000),
        probeModule,
        order: errors.attempt(() => choice('order', get('order'), ['latency', 'given']), 'latency'),
        onUnreachable: errors.attempt(() => choice('on-unreachable', get('on-unreachable'), ['fail', 'warn']), 'fail'),
        warm: errors.attempt(() => settings_boolean('warm', get('warm')), true),
        workingDirectories: errors.attempt(() => {
            const dirs = list(get('working-directory'));
            dirs.forEach(dir => assertNoControlCharacters('working-directory', dir));
            return dirs.length > 0 ? dirs : ['.'];
        }, []),
        warmTimeoutSeconds: errors.attempt(() => integer('warm-timeout', get('warm-timeout'), 1, 21600, 'seconds'), 600),
        retries: errors.attempt(() => integer('retries', get('retries'), 1, 10, 'attempts'), 3),
        auth
    };
    errors.throwIfAny();
    return settings;
}
function optionalPatterns(name, raw) {
    return raw.trim() === '' ? undefined : parsePatternInput(name, raw);
}

;// CONCATENATED MODULE: ./src/core/probe-table.ts
/** The probe table in two forms: markdown for the job summary, aligned text for the log. Pure. */
const HEADERS = ['proxy', 'result', 'median', 'checksum DB', 'position'];
function resultText(proxy) {
    if (proxy.status !== 'ok')
        return proxy.message;
    const failed = proxy.attempts - proxy.samplesMs.length;
    const samples = `${proxy.samplesMs.length} sample${proxy.samplesMs.length === 1 ? '' : 's'}`;
    return failed > 0 ? `${proxy.message} (${samples}; ${failed} more failed)` : `${proxy.message} (${samples})`;
}
function medianText(proxy) {
    return proxy.medianMs === null ? '-' : `${proxy.medianMs} ms`;
}
function sumdbText(proxy) {
    switch (proxy.sumdbSupport) {
        case 'yes':
            return 'proxied';
        case 'no':
            return 'not proxied';
        case 'error':
            return `error: ${proxy.sumdbMessage ?? 'unknown'}`;
        case 'unknown':
        case 'not asked':
            return '-';
    }
}
function positionText(proxy) {
    return proxy.position === null ? 'dropped' : String(proxy.position);
}
function rows(report) {
    return report.proxies.map(p => [p.url, resultText(p), medianText(p), sumdbText(p), positionText(p)]);
}
/** Text made safe for one markdown table cell: no line break, no column separator. */
function markdownCell(text) {
    return text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
}
/** One warning per proxy the probe left out of the chain, with its reason (the action and the CLI say the same). */
function droppedWarnings(report) {
    return report.proxies.filter(proxy => proxy.position === null).map(proxy => `Dropped ${proxy.url}: ${proxy.message}`);
}
/** The checksum-database verdict as one sentence. */
function sumdbVerdictText(verdict) {
    if (verdict.status === 'off')
        return `Checksum database: ${verdict.message}`;
    const timing = verdict.ms === undefined ? '' : ` (${verdict.ms} ms)`;
    const state = verdict.status === 'failed' ? 'FAILED' : verdict.status === 'switched' ? 'switched' : 'ok';
    return `Checksum database ${verdict.name}: ${state}: ${verdict.message}${timing}`;
}
/** The probe table as GitHub markdown, for the job summary (every URL already redacted). */
function probeTableMarkdown(report) {
    const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
    for (const row of rows(report))
        lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
    lines.push('', `Probe module \`${report.module}\`, ${report.elapsedMs} ms of ${report.timeoutMs} ms, order: ${report.order}. Exported chain: \`${report.chain || '(none)'}\`.`);
    return lines.join('\n');
}
/** The checksum-database verdict as markdown, for the job summary. */
function sumdbVerdictMarkdown(report) {
    return markdownCell(sumdbVerdictText(report.sumdb));
}
/**
 * The probe table as aligned text for the log. The result comes last (it is the
 * longest column), so the short columns line up.
 */
function probeTableText(report) {
    const order = [0, 4, 2, 3, 1];
    const table = [[...HEADERS], ...rows(report)].map(row => order.map(i => row[i]));
    const widths = order.map((_, c) => Math.max(...table.map(row => row[c].length)));
    const lines = table.map(row => row
        .map((text, c) => (c === row.length - 1 ? text : text.padEnd(widths[c])))
        .join('  ')
        .trimEnd());
    lines.push(`probe: ${report.elapsedMs} ms of ${report.timeoutMs} ms; module ${report.module}; order ${report.order}`, `chain: ${report.chain || '(none)'}`, sumdbVerdictText(report.sumdb));
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/core/logger.ts
/** A logger that drops everything, for tests and quiet callers. */
const silentLogger = {
    info: () => undefined,
    warning: () => undefined,
    error: () => undefined,
    debug: () => undefined
};

;// CONCATENATED MODULE: ./src/core/probe-report.ts

/** Statuses that keep an entry in the exported chain. A not-found proxy is reachable; Go falls through it on 404/410. */
function isWorking(status) {
    return status === 'ok' || status === 'not-found';
}
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const CLOSED_CODES = new Set([
    'ECONNRESET',
    'EPIPE',
    'ECONNABORTED',
    'ERR_STREAM_PREMATURE_CLOSE',
    'HPE_INVALID_EOF_STATE'
]);
/** True for Node's name-resolution failure codes (ENOTFOUND, EAI_*): the host name did not resolve. */
function isDnsCode(code) {
    return DNS_CODES.has(code);
}
/** True for codes meaning the peer closed or reset the connection before a complete answer. */
function isClosedCode(code) {
    return CLOSED_CODES.has(code);
}
/** Node's certificate and handshake codes, as reasons a user recognises. */
const TLS_REASONS = {
    DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
    SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in the chain (an untrusted root, such as a TLS-inspecting firewall)',
    CERT_HAS_EXPIRED: 'certificate expired',
    CERT_NOT_YET_VALID: 'certificate not yet valid (is the runner clock right?)',
    ERR_TLS_CERT_ALTNAME_INVALID: 'certificate not valid for this host name (hostname mismatch)',
    UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'certificate signed by an unknown authority',
    UNABLE_TO_GET_ISSUER_CERT: 'certificate signed by an unknown authority',
    UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'certificate signed by an unknown authority',
    CERT_UNTRUSTED: 'certificate not trusted',
    CERT_REVOKED: 'certificate revoked',
    CERT_SIGNATURE_FAILURE: 'certificate signature invalid',
    ERR_SSL_WRONG_VERSION_NUMBER: 'handshake failed: the server does not speak TLS on this port',
    EPROTO: 'handshake failed (protocol error)'
};
/** The reason for a TLS failure code, or undefined when the code is not about TLS. */
function tlsReason(code) {
    // OpenSSL's verification codes (UNABLE_TO_*, HOSTNAME_MISMATCH, INVALID_CA, ...) without a wording of their own.
    const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_)|^(HOSTNAME_MISMATCH|INVALID_CA|INVALID_PURPOSE)$/;
    return TLS_REASONS[code] ?? (tlsCode.test(code) ? `handshake failed (${code})` : undefined);
}
/** Classifies a request that never produced an HTTP answer. */
function classifyFailure(failure) {
    const { code, host, phase } = failure;
    const within = `within ${Math.round(failure.elapsedMs)} ms`;
    const hostname = host.replace(/:\d+$/, '');
    if (code === 'DEADLINE') {
        switch (phase) {
            case 'dns':
                return { status: 'dns', message: `DNS failure: the lookup of ${hostname} did not finish ${within}` };
            case 'connect':
                return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} ${within}` };
            case 'tls':
                return {
                    status: 'no-response',
                    message: `no response: ${host} accepted the connection but did not complete the TLS handshake ${within}`
                };
            case 'response':
                return {
                    status: 'no-response',
                    message: `no response: ${host} accepted the connection but sent nothing ${within}`
                };
            case 'body':
                return {
                    status: 'slow',
                    message: `slow: ${host} sent headers but the body was still arriving after ${Math.round(failure.elapsedMs)} ms`
                };
        }
    }
    if (DNS_CODES.has(code)) {
        const why = code === 'EAI_AGAIN' ? 'the DNS server did not answer' : 'the name does not resolve';
        return { status: 'dns', message: `DNS failure: ${hostname}: ${why} (${code})` };
    }
    if (code === 'ECONNREFUSED')
        return { status: 'refused', message: `connection refused by ${host}` };
    if (code === 'ETIMEDOUT' && phase === 'connect') {
        return { status: 'connect-timeout', message: `connect timeout: no TCP connection to ${host} (${code})` };
    }
    const reason = tlsReason(code);
    if (reason)
        return { status: 'tls', message: `TLS error: ${reason} (${host}, ${code})` };
    if (CLOSED_CODES.has(code) || /socket hang up/i.test(failure.message)) {
        if (phase === 'tls') {
            return { status: 'tls', message: `TLS error: ${host} closed the connection during the handshake (${code})` };
        }
        return { status: 'connection-closed', message: `connection closed by ${host} before a complete answer (${code})` };
    }
    return { status: 'network', message: `network error reaching ${host}: ${oneLine(failure.message)} (${code})` };
}
/**
 * The first lines of a text/plain error body, as the go command quotes them:
 * control characters removed, credentials in URLs redacted, cut to a readable length.
 * '' for any other content type.
 */
function bodyExcerpt(contentType, body, maxLines = 2) {
    if (!/^text\/plain\b/i.test(contentType.trim()))
        return '';
    const lines = body
        .split('\n')
        .map(line => oneLine(line))
        .filter(line => line !== '')
        .slice(0, maxLines);
    const text = redactText(lines.join(' / '));
    return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
function oneLine(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').trim();
}
const SEMVER = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$/;
/**
 * True for a `@v/list` body: one version per line (Go reads the first field of each
 * line), blank lines allowed, empty allowed. When the body was cut at a size limit
 * the last, partial line is not judged.
 */
function isVersionList(body, truncated = false) {
    const lines = body.split('\n');
    if (truncated)
        lines.pop();
    return lines.every(line => {
        const first = line.trim().split(/\s+/)[0];
        return first === '' || SEMVER.test(first);
    });
}
function looksLikeHtml(contentType, body) {
    return /^\s*(text\/html|application\/xhtml)/i.test(contentType) || /^\s*<(!doctype|html|head|body|\?xml)/i.test(body);
}
function statusLine(answer) {
    const text = answer.statusText.trim();
    return `HTTP ${answer.status}${text ? ` ${oneLine(text)}` : ''}`;
}
/**
 * The words for an answer that is not a success: the status, then what a text/plain
 * body says; 401/403 name the host that wants credentials.
 */
function describeFailedAnswer(answer) {
    if (answer.status === 401 || answer.status === 403) {
        const host = answer.host;
        return {
            status: 'unauthorized',
            message: answer.authSent
                ? `${statusLine(answer)}: credentials missing or wrong for ${host}: the ones sent were refused; check the auth line for ${host}`
                : `${statusLine(answer)}: credentials missing or wrong for ${host}: none were sent; add an auth line for ${host} (auth: ${host} [USER:]SECRET)`
        };
    }
    if (answer.status >= 300 && answer.status < 400) {
        return {
            status: 'http-status',
            message: `${statusLine(answer)}: redirect not followed (${answer.redirectRefused ?? 'no Location'})`
        };
    }
    const excerpt = bodyExcerpt(answer.contentType, answer.body);
    return { status: 'http-status', message: excerpt ? `${statusLine(answer)}: ${excerpt}` : statusLine(answer) };
}
/** Classifies the answer to `GET <proxy>/<module>/@v/list`. */
function classifyListAnswer(answer, module) {
    if (answer.status === 404 || answer.status === 410) {
        return {
            status: 'not-found',
            message: `reachable, but ${statusLine(answer)} for ${module}: it does not serve that module (normal for a proxy that serves only private modules); kept`
        };
    }
    if (answer.status !== 200)
        return describeFailedAnswer(answer);
    if (looksLikeHtml(answer.contentType, answer.body)) {
        return {
            status: 'not-proxy',
            message: 'not a module proxy: HTTP 200 with an HTML page (a login page or a web server, not the GOPROXY protocol)'
        };
    }
    if (!isVersionList(answer.body, answer.truncated)) {
        const first = redactText(oneLine(answer.body.split('\n')[0] ?? '')).slice(0, 60);
        return {
            status: 'not-proxy',
            message: `not a module proxy: HTTP 200 but not a version list (starts with ${JSON.stringify(first)})`
        };
    }
    return { status: 'ok', message: 'works' };
}
/** 200: the proxy serves the database; 404/410: ask the next entry; anything else is an error. */
function classifySupportedAnswer(answer) {
    if (answer.status === 200)
        return { support: 'yes', message: 'serves the checksum database' };
    if (answer.status === 404 || answer.status === 410)
        return { support: 'no', message: `${statusLine(answer)}: does not serve it` };
    return { support: 'error', message: describeFailedAnswer(answer).message };
}
/** The middle of the measurements (mean of the two middle ones for an even count), to 0.1 ms; null for none. */
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    const value = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    return Math.round(value * 10) / 10;
}
/**
 * Checks that a `/latest` body is a signed tree head of `name`, by shape only (the
 * go command verifies the signature itself): `go.sum database tree`, a size, a hash,
 * a blank line, then a signature line `— <name> <base64>`. Returns the problem, or
 * undefined when the shape is right.
 */
function checkTreeHead(body, name) {
    const lines = body.split('\n');
    if (lines[0] !== 'go.sum database tree') {
        return `not a signed tree head (starts with ${JSON.stringify(oneLine(lines[0] ?? '').slice(0, 60))})`;
    }
    if (!/^\d+$/.test(lines[1] ?? '') || !/^[A-Za-z0-9+/]+=*$/.test(lines[2] ?? '')) {
        return 'a malformed tree head (no tree size and hash)';
    }
    const signers = lines.filter(line => line.startsWith('— ')).map(line => line.split(' ')[1]);
    if (!signers.includes(name)) {
        return signers.length === 0
            ? 'an unsigned tree head'
            : `a tree head signed by ${signers.join(', ')}, not by ${name}`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/core/reorder.ts
/** The stricter of two separators: `,` (fall through on 404/410 only) wins over `|`. */
function stricter(a, b) {
    return a === ',' || b === ',' ? ',' : '|';
}
/**
 * Drops the entries `keep` rejects. The rule for separators: when an entry goes, the
 * entry before it takes the STRICTER of its own separator and the removed entry's
 * (`,` wins over `|`). So `A,B|C` without B is `A,C` and `A|B,C` without B is also
 * `A,C`: a `,` the user wrote is a gate (nothing but a 404/410 passes it, so a private
 * path asked of a corporate proxy never reaches the next one) and is never weakened
 * into `|`. Only `A|B|C` without B becomes `A|C`. Removing the first entry drops its
 * separator with it (nothing came before). The terminal keyword stays last.
 */
function dropEntries(chain, keep) {
    const kept = [];
    for (const entry of chain.proxies) {
        if (keep(entry)) {
            kept.push(entry);
        }
        else if (kept.length > 0) {
            // The removed entry's separator now sits after the last kept one: keep the stricter of the two.
            const last = kept.length - 1;
            kept[last] = { ...kept[last], separator: stricter(kept[last].separator, entry.separator) };
        }
    }
    return { proxies: kept, ...(chain.terminal ? { terminal: chain.terminal } : {}) };
}
/**
 * Sorts by latency inside each maximal run of entries joined by `|` (the user, the
 * region preset or `fallback` declared them interchangeable), fastest first; equal
 * latencies keep their given order. Separators belong to positions, not entries, so
 * the `,` that closes a run stays where it was: no entry ever crosses a `,`. An entry
 * without a latency (a not-found proxy) keeps its exact position; the measured ones
 * are sorted among the remaining positions of the run.
 */
function sortRuns(chain, latency) {
    const proxies = [...chain.proxies];
    let start = 0;
    while (start < proxies.length) {
        let end = start;
        while (end < proxies.length - 1 && proxies[end].separator === '|')
            end++;
        const slots = [];
        for (let i = start; i <= end; i++)
            if (latency(proxies[i]) !== undefined)
                slots.push(i);
        const sorted = slots
            .map(i => proxies[i])
            .map((entry, order) => ({ entry, order, ms: latency(entry) }))
            .sort((a, b) => a.ms - b.ms || a.order - b.order);
        slots.forEach((slot, k) => {
            proxies[slot] = { ...sorted[k].entry, separator: chain.proxies[slot].separator };
        });
        start = end + 1;
    }
    return { proxies, ...(chain.terminal ? { terminal: chain.terminal } : {}) };
}
/**
 * The chain to export: entries that do not work dropped (see dropEntries for the
 * separator rule), then with `order: latency` each `|` run sorted by median
 * (see sortRuns). `direct`/`off` stay last. An entry with no verdict is kept in place.
 */
function rebuildChain(chain, verdictOf, order) {
    const kept = dropEntries(chain, entry => verdictOf(entry)?.working ?? true);
    return order === 'latency' ? sortRuns(kept, entry => verdictOf(entry)?.medianMs) : kept;
}

;// CONCATENATED MODULE: ./src/core/sumdb/route.ts
/**
 * Decides which path the go command takes to the checksum database, exactly as its
 * dbClient.initBase walks TryProxies: each proxy in order is asked `/sumdb/<name>/supported`;
 * 200 → through that proxy; 404/410 → the next entry whatever the separator; another
 * error → the next entry only after `|`, and it is remembered: reaching `direct` then
 * goes direct, but reaching `off` or the end of the list fails with that error (Go
 * ranks a proxy error above the not-found of `off`). `supported` gives the answer of
 * a proxy URL, undefined while unknown.
 */
function sumdbRoute(chain, sumdb, supported) {
    if (sumdb.kind === 'off')
        return { kind: 'off' };
    if (sumdb.explicitUrl)
        return { kind: 'explicit', base: sumdb.url };
    let error;
    for (const entry of chain.proxies) {
        const answer = supported(entry.url);
        if (answer === undefined)
            return { kind: 'pending', proxy: entry.url };
        if (answer.support === 'yes')
            return { kind: 'proxy', proxy: entry.url };
        if (answer.support === 'no')
            continue;
        error = { proxy: entry.url, message: answer.message };
        if (entry.separator === ',')
            return { kind: 'fails', ...error };
    }
    if (chain.terminal === 'direct' || !error)
        return { kind: 'direct', base: sumdb.url };
    return { kind: 'fails', ...error };
}

;// CONCATENATED MODULE: external "node:fs/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");
;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_namespaceObject);
;// CONCATENATED MODULE: external "node:url"
const external_node_url_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");
;// CONCATENATED MODULE: ./src/probe/file-proxy.ts



/** The directory of a `file:` proxy URL (`file:///srv/goproxy` → `/srv/goproxy`), undefined when it has none. */
function fileProxyDir(url) {
    const path = url.replace(/^file:(\/\/)?/i, '');
    try {
        return (0,external_node_url_namespaceObject.fileURLToPath)(`file://${path.startsWith('/') ? '' : '/'}${path}`);
    }
    catch {
        return undefined;
    }
}
/** A path below a file proxy directory, from a `/`-separated protocol path (already case-escaped). */
function fileProxyPath(dir, protocolPath) {
    return (0,external_node_path_namespaceObject.join)(dir, ...protocolPath.split('/'));
}
/**
 * Reads a file with the probe deadline: a hung network file system must not hold the
 * phase (the read itself cannot be cancelled, so it is abandoned). Missing files (and a
 * path through a non-directory) are 'missing', as the go command treats them.
 */
function readWithDeadline(path, deadline, maxBytes = 64 * 1024) {
    const read = (0,promises_namespaceObject.readFile)(path).then((data) => ({ kind: 'file', text: data.subarray(0, maxBytes).toString('utf8') }), (error) => error.code === 'ENOENT' || error.code === 'ENOTDIR'
        ? { kind: 'missing' }
        : { kind: 'error', code: error.code ?? 'EIO' });
    return raceDeadline(read, deadline, { kind: 'deadline' });
}
/** Whether a path is a directory, within the deadline (undefined when the deadline passed first). */
function isDirectory(path, deadline) {
    return raceDeadline((0,promises_namespaceObject.stat)(path).then(s => s.isDirectory(), () => false), deadline, undefined);
}
function raceDeadline(work, deadline, late) {
    return new Promise(resolve => {
        const timer = setTimeout(() => resolve(late), Math.max(0, deadline - performance.now()));
        timer.unref();
        void work.then(value => {
            clearTimeout(timer);
            resolve(value);
        });
    });
}

;// CONCATENATED MODULE: external "node:http"
const external_node_http_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");
var external_node_http_default = /*#__PURE__*/__nccwpck_require__.n(external_node_http_namespaceObject);
;// CONCATENATED MODULE: external "node:https"
const external_node_https_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");
var external_node_https_default = /*#__PURE__*/__nccwpck_require__.n(external_node_https_namespaceObject);
;// CONCATENATED MODULE: external "node:net"
const external_node_net_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");
var external_node_net_default = /*#__PURE__*/__nccwpck_require__.n(external_node_net_namespaceObject);
;// CONCATENATED MODULE: ./src/probe/http-get.ts




const USER_AGENT = 'setup-goproxy-probe';
const MAX_REDIRECTS = 10;
function originOf(url) {
    return `${url.protocol}//${url.host}`;
}
/**
 * One GET the way the go command's web client makes it (redirects followed, https→http
 * refused), with a hard deadline and no connection reuse: every socket is destroyed
 * when the request settles, and the deadline timer is unref'd, so nothing outlives the
 * call or keeps the process alive. Never rejects.
 */
async function httpGet(url, options) {
    const start = performance.now();
    let target;
    try {
        target = new URL(url);
    }
    catch (error) {
        const failure = {
            phase: 'connect',
            code: 'ERR_INVALID_URL',
            message: String(error),
            elapsedMs: 0,
            host: ''
        };
        return { kind: 'failure', failure, ms: 0 };
    }
    // Credentials belong to the URL's own origin; userinfo in the URL itself is never sent as such.
    const origin = originOf(target);
    for (let redirects = 0;; redirects++) {
        target.username = '';
        target.password = '';
        const credentials = originOf(target) === origin ? options.credentials : undefined;
        const { result, location } = await getOnce(target, credentials, options, start);
        if (result.kind !== 'answer' || location === undefined)
            return result;
        let refused;
        let next;
        try {
            next = new URL(location, target);
        }
        catch {
            refused = 'invalid Location';
        }
        if (next && next.protocol !== 'http:' && next.protocol !== 'https:')
            refused = `redirect to ${next.protocol} refused`;
        else if (next && target.protocol === 'https:' && next.protocol === 'http:')
            refused = 'redirect from https to http refused';
        else if (redirects >= MAX_REDIRECTS)
            refused = `stopped after ${MAX_REDIRECTS} redirects`;
        if (refused !== undefined || !next) {
            return { ...result, answer: { ...result.answer, redirectRefused: refused ?? 'invalid Location' } };
        }
        target = next;
    }
}
function getOnce(target, credentials, options, start) {
    return new Promise(resolve => {
        if (options.signal?.aborted)
            return resolve({ result: { kind: 'aborted', ms: 0 } });
        const secure = target.protocol === 'https:';
        const hostname = target.hostname.replace(/^\[(.*)\]$/, '$1');
        const host = target.host;
        let phase = external_node_net_default().isIP(hostname) ? 'connect' : 'dns';
        let settled = false;
        const elapsed = () => Math.round((performance.now() - start) * 10) / 10;
        const fail = (code, message) => finish({
            result: { kind: 'failure', failure: { phase, code, message, elapsedMs: elapsed(), host }, ms: elapsed() }
        });
        const onAbort = () => finish({ result: { kind: 'aborted', ms: elapsed() } });
        // At the deadline, let one poll phase run first (setImmediate runs after it): an answer or
        // a connect that is already in, but not yet processed because the loop lagged, still counts.
        const timer = setTimeout(() => setImmediate(() => fail('DEADLINE', 'the probe deadline passed')), Math.max(0, options.deadline - performance.now()));
        timer.unref();
        options.signal?.addEventListener('abort', onAbort, { once: true });
        const headers = { 'User-Agent': USER_AGENT };
        if (credentials) {
            headers.Authorization = basicAuthorization(credentials.username, credentials.password);
        }
        const request = (secure ? (external_node_https_default()) : (external_node_http_default())).request({
            protocol: target.protocol,
            hostname,
            port: target.port === '' ? undefined : Number(target.port),
            path: `${target.pathname}${target.search}`,
            method: 'GET',
            headers,
            agent: false,
            ...(secure && options.ca ? { ca: [...options.ca] } : {})
        }, response => {
            phase = 'body';
            const status = response.statusCode ?? 0;
            const location = response.headers.location;
            const answer = (body, truncated) => ({
                result: {
                    kind: 'answer',
                    answer: {
                        status,
                        statusText: response.statusMessage ?? '',
                        contentType: String(response.headers['content-type'] ?? ''),
                        body,
                        truncated,
                        authSent: credentials !== undefined,
                        host
                    },
                    ms: elapsed()
                },
                ...(status >= 300 && status < 400 && location !== undefined ? { location } : {})
            });
            if (status >= 300 && status < 400 && location !== undefined)
                return finish(answer('', false));
            const max = options.maxBytes ?? 64 * 1024;
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                if (size + chunk.length > max) {
                    chunks.push(chunk.subarray(0, max - size));
                    finish(answer(Buffer.concat(chunks).toString('utf8'), true));
                    return;
                }
                chunks.push(chunk);
                size += chunk.length;
            });
            response.on('end', () => finish(answer(Buffer.concat(chunks).toString('utf8'), false)));
            response.on('error', (error) => fail(error.code ?? 'ECONNRESET', error.message));
            response.on('close', () => fail('ECONNRESET', 'the connection closed before the body was complete'));
        });
        request.on('socket', socket => {
            socket.once('lookup', () => {
                if (phase === 'dns')
                    phase = 'connect';
            });
            socket.once('connect', () => {
                phase = secure ? 'tls' : 'response';
            });
            if (secure)
                socket.once('secureConnect', () => (phase = 'response'));
        });
        request.on('error', (error) => fail(error.code ?? 'ERROR', error.message));
        request.end();
        function finish(attempt) {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            options.signal?.removeEventListener('abort', onAbort);
            resolve(attempt);
            // Settle first, then tear down: a stalled socket can never hold the caller past its deadline.
            request.destroy();
        }
    });
}

;// CONCATENATED MODULE: ./src/probe/url.ts

/**
 * `base` + `/` + `path`, keeping the query string of `base`: how the go command
 * builds every request URL from a proxy URL (a query on GOPROXY goes with every request).
 */
function joinUrlPath(base, path) {
    const q = base.indexOf('?');
    const head = q < 0 ? base : base.slice(0, q);
    const query = q < 0 ? '' : base.slice(q);
    return `${head.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${query}`;
}
/**
 * The credentials to send to a URL, as the go command picks them: what `lookup` (its
 * netrc model, given the URL without userinfo) has for the host first, else the URL's
 * own userinfo (net/http uses userinfo only when no Authorization header is set).
 */
function credentialsForUrl(url, lookup) {
    const fromLookup = lookup?.(stripCredentials(url));
    if (fromLookup)
        return fromLookup;
    const match = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#@]*)@/.exec(url);
    if (!match || match[1] === '')
        return undefined;
    const decode = (s) => {
        try {
            return decodeURIComponent(s);
        }
        catch {
            return s;
        }
    };
    const colon = match[1].indexOf(':');
    return colon < 0
        ? { username: decode(match[1]), password: '' }
        : { username: decode(match[1].slice(0, colon)), password: decode(match[1].slice(colon + 1)) };
}

;// CONCATENATED MODULE: ./src/probe/proxy-probe.ts





function round(ms) {
    return Math.round(ms * 10) / 10;
}
function isFileUrl(url) {
    return /^file:/i.test(url);
}
/** How long to wait before asking again after a transient failure: short, the probe has a deadline. */
const RETRY_PAUSE_MS = 50;
/** Transient answers are asked again this many times at most (while the deadline allows). */
const TRANSIENT_RETRIES = 3;
/**
 * A failure that says nothing lasting about the proxy: a 5xx or 429, or a connection
 * dropped mid-answer. The go command would fail that one request; a proxy that fails
 * one request in three still serves a build once retried, and the warm phase retries.
 */
function isTransient(result, verdict) {
    if (verdict.status === 'connection-closed')
        return true;
    return result.kind === 'answer' && (result.answer.status >= 500 || result.answer.status === 429);
}
/**
 * Probes `GET <proxy>/<module>/@v/list` up to `samples` times, one request after the
 * other on fresh connections. The first lasting answer decides the class: a transient
 * failure (5xx, 429, a dropped connection) is asked again a few times while the deadline
 * allows, so one unlucky request does not drop a flaky but working proxy. Only a proxy
 * that served the list is sampled again, for its latency, while there is time left (a
 * further sample starts only if one as long as the last still fits before the deadline,
 * so a slow-but-working proxy does not hold the phase open for nothing). A later sample
 * that fails ends the sampling without changing the class. file:// proxies are read on disk.
 */
async function probeList(url, module, samples, context) {
    if (isFileUrl(url))
        return probeFileList(url, module, context.deadline);
    const target = joinUrlPath(url, `${moduleRequestPath(module)}/@v/list`);
    const samplesMs = [];
    let attempts = 0;
    let retries = 0;
    let first;
    let lastTransient;
    while (attempts < Math.max(1, samples) + retries) {
        if (first && performance.now() + samplesMs[samplesMs.length - 1] >= context.deadline)
            break;
        attempts++;
        const result = await httpGet(target, context);
        if (result.kind === 'aborted') {
            attempts--;
            break;
        }
        const verdict = result.kind === 'answer' ? classifyListAnswer(result.answer, module) : classifyFailure(result.failure);
        if (!first && isTransient(result, verdict) && retries < TRANSIENT_RETRIES) {
            retries++;
            lastTransient = verdict;
            if (performance.now() + RETRY_PAUSE_MS >= context.deadline)
                break;
            await new Promise(resolve => setTimeout(resolve, RETRY_PAUSE_MS).unref());
            continue;
        }
        if (!first)
            first = verdict;
        if (verdict.status !== 'ok')
            break;
        samplesMs.push(round(result.ms));
    }
    const decided = first ?? lastTransient;
    return {
        ...(decided
            ? retries > 0 && decided.status !== 'ok'
                ? { ...decided, message: `${decided.message} (${retries + 1} attempts)` }
                : decided
            : { status: 'no-response', message: 'no answer before the probe ended' }),
        samplesMs,
        attempts
    };
}
async function probeFileList(url, module, deadline) {
    const dir = fileProxyDir(url);
    if (dir === undefined)
        return { status: 'file-missing', message: `${url} names no directory`, samplesMs: [], attempts: 1 };
    const start = performance.now();
    const read = await readWithDeadline(fileProxyPath(dir, `${escapeModulePath(module)}/@v/list`), deadline);
    const ms = round(performance.now() - start);
    switch (read.kind) {
        case 'file':
            return isVersionList(read.text)
                ? { status: 'ok', message: 'works', samplesMs: [ms], attempts: 1 }
                : {
                    status: 'not-proxy',
                    message: `not a module proxy: ${module}/@v/list is not a version list`,
                    samplesMs: [],
                    attempts: 1
                };
        case 'deadline':
            return {
                status: 'no-response',
                message: `no response: reading ${dir} did not finish in time`,
                samplesMs: [],
                attempts: 1
            };
        case 'error':
            return { status: 'file-missing', message: `cannot read ${dir} (${read.code})`, samplesMs: [], attempts: 1 };
        case 'missing':
            return (await isDirectory(dir, deadline))
                ? {
                    status: 'not-found',
                    message: `reachable, but ${dir} holds no ${module}: it does not serve that module; kept`,
                    samplesMs: [],
                    attempts: 1
                }
                : { status: 'file-missing', message: `directory ${dir} does not exist`, samplesMs: [], attempts: 1 };
    }
}
/** Words for a request that ended without an answer usable by the caller. */
function resultMessage(result) {
    return result.kind === 'aborted' ? 'no answer before the probe ended' : classifyFailure(result.failure).message;
}
/**
 * Asks a proxy `GET <proxy>/sumdb/<name>/supported`, as the go command does before it
 * sends checksum traffic through a proxy. For a file:// proxy the file's presence decides.
 * 'aborted' results come back as undefined (the answer was no longer needed).
 */
async function probeSupported(url, name, context) {
    const start = performance.now();
    if (isFileUrl(url)) {
        const dir = fileProxyDir(url);
        const read = dir === undefined
            ? { kind: 'missing' }
            : await readWithDeadline(fileProxyPath(dir, `sumdb/${name}/supported`), context.deadline);
        const ms = round(performance.now() - start);
        if (read.kind === 'file')
            return { support: 'yes', message: 'serves the checksum database', ms };
        if (read.kind === 'missing')
            return { support: 'no', message: 'does not serve it (no such file)', ms };
        return {
            support: 'error',
            message: read.kind === 'deadline' ? 'no answer in time' : `cannot read (${read.code})`,
            ms
        };
    }
    const result = await httpGet(joinUrlPath(url, `sumdb/${name}/supported`), context);
    if (result.kind === 'aborted')
        return undefined;
    if (result.kind === 'failure')
        return { support: 'error', message: resultMessage(result), ms: round(result.ms) };
    return { ...classifySupportedAnswer(result.answer), ms: round(result.ms) };
}

;// CONCATENATED MODULE: ./src/probe/sumdb-probe.ts





function sumdb_probe_round(ms) {
    return Math.round(ms * 10) / 10;
}
/**
 * GET `<base>/latest` and check the shape of the signed tree head (the signature is
 * the go command's business). `base` is a database root: `https://<name>`, the GOSUMDB
 * URL, or `<proxy>/sumdb/<name>` (also file://, read on disk). Never rejects.
 */
async function checkLatest(base, name, context) {
    const start = performance.now();
    if (/^file:/i.test(base)) {
        const dir = fileProxyDir(base);
        const read = dir === undefined
            ? { kind: 'missing' }
            : await readWithDeadline(fileProxyPath(dir, 'latest'), context.deadline);
        const ms = sumdb_probe_round(performance.now() - start);
        if (read.kind !== 'file')
            return { ok: false, message: read.kind === 'missing' ? 'no latest file' : 'cannot read the latest file', ms };
        const problem = checkTreeHead(read.text, name);
        return problem ? { ok: false, message: problem, ms } : { ok: true, message: `signed tree head of ${name}`, ms };
    }
    const result = await httpGet(joinUrlPath(base, 'latest'), context);
    if (result.kind !== 'answer') {
        return {
            ok: false,
            message: resultMessage(result),
            ms: sumdb_probe_round(result.ms),
            ...(result.kind === 'aborted' ? { aborted: true } : {})
        };
    }
    const ms = sumdb_probe_round(result.ms);
    if (result.answer.status !== 200) {
        return { ok: false, message: describeFailedAnswer(result.answer).message, ms };
    }
    const problem = checkTreeHead(result.answer.body, name);
    return problem
        ? { ok: false, message: `HTTP 200 but ${problem}`, ms }
        : { ok: true, message: `signed tree head of ${name}`, ms };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:tls"
const external_node_tls_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");
var external_node_tls_default = /*#__PURE__*/__nccwpck_require__.n(external_node_tls_namespaceObject);
;// CONCATENATED MODULE: ./src/probe/trust.ts


function readPem(file) {
    if (!file)
        return undefined;
    try {
        return (0,external_node_fs_namespaceObject.readFileSync)(file, 'utf8');
    }
    catch {
        // An unreadable bundle adds nothing; the TLS error then names the certificate.
        return undefined;
    }
}
/**
 * The CA certificates https probes trust: Node's roots plus `extra` (tests, corporate
 * roots), SSL_CERT_FILE (what the go command reads on Linux) and NODE_EXTRA_CA_CERTS.
 * Undefined when there is nothing to add: Node's default store already holds
 * NODE_EXTRA_CA_CERTS, and passing `ca` would replace that store.
 */
function trustedCertificates(extra, env = process.env) {
    const added = [extra, readPem(env.SSL_CERT_FILE)].filter((pem) => pem !== undefined && pem !== '');
    if (added.length === 0)
        return undefined;
    const nodeExtra = readPem(env.NODE_EXTRA_CA_CERTS);
    return [...(external_node_tls_default()).rootCertificates, ...added, ...(nodeExtra ? [nodeExtra] : [])];
}

;// CONCATENATED MODULE: ./src/probe/index.ts













/** Defensive: the composition already rejects a private probe module; nothing private may leave the runner. */
function assertPublicModule(plan, module) {
    if (matchesPrefixPatterns(plan.gonoproxy, module) || matchesPrefixPatterns(plan.gonosumdb, module)) {
        throw new InputError('probe-module', `${quote(module)} matches the private patterns (GONOPROXY ${quote(plan.gonoproxy)}, GONOSUMDB ${quote(plan.gonosumdb)}); the probe would send it to every proxy.`);
    }
}
function supportOf(probe) {
    return probe ?? { support: 'error', message: 'no answer before the probe ended' };
}
/**
 * Probes every distinct proxy of the plan's chain and the checksum database path the go
 * command will take, all concurrently and all under one deadline (timeoutMs from the
 * call): a request still running then is destroyed and classified by its phase. Then
 * rebuilds the chain from what works and checks the database route on the REBUILT
 * chain. Sends only the probe module's list path and `/sumdb/<name>/{supported,latest}`,
 * never a private path; credentials go only to their own origin and are never printed.
 */
async function probeChain(plan, options) {
    const start = performance.now();
    const deadline = start + options.timeoutMs;
    const log = options.log ?? silentLogger;
    const module = options.probeModule;
    assertPublicModule(plan, module);
    const ca = trustedCertificates(options.ca);
    // Ends the checksum-database requests whose answer turns out not to matter.
    const stop = new AbortController();
    const context = (url, speculative = false) => {
        const credentials = credentialsForUrl(url, options.credentialsFor);
        return {
            deadline,
            ...(ca ? { ca } : {}),
            ...(credentials ? { credentials } : {}),
            ...(speculative ? { signal: stop.signal } : {})
        };
    };
    const urls = [...new Set(plan.chain.proxies.map(entry => entry.url))];
    const lists = new Map(urls.map(url => [url, probeList(url, module, options.samples ?? 3, context(url))]));
    // Every way to the checksum database is tried at once, from the start: the route is
    // only known once the chain is rebuilt, and by then there may be no time left.
    const sumdb = plan.sumdb;
    const latestChecks = new Map();
    const latest = (base) => {
        let check = latestChecks.get(base);
        if (!check && sumdb.kind === 'db') {
            check = checkLatest(base, sumdb.name, context(base, true));
            latestChecks.set(base, check);
        }
        return check ?? Promise.resolve({ ok: false, message: 'not checked', ms: 0 });
    };
    const ownBase = (base) => {
        const host = /^https:\/\/([^/?#@]+)\/?$/i.exec(base)?.[1];
        return (host && options.sumdbBaseOverride?.(host)) || base;
    };
    const proxyBase = (url) => joinUrlPath(url, `sumdb/${sumdb.kind === 'db' ? sumdb.name : ''}`);
    const aliasEligible = sumdb.kind === 'db' && !plan.sumdbChosen && sumdb.name === 'sum.golang.org' && !sumdb.explicitUrl;
    const aliasBase = ownBase(`https://${CHINA_SUMDB_ALIAS}`);
    const supported = new Map();
    const supportedSettled = new Map();
    if (sumdb.kind === 'db') {
        if (!sumdb.explicitUrl) {
            for (const url of urls) {
                const answer = probeSupported(url, sumdb.name, context(url, true)).then(result => {
                    supportedSettled.set(url, result);
                    if (result?.support === 'yes')
                        void latest(proxyBase(url));
                    return result;
                });
                supported.set(url, answer);
            }
        }
        void latest(ownBase(sumdb.url));
        if (aliasEligible)
            void latest(aliasBase);
    }
    const results = new Map();
    for (const [url, probe] of lists)
        results.set(url, await probe);
    const verdictOf = (entry) => {
        const result = results.get(entry.url);
        if (!result)
            return undefined;
        const medianMs = result.status === 'ok' ? (median(result.samplesMs) ?? undefined) : undefined;
        return { working: isWorking(result.status), ...(medianMs !== undefined ? { medianMs } : {}) };
    };
    const rebuilt = rebuildChain(plan.chain, verdictOf, options.order);
    const noneWorks = plan.chain.proxies.length > 0 && rebuilt.proxies.length === 0;
    const chain = rebuilt.proxies.length > 0 || rebuilt.terminal ? rebuilt : plan.chain;
    // The route on the chain that will be exported, waiting only for the answers it needs.
    const answers = new Map();
    let route = sumdbRoute(chain, sumdb, url => answers.get(url));
    while (route.kind === 'pending') {
        answers.set(route.proxy, supportOf(await supported.get(route.proxy)));
        route = sumdbRoute(chain, sumdb, url => answers.get(url));
    }
    let verdict = await routeVerdict(route, sumdb, { latest, ownBase, proxyBase });
    let finalSumdb = sumdb;
    const notes = [];
    if (verdict.status === 'failed' && aliasEligible) {
        const alias = await latest(aliasBase);
        if (alias.ok) {
            finalSumdb = parseGosumdb('sumdb', CHINA_SUMDB_ALIAS);
            verdict = {
                name: verdict.name,
                status: 'switched',
                route: 'explicit',
                url: redactUrl(joinUrlPath(aliasBase, 'latest')),
                message: `${verdict.message}; switched GOSUMDB to ${CHINA_SUMDB_ALIAS} (the same database and key, reachable where sum.golang.org is not), which answers`,
                ms: alias.ms
            };
            notes.push(`GOSUMDB is set to ${CHINA_SUMDB_ALIAS}: sum.golang.org could not be reached the way the go command would ask it.`);
        }
        else {
            verdict = { ...verdict, message: `${verdict.message}; ${CHINA_SUMDB_ALIAS} failed too: ${alias.message}` };
        }
    }
    stop.abort();
    const problems = [];
    const position = new Map(chain.proxies.map((entry, i) => [entry.url, i + 1]));
    const proxies = urls.map(url => {
        const result = results.get(url);
        const answer = supportedSettled.get(url);
        const sumdbSupport = !supported.has(url)
            ? 'not asked'
            : answer === undefined
                ? 'unknown'
                : answer.support;
        return {
            url: redactUrl(url),
            status: result.status,
            message: result.message,
            samplesMs: result.samplesMs,
            attempts: result.attempts,
            medianMs: result.status === 'ok' ? median(result.samplesMs) : null,
            sumdbSupport,
            ...(answer?.support === 'error' ? { sumdbMessage: answer.message } : {}),
            position: position.get(url) ?? null
        };
    });
    const dropped = proxies.filter(p => !isWorking(p.status));
    if (noneWorks) {
        const why = dropped.map(p => `${p.url}: ${p.message}`).join('; ');
        const tail = plan.chain.terminal === 'direct'
            ? ' Only direct is left: every module would come from its origin repository, without a proxy.'
            : plan.chain.terminal === 'off'
                ? ' The chain ends in off: no module could be downloaded.'
                : '';
        problems.push(`No proxy in the chain works from this runner (${why}).${tail}`);
    }
    if (verdict.status === 'failed')
        problems.push(`Checksum database ${verdict.name}: ${verdict.message}`);
    plan.chain.proxies.forEach((entry, i) => {
        const next = plan.chain.proxies[i + 1];
        if (next && entry.separator === ',' && !isWorking(results.get(entry.url).status)) {
            // Security first: dropping a dead gate would hand every request meant for it, private paths
            // included, to the next proxy. That is the user's call, not the probe's.
            problems.push(`${redactUrl(entry.url)} does not work and is a "," gate before ${redactUrl(next.url)}: dropping it would send every request meant for it, private module paths included, to the next proxy. Fix or remove it, or list private paths in private / no-proxy and join the two with "|".`);
        }
    });
    const working = proxies.filter(p => p.status === 'ok' && p.position !== null && p.medianMs !== null);
    const fastest = working.sort((a, b) => a.medianMs - b.medianMs)[0]?.url;
    const report = {
        module,
        timeoutMs: options.timeoutMs,
        elapsedMs: Math.round(performance.now() - start),
        order: options.order,
        chain: formatChain(chain, true),
        proxies,
        sumdb: verdict,
        notes,
        problems
    };
    for (const p of proxies) {
        const timing = p.medianMs === null ? '' : `, median ${p.medianMs} ms (samples: ${p.samplesMs.join(', ')} ms)`;
        log.info(`probe ${p.url}: ${isWorking(p.status) ? '' : 'dropped: '}${p.message}${timing}`);
    }
    if (verdict.status === 'switched')
        log.warning(verdict.message);
    else
        log.info(`checksum database: ${verdict.message}`);
    log.info(`probe finished in ${report.elapsedMs} ms (timeout ${options.timeoutMs} ms)`);
    return {
        report,
        chain,
        sumdb: finalSumdb,
        problems,
        ...(fastest ? { fastest } : {}),
        unreachable: dropped.map(p => p.url)
    };
}
/** Checks the path the go command will take and says, in words, which path that is and how it went. */
async function routeVerdict(route, sumdb, tools) {
    if (route.kind === 'off' || sumdb.kind === 'off') {
        return {
            name: '',
            status: 'off',
            route: 'off',
            message: 'GOSUMDB=off: checksums are not verified, nothing to check.'
        };
    }
    const name = sumdb.name;
    if (route.kind === 'fails' || route.kind === 'pending') {
        const proxy = redactUrl(route.proxy);
        const why = route.kind === 'fails' ? route.message : 'no answer';
        return {
            name,
            status: 'failed',
            route: 'none',
            via: proxy,
            message: `the go command first asks ${proxy}/sumdb/${name}/supported, which failed (${why}), and does not fall through that error (a "," after it, or no direct at the end): verification would fail`
        };
    }
    const base = route.kind === 'proxy' ? tools.proxyBase(route.proxy) : tools.ownBase(route.base);
    const check = await tools.latest(base);
    const url = redactUrl(joinUrlPath(base, 'latest'));
    const how = route.kind === 'proxy'
        ? `the go command sends checksum traffic through ${redactUrl(route.proxy)} (it answers /sumdb/${name}/supported) and never falls back from it`
        : route.kind === 'explicit'
            ? `GOSUMDB names ${redactUrl(base)}; the go command goes there directly`
            : `no proxy in the chain serves it, so the go command goes directly to ${redactUrl(base)}`;
    return {
        name,
        status: check.ok ? 'ok' : 'failed',
        route: route.kind,
        ...(route.kind === 'proxy' ? { via: redactUrl(route.proxy) } : {}),
        url,
        message: check.ok ? `${how}: ${url} answered with a ${check.message}` : `${how}: ${url} failed: ${check.message}`,
        ms: check.ms
    };
}

;// CONCATENATED MODULE: external "node:child_process"
const external_node_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");
;// CONCATENATED MODULE: ./src/core/diagnose.ts
/**
 * Turns the go command's error text into a diagnosis a new user can act on: what kind of
 * fault it is, whether trying again can help, and one sentence naming the likely cause and
 * the exact input to change. Pure: the texts are the go command's own (Go 1.23,
 * cmd/go/internal/modfetch and web) plus the markers the warm phase's watchdog and
 * forwarder write. Verification is never suggested away: no message proposes turning the
 * checksum database off.
 */

const TRANSIENT = new Set([
    'timeout',
    'refused',
    'reset',
    'dns',
    'server-error',
    'rate-limited',
    'stalled'
]);
/** Hosts whose first path element below the host is an account: `github.com/acme/x` is private as `github.com/acme`. */
const ACCOUNT_HOSTS = new Set([
    'github.com',
    'gitlab.com',
    'bitbucket.org',
    'gitee.com',
    'codeberg.org',
    'dev.azure.com'
]);
/**
 * The narrowest sensible GOPRIVATE pattern for a module: the account on a public code host
 * (`github.com/acme`), else the host (`git.corp.example`).
 */
function privatePrefix(modulePath) {
    const elements = modulePath.split('/');
    if (ACCOUNT_HOSTS.has(elements[0]) && elements.length > 1)
        return `${elements[0]}/${elements[1]}`;
    return elements[0];
}
/** The marker the watchdog writes when it kills a download that made no progress. */
function stallMarker(seconds) {
    return `setup-goproxy watchdog: no progress for ${seconds} s (no output, no growth of the module cache, no proxy traffic); the go command was stopped`;
}
/** The marker written when the whole warm phase passes its deadline. */
function deadlineMarker(seconds) {
    return `setup-goproxy: warm-timeout of ${seconds} s reached; the go command was stopped`;
}
/** Module path and version named by the text: `go: a/b@v1.2.3: ...`, `verifying a/b@v1.2.3: ...`. */
function moduleOf(text) {
    const match = /(?:^|[\s"'(])([A-Za-z0-9][\w.~-]*\.[\w.~-]+(?:\/[\w.~!%+-]+)*)@(v[0-9][\w.+-]*?)(?:\/go\.mod)?(?=[:\s"')]|$)/m.exec(text);
    return match ? { module: match[1], version: match[2] } : {};
}
/** Every `reading URL: NNN Status` the go command wrote, with the URL's host (the forwarder's is skipped). */
function httpStatuses(text) {
    const found = [];
    for (const m of text.matchAll(/reading (\S+): (\d{3}) [A-Za-z]/g)) {
        found.push({ status: Number(m[2]), host: hostOf(m[1]) });
    }
    return found;
}
/** The host[:port] of an http(s) URL, unless it is loopback (the warm phase's own forwarder). */
function hostOf(url) {
    const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/@\s]*@)?([^/?#\s"']+)/i.exec(url);
    if (!m)
        return undefined;
    const host = m[1].replace(/[:.,;)\]]+$/, '');
    return /^(127\.\d+\.\d+\.\d+|\[::1\]|localhost)(:\d+)?$/.test(host) ? undefined : host;
}
/** The first non-loopback http(s) host anywhere in the text (in a server response, a Get "..." error). */
function firstHost(text) {
    for (const m of text.matchAll(/https?:\/\/[^\s"'`]+/gi)) {
        const host = hostOf(m[0]);
        if (host)
            return host;
    }
    const git = /for '(https?:\/\/[^']+)'/.exec(text);
    return git ? hostOf(git[1]) : undefined;
}
function transportKind(text) {
    if (/i\/o timeout|Client\.Timeout|context deadline exceeded|TLS handshake timeout|timed out|\btimeout\b|no answer within|stalled: no data/i.test(text))
        return 'timeout';
    if (/connection refused|actively refused|ECONNREFUSED|no route to host|network is unreachable/i.test(text))
        return 'refused';
    if (/no such host|server misbehaving|Temporary failure in name resolution|ENOTFOUND|EAI_AGAIN/i.test(text))
        return 'dns';
    if (/x509:|certificate (?:signed by unknown authority|is not valid|has expired)|tls: |UNABLE_TO_VERIFY|SELF_SIGNED_CERT/i.test(text))
        return 'tls';
    if (/connection reset|broken pipe|unexpected EOF|: EOF\b|stream error|INTERNAL_ERROR|http2: |zip: not a valid zip file|ECONNRESET|socket hang up|cut off|broke off/i.test(text))
        return 'reset';
    return undefined;
}
function statusKind(status) {
    if (status === 404)
        return 'not-found';
    if (status === 410)
        return 'gone';
    if (status === 401 || status === 403 || status === 407)
        return 'unauthorized';
    if (status === 429)
        return 'rate-limited';
    if (status >= 500)
        return 'server-error';
    return 'other';
}
/** The text after `server response:` (what the proxy said), or '' . */
function serverResponse(text) {
    const i = text.indexOf('server response:');
    return i < 0 ? '' : text.slice(i + 'server response:'.length);
}
/**
 * Classifies one go error text (a -json `Error`, or the command's stderr). Credentials in
 * URLs are redacted before anything is kept.
 */
function diagnose(rawText, context = {}) {
    const text = redactText(rawText);
    const named = moduleOf(text);
    const module = context.module ?? named.module;
    const version = context.version ?? named.version;
    const subject = module ? (version ? `${module}@${version}` : module) : 'a module';
    const make = (kind, message, extra = {}) => ({
        kind,
        transient: TRANSIENT.has(kind),
        message: message.replace(/^a module/, 'A module'),
        ...(module ? { module } : {}),
        ...(version ? { version } : {}),
        ...extra
    });
    const prefix = module ? privatePrefix(module) : 'your.host/org';
    const privateLine = `private: ${prefix}`;
    const stall = /setup-goproxy watchdog: no progress for (\d+) s/.exec(text);
    if (stall) {
        return make('stalled', `The download made no progress for ${stall[1]} s and was stopped by the watchdog: a proxy or the network stalls from this runner; it is tried again, and a proxy that keeps stalling should be removed from \`proxies:\` or joined to a working one with "|".`);
    }
    const deadline = /setup-goproxy: warm-timeout of (\d+) s reached/.exec(text);
    if (deadline) {
        return make('deadline', `The warm phase used all of its ${deadline[1]} s before ${subject} was downloaded: the proxies are slow from this runner or the module set is large; raise \`warm-timeout:\` or check the probe table for a slow proxy.`, { suggestion: `warm-timeout: ${Number(deadline[1]) * 2}` });
    }
    if (/checksum mismatch|SECURITY ERROR/.test(text)) {
        const sumdb = /reported by the checksum server|verifying (?:module|go\.mod): checksum mismatch/.test(text);
        if (sumdb) {
            return make('checksum-mismatch-sumdb', `${subject} as downloaded does not match the checksum database: a proxy in the chain serves altered bytes, or the module was re-tagged after publication; remove the proxy that served it from \`proxies:\` (the go command refuses the download either way, and rightly so).`);
        }
        return make('checksum-mismatch-gosum', `${subject} as downloaded does not match the hash in go.sum: the module was re-tagged upstream or a proxy serves different bytes than when go.sum was written; find out which copy is right before changing go.sum, and remove a proxy that serves altered bytes from \`proxies:\` (verification stays on).`);
    }
    const verifying = /verifying (?:go\.mod|module): (.*)/s.exec(text);
    if (verifying) {
        const statuses = httpStatuses(verifying[1]);
        const status = statuses.find(s => s.status !== 404 && s.status !== 410) ?? statuses[0];
        const host = status?.host ?? firstHost(verifying[1]);
        if (status && (status.status === 404 || status.status === 410)) {
            return make('not-found', `The checksum database does not know ${subject} (${status.status}): it is most likely a private module; add \`${privateLine}\` so it is fetched directly and not looked up in the public checksum database.`, { status: status.status, suggestion: privateLine, ...(host ? { host } : {}) });
        }
        if (status && statusKind(status.status) === 'unauthorized') {
            return unauthorized(make, host, status.status);
        }
        // A /sumdb/ URL on a real host means a proxy serves the database; the forwarder's own /sumdb/ path does not count.
        const proxied = [...verifying[1].matchAll(/https?:\/\/[^\s"']*\/sumdb\/[^\s"']*/gi)]
            .map(m => hostOf(m[0]))
            .find(Boolean);
        const via = proxied ? ` (through the proxy ${proxied})` : host ? ` (${host})` : '';
        return make('verifying-gomod-unreachable', `The checksum database could not be reached from this runner${via} to verify ${subject}: set \`sumdb: sum.golang.google.cn\` (the same database, reachable from mainland China) or put a proxy that proxies the database, such as goproxy.cn, first in \`proxies:\`.`, {
            suggestion: 'sumdb: sum.golang.google.cn',
            ...(host ? { host } : {}),
            ...(status ? { status: status.status } : {})
        });
    }
    if (/module lookup disabled by GOPROXY=off/.test(text)) {
        return make('lookup-disabled', `${subject} is not in the module cache and GOPROXY is off: list at least one proxy in \`proxies:\` (or direct) for the warm phase to download it.`);
    }
    const statuses = httpStatuses(text);
    // The go command reports the most useful error: any proxy error ranks above "not found".
    const decisive = statuses.find(s => s.status !== 404 && s.status !== 410) ?? statuses[0];
    const detail = serverResponse(text);
    const host = decisive?.host ?? firstHost(detail) ?? firstHost(text);
    const hostExtra = host ? { host } : {};
    if (decisive) {
        const kind = statusKind(decisive.status);
        const extra = { status: decisive.status, ...hostExtra };
        if (kind === 'not-found' || kind === 'gone') {
            if (/unknown revision|invalid version/.test(detail) &&
                !/could not read Username|terminal prompts disabled|Authentication failed/.test(detail)) {
                return unknownRevision(make, subject, version, privateLine, extra);
            }
            return make(kind, `No proxy in the chain has ${subject} (${decisive.status} ${kind === 'gone' ? 'Gone' : 'Not Found'}): if it is a private module, add \`${privateLine}\` so the go command fetches it directly with your git credentials; otherwise check that this version exists.`, { ...extra, suggestion: privateLine });
        }
        if (kind === 'unauthorized')
            return unauthorized(make, host, decisive.status);
        if (kind === 'rate-limited') {
            return make('rate-limited', `${host ?? 'The proxy'} answered 429 Too Many Requests: it rate-limits this runner; the download is tried again with backoff, and a second proxy joined with "|" in \`proxies:\` takes the load off.`, extra);
        }
        if (kind === 'server-error') {
            if (BAD_RESPONSE.test(detail))
                return badResponse(make, host, extra);
            const transport = transportKind(detail);
            if (transport)
                return transportDiagnosis(make, transport, host, detail, extra);
            return make('server-error', `${host ?? 'The proxy'} answered ${decisive.status}: a fault on the proxy's side, usually temporary; the download is tried again, and a proxy that keeps failing should be joined to a working one with "|" in \`proxies:\`.`, extra);
        }
        return make('other', `${host ?? 'The proxy'} answered ${decisive.status} for ${subject}: the proxy refuses this request; check the proxy's documentation or remove it from \`proxies:\`.`, extra);
    }
    if (/reading file:\/\/\S+: no such file or directory/.test(text)) {
        return make('not-found', `No proxy in the chain has ${subject} (the file:// proxy lacks it): if it is a private module, add \`${privateLine}\`; otherwise check that this version exists.`, { suggestion: privateLine });
    }
    if (/unknown revision/.test(text))
        return unknownRevision(make, subject, version, privateLine, hostExtra);
    if (/could not read Username|terminal prompts disabled|Authentication failed|Permission denied \(publickey\)|could not read Password/.test(text)) {
        return unauthorized(make, host, undefined);
    }
    if (BAD_RESPONSE.test(text))
        return badResponse(make, host, hostExtra);
    if (/malformed module path|invalid module path|invalid path|invalid char|missing dot in first path element/.test(text)) {
        return make('invalid-path', `${module ?? 'A module path'} is not a valid module path: fix the require, replace or import line in go.mod (module paths start with a host name and hold no upper-case host letters or spaces).`);
    }
    if (/invalid version|no matching versions for query|is not a valid semantic version|invalid semantic version|version .* invalid/.test(text)) {
        return make('invalid-version', `The version of ${module ?? 'a module'} is not valid or matches no release: write a full semantic version (v1.2.3) or a pseudo-version in go.mod.`);
    }
    const transport = transportKind(text);
    if (transport)
        return transportDiagnosis(make, transport, host, text, hostExtra);
    const lines = text
        .split('\n')
        .map(line => line.trim().replace(/^go: /, ''))
        .filter(line => line !== '');
    const said = (lines[0] ?? '').endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'no message');
    return make('other', `${subject} failed: ${said.slice(0, 200).replace(/[.:]$/, '')}; see the go command's message above.`, hostExtra);
}
/** What a proxy that is not a module proxy (a sign-in portal, a web server) makes the go command or the forwarder say. */
const BAD_RESPONSE = /invalid character '<'|looking for beginning of value|invalid response from proxy|HTML page|not a Go module proxy|redirected (?:from https|to an unsupported)|more than \d+ redirects/;
function badResponse(make, host, extra) {
    return make('bad-response', `${host ?? 'A proxy'} answered with something that is not a Go module proxy response (an HTML page, a sign-in portal, a bad redirect): check its URL in \`proxies:\` (a mirror's path such as /goproxy/ matters) or remove it.`, extra);
}
function unauthorized(make, host, status) {
    const where = host ?? 'the host';
    const line = `auth: ${host ?? 'HOST'} USER:TOKEN`;
    return make('unauthorized', `Credentials missing or wrong for ${where}${status ? ` (${status})` : ''}: add a line \`${host ?? 'HOST'} USER:TOKEN\` to the \`auth:\` input (from secrets.*), and check that the token may read this module.`, { suggestion: line, ...(host ? { host } : {}), ...(status ? { status } : {}) });
}
function unknownRevision(make, subject, version, privateLine, extra) {
    return make('unknown-revision', `${subject} does not exist upstream (unknown revision${version ? ` ${version}` : ''}): the tag was deleted or never pushed; fix the require line in go.mod, or for a private module add \`${privateLine}\`.`, extra);
}
function transportDiagnosis(make, kind, host, detail, extra) {
    const who = host ?? 'a proxy';
    const Who = host ?? 'A proxy';
    const swap = 'remove it from `proxies:` or join it to a working proxy with "|" (see the probe table)';
    switch (kind) {
        case 'timeout':
            return make('timeout', `${Who} did not answer in time: it is down, overloaded or blocked from this runner; the download is tried again; if it keeps happening, ${swap}.`, extra);
        case 'refused':
            return make('refused', `The connection to ${who} was refused: nothing listens there or a firewall rejects it; the download is tried again; if it keeps happening, ${swap}.`, extra);
        case 'dns':
            return make('dns', `The host name ${who} could not be resolved from this runner: check its spelling in \`proxies:\`; a DNS hiccup is tried again.`, extra);
        case 'tls':
            return make('tls', `The TLS certificate of ${who} is not trusted on this runner (${/x509: [^\n]*/.exec(detail)?.[0] ?? 'certificate error'}): behind a TLS-inspecting corporate proxy, install its CA certificate on the runner (SSL_CERT_FILE); otherwise check the URL in \`proxies:\`.`, extra);
        case 'reset':
            return make('reset', `The connection to ${who} broke off mid-download (reset or EOF): a flaky network or proxy; the download is tried again; if it keeps happening, ${swap}.`, extra);
    }
}

;// CONCATENATED MODULE: ./src/warm/backoff.ts
/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of
 * base·2^(n-1), capped. The jitter keeps many parallel requests from retrying in lockstep
 * against a proxy that is just recovering.
 */
function backoffDelay(retry, baseMs, capMs, random = Math.random) {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
    return Math.round(exp / 2 + (random() * exp) / 2);
}
/** Waits `ms`, or less when `signal` aborts (then resolves early; the caller checks the signal). */
function sleep(ms, signal) {
    return new Promise(resolve => {
        if (signal?.aborted || ms <= 0)
            return resolve();
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done);
    });
}

;// CONCATENATED MODULE: ./src/warm/directories.ts
/**
 * Resolves the `working-directory` lines into the module sets to download: a directory
 * (its go.mod or go.work, or the nearest one above it, as the go command finds them), or a
 * glob such as `**\/go.mod` or `services/*` for a monorepo. A module inside a workspace is
 * downloaded as that workspace (the go command would use the go.work anyway), so each
 * workspace runs once.
 */



/** Directory names a glob never descends into. */
const SKIPPED = new Set(['vendor', 'testdata', 'node_modules']);
const WALK_LIMIT = 50_000;
/**
 * Resolves the lines against `cwd`. `gowork` is the job's GOWORK: `off` disables
 * workspaces, a path forces that one workspace for every directory.
 */
async function resolveDirectories(lines, cwd, gowork) {
    const notes = [];
    const dirs = [];
    for (const raw of lines) {
        const line = raw.trim();
        if (line === '')
            continue;
        if (/[*?[]/.test(line)) {
            const matches = await expandGlob(line, cwd);
            if (matches.length === 0)
                notes.push(`working-directory: ${JSON.stringify(line)} matched no go.mod or go.work.`);
            dirs.push(...matches);
            continue;
        }
        const dir = (0,external_node_path_namespaceObject.resolve)(cwd, line);
        if (!(0,external_node_fs_namespaceObject.existsSync)(dir)) {
            notes.push(`working-directory: ${JSON.stringify(line)} does not exist; skipped.`);
            continue;
        }
        dirs.push((0,external_node_fs_namespaceObject.statSync)(dir).isDirectory() ? dir : (0,external_node_path_namespaceObject.dirname)(dir));
    }
    const sets = new Map();
    for (const dir of dirs) {
        const set = await moduleSetFor(dir, gowork, cwd);
        if (!set) {
            notes.push(`working-directory: ${display(dir, cwd)} has no go.mod or go.work (nor any above it); nothing to download there.`);
            continue;
        }
        const known = sets.get(set.dir);
        sets.set(set.dir, known ? { ...known, goMods: [...new Set([...known.goMods, ...set.goMods])] } : set);
    }
    return { sets: [...sets.values()], notes };
}
/** The module set the go command uses in `dir`: the nearest go.work (unless GOWORK=off), else the nearest go.mod. */
async function moduleSetFor(dir, gowork, cwd) {
    if (gowork && gowork !== 'off') {
        const goWork = (0,external_node_path_namespaceObject.isAbsolute)(gowork) ? gowork : (0,external_node_path_namespaceObject.resolve)(cwd, gowork);
        if ((0,external_node_fs_namespaceObject.existsSync)(goWork))
            return { dir: (0,external_node_path_namespaceObject.dirname)(goWork), goWork, goMods: await workspaceGoMods(goWork) };
    }
    let goMod;
    for (let d = dir;; d = (0,external_node_path_namespaceObject.dirname)(d)) {
        if (gowork !== 'off' && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(d, 'go.work'))) {
            const goWork = (0,external_node_path_namespaceObject.join)(d, 'go.work');
            return { dir: d, goWork, goMods: await workspaceGoMods(goWork) };
        }
        if (!goMod && (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(d, 'go.mod')))
            goMod = (0,external_node_path_namespaceObject.join)(d, 'go.mod');
        if ((0,external_node_path_namespaceObject.dirname)(d) === d)
            break;
    }
    return goMod ? { dir: (0,external_node_path_namespaceObject.dirname)(goMod), goMods: [goMod] } : undefined;
}
/** The go.mod of every `use` directory of a go.work. */
async function workspaceGoMods(goWork) {
    let text;
    try {
        text = await (0,promises_namespaceObject.readFile)(goWork, 'utf8');
    }
    catch {
        return [];
    }
    const uses = [];
    const stripped = text.replace(/\/\/[^\n]*/g, '');
    for (const block of stripped.matchAll(/^\s*use\s*\(([^)]*)\)/gm)) {
        uses.push(...block[1].split('\n').map(unquote).filter(Boolean));
    }
    for (const single of stripped.matchAll(/^\s*use\s+([^\s(][^\n]*)$/gm))
        uses.push(unquote(single[1]));
    return uses.map(use => (0,external_node_path_namespaceObject.join)((0,external_node_path_namespaceObject.resolve)((0,external_node_path_namespaceObject.dirname)(goWork), use), 'go.mod')).filter(external_node_fs_namespaceObject.existsSync);
}
function unquote(text) {
    const t = text.trim();
    return /^".*"$|^`.*`$/.test(t) ? t.slice(1, -1) : t;
}
/** Directories whose go.mod/go.work (or which themselves) match the glob, relative to cwd. */
async function expandGlob(pattern, cwd) {
    const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    const matcher = globToRegExp(normalized);
    const found = new Set();
    let budget = WALK_LIMIT;
    const walk = async (dir, rel) => {
        let entries;
        try {
            entries = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (--budget < 0)
                return;
            const childRel = rel ? `${rel}/${entry.name}` : entry.name;
            const child = (0,external_node_path_namespaceObject.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (SKIPPED.has(entry.name) || entry.name.startsWith('.'))
                    continue;
                if (matcher.test(childRel) && ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(child, 'go.mod')) || (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(child, 'go.work'))))
                    found.add(child);
                await walk(child, childRel);
            }
            else if ((entry.name === 'go.mod' || entry.name === 'go.work') && matcher.test(childRel)) {
                found.add(dir);
            }
        }
    };
    await walk(cwd, '');
    if (matcher.test('') || matcher.test('.')) {
        if ((0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(cwd, 'go.mod')) || (0,external_node_fs_namespaceObject.existsSync)((0,external_node_path_namespaceObject.join)(cwd, 'go.work')))
            found.add(cwd);
    }
    return [...found].sort();
}
/** A glob over `/`-separated paths: `**` spans directories, `*` and `?` stay inside one, `[...]` is a class. */
function globToRegExp(glob) {
    let re = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            const slash = glob[i + 2] === '/';
            re += slash ? '(?:.*/)?' : '.*';
            i += slash ? 2 : 1;
        }
        else if (c === '*') {
            re += '[^/]*';
        }
        else if (c === '?') {
            re += '[^/]';
        }
        else if (c === '[') {
            const end = glob.indexOf(']', i + 2);
            if (end < 0) {
                re += '\\[';
            }
            else {
                const body = glob
                    .slice(i + 1, end)
                    .replace(/^!/, '^')
                    .replace(/\\/g, '\\\\');
                re += `[${body}]`;
                i = end;
            }
        }
        else {
            re += c.replace(/[.+^${}()|\\/]/g, '\\$&');
        }
    }
    return new RegExp(`^${re}$`);
}
/** A directory as shown in reports: relative to cwd with `/`, `.` for cwd itself. */
function display(dir, cwd) {
    const rel = (0,external_node_path_namespaceObject.relative)(cwd, dir);
    if (rel === '')
        return '.';
    if (rel.startsWith('..') || (0,external_node_path_namespaceObject.isAbsolute)(rel))
        return dir;
    return rel.split(external_node_path_namespaceObject.sep).join('/');
}

;// CONCATENATED MODULE: ./src/warm/env-proxy.ts
/**
 * Whether the go command would reach a URL through an HTTP proxy from the environment
 * (HTTPS_PROXY / HTTP_PROXY, minus NO_PROXY), following golang.org/x/net/http/httpproxy
 * closely enough to decide one thing: can the warm-phase forwarder reach the same hosts
 * the go command would? The forwarder talks to upstreams directly, so when an environment
 * proxy applies the warm phase runs the go command without it.
 */
function environmentProxyFor(url, env) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return undefined;
    const get = (name) => env[name] || env[name.toLowerCase()] || undefined;
    const proxy = parsed.protocol === 'https:' ? get('HTTPS_PROXY') : get('HTTP_PROXY');
    if (!proxy)
        return undefined;
    const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || /^127\./.test(host) || host === '::1')
        return undefined;
    const port = parsed.port || (parsed.protocol === 'https:' ? '443' : '80');
    for (const raw of (get('NO_PROXY') ?? '').split(',')) {
        let entry = raw.trim().toLowerCase();
        if (entry === '')
            continue;
        if (entry === '*')
            return undefined;
        let entryPort;
        const portMatch = /^(.*[^:\]]):(\d+)$/.exec(entry);
        if (portMatch && !/^[0-9a-f:]+$/.test(entry)) {
            entry = portMatch[1];
            entryPort = portMatch[2];
        }
        if (entryPort && entryPort !== port)
            continue;
        entry = entry.replace(/^\[|\]$/g, '');
        if (entry.includes('/') && inCidr(host, entry))
            return undefined;
        if (entry.startsWith('.') || entry.startsWith('*.')) {
            const suffix = entry.replace(/^\*/, '');
            if (host.endsWith(suffix) || host === suffix.slice(1))
                return undefined;
        }
        else if (host === entry || host.endsWith(`.${entry}`)) {
            return undefined;
        }
    }
    return proxy;
}
function inCidr(host, cidr) {
    const [network, bitsText] = cidr.split('/');
    const ip = ipv4(host);
    const net = ipv4(network);
    const bits = Number(bitsText);
    if (ip === undefined || net === undefined || !(bits >= 0 && bits <= 32))
        return false;
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    return (ip & mask) >>> 0 === (net & mask) >>> 0;
}
function ipv4(text) {
    const parts = text.split('.');
    if (parts.length !== 4 || !parts.every(p => /^\d{1,3}$/.test(p) && Number(p) < 256))
        return undefined;
    return parts.reduce((n, p) => ((n << 8) >>> 0) + Number(p), 0) >>> 0;
}

;// CONCATENATED MODULE: ./src/warm/forwarder-health.ts


/** A `|` proxy that timed out this often, or failed this many times in a row, is dropped. */
const DROP_AFTER_TIMEOUTS = 2;
const DROP_AFTER_CONSECUTIVE = 4;
/**
 * The Upstream for entry `index` of `chain`. Credentials come from `credentialsFor`, else
 * from the URL's userinfo, which is stripped from the base so it never reaches a log or a
 * redirect target.
 */
function makeUpstream(entry, index, chain, credentialsFor) {
    const base = new URL(entry.url);
    const userinfo = base.username || base.password
        ? { username: decodeURIComponent(base.username), password: decodeURIComponent(base.password) }
        : undefined;
    base.username = '';
    base.password = '';
    const authorization = basic(credentialsFor?.(entry.url) ?? userinfo);
    const hasNext = index < chain.proxies.length - 1 || chain.terminal === 'direct';
    const shown = redactUrl(entry.url);
    return {
        entry,
        base,
        ...(authorization ? { authorization } : {}),
        shown,
        droppable: entry.separator === '|' && hasNext,
        health: { url: shown, requests: 0, successes: 0, failures: 0, timeouts: 0, consecutiveFailures: 0, dropped: false }
    };
}
/** An HTTP Basic `Authorization` value, or undefined without credentials. */
function basic(credentials) {
    return credentials ? basicAuthorization(credentials.username, credentials.password) : undefined;
}
/**
 * Records one try against `u` and drops it when it keeps stalling or failing. A not-found
 * counts as a success (the proxy answered). Permanent failures do not count towards a drop:
 * they are answers, not signs of a sick proxy.
 */
function recordTry(u, result, timeout, requestTimeoutMs, log) {
    const h = u.health;
    h.requests++;
    if (result === 'success') {
        h.successes++;
        h.consecutiveFailures = 0;
        return;
    }
    h.failures++;
    if (result === 'permanent')
        return;
    h.consecutiveFailures++;
    if (timeout)
        h.timeouts++;
    if (!h.dropped &&
        u.droppable &&
        (h.timeouts >= DROP_AFTER_TIMEOUTS || h.consecutiveFailures >= DROP_AFTER_CONSECUTIVE)) {
        h.dropped = true;
        h.reason =
            h.timeouts >= DROP_AFTER_TIMEOUTS
                ? `it stalled ${h.timeouts} times (no data for ${requestTimeoutMs} ms)`
                : `${h.consecutiveFailures} requests in a row failed`;
        log.warning(`Warm phase: dropping ${u.shown} from the chain: ${h.reason}; the next proxy after "|" takes over.`);
    }
}
/**
 * A circuit breaker: once a whole request's worth of tries failed in a row, later requests
 * try that proxy once until it succeeds again, so a dead "," proxy costs seconds, not
 * retries × requests.
 */
function isFailing(u, attempts) {
    return u.health.consecutiveFailures >= attempts;
}

;// CONCATENATED MODULE: ./src/warm/forwarder-paths.ts
/**
 * Wire paths of the module proxy protocol, as the forwarder sees them: joining a request
 * path onto a proxy's base URL, rejecting paths that could escape a file:// proxy, and
 * decoding Go's case-escaped module paths (so GONOPROXY / GONOSUMDB patterns and progress
 * lines see the real module path). Pure functions, shared by the server and the sumdb routing.
 */
/** The proxy's base URL joined with a request path, keeping the base's query (Go sends it with every request). */
function joinUrl(base, path) {
    const url = new URL(base.href);
    url.pathname = `${base.pathname.replace(/\/+$/, '')}/${path}`;
    return url;
}
/** Rejects paths that could leave a file:// proxy's directory or confuse an upstream. */
function safePath(path) {
    if (path === '' || /[\\\0]/.test(path))
        return false;
    return path.split('/').every(segment => {
        let decoded;
        try {
            decoded = decodeURIComponent(segment);
        }
        catch {
            return false;
        }
        return decoded !== '.' && decoded !== '..' && !decoded.includes('/') && !decoded.includes('\\');
    });
}
/** The module path of a wire path (`github.com/!burnt!sushi/toml` → `github.com/BurntSushi/toml`); undefined if malformed. */
function decodeModule(escaped) {
    try {
        return decodeURIComponent(escaped).replace(/!([a-z])/g, (_m, c) => c.toUpperCase());
    }
    catch {
        return undefined;
    }
}
/** The version of a `.../@v/<version>.zip` path, decoded like a module path; '' for any other path. */
function decodeVersion(path) {
    const m = /\/@v\/(.+)\.zip$/.exec(path);
    return m ? (decodeModule(m[1]) ?? m[1]) : '';
}

;// CONCATENATED MODULE: ./src/warm/forwarder-server.ts
/**
 * The forwarder's HTTP side: the loopback server, routing each request from the go command
 * (path token, method, path safety, GONOPROXY, module request vs checksum database), and
 * writing the answer back — buffered when possible, streamed for large zips. The decisions
 * about upstreams live in forwarder-walk.ts and forwarder-sumdb.ts; this file only turns
 * their results into HTTP.
 */



/** Handles one request from the go command; a request it abandons (closed early) aborts its upstream tries. */
async function handleRequest(ctx, req, res) {
    const { activity, touch } = ctx;
    const raw = (req.url ?? '/').split('?')[0];
    const prefix = `/${ctx.token}/`;
    if (!raw.startsWith(prefix))
        return sendText(res, 404, 'not found');
    if (req.method !== 'GET' && req.method !== 'HEAD')
        return sendText(res, 405, 'method not allowed');
    const path = raw.slice(prefix.length);
    if (!safePath(path))
        return sendText(res, 400, 'setup-goproxy forwarder: malformed request path');
    const controller = new AbortController();
    ctx.controllers.add(controller);
    res.on('close', () => {
        if (!res.writableFinished)
            controller.abort();
        ctx.controllers.delete(controller);
    });
    activity.inFlight++;
    touch();
    try {
        let answer;
        if (path.startsWith('sumdb/')) {
            answer = await ctx.handleSumdb(path.slice('sumdb/'.length), controller.signal);
        }
        else {
            const module = decodeModule(path.replace(/\/@(?:v\/.*|latest)$/, ''));
            if (module !== undefined && matchesPrefixPatterns(ctx.gonoproxy, module)) {
                ctx.log.warning(`Warm phase: the go command asked for ${module}, which GONOPROXY keeps off the proxies; refused.`);
                return sendText(res, 403, `setup-goproxy forwarder: ${module} matches GONOPROXY; not sent to any proxy`);
            }
            const kind = path.endsWith('.zip') ? 'zip' : 'small';
            if (kind === 'zip')
                activity.current = module !== undefined ? `${module}@${decodeVersion(path)}` : undefined;
            answer = await ctx.walkChain(path, kind, controller.signal);
            if (kind === 'zip' && 'type' in answer && answer.type !== 'network')
                activity.zips++;
        }
        if (controller.signal.aborted)
            return;
        respond(res, answer, req.method === 'HEAD', touch);
    }
    finally {
        activity.inFlight--;
        touch();
    }
}
/**
 * Starts an HTTP server on 127.0.0.1 (random port) that hands every request to `handle`.
 * A handler error becomes a 502 for the go command (or a cut connection, once the answer
 * has started), never an unhandled rejection.
 */
async function listenLoopback(handle, log) {
    const sockets = new Set();
    const server = external_node_http_default().createServer((req, res) => {
        handle(req, res).catch((error) => {
            log.debug(`Warm phase forwarder: ${String(error)}`);
            if (!res.headersSent)
                sendText(res, 502, `setup-goproxy forwarder: ${String(error)}`);
            else
                res.destroy();
        });
    });
    server.on('connection', socket => {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
    });
    const port = await new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve(server.address().port));
    });
    return {
        port,
        close: () => {
            const closed = new Promise(resolve => server.close(() => resolve()));
            // server.close() waits for idle keep-alive connections; the go command may hold some open.
            for (const s of sockets)
                s.destroy();
            return closed;
        }
    };
}
/** A plain-text answer, which the go command quotes after `server response:` (blank lines squeezed out). */
function sendText(res, status, text) {
    const body = `${text.replace(/\n\s*\n/g, '\n')}\n`;
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(body) });
    res.end(body);
}
/** Sends an upstream answer (or the walk's verdict) to the go command. */
function respond(res, answer, head, touch) {
    if (!('type' in answer))
        return sendText(res, answer.status, answer.text);
    if (answer.type === 'network')
        return sendText(res, answer.fault === 'timeout' ? 504 : 502, answer.message);
    if (answer.type === 'complete') {
        res.writeHead(answer.status, {
            'Content-Type': answer.contentType || 'application/octet-stream',
            'Content-Length': answer.body.length
        });
        res.end(head ? undefined : answer.body);
        return;
    }
    // Streaming a large body: once bytes went out nothing can be retried, so a failure cuts the connection.
    res.writeHead(200, {
        'Content-Type': answer.contentType || 'application/octet-stream',
        ...(answer.contentLength !== undefined ? { 'Content-Length': answer.contentLength } : {})
    });
    for (const chunk of answer.head)
        res.write(chunk);
    const rest = answer.rest;
    rest.on('data', (chunk) => {
        answer.idle.touch();
        touch();
        if (!res.write(chunk))
            rest.pause();
    });
    res.on('drain', () => rest.resume());
    rest.on('end', () => {
        answer.idle.done();
        const complete = rest.complete !== false;
        if (complete)
            res.end();
        else
            res.destroy();
    });
    rest.on('error', () => {
        answer.idle.done();
        res.destroy();
    });
    rest.on('close', () => {
        answer.idle.done();
        if (!res.writableEnded)
            res.destroy();
    });
    res.on('close', () => {
        if (!rest.readableEnded)
            rest.destroy();
    });
    rest.resume();
}

;// CONCATENATED MODULE: ./src/warm/forwarder-verdict.ts
/**
 * How the forwarder judges one upstream answer (served, not found, retry, final) and how it
 * words a failure for the go command, which prints the body of an error answer after
 * `server response:`. Pure functions: the walk decides what to do, this file only says
 * what an answer means and how to tell it.
 */


/** What `result` means for the walk: Go's rules for 404/410, plus which faults are worth another try. */
function judge(result, kind) {
    if (result.type === 'stream')
        return 'ok';
    if (result.type === 'network') {
        return ['timeout', 'refused', 'reset', 'dns'].includes(result.fault) ? 'transient' : 'permanent';
    }
    const { status } = result;
    if (status === 200) {
        // A sign-in portal or a web server's page is never a module file; Go would report a checksum mismatch or bad JSON.
        if (kind !== 'sumdb' &&
            /text\/html/i.test(result.contentType) &&
            /^\s*</.test(result.body.subarray(0, 512).toString('utf8')))
            return 'permanent';
        return 'ok';
    }
    if (status === 404 || status === 410)
        return 'not-found';
    if (status === 429 || status >= 500)
        return 'transient';
    return 'permanent';
}
/** One line for the debug log about a try. */
function summary(result) {
    if (result.type === 'network')
        return result.message;
    if (result.type === 'stream')
        return '200 OK';
    return `${result.status} ${(external_node_http_default()).STATUS_CODES[result.status] ?? ''}`.trim();
}
/** The name to show for whoever answered: the proxy, or (for the checksum database itself) the URL's origin. */
function describeUpstream(u, url) {
    return u ? u.shown : redactUrl(url.origin);
}
/** The first lines of an upstream's text body, for the go command's `server response:`. */
function bodyText(result, shown, after = '') {
    const plain = /text\/plain/i.test(result.contentType);
    const body = plain
        ? redactText(result.body.subarray(0, 2048).toString('utf8'))
            .split('\n')
            .map(line => line.trimEnd())
            .filter(line => line.trim() !== '')
            .slice(0, 6)
            .join('\n')
        : '';
    const head = `${shown}: ${result.status} ${(external_node_http_default()).STATUS_CODES[result.status] ?? ''}`.trim() + after;
    return body ? `${head}: ${body}` : head;
}
/**
 * A failed answer as the go command will see it: the upstream's status (504 for a timeout,
 * 502 for other network faults and HTML pages) and a text naming the proxy and the tries.
 */
function toOutcome(u, result, verdict, tries, url) {
    const shown = u ? u.shown : url ? redactUrl(url.origin) : 'upstream';
    const after = tries > 1 ? ` (${tries} tries by setup-goproxy)` : '';
    if (result.type === 'complete') {
        if (result.status === 200) {
            return {
                upstream: u,
                status: 502,
                notFound: false,
                text: `${shown}: answered an HTML page, not a Go module proxy response${after}`
            };
        }
        return {
            upstream: u,
            status: result.status,
            notFound: verdict === 'not-found',
            text: bodyText(result, shown, after),
            contentType: result.contentType
        };
    }
    if (result.type === 'network') {
        return {
            upstream: u,
            status: result.fault === 'timeout' ? 504 : 502,
            notFound: false,
            text: `${shown}: ${result.message}${after}`
        };
    }
    return { upstream: u, status: 502, notFound: false, text: `${shown}: unexpected stream` };
}

;// CONCATENATED MODULE: ./src/warm/upstream.ts
/**
 * One GET to an upstream proxy (or checksum database) with the timeouts the go command
 * lacks: a deadline for the first byte and for every gap between chunks. Follows redirects
 * like Go's client (never from https to http; credentials only to the same origin) and
 * classifies every failure so the forwarder can decide between retry, next proxy and stop.
 */





const upstream_MAX_REDIRECTS = 10;
/** Error bodies are only quoted, never served in full. */
const ERROR_BODY_LIMIT = 64 * 1024;
/** Performs one attempt, following redirects. Never rejects. */
async function attempt(options) {
    if (options.url.protocol === 'file:')
        return readFileProxy(options.url);
    let url = options.url;
    let authorization = options.authorization;
    for (let hop = 0; hop <= upstream_MAX_REDIRECTS; hop++) {
        const result = await once({ ...options, url, authorization });
        if (result.type !== 'redirect')
            return result;
        const next = new URL(result.location, url);
        if (url.protocol === 'https:' && next.protocol !== 'https:') {
            return {
                type: 'network',
                fault: 'redirect',
                message: `redirected from https to ${next.protocol.replace(':', '')}; refused`
            };
        }
        if (next.protocol !== 'http:' && next.protocol !== 'https:') {
            return { type: 'network', fault: 'redirect', message: `redirected to an unsupported scheme ${next.protocol}` };
        }
        // Like Go's client: credentials go only to the origin they were given for (or that .netrc names).
        if (next.origin !== url.origin)
            authorization = options.authorizationFor?.(next);
        url = next;
    }
    return { type: 'network', fault: 'redirect', message: `more than ${upstream_MAX_REDIRECTS} redirects` };
}
function once(options) {
    return new Promise(resolve => {
        const { url } = options;
        const secure = url.protocol === 'https:';
        const client = secure ? (external_node_https_default()) : (external_node_http_default());
        let settled = false;
        let streaming = false;
        const finish = (result) => {
            if (settled)
                return;
            settled = true;
            if (!streaming)
                clearTimeout(timer);
            options.signal.removeEventListener('abort', onAbort);
            resolve(result);
        };
        const fail = (fault, message) => {
            finish({ type: 'network', fault, message });
            request.destroy();
        };
        let timer;
        let timedOut = false;
        const arm = () => {
            clearTimeout(timer);
            timer = setTimeout(() => {
                timedOut = true;
                request.destroy(new Error(`no answer within ${options.timeoutMs} ms`));
            }, options.timeoutMs);
        };
        const onAbort = () => fail('other', 'the go command closed the request');
        const request = client.request({
            protocol: url.protocol,
            hostname: url.hostname.replace(/^\[|\]$/g, ''),
            port: url.port || undefined,
            path: `${url.pathname}${url.search}`,
            method: 'GET',
            agent: secure ? options.agents.https : options.agents.http,
            headers: {
                'User-Agent': 'setup-goproxy (warm phase)',
                Accept: '*/*',
                ...(options.authorization ? { Authorization: options.authorization } : {})
            }
        }, response => {
            arm();
            const status = response.statusCode ?? 0;
            const contentType = String(response.headers['content-type'] ?? '');
            if ([301, 302, 303, 307, 308].includes(status) && response.headers.location) {
                response.resume();
                finish({ type: 'redirect', location: response.headers.location });
                return;
            }
            const length = Number(response.headers['content-length']);
            const contentLength = Number.isFinite(length) && length >= 0 ? length : undefined;
            const limit = status === 200 ? options.bufferLimit : ERROR_BODY_LIMIT;
            const chunks = [];
            let size = 0;
            const spill = () => {
                // Too large to hold: hand the rest of the stream to the caller, with the idle timer still armed.
                streaming = true;
                response.off('data', onData);
                response.pause();
                finish({
                    type: 'stream',
                    status: 200,
                    contentType,
                    ...(contentLength !== undefined ? { contentLength } : {}),
                    head: chunks,
                    rest: response,
                    idle: { touch: arm, done: () => clearTimeout(timer) }
                });
            };
            const onData = (chunk) => {
                arm();
                options.onData?.(chunk.length);
                if (status !== 200 && size >= limit)
                    return; // an error body: keep the start, drain the rest
                chunks.push(chunk);
                size += chunk.length;
                if (status === 200 && size > limit)
                    spill();
            };
            if (status === 200 && contentLength !== undefined && contentLength > options.bufferLimit) {
                spill();
                return;
            }
            response.on('data', onData);
            response.on('error', error => {
                if (!streaming)
                    fail(timedOut ? 'timeout' : 'reset', timedOut ? error.message : `the answer broke off: ${error.message}`);
            });
            response.on('end', () => {
                if (streaming)
                    return;
                if (!response.complete)
                    return fail('reset', 'the answer broke off before its end (unexpected EOF)');
                const retryAfter = parseRetryAfter(response.headers['retry-after']);
                finish({
                    type: 'complete',
                    status,
                    contentType,
                    body: Buffer.concat(chunks),
                    ...(retryAfter !== undefined ? { retryAfterMs: retryAfter } : {})
                });
            });
            response.on('close', () => {
                if (!streaming && !response.complete) {
                    fail(timedOut ? 'timeout' : 'reset', timedOut
                        ? `the answer stalled: no data for ${options.timeoutMs} ms`
                        : 'the answer broke off before its end (unexpected EOF)');
                }
            });
        });
        request.on('error', (error) => {
            if (timedOut)
                return fail('timeout', `no answer within ${options.timeoutMs} ms`);
            fail(classifyError(error), describeError(error));
        });
        options.signal.addEventListener('abort', onAbort);
        if (options.signal.aborted)
            return onAbort();
        arm();
        request.end();
    });
}
/**
 * Maps a Node socket/TLS error to a fault class, with the probe's code tables (src/core/probe-report.ts)
 * so that a failure the probe called transient is retried here too.
 */
function classifyError(error) {
    const code = error.code ?? '';
    if (code === 'ECONNREFUSED' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EADDRNOTAVAIL')
        return 'refused';
    if (isDnsCode(code))
        return 'dns';
    if (code === 'ETIMEDOUT')
        return 'timeout';
    // HPE_INVALID_CONSTANT: garbage where a status line belongs, as when a reused keep-alive socket was half closed.
    if (isClosedCode(code) || code === 'HPE_INVALID_CONSTANT')
        return 'reset';
    if (tlsReason(code) !== undefined)
        return 'tls';
    if (/socket hang up/.test(error.message))
        return 'reset';
    return 'other';
}
/** The words for a failure, in the go command's own terms where diagnose.ts matches them ("no such host", "tls: "). */
function describeError(error) {
    const code = error.code ?? '';
    const words = {
        ECONNREFUSED: 'connection refused',
        ECONNRESET: 'connection reset',
        EAI_AGAIN: 'temporary failure in name resolution',
        ETIMEDOUT: 'connection timed out',
        EHOSTUNREACH: 'no route to host',
        ENETUNREACH: 'network is unreachable'
    };
    if (words[code])
        return words[code];
    if (isDnsCode(code))
        return 'no such host';
    const reason = tlsReason(code);
    if (reason !== undefined)
        return `tls: ${reason.includes(code) ? reason : `${reason} (${code})`}`;
    return error.message;
}
function parseRetryAfter(value) {
    if (typeof value !== 'string')
        return undefined;
    if (/^\d+$/.test(value.trim()))
        return Number(value.trim()) * 1000;
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}
/** A `file://` proxy: the file or 404, as the go command treats a missing file. */
async function readFileProxy(url) {
    let path;
    try {
        path = (0,external_node_url_namespaceObject.fileURLToPath)(url);
    }
    catch (error) {
        return { type: 'network', fault: 'other', message: String(error) };
    }
    try {
        const body = await (0,promises_namespaceObject.readFile)(path);
        return { type: 'complete', status: 200, contentType: 'application/octet-stream', body };
    }
    catch (error) {
        const code = error.code;
        if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') {
            return { type: 'complete', status: 404, contentType: 'text/plain', body: Buffer.from(`not found: ${path}\n`) };
        }
        return { type: 'network', fault: 'other', message: error.message };
    }
}

;// CONCATENATED MODULE: ./src/warm/forwarder-walk.ts





const BACKOFF_CAP_MS = 4000;
const RETRY_AFTER_CAP_MS = 10_000;
/** Non-zip answers are small (lists, .info, .mod, database tiles): no reason to buffer more before streaming. */
const SMALL_BUFFER_LIMIT = 16 * 1024 * 1024;
/**
 * Tries one upstream URL up to `tries` times, recording each try in `u`'s health (none for
 * the checksum database itself). Returns the final result and whether it was a success
 * (200), a not-found (404/410), or a failure. Stops early when the request is aborted or
 * `u` is dropped meanwhile (the next proxy after its `|` takes over).
 */
async function tryUpstream(ctx, u, url, authorization, tries, kind, signal) {
    let last;
    for (let n = 1; n <= tries; n++) {
        if (n > 1) {
            const retryAfter = last?.result.type === 'complete' ? (last.result.retryAfterMs ?? 0) : 0;
            await sleep(Math.max(backoffDelay(n - 1, ctx.backoffMs, BACKOFF_CAP_MS), Math.min(retryAfter, RETRY_AFTER_CAP_MS)), signal);
            if (signal.aborted || u?.health.dropped)
                break;
        }
        const result = await attempt({
            url,
            ...(authorization ? { authorization } : {}),
            authorizationFor: ctx.authorizationFor,
            timeoutMs: ctx.requestTimeoutMs,
            bufferLimit: kind === 'zip' ? ctx.bufferLimit : Math.min(ctx.bufferLimit, SMALL_BUFFER_LIMIT),
            agents: ctx.agents,
            signal,
            onData: ctx.touch
        });
        ctx.touch();
        const verdict = judge(result, kind);
        if (u)
            recordTry(u, verdict === 'ok' || verdict === 'not-found' ? 'success' : verdict, result.type === 'network' && result.fault === 'timeout', ctx.requestTimeoutMs, ctx.log);
        last = { result, verdict, tries: n };
        if (verdict !== 'transient' || signal.aborted)
            break;
        if (n < tries)
            ctx.log.debug(`Warm phase: ${describeUpstream(u, url)} ${summary(result)}; retrying (${n}/${tries})`);
    }
    // `last` is always set: the loop runs at least once unless aborted before the first try.
    return last ?? { result: { type: 'network', fault: 'other', message: 'aborted' }, verdict: 'permanent', tries: 0 };
}
/**
 * How many tries `u` gets for one request. A "|" proxy with more after it gets one try:
 * the next proxy is as good, and Go would move on too. So does a proxy the circuit breaker
 * holds open.
 */
function triesFor(ctx, u, isLast) {
    return (u.entry.separator === '|' && !isLast) || isFailing(u, ctx.attempts) ? 1 : ctx.attempts;
}
/** Walks the live chain for a module request, as Go walks GOPROXY. */
async function walkChain(ctx, path, kind, signal) {
    const live = ctx.upstreams.filter(u => !u.health.dropped);
    const outcomes = [];
    for (let i = 0; i < live.length; i++) {
        const u = live[i];
        const isLast = i === live.length - 1;
        const tries = triesFor(ctx, u, isLast);
        const { result, verdict, tries: used } = await tryUpstream(ctx, u, joinUrl(u.base, path), u.authorization, tries, kind, signal);
        if (verdict === 'ok')
            return result;
        const outcome = toOutcome(u, result, verdict, used);
        outcomes.push(outcome);
        if (signal.aborted)
            return outcome;
        if (verdict === 'not-found' || u.entry.separator === '|')
            continue;
        return outcome;
    }
    return fallOff(ctx.chain, outcomes);
}
/** The answer when every proxy was tried: Go's ranking (a proxy error beats "not found"), but a 404 stays a 404 when only it lets Go fall through to direct. */
function fallOff(chain, outcomes) {
    if (outcomes.length === 0) {
        return {
            status: 502,
            notFound: false,
            text: 'setup-goproxy forwarder: every proxy of the chain was dropped during the warm phase'
        };
    }
    const last = outcomes[outcomes.length - 1];
    const best = [...outcomes].reverse().find(o => !o.notFound) ?? last;
    const lastSeparator = chain.proxies[chain.proxies.length - 1]?.separator;
    const status = last.notFound && chain.terminal === 'direct' && lastSeparator === ',' ? last.status : best.status;
    const lines = [best, ...outcomes.filter(o => o !== best)].map(o => o.text.split('\n')[0]);
    return {
        status,
        notFound: status === 404 || status === 410,
        text: lines.join('\n'),
        contentType: 'text/plain; charset=utf-8'
    };
}

;// CONCATENATED MODULE: ./src/warm/forwarder-sumdb.ts





/**
 * A handler for checksum database requests: `rest` is the path after `sumdb/`. The route
 * per database is decided once (by the first request) and shared by concurrent requests.
 */
function createSumdbHandler(ctx, routing) {
    const { sumdb, gonosumdb, log } = routing;
    /** Where checksum database traffic goes once `supported` was answered: a proxy, or the database itself. */
    const routes = new Map();
    const route = (name, signal) => {
        const known = routes.get(name);
        if (known)
            return known;
        const walk = (async () => {
            const { upstreams } = ctx;
            for (let i = 0; i < upstreams.length; i++) {
                const u = upstreams[i];
                if (u.health.dropped)
                    continue;
                const isLast = !upstreams.slice(i + 1).some(v => !v.health.dropped);
                const { result, verdict, tries: used } = await tryUpstream(ctx, u, joinUrl(u.base, `sumdb/${name}/supported`), u.authorization, triesFor(ctx, u, isLast), 'sumdb', signal);
                if (verdict === 'ok')
                    return u;
                if (verdict === 'not-found' || u.entry.separator === '|')
                    continue;
                return toOutcome(u, result, verdict, used);
            }
            return 'database';
        })();
        routes.set(name, walk);
        // A failed walk is not remembered: the next attempt of the go command asks again.
        void walk.then(r => {
            if (typeof r === 'object' && 'status' in r)
                routes.delete(name);
        });
        return walk;
    };
    return async (rest, signal) => {
        const [name, ...tail] = rest.split('/');
        const sub = tail.join('/');
        if (sumdb.kind !== 'db' || name !== sumdb.name) {
            return {
                status: 404,
                notFound: true,
                text: `setup-goproxy forwarder: checksum database ${name} is not the configured one`
            };
        }
        if (sub.startsWith('lookup/')) {
            const module = decodeModule(sub.slice('lookup/'.length).replace(/@[^@]*$/, ''));
            if (module !== undefined && matchesPrefixPatterns(gonosumdb, module)) {
                log.warning(`Warm phase: the go command asked the checksum database about ${module}, which GONOSUMDB exempts; refused.`);
                return {
                    status: 403,
                    notFound: false,
                    text: `setup-goproxy forwarder: ${module} matches GONOSUMDB; not sent to the checksum database`
                };
            }
        }
        const chosen = await route(name, signal);
        if (typeof chosen === 'object' && 'status' in chosen)
            return chosen;
        if (sub === 'supported')
            return { type: 'complete', status: 200, contentType: 'text/plain; charset=utf-8', body: Buffer.alloc(0) };
        const url = chosen === 'database' ? joinUrl(new URL(sumdb.url), sub) : joinUrl(chosen.base, `sumdb/${name}/${sub}`);
        const upstream = chosen === 'database' ? undefined : chosen;
        const authorization = chosen === 'database' ? ctx.authorizationFor(url) : chosen.authorization;
        // Go never falls back once a proxy serves the database: neither does the forwarder.
        const { result, verdict, tries } = await tryUpstream(ctx, upstream, url, authorization, upstream && isFailing(upstream, ctx.attempts) ? 1 : ctx.attempts, 'sumdb', signal);
        if (verdict === 'ok' || result.type === 'stream')
            return result;
        if (result.type === 'complete' && verdict !== 'transient')
            return {
                status: result.status,
                notFound: verdict === 'not-found',
                text: bodyText(result, describeUpstream(upstream, url)),
                contentType: result.contentType
            };
        return toOutcome(upstream, result, verdict, tries, url);
    };
}

;// CONCATENATED MODULE: ./src/warm/forwarder.ts
/**
 * The warm phase's loopback forwarder. The go command has no response timeout and retries
 * nothing, so during the warm phase it talks to this server (GOPROXY=http://127.0.0.1:PORT/TOKEN
 * plus the chain's terminal keyword) and the forwarder walks the verified chain for every
 * request the way Go would — `,` falls through on 404/410 only, `|` on any error — adding
 * what Go lacks: a deadline for the first byte and for every gap between chunks, retries
 * with backoff and jitter for transient faults, and a health record per proxy that drops a
 * stalling or failing `|` proxy for the rest of the phase.
 *
 * Bodies pass through unchanged and are never cached: the go command still checks every
 * byte against go.sum and the checksum database. A body is buffered before it is answered
 * (so a transfer that breaks off can be retried), except a 200 answer larger than
 * `bufferLimit`, which is streamed and, if it breaks off, cut off cleanly (go reports an
 * unexpected EOF, which the warm phase retries).
 *
 * Checksum database traffic (`/sumdb/<name>/...`): `supported` walks the chain like Go;
 * the first proxy answering 200 serves every later request for that database, and when
 * none does the forwarder forwards to the database itself (`sumdb.url`, where Go would have
 * gone) with the same timeouts and retries. Go verifies the signed tree either way.
 *
 * This module is the forwarder's public face and wires its parts together:
 *   forwarder-types.ts   options, the running forwarder, per-proxy health, internal shapes
 *   forwarder-server.ts  the loopback HTTP server, request routing, writing answers
 *   forwarder-walk.ts    walking the chain with Go's `,`/`|` semantics, tries and backoff
 *   forwarder-sumdb.ts   checksum database routing
 *   forwarder-health.ts  upstreams, health bookkeeping, circuit breaker, dropping `|` proxies
 *   forwarder-verdict.ts judging one answer and wording failures for the go command
 *   forwarder-paths.ts   wire paths: joining, safety, module path decoding
 */









const DEFAULT_BUFFER_LIMIT = 128 * 1024 * 1024;
/** Starts the forwarder on 127.0.0.1 (random port). Close it when the warm phase ends. */
async function startForwarder(options) {
    const token = (0,external_node_crypto_namespaceObject.randomBytes)(12).toString('hex');
    const { chain, log } = options;
    // The same trust as the probe (SSL_CERT_FILE, NODE_EXTRA_CA_CERTS): behind a TLS-inspecting proxy the probe
    // would pass and every warm request fail otherwise.
    const ca = trustedCertificates(options.ca);
    const agents = {
        http: new (external_node_http_default()).Agent({ keepAlive: true, maxSockets: 32 }),
        https: new (external_node_https_default()).Agent({ keepAlive: true, maxSockets: 32, ...(ca ? { ca } : {}) })
    };
    const netrc = options.netrc ?? [];
    // One lookup for the first request and for redirects, as the go command looks every URL up the same way.
    const lookup = (url) => options.credentialsFor?.(url) ?? credentialsFor(netrc, url);
    const upstreams = chain.proxies.map((entry, i) => makeUpstream(entry, i, chain, lookup));
    const controllers = new Set();
    const activity = { inFlight: 0, lastActivity: Date.now(), zips: 0, current: undefined };
    const touch = () => {
        activity.lastActivity = Date.now();
    };
    const walk = {
        chain,
        upstreams,
        attempts: Math.max(1, options.attemptsPerRequest ?? 5),
        backoffMs: options.backoffMs ?? 50,
        bufferLimit: options.bufferLimit ?? DEFAULT_BUFFER_LIMIT,
        requestTimeoutMs: options.requestTimeoutMs,
        agents,
        authorizationFor: url => basic(lookup(url.href)),
        touch,
        log
    };
    const requests = {
        token,
        gonoproxy: options.gonoproxy,
        log,
        activity,
        touch,
        controllers,
        walkChain: (path, kind, signal) => walkChain(walk, path, kind, signal),
        handleSumdb: createSumdbHandler(walk, { sumdb: options.sumdb, gonosumdb: options.gonosumdb, log })
    };
    const server = await listenLoopback((req, res) => handleRequest(requests, req, res), log);
    const url = `http://127.0.0.1:${server.port}/${token}`;
    const lastEntry = chain.proxies[chain.proxies.length - 1];
    const goproxy = chain.terminal && lastEntry ? `${url}${lastEntry.separator}${chain.terminal}` : url;
    return {
        url,
        goproxy,
        inFlight: () => activity.inFlight,
        lastActivity: () => activity.lastActivity,
        progress: () => ({ zips: activity.zips, ...(activity.current ? { current: activity.current } : {}) }),
        health: () => upstreams.map(u => u.health),
        chain: () => ({
            proxies: upstreams.filter(u => !u.health.dropped).map(u => u.entry),
            ...(chain.terminal ? { terminal: chain.terminal } : {})
        }),
        close: async () => {
            for (const c of controllers)
                c.abort();
            const closed = server.close();
            agents.http.destroy();
            agents.https.destroy();
            await closed;
        }
    };
}

;// CONCATENATED MODULE: ./src/warm/netrc.ts
/**
 * The go command sends credentials from $NETRC (else ~/.netrc, %USERPROFILE%\_netrc on
 * Windows) to every https URL whose host[:port] is a `machine` there
 * (cmd/go/internal/auth). The forwarder talks to the proxies instead of the go command,
 * so it must do the same, with the same parser, or a proxy that works for go would
 * answer 401 during the warm phase. The lookup itself is credentialsFor in
 * src/core/auth/secrets.ts, the one the probe uses.
 */


/** Go's parseNetrc: machine/login/password triples; `macdef` bodies skipped; nothing after `default`. */
function parseNetrc(data) {
    const entries = [];
    let current = { machine: '', login: '', password: '' };
    let inMacro = false;
    for (const line of data.split('\n')) {
        if (inMacro) {
            if (line === '')
                inMacro = false;
            continue;
        }
        const f = line.split(/\s+/).filter(Boolean);
        let i = 0;
        for (; i < f.length - 1; i += 2) {
            switch (f[i]) {
                case 'machine':
                    current = { machine: f[i + 1], login: '', password: '' };
                    break;
                case 'login':
                    current.login = f[i + 1];
                    break;
                case 'password':
                    current.password = f[i + 1];
                    break;
                case 'macdef':
                    inMacro = true;
                    break;
            }
            if (current.machine && current.login && current.password) {
                entries.push(current);
                current = { machine: '', login: '', password: '' };
            }
        }
        if (i < f.length && f[i] === 'default')
            break;
    }
    return entries;
}
/** The netrc entries the go command would read with this environment ([] when there is no file). */
function readNetrc(env) {
    const windows = process.platform === 'win32';
    const home = windows ? (env.USERPROFILE ?? env.HOME) : env.HOME;
    const path = env.NETRC || (home ? (0,external_node_path_namespaceObject.join)(home, windows ? '_netrc' : '.netrc') : undefined);
    if (!path)
        return [];
    try {
        return parseNetrc((0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8'));
    }
    catch {
        return [];
    }
}

;// CONCATENATED MODULE: ./src/core/download-json.ts
/**
 * `go mod download -json` prints one tab-indented JSON object per module, one after the
 * other: a stream of objects, not an array. This parser takes the output in chunks of any
 * size (split anywhere, even inside a UTF-8 character) and returns each object as soon as
 * its closing brace arrives, so a caller never waits for the end of the stream.
 */
/** Incremental parser for the object stream. Feed chunks with `push`, then call `end`. */
class DownloadJsonParser {
    decoder = new TextDecoder('utf-8');
    /** Text of the object being read (from its opening brace). */
    current = '';
    depth = 0;
    inString = false;
    escaped = false;
    /** Text outside any object that is not white space (a warning printed to stdout, say). */
    strayText = '';
    /** Anything the stream held outside the objects, for diagnostics. */
    get stray() {
        return this.strayText;
    }
    /** Feeds a chunk (bytes or text) and returns the objects it completed, in order. */
    push(chunk) {
        const text = typeof chunk === 'string' ? chunk : this.decoder.decode(chunk, { stream: true });
        return this.scan(text);
    }
    /**
     * Ends the stream: returns any object completed by the decoder's last bytes. An object
     * left open (the process was killed mid-write) is dropped and recorded as stray text.
     */
    end() {
        const objects = this.scan(this.decoder.decode());
        if (this.depth > 0)
            this.strayText += this.current;
        this.current = '';
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
        return objects;
    }
    scan(text) {
        const objects = [];
        let start = this.depth > 0 ? 0 : -1;
        for (let i = 0; i < text.length; i++) {
            const c = text[i];
            if (this.depth === 0) {
                if (c === '{') {
                    this.depth = 1;
                    start = i;
                }
                else if (!/\s/.test(c)) {
                    this.strayText += c;
                }
                continue;
            }
            if (this.inString) {
                if (this.escaped)
                    this.escaped = false;
                else if (c === '\\')
                    this.escaped = true;
                else if (c === '"')
                    this.inString = false;
                continue;
            }
            if (c === '"')
                this.inString = true;
            else if (c === '{' || c === '[')
                this.depth++;
            else if (c === '}' || c === ']') {
                this.depth--;
                if (this.depth === 0) {
                    const json = this.current + text.slice(start, i + 1);
                    this.current = '';
                    start = -1;
                    const parsed = parseObject(json);
                    if (parsed)
                        objects.push(parsed);
                    else
                        this.strayText += json;
                }
            }
        }
        if (this.depth > 0 && start >= 0)
            this.current += text.slice(start);
        return objects;
    }
}
function parseObject(json) {
    try {
        const value = JSON.parse(json);
        if (value &&
            typeof value === 'object' &&
            !Array.isArray(value) &&
            typeof value.Path === 'string') {
            return value;
        }
    }
    catch {
        // Not JSON after all: kept as stray text by the caller.
    }
    return undefined;
}
/** Parses a complete output at once (tests, small outputs). */
function parseDownloadJson(output) {
    const parser = new DownloadJsonParser();
    return [...parser.push(output), ...parser.end()];
}

;// CONCATENATED MODULE: ./src/warm/run-go.ts
/**
 * Runs one `go mod download -json` under a watchdog. The go command can hang forever on a
 * proxy that accepts and never answers, so the watchdog kills the whole process tree when
 * there is no progress — no output, no proxy traffic through the forwarder, no growth of
 * the module cache — for the stall window, or when the phase's deadline passes.
 */




const STDERR_LIMIT = 256 * 1024;
/** Runs the command; never rejects. */
function runWatched(options) {
    const started = Date.now();
    const posix = process.platform !== 'win32';
    return new Promise(resolve => {
        const parser = new DownloadJsonParser();
        const objects = [];
        let stderr = '';
        let lastProgress = Date.now();
        let killed;
        let settled = false;
        let probing = false;
        let signature;
        let lastWalkEnd = 0;
        let lastWalkMs = 0;
        const child = (0,external_node_child_process_namespaceObject.spawn)(options.go, [...options.args], {
            cwd: options.cwd,
            env: options.env,
            // Its own process group on POSIX, so that a kill reaches git and every other child.
            detached: posix,
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true
        });
        const take = (list) => {
            objects.push(...list);
        };
        child.stdout.on('data', (chunk) => {
            lastProgress = Date.now();
            take(parser.push(chunk));
        });
        child.stderr.on('data', (chunk) => {
            lastProgress = Date.now();
            if (stderr.length < STDERR_LIMIT)
                stderr += chunk.toString('utf8');
        });
        const kill = (why) => {
            if (killed)
                return;
            killed = why;
            killTree(child.pid, posix);
        };
        const tick = setInterval(() => {
            const now = Date.now();
            options.onTick?.();
            if (now >= options.deadline)
                return kill('deadline');
            if (options.busy?.())
                lastProgress = now;
            lastProgress = Math.max(lastProgress, options.lastActivity?.() ?? 0);
            const idle = now - lastProgress;
            // Walking the cache is not free: only when everything else has been quiet for half the window, and never
            // back to back (a slow walk on a huge cache would otherwise take a core). The first walk is the baseline;
            // any later change counts as progress.
            const walkDue = now >= lastWalkEnd + Math.max(options.stallMs / 4, 2 * lastWalkMs);
            if (idle >= options.stallMs / 2 && !probing && walkDue) {
                probing = true;
                const walkStart = Date.now();
                void cacheSignature(options.watchDirs).then(next => {
                    probing = false;
                    lastWalkEnd = Date.now();
                    lastWalkMs = lastWalkEnd - walkStart;
                    if (signature !== undefined && next !== signature)
                        lastProgress = Date.now();
                    signature = next;
                });
            }
            if (idle >= options.stallMs)
                kill('stall');
        }, Math.max(50, Math.min(1000, options.stallMs / 4)));
        let grace;
        const finish = (code, spawnError) => {
            if (settled)
                return;
            settled = true;
            clearInterval(tick);
            clearTimeout(grace);
            take(parser.end());
            resolve({
                code: killed ? null : code,
                objects,
                stderr,
                ...(killed ? { killed } : {}),
                ms: Date.now() - started,
                ...(spawnError ? { spawnError } : {})
            });
        };
        child.on('error', error => finish(null, error.message));
        // 'close' waits for the pipes; an orphaned grandchild could hold them, so settle soon after 'exit' regardless.
        child.on('exit', code => {
            grace = setTimeout(() => {
                child.stdout.destroy();
                child.stderr.destroy();
                finish(code);
            }, 2000);
        });
        child.on('close', code => finish(code));
    });
}
/** Kills a process and everything it started. */
function killTree(pid, posix = process.platform !== 'win32') {
    if (!pid)
        return;
    try {
        if (posix)
            process.kill(-pid, 'SIGKILL');
        else
            (0,external_node_child_process_namespaceObject.spawn)('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on('error', () => undefined);
    }
    catch {
        try {
            process.kill(pid, 'SIGKILL');
        }
        catch {
            // Already gone.
        }
    }
}
/** Entries looked at below each watched directory: a huge cache/download must not starve cache/vcs of its walk. */
const ENTRY_BUDGET_PER_DIR = 200_000;
/** Files, bytes and newest mtime below the directories: changes when anything is written there. */
async function cacheSignature(dirs) {
    let files = 0;
    let bytes = 0;
    let newest = 0;
    let budget = 0;
    const walk = async (dir) => {
        let entries;
        try {
            entries = await (0,promises_namespaceObject.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (--budget < 0)
                return;
            const path = (0,external_node_path_namespaceObject.join)(dir, entry.name);
            if (entry.isDirectory()) {
                await walk(path);
            }
            else {
                try {
                    const info = await (0,promises_namespaceObject.stat)(path);
                    files++;
                    bytes += info.size;
                    newest = Math.max(newest, info.mtimeMs);
                }
                catch {
                    // Renamed away meanwhile: a change the next walk sees.
                }
            }
        }
    };
    for (const dir of dirs) {
        budget = ENTRY_BUDGET_PER_DIR;
        await walk(dir);
    }
    return `${files}/${bytes}/${newest}`;
}

;// CONCATENATED MODULE: ./src/warm/find-go.ts



/**
 * The go binary: the first `go` on PATH (with PATHEXT on Windows), else whatever `extraLookup`
 * finds; undefined when there is none. A plain PATH walk keeps @actions/* out of the CLI bundle.
 */
async function findGo(extraLookup, env = process.env) {
    const windows = process.platform === 'win32';
    const names = windows
        ? (env.PATHEXT ?? '.EXE;.CMD;.BAT;.COM')
            .split(';')
            .filter(Boolean)
            .map(ext => `go${ext.toLowerCase()}`)
        : ['go'];
    for (const dir of (env.PATH ?? env.Path ?? '').split(external_node_path_namespaceObject.delimiter)) {
        if (dir === '')
            continue;
        for (const name of names) {
            const candidate = (0,external_node_path_namespaceObject.join)(dir, name);
            if (await isExecutable(candidate, windows))
                return candidate;
        }
    }
    return (await extraLookup?.()) ?? undefined;
}
async function isExecutable(path, windows) {
    try {
        if (!(await (0,promises_namespaceObject.stat)(path)).isFile())
            return false;
        if (!windows)
            await (0,promises_namespaceObject.access)(path, external_node_fs_namespaceObject.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/warm/index.ts
/**
 * The warm phase: download every module the build needs, before the build, through the
 * verified chain — and when that fails, say in one sentence what is wrong and what to change.
 *
 * Per module set (a module, or a workspace) it runs `go mod download -json` under a watchdog,
 * with the go command pointed at a loopback forwarder that adds per-request timeouts, retries
 * and proxy health to the chain (see forwarder.ts). Transient faults are retried with
 * exponential backoff and jitter, up to `retries` attempts; a checksum mismatch, an invalid
 * path or version, an unknown revision or a module no proxy has fails at once. Verification is
 * never weakened and the module cache is never cleaned.
 */













const DEFAULT_STALL_SECONDS = 30;
const RETRY_DELAY_CAP_MS = 15_000;
/** Runs the warm phase. Never throws for download problems: they are in the report. */
async function warmModules(options) {
    const started = Date.now();
    const deadline = started + options.timeoutSeconds * 1000;
    const stallSeconds = options.stallSeconds ?? DEFAULT_STALL_SECONDS;
    const stallMs = stallSeconds * 1000;
    const { log } = options;
    const notes = [];
    const resolved = await resolveDirectories(options.directories, options.cwd, options.env.GOWORK);
    notes.push(...resolved.notes);
    for (const note of resolved.notes)
        log.info(note);
    const directories = resolved.sets.map(set => display(set.dir, options.cwd));
    const modules = new Map();
    const failures = new Map();
    let attempts = 0;
    const finish = (forwarder) => {
        const chain = forwarder ? forwarder.chain() : options.chain;
        const failed = [...failures.values()].flat();
        const values = [...modules.values()];
        return {
            ok: failed.length === 0,
            downloaded: values.filter(v => v === 'downloaded').length,
            cached: values.filter(v => v === 'cached').length,
            failed,
            seconds: Math.round((Date.now() - started) / 100) / 10,
            attempts,
            directories,
            chain,
            chainChanged: chain.proxies.length !== options.chain.proxies.length,
            notes
        };
    };
    if (resolved.sets.length === 0)
        return finish();
    const modcache = await goModCache(options);
    const watchDirs = modcache ? [(0,external_node_path_namespaceObject.join)(modcache, 'cache', 'download'), (0,external_node_path_namespaceObject.join)(modcache, 'cache', 'vcs')] : [];
    const forwarder = await maybeStartForwarder(options, stallMs, notes);
    const env = {
        ...options.env,
        GOPROXY: forwarder ? forwarder.goproxy : formatChain(options.chain)
    };
    const clean = (text) => {
        const redacted = redactText(text);
        return forwarder ? redacted.split(forwarder.url).join('[forwarder]') : redacted;
    };
    log.info(`Warming the module cache for ${directories.join(', ')} through ${formatChain(options.chain, true) || 'the default chain'}${forwarder ? ' (per-request timeouts and retries by the warm-phase forwarder)' : ''}.`);
    let lastProgress = 0;
    const progress = (force = false) => {
        if (!options.onProgress)
            return;
        const now = Date.now();
        if (!force && now - lastProgress < 250)
            return;
        lastProgress = now;
        const p = forwarder?.progress();
        options.onProgress({
            done: Math.max(modules.size, p?.zips ?? 0),
            ...(p?.current ? { current: p.current } : {}),
            elapsedMs: now - started
        });
    };
    try {
        let pending = resolved.sets;
        const maxAttempts = Math.max(1, options.retries);
        for (let attempt = 1; attempt <= maxAttempts && pending.length > 0; attempt++) {
            if (attempt > 1) {
                const delay = backoffDelay(attempt - 1, options.retryDelayMs ?? 1000, RETRY_DELAY_CAP_MS);
                if (Date.now() + delay >= deadline)
                    break;
                await sleep(delay);
            }
            attempts = attempt;
            const again = [];
            for (const set of pending) {
                const shown = display(set.dir, options.cwd);
                if (Date.now() >= deadline) {
                    failures.set(set, [await failureFor(set, shown, deadlineMarker(options.timeoutSeconds), options.cwd)]);
                    continue;
                }
                const run = await runWatched({
                    go: options.go,
                    args: ['mod', 'download', '-json'],
                    cwd: set.dir,
                    env,
                    stallMs,
                    deadline,
                    watchDirs,
                    ...(forwarder ? { lastActivity: forwarder.lastActivity, busy: () => forwarder.inFlight() > 0 } : {}),
                    onTick: () => progress()
                });
                const found = await judgeRun(run, set, shown, started, modules, options, stallSeconds, clean);
                failures.set(set, found);
                progress(true);
                const counts = `${run.objects.length} modules checked in ${(run.ms / 1000).toFixed(1)} s`;
                if (found.length === 0) {
                    log.info(`${shown}: ${counts}${attempt > 1 ? ` (attempt ${attempt})` : ''}.`);
                }
                else if (found.every(f => f.diagnosis.transient) && attempt < maxAttempts && Date.now() < deadline) {
                    // Only when every failure may pass: a checksum mismatch or a missing module would fail the build anyway.
                    log.info(`${shown}: ${found.length} failed (${found[0].diagnosis.kind}: ${found[0].diagnosis.message}); trying again (attempt ${attempt + 1} of ${maxAttempts}).`);
                    again.push(set);
                }
            }
            pending = again;
        }
    }
    finally {
        await forwarder?.close();
    }
    for (const health of forwarder?.health() ?? []) {
        if (health.dropped)
            notes.push(`Dropped ${health.url} from GOPROXY: ${health.reason}.`);
    }
    const report = finish(forwarder);
    for (const failure of report.failed) {
        log.info(failure.error);
        log.error(failure.diagnosis.message, failure.goMod);
    }
    const summary = `Warm phase: ${report.downloaded} downloaded, ${report.cached} already cached, ${report.failed.length} failed in ${report.seconds} s (${report.attempts} attempt${report.attempts === 1 ? '' : 's'}).`;
    log.info(summary);
    options.onProgress?.({
        done: report.downloaded + report.cached,
        total: report.downloaded + report.cached + report.failed.length,
        elapsedMs: Date.now() - started
    });
    return report;
}
/** Starts the forwarder unless the chain has no proxy, or an HTTP proxy from the environment applies (the forwarder cannot go through one). */
async function maybeStartForwarder(options, stallMs, notes) {
    const { chain, sumdb } = options;
    if (chain.proxies.length === 0)
        return undefined;
    const urls = chain.proxies.map(p => p.url);
    // An explicit database URL bypasses the proxies (and so the forwarder) in the go command.
    if (sumdb.kind === 'db' && !sumdb.explicitUrl)
        urls.push(sumdb.url);
    const viaEnvironment = urls.find(url => environmentProxyFor(url, options.env));
    if (viaEnvironment) {
        const note = `An HTTP proxy from the environment (HTTPS_PROXY/HTTP_PROXY) applies to ${redactUrl(viaEnvironment)}: the warm phase runs the go command without its forwarder (no per-request timeouts or retries; the watchdog still applies).`;
        notes.push(note);
        options.log.info(note);
        return undefined;
    }
    return startForwarder({
        chain,
        sumdb,
        gonoproxy: options.plan.gonoproxy,
        gonosumdb: options.plan.gonosumdb,
        ...(options.credentialsFor ? { credentialsFor: options.credentialsFor } : {}),
        netrc: readNetrc(options.env),
        ...(options.ca ? { ca: options.ca } : {}),
        requestTimeoutMs: options.requestTimeoutMs ?? Math.min(15_000, stallMs / 2),
        log: options.log
    });
}
/** Records what one run downloaded and returns its failures. */
async function judgeRun(run, set, shown, started, modules, options, stallSeconds, clean) {
    const failed = [];
    for (const object of run.objects) {
        const key = `${object.Path}@${object.Version ?? ''}`;
        if (object.Error) {
            const error = clean(object.Error);
            failed.push({
                path: object.Path,
                ...(object.Version ? { version: object.Version } : {}),
                error,
                diagnosis: diagnose(error, { module: object.Path, ...(object.Version ? { version: object.Version } : {}) }),
                directory: shown,
                ...(await requiringGoMod(set, object.Path, options.cwd))
            });
            continue;
        }
        modules.set(key, (await fetchedSince(object, started)) ? 'downloaded' : (modules.get(key) ?? 'cached'));
    }
    if (run.spawnError) {
        failed.push(await failureFor(set, shown, `could not start ${options.go}: ${run.spawnError}`, options.cwd));
    }
    else if (run.killed) {
        const marker = run.killed === 'stall' ? stallMarker(stallSeconds) : deadlineMarker(options.timeoutSeconds);
        failed.push(await failureFor(set, shown, `${marker}${run.stderr.trim() ? `\n${clean(run.stderr.trim())}` : ''}`, options.cwd));
    }
    else if (run.code !== 0 && failed.length === 0) {
        failed.push(...(await stderrFailures(set, shown, clean(run.stderr.trim() || `go mod download exited with ${run.code}`), options.cwd)));
    }
    return failed;
}
/** True when the module's files were written after the warm phase began (else they were already cached). */
async function fetchedSince(object, started) {
    const file = object.Zip ?? object.GoMod;
    if (!file)
        return false;
    try {
        return (await (0,promises_namespaceObject.stat)(file)).mtimeMs >= started;
    }
    catch {
        return false;
    }
}
/** Failures from a fatal stderr (no JSON): one per `go: path@version: ...` block, else one for the whole text. */
async function stderrFailures(set, shown, stderr, cwd) {
    const blocks = stderr.split(/\n(?=go: )/).filter(b => /^go: [^\s@]+@[^\s:]+: /.test(b));
    if (blocks.length === 0)
        return [await failureFor(set, shown, stderr, cwd)];
    return Promise.all(blocks.map(block => failureFor(set, shown, block, cwd)));
}
async function failureFor(set, shown, text, cwd) {
    const diagnosis = diagnose(text);
    const path = diagnosis.module ?? (await mainModule(set)) ?? shown;
    return {
        path,
        ...(diagnosis.version ? { version: diagnosis.version } : {}),
        error: text,
        diagnosis,
        directory: shown,
        ...(diagnosis.module ? await requiringGoMod(set, diagnosis.module, cwd) : fallbackGoMod(set, cwd))
    };
}
async function mainModule(set) {
    if (set.goWork || set.goMods.length === 0)
        return undefined;
    try {
        return /^\s*module\s+"?([^\s"]+)"?/m.exec(await (0,promises_namespaceObject.readFile)(set.goMods[0], 'utf8'))?.[1];
    }
    catch {
        return undefined;
    }
}
/** The go.mod of the set that names the module in a require (or replace) line; else the set's own file. */
async function requiringGoMod(set, modulePath, cwd) {
    const escaped = modulePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const line = new RegExp(`(^|[\\s(])"?${escaped}"?\\s+v`, 'm');
    for (const goMod of set.goMods) {
        try {
            if (line.test(await (0,promises_namespaceObject.readFile)(goMod, 'utf8')))
                return { goMod: display(goMod, cwd) };
        }
        catch {
            // Unreadable: try the next one.
        }
    }
    return fallbackGoMod(set, cwd);
}
function fallbackGoMod(set, cwd) {
    const file = set.goWork ?? set.goMods[0];
    return file ? { goMod: display(file, cwd) } : {};
}
/** $GOMODCACHE as the go command sees it (GOTOOLCHAIN=local: asking must not download a toolchain). */
function goModCache(options) {
    return new Promise(resolve => {
        (0,external_node_child_process_namespaceObject.execFile)(options.go, ['env', 'GOMODCACHE'], { cwd: options.cwd, env: { ...options.env, GOTOOLCHAIN: 'local' }, timeout: 30_000, windowsHide: true }, (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined));
    });
}

;// CONCATENATED MODULE: ./src/cli/go.ts


/**
 * Runs a program asynchronously (the probe's and the tests' servers may live in this process) with a hard timeout.
 * Never rejects for a non-zero exit; rejects only when the program cannot be started.
 */
function runCommand(file, args, options) {
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_namespaceObject.spawn)(file, args, {
            cwd: options.cwd,
            env: definedOnly(options.env),
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true
        });
        const out = [];
        const err = [];
        child.stdout.on('data', (chunk) => out.push(chunk));
        child.stderr.on('data', (chunk) => err.push(chunk));
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            child.kill('SIGKILL');
        }, options.timeoutMs);
        child.on('error', error => {
            clearTimeout(timer);
            reject(error);
        });
        child.on('close', code => {
            clearTimeout(timer);
            resolve({
                code,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8'),
                timedOut
            });
        });
    });
}
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}
/**
 * What the machine already has, as the action's readAmbient reads it on a runner: the six variables from the
 * environment (empty counts as unset, as in Go) and, when go is present, no flag decides the chain (`needGoproxy`)
 * and GOPROXY is not in the environment, `go env GOPROXY` (which sees `go env -w` and $GOROOT/go.env).
 */
async function readAmbient(go, needGoproxy, env, cwd) {
    const values = goVariablesFrom(env);
    if (!go || !needGoproxy || values.GOPROXY)
        return { env: values };
    try {
        const result = await runCommand(go, ['env', 'GOPROXY'], { env, cwd, timeoutMs: 15_000 });
        return result.code === 0 ? { env: values, goEnvGoproxy: result.stdout.trim() } : { env: values };
    }
    catch {
        return { env: values };
    }
}

;// CONCATENATED MODULE: ./src/cli/configure.ts








/**
 * Validates the inputs and composes the plan, exactly as the action does: readSettings over the flags (defaults
 * from INPUT_DEFAULTS), the machine's GO* variables and `go env GOPROXY` as the ambient values, credentials moved
 * out of URLs and module hosts added to GOPRIVATE. Throws InputErrors for bad values.
 */
async function prepare(inputs, io, log) {
    const settings = readSettings(name => inputs[name] ?? '');
    // The PATH of the environment the CLI was given, not the process's: the caller decides which go answers.
    const go = await findGo(undefined, io.env);
    const ambient = await readAmbient(go, !chainFromInputs(settings), io.env, io.cwd);
    const { plan, credentials } = planEnvironment(settings, ambient);
    credentials.notes.forEach(note => log.info(note));
    if (credentials.netrc.length > 0 || credentials.git.length > 0) {
        const hosts = [...new Set([...credentials.netrc.map(e => e.machine), ...credentials.git.map(g => g.urlPrefix)])];
        log.warning(`Credentials are used for the probe and warm only: the CLI writes no netrc or git configuration. For go to use them later, put them in ~/.netrc (machine HOST login USER password SECRET) or git's credential helper for: ${hosts.join(', ')}.`);
    }
    plan.warnings.forEach(warning => log.warning(warning));
    log.info(`Composed GOPROXY (${plan.chainSource}): ${formatChain(plan.chain, true)}`);
    return { settings, ...(go ? { go } : {}), plan, credentials };
}
/**
 * Step 3 of the action: probe (when `probe` is on) and keep the rebuilt chain when it has no problem; with
 * problems, `on-unreachable: warn` keeps the chain as composed and `fail` fails.
 */
async function decide(prepared, log, probe = prepared.settings.probe) {
    const { settings, plan, credentials } = prepared;
    if (!probe)
        return { chain: plan.chain, sumdb: plan.sumdb, environment: environmentFor(plan) };
    const outcome = await probeChain(plan, {
        timeoutMs: settings.probeTimeoutMs,
        probeModule: settings.probeModule,
        order: settings.order,
        credentialsFor: credentials.credentialsFor,
        log
    });
    // As the action words it: every proxy left out of the chain, with the probe's reason.
    droppedWarnings(outcome.report).forEach(warning => log.warning(warning));
    // Notes are not failures: a switched checksum database, a "," gate that was dropped.
    outcome.report.notes.forEach(note => log.info(`note: ${note}`));
    const verdict = decideAfterProbe(plan, outcome, settings.onUnreachable, 'Set --on-unreachable warn');
    if (verdict.warning)
        log.warning(verdict.warning);
    return {
        outcome,
        chain: verdict.chain,
        sumdb: verdict.sumdb,
        environment: environmentFor(plan, verdict.chain, verdict.sumdb),
        ...(verdict.failure ? { failure: verdict.failure } : {})
    };
}

;// CONCATENATED MODULE: ./src/cli/io.ts
/** The real process: what `src/cli/index.ts` passes. */
function processIo() {
    return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}
/**
 * Colour only on a terminal, and never when NO_COLOR is set to anything but '' (https://no-color.org). stdout
 * decides for both streams, so `setup-goproxy env > file` does not colour the messages left on the terminal either.
 */
function useColour(io, stream) {
    const noColour = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
    return !noColour && io.stdout.isTTY === true && stream.isTTY === true;
}
/** The styles for one stream. */
function styles(enabled) {
    const wrap = (open, close) => (text) => enabled ? `\u001b[${open}m${text}\u001b[${close}m` : text;
    return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), yellow: wrap(33, 39), green: wrap(32, 39) };
}

;// CONCATENATED MODULE: ./src/cli/logger.ts


/**
 * The core's Logger over the terminal: everything goes to stderr, so stdout holds only what a command prints for
 * machines and shells (`eval "$(setup-goproxy env)"`). Debug lines only with --verbose, and so info lines when the
 * command's own output already says the same (`quietInfo`, for probe's table). Text is redacted as in the action's
 * log (the CLI has no masking).
 */
function terminalLogger(io, verbose, guard, options = {}) {
    const style = styles(useColour(io, io.stderr));
    const write = (prefix, message) => {
        guard?.before();
        const text = redactText(message);
        io.stderr.write(`${prefix}${text.split('\n').join(`\n${' '.repeat(visibleLength(prefix))}`)}\n`);
        guard?.after();
    };
    return {
        info: message => {
            if (!options.quietInfo)
                write('', message);
            else if (verbose)
                write(style.dim('info: '), message);
        },
        warning: (message, file) => write(style.yellow('warning: '), file ? `${file}: ${message}` : message),
        error: (message, file) => write(style.red('error: '), file ? `${file}: ${message}` : message),
        debug: message => {
            if (verbose)
                write(style.dim('debug: '), message);
        }
    };
}
function visibleLength(text) {
    // eslint-disable-next-line no-control-regex
    return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}

;// CONCATENATED MODULE: ./src/cli/shell.ts
/** Characters no shell treats specially: such a value is printed bare, for readability. */
const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;
/**
 * Quotes one word for a shell so that it reaches the variable or the program unchanged. Values are validated before
 * this (no control characters, no newlines), so single quotes suffice everywhere but cmd, which has no escape for
 * `%` or `"` inside quotes: such a value is refused with a message rather than printed wrong.
 */
function quoteFor(shell, value) {
    switch (shell) {
        case 'sh':
            return PLAIN.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
        case 'fish':
            // Inside fish's single quotes only \\ and \' are escapes; a leading % would be a process expansion in old fish.
            return PLAIN.test(value) && !value.includes('%') ? value : `'${value.replace(/[\\']/g, c => `\\${c}`)}'`;
        case 'pwsh':
            // PowerShell also ends a single-quoted string at the typographic single quotes; a doubled quote is literal.
            return `'${value.replace(/['\u2018\u2019\u201a\u201b]/g, c => c + c)}'`;
        case 'cmd':
            if (/[%"]/.test(value)) {
                throw new Error(`cmd cannot hold ${JSON.stringify(value)} safely (it expands % and has no escape for " inside quotes); use --shell pwsh or --format go-env-w with another shell.`);
            }
            return `"${value}"`;
    }
}
/** Lines that set the variables in the current session of `shell` (for eval, Invoke-Expression, source or a .cmd file). */
function renderExports(variables, shell) {
    return Object.entries(variables).map(([name, value]) => {
        switch (shell) {
            case 'sh':
                return `export ${name}=${quoteFor('sh', value)}`;
            case 'fish':
                return `set -gx ${name} ${quoteFor('fish', value)}`;
            case 'pwsh':
                return `$env:${name} = ${quoteFor('pwsh', value)}`;
            case 'cmd':
                // The quotes around NAME=value keep & | < > ^ literal and leave no trailing blank in the value.
                return `set ${quoteFor('cmd', `${name}=${value}`)}`;
        }
    });
}
/**
 * `go env -w NAME=value` lines, as the seed guide writes them, quoted for `shell`: they write the user's go env file
 * (`go env GOENV`), which every later go command reads unless the environment sets the same variable.
 */
function renderGoEnvW(variables, shell) {
    return Object.entries(variables).map(([name, value]) => `go env -w ${quoteFor(shell, `${name}=${value}`)}`);
}
/** The commands that remove variables from the current session of `shell`. */
function renderUnset(names, shell) {
    switch (shell) {
        case 'sh':
            return [`unset ${names.join(' ')}`];
        case 'fish':
            return [`set -e ${names.join(' ')}`];
        case 'pwsh':
            return names.map(name => `Remove-Item Env:${name}`);
        case 'cmd':
            return names.map(name => `set ${name}=`);
    }
}

;// CONCATENATED MODULE: ./src/cli/commands/env.ts




/** The variables the action would export here: probe (unless off), decide, keep only what the action sets. */
async function resolve(args, io) {
    const log = terminalLogger(io, args.verbose);
    const prepared = await prepare(args.inputs, io, log);
    const decision = await decide(prepared, log);
    if (decision.failure)
        log.error(decision.failure);
    return { log, prepared, decision };
}
/**
 * `env`: the variables as commands for a shell, on stdout and nowhere else. On a failed probe stdout stays empty,
 * so `eval "$(setup-goproxy env)"` changes nothing.
 */
async function envCommand(args, io) {
    const { decision } = await resolve(args, io);
    if (decision.failure)
        return 1;
    const variables = decision.environment.exports;
    const lines = args.format === 'go-env-w' ? renderGoEnvW(variables, args.shell) : renderExports(variables, args.shell);
    io.stdout.write(`${lines.join('\n')}\n`);
    return 0;
}
/**
 * Variables that the environment sets to something else: `go env -w` writes them anyway (with a warning) but the
 * environment wins for every go command run from this session, so the user must unset them to see the new value.
 */
function environmentConflicts(variables, env) {
    return Object.entries(variables)
        .filter(([name, value]) => {
        const current = env[name];
        return current !== undefined && current !== '' && current !== value;
    })
        .map(([name]) => name);
}
/** `apply`: prints the `go env -w` commands, then runs them (one go call, so all are written or none). */
async function applyCommand(args, io) {
    const { log, prepared, decision } = await resolve(args, io);
    if (decision.failure)
        return 1;
    const variables = decision.environment.exports;
    io.stdout.write(`${renderGoEnvW(variables, args.shell).join('\n')}\n`);
    const conflicts = environmentConflicts(variables, io.env);
    if (conflicts.length > 0) {
        log.warning(`${conflicts.join(', ')} ${conflicts.length === 1 ? 'is' : 'are'} also set in the environment, with another value. go env -w writes the file anyway, but the environment wins for every go command started from it: run ${renderUnset(conflicts, args.shell).join('; ')} (and remove the setting from your shell profile), or use \`setup-goproxy env\` to set the environment instead.`);
    }
    if (args.dryRun) {
        log.info('--dry-run: nothing was written.');
        return 0;
    }
    if (!prepared.go) {
        log.error('go was not found on PATH, and apply runs `go env -w`. Install Go, or run the printed commands where go is, or use `setup-goproxy env` instead.');
        return 1;
    }
    const pairs = Object.entries(variables).map(([name, value]) => `${name}=${value}`);
    const result = await runCommand(prepared.go, ['env', '-w', ...pairs], { env: io.env, cwd: io.cwd, timeoutMs: 30_000 });
    // go warns about each conflicting variable itself; that was explained above in more words.
    const goSaid = result.stderr
        .split('\n')
        .filter(line => line.trim() !== '' && !/does not override conflicting OS environment variable/.test(line));
    if (result.code !== 0) {
        log.error(`go env -w failed${result.timedOut ? ' (timed out)' : ` (exit ${result.code})`}: ${goSaid.join('\n') || 'no message'}`);
        return 1;
    }
    goSaid.forEach(line => log.warning(line));
    const file = await runCommand(prepared.go, ['env', 'GOENV'], { env: io.env, cwd: io.cwd, timeoutMs: 15_000 });
    const where = file.code === 0 && file.stdout.trim() !== '' ? ` to ${file.stdout.trim()}` : '';
    log.info(`Written${where}: ${Object.keys(variables).join(', ')}.`);
    return 0;
}

;// CONCATENATED MODULE: ./src/cli/commands/probe.ts





/**
 * `probe`: the probe table and the environment the action would export from here. Writes nothing. With --json,
 * stdout holds one JSON document (the action's `probe-report` plus the chosen values), also when the probe failed.
 */
async function probeCommand(args, io) {
    // The table says what the probe's info lines would: keep stderr for warnings and errors (--verbose shows all).
    const log = terminalLogger(io, args.verbose, undefined, { quietInfo: true });
    const prepared = await prepare(args.inputs, io, log);
    const decision = await decide(prepared, log, true);
    const outcome = decision.outcome;
    if (!outcome)
        throw new Error('the probe did not run'); // decide() always probes when asked to
    const { exports, effective } = decision.environment;
    if (args.json) {
        const document = {
            ok: decision.failure === undefined,
            goproxy: formatChain(decision.chain, true),
            gosumdb: effective.GOSUMDB,
            exports,
            effective,
            fastest: outcome.fastest ?? null,
            unreachable: outcome.unreachable,
            problems: outcome.problems,
            report: outcome.report
        };
        io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    }
    else {
        const style = styles(useColour(io, io.stdout));
        const [header, ...rest] = probeTableText(outcome.report).split('\n');
        const values = decision.failure
            ? [
                'Would export: nothing (the action fails on these problems; --on-unreachable warn exports the chain as given).'
            ]
            : ['Would export:', ...Object.entries(exports).map(([name, value]) => `  ${name}=${value}`)];
        io.stdout.write(`${[style.bold(header), ...rest, '', ...values].join('\n')}\n`);
    }
    if (decision.failure) {
        log.error(decision.failure);
        return 1;
    }
    return 0;
}

;// CONCATENATED MODULE: ./src/cli/progress.ts
/** One line of progress text: `warm: 12/40 modules · golang.org/x/mod@v0.20.0 · 3.2 s`. */
function progressText(progress) {
    const count = progress.total === undefined ? `${progress.done} modules` : `${progress.done}/${progress.total} modules`;
    const parts = [`warm: ${count}`];
    if (progress.current)
        parts.push(progress.current);
    parts.push(`${(progress.elapsedMs / 1000).toFixed(1)} s`);
    return parts.join(' · ');
}
const CLEAR_LINE = '\r\u001b[K';
/**
 * On a terminal, one line rewritten in place (`\r`, erase to end of line), cut to the terminal width, with the
 * elapsed time ticking once a second even while go is quiet; cleared at the end. Elsewhere (CI logs, pipes) plain
 * lines, at most one every `plainEveryMs` plus the last, so a log of 500 modules stays readable.
 */
function progressDisplay(stream, options = {}) {
    const now = options.now ?? Date.now;
    if (stream.isTTY !== true) {
        let lastLine = -Infinity;
        let lastDone = -1;
        return {
            update: progress => {
                const complete = progress.total !== undefined && progress.done >= progress.total;
                if (progress.done === lastDone)
                    return;
                if (!complete && now() - lastLine < (options.plainEveryMs ?? 2000))
                    return;
                lastDone = progress.done;
                lastLine = now();
                stream.write(`${progressText(progress)}\n`);
            },
            finish: () => undefined,
            guard: { before: () => undefined, after: () => undefined }
        };
    }
    let last;
    let shown = false;
    let timer;
    const draw = () => {
        if (!last)
            return;
        const elapsedMs = last.progress.elapsedMs + (now() - last.at);
        // A pty without a size (script, some CI terminals) reports 0 columns.
        const width = Math.max(20, (stream.columns || 80) - 1);
        const text = progressText({ ...last.progress, elapsedMs });
        stream.write(CLEAR_LINE + (text.length > width ? `${text.slice(0, width - 1)}…` : text));
        shown = true;
    };
    const clear = () => {
        if (shown)
            stream.write(CLEAR_LINE);
        shown = false;
    };
    return {
        update: progress => {
            last = { progress, at: now() };
            if (!timer) {
                timer = setInterval(draw, 1000);
                timer.unref();
            }
            draw();
        },
        finish: () => {
            if (timer)
                clearInterval(timer);
            timer = undefined;
            last = undefined;
            clear();
        },
        guard: { before: clear, after: draw }
    };
}

;// CONCATENATED MODULE: ./src/cli/commands/warm.ts





/**
 * `warm [dir...]`: the action's warm phase on this machine, through the chain the probe verified. The chain holds
 * for this run only; nothing is written. Everything goes to stderr, progress as a live line on a terminal; the exit
 * code says whether every module was downloaded.
 */
async function warmCommand(args, io) {
    const directories = [args.inputs['working-directory'] ?? '', ...args.positionals].filter(d => d !== '').join('\n');
    const inputs = { ...args.inputs, 'working-directory': directories };
    const progress = progressDisplay(io.stderr);
    const log = terminalLogger(io, args.verbose, progress.guard);
    const prepared = await prepare(inputs, io, log);
    const decision = await decide(prepared, log);
    if (decision.failure) {
        log.error(decision.failure);
        return 1;
    }
    if (!prepared.go) {
        log.error('go was not found on PATH: warm runs `go mod download`. Install Go (https://go.dev/dl/) and try again.');
        return 1;
    }
    const { settings, plan, credentials } = prepared;
    let report;
    try {
        report = await warmModules({
            go: prepared.go,
            directories: [...settings.workingDirectories],
            cwd: io.cwd,
            // What go would see after `eval "$(setup-goproxy env)"`: this environment plus the exported variables.
            env: { ...warm_definedOnly(io.env), ...warm_definedOnly(decision.environment.exports) },
            chain: decision.chain,
            plan,
            sumdb: decision.sumdb,
            timeoutSeconds: settings.warmTimeoutSeconds,
            retries: settings.retries,
            credentialsFor: credentials.credentialsFor,
            log,
            onProgress: p => progress.update(p)
        });
    }
    finally {
        progress.finish();
    }
    if (report.chainChanged) {
        const goproxy = environmentFor(plan, report.chain, decision.sumdb).effective.GOPROXY;
        log.warning(`A proxy failed during warming; the rest of the run used GOPROXY=${goproxy}`);
    }
    if (!report.ok) {
        log.error(`Warming the module cache failed: ${report.failed.length} module(s); see the diagnoses above.`);
        return 1;
    }
    return 0;
}
function warm_definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}

;// CONCATENATED MODULE: ./src/cli/help.ts

/** One line per input flag; the action's README has the full story of each input. */
const INPUT_HELP = {
    proxies: {
        flag: '--proxies LIST',
        text: 'proxies in order of preference: URLs, presets (proxy.golang.org, goproxy.cn, goproxy.io, aliyun, tencent, huawei), direct, off; repeat the flag or use , and |'
    },
    region: { flag: '--region NAME', text: 'global, cn or auto: a preset chain appended after --proxies' },
    private: {
        flag: '--private PATTERNS',
        text: 'GOPRIVATE: module path globs fetched directly, never checked against the public checksum DB'
    },
    'no-proxy': {
        flag: '--no-proxy PATTERNS',
        text: 'GONOPROXY: globs fetched directly (defaults to GOPRIVATE; none keeps private modules on the proxy)'
    },
    'no-sumdb': {
        flag: '--no-sumdb PATTERNS',
        text: 'GONOSUMDB: globs not checked against the checksum DB (defaults to GOPRIVATE)'
    },
    sumdb: { flag: '--sumdb VALUE', text: 'GOSUMDB: sum.golang.org, sum.golang.google.cn, or a verifier key [URL]' },
    insecure: { flag: '--insecure PATTERNS', text: 'GOINSECURE: globs that direct fetches may get without TLS checks' },
    fallback: {
        flag: '--fallback MODE',
        text: 'how repeated/line-separated proxies join: on-error (|, default) or not-found (,)'
    },
    probe: { flag: '--no-probe', text: 'do not probe: use the chain as composed (same as --probe=false)' },
    'probe-timeout': { flag: '--probe-timeout MS', text: 'deadline for the whole probe in milliseconds (default 3000)' },
    'probe-module': {
        flag: '--probe-module PATH',
        text: 'public module asked for by the probe (default golang.org/x/mod)'
    },
    order: { flag: '--order MODE', text: 'latency (fastest first among |-joined proxies, default) or given' },
    'on-unreachable': {
        flag: '--on-unreachable MODE',
        text: 'fail (default: exit 1 when no proxy or the checksum DB works) or warn (use the chain as given)'
    },
    auth: {
        flag: '--auth LINE',
        text: 'HOST[/PATH] [USER:]SECRET, repeatable: credentials for the probe and warm (the CLI writes no netrc or git config)'
    },
    'working-directory': {
        flag: '--working-directory DIR',
        text: 'module or workspace directories to warm (globs allowed); same as [dir...]'
    },
    'warm-timeout': { flag: '--warm-timeout SECONDS', text: 'deadline for the whole warm phase (default 600)' },
    retries: { flag: '--retries N', text: 'attempts per module set on transient faults (default 3)' }
};
const COMMAND_HELP = {
    probe: {
        usage: 'setup-goproxy probe [flags]',
        summary: 'probe every proxy and the checksum DB; print the table and the chain it would use',
        description: 'Asks every proxy of the chain for a public module and the checksum database for its signed tree head, under one deadline, and prints what works from this machine: result, median latency and checksum-DB support per proxy, then the GOPROXY and GOSUMDB it would set. Writes nothing.',
        options: [{ flag: '--json', text: 'print the probe report and the chain as JSON on stdout' }],
        examples: [
            'setup-goproxy probe --region auto',
            'setup-goproxy probe --proxies goproxy.cn --proxies https://proxy.golang.org --json'
        ]
    },
    env: {
        usage: 'setup-goproxy env [flags]',
        summary: 'print the resulting variables as shell commands; writes nothing',
        description: 'Probes (unless --no-probe) and prints the variables the action would export, as commands for your shell, on stdout. Messages go to stderr, so the output can be evaluated as is. Writes nothing itself.',
        options: [
            { flag: '--shell NAME', text: 'sh (default: export lines for sh, bash, zsh), pwsh, fish or cmd' },
            { flag: '--format NAME', text: 'export (default) or go-env-w (`go env -w NAME=value` lines, quoted for --shell)' }
        ],
        examples: [
            'eval "$(setup-goproxy env --region cn)"',
            'setup-goproxy env --region auto --shell pwsh | Invoke-Expression',
            'setup-goproxy env --region auto --shell fish | source',
            'setup-goproxy env --proxies goproxy.cn --format go-env-w'
        ]
    },
    apply: {
        usage: 'setup-goproxy apply [flags]',
        summary: 'print the values, then write them with `go env -w`',
        description: "Probes (unless --no-probe), prints the `go env -w` commands it runs, then runs them: the values land in go's own env file (`go env GOENV`) and every later go command reads them. A variable also set in the environment still wins over the file; apply says which ones and how to unset them.",
        options: [
            { flag: '--dry-run', text: 'only print the commands; run nothing' },
            { flag: '--shell NAME', text: 'quote the printed commands for sh (default), pwsh, fish or cmd' }
        ],
        examples: ['setup-goproxy apply --region cn', 'setup-goproxy apply --proxies https://goproxy.example.com --dry-run']
    },
    warm: {
        usage: 'setup-goproxy warm [flags] [dir...]',
        summary: 'download the modules the build needs into the module cache',
        description: 'Probes (unless --no-probe), then runs `go mod download` in each module or workspace directory (default .) through the verified chain, with a watchdog against proxies that stop answering and retries for transient faults. Shows a live progress line on a terminal and plain lines otherwise. The chain is used for this run only: nothing is written (use env or apply for that).',
        options: [],
        examples: ['setup-goproxy warm', 'setup-goproxy warm --region cn ./services/api ./tools']
    }
};
const WIDTH = 100;
/** Aligned flag/description rows; long descriptions wrap under their column. */
function table(rows) {
    const width = Math.min(28, Math.max(...rows.map(r => r.flag.length)));
    const indent = ' '.repeat(width + 4);
    return rows.flatMap(r => {
        const lines = wrap(r.text, WIDTH - indent.length);
        const first = r.flag.length > width ? [`  ${r.flag}`, `${indent}${lines[0]}`] : [`  ${r.flag.padEnd(width)}  ${lines[0]}`];
        return [...first, ...lines.slice(1).map(line => indent + line)];
    });
}
function wrap(text, width) {
    const lines = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > width) {
            lines.push(line);
            line = word;
        }
        else {
            line = line === '' ? word : `${line} ${word}`;
        }
    }
    return [...lines, line];
}
const EXIT_CODES = [
    'Exit codes:',
    '  0  ok',
    '  1  failure: the probe found no working proxy or checksum DB (with --on-unreachable fail),',
    '     warming failed, or go env -w failed',
    '  2  usage: unknown command or flag, or an invalid value (the message names the input)'
];
const ENVIRONMENT = [
    'Environment:',
    '  GOPROXY, GOSUMDB, GOPRIVATE, GONOPROXY, GONOSUMDB, GOINSECURE are read as the action reads the',
    '  job environment (empty counts as unset); without GOPROXY, `go env GOPROXY` is asked.',
    '  NO_COLOR turns colour off.'
];
/** The program's help: commands, flags shared by all, exit codes. */
function programHelp() {
    const commands = Object.keys(COMMAND_HELP).map(name => ({
        flag: name === 'warm' ? 'warm [dir...]' : name,
        text: COMMAND_HELP[name].summary
    }));
    return [
        'setup-goproxy: measure Go module proxies and the checksum database from this machine, and set up',
        'a Go module environment that works here. The command-line face of the GitHub Action of the same',
        'name: same inputs, same validation, same answer.',
        '',
        'Usage: setup-goproxy <command> [flags]',
        '',
        'Commands:',
        ...table(commands),
        '',
        'Flags (named like the action inputs; `--flag=value` or `--flag value`; list flags may repeat):',
        ...table([
            ...Object.keys(INPUT_FLAGS)
                .filter(name => INPUT_FLAGS[name].commands.length === 4)
                .map(name => INPUT_HELP[name]),
            { flag: '--verbose', text: 'debug messages on stderr' },
            { flag: '-h, --help', text: 'help for the program or a command (also: setup-goproxy help <command>)' },
            { flag: '--version', text: 'print the version' }
        ]),
        '  --no-probe, --json, --shell, --format, --dry-run and the warm flags: see each command.',
        '',
        ...EXIT_CODES,
        '',
        ...ENVIRONMENT,
        ''
    ].join('\n');
}
/** One command's help: what it does, every flag it takes, examples. */
function commandHelp(command) {
    const help = COMMAND_HELP[command];
    const inputs = Object.keys(INPUT_FLAGS)
        .filter(name => INPUT_FLAGS[name].commands.includes(command))
        .map(name => INPUT_HELP[name]);
    return [
        `Usage: ${help.usage}`,
        '',
        ...wrap(help.description, WIDTH),
        '',
        'Flags:',
        ...table([...help.options, ...inputs, { flag: '--verbose', text: 'debug messages on stderr' }]),
        '',
        'Examples:',
        ...help.examples.map(e => `  ${e}`),
        '',
        ...EXIT_CODES,
        ''
    ].join('\n');
}

;// CONCATENATED MODULE: ./src/cli/version.ts



/**
 * The package version, read at run time from the nearest package.json named setup-goproxy above this file: the
 * same walk finds it from src/cli (tests) and from dist/cli (the bundle, whose dist/package.json has no name).
 * A loop rather than a fixed relative path, so that the bundler does not copy package.json in as an asset.
 */
function packageVersion(from = external_node_path_default().dirname((0,external_node_url_namespaceObject.fileURLToPath)(import.meta.url))) {
    let dir = from;
    for (let depth = 0; depth < 6; depth++) {
        try {
            const pkg = JSON.parse((0,external_node_fs_namespaceObject.readFileSync)(external_node_path_default().join(dir, 'package.json'), 'utf8'));
            if (pkg.name === 'setup-goproxy' && pkg.version)
                return pkg.version;
        }
        catch {
            // No package.json here (or not ours): keep walking up.
        }
        const parent = external_node_path_default().dirname(dir);
        if (parent === dir)
            break;
        dir = parent;
    }
    return 'unknown';
}

;// CONCATENATED MODULE: ./src/cli/main.ts









/** Exit codes, as the help documents them. */
const EXIT_OK = 0;
const EXIT_FAILURE = 1;
const EXIT_USAGE = 2;
const RUN = {
    probe: probeCommand,
    env: envCommand,
    apply: applyCommand,
    warm: warmCommand
};
/**
 * The CLI: parses `argv` (without node and the script), runs the command against `io` and resolves to the exit
 * code. Never throws and never calls process.exit, so tests run it in-process.
 */
async function main(argv, io = processIo()) {
    const style = styles(useColour(io, io.stderr));
    const usage = (error) => {
        const help = error.command ? `setup-goproxy ${error.command} --help` : 'setup-goproxy --help';
        io.stderr.write(`${style.red('error:')} ${error.message}\nRun ${help} for usage.\n`);
        return EXIT_USAGE;
    };
    let args;
    try {
        args = parseArgs(argv);
    }
    catch (error) {
        if (error instanceof UsageError)
            return usage(error);
        throw error;
    }
    if (args.version) {
        io.stdout.write(`${packageVersion()}\n`);
        return EXIT_OK;
    }
    if (args.help) {
        io.stdout.write(args.command ? commandHelp(args.command) : programHelp());
        return EXIT_OK;
    }
    if (!args.command) {
        io.stderr.write(programHelp());
        return EXIT_USAGE;
    }
    try {
        return await RUN[args.command](args, io);
    }
    catch (error) {
        if (error instanceof UsageError)
            return usage(error);
        if (error instanceof InputErrors) {
            io.stderr.write(`${style.red('error:')} invalid input; nothing was printed or written.\n${error.message}\n${inputHint(error, args.command)}\n`);
            return EXIT_USAGE;
        }
        io.stderr.write(`${style.red('error:')} ${redactText(error instanceof Error ? error.message : String(error))}\n`);
        return EXIT_FAILURE;
    }
}
/** Messages name inputs as the action does; say which flags those are, or which variable to fix. */
function inputHint(error, command) {
    const flags = [...new Set(error.errors.map(e => e.input).filter(input => input in INPUT_FLAGS))];
    const variables = [
        ...new Set(error.errors.map(e => /^(GO[A-Z]+) \(/.exec(e.input)?.[1]).filter(v => v !== undefined))
    ];
    const parts = [];
    if (flags.length > 0)
        parts.push(`Fix ${flags.map(f => `--${f}`).join(', ')} (see setup-goproxy ${command} --help).`);
    if (variables.length > 0)
        parts.push(`Fix or unset ${variables.join(', ')} in your environment or go env -w settings.`);
    return parts.join(' ');
}

;// CONCATENATED MODULE: ./src/cli/index.ts

// The bin entry: everything else lives in main(), which tests call in-process.
void main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});

