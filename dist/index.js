import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4006:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const pico = __nccwpck_require__(8016);
const utils = __nccwpck_require__(4059);

function picomatch(glob, options, returnState = false) {
  // default to os.platform()
  if (options && (options.windows === null || options.windows === undefined)) {
    // don't mutate the original options object
    options = { ...options, windows: utils.isWindows() };
  }

  return pico(glob, options, returnState);
}

Object.assign(picomatch, pico);
module.exports = picomatch;


/***/ }),

/***/ 5595:
/***/ ((module) => {



const WIN_SLASH = '\\\\/';
const WIN_NO_SLASH = `[^${WIN_SLASH}]`;

const DEFAULT_MAX_EXTGLOB_RECURSION = 0;

/**
 * Posix glob regex
 */

const DOT_LITERAL = '\\.';
const PLUS_LITERAL = '\\+';
const QMARK_LITERAL = '\\?';
const SLASH_LITERAL = '\\/';
const ONE_CHAR = '(?=.)';
const QMARK = '[^/]';
const END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
const START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
const DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
const NO_DOT = `(?!${DOT_LITERAL})`;
const NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
const NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
const NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
const QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
const STAR = `${QMARK}*?`;
const SEP = '/';

const POSIX_CHARS = {
  DOT_LITERAL,
  PLUS_LITERAL,
  QMARK_LITERAL,
  SLASH_LITERAL,
  ONE_CHAR,
  QMARK,
  END_ANCHOR,
  DOTS_SLASH,
  NO_DOT,
  NO_DOTS,
  NO_DOT_SLASH,
  NO_DOTS_SLASH,
  QMARK_NO_DOT,
  STAR,
  START_ANCHOR,
  SEP
};

/**
 * Windows glob regex
 */

const WINDOWS_CHARS = {
  ...POSIX_CHARS,

  SLASH_LITERAL: `[${WIN_SLASH}]`,
  QMARK: WIN_NO_SLASH,
  STAR: `${WIN_NO_SLASH}*?`,
  DOTS_SLASH: `${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$)`,
  NO_DOT: `(?!${DOT_LITERAL})`,
  NO_DOTS: `(?!(?:^|[${WIN_SLASH}])${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  NO_DOT_SLASH: `(?!${DOT_LITERAL}{0,1}(?:[${WIN_SLASH}]|$))`,
  NO_DOTS_SLASH: `(?!${DOT_LITERAL}{1,2}(?:[${WIN_SLASH}]|$))`,
  QMARK_NO_DOT: `[^.${WIN_SLASH}]`,
  START_ANCHOR: `(?:^|[${WIN_SLASH}])`,
  END_ANCHOR: `(?:[${WIN_SLASH}]|$)`,
  SEP: '\\'
};

/**
 * POSIX Bracket Regex
 */

const POSIX_REGEX_SOURCE = {
  __proto__: null,
  alnum: 'a-zA-Z0-9',
  alpha: 'a-zA-Z',
  ascii: '\\x00-\\x7F',
  blank: ' \\t',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '\\x21-\\x7E',
  lower: 'a-z',
  print: '\\x20-\\x7E ',
  punct: '\\-!"#$%&\'()\\*+,./:;<=>?@[\\]^_`{|}~',
  space: ' \\t\\r\\n\\v\\f',
  upper: 'A-Z',
  word: 'A-Za-z0-9_',
  xdigit: 'A-Fa-f0-9'
};

module.exports = {
  DEFAULT_MAX_EXTGLOB_RECURSION,
  MAX_LENGTH: 1024 * 64,
  POSIX_REGEX_SOURCE,

  // regular expressions
  REGEX_BACKSLASH: /\\(?![*+?^${}(|)[\]])/g,
  REGEX_NON_SPECIAL_CHARS: /^[^@![\].,$*+?^{}()|\\/]+/,
  REGEX_SPECIAL_CHARS: /[-*+?.^${}(|)[\]]/,
  REGEX_SPECIAL_CHARS_BACKREF: /(\\?)((\W)(\3*))/g,
  REGEX_SPECIAL_CHARS_GLOBAL: /([-*+?.^${}(|)[\]])/g,
  REGEX_REMOVE_BACKSLASH: /(?:\[.*?[^\\]\]|\\(?=.))/g,

  // Replace globs with equivalent patterns to reduce parsing time.
  REPLACEMENTS: {
    __proto__: null,
    '***': '*',
    '**/**': '**',
    '**/**/**': '**'
  },

  // Digits
  CHAR_0: 48, /* 0 */
  CHAR_9: 57, /* 9 */

  // Alphabet chars.
  CHAR_UPPERCASE_A: 65, /* A */
  CHAR_LOWERCASE_A: 97, /* a */
  CHAR_UPPERCASE_Z: 90, /* Z */
  CHAR_LOWERCASE_Z: 122, /* z */

  CHAR_LEFT_PARENTHESES: 40, /* ( */
  CHAR_RIGHT_PARENTHESES: 41, /* ) */

  CHAR_ASTERISK: 42, /* * */

  // Non-alphabetic chars.
  CHAR_AMPERSAND: 38, /* & */
  CHAR_AT: 64, /* @ */
  CHAR_BACKWARD_SLASH: 92, /* \ */
  CHAR_CARRIAGE_RETURN: 13, /* \r */
  CHAR_CIRCUMFLEX_ACCENT: 94, /* ^ */
  CHAR_COLON: 58, /* : */
  CHAR_COMMA: 44, /* , */
  CHAR_DOT: 46, /* . */
  CHAR_DOUBLE_QUOTE: 34, /* " */
  CHAR_EQUAL: 61, /* = */
  CHAR_EXCLAMATION_MARK: 33, /* ! */
  CHAR_FORM_FEED: 12, /* \f */
  CHAR_FORWARD_SLASH: 47, /* / */
  CHAR_GRAVE_ACCENT: 96, /* ` */
  CHAR_HASH: 35, /* # */
  CHAR_HYPHEN_MINUS: 45, /* - */
  CHAR_LEFT_ANGLE_BRACKET: 60, /* < */
  CHAR_LEFT_CURLY_BRACE: 123, /* { */
  CHAR_LEFT_SQUARE_BRACKET: 91, /* [ */
  CHAR_LINE_FEED: 10, /* \n */
  CHAR_NO_BREAK_SPACE: 160, /* \u00A0 */
  CHAR_PERCENT: 37, /* % */
  CHAR_PLUS: 43, /* + */
  CHAR_QUESTION_MARK: 63, /* ? */
  CHAR_RIGHT_ANGLE_BRACKET: 62, /* > */
  CHAR_RIGHT_CURLY_BRACE: 125, /* } */
  CHAR_RIGHT_SQUARE_BRACKET: 93, /* ] */
  CHAR_SEMICOLON: 59, /* ; */
  CHAR_SINGLE_QUOTE: 39, /* ' */
  CHAR_SPACE: 32, /*   */
  CHAR_TAB: 9, /* \t */
  CHAR_UNDERSCORE: 95, /* _ */
  CHAR_VERTICAL_LINE: 124, /* | */
  CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279, /* \uFEFF */

  /**
   * Create EXTGLOB_CHARS
   */

  extglobChars(chars) {
    return {
      '!': { type: 'negate', open: '(?:(?!(?:', close: `))${chars.STAR})` },
      '?': { type: 'qmark', open: '(?:', close: ')?' },
      '+': { type: 'plus', open: '(?:', close: ')+' },
      '*': { type: 'star', open: '(?:', close: ')*' },
      '@': { type: 'at', open: '(?:', close: ')' }
    };
  },

  /**
   * Create GLOB_CHARS
   */

  globChars(win32) {
    return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
  }
};


/***/ }),

/***/ 8265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const constants = __nccwpck_require__(5595);
const utils = __nccwpck_require__(4059);

/**
 * Constants
 */

const {
  MAX_LENGTH,
  POSIX_REGEX_SOURCE,
  REGEX_NON_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_BACKREF,
  REPLACEMENTS
} = constants;

/**
 * Helpers
 */

const expandRange = (args, options) => {
  if (typeof options.expandRange === 'function') {
    return options.expandRange(...args, options);
  }

  args.sort();
  const value = `[${args.join('-')}]`;

  try {
    /* eslint-disable-next-line no-new */
    new RegExp(value);
  } catch (ex) {
    return args.map(v => utils.escapeRegex(v)).join('..');
  }

  return value;
};

/**
 * Create the message for a syntax error
 */

const syntaxError = (type, char) => {
  return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
};

const splitTopLevel = input => {
  const parts = [];
  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let value = '';
  let escaped = false;

  for (const ch of input) {
    if (escaped === true) {
      value += ch;
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      value += ch;
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      value += ch;
      continue;
    }

    if (quote === 0) {
      if (ch === '[') {
        bracket++;
      } else if (ch === ']' && bracket > 0) {
        bracket--;
      } else if (bracket === 0) {
        if (ch === '(') {
          paren++;
        } else if (ch === ')' && paren > 0) {
          paren--;
        } else if (ch === '|' && paren === 0) {
          parts.push(value);
          value = '';
          continue;
        }
      }
    }

    value += ch;
  }

  parts.push(value);
  return parts;
};

const isPlainBranch = branch => {
  let escaped = false;

  for (const ch of branch) {
    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (/[?*+@!()[\]{}]/.test(ch)) {
      return false;
    }
  }

  return true;
};

const normalizeSimpleBranch = branch => {
  let value = branch.trim();
  let changed = true;

  while (changed === true) {
    changed = false;

    if (/^@\([^\\()[\]{}|]+\)$/.test(value)) {
      value = value.slice(2, -1);
      changed = true;
    }
  }

  if (!isPlainBranch(value)) {
    return;
  }

  return value.replace(/\\(.)/g, '$1');
};

const hasRepeatedCharPrefixOverlap = branches => {
  const values = branches.map(normalizeSimpleBranch).filter(Boolean);

  for (let i = 0; i < values.length; i++) {
    for (let j = i + 1; j < values.length; j++) {
      const a = values[i];
      const b = values[j];
      const char = a[0];

      if (!char || a !== char.repeat(a.length) || b !== char.repeat(b.length)) {
        continue;
      }

      if (a === b || a.startsWith(b) || b.startsWith(a)) {
        return true;
      }
    }
  }

  return false;
};

const parseRepeatedExtglob = (pattern, requireEnd = true) => {
  if ((pattern[0] !== '+' && pattern[0] !== '*') || pattern[1] !== '(') {
    return;
  }

  let bracket = 0;
  let paren = 0;
  let quote = 0;
  let escaped = false;

  for (let i = 1; i < pattern.length; i++) {
    const ch = pattern[i];

    if (escaped === true) {
      escaped = false;
      continue;
    }

    if (ch === '\\') {
      escaped = true;
      continue;
    }

    if (ch === '"') {
      quote = quote === 1 ? 0 : 1;
      continue;
    }

    if (quote === 1) {
      continue;
    }

    if (ch === '[') {
      bracket++;
      continue;
    }

    if (ch === ']' && bracket > 0) {
      bracket--;
      continue;
    }

    if (bracket > 0) {
      continue;
    }

    if (ch === '(') {
      paren++;
      continue;
    }

    if (ch === ')') {
      paren--;

      if (paren === 0) {
        if (requireEnd === true && i !== pattern.length - 1) {
          return;
        }

        return {
          type: pattern[0],
          body: pattern.slice(2, i),
          end: i
        };
      }
    }
  }
};

const buildCharClassStar = chars => {
  const source = chars.length === 1
    ? utils.escapeRegex(chars[0])
    : `[${chars.map(ch => utils.escapeRegex(ch)).join('')}]`;

  return `${source}*`;
};

const getStarExtglobSequenceChars = pattern => {
  let index = 0;
  const chars = [];

  while (index < pattern.length) {
    const match = parseRepeatedExtglob(pattern.slice(index), false);

    if (!match || match.type !== '*') {
      return;
    }

    const branches = splitTopLevel(match.body).map(branch => branch.trim());
    if (branches.length !== 1) {
      return;
    }

    const branch = normalizeSimpleBranch(branches[0]);
    if (!branch || branch.length !== 1) {
      return;
    }

    chars.push(branch);
    index += match.end + 1;
  }

  if (chars.length < 1) {
    return;
  }

  return chars;
};

const repeatedExtglobRecursion = pattern => {
  let depth = 0;
  let value = pattern.trim();
  let match = parseRepeatedExtglob(value);

  while (match) {
    depth++;
    value = match.body.trim();
    match = parseRepeatedExtglob(value);
  }

  return depth;
};

const analyzeRepeatedExtglob = (body, options) => {
  if (options.maxExtglobRecursion === false) {
    return { risky: false };
  }

  const max =
    typeof options.maxExtglobRecursion === 'number'
      ? options.maxExtglobRecursion
      : constants.DEFAULT_MAX_EXTGLOB_RECURSION;

  const branches = splitTopLevel(body).map(branch => branch.trim());

  if (branches.length > 1) {
    if (
      branches.some(branch => branch === '') ||
      branches.some(branch => /^[*?]+$/.test(branch)) ||
      hasRepeatedCharPrefixOverlap(branches)
    ) {
      return { risky: true };
    }
  }

  // A repeated extglob is "risky" (prone to catastrophic backtracking) when a
  // branch is itself a `*(...)` sequence, since that nests an unbounded quantifier
  // inside the outer `+(...)`/`*(...)`. When *every* branch reduces to single
  // characters we can emit one flat, ReDoS-safe character class that preserves the
  // meaning of ALL branches (e.g. `+(*(a)|*(b))` -> `[ab]*`), rather than dropping
  // every branch but the first.
  const safeChars = [];
  let sawStarSequence = false;
  let combinable = true;

  for (const branch of branches) {
    const chars = getStarExtglobSequenceChars(branch);
    if (chars) {
      sawStarSequence = true;
      safeChars.push(...chars);
      continue;
    }

    const literal = normalizeSimpleBranch(branch);
    if (literal && literal.length === 1) {
      safeChars.push(literal);
      continue;
    }

    combinable = false;

    if (repeatedExtglobRecursion(branch) > max) {
      return { risky: true };
    }
  }

  if (sawStarSequence) {
    return combinable
      ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) }
      : { risky: true };
  }

  return { risky: false };
};

/**
 * Parse the given input string.
 * @param {String} input
 * @param {Object} options
 * @return {Object}
 */

const parse = (input, options) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected a string');
  }

  input = REPLACEMENTS[input] || input;

  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;

  let len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  const bos = { type: 'bos', value: '', output: opts.prepend || '' };
  const tokens = [bos];

  const capture = opts.capture ? '' : '?:';

  // create constants based on platform, for windows or posix
  const PLATFORM_CHARS = constants.globChars(opts.windows);
  const EXTGLOB_CHARS = constants.extglobChars(PLATFORM_CHARS);

  const {
    DOT_LITERAL,
    PLUS_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOT_SLASH,
    NO_DOTS_SLASH,
    QMARK,
    QMARK_NO_DOT,
    STAR,
    START_ANCHOR
  } = PLATFORM_CHARS;

  const globstar = opts => {
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const nodot = opts.dot ? '' : NO_DOT;
  const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
  let star = opts.bash === true ? globstar(opts) : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  // minimatch options support
  if (typeof opts.noext === 'boolean') {
    opts.noextglob = opts.noext;
  }

  const state = {
    input,
    index: -1,
    start: 0,
    dot: opts.dot === true,
    consumed: '',
    output: '',
    prefix: '',
    backtrack: false,
    negated: false,
    brackets: 0,
    braces: 0,
    parens: 0,
    quotes: 0,
    globstar: false,
    tokens
  };

  input = utils.removePrefix(input, state);
  len = input.length;

  const extglobs = [];
  const braces = [];
  const stack = [];
  let prev = bos;
  let value;

  /**
   * Tokenizing helpers
   */

  const eos = () => state.index === len - 1;
  const peek = state.peek = (n = 1) => input[state.index + n];
  const advance = state.advance = () => input[++state.index] || '';
  const remaining = () => input.slice(state.index + 1);
  const consume = (value = '', num = 0) => {
    state.consumed += value;
    state.index += num;
  };

  const append = token => {
    state.output += token.output != null ? token.output : token.value;
    consume(token.value);
  };

  const negate = () => {
    let count = 1;

    while (peek() === '!' && (peek(2) !== '(' || peek(3) === '?')) {
      advance();
      state.start++;
      count++;
    }

    if (count % 2 === 0) {
      return false;
    }

    state.negated = true;
    state.start++;
    return true;
  };

  const increment = type => {
    state[type]++;
    stack.push(type);
  };

  const decrement = type => {
    state[type]--;
    stack.pop();
  };

  /**
   * Push tokens onto the tokens array. This helper speeds up
   * tokenizing by 1) helping us avoid backtracking as much as possible,
   * and 2) helping us avoid creating extra tokens when consecutive
   * characters are plain text. This improves performance and simplifies
   * lookbehinds.
   */

  const push = tok => {
    if (prev.type === 'globstar') {
      const isBrace = state.braces > 0 && (tok.type === 'comma' || tok.type === 'brace');
      const isExtglob = tok.extglob === true || (extglobs.length && (tok.type === 'pipe' || tok.type === 'paren'));

      if (tok.type !== 'slash' && tok.type !== 'paren' && !isBrace && !isExtglob) {
        state.output = state.output.slice(0, -prev.output.length);
        prev.type = 'star';
        prev.value = '*';
        prev.output = star;
        state.output += prev.output;
      }
    }

    if (extglobs.length && tok.type !== 'paren') {
      extglobs[extglobs.length - 1].inner += tok.value;
    }

    if (tok.value || tok.output) append(tok);
    if (prev && prev.type === 'text' && tok.type === 'text') {
      prev.output = (prev.output || prev.value) + tok.value;
      prev.value += tok.value;
      return;
    }

    tok.prev = prev;
    tokens.push(tok);
    prev = tok;
  };

  const extglobOpen = (type, value) => {
    const token = { ...EXTGLOB_CHARS[value], conditions: 1, inner: '' };

    token.prev = prev;
    token.parens = state.parens;
    token.output = state.output;
    token.startIndex = state.index;
    token.tokensIndex = tokens.length;
    const output = (opts.capture ? '(' : '') + token.open;

    increment('parens');
    push({ type, value, output: state.output ? '' : ONE_CHAR });
    push({ type: 'paren', extglob: true, value: advance(), output });
    extglobs.push(token);
  };

  const extglobClose = token => {
    const literal = input.slice(token.startIndex, state.index + 1);
    const body = input.slice(token.startIndex + 2, state.index);
    const analysis = analyzeRepeatedExtglob(body, opts);

    if ((token.type === 'plus' || token.type === 'star') && analysis.risky) {
      const safeOutput = analysis.safeOutput
        ? (token.output ? '' : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput)
        : undefined;
      const open = tokens[token.tokensIndex];

      open.type = 'text';
      open.value = literal;
      open.output = safeOutput || utils.escapeRegex(literal);

      for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
        tokens[i].value = '';
        tokens[i].output = '';
        delete tokens[i].suffix;
      }

      state.output = token.output + open.output;
      state.backtrack = true;

      push({ type: 'paren', extglob: true, value, output: '' });
      decrement('parens');
      return;
    }

    let output = token.close + (opts.capture ? ')' : '');
    let rest;

    if (token.type === 'negate') {
      let extglobStar = star;

      if (token.inner && token.inner.length > 1 && token.inner.includes('/')) {
        extglobStar = globstar(opts);
      }

      if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
        output = token.close = `)$))${extglobStar}`;
      }

      if (token.inner.includes('*') && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
        // Any non-magical string (`.ts`) or even nested expression (`.{ts,tsx}`) can follow after the closing parenthesis.
        // In this case, we need to parse the string and use it in the output of the original pattern.
        // Suitable patterns: `/!(*.d).ts`, `/!(*.d).{ts,tsx}`, `**/!(*-dbg).@(js)`.
        //
        // Disabling the `fastpaths` option due to a problem with parsing strings as `.ts` in the pattern like `**/!(*.d).ts`.
        const expression = parse(rest, { ...options, fastpaths: false }).output;

        output = token.close = `)${expression})${extglobStar})`;
      }

      if (token.prev.type === 'bos') {
        state.negatedExtglob = true;
      }
    }

    push({ type: 'paren', extglob: true, value, output });
    decrement('parens');
  };

  /**
   * Fast paths
   */

  if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
    let backslashes = false;

    let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars, first, rest, index) => {
      if (first === '\\') {
        backslashes = true;
        return m;
      }

      if (first === '?') {
        if (esc) {
          return esc + first + (rest ? QMARK.repeat(rest.length) : '');
        }
        if (index === 0) {
          return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : '');
        }
        return QMARK.repeat(chars.length);
      }

      if (first === '.') {
        return DOT_LITERAL.repeat(chars.length);
      }

      if (first === '*') {
        if (esc) {
          return esc + first + (rest ? star : '');
        }
        return star;
      }
      return esc ? m : `\\${m}`;
    });

    if (backslashes === true) {
      if (opts.unescape === true) {
        output = output.replace(/\\/g, '');
      } else {
        output = output.replace(/\\+/g, m => {
          return m.length % 2 === 0 ? '\\\\' : (m ? '\\' : '');
        });
      }
    }

    if (output === input && opts.contains === true) {
      state.output = input;
      return state;
    }

    state.output = utils.wrapOutput(output, state, options);
    return state;
  }

  /**
   * Tokenize input until we reach end-of-string
   */

  while (!eos()) {
    value = advance();

    if (value === '\u0000') {
      continue;
    }

    /**
     * Escaped characters
     */

    if (value === '\\') {
      const next = peek();

      if (next === '/' && opts.bash !== true) {
        continue;
      }

      if (next === '.' || next === ';') {
        continue;
      }

      if (!next) {
        value += '\\';
        push({ type: 'text', value });
        continue;
      }

      // collapse slashes to reduce potential for exploits
      const match = /^\\+/.exec(remaining());
      let slashes = 0;

      if (match && match[0].length > 2) {
        slashes = match[0].length;
        state.index += slashes;
        if (slashes % 2 !== 0) {
          value += '\\';
        }
      }

      if (opts.unescape === true) {
        value = advance();
      } else {
        value += advance();
      }

      if (state.brackets === 0) {
        push({ type: 'text', value });
        continue;
      }
    }

    /**
     * If we're inside a regex character class, continue
     * until we reach the closing bracket.
     */

    if (state.brackets > 0 && (value !== ']' || prev.value === '[' || prev.value === '[^')) {
      if (opts.posix !== false && value === ':') {
        const inner = prev.value.slice(1);
        if (inner.includes('[')) {
          prev.posix = true;

          if (inner.includes(':')) {
            const idx = prev.value.lastIndexOf('[');
            const pre = prev.value.slice(0, idx);
            const rest = prev.value.slice(idx + 2);
            const posix = POSIX_REGEX_SOURCE[rest];
            if (posix) {
              prev.value = pre + posix;
              state.backtrack = true;
              advance();

              if (!bos.output && tokens.indexOf(prev) === 1) {
                bos.output = ONE_CHAR;
              }
              continue;
            }
          }
        }
      }

      if ((value === '[' && peek() !== ':') || (value === '-' && peek() === ']')) {
        value = `\\${value}`;
      }

      if (value === ']' && (prev.value === '[' || prev.value === '[^')) {
        value = `\\${value}`;
      }

      if (opts.posix === true && value === '!' && prev.value === '[') {
        value = '^';
      }

      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * If we're inside a quoted string, continue
     * until we reach the closing double quote.
     */

    if (state.quotes === 1 && value !== '"') {
      value = utils.escapeRegex(value);
      prev.value += value;
      append({ value });
      continue;
    }

    /**
     * Double quotes
     */

    if (value === '"') {
      state.quotes = state.quotes === 1 ? 0 : 1;
      if (opts.keepQuotes === true) {
        push({ type: 'text', value });
      }
      continue;
    }

    /**
     * Parentheses
     */

    if (value === '(') {
      increment('parens');
      push({ type: 'paren', value });
      continue;
    }

    if (value === ')') {
      if (state.parens === 0 && opts.strictBrackets === true) {
        throw new SyntaxError(syntaxError('opening', '('));
      }

      const extglob = extglobs[extglobs.length - 1];
      if (extglob && state.parens === extglob.parens + 1) {
        extglobClose(extglobs.pop());
        continue;
      }

      push({ type: 'paren', value, output: state.parens ? ')' : '\\)' });
      decrement('parens');
      continue;
    }

    /**
     * Square brackets
     */

    if (value === '[') {
      if (opts.nobracket === true || !remaining().includes(']')) {
        if (opts.nobracket !== true && opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('closing', ']'));
        }

        value = `\\${value}`;
      } else {
        increment('brackets');
      }

      push({ type: 'bracket', value });
      continue;
    }

    if (value === ']') {
      if (opts.nobracket === true || (prev && prev.type === 'bracket' && prev.value.length === 1)) {
        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      if (state.brackets === 0) {
        if (opts.strictBrackets === true) {
          throw new SyntaxError(syntaxError('opening', '['));
        }

        push({ type: 'text', value, output: `\\${value}` });
        continue;
      }

      decrement('brackets');

      const prevValue = prev.value.slice(1);
      if (prev.posix !== true && prevValue[0] === '^' && !prevValue.includes('/')) {
        value = `/${value}`;
      }

      prev.value += value;
      append({ value });

      // when literal brackets are explicitly disabled
      // assume we should match with a regex character class
      if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
        continue;
      }

      const escaped = utils.escapeRegex(prev.value);
      state.output = state.output.slice(0, -prev.value.length);

      // when literal brackets are explicitly enabled
      // assume we should escape the brackets to match literal characters
      if (opts.literalBrackets === true) {
        state.output += escaped;
        prev.value = escaped;
        continue;
      }

      // when the user specifies nothing, try to match both
      prev.value = `(${capture}${escaped}|${prev.value})`;
      state.output += prev.value;
      continue;
    }

    /**
     * Braces
     */

    if (value === '{' && opts.nobrace !== true) {
      increment('braces');

      const open = {
        type: 'brace',
        value,
        output: '(',
        outputIndex: state.output.length,
        tokensIndex: state.tokens.length
      };

      braces.push(open);
      push(open);
      continue;
    }

    if (value === '}') {
      const brace = braces[braces.length - 1];

      if (opts.nobrace === true || !brace) {
        push({ type: 'text', value, output: value });
        continue;
      }

      let output = ')';

      if (brace.dots === true) {
        const arr = tokens.slice();
        const range = [];

        for (let i = arr.length - 1; i >= 0; i--) {
          tokens.pop();
          if (arr[i].type === 'brace') {
            break;
          }
          if (arr[i].type !== 'dots') {
            range.unshift(arr[i].value);
          }
        }

        output = expandRange(range, opts);
        state.backtrack = true;
      }

      if (brace.comma !== true && brace.dots !== true) {
        const out = state.output.slice(0, brace.outputIndex);
        const toks = state.tokens.slice(brace.tokensIndex);
        brace.value = brace.output = '\\{';
        value = output = '\\}';
        state.output = out;
        for (const t of toks) {
          state.output += (t.output || t.value);
        }
      }

      push({ type: 'brace', value, output });
      decrement('braces');
      braces.pop();
      continue;
    }

    /**
     * Pipes
     */

    if (value === '|') {
      if (extglobs.length > 0) {
        extglobs[extglobs.length - 1].conditions++;
      }
      push({ type: 'text', value });
      continue;
    }

    /**
     * Commas
     */

    if (value === ',') {
      let output = value;

      const brace = braces[braces.length - 1];
      if (brace && stack[stack.length - 1] === 'braces') {
        brace.comma = true;
        output = '|';
      }

      push({ type: 'comma', value, output });
      continue;
    }

    /**
     * Slashes
     */

    if (value === '/') {
      // if the beginning of the glob is "./", advance the start
      // to the current index, and don't add the "./" characters
      // to the state. This greatly simplifies lookbehinds when
      // checking for BOS characters like "!" and "." (not "./")
      if (prev.type === 'dot' && state.index === state.start + 1) {
        state.start = state.index + 1;
        state.consumed = '';
        state.output = '';
        tokens.pop();
        prev = bos; // reset "prev" to the first token
        continue;
      }

      push({ type: 'slash', value, output: SLASH_LITERAL });
      continue;
    }

    /**
     * Dots
     */

    if (value === '.') {
      if (state.braces > 0 && prev.type === 'dot') {
        if (prev.value === '.') prev.output = DOT_LITERAL;
        const brace = braces[braces.length - 1];
        prev.type = 'dots';
        prev.output += value;
        prev.value += value;
        brace.dots = true;
        continue;
      }

      if ((state.braces + state.parens) === 0 && prev.type !== 'bos' && prev.type !== 'slash') {
        push({ type: 'text', value, output: DOT_LITERAL });
        continue;
      }

      push({ type: 'dot', value, output: DOT_LITERAL });
      continue;
    }

    /**
     * Question marks
     */

    if (value === '?') {
      const isGroup = prev && prev.value === '(';
      if (!isGroup && opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('qmark', value);
        continue;
      }

      if (prev && prev.type === 'paren') {
        const next = peek();
        let output = value;

        if ((prev.value === '(' && !/[!=<:]/.test(next)) || (next === '<' && !/<([!=]|\w+>)/.test(remaining()))) {
          output = `\\${value}`;
        }

        push({ type: 'text', value, output });
        continue;
      }

      if (opts.dot !== true && (prev.type === 'slash' || prev.type === 'bos')) {
        push({ type: 'qmark', value, output: QMARK_NO_DOT });
        continue;
      }

      push({ type: 'qmark', value, output: QMARK });
      continue;
    }

    /**
     * Exclamation
     */

    if (value === '!') {
      if (opts.noextglob !== true && peek() === '(') {
        if (peek(2) !== '?' || !/[!=<:]/.test(peek(3))) {
          extglobOpen('negate', value);
          continue;
        }
      }

      if (opts.nonegate !== true && state.index === 0) {
        negate();
        continue;
      }
    }

    /**
     * Plus
     */

    if (value === '+') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        extglobOpen('plus', value);
        continue;
      }

      if ((prev && prev.value === '(') || opts.regex === false) {
        push({ type: 'plus', value, output: PLUS_LITERAL });
        continue;
      }

      if ((prev && (prev.type === 'bracket' || prev.type === 'paren' || prev.type === 'brace')) || state.parens > 0) {
        push({ type: 'plus', value });
        continue;
      }

      push({ type: 'plus', value: PLUS_LITERAL });
      continue;
    }

    /**
     * Plain text
     */

    if (value === '@') {
      if (opts.noextglob !== true && peek() === '(' && peek(2) !== '?') {
        push({ type: 'at', extglob: true, value, output: '' });
        continue;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Plain text
     */

    if (value !== '*') {
      if (value === '$' || value === '^') {
        value = `\\${value}`;
      }

      const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
      if (match) {
        value += match[0];
        state.index += match[0].length;
      }

      push({ type: 'text', value });
      continue;
    }

    /**
     * Stars
     */

    if (prev && (prev.type === 'globstar' || prev.star === true)) {
      prev.type = 'star';
      prev.star = true;
      prev.value += value;
      prev.output = star;
      state.backtrack = true;
      state.globstar = true;
      consume(value);
      continue;
    }

    let rest = remaining();
    if (opts.noextglob !== true && /^\([^?]/.test(rest)) {
      extglobOpen('star', value);
      continue;
    }

    if (prev.type === 'star') {
      if (opts.noglobstar === true) {
        consume(value);
        continue;
      }

      const prior = prev.prev;
      const before = prior.prev;
      const isStart = prior.type === 'slash' || prior.type === 'bos';
      const afterStar = before && (before.type === 'star' || before.type === 'globstar');

      if (opts.bash === true && (!isStart || (rest[0] && rest[0] !== '/'))) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      const isBrace = state.braces > 0 && (prior.type === 'comma' || prior.type === 'brace');
      const isExtglob = extglobs.length && (prior.type === 'pipe' || prior.type === 'paren');
      if (!isStart && prior.type !== 'paren' && !isBrace && !isExtglob) {
        push({ type: 'star', value, output: '' });
        continue;
      }

      // strip consecutive `/**/`
      while (rest.slice(0, 3) === '/**') {
        const after = input[state.index + 4];
        if (after && after !== '/') {
          break;
        }
        rest = rest.slice(3);
        consume('/**', 3);
      }

      // A globstar followed only by balanced closing parens is at the logical end of patterns like
      // `test(/utils/**)` and `test?(/utils/**)`. Treat it as EOS so the trailing `/**` can match its
      // parent path, except in negated extglobs where that would change the exclusion semantics.
      const isEnd = eos() || (
        state.parens > 0
        && rest === ')'.repeat(state.parens)
        && !extglobs.some(extglob => extglob.type === 'negate')
      );

      if (prior.type === 'bos' && eos()) {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = globstar(opts);
        state.output = prev.output;
        state.globstar = true;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && !afterStar && isEnd) {
        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = globstar(opts) + (opts.strictSlashes ? ')' : '|$)');
        prev.value += value;
        state.globstar = true;
        state.output += prior.output + prev.output;
        consume(value);
        continue;
      }

      if (prior.type === 'slash' && prior.prev.type !== 'bos' && rest[0] === '/') {
        const end = rest[1] !== void 0 ? '|$' : '';

        state.output = state.output.slice(0, -(prior.output + prev.output).length);
        prior.output = `(?:${prior.output}`;

        prev.type = 'globstar';
        prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
        prev.value += value;

        state.output += prior.output + prev.output;
        state.globstar = true;

        consume(value + advance());

        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      if (prior.type === 'bos' && rest[0] === '/') {
        prev.type = 'globstar';
        prev.value += value;
        prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
        state.output = prev.output;
        state.globstar = true;
        consume(value + advance());
        push({ type: 'slash', value: '/', output: '' });
        continue;
      }

      // remove single star from output
      state.output = state.output.slice(0, -prev.output.length);

      // reset previous token to globstar
      prev.type = 'globstar';
      prev.output = globstar(opts);
      prev.value += value;

      // reset output with globstar
      state.output += prev.output;
      state.globstar = true;
      consume(value);
      continue;
    }

    const token = { type: 'star', value, output: star };

    if (opts.bash === true) {
      token.output = '.*?';
      if (prev.type === 'bos' || prev.type === 'slash') {
        token.output = nodot + token.output;
      }
      push(token);
      continue;
    }

    if (prev && (prev.type === 'bracket' || prev.type === 'paren') && opts.regex === true) {
      token.output = value;
      push(token);
      continue;
    }

    if (state.index === state.start || prev.type === 'slash' || prev.type === 'dot') {
      if (prev.type === 'dot') {
        state.output += NO_DOT_SLASH;
        prev.output += NO_DOT_SLASH;

      } else if (opts.dot === true) {
        state.output += NO_DOTS_SLASH;
        prev.output += NO_DOTS_SLASH;

      } else {
        state.output += nodot;
        prev.output += nodot;
      }

      if (peek() !== '*') {
        state.output += ONE_CHAR;
        prev.output += ONE_CHAR;
      }
    }

    push(token);
  }

  while (state.brackets > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ']'));
    state.output = utils.escapeLast(state.output, '[');
    decrement('brackets');
  }

  while (state.parens > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', ')'));
    state.output = utils.escapeLast(state.output, '(');
    decrement('parens');
  }

  while (state.braces > 0) {
    if (opts.strictBrackets === true) throw new SyntaxError(syntaxError('closing', '}'));
    state.output = utils.escapeLast(state.output, '{');
    decrement('braces');
  }

  if (opts.strictSlashes !== true && (prev.type === 'star' || prev.type === 'bracket')) {
    push({ type: 'maybe_slash', value: '', output: `${SLASH_LITERAL}?` });
  }

  // rebuild the output if we had to backtrack at any point
  if (state.backtrack === true) {
    state.output = '';

    for (const token of state.tokens) {
      state.output += token.output != null ? token.output : token.value;

      if (token.suffix) {
        state.output += token.suffix;
      }
    }
  }

  return state;
};

/**
 * Fast paths for creating regular expressions for common glob patterns.
 * This can significantly speed up processing and has very little downside
 * impact when none of the fast paths match.
 */

parse.fastpaths = (input, options) => {
  const opts = { ...options };
  const max = typeof opts.maxLength === 'number' ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
  const len = input.length;
  if (len > max) {
    throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
  }

  input = REPLACEMENTS[input] || input;

  // create constants based on platform, for windows or posix
  const {
    DOT_LITERAL,
    SLASH_LITERAL,
    ONE_CHAR,
    DOTS_SLASH,
    NO_DOT,
    NO_DOTS,
    NO_DOTS_SLASH,
    STAR,
    START_ANCHOR
  } = constants.globChars(opts.windows);

  const nodot = opts.dot ? NO_DOTS : NO_DOT;
  const slashDot = opts.dot ? NO_DOTS_SLASH : NO_DOT;
  const capture = opts.capture ? '' : '?:';
  const state = { negated: false, prefix: '' };
  let star = opts.bash === true ? '.*?' : STAR;

  if (opts.capture) {
    star = `(${star})`;
  }

  const globstar = opts => {
    if (opts.noglobstar === true) return star;
    return `(${capture}(?:(?!${START_ANCHOR}${opts.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
  };

  const create = str => {
    switch (str) {
      case '*':
        return `${nodot}${ONE_CHAR}${star}`;

      case '.*':
        return `${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*.*':
        return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '*/*':
        return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;

      case '**':
        return nodot + globstar(opts);

      case '**/*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;

      case '**/*.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;

      case '**/.*':
        return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;

      default: {
        const match = /^(.*?)\.(\w+)$/.exec(str);
        if (!match) return;

        const source = create(match[1]);
        if (!source) return;

        return source + DOT_LITERAL + match[2];
      }
    }
  };

  const output = utils.removePrefix(input, state);
  let source = create(output);

  if (source && opts.strictSlashes !== true) {
    source += `${SLASH_LITERAL}?`;
  }

  return source;
};

module.exports = parse;


/***/ }),

/***/ 8016:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const scan = __nccwpck_require__(1781);
const parse = __nccwpck_require__(8265);
const utils = __nccwpck_require__(4059);
const constants = __nccwpck_require__(5595);
const isObject = val => val && typeof val === 'object' && !Array.isArray(val);

/**
 * Creates a matcher function from one or more glob patterns. The
 * returned function takes a string to match as its first argument,
 * and returns true if the string is a match. The returned matcher
 * function also takes a boolean as the second argument that, when true,
 * returns an object with additional information.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch(glob[, options]);
 *
 * const isMatch = picomatch('*.!(*a)');
 * console.log(isMatch('a.a')); //=> false
 * console.log(isMatch('a.b')); //=> true
 *
 * // For environments without `node.js`, `picomatch/posix` provides you a dependency-free matcher, without automatic OS detection.
 * const picomatch = require('picomatch/posix');
 * // the same API, defaulting to posix paths
 * const isMatch = picomatch('a/*');
 * console.log(isMatch('a\\b')); //=> false
 * console.log(isMatch('a/b')); //=> true
 *
 * // you can still configure the matcher function to accept windows paths
 * const isMatch = picomatch('a/*', { options: windows });
 * console.log(isMatch('a\\b')); //=> true
 * console.log(isMatch('a/b')); //=> true
 * ```
 * @name picomatch
 * @param {String|Array} `globs` One or more glob patterns.
 * @param {Object=} `options`
 * @return {Function=} Returns a matcher function.
 * @api public
 */

const picomatch = (glob, options, returnState = false) => {
  if (Array.isArray(glob)) {
    const fns = glob.map(input => picomatch(input, options, returnState));
    const arrayMatcher = str => {
      for (const isMatch of fns) {
        const state = isMatch(str);
        if (state) return state;
      }
      return false;
    };
    return arrayMatcher;
  }

  const isState = isObject(glob) && glob.tokens && glob.input;

  if (glob === '' || (typeof glob !== 'string' && !isState)) {
    throw new TypeError('Expected pattern to be a non-empty string');
  }

  const opts = options || {};
  const posix = opts.windows;
  const regex = isState
    ? picomatch.compileRe(glob, options)
    : picomatch.makeRe(glob, options, false, true);

  const state = regex.state;
  delete regex.state;

  let isIgnored = () => false;
  if (opts.ignore) {
    const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
    isIgnored = picomatch(opts.ignore, ignoreOpts, returnState);
  }

  const matcher = (input, returnObject = false) => {
    const { isMatch, match, output } = picomatch.test(input, regex, options, { glob, posix });
    const result = { glob, state, regex, posix, input, output, match, isMatch };

    if (typeof opts.onResult === 'function') {
      opts.onResult(result);
    }

    if (isMatch === false) {
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (isIgnored(input)) {
      if (typeof opts.onIgnore === 'function') {
        opts.onIgnore(result);
      }
      result.isMatch = false;
      return returnObject ? result : false;
    }

    if (typeof opts.onMatch === 'function') {
      opts.onMatch(result);
    }
    return returnObject ? result : true;
  };

  if (returnState) {
    matcher.state = state;
  }

  return matcher;
};

/**
 * Test `input` with the given `regex`. This is used by the main
 * `picomatch()` function to test the input string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.test(input, regex[, options]);
 *
 * console.log(picomatch.test('foo/bar', /^(?:([^/]*?)\/([^/]*?))$/));
 * // { isMatch: true, match: [ 'foo/', 'foo', 'bar' ], output: 'foo/bar' }
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp} `regex`
 * @return {Object} Returns an object with matching info.
 * @api public
 */

picomatch.test = (input, regex, options, { glob, posix } = {}) => {
  if (typeof input !== 'string') {
    throw new TypeError('Expected input to be a string');
  }

  if (input === '') {
    return { isMatch: false, output: '' };
  }

  const opts = options || {};
  const format = opts.format || (posix ? utils.toPosixSlashes : null);
  let match = input === glob;
  let output = (match && format) ? format(input) : input;

  if (match === false) {
    output = format ? format(input) : input;
    match = output === glob;
  }

  if (match === false || opts.capture === true) {
    if (opts.matchBase === true || opts.basename === true) {
      match = picomatch.matchBase(input, regex, options, posix);
    } else {
      match = regex.exec(output);
    }
  }

  return { isMatch: Boolean(match), match, output };
};

/**
 * Match the basename of a filepath.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.matchBase(input, glob[, options]);
 * console.log(picomatch.matchBase('foo/bar.js', '*.js'); // true
 * ```
 * @param {String} `input` String to test.
 * @param {RegExp|String} `glob` Glob pattern or regex created by [.makeRe](#makeRe).
 * @return {Boolean}
 * @api public
 */

picomatch.matchBase = (input, glob, options, posix = options && options.windows) => {
  const regex = glob instanceof RegExp ? glob : picomatch.makeRe(glob, options);
  return regex.test(utils.basename(input, { windows: posix }));
};

/**
 * Returns true if **any** of the given glob `patterns` match the specified `string`.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.isMatch(string, patterns[, options]);
 *
 * console.log(picomatch.isMatch('a.a', ['b.*', '*.a'])); //=> true
 * console.log(picomatch.isMatch('a.a', 'b.*')); //=> false
 * ```
 * @param {String|Array} str The string to test.
 * @param {String|Array} patterns One or more glob patterns to use for matching.
 * @param {Object} [options] See available [options](#options).
 * @return {Boolean} Returns true if any patterns match `str`
 * @api public
 */

picomatch.isMatch = (str, patterns, options) => picomatch(patterns, options)(str);

/**
 * Parse a glob pattern to create the source string for a regular
 * expression.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const result = picomatch.parse(pattern[, options]);
 * ```
 * @param {String} `pattern`
 * @param {Object} `options`
 * @return {Object} Returns an object with useful properties and output to be used as a regex source string.
 * @api public
 */

picomatch.parse = (pattern, options) => {
  if (Array.isArray(pattern)) return pattern.map(p => picomatch.parse(p, options));
  return parse(pattern, { ...options, fastpaths: false });
};

/**
 * Scan a glob pattern to separate the pattern into segments.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.scan(input[, options]);
 *
 * const result = picomatch.scan('!./foo/*.js');
 * console.log(result);
 * { prefix: '!./',
 *   input: '!./foo/*.js',
 *   start: 3,
 *   base: 'foo',
 *   glob: '*.js',
 *   isBrace: false,
 *   isBracket: false,
 *   isGlob: true,
 *   isExtglob: false,
 *   isGlobstar: false,
 *   negated: true }
 * ```
 * @param {String} `input` Glob pattern to scan.
 * @param {Object} `options`
 * @return {Object} Returns an object with
 * @api public
 */

picomatch.scan = (input, options) => scan(input, options);

/**
 * Compile a regular expression from the `state` object returned by the
 * [parse()](#parse) method.
 *
 * ```js
 * const picomatch = require('picomatch');
 * const state = picomatch.parse('*.js');
 * // picomatch.compileRe(state[, options]);
 *
 * console.log(picomatch.compileRe(state));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {Object} `state`
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Intended for implementors, this argument allows you to return the raw output from the parser.
 * @param {Boolean} `returnState` Adds the state to a `state` property on the returned regex. Useful for implementors and debugging.
 * @return {RegExp}
 * @api public
 */

picomatch.compileRe = (state, options, returnOutput = false, returnState = false) => {
  if (returnOutput === true) {
    return state.output;
  }

  const opts = options || {};
  const prepend = opts.contains ? '' : '^';
  const append = opts.contains ? '' : '$';

  let source = `${prepend}(?:${state.output})${append}`;
  if (state && state.negated === true) {
    source = `^(?!${source}).*$`;
  }

  const regex = picomatch.toRegex(source, options);
  if (returnState === true) {
    regex.state = state;
  }

  return regex;
};

/**
 * Create a regular expression from a parsed glob pattern.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.makeRe(state[, options]);
 *
 * const result = picomatch.makeRe('*.js');
 * console.log(result);
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `state` The object returned from the `.parse` method.
 * @param {Object} `options`
 * @param {Boolean} `returnOutput` Implementors may use this argument to return the compiled output, instead of a regular expression. This is not exposed on the options to prevent end-users from mutating the result.
 * @param {Boolean} `returnState` Implementors may use this argument to return the state from the parsed glob with the returned regular expression.
 * @return {RegExp} Returns a regex created from the given pattern.
 * @api public
 */

picomatch.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
  if (!input || typeof input !== 'string') {
    throw new TypeError('Expected a non-empty string');
  }

  let parsed = { negated: false, fastpaths: true };

  if (options.fastpaths !== false && (input[0] === '.' || input[0] === '*')) {
    parsed.output = parse.fastpaths(input, options);
  }

  if (!parsed.output) {
    parsed = parse(input, options);
  }

  return picomatch.compileRe(parsed, options, returnOutput, returnState);
};

/**
 * Create a regular expression from the given regex source string.
 *
 * ```js
 * const picomatch = require('picomatch');
 * // picomatch.toRegex(source[, options]);
 *
 * const { output } = picomatch.parse('*.js');
 * console.log(picomatch.toRegex(output));
 * //=> /^(?:(?!\.)(?=.)[^/]*?\.js)$/
 * ```
 * @param {String} `source` Regular expression source string.
 * @param {Object} `options`
 * @return {RegExp}
 * @api public
 */

picomatch.toRegex = (source, options) => {
  try {
    const opts = options || {};
    return new RegExp(source, opts.flags || (opts.nocase ? 'i' : ''));
  } catch (err) {
    if (options && options.debug === true) throw err;
    return /$^/;
  }
};

/**
 * Picomatch constants.
 * @return {Object}
 */

picomatch.constants = constants;

/**
 * Expose "picomatch"
 */

module.exports = picomatch;


/***/ }),

/***/ 1781:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const utils = __nccwpck_require__(4059);
const {
  CHAR_ASTERISK,             /* * */
  CHAR_AT,                   /* @ */
  CHAR_BACKWARD_SLASH,       /* \ */
  CHAR_COMMA,                /* , */
  CHAR_DOT,                  /* . */
  CHAR_EXCLAMATION_MARK,     /* ! */
  CHAR_FORWARD_SLASH,        /* / */
  CHAR_LEFT_CURLY_BRACE,     /* { */
  CHAR_LEFT_PARENTHESES,     /* ( */
  CHAR_LEFT_SQUARE_BRACKET,  /* [ */
  CHAR_PLUS,                 /* + */
  CHAR_QUESTION_MARK,        /* ? */
  CHAR_RIGHT_CURLY_BRACE,    /* } */
  CHAR_RIGHT_PARENTHESES,    /* ) */
  CHAR_RIGHT_SQUARE_BRACKET  /* ] */
} = __nccwpck_require__(5595);

const isPathSeparator = code => {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
};

const depth = token => {
  if (token.isPrefix !== true) {
    token.depth = token.isGlobstar ? Infinity : 1;
  }
};

/**
 * Quickly scans a glob pattern and returns an object with a handful of
 * useful properties, like `isGlob`, `path` (the leading non-glob, if it exists),
 * `glob` (the actual pattern), `negated` (true if the path starts with `!` but not
 * with `!(`) and `negatedExtglob` (true if the path starts with `!(`).
 *
 * ```js
 * const pm = require('picomatch');
 * console.log(pm.scan('foo/bar/*.js'));
 * { isGlob: true, input: 'foo/bar/*.js', base: 'foo/bar', glob: '*.js' }
 * ```
 * @param {String} `str`
 * @param {Object} `options`
 * @return {Object} Returns an object with tokens and regex source string.
 * @api public
 */

const scan = (input, options) => {
  const opts = options || {};

  const length = input.length - 1;
  const scanToEnd = opts.parts === true || opts.tokens === true || opts.scanToEnd === true;
  const slashes = [];
  const tokens = [];
  const parts = [];

  let str = input;
  let index = -1;
  let start = 0;
  let lastIndex = 0;
  let isBrace = false;
  let isBracket = false;
  let isGlob = false;
  let isExtglob = false;
  let isGlobstar = false;
  let braceEscaped = false;
  let backslashes = false;
  let negated = false;
  let negatedExtglob = false;
  let finished = false;
  let braces = 0;
  let prev;
  let code;
  let token = { value: '', depth: 0, isGlob: false };

  const eos = () => index >= length;
  const peek = () => str.charCodeAt(index + 1);
  const advance = () => {
    prev = code;
    return str.charCodeAt(++index);
  };

  while (index < length) {
    code = advance();
    let next;

    if (code === CHAR_BACKWARD_SLASH) {
      backslashes = token.backslashes = true;
      code = advance();

      if (code === CHAR_LEFT_CURLY_BRACE) {
        braceEscaped = true;
      }
      continue;
    }

    if (braceEscaped === true || code === CHAR_LEFT_CURLY_BRACE) {
      braces++;

      while (eos() !== true && (code = advance())) {
        if (code === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (code === CHAR_LEFT_CURLY_BRACE) {
          braces++;
          continue;
        }

        if (braceEscaped !== true && code === CHAR_DOT && (code = advance()) === CHAR_DOT) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (braceEscaped !== true && code === CHAR_COMMA) {
          isBrace = token.isBrace = true;
          isGlob = token.isGlob = true;
          finished = true;

          if (scanToEnd === true) {
            continue;
          }

          break;
        }

        if (code === CHAR_RIGHT_CURLY_BRACE) {
          braces--;

          if (braces === 0) {
            braceEscaped = false;
            isBrace = token.isBrace = true;
            finished = true;
            break;
          }
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (code === CHAR_FORWARD_SLASH) {
      slashes.push(index);
      tokens.push(token);
      token = { value: '', depth: 0, isGlob: false };

      if (finished === true) continue;
      if (prev === CHAR_DOT && index === (start + 1)) {
        start += 2;
        continue;
      }

      lastIndex = index + 1;
      continue;
    }

    if (opts.noext !== true) {
      const isExtglobChar = code === CHAR_PLUS
        || code === CHAR_AT
        || code === CHAR_ASTERISK
        || code === CHAR_QUESTION_MARK
        || code === CHAR_EXCLAMATION_MARK;

      if (isExtglobChar === true && peek() === CHAR_LEFT_PARENTHESES) {
        isGlob = token.isGlob = true;
        isExtglob = token.isExtglob = true;
        finished = true;
        if (code === CHAR_EXCLAMATION_MARK && index === start) {
          negatedExtglob = true;
        }

        if (scanToEnd === true) {
          let parens = 0;

          while (eos() !== true && (code = advance())) {
            if (code === CHAR_BACKWARD_SLASH) {
              backslashes = token.backslashes = true;
              advance();
              continue;
            }

            if (code === CHAR_LEFT_PARENTHESES) {
              parens++;
              continue;
            }

            if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
              finished = true;
              break;
            }
          }
          continue;
        }
        break;
      }
    }

    if (code === CHAR_ASTERISK) {
      if (prev === CHAR_ASTERISK) isGlobstar = token.isGlobstar = true;
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_QUESTION_MARK) {
      isGlob = token.isGlob = true;
      finished = true;

      if (scanToEnd === true) {
        continue;
      }
      break;
    }

    if (code === CHAR_LEFT_SQUARE_BRACKET) {
      while (eos() !== true && (next = advance())) {
        if (next === CHAR_BACKWARD_SLASH) {
          backslashes = token.backslashes = true;
          advance();
          continue;
        }

        if (next === CHAR_RIGHT_SQUARE_BRACKET) {
          isBracket = token.isBracket = true;
          isGlob = token.isGlob = true;
          finished = true;
          break;
        }
      }

      if (scanToEnd === true) {
        continue;
      }

      break;
    }

    if (opts.nonegate !== true && code === CHAR_EXCLAMATION_MARK && index === start) {
      negated = token.negated = true;
      start++;
      continue;
    }

    if (opts.noparen !== true && code === CHAR_LEFT_PARENTHESES) {
      isGlob = token.isGlob = true;

      if (scanToEnd === true) {
        let parens = 1;

        while (eos() !== true && (code = advance())) {
          if (code === CHAR_BACKWARD_SLASH) {
            backslashes = token.backslashes = true;
            advance();
            continue;
          }

          if (code === CHAR_LEFT_PARENTHESES) {
            parens++;
            continue;
          }

          if (code === CHAR_RIGHT_PARENTHESES && --parens === 0) {
            finished = true;
            break;
          }
        }
        continue;
      }
      break;
    }

    if (isGlob === true) {
      finished = true;

      if (scanToEnd === true) {
        continue;
      }

      break;
    }
  }

  if (opts.noext === true) {
    isExtglob = false;
    isGlob = false;
  }

  let base = str;
  let prefix = '';
  let glob = '';

  if (start > 0) {
    prefix = str.slice(0, start);
    str = str.slice(start);
    lastIndex -= start;
  }

  if (base && isGlob === true && lastIndex > 0) {
    base = str.slice(0, lastIndex);
    glob = str.slice(lastIndex);
  } else if (isGlob === true) {
    base = '';
    glob = str;
  } else {
    base = str;
  }

  if (base && base !== '' && base !== '/' && base !== str) {
    if (isPathSeparator(base.charCodeAt(base.length - 1))) {
      base = base.slice(0, -1);
    }
  }

  if (opts.unescape === true) {
    if (glob) glob = utils.removeBackslashes(glob);

    if (base && backslashes === true) {
      base = utils.removeBackslashes(base);
    }
  }

  const state = {
    prefix,
    input,
    start,
    base,
    glob,
    isBrace,
    isBracket,
    isGlob,
    isExtglob,
    isGlobstar,
    negated,
    negatedExtglob
  };

  if (opts.tokens === true) {
    state.maxDepth = 0;
    if (!isPathSeparator(code)) {
      tokens.push(token);
    }
    state.tokens = tokens;
  }

  if (opts.parts === true || opts.tokens === true) {
    let prevIndex;

    for (let idx = 0; idx < slashes.length; idx++) {
      const n = prevIndex !== undefined ? prevIndex + 1 : start;
      const i = slashes[idx];
      const value = input.slice(n, i);
      if (opts.tokens) {
        if (idx === 0 && start !== 0) {
          tokens[idx].isPrefix = true;
          tokens[idx].value = prefix;
        } else {
          tokens[idx].value = value;
        }
        depth(tokens[idx]);
        state.maxDepth += tokens[idx].depth;
      }
      if (i >= start) {
        parts.push(value);
        prevIndex = i;
      }
    }

    const n = prevIndex !== undefined ? prevIndex + 1 : start;
    const value = input.slice(n);
    parts.push(value);

    if (opts.tokens && prevIndex && prevIndex + 1 < input.length) {
      tokens[tokens.length - 1].value = value;
      depth(tokens[tokens.length - 1]);
      state.maxDepth += tokens[tokens.length - 1].depth;
    }

    state.slashes = slashes;
    state.parts = parts;
  }

  return state;
};

module.exports = scan;


/***/ }),

/***/ 4059:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {

/*global navigator*/


const {
  REGEX_BACKSLASH,
  REGEX_REMOVE_BACKSLASH,
  REGEX_SPECIAL_CHARS,
  REGEX_SPECIAL_CHARS_GLOBAL
} = __nccwpck_require__(5595);

exports.isObject = val => val !== null && typeof val === 'object' && !Array.isArray(val);
exports.hasRegexChars = str => REGEX_SPECIAL_CHARS.test(str);
exports.isRegexChar = str => str.length === 1 && exports.hasRegexChars(str);
exports.escapeRegex = str => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, '\\$1');
exports.toPosixSlashes = str => str.replace(REGEX_BACKSLASH, '/');

exports.isWindows = () => {
  if (typeof navigator !== 'undefined' && navigator.platform) {
    const platform = navigator.platform.toLowerCase();
    return platform === 'win32' || platform === 'windows';
  }

  if (typeof process !== 'undefined' && process.platform) {
    return process.platform === 'win32';
  }

  return false;
};

exports.removeBackslashes = str => {
  return str.replace(REGEX_REMOVE_BACKSLASH, match => {
    return match === '\\' ? '' : match;
  });
};

exports.escapeLast = (input, char, lastIdx) => {
  const idx = input.lastIndexOf(char, lastIdx);
  if (idx === -1) return input;
  if (input[idx - 1] === '\\') return exports.escapeLast(input, char, idx - 1);
  return `${input.slice(0, idx)}\\${input.slice(idx)}`;
};

exports.removePrefix = (input, state = {}) => {
  let output = input;
  if (output.startsWith('./')) {
    output = output.slice(2);
    state.prefix = './';
  }
  return output;
};

exports.wrapOutput = (input, state = {}, options = {}) => {
  const prepend = options.contains ? '' : '^';
  const append = options.contains ? '' : '$';

  let output = `${prepend}(?:${input})${append}`;
  if (state.negated === true) {
    output = `(?:^(?!${output}).*$)`;
  }
  return output;
};

exports.basename = (path, { windows } = {}) => {
  const segs = path.split(windows ? /[\\/]/ : '/');
  const last = segs[segs.length - 1];

  if (last === '') {
    return segs[segs.length - 2];
  }

  return last;
};


/***/ }),

/***/ 9379:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const ANY = Symbol('SemVer ANY')
// hoisted class for cyclic dependency
class Comparator {
  static get ANY () {
    return ANY
  }

  constructor (comp, options) {
    options = parseOptions(options)

    if (comp instanceof Comparator) {
      if (comp.loose === !!options.loose) {
        return comp
      } else {
        comp = comp.value
      }
    }

    comp = comp.trim().split(/\s+/).join(' ')
    debug('comparator', comp, options)
    this.options = options
    this.loose = !!options.loose
    this.parse(comp)

    if (this.semver === ANY) {
      this.value = ''
    } else {
      this.value = this.operator + this.semver.version
    }

    debug('comp', this)
  }

  parse (comp) {
    const r = this.options.loose ? re[t.COMPARATORLOOSE] : re[t.COMPARATOR]
    const m = comp.match(r)

    if (!m) {
      throw new TypeError(`Invalid comparator: ${comp}`)
    }

    this.operator = m[1] !== undefined ? m[1] : ''
    if (this.operator === '=') {
      this.operator = ''
    }

    // if it literally is just '>' or '' then allow anything.
    if (!m[2]) {
      this.semver = ANY
    } else {
      this.semver = new SemVer(m[2], this.options.loose)
    }
  }

  toString () {
    return this.value
  }

  test (version) {
    debug('Comparator.test', version, this.options.loose)

    if (this.semver === ANY || version === ANY) {
      return true
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    return cmp(version, this.operator, this.semver, this.options)
  }

  intersects (comp, options) {
    if (!(comp instanceof Comparator)) {
      throw new TypeError('a Comparator is required')
    }

    if (this.operator === '') {
      if (this.value === '') {
        return true
      }
      return new Range(comp.value, options).test(this.value)
    } else if (comp.operator === '') {
      if (comp.value === '') {
        return true
      }
      return new Range(this.value, options).test(comp.semver)
    }

    options = parseOptions(options)

    // Special cases where nothing can possibly be lower
    if (options.includePrerelease &&
      (this.value === '<0.0.0-0' || comp.value === '<0.0.0-0')) {
      return false
    }
    if (!options.includePrerelease &&
      (this.value.startsWith('<0.0.0') || comp.value.startsWith('<0.0.0'))) {
      return false
    }

    // Same direction increasing (> or >=)
    if (this.operator.startsWith('>') && comp.operator.startsWith('>')) {
      return true
    }
    // Same direction decreasing (< or <=)
    if (this.operator.startsWith('<') && comp.operator.startsWith('<')) {
      return true
    }
    // same SemVer and both sides are inclusive (<= or >=)
    if (
      (this.semver.version === comp.semver.version) &&
      this.operator.includes('=') && comp.operator.includes('=')) {
      return true
    }
    // opposite directions less than
    if (cmp(this.semver, '<', comp.semver, options) &&
      this.operator.startsWith('>') && comp.operator.startsWith('<')) {
      return true
    }
    // opposite directions greater than
    if (cmp(this.semver, '>', comp.semver, options) &&
      this.operator.startsWith('<') && comp.operator.startsWith('>')) {
      return true
    }
    return false
  }
}

module.exports = Comparator

const parseOptions = __nccwpck_require__(356)
const { safeRe: re, t } = __nccwpck_require__(5471)
const cmp = __nccwpck_require__(8646)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)


/***/ }),

/***/ 6782:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SPACE_CHARACTERS = /\s+/g

// hoisted class for cyclic dependency
class Range {
  constructor (range, options) {
    options = parseOptions(options)

    if (range instanceof Range) {
      if (
        range.loose === !!options.loose &&
        range.includePrerelease === !!options.includePrerelease
      ) {
        return range
      } else {
        return new Range(range.raw, options)
      }
    }

    if (range instanceof Comparator) {
      // just put it in the set and return
      this.raw = range.value
      this.set = [[range]]
      this.formatted = undefined
      return this
    }

    this.options = options
    this.loose = !!options.loose
    this.includePrerelease = !!options.includePrerelease

    // First reduce all whitespace as much as possible so we do not have to rely
    // on potentially slow regexes like \s*. This is then stored and used for
    // future error messages as well.
    this.raw = range.trim().replace(SPACE_CHARACTERS, ' ')

    // First, split on ||
    this.set = this.raw
      .split('||')
      // map the range to a 2d array of comparators
      .map(r => this.parseRange(r.trim()))
      // throw out any comparator lists that are empty
      // this generally means that it was not a valid range, which is allowed
      // in loose mode, but will still throw if the WHOLE range is invalid.
      .filter(c => c.length)

    if (!this.set.length) {
      throw new TypeError(`Invalid SemVer Range: ${this.raw}`)
    }

    // if we have any that are not the null set, throw out null sets.
    if (this.set.length > 1) {
      // keep the first one, in case they're all null sets
      const first = this.set[0]
      this.set = this.set.filter(c => !isNullSet(c[0]))
      if (this.set.length === 0) {
        this.set = [first]
      } else if (this.set.length > 1) {
        // if we have any that are *, then the range is just *
        for (const c of this.set) {
          if (c.length === 1 && isAny(c[0])) {
            this.set = [c]
            break
          }
        }
      }
    }

    this.formatted = undefined
  }

  get range () {
    if (this.formatted === undefined) {
      this.formatted = ''
      for (let i = 0; i < this.set.length; i++) {
        if (i > 0) {
          this.formatted += '||'
        }
        const comps = this.set[i]
        for (let k = 0; k < comps.length; k++) {
          if (k > 0) {
            this.formatted += ' '
          }
          this.formatted += comps[k].toString().trim()
        }
      }
    }
    return this.formatted
  }

  format () {
    return this.range
  }

  toString () {
    return this.range
  }

  parseRange (range) {
    // strip build metadata so it can't bleed into the version
    range = range.replace(BUILDSTRIPRE, '')

    // memoize range parsing for performance.
    // this is a very hot path, and fully deterministic.
    const memoOpts =
      (this.options.includePrerelease && FLAG_INCLUDE_PRERELEASE) |
      (this.options.loose && FLAG_LOOSE)
    const memoKey = memoOpts + ':' + range
    const cached = cache.get(memoKey)
    if (cached) {
      return cached
    }

    const loose = this.options.loose
    // `1.2.3 - 1.2.4` => `>=1.2.3 <=1.2.4`
    const hr = loose ? re[t.HYPHENRANGELOOSE] : re[t.HYPHENRANGE]
    range = range.replace(hr, hyphenReplace(this.options.includePrerelease))
    debug('hyphen replace', range)

    // `> 1.2.3 < 1.2.5` => `>1.2.3 <1.2.5`
    range = trimComparatorWhitespace(range)
    debug('comparator trim', range)

    // `~ 1.2.3` => `~1.2.3`
    range = range.replace(re[t.TILDETRIM], tildeTrimReplace)
    debug('tilde trim', range)

    // `^ 1.2.3` => `^1.2.3`
    range = range.replace(re[t.CARETTRIM], caretTrimReplace)
    debug('caret trim', range)

    // At this point, the range is completely trimmed and
    // ready to be split into comparators.

    let rangeList = range
      .split(' ')
      .map(comp => parseComparator(comp, this.options))
      .join(' ')
      .split(/\s+/)
      // >=0.0.0 is equivalent to *
      .map(comp => replaceGTE0(comp, this.options))

    if (loose) {
      // in loose mode, throw out any that are not valid comparators
      rangeList = rangeList.filter(comp => {
        debug('loose invalid filter', comp, this.options)
        return !!comp.match(re[t.COMPARATORLOOSE])
      })
    }
    debug('range list', rangeList)

    // if any comparators are the null set, then replace with JUST null set
    // if more than one comparator, remove any * comparators
    // also, don't include the same comparator more than once
    const rangeMap = new Map()
    const comparators = rangeList.map(comp => new Comparator(comp, this.options))
    for (const comp of comparators) {
      if (isNullSet(comp)) {
        return [comp]
      }
      rangeMap.set(comp.value, comp)
    }
    if (rangeMap.size > 1 && rangeMap.has('')) {
      rangeMap.delete('')
    }

    const result = [...rangeMap.values()]
    cache.set(memoKey, result)
    return result
  }

  intersects (range, options) {
    if (!(range instanceof Range)) {
      throw new TypeError('a Range is required')
    }

    return this.set.some((thisComparators) => {
      return (
        isSatisfiable(thisComparators, options) &&
        range.set.some((rangeComparators) => {
          return (
            isSatisfiable(rangeComparators, options) &&
            thisComparators.every((thisComparator) => {
              return rangeComparators.every((rangeComparator) => {
                return thisComparator.intersects(rangeComparator, options)
              })
            })
          )
        })
      )
    })
  }

  // if ANY of the sets match ALL of its comparators, then pass
  test (version) {
    if (!version) {
      return false
    }

    if (typeof version === 'string') {
      try {
        version = new SemVer(version, this.options)
      } catch (er) {
        return false
      }
    }

    for (let i = 0; i < this.set.length; i++) {
      if (testSet(this.set[i], version, this.options)) {
        return true
      }
    }
    return false
  }
}

module.exports = Range

const LRU = __nccwpck_require__(1383)
const cache = new LRU()

const parseOptions = __nccwpck_require__(356)
const Comparator = __nccwpck_require__(9379)
const debug = __nccwpck_require__(1159)
const SemVer = __nccwpck_require__(7163)
const trimComparatorWhitespace = __nccwpck_require__(9737)
const {
  safeRe: re,
  src,
  t,
  tildeTrimReplace,
  caretTrimReplace,
} = __nccwpck_require__(5471)
const { FLAG_INCLUDE_PRERELEASE, FLAG_LOOSE } = __nccwpck_require__(5101)

// unbounded global build-metadata stripper used by parseRange
const BUILDSTRIPRE = new RegExp(src[t.BUILD], 'g')

const isNullSet = c => c.value === '<0.0.0-0'
const isAny = c => c.value === ''

// take a set of comparators and determine whether there
// exists a version which can satisfy it
const isSatisfiable = (comparators, options) => {
  let result = true
  const remainingComparators = comparators.slice()
  let testComparator = remainingComparators.pop()

  while (result && remainingComparators.length) {
    result = remainingComparators.every((otherComparator) => {
      return testComparator.intersects(otherComparator, options)
    })

    testComparator = remainingComparators.pop()
  }

  return result
}

// comprised of xranges, tildes, stars, and gtlt's at this point.
// already replaced the hyphen ranges
// turn into a set of JUST comparators.
const parseComparator = (comp, options) => {
  comp = comp.replace(re[t.BUILD], '')
  debug('comp', comp, options)
  comp = replaceCarets(comp, options)
  debug('caret', comp)
  comp = replaceTildes(comp, options)
  debug('tildes', comp)
  comp = replaceXRanges(comp, options)
  debug('xrange', comp)
  comp = replaceStars(comp, options)
  debug('stars', comp)
  return comp
}

const isX = id => !id || id.toLowerCase() === 'x' || id === '*'

const invalidXRangeOrder = (M, m, p) => (
  (isX(M) && !isX(m)) ||
  (isX(m) && p && !isX(p))
)

// ~, ~> --> * (any, kinda silly)
// ~2, ~2.x, ~2.x.x, ~>2, ~>2.x ~>2.x.x --> >=2.0.0 <3.0.0-0
// ~2.0, ~2.0.x, ~>2.0, ~>2.0.x --> >=2.0.0 <2.1.0-0
// ~1.2, ~1.2.x, ~>1.2, ~>1.2.x --> >=1.2.0 <1.3.0-0
// ~1.2.3, ~>1.2.3 --> >=1.2.3 <1.3.0-0
// ~1.2.0, ~>1.2.0 --> >=1.2.0 <1.3.0-0
// ~0.0.1 --> >=0.0.1 <0.1.0-0
const replaceTildes = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceTilde(c, options))
    .join(' ')
}

const replaceTilde = (comp, options) => {
  const r = options.loose ? re[t.TILDELOOSE] : re[t.TILDE]
  // if we're including prereleases in the match, then the lower bound is
  // -0, the lowest possible prerelease value, just like x-ranges and carets.
  // this keeps `~1.2` equivalent to the `1.2.x` x-range it's documented as.
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('tilde', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      // ~1.2 == >=1.2.0 <1.3.0-0
      ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
    } else if (pr) {
      debug('replaceTilde pr', pr)
      ret = `>=${M}.${m}.${p}-${pr
      } <${M}.${+m + 1}.0-0`
    } else {
      // ~1.2.3 == >=1.2.3 <1.3.0-0
      ret = `>=${M}.${m}.${p
      } <${M}.${+m + 1}.0-0`
    }

    debug('tilde return', ret)
    return ret
  })
}

// ^ --> * (any, kinda silly)
// ^2, ^2.x, ^2.x.x --> >=2.0.0 <3.0.0-0
// ^2.0, ^2.0.x --> >=2.0.0 <3.0.0-0
// ^1.2, ^1.2.x --> >=1.2.0 <2.0.0-0
// ^1.2.3 --> >=1.2.3 <2.0.0-0
// ^1.2.0 --> >=1.2.0 <2.0.0-0
// ^0.0.1 --> >=0.0.1 <0.0.2-0
// ^0.1.0 --> >=0.1.0 <0.2.0-0
const replaceCarets = (comp, options) => {
  return comp
    .trim()
    .split(/\s+/)
    .map((c) => replaceCaret(c, options))
    .join(' ')
}

const replaceCaret = (comp, options) => {
  debug('caret', comp, options)
  const r = options.loose ? re[t.CARETLOOSE] : re[t.CARET]
  const z = options.includePrerelease ? '-0' : ''
  return comp.replace(r, (_, M, m, p, pr) => {
    debug('caret', comp, _, M, m, p, pr)
    let ret

    if (isX(M)) {
      ret = ''
    } else if (isX(m)) {
      ret = `>=${M}.0.0${z} <${+M + 1}.0.0-0`
    } else if (isX(p)) {
      if (M === '0') {
        ret = `>=${M}.${m}.0${z} <${M}.${+m + 1}.0-0`
      } else {
        ret = `>=${M}.${m}.0${z} <${+M + 1}.0.0-0`
      }
    } else if (pr) {
      debug('replaceCaret pr', pr)
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p}-${pr
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p}-${pr
        } <${+M + 1}.0.0-0`
      }
    } else {
      debug('no pr')
      if (M === '0') {
        if (m === '0') {
          ret = `>=${M}.${m}.${p
          } <${M}.${m}.${+p + 1}-0`
        } else {
          ret = `>=${M}.${m}.${p
          } <${M}.${+m + 1}.0-0`
        }
      } else {
        ret = `>=${M}.${m}.${p
        } <${+M + 1}.0.0-0`
      }
    }

    debug('caret return', ret)
    return ret
  })
}

const replaceXRanges = (comp, options) => {
  debug('replaceXRanges', comp, options)
  return comp
    .split(/\s+/)
    .map((c) => replaceXRange(c, options))
    .join(' ')
}

const replaceXRange = (comp, options) => {
  comp = comp.trim()
  const r = options.loose ? re[t.XRANGELOOSE] : re[t.XRANGE]
  return comp.replace(r, (ret, gtlt, M, m, p, pr) => {
    debug('xRange', comp, ret, gtlt, M, m, p, pr)
    if (invalidXRangeOrder(M, m, p)) {
      return comp
    }

    const xM = isX(M)
    const xm = xM || isX(m)
    const xp = xm || isX(p)
    const anyX = xp

    if (gtlt === '=' && anyX) {
      gtlt = ''
    }

    // if we're including prereleases in the match, then we need
    // to fix this to -0, the lowest possible prerelease value
    pr = options.includePrerelease ? '-0' : ''

    if (xM) {
      if (gtlt === '>' || gtlt === '<') {
        // nothing is allowed
        ret = '<0.0.0-0'
      } else {
        // nothing is forbidden
        ret = '*'
      }
    } else if (gtlt && anyX) {
      // we know patch is an x, because we have any x at all.
      // replace X with 0
      if (xm) {
        m = 0
      }
      p = 0

      if (gtlt === '>') {
        // >1 => >=2.0.0
        // >1.2 => >=1.3.0
        gtlt = '>='
        if (xm) {
          M = +M + 1
          m = 0
          p = 0
        } else {
          m = +m + 1
          p = 0
        }
      } else if (gtlt === '<=') {
        // <=0.7.x is actually <0.8.0, since any 0.7.x should
        // pass.  Similarly, <=7.x is actually <8.0.0, etc.
        gtlt = '<'
        if (xm) {
          M = +M + 1
        } else {
          m = +m + 1
        }
      }

      if (gtlt === '<') {
        pr = '-0'
      }

      ret = `${gtlt + M}.${m}.${p}${pr}`
    } else if (xm) {
      ret = `>=${M}.0.0${pr} <${+M + 1}.0.0-0`
    } else if (xp) {
      ret = `>=${M}.${m}.0${pr
      } <${M}.${+m + 1}.0-0`
    }

    debug('xRange return', ret)

    return ret
  })
}

// Because * is AND-ed with everything else in the comparator,
// and '' means "any version", just remove the *s entirely.
const replaceStars = (comp, options) => {
  debug('replaceStars', comp, options)
  // Looseness is ignored here.  star is always as loose as it gets!
  return comp
    .trim()
    .replace(re[t.STAR], '')
}

const replaceGTE0 = (comp, options) => {
  debug('replaceGTE0', comp, options)
  return comp
    .trim()
    .replace(re[options.includePrerelease ? t.GTE0PRE : t.GTE0], '')
}

// This function is passed to string.replace(re[t.HYPHENRANGE])
// M, m, patch, prerelease, build
// 1.2 - 3.4.5 => >=1.2.0 <=3.4.5
// 1.2.3 - 3.4 => >=1.2.0 <3.5.0-0 Any 3.4.x will do
// 1.2 - 3.4 => >=1.2.0 <3.5.0-0
// TODO build?
const hyphenReplace = incPr => ($0,
  from, fM, fm, fp, fpr, fb,
  to, tM, tm, tp, tpr) => {
  if (isX(fM)) {
    from = ''
  } else if (isX(fm)) {
    from = `>=${fM}.0.0${incPr ? '-0' : ''}`
  } else if (isX(fp)) {
    from = `>=${fM}.${fm}.0${incPr ? '-0' : ''}`
  } else if (fpr) {
    from = `>=${from}`
  } else {
    from = `>=${from}${incPr ? '-0' : ''}`
  }

  if (isX(tM)) {
    to = ''
  } else if (isX(tm)) {
    to = `<${+tM + 1}.0.0-0`
  } else if (isX(tp)) {
    to = `<${tM}.${+tm + 1}.0-0`
  } else if (tpr) {
    to = `<=${tM}.${tm}.${tp}-${tpr}`
  } else if (incPr) {
    to = `<${tM}.${tm}.${+tp + 1}-0`
  } else {
    to = `<=${to}`
  }

  return `${from} ${to}`.trim()
}

const testSet = (set, version, options) => {
  for (let i = 0; i < set.length; i++) {
    if (!set[i].test(version)) {
      return false
    }
  }

  if (version.prerelease.length && !options.includePrerelease) {
    // Find the set of versions that are allowed to have prereleases
    // For example, ^1.2.3-pr.1 desugars to >=1.2.3-pr.1 <2.0.0
    // That should allow `1.2.3-pr.2` to pass.
    // However, `1.2.4-alpha.notready` should NOT be allowed,
    // even though it's within the range set by the comparators.
    for (let i = 0; i < set.length; i++) {
      debug(set[i].semver)
      if (set[i].semver === Comparator.ANY) {
        continue
      }

      if (set[i].semver.prerelease.length > 0) {
        const allowed = set[i].semver
        if (allowed.major === version.major &&
            allowed.minor === version.minor &&
            allowed.patch === version.patch) {
          return true
        }
      }
    }

    // Version has a -pre, but it's not one of the ones we like.
    return false
  }

  return true
}


/***/ }),

/***/ 7163:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const debug = __nccwpck_require__(1159)
const { MAX_LENGTH, MAX_SAFE_INTEGER } = __nccwpck_require__(5101)
const { safeRe: re, t } = __nccwpck_require__(5471)

const parseOptions = __nccwpck_require__(356)
const { compareIdentifiers } = __nccwpck_require__(3348)

const isPrereleaseIdentifier = (prerelease, identifier) => {
  const identifiers = identifier.split('.')
  if (identifiers.length > prerelease.length) {
    return false
  }

  for (let i = 0; i < identifiers.length; i++) {
    if (compareIdentifiers(prerelease[i], identifiers[i]) !== 0) {
      return false
    }
  }

  return true
}

class SemVer {
  constructor (version, options) {
    options = parseOptions(options)

    if (version instanceof SemVer) {
      if (version.loose === !!options.loose &&
        version.includePrerelease === !!options.includePrerelease) {
        return version
      } else {
        version = version.version
      }
    } else if (typeof version !== 'string') {
      throw new TypeError(`Invalid version. Must be a string. Got type "${typeof version}".`)
    }

    if (version.length > MAX_LENGTH) {
      throw new TypeError(
        `version is longer than ${MAX_LENGTH} characters`
      )
    }

    debug('SemVer', version, options)
    this.options = options
    this.loose = !!options.loose
    // this isn't actually relevant for versions, but keep it so that we
    // don't run into trouble passing this.options around.
    this.includePrerelease = !!options.includePrerelease

    const m = version.trim().match(options.loose ? re[t.LOOSE] : re[t.FULL])

    if (!m) {
      throw new TypeError(`Invalid Version: ${version}`)
    }

    this.raw = version

    // these are actually numbers
    this.major = +m[1]
    this.minor = +m[2]
    this.patch = +m[3]

    if (this.major > MAX_SAFE_INTEGER || this.major < 0) {
      throw new TypeError('Invalid major version')
    }

    if (this.minor > MAX_SAFE_INTEGER || this.minor < 0) {
      throw new TypeError('Invalid minor version')
    }

    if (this.patch > MAX_SAFE_INTEGER || this.patch < 0) {
      throw new TypeError('Invalid patch version')
    }

    // numberify any prerelease numeric ids
    if (!m[4]) {
      this.prerelease = []
    } else {
      this.prerelease = m[4].split('.').map((id) => {
        if (/^[0-9]+$/.test(id)) {
          const num = +id
          if (num >= 0 && num < MAX_SAFE_INTEGER) {
            return num
          }
        }
        return id
      })
    }

    this.build = m[5] ? m[5].split('.') : []
    this.format()
  }

  format () {
    this.version = `${this.major}.${this.minor}.${this.patch}`
    if (this.prerelease.length) {
      this.version += `-${this.prerelease.join('.')}`
    }
    return this.version
  }

  toString () {
    return this.version
  }

  compare (other) {
    debug('SemVer.compare', this.version, this.options, other)
    if (!(other instanceof SemVer)) {
      if (typeof other === 'string' && other === this.version) {
        return 0
      }
      other = new SemVer(other, this.options)
    }

    if (other.version === this.version) {
      return 0
    }

    return this.compareMain(other) || this.comparePre(other)
  }

  compareMain (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    if (this.major < other.major) {
      return -1
    }
    if (this.major > other.major) {
      return 1
    }
    if (this.minor < other.minor) {
      return -1
    }
    if (this.minor > other.minor) {
      return 1
    }
    if (this.patch < other.patch) {
      return -1
    }
    if (this.patch > other.patch) {
      return 1
    }
    return 0
  }

  comparePre (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    // NOT having a prerelease is > having one
    if (this.prerelease.length && !other.prerelease.length) {
      return -1
    } else if (!this.prerelease.length && other.prerelease.length) {
      return 1
    } else if (!this.prerelease.length && !other.prerelease.length) {
      return 0
    }

    let i = 0
    do {
      const a = this.prerelease[i]
      const b = other.prerelease[i]
      debug('prerelease compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  compareBuild (other) {
    if (!(other instanceof SemVer)) {
      other = new SemVer(other, this.options)
    }

    let i = 0
    do {
      const a = this.build[i]
      const b = other.build[i]
      debug('build compare', i, a, b)
      if (a === undefined && b === undefined) {
        return 0
      } else if (b === undefined) {
        return 1
      } else if (a === undefined) {
        return -1
      } else if (a === b) {
        continue
      } else {
        return compareIdentifiers(a, b)
      }
    } while (++i)
  }

  // preminor will bump the version up to the next minor release, and immediately
  // down to pre-release. premajor and prepatch work the same way.
  inc (release, identifier, identifierBase) {
    if (release.startsWith('pre')) {
      if (!identifier && identifierBase === false) {
        throw new Error('invalid increment argument: identifier is empty')
      }
      // Avoid an invalid semver results
      if (identifier) {
        const match = `-${identifier}`.match(this.options.loose ? re[t.PRERELEASELOOSE] : re[t.PRERELEASE])
        if (!match || match[1] !== identifier) {
          throw new Error(`invalid identifier: ${identifier}`)
        }
      }
    }

    switch (release) {
      case 'premajor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor = 0
        this.major++
        this.inc('pre', identifier, identifierBase)
        break
      case 'preminor':
        this.prerelease.length = 0
        this.patch = 0
        this.minor++
        this.inc('pre', identifier, identifierBase)
        break
      case 'prepatch':
        // If this is already a prerelease, it will bump to the next version
        // drop any prereleases that might already exist, since they are not
        // relevant at this point.
        this.prerelease.length = 0
        this.inc('patch', identifier, identifierBase)
        this.inc('pre', identifier, identifierBase)
        break
      // If the input is a non-prerelease version, this acts the same as
      // prepatch.
      case 'prerelease':
        if (this.prerelease.length === 0) {
          this.inc('patch', identifier, identifierBase)
        }
        this.inc('pre', identifier, identifierBase)
        break
      case 'release':
        if (this.prerelease.length === 0) {
          throw new Error(`version ${this.raw} is not a prerelease`)
        }
        this.prerelease.length = 0
        break

      case 'major':
        // If this is a pre-major version, bump up to the same major version.
        // Otherwise increment major.
        // 1.0.0-5 bumps to 1.0.0
        // 1.1.0 bumps to 2.0.0
        if (
          this.minor !== 0 ||
          this.patch !== 0 ||
          this.prerelease.length === 0
        ) {
          this.major++
        }
        this.minor = 0
        this.patch = 0
        this.prerelease = []
        break
      case 'minor':
        // If this is a pre-minor version, bump up to the same minor version.
        // Otherwise increment minor.
        // 1.2.0-5 bumps to 1.2.0
        // 1.2.1 bumps to 1.3.0
        if (this.patch !== 0 || this.prerelease.length === 0) {
          this.minor++
        }
        this.patch = 0
        this.prerelease = []
        break
      case 'patch':
        // If this is not a pre-release version, it will increment the patch.
        // If it is a pre-release it will bump up to the same patch version.
        // 1.2.0-5 patches to 1.2.0
        // 1.2.0 patches to 1.2.1
        if (this.prerelease.length === 0) {
          this.patch++
        }
        this.prerelease = []
        break
      // This probably shouldn't be used publicly.
      // 1.0.0 'pre' would become 1.0.0-0 which is the wrong direction.
      case 'pre': {
        const base = Number(identifierBase) ? 1 : 0

        if (this.prerelease.length === 0) {
          this.prerelease = [base]
        } else {
          let i = this.prerelease.length
          while (--i >= 0) {
            if (typeof this.prerelease[i] === 'number') {
              this.prerelease[i]++
              i = -2
            }
          }
          if (i === -1) {
            // didn't increment anything
            if (identifier === this.prerelease.join('.') && identifierBase === false) {
              throw new Error('invalid increment argument: identifier already exists')
            }
            this.prerelease.push(base)
          }
        }
        if (identifier) {
          // 1.2.0-beta.1 bumps to 1.2.0-beta.2,
          // 1.2.0-beta.fooblz or 1.2.0-beta bumps to 1.2.0-beta.0
          let prerelease = [identifier, base]
          if (identifierBase === false) {
            prerelease = [identifier]
          }
          if (isPrereleaseIdentifier(this.prerelease, identifier)) {
            const prereleaseBase = this.prerelease[identifier.split('.').length]
            if (isNaN(prereleaseBase)) {
              this.prerelease = prerelease
            }
          } else {
            this.prerelease = prerelease
          }
        }
        break
      }
      default:
        throw new Error(`invalid increment argument: ${release}`)
    }
    this.raw = this.format()
    if (this.build.length) {
      this.raw += `+${this.build.join('.')}`
    }
    return this
  }
}

module.exports = SemVer


/***/ }),

/***/ 1799:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const clean = (version, options) => {
  const s = parse(version.trim().replace(/^[=v]+/, ''), options)
  return s ? s.version : null
}
module.exports = clean


/***/ }),

/***/ 8646:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gt = __nccwpck_require__(6599)
const gte = __nccwpck_require__(1236)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)

const cmp = (a, op, b, loose) => {
  switch (op) {
    case '===':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a === b

    case '!==':
      if (typeof a === 'object') {
        a = a.version
      }
      if (typeof b === 'object') {
        b = b.version
      }
      return a !== b

    case '':
    case '=':
    case '==':
      return eq(a, b, loose)

    case '!=':
      return neq(a, b, loose)

    case '>':
      return gt(a, b, loose)

    case '>=':
      return gte(a, b, loose)

    case '<':
      return lt(a, b, loose)

    case '<=':
      return lte(a, b, loose)

    default:
      throw new TypeError(`Invalid operator: ${op}`)
  }
}
module.exports = cmp


/***/ }),

/***/ 5385:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = __nccwpck_require__(6353)
const { safeRe: re, t } = __nccwpck_require__(5471)

const coerce = (version, options) => {
  if (version instanceof SemVer) {
    return version
  }

  if (typeof version === 'number') {
    version = String(version)
  }

  if (typeof version !== 'string') {
    return null
  }

  options = options || {}

  let match = null
  if (!options.rtl) {
    match = version.match(options.includePrerelease ? re[t.COERCEFULL] : re[t.COERCE])
  } else {
    // Find the right-most coercible string that does not share
    // a terminus with a more left-ward coercible string.
    // Eg, '1.2.3.4' wants to coerce '2.3.4', not '3.4' or '4'
    // With includePrerelease option set, '1.2.3.4-rc' wants to coerce '2.3.4-rc', not '2.3.4'
    //
    // Walk through the string checking with a /g regexp
    // Manually set the index so as to pick up overlapping matches.
    // Stop when we get a match that ends at the string end, since no
    // coercible string can be more right-ward without the same terminus.
    const coerceRtlRegex = options.includePrerelease ? re[t.COERCERTLFULL] : re[t.COERCERTL]
    let next
    while ((next = coerceRtlRegex.exec(version)) &&
        (!match || match.index + match[0].length !== version.length)
    ) {
      if (!match ||
            next.index + next[0].length !== match.index + match[0].length) {
        match = next
      }
      coerceRtlRegex.lastIndex = next.index + next[1].length + next[2].length
    }
    // leave it in a clean state
    coerceRtlRegex.lastIndex = -1
  }

  if (match === null) {
    return null
  }

  const major = match[2]
  const minor = match[3] || '0'
  const patch = match[4] || '0'
  const prerelease = options.includePrerelease && match[5] ? `-${match[5]}` : ''
  const build = options.includePrerelease && match[6] ? `+${match[6]}` : ''

  return parse(`${major}.${minor}.${patch}${prerelease}${build}`, options)
}
module.exports = coerce


/***/ }),

/***/ 7648:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compareBuild = (a, b, loose) => {
  const versionA = new SemVer(a, loose)
  const versionB = new SemVer(b, loose)
  return versionA.compare(versionB) || versionA.compareBuild(versionB)
}
module.exports = compareBuild


/***/ }),

/***/ 6874:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const compareLoose = (a, b) => compare(a, b, true)
module.exports = compareLoose


/***/ }),

/***/ 8469:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const compare = (a, b, loose) =>
  new SemVer(a, loose).compare(new SemVer(b, loose))

module.exports = compare


/***/ }),

/***/ 711:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)

const diff = (version1, version2) => {
  const v1 = parse(version1, null, true)
  const v2 = parse(version2, null, true)
  const comparison = v1.compare(v2)

  if (comparison === 0) {
    return null
  }

  const v1Higher = comparison > 0
  const highVersion = v1Higher ? v1 : v2
  const lowVersion = v1Higher ? v2 : v1
  const highHasPre = !!highVersion.prerelease.length
  const lowHasPre = !!lowVersion.prerelease.length

  if (lowHasPre && !highHasPre) {
    // Going from prerelease -> no prerelease requires some special casing

    // If the low version has only a major, then it will always be a major
    // Some examples:
    // 1.0.0-1 -> 1.0.0
    // 1.0.0-1 -> 1.1.1
    // 1.0.0-1 -> 2.0.0
    if (!lowVersion.patch && !lowVersion.minor) {
      return 'major'
    }

    // If the main part has no difference
    if (lowVersion.compareMain(highVersion) === 0) {
      if (lowVersion.minor && !lowVersion.patch) {
        return 'minor'
      }
      return 'patch'
    }
  }

  // add the `pre` prefix if we are going to a prerelease version
  const prefix = highHasPre ? 'pre' : ''

  if (v1.major !== v2.major) {
    return prefix + 'major'
  }

  if (v1.minor !== v2.minor) {
    return prefix + 'minor'
  }

  if (v1.patch !== v2.patch) {
    return prefix + 'patch'
  }

  // high and low are prereleases
  return 'prerelease'
}

module.exports = diff


/***/ }),

/***/ 5082:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const eq = (a, b, loose) => compare(a, b, loose) === 0
module.exports = eq


/***/ }),

/***/ 6599:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gt = (a, b, loose) => compare(a, b, loose) > 0
module.exports = gt


/***/ }),

/***/ 1236:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const gte = (a, b, loose) => compare(a, b, loose) >= 0
module.exports = gte


/***/ }),

/***/ 2338:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)

const inc = (version, release, options, identifier, identifierBase) => {
  if (typeof (options) === 'string') {
    identifierBase = identifier
    identifier = options
    options = undefined
  }

  try {
    return new SemVer(
      version instanceof SemVer ? version.version : version,
      options
    ).inc(release, identifier, identifierBase).version
  } catch (er) {
    return null
  }
}
module.exports = inc


/***/ }),

/***/ 3872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lt = (a, b, loose) => compare(a, b, loose) < 0
module.exports = lt


/***/ }),

/***/ 6717:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const lte = (a, b, loose) => compare(a, b, loose) <= 0
module.exports = lte


/***/ }),

/***/ 8511:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const major = (a, loose) => new SemVer(a, loose).major
module.exports = major


/***/ }),

/***/ 2603:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const minor = (a, loose) => new SemVer(a, loose).minor
module.exports = minor


/***/ }),

/***/ 4974:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const neq = (a, b, loose) => compare(a, b, loose) !== 0
module.exports = neq


/***/ }),

/***/ 6353:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const parse = (version, options, throwErrors = false) => {
  if (version instanceof SemVer) {
    return version
  }
  try {
    return new SemVer(version, options)
  } catch (er) {
    if (!throwErrors) {
      return null
    }
    throw er
  }
}

module.exports = parse


/***/ }),

/***/ 8756:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const patch = (a, loose) => new SemVer(a, loose).patch
module.exports = patch


/***/ }),

/***/ 5714:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const prerelease = (version, options) => {
  const parsed = parse(version, options)
  return (parsed && parsed.prerelease.length) ? parsed.prerelease : null
}
module.exports = prerelease


/***/ }),

/***/ 2173:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compare = __nccwpck_require__(8469)
const rcompare = (a, b, loose) => compare(b, a, loose)
module.exports = rcompare


/***/ }),

/***/ 7192:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const rsort = (list, loose) => list.sort((a, b) => compareBuild(b, a, loose))
module.exports = rsort


/***/ }),

/***/ 8011:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const satisfies = (version, range, options) => {
  try {
    range = new Range(range, options)
  } catch (er) {
    return false
  }
  return range.test(version)
}
module.exports = satisfies


/***/ }),

/***/ 9872:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const compareBuild = __nccwpck_require__(7648)
const sort = (list, loose) => list.sort((a, b) => compareBuild(a, b, loose))
module.exports = sort


/***/ }),

/***/ 6114:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)

const truncate = (version, truncation, options) => {
  if (!constants.RELEASE_TYPES.includes(truncation)) {
    return null
  }

  const clonedVersion = cloneInputVersion(version, options)
  return clonedVersion && doTruncation(clonedVersion, truncation)
}

const cloneInputVersion = (version, options) => {
  const versionStringToParse = (
    version instanceof SemVer ? version.version : version
  )

  return parse(versionStringToParse, options)
}

const doTruncation = (version, truncation) => {
  if (isPrerelease(truncation)) {
    return version.version
  }

  version.prerelease = []

  switch (truncation) {
    case 'major':
      version.minor = 0
      version.patch = 0
      break
    case 'minor':
      version.patch = 0
      break
  }

  return version.format()
}

const isPrerelease = (type) => {
  return type.startsWith('pre')
}

module.exports = truncate


/***/ }),

/***/ 8780:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const parse = __nccwpck_require__(6353)
const valid = (version, options) => {
  const v = parse(version, options)
  return v ? v.version : null
}
module.exports = valid


/***/ }),

/***/ 2088:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// just pre-load all the stuff that index.js lazily exports
const internalRe = __nccwpck_require__(5471)
const constants = __nccwpck_require__(5101)
const SemVer = __nccwpck_require__(7163)
const identifiers = __nccwpck_require__(3348)
const parse = __nccwpck_require__(6353)
const valid = __nccwpck_require__(8780)
const clean = __nccwpck_require__(1799)
const inc = __nccwpck_require__(2338)
const diff = __nccwpck_require__(711)
const major = __nccwpck_require__(8511)
const minor = __nccwpck_require__(2603)
const patch = __nccwpck_require__(8756)
const prerelease = __nccwpck_require__(5714)
const compare = __nccwpck_require__(8469)
const rcompare = __nccwpck_require__(2173)
const compareLoose = __nccwpck_require__(6874)
const compareBuild = __nccwpck_require__(7648)
const sort = __nccwpck_require__(9872)
const rsort = __nccwpck_require__(7192)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const eq = __nccwpck_require__(5082)
const neq = __nccwpck_require__(4974)
const gte = __nccwpck_require__(1236)
const lte = __nccwpck_require__(6717)
const cmp = __nccwpck_require__(8646)
const coerce = __nccwpck_require__(5385)
const truncate = __nccwpck_require__(6114)
const Comparator = __nccwpck_require__(9379)
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const toComparators = __nccwpck_require__(4750)
const maxSatisfying = __nccwpck_require__(3193)
const minSatisfying = __nccwpck_require__(8595)
const minVersion = __nccwpck_require__(1866)
const validRange = __nccwpck_require__(4737)
const outside = __nccwpck_require__(280)
const gtr = __nccwpck_require__(2276)
const ltr = __nccwpck_require__(5213)
const intersects = __nccwpck_require__(3465)
const simplifyRange = __nccwpck_require__(2028)
const subset = __nccwpck_require__(1489)
module.exports = {
  parse,
  valid,
  clean,
  inc,
  diff,
  major,
  minor,
  patch,
  prerelease,
  compare,
  rcompare,
  compareLoose,
  compareBuild,
  sort,
  rsort,
  gt,
  lt,
  eq,
  neq,
  gte,
  lte,
  cmp,
  coerce,
  truncate,
  Comparator,
  Range,
  satisfies,
  toComparators,
  maxSatisfying,
  minSatisfying,
  minVersion,
  validRange,
  outside,
  gtr,
  ltr,
  intersects,
  simplifyRange,
  subset,
  SemVer,
  re: internalRe.re,
  src: internalRe.src,
  tokens: internalRe.t,
  SEMVER_SPEC_VERSION: constants.SEMVER_SPEC_VERSION,
  RELEASE_TYPES: constants.RELEASE_TYPES,
  compareIdentifiers: identifiers.compareIdentifiers,
  rcompareIdentifiers: identifiers.rcompareIdentifiers,
}


/***/ }),

/***/ 5101:
/***/ ((module) => {



// Note: this is the semver.org version of the spec that it implements
// Not necessarily the package version of this code.
const SEMVER_SPEC_VERSION = '2.0.0'

const MAX_LENGTH = 256
const MAX_SAFE_INTEGER = Number.MAX_SAFE_INTEGER ||
/* istanbul ignore next */ 9007199254740991

// Max safe segment length for coercion.
const MAX_SAFE_COMPONENT_LENGTH = 16

// Max safe length for a build identifier. The max length minus 6 characters for
// the shortest version with a build 0.0.0+BUILD.
const MAX_SAFE_BUILD_LENGTH = MAX_LENGTH - 6

// ECMAScript whitespace and line terminators matched by \s.
const WHITESPACE_CHARACTERS = [
  '\t',
  '\n',
  '\v',
  '\f',
  '\r',
  ' ',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u2001',
  '\u2002',
  '\u2003',
  '\u2004',
  '\u2005',
  '\u2006',
  '\u2007',
  '\u2008',
  '\u2009',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
  '\ufeff',
]

const RELEASE_TYPES = [
  'major',
  'premajor',
  'minor',
  'preminor',
  'patch',
  'prepatch',
  'prerelease',
]

module.exports = {
  MAX_LENGTH,
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_SAFE_INTEGER,
  WHITESPACE_CHARACTERS,
  RELEASE_TYPES,
  SEMVER_SPEC_VERSION,
  FLAG_INCLUDE_PRERELEASE: 0b001,
  FLAG_LOOSE: 0b010,
}


/***/ }),

/***/ 1159:
/***/ ((module) => {



const debug = (
  typeof process === 'object' &&
  process.env &&
  process.env.NODE_DEBUG &&
  /\bsemver\b/i.test(process.env.NODE_DEBUG)
) ? (...args) => console.error('SEMVER', ...args)
  : () => {}

module.exports = debug


/***/ }),

/***/ 3348:
/***/ ((module) => {



const numeric = /^[0-9]+$/
const compareIdentifiers = (a, b) => {
  if (typeof a === 'number' && typeof b === 'number') {
    return a === b ? 0 : a < b ? -1 : 1
  }

  const anum = numeric.test(a)
  const bnum = numeric.test(b)

  if (anum && bnum) {
    a = +a
    b = +b
  }

  return a === b ? 0
    : (anum && !bnum) ? -1
    : (bnum && !anum) ? 1
    : a < b ? -1
    : 1
}

const rcompareIdentifiers = (a, b) => compareIdentifiers(b, a)

module.exports = {
  compareIdentifiers,
  rcompareIdentifiers,
}


/***/ }),

/***/ 1383:
/***/ ((module) => {



class LRUCache {
  constructor () {
    this.max = 1000
    this.map = new Map()
  }

  get (key) {
    const value = this.map.get(key)
    if (value === undefined) {
      return undefined
    } else {
      // Remove the key from the map and add it to the end
      this.map.delete(key)
      this.map.set(key, value)
      return value
    }
  }

  delete (key) {
    return this.map.delete(key)
  }

  set (key, value) {
    const deleted = this.delete(key)

    if (!deleted && value !== undefined) {
      // If cache is full, delete the least recently used item
      if (this.map.size >= this.max) {
        const firstKey = this.map.keys().next().value
        this.delete(firstKey)
      }

      this.map.set(key, value)
    }

    return this
  }
}

module.exports = LRUCache


/***/ }),

/***/ 356:
/***/ ((module) => {



// parse out just the options we care about
const looseOption = Object.freeze({ loose: true })
const emptyOpts = Object.freeze({ })
const parseOptions = options => {
  if (!options) {
    return emptyOpts
  }

  if (typeof options !== 'object') {
    return looseOption
  }

  return options
}
module.exports = parseOptions


/***/ }),

/***/ 5471:
/***/ ((module, exports, __nccwpck_require__) => {



const {
  MAX_SAFE_COMPONENT_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  MAX_LENGTH,
} = __nccwpck_require__(5101)
const debug = __nccwpck_require__(1159)
exports = module.exports = {}

// The actual regexps go on exports.re
const re = exports.re = []
const safeRe = exports.safeRe = []
const src = exports.src = []
const safeSrc = exports.safeSrc = []
const t = exports.t = {}
let R = 0

const LETTERDASHNUMBER = '[a-zA-Z0-9-]'

// Replace some greedy regex tokens to prevent regex dos issues. These regex are
// used internally via the safeRe object since all inputs in this library get
// normalized first to trim and collapse all extra whitespace. The original
// regexes are exported for userland consumption and lower level usage. A
// future breaking change could export the safer regex only with a note that
// all input should have extra whitespace removed.
const safeRegexReplacements = [
  ['\\s', 1],
  ['\\d', MAX_LENGTH],
  [LETTERDASHNUMBER, MAX_SAFE_BUILD_LENGTH],
]

const makeSafeRegex = (value) => {
  for (const [token, max] of safeRegexReplacements) {
    value = value
      .split(`${token}*`).join(`${token}{0,${max}}`)
      .split(`${token}+`).join(`${token}{1,${max}}`)
  }
  return value
}

const createToken = (name, value, isGlobal) => {
  const safe = makeSafeRegex(value)
  const index = R++
  debug(name, index, value)
  t[name] = index
  src[index] = value
  safeSrc[index] = safe
  re[index] = new RegExp(value, isGlobal ? 'g' : undefined)
  safeRe[index] = new RegExp(safe, isGlobal ? 'g' : undefined)
}

// The following Regular Expressions can be used for tokenizing,
// validating, and parsing SemVer version strings.

// ## Numeric Identifier
// A single `0`, or a non-zero digit followed by zero or more digits.

createToken('NUMERICIDENTIFIER', '0|[1-9]\\d*')
createToken('NUMERICIDENTIFIERLOOSE', '\\d+')

// ## Non-numeric Identifier
// Zero or more digits, followed by a letter or hyphen, and then zero or
// more letters, digits, or hyphens.

createToken('NONNUMERICIDENTIFIER', `\\d*[a-zA-Z-]${LETTERDASHNUMBER}*`)

// ## Main Version
// Three dot-separated numeric identifiers.

createToken('MAINVERSION', `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})\\.` +
                   `(${src[t.NUMERICIDENTIFIER]})`)

createToken('MAINVERSIONLOOSE', `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})\\.` +
                        `(${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version Identifier
// A numeric identifier, or a non-numeric identifier.
// Non-numeric identifiers include numeric identifiers but can be longer.
// Therefore non-numeric identifiers must go first.

createToken('PRERELEASEIDENTIFIER', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIER]})`)

createToken('PRERELEASEIDENTIFIERLOOSE', `(?:${src[t.NONNUMERICIDENTIFIER]
}|${src[t.NUMERICIDENTIFIERLOOSE]})`)

// ## Pre-release Version
// Hyphen, followed by one or more dot-separated pre-release version
// identifiers.

createToken('PRERELEASE', `(?:-(${src[t.PRERELEASEIDENTIFIER]
}(?:\\.${src[t.PRERELEASEIDENTIFIER]})*))`)

createToken('PRERELEASELOOSE', `(?:-?(${src[t.PRERELEASEIDENTIFIERLOOSE]
}(?:\\.${src[t.PRERELEASEIDENTIFIERLOOSE]})*))`)

// ## Build Metadata Identifier
// Any combination of digits, letters, or hyphens.

createToken('BUILDIDENTIFIER', `${LETTERDASHNUMBER}+`)

// ## Build Metadata
// Plus sign, followed by one or more period-separated build metadata
// identifiers.

createToken('BUILD', `(?:\\+(${src[t.BUILDIDENTIFIER]
}(?:\\.${src[t.BUILDIDENTIFIER]})*))`)

// ## Full Version String
// A main version, followed optionally by a pre-release version and
// build metadata.

// Note that the only major, minor, patch, and pre-release sections of
// the version string are capturing groups.  The build metadata is not a
// capturing group, because it should not ever be used in version
// comparison.

createToken('FULLPLAIN', `v?${src[t.MAINVERSION]
}${src[t.PRERELEASE]}?${
  src[t.BUILD]}?`)

createToken('FULL', `^${src[t.FULLPLAIN]}$`)

// like full, but allows v1.2.3 and =1.2.3, which people do sometimes.
// also, 1.0.0alpha1 (prerelease without the hyphen) which is pretty
// common in the npm registry.
createToken('LOOSEPLAIN', `[v=\\s]*${src[t.MAINVERSIONLOOSE]
}${src[t.PRERELEASELOOSE]}?${
  src[t.BUILD]}?`)

createToken('LOOSE', `^${src[t.LOOSEPLAIN]}$`)

createToken('GTLT', '((?:<|>)?=?)')

// Something like "2.*" or "1.2.x".
// Note that "x.x" is a valid xRange identifier, meaning "any version"
// Only the first item is strictly required.
createToken('XRANGEIDENTIFIERLOOSE', `${src[t.NUMERICIDENTIFIERLOOSE]}|x|X|\\*`)
createToken('XRANGEIDENTIFIER', `${src[t.NUMERICIDENTIFIER]}|x|X|\\*`)

createToken('XRANGEPLAIN', `[v=\\s]*(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:\\.(${src[t.XRANGEIDENTIFIER]})` +
                   `(?:${src[t.PRERELEASE]})?${
                     src[t.BUILD]}?` +
                   `)?)?`)

createToken('XRANGEPLAINLOOSE', `[v=\\s]*(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:\\.(${src[t.XRANGEIDENTIFIERLOOSE]})` +
                        `(?:${src[t.PRERELEASELOOSE]})?${
                          src[t.BUILD]}?` +
                        `)?)?`)

createToken('XRANGE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAIN]}$`)
createToken('XRANGELOOSE', `^${src[t.GTLT]}\\s*${src[t.XRANGEPLAINLOOSE]}$`)

// Coercion.
// Extract anything that could conceivably be a part of a valid semver
createToken('COERCEPLAIN', `${'(^|[^\\d])' +
              '(\\d{1,'}${MAX_SAFE_COMPONENT_LENGTH}})` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?` +
              `(?:\\.(\\d{1,${MAX_SAFE_COMPONENT_LENGTH}}))?`)
createToken('COERCE', `${src[t.COERCEPLAIN]}(?:$|[^\\d])`)
createToken('COERCEFULL', src[t.COERCEPLAIN] +
              `(?:${src[t.PRERELEASE]})?` +
              `(?:${src[t.BUILD]})?` +
              `(?:$|[^\\d])`)
createToken('COERCERTL', src[t.COERCE], true)
createToken('COERCERTLFULL', src[t.COERCEFULL], true)

// Tilde ranges.
// Meaning is "reasonably at or greater than"
createToken('LONETILDE', '(?:~>?)')

createToken('TILDETRIM', `(\\s*)${src[t.LONETILDE]}\\s+`, true)
exports.tildeTrimReplace = '$1~'

createToken('TILDE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAIN]}$`)
createToken('TILDELOOSE', `^${src[t.LONETILDE]}${src[t.XRANGEPLAINLOOSE]}$`)

// Caret ranges.
// Meaning is "at least and backwards compatible with"
createToken('LONECARET', '(?:\\^)')

createToken('CARETTRIM', `(\\s*)${src[t.LONECARET]}\\s+`, true)
exports.caretTrimReplace = '$1^'

createToken('CARET', `^${src[t.LONECARET]}${src[t.XRANGEPLAIN]}$`)
createToken('CARETLOOSE', `^${src[t.LONECARET]}${src[t.XRANGEPLAINLOOSE]}$`)

// A simple gt/lt/eq thing, or just "" to indicate "any version"
createToken('COMPARATORLOOSE', `^${src[t.GTLT]}\\s*(${src[t.LOOSEPLAIN]})$|^$`)
createToken('COMPARATOR', `^${src[t.GTLT]}\\s*(${src[t.FULLPLAIN]})$|^$`)

// An expression to strip any whitespace between the gtlt and the thing
// it modifies, so that `> 1.2.3` ==> `>1.2.3`
createToken('COMPARATORTRIM', `(\\s*)${src[t.GTLT]
}\\s*(${src[t.LOOSEPLAIN]}|${src[t.XRANGEPLAIN]})`, true)
exports.comparatorTrimReplace = '$1$2$3'

// Something like `1.2.3 - 1.2.4`
// Note that these all use the loose form, because they'll be
// checked against either the strict or loose comparator form
// later.
createToken('HYPHENRANGE', `^\\s*(${src[t.XRANGEPLAIN]})` +
                   `\\s+-\\s+` +
                   `(${src[t.XRANGEPLAIN]})` +
                   `\\s*$`)

createToken('HYPHENRANGELOOSE', `^\\s*(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s+-\\s+` +
                        `(${src[t.XRANGEPLAINLOOSE]})` +
                        `\\s*$`)

// Star ranges basically just allow anything at all.
createToken('STAR', '(<|>)?=?\\s*\\*')
// >=0.0.0 is like a star
createToken('GTE0', '^\\s*>=\\s*0\\.0\\.0\\s*$')
createToken('GTE0PRE', '^\\s*>=\\s*0\\.0\\.0-0\\s*$')


/***/ }),

/***/ 9737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

// @ts-check


// Reproduce safeRe[COMPARATORTRIM] replacement boundaries, not version
// validation. Each end-index finder returns an exclusive end, or its start
// on no match.
// Positions count from zero. An end of 3 means characters 0, 1, and 2 were read;
// range.slice(start, end) gives the matched text, not a converted number.
const {
  MAX_LENGTH,
  MAX_SAFE_BUILD_LENGTH,
  WHITESPACE_CHARACTERS,
} = __nccwpck_require__(5101)

/**
 * Remembers the last two rows of digits so their characters need not be reread.
 * Positions start at -1 until a row has been found.
 *
 * @typedef {object} DigitRunCache
 * @property {number} start The first character of the most recently found row.
 * @property {number} end The position after that row's last character.
 * @property {number} previousStart The first character of the previous row.
 * @property {number} previousEnd The position after the previous row.
 */

// One entry per UTF-16 code unit keeps membership checks constant-time.
const whitespace = new Uint8Array(0x10000)
for (const char of WHITESPACE_CHARACTERS) {
  whitespace[char.charCodeAt(0)] = 1
}

/**
 * Checks whether a character is whitespace, like a space, tab, or newline.
 * Looking past the end of the string returns false.
 *
 * @param {string|undefined} char One character, or undefined past the string's end.
 * @returns {boolean} Whether the character is whitespace.
 * @example isWhitespace(' ') // true
 * @example isWhitespace('1') // false
 */
const isWhitespace = char =>
  char !== undefined && whitespace[char.charCodeAt(0)] === 1

/**
 * Checks for v, =, or whitespace before the version number.
 * These are historical version prefixes, not range operators:
 * < and > are handled separately, as are tilde and caret ranges.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can belong to a version prefix.
 * @example isVersionPrefix('=') // true
 * @example isVersionPrefix('>') // false
 */
const isVersionPrefix = char =>
  char === 'v' ||
  char === '=' ||
  isWhitespace(char)

/**
 * Checks whether a character is one of the digits 0 through 9.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII digit.
 * @example isDigit('7') // true
 * @example isDigit('.') // false
 */
const isDigit = char => char !== undefined && char >= '0' && char <= '9'

/**
 * Checks whether a character is an English letter, uppercase or lowercase.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character is an ASCII letter.
 * @example isLetter('b') // true
 * @example isLetter('7') // false
 */
const isLetter = char =>
  char !== undefined && (
    (char >= 'a' && char <= 'z') ||
    (char >= 'A' && char <= 'Z')
  )

/**
 * Checks for a letter, digit, or hyphen: the characters allowed inside
 * prerelease and build names such as beta-1.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether the character can be part of an identifier.
 * @example isIdentifierCharacter('-') // true
 * @example isIdentifierCharacter('.') // false; dots separate identifiers
 */
const isIdentifierCharacter = char => isDigit(char) || isLetter(char) || char === '-'

/**
 * Checks whether a version component can begin here: with a digit or
 * a wildcard such as x, X, or *.
 *
 * @param {string|undefined} char One character to check.
 * @returns {boolean} Whether a number or wildcard can start with this character.
 * @example isVersionStart('x') // true
 * @example isVersionStart('v') // false; v belongs to the prefix
 */
const isVersionStart = char =>
  isDigit(char) ||
  char === 'x' ||
  char === 'X' ||
  char === '*'

/**
 * Finds the end of a row of digits, but returns no more than limit digits.
 * Remembers the last two rows so looking at them again does not reread them.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first character to check.
 * @param {number} limit The most digit characters the returned match can include.
 * @param {DigitRunCache} digitRuns Shared cache of digit-run positions, updated in place.
 * @returns {number} The position after the matched digits, or start if none match.
 * @example findDigitsEndIndex('123abc', 0, 10, digitRuns) // 3, pointing at a
 * @example findDigitsEndIndex('123abc', 0, 2, digitRuns) // 2, pointing at the unread 3
 */
const findDigitsEndIndex = (range, start, limit, digitRuns) => {
  if (!isDigit(range[start])) {
    return start
  }
  if (start >= digitRuns.start && start < digitRuns.end) {
    return Math.min(start + limit, digitRuns.end)
  }
  if (start >= digitRuns.previousStart && start < digitRuns.previousEnd) {
    return Math.min(start + limit, digitRuns.previousEnd)
  }
  let end = start + 1
  while (isDigit(range[end])) {
    end++
  }
  // A failed full version can rewind from its second run to its first.
  digitRuns.previousStart = digitRuns.start
  digitRuns.previousEnd = digitRuns.end
  digitRuns.start = start
  digitRuns.end = end
  return Math.min(start + limit, end)
}

/**
 * Reads a number using the old regex's length and leading-zero rules.
 * Strict mode reads just the first zero in 012; loose mode can read all three.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the number should begin.
 * @param {boolean} loose Whether to allow leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched digits, not their numeric value.
 * @example findVersionNumberEndIndex('012', 0, false, digitRuns) // 1
 * @example findVersionNumberEndIndex('012', 0, true, digitRuns) // 3
 */
const findVersionNumberEndIndex = (range, start, loose, digitRuns) => {
  if (!loose && range[start] === '0') {
    return start + 1
  }
  // Strict syntax allows an initial nonzero digit plus MAX_LENGTH digits.
  return findDigitsEndIndex(range, start, loose ? MAX_LENGTH : MAX_LENGTH + 1, digitRuns)
}

/**
 * Reads one piece of a prerelease name, such as beta or 1 in beta.1.
 * Tries the letter-or-hyphen form first, then the number-only form.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @param {boolean} loose Whether numeric identifiers may have leading zeros.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findPrereleaseIdentifierEndIndex('beta.1', 0, false, digitRuns) // 4, at the dot
 * @example findPrereleaseIdentifierEndIndex('001beta', 0, false, digitRuns) // 7
 */
const findPrereleaseIdentifierEndIndex = (range, start, loose, digitRuns) => {
  const digitsEnd = findDigitsEndIndex(range, start, MAX_LENGTH, digitRuns)
  // The legacy regex tries a nonnumeric identifier before a numeric one.
  if (isLetter(range[digitsEnd]) || range[digitsEnd] === '-') {
    let end = digitsEnd + 1
    const limit = end + MAX_SAFE_BUILD_LENGTH
    while (end < limit && isIdentifierCharacter(range[end])) {
      end++
    }
    return end
  }
  return findVersionNumberEndIndex(range, start, loose, digitRuns)
}

/**
 * Reads a prerelease suffix such as -beta.1, one dot-separated piece at a time.
 * Loose mode also allows the name without its opening hyphen.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the suffix should begin, including -.
 * @param {boolean} loose Whether the opening hyphen is optional and zeros allowed.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched suffix, or start if absent.
 * @example findPrereleaseEndIndex('-beta.1+sha', 0, false, digitRuns) // 7, at the plus
 * @example findPrereleaseEndIndex('beta', 0, false, digitRuns) // 0; no opening hyphen
 */
const findPrereleaseEndIndex = (range, start, loose, digitRuns) => {
  const hyphen = range[start] === '-'
  if (!loose && !hyphen) {
    return start
  }
  const identifierStart = start + (hyphen ? 1 : 0)
  let end = findPrereleaseIdentifierEndIndex(range, identifierStart, loose, digitRuns)
  if (end === identifierStart) {
    if (!loose || !hyphen) {
      return start
    }
    // In loose syntax, a lone hyphen can itself be the identifier.
    end = findPrereleaseIdentifierEndIndex(range, start, loose, digitRuns)
  }
  while (range[end] === '.') {
    const next = findPrereleaseIdentifierEndIndex(range, end + 1, loose, digitRuns)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads one build-name piece, such as sha or 123 in +sha.123.
 * Stops at a disallowed character or the old regex's length limit.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the identifier should begin.
 * @returns {number} The position after the identifier, or start if none matches.
 * @example findBuildIdentifierEndIndex('sha.123', 0) // 3, at the dot
 * @example findBuildIdentifierEndIndex('001', 0) // 3; leading zeros are allowed
 */
const findBuildIdentifierEndIndex = (range, start) => {
  let end = start
  while (end - start < MAX_SAFE_BUILD_LENGTH && isIdentifierCharacter(range[end])) {
    end++
  }
  return end
}

/**
 * Reads optional build metadata such as +sha.123.
 * Leaves the position unchanged if there is no plus sign followed by a name.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the opening + should be.
 * @returns {number} The position after the matched metadata, or start if absent.
 * @example findBuildEndIndex('+sha.123 <2', 0) // 8, at the space
 * @example findBuildEndIndex('+', 0) // 0; a plus sign alone is not a match
 */
const findBuildEndIndex = (range, start) => {
  if (range[start] !== '+') {
    return start
  }
  let end = findBuildIdentifierEndIndex(range, start + 1)
  if (end === start + 1) {
    return start
  }
  while (range[end] === '.') {
    const next = findBuildIdentifierEndIndex(range, end + 1)
    if (next === end + 1) {
      break
    }
    end = next
  }
  return end
}

/**
 * Reads three numbers separated by dots, then any prerelease and build suffixes.
 * Uses loose rules, so forms such as 01.02.03beta can match here.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of the first number, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the version match, or start if none matches.
 * @example findLooseFullVersionEndIndex('1.2.3-beta+sha <2', 0, digitRuns) // 14
 * @example findLooseFullVersionEndIndex('1.2', 0, digitRuns) // 0; needs three numbers
 */
const findLooseFullVersionEndIndex = (range, start, digitRuns) => {
  let end = start
  for (let component = 0; component < 3; component++) {
    const next = findVersionNumberEndIndex(range, end, true, digitRuns)
    if (next === end) {
      return start
    }
    end = next
    if (component < 2) {
      if (range[end] !== '.') {
        return start
      }
      end++
    }
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, true, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Reads one component of a partial or wildcard version, such as 2 or x in 2.x.
 * Numbers use strict leading-zero rules; wildcards take up one character.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position where the component should begin.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the component, or start if none matches.
 * @example findPartialVersionComponentEndIndex('2.x', 0, digitRuns) // 1, at the dot
 * @example findPartialVersionComponentEndIndex('2.x', 2, digitRuns) // 3, after x
 */
const findPartialVersionComponentEndIndex = (range, start, digitRuns) => {
  if (isDigit(range[start])) {
    return findVersionNumberEndIndex(range, start, false, digitRuns)
  }
  return isVersionStart(range[start]) ? start + 1 : start
}

/**
 * Reads up to three components, allowing forms such as 1, 1.2, or 1.x.
 * After the third component, also reads any strict prerelease and build suffixes.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position after the matched version text.
 * @example findPartialVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 * @example findPartialVersionEndIndex('1.', 0, digitRuns) // 1; the trailing dot is unread
 */
const findPartialVersionEndIndex = (range, start, digitRuns) => {
  let end = findPartialVersionComponentEndIndex(range, start, digitRuns)
  for (let component = 0; component < 2; component++) {
    if (range[end] !== '.') {
      return end
    }
    const next = findPartialVersionComponentEndIndex(range, end + 1, digitRuns)
    if (next === end + 1) {
      return end
    }
    end = next
  }
  const prereleaseEnd = findPrereleaseEndIndex(range, end, false, digitRuns)
  return findBuildEndIndex(range, prereleaseEnd)
}

/**
 * Finds where a version match ends, without deciding whether the range is valid.
 * Tries a loose full version first, then a partial or wildcard version, just
 * like the old regex's LOOSEPLAIN and XRANGEPLAIN alternatives.
 *
 * @param {string} range The text to read; it is not changed.
 * @param {number} start The position of a number or wildcard, after any prefix.
 * @param {DigitRunCache} digitRuns Shared digit-run cache, updated as needed.
 * @returns {number} The position where scanning the next candidate can resume.
 * @example findVersionEndIndex('1.2.3 <2', 0, digitRuns) // 5, at the space
 * @example findVersionEndIndex('1.x <2', 0, digitRuns) // 3, at the space
 */
const findVersionEndIndex = (range, start, digitRuns) => {
  const fullVersionEnd = findLooseFullVersionEndIndex(range, start, digitRuns)
  return fullVersionEnd !== start
    ? fullVersionEnd
    : findPartialVersionEndIndex(range, start, digitRuns)
}

/**
 * Finds the one whitespace character the old replacement would remove.
 * Keeps leading whitespace, skips an optional operator, and checks immediately
 * after it. Returns -1 if there is nothing to remove.
 *
 * @param {string} range The text containing a candidate already found by the caller.
 * @param {number} matchStart The candidate's position, including leading whitespace.
 * @returns {number} The position of the removable whitespace, or -1 if absent.
 * @example findRemovableWhitespaceIndex(' > 1', 0) // 2; keep the space at position 0
 * @example findRemovableWhitespaceIndex('>1', 0) // -1
 */
const findRemovableWhitespaceIndex = (range, matchStart) => {
  let position = matchStart
  if (isWhitespace(range[position])) {
    position++
  }
  if (range[position] === '<' || range[position] === '>') {
    position++
  }
  if (range[position] === '=') {
    position++
  }
  return isWhitespace(range[position]) ? position : -1
}

/**
 * Joins an operator to its version, turning > 1.2.3 into >1.2.3.
 * Copies everything else according to the old regex's matching rules.
 * Moves forward through prefixes and whole versions to avoid repeatedly
 * searching the same characters on long inputs.
 *
 * @param {string} range The range text to process; the original string is unchanged.
 * @returns {string} The range with matched operator whitespace removed.
 * @example trimComparatorWhitespace('> 1.2.3 < 2') // '>1.2.3 <2'
 * @example trimComparatorWhitespace('> invalid') // '> invalid'
 */
const trimComparatorWhitespace = range => {
  let result = ''
  let copyFrom = 0
  let cursor = 0
  const digitRuns = { start: -1, end: -1, previousStart: -1, previousEnd: -1 }

  while (cursor < range.length) {
    const matchStart = cursor
    if (range[cursor] === '<' || range[cursor] === '>') {
      cursor++
    } else if (!isVersionPrefix(range[cursor]) && !isVersionStart(range[cursor])) {
      cursor++
      continue
    }

    // Consume a v/=/whitespace run once, even when no version follows it.
    while (cursor < range.length && isVersionPrefix(range[cursor])) {
      cursor++
    }
    if (!isVersionStart(range[cursor])) {
      continue
    }

    const whitespacePosition = findRemovableWhitespaceIndex(range, matchStart)
    if (whitespacePosition !== -1) {
      result += range.slice(copyFrom, whitespacePosition)
      copyFrom = whitespacePosition + 1
    }

    // Skip the entire match, so a prerelease's trailing v cannot be
    // reconsidered as the prefix of another version.
    cursor = findVersionEndIndex(range, cursor, digitRuns)
  }

  return result + range.slice(copyFrom)
}

module.exports = trimComparatorWhitespace


/***/ }),

/***/ 2276:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// Determine if version is greater than all the versions possible in the range.
const outside = __nccwpck_require__(280)
const gtr = (version, range, options) => outside(version, range, '>', options)
module.exports = gtr


/***/ }),

/***/ 3465:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const intersects = (r1, r2, options) => {
  r1 = new Range(r1, options)
  r2 = new Range(r2, options)
  return r1.intersects(r2, options)
}
module.exports = intersects


/***/ }),

/***/ 5213:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const outside = __nccwpck_require__(280)
// Determine if version is less than all the versions possible in the range
const ltr = (version, range, options) => outside(version, range, '<', options)
module.exports = ltr


/***/ }),

/***/ 3193:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)

const maxSatisfying = (versions, range, options) => {
  let max = null
  let maxSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!max || maxSV.compare(v) === -1) {
        // compare(max, v, true)
        max = v
        maxSV = new SemVer(max, options)
      }
    }
  })
  return max
}
module.exports = maxSatisfying


/***/ }),

/***/ 8595:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const minSatisfying = (versions, range, options) => {
  let min = null
  let minSV = null
  let rangeObj = null
  try {
    rangeObj = new Range(range, options)
  } catch (er) {
    return null
  }
  versions.forEach((v) => {
    if (rangeObj.test(v)) {
      // satisfies(v, range, options)
      if (!min || minSV.compare(v) === 1) {
        // compare(min, v, true)
        min = v
        minSV = new SemVer(min, options)
      }
    }
  })
  return min
}
module.exports = minSatisfying


/***/ }),

/***/ 1866:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Range = __nccwpck_require__(6782)
const gt = __nccwpck_require__(6599)

const minVersion = (range, loose) => {
  range = new Range(range, loose)

  let minver = new SemVer('0.0.0')
  if (range.test(minver)) {
    return minver
  }

  minver = new SemVer('0.0.0-0')
  if (range.test(minver)) {
    return minver
  }

  minver = null
  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let setMin = null
    comparators.forEach((comparator) => {
      // Clone to avoid manipulating the comparator's semver object.
      const compver = new SemVer(comparator.semver.version)
      switch (comparator.operator) {
        case '>':
          if (compver.prerelease.length === 0) {
            compver.patch++
          } else {
            compver.prerelease.push(0)
          }
          compver.raw = compver.format()
          /* fallthrough */
        case '':
        case '>=':
          if (!setMin || gt(compver, setMin)) {
            setMin = compver
          }
          break
        case '<':
        case '<=':
          /* Ignore maximum versions */
          break
        /* istanbul ignore next */
        default:
          throw new Error(`Unexpected operation: ${comparator.operator}`)
      }
    })
    if (setMin && (!minver || gt(minver, setMin))) {
      minver = setMin
    }
  }

  if (minver && range.test(minver)) {
    return minver
  }

  return null
}
module.exports = minVersion


/***/ }),

/***/ 280:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const SemVer = __nccwpck_require__(7163)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const Range = __nccwpck_require__(6782)
const satisfies = __nccwpck_require__(8011)
const gt = __nccwpck_require__(6599)
const lt = __nccwpck_require__(3872)
const lte = __nccwpck_require__(6717)
const gte = __nccwpck_require__(1236)

const outside = (version, range, hilo, options) => {
  version = new SemVer(version, options)
  range = new Range(range, options)

  let gtfn, ltefn, ltfn, comp, ecomp
  switch (hilo) {
    case '>':
      gtfn = gt
      ltefn = lte
      ltfn = lt
      comp = '>'
      ecomp = '>='
      break
    case '<':
      gtfn = lt
      ltefn = gte
      ltfn = gt
      comp = '<'
      ecomp = '<='
      break
    default:
      throw new TypeError('Must provide a hilo val of "<" or ">"')
  }

  // If it satisfies the range it is not outside
  if (satisfies(version, range, options)) {
    return false
  }

  // From now on, variable terms are as if we're in "gtr" mode.
  // but note that everything is flipped for the "ltr" function.

  for (let i = 0; i < range.set.length; ++i) {
    const comparators = range.set[i]

    let high = null
    let low = null

    comparators.forEach((comparator) => {
      if (comparator.semver === ANY) {
        comparator = new Comparator('>=0.0.0')
      }
      high = high || comparator
      low = low || comparator
      if (gtfn(comparator.semver, high.semver, options)) {
        high = comparator
      } else if (ltfn(comparator.semver, low.semver, options)) {
        low = comparator
      }
    })

    // If the edge version comparator has a operator then our version
    // isn't outside it
    if (high.operator === comp || high.operator === ecomp) {
      return false
    }

    // If the lowest version comparator has an operator and our version
    // is less than it then it isn't higher than the range
    if ((!low.operator || low.operator === comp) &&
        ltefn(version, low.semver)) {
      return false
    } else if (low.operator === ecomp && ltfn(version, low.semver)) {
      return false
    }
  }
  return true
}

module.exports = outside


/***/ }),

/***/ 2028:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



// given a set of versions and a range, create a "simplified" range
// that includes the same versions that the original range does
// If the original range is shorter than the simplified one, return that.
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)
module.exports = (versions, range, options) => {
  const set = []
  let first = null
  let prev = null
  const v = versions.sort((a, b) => compare(a, b, options))
  for (const version of v) {
    const included = satisfies(version, range, options)
    if (included) {
      prev = version
      if (!first) {
        first = version
      }
    } else {
      if (prev) {
        set.push([first, prev])
      }
      prev = null
      first = null
    }
  }
  if (first) {
    set.push([first, null])
  }

  const ranges = []
  for (const [min, max] of set) {
    if (min === max) {
      ranges.push(min)
    } else if (!max && min === v[0]) {
      ranges.push('*')
    } else if (!max) {
      ranges.push(`>=${min}`)
    } else if (min === v[0]) {
      ranges.push(`<=${max}`)
    } else {
      ranges.push(`${min} - ${max}`)
    }
  }
  const simplified = ranges.join(' || ')
  const original = typeof range.raw === 'string' ? range.raw : String(range)
  return simplified.length < original.length ? simplified : range
}


/***/ }),

/***/ 1489:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const Comparator = __nccwpck_require__(9379)
const { ANY } = Comparator
const satisfies = __nccwpck_require__(8011)
const compare = __nccwpck_require__(8469)

// Complex range `r1 || r2 || ...` is a subset of `R1 || R2 || ...` iff:
// - Every simple range `r1, r2, ...` is a null set, OR
// - Every simple range `r1, r2, ...` which is not a null set is a subset of
//   some `R1, R2, ...`
//
// Simple range `c1 c2 ...` is a subset of simple range `C1 C2 ...` iff:
// - If c is only the ANY comparator
//   - If C is only the ANY comparator, return true
//   - Else if in prerelease mode, return false
//   - else replace c with `[>=0.0.0]`
// - If C is only the ANY comparator
//   - if in prerelease mode, return true
//   - else replace C with `[>=0.0.0]`
// - Let EQ be the set of = comparators in c
// - If EQ is more than one, return true (null set)
// - Let GT be the highest > or >= comparator in c
// - Let LT be the lowest < or <= comparator in c
// - If GT and LT, and GT.semver > LT.semver, return true (null set)
// - If any C is a = range, and GT or LT are set, return false
// - If EQ
//   - If GT, and EQ does not satisfy GT, return true (null set)
//   - If LT, and EQ does not satisfy LT, return true (null set)
//   - If EQ satisfies every C, return true
//   - Else return false
// - If GT
//   - If GT.semver is lower than any > or >= comp in C, return false
//   - If GT is >=, and GT.semver does not satisfy every C, return false
//   - If GT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the GT.semver tuple, return false
// - If LT
//   - If LT.semver is greater than any < or <= comp in C, return false
//   - If LT is <=, and LT.semver does not satisfy every C, return false
//   - If LT.semver has a prerelease, and not in prerelease mode
//     - If no C has a prerelease and the LT.semver tuple, return false
// - Else return true

const subset = (sub, dom, options = {}) => {
  if (sub === dom) {
    return true
  }

  sub = new Range(sub, options)
  dom = new Range(dom, options)
  let sawNonNull = false

  OUTER: for (const simpleSub of sub.set) {
    for (const simpleDom of dom.set) {
      const isSub = simpleSubset(simpleSub, simpleDom, options)
      sawNonNull = sawNonNull || isSub !== null
      if (isSub) {
        continue OUTER
      }
    }
    // the null set is a subset of everything, but null simple ranges in
    // a complex range should be ignored.  so if we saw a non-null range,
    // then we know this isn't a subset, but if EVERY simple range was null,
    // then it is a subset.
    if (sawNonNull) {
      return false
    }
  }
  return true
}

const minimumVersionWithPreRelease = [new Comparator('>=0.0.0-0')]
const minimumVersion = [new Comparator('>=0.0.0')]

const simpleSubset = (sub, dom, options) => {
  if (sub === dom) {
    return true
  }

  if (sub.length === 1 && sub[0].semver === ANY) {
    if (dom.length === 1 && dom[0].semver === ANY) {
      return true
    } else if (options.includePrerelease) {
      sub = minimumVersionWithPreRelease
    } else {
      sub = minimumVersion
    }
  }

  if (dom.length === 1 && dom[0].semver === ANY) {
    if (options.includePrerelease) {
      return true
    } else {
      dom = minimumVersion
    }
  }

  const eqSet = new Set()
  let gt, lt
  for (const c of sub) {
    if (c.operator === '>' || c.operator === '>=') {
      gt = higherGT(gt, c, options)
    } else if (c.operator === '<' || c.operator === '<=') {
      lt = lowerLT(lt, c, options)
    } else {
      eqSet.add(c.semver)
    }
  }

  if (eqSet.size > 1) {
    return null
  }

  let gtltComp
  if (gt && lt) {
    gtltComp = compare(gt.semver, lt.semver, options)
    if (gtltComp > 0) {
      return null
    } else if (gtltComp === 0 && (gt.operator !== '>=' || lt.operator !== '<=')) {
      return null
    }
  }

  // will iterate one or zero times
  for (const eq of eqSet) {
    if (gt && !satisfies(eq, String(gt), options)) {
      return null
    }

    if (lt && !satisfies(eq, String(lt), options)) {
      return null
    }

    for (const c of dom) {
      if (!satisfies(eq, String(c), options)) {
        return false
      }
    }

    return true
  }

  let higher, lower
  let hasDomLT, hasDomGT
  // if the subset has a prerelease, we need a comparator in the superset
  // with the same tuple and a prerelease, or it's not a subset
  let needDomLTPre = lt &&
    !options.includePrerelease &&
    lt.semver.prerelease.length ? lt.semver : false
  let needDomGTPre = gt &&
    !options.includePrerelease &&
    gt.semver.prerelease.length ? gt.semver : false
  // exception: <1.2.3-0 is the same as <1.2.3
  if (needDomLTPre && needDomLTPre.prerelease.length === 1 &&
      lt.operator === '<' && needDomLTPre.prerelease[0] === 0) {
    needDomLTPre = false
  }

  for (const c of dom) {
    hasDomGT = hasDomGT || c.operator === '>' || c.operator === '>='
    hasDomLT = hasDomLT || c.operator === '<' || c.operator === '<='
    if (gt) {
      if (needDomGTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomGTPre.major &&
            c.semver.minor === needDomGTPre.minor &&
            c.semver.patch === needDomGTPre.patch) {
          needDomGTPre = false
        }
      }
      if (c.operator === '>' || c.operator === '>=') {
        higher = higherGT(gt, c, options)
        if (higher === c && higher !== gt) {
          return false
        }
      } else if (gt.operator === '>=' && !c.test(gt.semver)) {
        return false
      }
    }
    if (lt) {
      if (needDomLTPre) {
        if (c.semver.prerelease && c.semver.prerelease.length &&
            c.semver.major === needDomLTPre.major &&
            c.semver.minor === needDomLTPre.minor &&
            c.semver.patch === needDomLTPre.patch) {
          needDomLTPre = false
        }
      }
      if (c.operator === '<' || c.operator === '<=') {
        lower = lowerLT(lt, c, options)
        if (lower === c && lower !== lt) {
          return false
        }
      } else if (lt.operator === '<=' && !c.test(lt.semver)) {
        return false
      }
    }
    if (!c.operator && (lt || gt) && gtltComp !== 0) {
      return false
    }
  }

  // if there was a < or >, and nothing in the dom, then must be false
  // UNLESS it was limited by another range in the other direction.
  // Eg, >1.0.0 <1.0.1 is still a subset of <2.0.0
  if (gt && hasDomLT && !lt && gtltComp !== 0) {
    return false
  }

  if (lt && hasDomGT && !gt && gtltComp !== 0) {
    return false
  }

  // we needed a prerelease range in a specific tuple, but didn't get one
  // then this isn't a subset.  eg >=1.2.3-pre is not a subset of >=1.0.0,
  // because it includes prereleases in the 1.2.3 tuple
  if (needDomGTPre || needDomLTPre) {
    return false
  }

  return true
}

// >=1.2.3 is lower than >1.2.3
const higherGT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp > 0 ? a
    : comp < 0 ? b
    : b.operator === '>' && a.operator === '>=' ? b
    : a
}

// <=1.2.3 is higher than <1.2.3
const lowerLT = (a, b, options) => {
  if (!a) {
    return b
  }
  const comp = compare(a.semver, b.semver, options)
  return comp < 0 ? a
    : comp > 0 ? b
    : b.operator === '<' && a.operator === '<=' ? b
    : a
}

module.exports = subset


/***/ }),

/***/ 4750:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)

// Mostly just for testing and legacy API reasons
const toComparators = (range, options) =>
  new Range(range, options).set
    .map(comp => comp.map(c => c.value).join(' ').trim().split(' '))

module.exports = toComparators


/***/ }),

/***/ 4737:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const Range = __nccwpck_require__(6782)
const validRange = (range, options) => {
  try {
    // Return '*' instead of '' so that truthiness works.
    // This will throw if it's invalid anyway
    return new Range(range, options).range || '*'
  } catch (er) {
    return null
  }
}
module.exports = validRange


/***/ }),

/***/ 8767:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Og: () => (/* binding */ credentialsFor),
/* harmony export */   aR: () => (/* binding */ basicAuthorization),
/* harmony export */   eo: () => (/* binding */ secretForms),
/* harmony export */   kc: () => (/* binding */ hideUserinfo),
/* harmony export */   uQ: () => (/* binding */ decodeUserinfo),
/* harmony export */   yC: () => (/* binding */ BAD_CHARACTER)
/* harmony export */ });
/* harmony import */ var _go_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);
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
        throw new _go_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_go_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has a malformed %-escape in its credentials.`);
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


/***/ }),

/***/ 7349:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   x: () => (/* binding */ RESTORE_WORKER_ARG)
/* harmony export */ });
/**
 * The argument that makes the action's bundle (dist/index.js) run as the cache restore worker instead of a step
 * (src/cache/restore-worker.ts). Its own module, free of imports, so the entry can check it cheaply.
 */
const RESTORE_WORKER_ARG = '--setup-goproxy-cache-restore-worker';


/***/ }),

/***/ 4798:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $1: () => (/* binding */ isPackageIndex),
/* harmony export */   Cf: () => (/* binding */ MODULE_ENTRY_SUFFIXES),
/* harmony export */   Nm: () => (/* binding */ moduleKeys),
/* harmony export */   Nn: () => (/* binding */ buildPrefix),
/* harmony export */   Od: () => (/* binding */ saveDecision),
/* harmony export */   PA: () => (/* binding */ buildDeltaPrefix),
/* harmony export */   Rj: () => (/* binding */ fingerprint),
/* harmony export */   TC: () => (/* binding */ deltaSavePlan),
/* harmony export */   Vu: () => (/* binding */ GO_PACKAGE_INDEX_HEADER),
/* harmony export */   Xr: () => (/* binding */ moduleDeltaPrefix),
/* harmony export */   YN: () => (/* binding */ withModcacherw),
/* harmony export */   e2: () => (/* binding */ backdatedMtime),
/* harmony export */   jobStatus: () => (/* binding */ jobStatus),
/* harmony export */   lL: () => (/* binding */ parseCacheSettings),
/* harmony export */   nW: () => (/* binding */ restoreKind),
/* harmony export */   ow: () => (/* binding */ trimPlan),
/* harmony export */   pU: () => (/* binding */ isBuildCacheEntry),
/* harmony export */   t6: () => (/* binding */ isModuleEntryFile),
/* harmony export */   vb: () => (/* binding */ deltaStage),
/* harmony export */   z3: () => (/* binding */ formatBytes),
/* harmony export */   zN: () => (/* binding */ newOutputs)
/* harmony export */ });
/* unused harmony exports CACHE_PARTS, DELTA_MAX_FRACTION, GO_CACHE_MTIME_INTERVAL_MS */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _go_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6743);
/**
 * The cache phase's pure policy: which inputs mean what, the keys, what a restore was, which build-cache entries a
 * job used, and when an entry is saved. The I/O (go env, the trees on disk, @actions/cache) is in cache.ts.
 *
 * Two entries, unlike actions/setup-go's one archive keyed on go.mod:
 * - modules: `$GOMODCACHE/cache/download` (the verified zips, .mod and .info files go extracts from, without a
 *   network), keyed on the OS and the hash of every go.sum / go.work.sum the warm phase reads, restored with a
 *   restore key (the newest entry of any go.sum), then topped up by the warm phase. A job that restored another set's
 *   entry (the base) stores only the module files beyond it: a cumulative delta of that base, keyed on its own go.sum
 *   hash (moduleDeltaPrefix), which the next job with that go.sum restores after the base;
 * - build: `$GOCACHE`, keyed on OS, architecture and Go version plus the hash of the entries kept, restored with the
 *   prefix, trimmed before saving to the entries this job used (go refreshes an entry's mtime when it uses it). A
 *   job that restored such a base entry and kept little beyond it stores only that little: a cumulative delta entry
 *   of that base (buildDeltaPrefix, deltaSavePlan), restored after the base.
 */


const CACHE_PARTS = ['modules', 'build'];
/**
 * `cache` (false, true, or a list of modules/build), `cache-restore-only` and `cache-key-suffix`; undefined when
 * caching is off. A bad value is an InputError naming the input and the value.
 */
function parseCacheSettings(cache, restoreOnly, keySuffix) {
    const value = cache.trim().toLowerCase();
    const only = restoreOnly.trim().toLowerCase();
    if (only !== '' && only !== 'true' && only !== 'false') {
        throw new _go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('cache-restore-only', `must be true or false, got ${(0,_go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(restoreOnly)}`);
    }
    const suffix = keySuffix.trim();
    if (/[,\s\p{Cc}]/u.test(suffix) || suffix.length > 100) {
        throw new _go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('cache-key-suffix', `must be at most 100 characters without commas, spaces or control characters (a cache key cannot hold them), got ${(0,_go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(keySuffix)}`);
    }
    if (value === '' || value === 'false')
        return undefined;
    let parts;
    if (value === 'true')
        parts = [...CACHE_PARTS];
    else {
        const names = value.split(/[\s,]+/).filter(Boolean);
        const unknown = names.filter(name => !CACHE_PARTS.includes(name));
        if (unknown.length > 0 || names.length === 0) {
            throw new _go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz('cache', `must be true, false or a list of ${CACHE_PARTS.join(', ')}; got ${(0,_go_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(cache)}`);
        }
        parts = CACHE_PARTS.filter(part => names.includes(part));
    }
    return { parts, restoreOnly: only === 'true', keySuffix: suffix };
}
const withSuffix = (prefix, suffix) => (suffix ? `${prefix}${suffix}-` : prefix);
/** The modules entry: the exact key for this set of go.sum files, and the prefix any earlier set falls back to. */
function moduleKeys(context, goSumHash) {
    const prefix = withSuffix(`setup-goproxy-modules-${context.os}-`, context.keySuffix);
    return { key: `${prefix}${goSumHash}`, prefix };
}
/**
 * The prefix of the delta entries of the modules entry `baseKey` (see deltaSavePlan): OS, suffix and a short hash of
 * the base's key; a delta's key adds the go.sum hash of the job that stored it, so the next job with the same go.sum
 * files finds it exactly after restoring that base, and one with other go.sum files the newest delta of its base. It
 * does not start with a moduleKeys prefix (`…-modules-delta-` against `…-modules-<os>-`), so a base restore never
 * matches a delta (their paths differ too, and with them the cache version).
 */
function moduleDeltaPrefix(context, baseKey) {
    const base = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(baseKey).digest('hex').slice(0, 16);
    return `${withSuffix(`setup-goproxy-modules-delta-${context.os}-`, context.keySuffix)}${base}-`;
}
/**
 * The build entry's prefix (OS, architecture, Go version): entries are built by one toolchain for one target, so no
 * other entry is worth restoring. The saved key adds the hash of the entries kept, so a job that adds nothing finds
 * its key taken and saves nothing.
 */
function buildPrefix(context) {
    return withSuffix(`setup-goproxy-build-${context.os}-${context.arch}-${context.goVersion}-`, context.keySuffix);
}
/**
 * The prefix of the delta entries of the build entry `baseKey` (see deltaSavePlan): OS, architecture, Go version,
 * suffix and a short hash of the base's key, so that a delta is only ever restored onto the base it was made against.
 * It does not start with buildPrefix, so a base restore never matches a delta (their paths differ too, and with them
 * the cache version).
 */
function buildDeltaPrefix(context, baseKey) {
    const base = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(baseKey).digest('hex').slice(0, 16);
    return `${withSuffix(`setup-goproxy-build-delta-${context.os}-${context.arch}-${context.goVersion}-`, context.keySuffix)}${base}-`;
}
/**
 * Where a delta entry of the cache tree `root` (GOCACHE, or GOMODCACHE for the modules) is staged for its save and
 * extracted on its restore: a sibling of the tree, so the same path in every job of a runner image (the cache version
 * hashes the paths) and on the same volume (the files are hard linked into it), and not inside the tree, which go would
 * then see. On Windows `C:\…\go-build` becomes `C:\…\go-build-setup-goproxy-delta`, on macOS
 * `~/Library/Caches/go-build-setup-goproxy-delta`, and `~/go/pkg/mod` becomes `~/go/pkg/mod-setup-goproxy-delta`.
 */
function deltaStage(root) {
    return `${root.replace(/(?<=.)[\\/]+$/, '')}-setup-goproxy-delta`;
}
/**
 * The largest cumulative delta stored instead of a full entry (build or modules), as a fraction of the bytes the job kept from the
 * base. Deltas are cumulative (each holds everything the job kept beyond the base), so over a run of jobs that each
 * add a little, a delta of s bytes per change re-uploads 1·s, 2·s, … until it passes the threshold f, and the base is
 * then stored again: per change that is about f/2 of the base against 1 + f/2 for a full entry each time. At 0.5
 * the delta is still at most a third of the full entry it replaces (0.5 / 1.5); the restore downloads the base and
 * the delta, the same bytes a full entry would hold plus what the base has that the job no longer uses, which a
 * full entry (trimmed again) drops: past half of the base it is time for that trim.
 */
const DELTA_MAX_FRACTION = 0.5;
/** Whether a save stores a delta of the restored base or a full entry (trimmed, for the build), and why a full one. */
function deltaSavePlan(facts) {
    if (facts.baseKey === undefined)
        return { kind: 'full', why: 'no base entry was restored' };
    if (facts.deltaFiles === 0)
        return { kind: 'full', why: 'nothing beyond the base' };
    const limit = DELTA_MAX_FRACTION * facts.baseKeptBytes;
    if (facts.deltaBytes > limit) {
        return {
            kind: 'full',
            why: `the delta (${formatBytes(facts.deltaBytes)}) is over ${DELTA_MAX_FRACTION}× the ${formatBytes(facts.baseKeptBytes)} kept from the base`
        };
    }
    return { kind: 'delta' };
}
/**
 * The files of `$GOMODCACHE/cache/download` the modules entry keeps, by name relative to it ('/'-separated): a module
 * version's .info, .mod and .zip, what go needs to extract it without a network. Not its .ziphash: go trusts a cached
 * zip by that file alone (modfetch's checkMod reads it and never hashes the zip again), so an entry holding other source
 * under a true .ziphash would be built without a word; without one, go hashes each restored zip when it first uses it
 * and checks the hash against go.sum (or the checksum database), as for a download (Go 1.21+: DownloadZip's "re-hash
 * the zip"). A cached go.mod go checks against go.sum each time it reads one. Nor go's .lock files (empty; go makes
 * them as it needs them), the checksum database's cached tiles and lookups (sumdb/), or the `@v/list` files (a proxy's
 * version list of one moment: go asks again whenever it reaches a proxy, and a stale one would be the only answer of an
 * offline `@latest`). Fewer files make the restore's tar quicker where each file costs.
 */
const MODULE_ENTRY_SUFFIXES = ['.info', '.mod', '.zip'];
/** Whether the modules entry keeps this file of the download tree (see MODULE_ENTRY_SUFFIXES). */
function isModuleEntryFile(rel) {
    return !rel.startsWith('sumdb/') && MODULE_ENTRY_SUFFIXES.some(suffix => rel.endsWith(suffix));
}
function restoreKind(primaryKey, matchedKey) {
    if (matchedKey === undefined)
        return 'none';
    return matchedKey === primaryKey ? 'exact' : 'partial';
}
/** A stable hash of a set of names (sorted first): the module files held, the build entries kept. */
function fingerprint(names) {
    const hash = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256');
    for (const name of [...names].sort())
        hash.update(name).update('\n');
    return hash.digest('hex').slice(0, 32);
}
/**
 * go's build cache (cmd/go/internal/cache) refreshes an entry's mtime when it uses it, but only when the mtime is
 * more than an hour old (mtimeInterval): a restored entry keeps the mtime it was archived with, so restored entries
 * are set back past that hour, and every entry this job then uses carries a time after the job's start.
 */
const GO_CACHE_MTIME_INTERVAL_MS = 60 * 60 * 1000;
/** The mtime restored build-cache entries get: far enough back that go's first use refreshes it. */
function backdatedMtime(nowMs) {
    return nowMs - 2 * GO_CACHE_MTIME_INTERVAL_MS;
}
/** An entry file of go's build cache: `<64 hex>-a` (action) or `<64 hex>-d` (output) in a two-hex-digit directory. */
function isBuildCacheEntry(relativePath) {
    return /^[0-9a-f]{2}[/\\][0-9a-f]{64}-[ad]$/.test(relativePath);
}
/** Which entries to keep (used or written since `sinceMs`) and which to drop before saving. */
function trimPlan(entries, sinceMs) {
    const keep = [];
    const drop = [];
    for (const entry of entries)
        (entry.mtimeMs >= sinceMs ? keep : drop).push(entry);
    return { keep, drop };
}
/**
 * The output files (`-d`) among `kept` that the restore did not bring: what makes a build-cache save worth it. A new
 * action record alone (`-a`, a few hundred bytes) appears in every job (a step whose inputs include something of the
 * run) and points at an output the restore already holds; saving the whole cache again for it would upload the same
 * bytes on every run.
 */
function newOutputs(kept, restored) {
    return kept.filter(entry => entry.path.endsWith('-d') && !restored.has(entry.path));
}
/**
 * The header of go's package index (cmd/go/internal/modindex, "go index v2"). go writes an index for a package outside
 * the module cache (the job's own) only once its files are two seconds old, keyed on their mtimes: whether a job
 * writes it depends on how soon its build follows the checkout, and it is rebuilt from the sources in microseconds.
 * Such an output alone is no reason to store the build cache again.
 */
const GO_PACKAGE_INDEX_HEADER = 'go index';
/** Whether an output file's first bytes are go's package index. */
function isPackageIndex(head) {
    return Buffer.from(head).toString('latin1').startsWith(GO_PACKAGE_INDEX_HEADER);
}
function jobStatus(value) {
    const status = value.trim().toLowerCase();
    return status === 'success' || status === 'failure' || status === 'cancelled' ? status : 'unknown';
}
/** Whether to save an entry, and why not when it is not saved (shown in the log and the summary). */
function saveDecision(facts) {
    if (facts.jobStatus !== 'success') {
        return {
            save: false,
            reason: facts.jobStatus === 'unknown'
                ? 'the job status is unknown (job-status is empty: not run by the Actions runner)'
                : `the job did not succeed (job.status: ${facts.jobStatus})`
        };
    }
    if (facts.restoreOnly)
        return { save: false, reason: 'cache-restore-only' };
    if (facts.part === 'modules' && facts.restored === 'exact') {
        return { save: false, reason: 'restored on its exact key (entries are written once)' };
    }
    if (!facts.changed)
        return { save: false, reason: 'unchanged since the restore' };
    return { save: true };
}
/**
 * GOFLAGS with -modcacherw added (unless it is there): go then leaves the module cache's directories writable, so a
 * later restore of a cache archive over it (actions/setup-go's, ours) can replace files as a non-root user. Without
 * it GNU tar fails on every file with "Cannot open: File exists".
 */
function withModcacherw(goflags) {
    const flags = (goflags ?? '').trim();
    if (flags.split(/\s+/).some(flag => /^--?modcacherw(=true)?$/.test(flag)))
        return flags;
    return flags ? `${flags} -modcacherw` : '-modcacherw';
}
/** Bytes as the summary shows them. */
function formatBytes(bytes) {
    if (bytes < 1024)
        return `${bytes} B`;
    if (bytes < 1024 * 1024)
        return `${(bytes / 1024).toFixed(1)} KiB`;
    if (bytes < 1024 * 1024 * 1024)
        return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
    return `${(bytes / 1024 / 1024 / 1024).toFixed(2)} GiB`;
}


/***/ }),

/***/ 8298:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gj: () => (/* binding */ saveLine),
/* harmony export */   JD: () => (/* binding */ restoreLine),
/* harmony export */   fQ: () => (/* binding */ restoreTable),
/* harmony export */   saveTable: () => (/* binding */ saveTable)
/* harmony export */ });
/* harmony import */ var _policy_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4798);
/** The cache phase's lines for the log and its table for the job summary (pure). */

const LABEL = {
    modules: 'modules (`GOMODCACHE/cache/download`)',
    build: 'build (`GOCACHE`)'
};
function code(value) {
    return `\`${value.replace(/[`|\\<>]/g, ch => `\\${ch}`)}\``;
}
const size = (files, bytes) => `${files} files, ${(0,_policy_js__WEBPACK_IMPORTED_MODULE_0__/* .formatBytes */ .z3)(bytes)}`;
/** One log line per restored part. */
function restoreLine(part) {
    const what = part.part === 'modules' ? 'Module cache' : 'Build cache';
    if (part.problem)
        return `${what}: nothing restored (${part.problem})`;
    if (part.kind === 'none')
        return `${what}: no entry for ${part.key} (cold: ${size(part.files, part.bytes)} on disk)`;
    const delta = part.delta
        ? ` + delta ${part.delta.key} (${size(part.delta.files, part.delta.bytes)})`
        : part.deltaProblem
            ? ` (its delta not restored: ${part.deltaProblem})`
            : '';
    return `${what}: ${part.kind} hit ${part.matchedKey}${delta} (${size(part.files, part.bytes)} on disk)${checkedZips(part)}`;
}
/** `; 3 restored zip(s) not in this job's go.sum removed`, when there were any. */
function checkedZips(part) {
    const removed = part.zips?.removed ?? 0;
    return removed ? `; ${removed} restored zip(s) not in this job's go.sum removed` : '';
}
/** One log line per saved (or not saved) part. */
function saveLine(part) {
    const what = part.part === 'modules' ? 'Module cache' : 'Build cache';
    const trimmed = part.trimmed ? `; ${size(part.trimmed.files, part.trimmed.bytes)} unused by this job left out` : '';
    if (part.saved && part.deltaOf) {
        return `${what}: saved delta ${part.key} (${size(part.files, part.bytes)}) of base ${part.deltaOf}`;
    }
    const full = part.fullBecause ? `; a full entry: ${part.fullBecause}` : '';
    if (part.saved)
        return `${what}: saved ${part.key} (${size(part.files, part.bytes)}${trimmed}${full})`;
    return `${what}: not saved: ${part.reason ?? 'the cache service did not take it'}${trimmed}`;
}
/** The summary table of the main step: what each part restored. */
function restoreTable(parts) {
    const rows = parts.map(p => `| ${LABEL[p.part]} | ${p.problem ? `none (${p.problem.replace(/\|/g, '\\|')})` : p.delta ? `${p.kind} + delta` : p.kind}${p.zips?.removed ? `; ${p.zips.removed} zip(s) not in go.sum removed` : ''} | ${p.matchedKey ? code(p.matchedKey) : code(p.key)}${p.delta ? ` + ${code(p.delta.key)}` : ''} | ${size(p.files, p.bytes)} |`);
    return ['| cache | restored | key | on disk after restore |', '|---|---|---|---|', ...rows].join('\n');
}
/** The summary table of the post step: what each part saved. */
function saveTable(parts) {
    const rows = parts.map(p => `| ${LABEL[p.part]} | ${p.saved ? (p.deltaOf ? `saved delta of ${code(p.deltaOf)}` : 'saved') : `not saved: ${(p.reason ?? 'refused by the cache service').replace(/\|/g, '\\|')}`} | ${p.key ? code(p.key) : ''} | ${size(p.files, p.bytes)} | ${p.trimmed ? size(p.trimmed.files, p.trimmed.bytes) : ''} |`);
    return [
        '| cache | saved | key | size (uncompressed) | left out (unused this job) |',
        '|---|---|---|---|---|',
        ...rows
    ].join('\n');
}


/***/ }),

/***/ 3155:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A: () => (/* binding */ onCancel),
/* harmony export */   W: () => (/* binding */ undoForCancel)
/* harmony export */ });
/**
 * What must be undone when the runner cancels the step (SIGINT, then SIGTERM ~7.5 s later): go's process groups
 * (go runs in a group of its own, so the runner's signal never reaches it), a half-extracted tree, the tool-cache
 * lock, a partly downloaded zip.
 *
 * API:
 * - `onCancel(undo)` → a function that unregisters `undo`. Register around the work that needs undoing; unregister
 *   when it is done. `undo` must be synchronous: on a cancel it runs with the process about to exit, and no other
 *   callback may run between the undo steps and the exit (a writer could otherwise add a file after the removal).
 * - `undoForCancel()`: runs every registered undo, newest first, each at most once; a throwing undo does not stop the
 *   others. The host (src/main.ts) calls it from its signal handler, then reports the failure and exits.
 */
const registered = new Set();
/** Registers `undo` to run if the step is cancelled; returns the function that unregisters it. */
function onCancel(undo) {
    registered.add(undo);
    return () => {
        registered.delete(undo);
    };
}
/** Runs every registered undo, newest first, once; errors are swallowed (the process is ending). */
function undoForCancel() {
    const undos = [...registered].reverse();
    registered.clear();
    for (const undo of undos) {
        try {
            undo();
        }
        catch {
            // Best effort: the others still run.
        }
    }
}


/***/ }),

/***/ 4705:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   i: () => (/* binding */ findGo)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);



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
    for (const dir of (env.PATH ?? env.Path ?? '').split(node_path__WEBPACK_IMPORTED_MODULE_2__.delimiter)) {
        if (dir === '')
            continue;
        for (const name of names) {
            const candidate = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, name);
            if (await isExecutable(candidate, windows))
                return candidate;
        }
    }
    return (await extraLookup?.()) ?? undefined;
}
async function isExecutable(path, windows) {
    try {
        if (!(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.stat)(path)).isFile())
            return false;
        if (!windows)
            await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.access)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.X_OK);
        return true;
    }
    catch {
        return false;
    }
}


/***/ }),

/***/ 6407:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Aq: () => (/* binding */ goEnv),
/* harmony export */   aC: () => (/* binding */ runGo),
/* harmony export */   g8: () => (/* binding */ killProcessTree)
/* harmony export */ });
/* unused harmony exports DEFAULT_OUTPUT_LIMIT, goChildEnv */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _cancel_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3155);
/**
 * The one way the action and the CLI start the go command. Everything a go child needs is decided here once:
 * async spawn (test servers and the warm forwarder live in this process, a synchronous spawn would block them),
 * `GOTOOLCHAIN=local` unless the caller means a toolchain switch (a go.mod asking for a newer Go must not make
 * `go env` download a toolchain through a proxy nobody has checked yet), a timeout, output caps, and a kill that
 * reaches the whole process tree (go starts git, compilers, a switched-to toolchain).
 */


/** Bytes kept per stream when the caller sets no cap: enough for `go env -json` and any error go prints. */
const DEFAULT_OUTPUT_LIMIT = 1024 * 1024;
/** How long to wait for the pipes after the process exited: an orphaned grandchild may hold them open. */
const PIPE_GRACE_MS = 2000;
/**
 * The environment go runs with: undefined values dropped, no `INPUT_*` (the step's inputs: INPUT_AUTH holds every
 * credential, unscoped, while the netrc and git config files the action writes scope each one to its host; go, git
 * and whatever they start need none of them), GOTOOLCHAIN=local unless a switch is meant.
 */
function goChildEnv(env, toolchainSwitch = false) {
    const result = Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined && !/^INPUT_/i.test(e[0])));
    if (!toolchainSwitch)
        result.GOTOOLCHAIN = 'local';
    return result;
}
/** A capped buffer: keeps the first `limit` bytes, counts the rest. */
class CappedOutput {
    limit;
    chunks = [];
    kept = 0;
    dropped = 0;
    constructor(limit) {
        this.limit = limit;
    }
    push(chunk) {
        const room = this.limit - this.kept;
        if (room >= chunk.length) {
            this.chunks.push(chunk);
            this.kept += chunk.length;
        }
        else {
            if (room > 0)
                this.chunks.push(chunk.subarray(0, room));
            this.kept += Math.max(0, room);
            this.dropped += chunk.length - Math.max(0, room);
        }
    }
    text() {
        return Buffer.concat(this.chunks).toString('utf8');
    }
}
/** Calls `onLine` with each whole line of the chunks pushed (without its `\r\n` or `\n`); `flush` hands on the rest. */
function lineSplitter(onLine) {
    let partial = '';
    return {
        push(chunk) {
            const lines = (partial + chunk.toString('utf8')).split('\n');
            partial = lines.pop() ?? '';
            for (const line of lines)
                onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
        },
        flush() {
            if (partial !== '')
                onLine(partial);
            partial = '';
        }
    };
}
/**
 * Runs `go <args>`. Never rejects: a non-zero exit, a timeout, an abort and a failed start all come back in the
 * result. On POSIX go runs in its own process group so that a kill also ends what it started.
 */
function runGo(go, args, options) {
    const started = Date.now();
    const posix = process.platform !== 'win32';
    return new Promise(resolve => {
        const stdout = new CappedOutput(options.stdoutLimit ?? DEFAULT_OUTPUT_LIMIT);
        const stderr = new CappedOutput(options.stderrLimit ?? DEFAULT_OUTPUT_LIMIT);
        const lines = options.onStdoutLine ? lineSplitter(options.onStdoutLine) : undefined;
        let timedOut = false;
        let aborted = false;
        let settled = false;
        let grace;
        // Set once the child has started; finish() may run before that (spawn threw).
        // eslint-disable-next-line prefer-const
        let timer;
        let child;
        // A cancelled step ends go's process group too: the runner's signal reaches only the action's own group.
        // Set once the child has started.
        // eslint-disable-next-line prefer-const
        let forgetOnCancel;
        const finish = (code, spawnError) => {
            if (settled)
                return;
            settled = true;
            forgetOnCancel?.();
            clearTimeout(timer);
            clearTimeout(grace);
            options.signal?.removeEventListener('abort', onAbort);
            lines?.flush();
            resolve({
                code: timedOut || aborted ? null : code,
                stdout: stdout.text(),
                stderr: stderr.text(),
                stdoutDropped: stdout.dropped,
                stderrDropped: stderr.dropped,
                timedOut,
                aborted,
                ...(aborted ? { abortReason: options.signal?.reason } : {}),
                ...(spawnError !== undefined ? { spawnError } : {}),
                ms: Date.now() - started
            });
        };
        const onAbort = () => {
            if (timedOut || aborted)
                return;
            aborted = true;
            killProcessTree(child, posix);
        };
        try {
            child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)(go, [...args], {
                cwd: options.cwd,
                env: goChildEnv(options.env, options.toolchainSwitch),
                // Its own process group on POSIX, so that a kill reaches git, compilers and a switched-to toolchain.
                detached: posix,
                stdio: ['ignore', 'pipe', 'pipe'],
                windowsHide: true
            });
        }
        catch (error) {
            // spawn throws synchronously for some bad arguments (an invalid cwd type, a NUL in an argument).
            finish(null, error instanceof Error ? error.message : String(error));
            return;
        }
        forgetOnCancel = (0,_cancel_js__WEBPACK_IMPORTED_MODULE_1__/* .onCancel */ .A)(() => killProcessTree(child, posix));
        child.stdout?.on('data', (chunk) => {
            stdout.push(chunk);
            options.onStdout?.(chunk);
            lines?.push(chunk);
        });
        child.stderr?.on('data', (chunk) => {
            stderr.push(chunk);
            options.onStderr?.(chunk);
        });
        timer = setTimeout(() => {
            if (aborted)
                return;
            timedOut = true;
            killProcessTree(child, posix);
        }, options.timeoutMs);
        if (options.signal?.aborted)
            onAbort();
        else
            options.signal?.addEventListener('abort', onAbort, { once: true });
        child.on('error', error => finish(null, error.message));
        child.on('exit', code => {
            grace = setTimeout(() => {
                child.stdout?.destroy();
                child.stderr?.destroy();
                finish(code);
            }, PIPE_GRACE_MS);
        });
        child.on('close', code => finish(code));
    });
}
/** Kills a child and everything it started: its process group on POSIX, `taskkill /T /F` on Windows. */
function killProcessTree(child, posix = process.platform !== 'win32') {
    const pid = child.pid;
    if (!pid)
        return;
    try {
        if (posix) {
            process.kill(-pid, 'SIGKILL');
            return;
        }
        (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true }).on('error', () => child.kill('SIGKILL'));
    }
    catch {
        try {
            child.kill('SIGKILL');
        }
        catch {
            // Already gone.
        }
    }
}
/**
 * Runs `go env -json <names>` once (never switching toolchains) and returns the values by name, or a classified
 * failure carrying go's stderr. Names must be plain variable names.
 */
async function goEnv(go, names, options) {
    const bad = names.find(name => !/^[A-Z][A-Z0-9_]*$/.test(name));
    if (names.length === 0 || bad !== undefined) {
        throw new Error(`goEnv: invalid variable name ${JSON.stringify(bad ?? '')} (expected e.g. GOPROXY)`);
    }
    const run = await runGo(go, ['env', '-json', ...names], {
        cwd: options.cwd,
        env: options.env,
        timeoutMs: options.timeoutMs ?? 30_000,
        ...(options.signal ? { signal: options.signal } : {})
    });
    const stderr = run.stderr;
    const said = firstLine(stderr);
    const fail = (kind, what) => ({ ok: false, kind, message: said ? `${what}: ${said}` : what, stderr });
    const command = `go env ${names.join(' ')}`;
    if (run.spawnError !== undefined)
        return fail('spawn', `${command} could not start ${go} (${run.spawnError})`);
    if (run.timedOut)
        return fail('timeout', `${command} did not finish in ${options.timeoutMs ?? 30_000} ms`);
    if (run.aborted)
        return fail('aborted', `${command} was cancelled`);
    if (run.code !== 0)
        return fail('exit', `${command} failed (exit ${run.code})`);
    let parsed;
    try {
        parsed = JSON.parse(run.stdout);
    }
    catch {
        return fail('output', `${command} printed something other than JSON`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return fail('output', `${command} printed something other than a JSON object`);
    }
    const values = {};
    for (const name of names) {
        const value = parsed[name];
        if (typeof value !== 'string')
            return fail('output', `${command} printed no string for ${name}`);
        values[name] = value;
    }
    return { ok: true, values };
}
function firstLine(text) {
    return (text
        .split(/\r?\n/)
        .map(line => line.trim())
        .find(line => line !== '') ?? '');
}


/***/ }),

/***/ 796:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  NI: () => (/* binding */ formatPatterns),
  rM: () => (/* binding */ matchesEverything),
  BC: () => (/* binding */ matchesPrefixPatterns),
  A6: () => (/* binding */ parsePatternInput)
});

// EXTERNAL MODULE: ./src/go/errors.ts
var errors = __nccwpck_require__(6743);
;// CONCATENATED MODULE: ./src/go/env/glob.ts
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

;// CONCATENATED MODULE: ./src/go/env/patterns.ts


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
        throw new errors/* InputError */.dz(input, `${(0,errors/* quote */.hD)(raw)} contains separators but no pattern; leave it empty or list patterns.`);
    }
    const patterns = [];
    for (const entry of entries) {
        (0,errors/* assertNoControlCharacters */.Pt)(input, entry);
        if (/\s/.test(entry)) {
            throw new errors/* InputError */.dz(input, `pattern ${(0,errors/* quote */.hD)(entry)} contains a blank; module paths never do. Separate patterns with commas or newlines.`);
        }
        // Go drops one trailing slash before matching: `a\/` is matched as `a\`, which is malformed.
        if (isMalformedGlob(entry.endsWith('/') ? entry.slice(0, -1) : entry)) {
            throw new errors/* InputError */.dz(input, `pattern ${(0,errors/* quote */.hD)(entry)} is not a valid glob (Go would silently ignore it). Use * ? [a-z] [^a-z] and \\ escapes as in Go's path.Match.`);
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


/***/ }),

/***/ 6743:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ InputErrors),
/* harmony export */   KO: () => (/* binding */ ErrorCollector),
/* harmony export */   O6: () => (/* binding */ variableOfInput),
/* harmony export */   Pt: () => (/* binding */ assertNoControlCharacters),
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   u5: () => (/* binding */ environmentInput)
/* harmony export */ });
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
/** The label of an input error about a variable the job's environment holds (`GOPROXY (job environment)`). */
function environmentInput(variable) {
    return `${variable} (job environment)`;
}
/** The variable an environmentInput label names, or undefined for an input's own name. */
function variableOfInput(input) {
    return /^([A-Z][A-Z0-9_]*) \(job environment\)$/.exec(input)?.[1];
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
/**
 * Rejects NUL, newlines and other control characters, which Go refuses or would let inject another variable.
 * `redact` hides credentials in the message; the check itself runs on the whole value, so a control character inside
 * a password is refused too (a redacted copy would have hidden it, and the raw value would be exported).
 */
function assertNoControlCharacters(input, value, redact = text => text) {
    const match = CONTROL.exec(value);
    if (match) {
        const code = match[0].charCodeAt(0).toString(16).padStart(4, '0').toUpperCase();
        const shown = redact(value);
        const where = CONTROL.test(shown) ? '' : ' in its hidden credentials';
        throw new InputError(input, `${quote(shown)} contains the control character U+${code}${where}; remove it.`);
    }
}


/***/ }),

/***/ 4549:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   kW: () => (/* binding */ parseGoMod),
/* harmony export */   xj: () => (/* binding */ parseGoWork)
/* harmony export */ });
/* unused harmony export isDirectoryPath */
/**
 * go.mod and go.work parsers over text (the shell reads the files), ported from the parts of
 * golang.org/x/mod/modfile (read.go, rule.go, work.go, Go 1.23 vendored copy) that the prefetch plan needs:
 * the lexer (comments, quoted and raw strings, `verb (` blocks), and the module, go, toolchain, require,
 * exclude, replace and use directives. retract, godebug and unknown verbs are read and ignored. A line the
 * grammar rejects is reported in `errors` (with its line number), never thrown: the go command will say the
 * same thing in its own words, and the plan simply covers less.
 */
/** Go's isIdent: any printable non-space rune except the punctuation the grammar reserves. */
function isIdentChar(c) {
    return !/[\s()[\]{},]/u.test(c) && /\P{C}/u.test(c);
}
/** Lexes `rawLines[index]` as modfile's lexer does: blanks, // comments, punctuation, quoted and raw strings, idents. */
function lexLine(rawLines, index) {
    const tokens = [];
    let comment = '';
    let text = rawLines[index];
    let i = index + 1;
    let pos = 0;
    let bad;
    while (pos < text.length) {
        const c = text[pos];
        if (c === ' ' || c === '\t' || c === '\r' || c === '\f' || c === '\v') {
            pos++;
        }
        else if (text.startsWith('//', pos)) {
            comment = text.slice(pos + 2).trim();
            break;
        }
        else if ('()[]{},'.includes(c)) {
            // Punctuation is a token of its own (retract [v1.0.0, v1.1.0]); only ( and ) mean something here.
            tokens.push(c);
            pos++;
        }
        else if (c === '"') {
            let end = pos + 1;
            while (end < text.length && text[end] !== '"')
                end += text[end] === '\\' ? 2 : 1;
            if (end >= text.length) {
                bad = 'unterminated quoted string';
                break;
            }
            tokens.push(text.slice(pos, end + 1));
            pos = end + 1;
        }
        else if (c === '`') {
            // A raw string may span lines.
            let end = text.indexOf('`', pos + 1);
            while (end < 0 && i < rawLines.length) {
                text += '\n' + rawLines[i];
                i++;
                end = text.indexOf('`', pos + 1);
            }
            if (end < 0) {
                bad = 'unterminated raw string';
                break;
            }
            tokens.push(text.slice(pos, end + 1));
            pos = end + 1;
        }
        else if (isIdentChar(c)) {
            let end = pos;
            while (end < text.length && isIdentChar(text[end]) && !text.startsWith('//', end)) {
                if (text.startsWith('/*', end))
                    bad = 'mod files must use // comments (not /* */ comments)';
                end++;
            }
            if (bad)
                break;
            tokens.push(text.slice(pos, end));
            pos = end;
        }
        else {
            bad = `unexpected input character ${JSON.stringify(c)}`;
            break;
        }
    }
    return { tokens, comment, ...(bad ? { bad } : {}), next: i };
}
/**
 * Splits a file into directive lines. A block `verb (` ... `)` turns into one line per entry with the verb
 * prepended, as modfile does for rules inside a LineBlock.
 */
function lexLines(text, errors) {
    const lines = [];
    let block;
    let blockLine = 0;
    const rawLines = text.split('\n');
    let i = 0;
    while (i < rawLines.length) {
        const start = i + 1;
        const { tokens, comment, bad, next } = lexLine(rawLines, i);
        i = next;
        if (bad) {
            errors.push({ line: start, message: bad });
            continue;
        }
        if (tokens.length === 0)
            continue;
        if (block) {
            if (tokens.length === 1 && tokens[0] === ')') {
                block = undefined;
                continue;
            }
            lines.push({ tokens: [...block, ...tokens], comment, line: start });
            continue;
        }
        if (tokens[tokens.length - 1] === '(' && tokens.length >= 2 && !tokens.slice(0, -1).includes('(')) {
            block = tokens.slice(0, -1);
            blockLine = start;
            continue;
        }
        lines.push({ tokens, comment, line: start });
    }
    if (block)
        errors.push({ line: blockLine, message: `unterminated block ${block.join(' ')} (` });
    return lines;
}
/** Go's strconv.Unquote for the escapes a module path or version can need; undefined when go rejects the token. */
function unquote(token) {
    // modfile.parseString: only "..." is unquoted; any other quote character (a raw `...` string too) is an error.
    if (!token.startsWith('"'))
        return /["'`]/.test(token) ? undefined : token;
    try {
        const value = JSON.parse(token.replace(/\\x([0-9a-fA-F]{2})/g, '\\u00$1').replace(/\\'/g, "'"));
        return typeof value === 'string' ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** modfile.IsDirectoryPath: Unix and Windows relative or absolute directory syntaxes. */
function isDirectoryPath(s) {
    return (s === '.' ||
        s === '..' ||
        s.startsWith('./') ||
        s.startsWith('.\\') ||
        s.startsWith('../') ||
        s.startsWith('..\\') ||
        s.startsWith('/') ||
        s.startsWith('\\') ||
        /^[A-Za-z]:/.test(s));
}
/** The arguments of a line, unquoted; undefined (with an error recorded) when one is malformed. */
function args(line, errors) {
    const out = [];
    for (const token of line.tokens.slice(1)) {
        const value = unquote(token);
        if (value === undefined) {
            errors.push({ line: line.line, message: `invalid quoted string ${token}` });
            return undefined;
        }
        out.push(value);
    }
    return out;
}
function parseReplace(line, a, errors) {
    const arrow = a.length >= 2 && a[1] === '=>' ? 1 : 2;
    if (a.length < arrow + 2 || a.length > arrow + 3 || a[arrow] !== '=>') {
        errors.push({ line: line.line, message: 'usage: replace module/path [v1.2.3] => other/module v1.4' });
        return undefined;
    }
    const old = { path: a[0], version: arrow === 2 ? a[1] : '' };
    const target = a[arrow + 1];
    const targetVersion = a.length === arrow + 3 ? a[arrow + 2] : '';
    if (targetVersion === '') {
        if (!isDirectoryPath(target)) {
            errors.push({
                line: line.line,
                message: `replacement module without version must be directory path (rooted or starting with ./ or ../): ${target}`
            });
            return undefined;
        }
        return { old, new: { path: target, version: '' }, local: true };
    }
    if (isDirectoryPath(target)) {
        errors.push({ line: line.line, message: `replacement module directory path ${target} cannot have version` });
        return undefined;
    }
    return { old, new: { path: target, version: targetVersion }, local: false };
}
function isIndirect(comment) {
    // modfile.isIndirect: the comment is exactly "indirect" or starts with "indirect;".
    return comment === 'indirect' || comment.startsWith('indirect;');
}
/** Parses a go.mod text. Never throws; `errors` lists the lines that were skipped. */
function parseGoMod(text) {
    const errors = [];
    let module = '';
    const found = {};
    const versionLines = {};
    const require = [];
    const exclude = [];
    const replace = [];
    for (const line of lexLines(text, errors)) {
        const verb = line.tokens[0];
        const a = args(line, errors);
        if (!a)
            continue;
        const expect = (n, usage) => {
            if (a.length === n)
                return true;
            errors.push({ line: line.line, message: `usage: ${usage}` });
            return false;
        };
        switch (verb) {
            case 'module':
                if (expect(1, 'module module/path'))
                    module = a[0];
                break;
            case 'go':
            case 'toolchain':
                versionDirective(verb, line, a, found, versionLines, errors);
                break;
            case 'require':
                if (expect(2, 'require module/path v1.2.3'))
                    require.push({ path: a[0], version: a[1], indirect: isIndirect(line.comment) });
                break;
            case 'exclude':
                if (expect(2, 'exclude module/path v1.2.3'))
                    exclude.push({ path: a[0], version: a[1] });
                break;
            case 'replace': {
                const r = parseReplace(line, a, errors);
                if (r)
                    replace.push(r);
                break;
            }
            default:
                // retract, godebug, tool and verbs of later Go versions do not change what is downloaded.
                break;
        }
    }
    return { module, ...found, versionLines, require, exclude, replace, errors };
}
/**
 * The `go` and `toolchain` directives of go.mod and go.work: one argument each, at most once (modfile's
 * "repeated go statement"); the first one counts.
 */
function versionDirective(verb, line, a, found, lines, errors) {
    if (a.length !== 1) {
        errors.push({ line: line.line, message: verb === 'go' ? 'usage: go 1.23' : 'usage: toolchain go1.23.5' });
    }
    else if (found[verb] !== undefined) {
        errors.push({ line: line.line, message: `repeated ${verb} statement` });
    }
    else {
        found[verb] = a[0];
        lines[verb] = line.line;
    }
}
/** Parses a go.work text. Never throws; `errors` lists the lines that were skipped. */
function parseGoWork(text) {
    const errors = [];
    const found = {};
    const versionLines = {};
    const use = [];
    const replace = [];
    for (const line of lexLines(text, errors)) {
        const a = args(line, errors);
        if (!a)
            continue;
        const verb = line.tokens[0];
        switch (verb) {
            case 'go':
            case 'toolchain':
                versionDirective(verb, line, a, found, versionLines, errors);
                break;
            case 'use':
                if (a.length === 1)
                    use.push(a[0]);
                else
                    errors.push({ line: line.line, message: 'usage: use local/dir' });
                break;
            case 'replace': {
                const r = parseReplace(line, a, errors);
                if (r)
                    replace.push(r);
                break;
            }
            default:
                break;
        }
    }
    return { ...found, versionLines, use, replace, errors };
}


/***/ }),

/***/ 4716:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GX: () => (/* binding */ MODULE_DOWNLOAD_DIR),
/* harmony export */   Tz: () => (/* binding */ parseModuleFilePath),
/* harmony export */   bN: () => (/* binding */ moduleRequestPath),
/* harmony export */   g1: () => (/* binding */ moduleFilePath),
/* harmony export */   iU: () => (/* binding */ checkModulePath),
/* harmony export */   s2: () => (/* binding */ MODULE_VCS_DIR),
/* harmony export */   xk: () => (/* binding */ escapeModulePath)
/* harmony export */ });
/* unused harmony export unescapeModulePath */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);

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
/**
 * The inverse of {@link escapeModulePath} (golang.org/x/mod/module.UnescapePath's rule): `!x` is `X`; an upper-case
 * letter, or a `!` not followed by a lower-case letter, is no escaped path at all (undefined).
 */
function unescapeModulePath(escaped) {
    if (/[A-Z]/.test(escaped) || /!([^a-z]|$)/.test(escaped))
        return undefined;
    return escaped.replace(/!([a-z])/g, (_m, c) => c.toUpperCase());
}
/**
 * Where go keeps what it downloads, below GOMODCACHE: the proxy protocol's files (`download`, what the modules cache
 * entry holds) and the version-control checkouts of `direct` fetches (`vcs`). Path segments, for the caller's
 * `path.join` (this library does no I/O and joins no platform paths).
 */
const MODULE_DOWNLOAD_DIR = ['cache', 'download'];
const MODULE_VCS_DIR = ['cache', 'vcs'];
/**
 * Where go keeps a module version's file under `$GOMODCACHE/cache/download` (and where a proxy serves it, before
 * percent-encoding): `<escaped path>/@v/<escaped version>.<ext>`, '/'-separated.
 */
function moduleFilePath(path, version, ext) {
    return `${escapeModulePath(path)}/@v/${escapeModulePath(version)}.${ext}`;
}
/** The inverse of {@link moduleFilePath}; undefined for any other name or a malformed escape. */
function parseModuleFilePath(rel) {
    const m = /^(.+)\/@v\/([^/]+)\.([a-z]+)$/.exec(rel);
    if (!m)
        return undefined;
    const path = unescapeModulePath(m[1]);
    const version = unescapeModulePath(m[2]);
    return path && version?.startsWith('v') ? { path, version, ext: m[3] } : undefined;
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(path)} is not a valid module path: ${why}.`);
    };
    if (path === '')
        fail('it is empty');
    if (path.startsWith('/') || path.endsWith('/'))
        fail('it starts or ends with a slash');
    const elements = path.split('/');
    const first = elements[0];
    if (!first.includes('.'))
        fail(`its first element ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(first)} has no dot (it must be a host name)`);
    if (first.startsWith('-') || first.startsWith('.'))
        fail('its first element starts with a dash or a dot');
    if (!/^[a-z0-9.-]+$/.test(first))
        fail('its first element may hold only lower-case letters, digits, dots and dashes');
    for (const element of elements) {
        if (element === '')
            fail('it has an empty path element (double slash)');
        if (!/^[A-Za-z0-9._~-]+$/.test(element))
            fail(`element ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(element)} has a character other than A-Z a-z 0-9 - . _ ~`);
        if (element.startsWith('.') || element.endsWith('.'))
            fail(`element ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(element)} starts or ends with a dot`);
        if (WINDOWS_RESERVED.has(element.split('.')[0].toUpperCase()))
            fail(`element ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(element)} is reserved on Windows`);
    }
}


/***/ }),

/***/ 3364:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ms: () => (/* binding */ parseGoproxy),
/* harmony export */   ik: () => (/* binding */ parseProxiesInput),
/* harmony export */   rA: () => (/* binding */ formatChain)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);
/* harmony import */ var _presets_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8553);
/* harmony import */ var _url_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2660);



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
            ignored.push((0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactEntry */ .cl)(text));
            continue;
        }
        if (text === 'direct' || text === 'off') {
            terminal = text;
            continue;
        }
        (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .assertNoControlCharacters */ .Pt)(input, text, _url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactEntry */ .cl);
        const preset = (0,_presets_js__WEBPACK_IMPORTED_MODULE_1__/* .findPreset */ .t)(text);
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
                    ? ` Presets: ${_presets_js__WEBPACK_IMPORTED_MODULE_1__/* .PROXY_PRESETS */ .CE.map(p => p.name).join(', ')}.`
                    : '';
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)((0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactEntry */ .cl)(text))} is not a proxy URL, preset or keyword (direct, off).${hint}`);
        }
        (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .parseProxyUrl */ .Pr)(input, url, (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactEntry */ .cl)(text));
        const key = (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyKey */ .sw)(url);
        if (seen.has(key))
            continue;
        seen.add(key);
        const known = presetByUrl(url);
        proxies.push({ url, separator: token.separator, origin: options.origin, ...(known ? { preset: known.name } : {}) });
    }
    if (proxies.length === 0 && !terminal) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, 'the list contains no entries (Go: "GOPROXY list is not the empty string, but contains no entries").');
    }
    return { chain: { proxies, ...(terminal ? { terminal } : {}) }, ignored };
}
function presetByUrl(url) {
    return _presets_js__WEBPACK_IMPORTED_MODULE_1__/* .PROXY_PRESETS */ .CE.find(p => (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyKey */ .sw)(p.url) === (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .proxyKey */ .sw)(url));
}
/**
 * Parses a GOPROXY value exactly as the go command reads it (split on `,`/`|`,
 * entries trimmed, empty ones skipped, `direct`/`off` end the list, bare hosts get
 * https://). Throws an InputError for every value Go would reject, up front.
 */
function parseGoproxy(input, value) {
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .assertNoControlCharacters */ .Pt)(input, value, _url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactText */ .Rd);
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
        (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .assertNoControlCharacters */ .Pt)(input, line, _url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO);
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
        parts.push(redact ? (0,_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(entry.url) : entry.url);
        if (i < chain.proxies.length - 1 || chain.terminal)
            parts.push(entry.separator);
    });
    if (chain.terminal)
        parts.push(chain.terminal);
    return parts.join('');
}


/***/ }),

/***/ 8553:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CE: () => (/* binding */ PROXY_PRESETS),
/* harmony export */   Qi: () => (/* binding */ presetForUrl),
/* harmony export */   a5: () => (/* binding */ REGION_PRESETS),
/* harmony export */   cH: () => (/* binding */ GO_DEFAULT_GOPROXY),
/* harmony export */   ij: () => (/* binding */ REGIONS),
/* harmony export */   lw: () => (/* binding */ GO_DEFAULT_GOSUMDB),
/* harmony export */   t: () => (/* binding */ findPreset)
/* harmony export */ });
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


/***/ }),

/***/ 2660:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   BO: () => (/* binding */ redactUrl),
/* harmony export */   PH: () => (/* binding */ stripCredentials),
/* harmony export */   Pr: () => (/* binding */ parseProxyUrl),
/* harmony export */   Rd: () => (/* binding */ redactText),
/* harmony export */   cl: () => (/* binding */ redactEntry),
/* harmony export */   mE: () => (/* binding */ secretsOfUrl),
/* harmony export */   sw: () => (/* binding */ proxyKey)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):(.*)$/s;
/**
 * Parses a proxy URL the way the go command's newProxyRepo accepts it, with the
 * checks Go leaves until the first request: scheme http, https or file (any case);
 * file: URLs with a path only; http(s) URLs with a host; no blank anywhere.
 * `entry` is the text to name in messages (already redacted by the caller).
 */
function parseProxyUrl(input, url, shown) {
    if (/\s/.test(url))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} contains a blank; URLs cannot.`);
    const match = SCHEME.exec(url);
    if (!match) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has no scheme. Write https://host/path, http://host/path or file:///path, a preset name, direct or off (keywords are lower case).`);
    }
    const scheme = match[1].toLowerCase();
    const afterScheme = match[2];
    // Go's url.Parse rejects a % that does not start a %XX escape (the query is not checked).
    const beforeQuery = afterScheme.split('?')[0];
    if (/%(?![0-9A-Fa-f]{2})/.test(beforeQuery)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has a % that is not a %XX escape (Go: "invalid URL escape").`);
    }
    if (scheme === 'file') {
        // Go: a file proxy URL may hold a path and nothing else (no host, not even localhost).
        // file:/path (no //) is a URL with OmitHost set, which newProxyRepo rejects as a non-path element.
        const path = afterScheme.startsWith('///') ? afterScheme.slice(2) : null;
        if (path === null || !path.startsWith('/') || /[?#]/.test(path)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)}: a file:// proxy URL may hold only an absolute path, as in file:///srv/goproxy.`);
        }
        return { scheme: 'file', host: '', hostname: '', port: '', username: '', password: '', rest: path };
    }
    if (scheme !== 'http' && scheme !== 'https') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} uses the scheme ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(scheme)}; Go accepts only https, http and file.`);
    }
    if (!afterScheme.startsWith('//')) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} must be written ${scheme}://host/path.`);
    }
    const authorityEnd = afterScheme.slice(2).search(/[/?#]/);
    const authority = authorityEnd < 0 ? afterScheme.slice(2) : afterScheme.slice(2, 2 + authorityEnd);
    const rest = authorityEnd < 0 ? '' : afterScheme.slice(2 + authorityEnd);
    if (rest.includes('#'))
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has a #fragment; remove it.`);
    const at = authority.lastIndexOf('@');
    const userinfo = at < 0 ? '' : authority.slice(0, at);
    const host = at < 0 ? authority : authority.slice(at + 1);
    const colon = userinfo.indexOf(':');
    const username = colon < 0 ? userinfo : userinfo.slice(0, colon);
    const password = colon < 0 ? '' : userinfo.slice(colon + 1);
    // Go's url.Parse: userinfo of RFC 3986 characters only; no escape of an ASCII byte in a host (so no % at all here).
    if (!/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(userinfo)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has a character in its user name or password that must be percent-encoded (Go: "invalid userinfo").`);
    }
    const hostMatch = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._~!$&'()*+;=-]+)(?::(\d*))?$/.exec(host);
    if (!hostMatch || hostMatch[1] === '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has no valid host name.`);
    }
    const port = hostMatch[2] ?? '';
    if (port !== '' && (Number(port) < 1 || Number(port) > 65535)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} has the port ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(port)}, outside 1-65535.`);
    }
    if (scheme === 'http' && userinfo !== '') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `proxy ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(shown)} carries credentials over plain http; the go command refuses to send them. Use https, or no credentials.`);
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


/***/ }),

/***/ 9716:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $M: () => (/* binding */ parseGosumdb),
/* harmony export */   ZC: () => (/* binding */ CHINA_SUMDB_ALIAS)
/* harmony export */ });
/* unused harmony exports KNOWN_SUMDB_KEYS, checkVerifierKey */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6743);
/* harmony import */ var _proxy_url_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(2660);



/** The go command's built-in verifier keys (cmd/go/internal/modfetch/key.go). */
const KNOWN_SUMDB_KEYS = {
    'sum.golang.org': 'sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
};
/** The one alias Go knows: sum.golang.org, served where mainland China reaches it. */
const CHINA_SUMDB_ALIAS = 'sum.golang.google.cn';
const CHINA_SUMDB_URL = 'https://sum.golang.google.cn';
function keyHash(name, key) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(verifier)} is neither a known checksum database (sum.golang.org, sum.golang.google.cn, off) nor a verifier key name+hash+key (Go: "malformed verifier id").`);
    }
    if (parseInt(hash16, 16) !== keyHash(name, key)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `the verifier key for ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(name)} has a hash that does not match its key (Go: "invalid verifier hash").`);
    }
    if (key[0] !== 1 || key.length !== 33) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `the verifier key for ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(name)} is not an Ed25519 key (Go: "unknown verifier algorithm").`);
    }
    if (name.endsWith('/') || !/^[A-Za-z0-9._~-]+(:\d+)?(\/[A-Za-z0-9._~/-]*)?$/.test(name)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `the checksum database name ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(name)} must be host[/path] (Go: "invalid sumdb name").`);
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
    (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .assertNoControlCharacters */ .Pt)(input, raw, _proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactText */ .Rd);
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
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, 'is empty after trimming.');
    if (fields.length > 2) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)((0,_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactText */ .Rd)(value))} has ${fields.length} fields; Go accepts a name or key, then at most one URL ("too many fields").`);
    }
    const [first, url] = fields;
    if (first === 'off' || first.toLowerCase() === 'off') {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)((0,_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactText */ .Rd)(value))}: write exactly off to disable verification (not recommended).`);
    }
    const key = KNOWN_SUMDB_KEYS[first] ?? first;
    const name = checkVerifierKey(input, key);
    if (url !== undefined && !/^https?:\/\/[^/?#\s]+/i.test(url)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `the checksum database URL ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)((0,_proxy_url_js__WEBPACK_IMPORTED_MODULE_2__/* .redactUrl */ .BO)(url))} must be an http(s) URL.`);
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


/***/ }),

/***/ 5572:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AL: () => (/* binding */ toolchainModuleVersion),
/* harmony export */   GI: () => (/* binding */ goPlatform),
/* harmony export */   Xy: () => (/* binding */ parseToolchainList),
/* harmony export */   ZN: () => (/* binding */ parseArchitecture),
/* harmony export */   mD: () => (/* binding */ withArchitecture),
/* harmony export */   pr: () => (/* binding */ toolchainZipPrefix),
/* harmony export */   qQ: () => (/* binding */ selectToolchain),
/* harmony export */   xc: () => (/* binding */ TOOLCHAIN_MODULE)
/* harmony export */ });
/* unused harmony exports TOOLCHAIN_VERSION_PREFIX, ARCHITECTURE_VALUES */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5570);
/**
 * The golang.org/toolchain module's version list and the runner's platform (pure).
 *
 * API:
 * - `TOOLCHAIN_MODULE` (`golang.org/toolchain`), `toolchainModuleVersion(goVersion, platform)`
 *   (`v0.0.1-go1.23.5.linux-amd64`), `toolchainZipPrefix(moduleVersion)` (every zip entry starts with it).
 * - `goPlatform({ platform, arch, endianness? })`: Node's `process.platform`/`process.arch` → Go's GOOS/GOARCH and exe suffix.
 * - `parseArchitecture(value)` / `withArchitecture(platform, arch)`: the `architecture` input (another GOARCH to install).
 * - `parseToolchainList(text)`: `<proxy>/golang.org/toolchain/@v/list` → entries (go version, GOOS, GOARCH).
 * - `selectToolchain(request, entries, platform)`: the newest entry for the request on this platform, or an
 *   InputError naming the request and the nearest versions that exist for this platform.
 */


/** The module through which the go command (≥ 1.21) downloads toolchains. */
const TOOLCHAIN_MODULE = 'golang.org/toolchain';
/** The version prefix every golang.org/toolchain version carries (`gotoolchainVersion` in cmd/go). */
const TOOLCHAIN_VERSION_PREFIX = 'v0.0.1';
/** Node's process.platform → GOOS, for the platforms Go publishes toolchains for. */
const GOOS_BY_NODE_PLATFORM = {
    linux: 'linux',
    darwin: 'darwin',
    win32: 'windows',
    freebsd: 'freebsd',
    openbsd: 'openbsd',
    netbsd: 'netbsd',
    aix: 'aix',
    android: 'android'
};
/**
 * Node's process.arch → GOARCH. The toolchain module names platforms by runtime.GOARCH, so 32-bit ARM is `arm`
 * (`linux-arm`), not go.dev/dl's file name `armv6l`.
 */
const GOARCH_BY_NODE_ARCH = {
    x64: 'amd64',
    arm64: 'arm64',
    ia32: '386',
    arm: 'arm',
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loong64',
    mips: 'mips',
    mipsel: 'mipsle',
    mips64el: 'mips64le'
};
/**
 * Go's name for the platform Node runs on. Throws InputError (input `platform`) naming the Node value when Go
 * publishes no toolchain for it.
 */
function goPlatform(node) {
    const goos = GOOS_BY_NODE_PLATFORM[node.platform];
    if (goos === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('platform', `Go toolchains are not published for process.platform ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(node.platform)}`);
    }
    let goarch;
    if (node.arch === 'ppc64') {
        // AIX is big-endian ppc64 only; Linux on POWER is ppc64le nearly always.
        goarch = goos === 'aix' || node.endianness === 'BE' ? 'ppc64' : 'ppc64le';
    }
    else {
        goarch = GOARCH_BY_NODE_ARCH[node.arch];
    }
    if (goarch === undefined) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz('platform', `Go toolchains are not published for process.arch ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(node.arch)}`);
    }
    return { goos, goarch, exe: goos === 'windows' ? '.exe' : '' };
}
const ARCHITECTURES = {
    x64: { goarch: 'amd64', toolCacheArch: 'x64' },
    amd64: { goarch: 'amd64', toolCacheArch: 'x64' },
    x86: { goarch: '386', toolCacheArch: 'x86' },
    ia32: { goarch: '386', toolCacheArch: 'x86' },
    '386': { goarch: '386', toolCacheArch: 'x86' },
    arm64: { goarch: 'arm64', toolCacheArch: 'arm64' },
    aarch64: { goarch: 'arm64', toolCacheArch: 'arm64' },
    arm: { goarch: 'arm', toolCacheArch: 'arm' },
    ppc64le: { goarch: 'ppc64le', toolCacheArch: 'ppc64' },
    s390x: { goarch: 's390x', toolCacheArch: 's390x' },
    riscv64: { goarch: 'riscv64', toolCacheArch: 'riscv64' },
    loong64: { goarch: 'loong64', toolCacheArch: 'loong64' }
};
/** The accepted `architecture` values, in the order the refusal lists them (Object.keys would put `386` first). */
const ARCHITECTURE_VALUES = [
    'x64',
    'amd64',
    'x86',
    'ia32',
    '386',
    'arm64',
    'aarch64',
    'arm',
    'ppc64le',
    's390x',
    'riscv64',
    'loong64'
];
/**
 * `architecture` → the GOARCH to install and its tool-cache name; undefined when empty (the runner's own). Any
 * other value is an InputError naming the input and the value (case matters: GOARCH and process.arch are lower case).
 */
function parseArchitecture(value, input = 'architecture') {
    const name = value.trim();
    if (name === '')
        return undefined;
    const found = Object.hasOwn(ARCHITECTURES, name) ? ARCHITECTURES[name] : undefined;
    if (!found)
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)} is not one of: ${ARCHITECTURE_VALUES.join(', ')}.`);
    return found;
}
/** `platform` with its GOARCH replaced by the requested architecture's (the OS stays the runner's). */
function withArchitecture(platform, architecture) {
    return architecture ? { ...platform, goarch: architecture.goarch } : platform;
}
/** `v0.0.1-go1.23.5.linux-amd64`: the golang.org/toolchain version holding Go `goVersion` for `platform`. */
function toolchainModuleVersion(goVersion, platform) {
    if (!(0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isGoVersion */ .JQ)(goVersion))
        throw new Error(`not a Go version: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(goVersion)}`);
    return `${TOOLCHAIN_VERSION_PREFIX}-go${goVersion}.${platform.goos}-${platform.goarch}`;
}
/** The prefix every entry of the module zip starts with: `golang.org/toolchain@v0.0.1-go1.23.5.linux-amd64/`. */
function toolchainZipPrefix(moduleVersion) {
    return `${TOOLCHAIN_MODULE}@${moduleVersion}/`;
}
/**
 * Parses the text of `<proxy>/golang.org/toolchain/@v/list`. Lines that are not toolchain versions (blank lines,
 * other version forms, invalid Go versions) are skipped, as the go command skips versions it cannot use.
 */
function parseToolchainList(text) {
    const entries = [];
    for (const line of text.split('\n')) {
        const moduleVersion = line.trim();
        // GOOS and GOARCH never contain '.' or '-'; the Go version is everything between `-go` and the last '.'.
        const m = /^v0\.0\.1-go(.+)\.([a-z0-9]+)-([a-z0-9]+)$/.exec(moduleVersion);
        if (!m || !(0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isGoVersion */ .JQ)(m[1]))
            continue;
        entries.push({ moduleVersion, goVersion: m[1], goos: m[2], goarch: m[3] });
    }
    return entries;
}
/**
 * The newest toolchain in `entries` that `request` accepts for `platform`. Entries for other platforms are never
 * picked; release candidates only when the request names one (exact `1.23rc1`, or a range with a prerelease).
 * Throws InputError (input `input`, default `go-version`) naming the request, the platform and the nearest versions
 * that exist for it.
 */
function selectToolchain(request, entries, platform, input = 'go-version') {
    const here = entries.filter(e => e.goos === platform.goos && e.goarch === platform.goarch);
    const version = (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .pickVersion */ .SO)(request, here.map(e => e.goVersion));
    const found = version === undefined ? undefined : here.find(e => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareGoVersions */ .X_)(e.goVersion, version) === 0);
    if (found)
        return found;
    const where = `${platform.goos}/${platform.goarch}`;
    if (here.length === 0) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `no Go toolchain is published for ${where} in the golang.org/toolchain list`);
    }
    const nearest = nearestVersions(request, here.map(e => e.goVersion));
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(input, `no Go toolchain matches ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)((0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .describeRequest */ .Ng)(request))} for ${where}; nearest available: ${nearest.join(', ')}`);
}
/**
 * Up to two versions on each side of what was asked for (releases, plus prereleases when a prerelease was asked),
 * so a message can say "1.23.4, 1.23.6" for a missing 1.23.5. For stable/oldstable/ranges: the newest few releases.
 */
function nearestVersions(request, versions) {
    const wanted = request.kind === 'exact' ? request.version : request.kind === 'line' ? `${request.line}.0` : undefined;
    const candidates = [...new Set(versions)]
        .filter(v => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isReleaseVersion */ .O9)(v) || (wanted !== undefined && !(0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .isReleaseVersion */ .O9)(wanted)))
        .sort(_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareGoVersions */ .X_);
    if (candidates.length === 0)
        return [...new Set(versions)].sort(_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareGoVersions */ .X_).slice(-4);
    if (wanted === undefined)
        return candidates.slice(-4).reverse();
    const above = candidates.findIndex(v => (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .compareGoVersions */ .X_)(v, wanted) > 0);
    const split = above === -1 ? candidates.length : above;
    return candidates.slice(Math.max(0, split - 2), split + 2);
}


/***/ }),

/***/ 6309:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   JG: () => (/* binding */ VERSION_FILE_INPUT),
/* harmony export */   Sz: () => (/* binding */ parseVersionFile)
/* harmony export */ });
/* unused harmony exports parseGoModVersion, parseToolVersions, parsePlainVersionFile */
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);
/* harmony import */ var _modfile_modfile_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4549);
/* harmony import */ var _version_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(5570);
/**
 * Reading a Go version request out of a version file's text (pure; the shell reads the file).
 *
 * API:
 * - `parseVersionFile(fileName, text)`: dispatches on the base name — `go.mod` and `go.work` (toolchain line, else go
 *   line), `.tool-versions` (asdf/mise: `golang 1.23.5`), anything else (`.go-version`) a file holding one version.
 * - `parseGoModVersion`, `parseToolVersions`, `parsePlainVersionFile`: the individual parsers.
 *
 * Meaning of a `go.mod`/`go.work` file (decided here, documented for users):
 * - `toolchain go1.23.5` wins: it names the exact toolchain the module wants (what the go command would switch to).
 * - otherwise the `go` line, read as actions/setup-go reads it: `go 1.22` → the newest 1.22.x release; `go 1.22.3` →
 *   exactly 1.22.3; `go 1.23rc1` → exactly 1.23rc1. (For the go command ≥ 1.21 the go line is a minimum, and
 *   GOTOOLCHAIN=auto would switch up to it; installing exactly that version satisfies the minimum, and it is what
 *   setup-go users expect.)
 * Errors are InputErrors for the input `go-version-file` naming the file and the line.
 */



/** The input name version-file errors are reported under. */
const VERSION_FILE_INPUT = 'go-version-file';
/**
 * Parses a version file by its base name (`fileName` may be a path, with / or \ separators): `go.mod`, `go.work`,
 * `.tool-versions`; any other name is read as a `.go-version` file (one version, as setup-go reads unknown files).
 */
function parseVersionFile(fileName, text) {
    const base = fileName.split(/[\\/]/).pop() ?? fileName;
    if (base === 'go.mod' || base === 'go.work')
        return parseGoModVersion(fileName, text);
    if (base === '.tool-versions')
        return parseToolVersions(fileName, text);
    return parsePlainVersionFile(fileName, text);
}
/**
 * go.mod / go.work: the `toolchain go1.X.Y` line if there is one, else the `go` line, read with the same modfile
 * grammar as the warm phase's plan (src/go/modfile/modfile.ts: comments, blocks, quoted strings). A malformed or
 * repeated go/toolchain line is an error, as the go command refuses such a file.
 */
function parseGoModVersion(fileName, text) {
    const base = fileName.split(/[\\/]/).pop() ?? fileName;
    const parsed = base === 'go.work' ? (0,_modfile_modfile_js__WEBPACK_IMPORTED_MODULE_2__/* .parseGoWork */ .xj)(text) : (0,_modfile_modfile_js__WEBPACK_IMPORTED_MODULE_2__/* .parseGoMod */ .kW)(text);
    const shown = (line) => (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(lines(text)[line - 1]?.trim() ?? '');
    const bad = parsed.errors.find(e => /^(usage: (go|toolchain) |repeated (go|toolchain) )/.test(e.message));
    if (bad)
        throw fileError(fileName, bad.line, `${shown(bad.line)}: ${bad.message}`);
    const { go, toolchain, versionLines } = parsed;
    if (toolchain !== undefined && versionLines.toolchain !== undefined) {
        const line = versionLines.toolchain;
        // The go command also allows custom toolchain names (go1.21.3-corp): no such toolchain is published.
        if (!/^go\d/.test(toolchain) || toolchain.includes('-')) {
            throw fileError(fileName, line, `toolchain ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(toolchain)} is not a published Go toolchain (expected go1.X.Y)`);
        }
        return { request: requestAt(fileName, line, toolchain), value: toolchain, line };
    }
    if (go !== undefined && versionLines.go !== undefined) {
        const line = versionLines.go;
        if (go.startsWith('go'))
            throw fileError(fileName, line, `go line ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(go)} must not start with "go"`);
        return { request: requestAt(fileName, line, go), value: go, line };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(VERSION_FILE_INPUT, `${fileName} has neither a toolchain nor a go line`);
}
/**
 * `.tool-versions` (asdf, mise): the first `golang <version>` line (mise's `go <version>` too); further versions on
 * the line are asdf fallbacks and ignored. `#` starts a comment. `system`, `ref:` and `path:` values are refused.
 */
function parseToolVersions(fileName, text) {
    const all = lines(text);
    for (let i = 0; i < all.length; i++) {
        const fields = stripComment(all[i], '#').trim().split(/\s+/);
        if (fields[0] !== 'golang' && fields[0] !== 'go')
            continue;
        const value = fields[1];
        if (value === undefined)
            throw fileError(fileName, i + 1, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(all[i].trim())} has no version`);
        if (value === 'system' || value.includes(':')) {
            throw fileError(fileName, i + 1, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(value)} is not a Go version this action can install`);
        }
        return { request: requestAt(fileName, i + 1, value), value, line: i + 1 };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(VERSION_FILE_INPUT, `${fileName} has no golang line (expected e.g. "golang 1.23.5")`);
}
/** `.go-version` and other plain files: the first line that is neither blank nor a `#` comment holds the version. */
function parsePlainVersionFile(fileName, text) {
    const all = lines(text);
    for (let i = 0; i < all.length; i++) {
        const value = all[i].trim();
        if (value === '' || value.startsWith('#'))
            continue;
        return { request: requestAt(fileName, i + 1, value), value, line: i + 1 };
    }
    throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(VERSION_FILE_INPUT, `${fileName} is empty (expected a Go version such as 1.23.5)`);
}
function requestAt(fileName, line, value) {
    return (0,_version_js__WEBPACK_IMPORTED_MODULE_1__/* .parseVersionRequest */ .Hd)(value, `${VERSION_FILE_INPUT} (${fileName} line ${line})`);
}
function fileError(fileName, line, detail) {
    return new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .InputError */ .dz(VERSION_FILE_INPUT, `${fileName} line ${line}: ${detail}`);
}
/** Lines without their terminators; a UTF-8 byte order mark at the start is dropped. */
function lines(text) {
    return text.replace(/^\uFEFF/, '').split(/\r?\n/);
}
function stripComment(line, marker) {
    const at = line.indexOf(marker);
    return at === -1 ? line : line.slice(0, at);
}


/***/ }),

/***/ 5570:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ parseVersionRequest),
/* harmony export */   JQ: () => (/* binding */ isGoVersion),
/* harmony export */   Ng: () => (/* binding */ describeRequest),
/* harmony export */   O9: () => (/* binding */ isReleaseVersion),
/* harmony export */   S9: () => (/* binding */ toolchainModuleGoVersion),
/* harmony export */   SO: () => (/* binding */ pickVersion),
/* harmony export */   Tk: () => (/* binding */ makeSemver),
/* harmony export */   X_: () => (/* binding */ compareGoVersions),
/* harmony export */   ck: () => (/* binding */ pinnedToolchain)
/* harmony export */ });
/* unused harmony exports parseGoVersion, goVersionLine, versionMatches */
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(2088);
/* harmony import */ var semver__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(semver__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6743);
/**
 * Go version semantics for toolchain selection (pure).
 *
 * API:
 * - `parseGoVersion(text)` / `isGoVersion(text)` / `compareGoVersions(a, b)`: Go's own version grammar and order
 *   (cmd/go/internal/gover): `1.21` < `1.21rc1` < `1.21.0` < `1.21.1`; before Go 1.21 a missing patch is `.0`.
 * - `isReleaseVersion(v)`: a `X.Y.Z` release (what `stable` and ranges pick), not a language version or prerelease.
 * - `goVersionLine(v)`: the minor line, `1.23.5` → `1.23`.
 * - `makeSemver(v)`: actions/setup-go's tool-cache name for a Go version (`1.21rc1` → `1.21.0-rc.1`).
 * - `parseVersionRequest(text, input?)`: a `go-version` input as setup-go users write it → `VersionRequest`.
 * - `versionMatches(request, v)`, `pickVersion(request, versions)`: the newest available version a request accepts.
 */


/**
 * Parses a Go version without the `go` prefix (`1.23.5`, `1.23`, `1.23rc1`, `1`), exactly as gover.Parse does;
 * undefined when it is not one. Like Go, `1` means 1.0.0, and `1.20` means 1.20.0 while `1.21` stays a language
 * version (lower than `1.21rc1` and `1.21.0`).
 */
function parseGoVersion(text) {
    const m = /^(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)(?:\.(0|[1-9][0-9]*)|([a-z]+)(0|[1-9][0-9]*)?)?)?$/.exec(text);
    if (!m)
        return undefined;
    const [, major, minor, patch, kind, pre] = m;
    if (minor === undefined)
        return { major, minor: '0', patch: '0', kind: '', pre: '' };
    if (patch !== undefined)
        return { major, minor, patch, kind: '', pre: '' };
    if (kind !== undefined)
        return { major, minor, patch: '', kind, pre: pre ?? '' };
    // Patch missing is the same as .0 before Go 1.21; from 1.21 on `1.21` is the language version, not 1.21.0.
    return { major, minor, patch: compareNumbers(minor, '21') < 0 ? '0' : '', kind: '', pre: '' };
}
/** Whether `text` is a Go version (`1.23.5`, `1.23`, `1.23rc1`), without the `go` prefix. */
function isGoVersion(text) {
    return parseGoVersion(text) !== undefined;
}
/**
 * Go's version order (gover.Compare): -1, 0 or +1. Invalid versions compare lower than every valid one and equal to
 * each other, as in Go.
 */
function compareGoVersions(a, b) {
    const x = parseGoVersion(a) ?? INVALID;
    const y = parseGoVersion(b) ?? INVALID;
    return (compareNumbers(x.major, y.major) ||
        compareNumbers(x.minor, y.minor) ||
        compareNumbers(x.patch, y.patch) ||
        // '' < alpha < beta < rc, by plain string order as Go does.
        compareText(x.kind, y.kind) ||
        compareNumbers(x.pre, y.pre));
}
const INVALID = { major: '', minor: '', patch: '', kind: '', pre: '' };
/** A release `X.Y.Z` (Go ≥ 1.21 names every release so, `1.21.0` included); not `1.21`, not `1.21rc1`. */
function isReleaseVersion(version) {
    const v = parseGoVersion(version);
    return v !== undefined && v.patch !== '' && v.kind === '' && /^\d+\.\d+\.\d+$/.test(version);
}
/** The minor line of a version: `1.23.5` → `1.23`, `1.23rc1` → `1.23`. Throws on a non-version. */
function goVersionLine(version) {
    const v = parseGoVersion(version);
    if (!v)
        throw new Error(`not a Go version: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(version)}`);
    return `${v.major}.${v.minor}`;
}
/**
 * actions/setup-go's makeSemver: the version under which setup-go caches a Go release in the tool cache
 * (`$RUNNER_TOOL_CACHE/go/<this>/<arch>`), so each action finds the other's installs. `1.22` → `1.22.0`,
 * `1.21rc1` → `1.21.0-rc.1`, `1.22beta1` → `1.22.0-beta.1`, `go1.23.5` → `1.23.5`. Throws on anything that is not a
 * Go version.
 */
function makeSemver(version) {
    const bare = version.startsWith('go') ? version.slice(2) : version;
    const v = parseGoVersion(bare);
    if (!v)
        throw new Error(`not a Go version: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(version)}`);
    const core = `${v.major}.${v.minor}.${v.patch || '0'}`;
    return v.kind ? `${core}-${v.kind}.${v.pre || '0'}` : core;
}
/**
 * Parses a `go-version` value. `input` names where it came from in error messages (the input name, or a version
 * file and line). Throws InputError naming the input and the value when it is none of the forms of `VersionRequest`.
 */
function parseVersionRequest(text, input = 'go-version') {
    const value = text.trim();
    if (value === '')
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, 'is empty: give a Go version such as 1.23, 1.23.5 or stable');
    if (value === 'stable' || value === 'oldstable')
        return { kind: value };
    const bare = value.startsWith('go') ? value.slice(2) : value;
    const v = parseGoVersion(bare);
    if (v && /^\d+\.\d+/.test(bare)) {
        if (v.kind !== '' && !/^\d+\.\d+(alpha|beta|rc)[1-9]\d*$/.test(bare)) {
            throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is not a Go version: prereleases are written like 1.23rc1`);
        }
        if (v.patch === '' && v.kind === '')
            return { kind: 'line', line: bare };
        if (compareNumbers(v.minor, '21') < 0 && v.kind === '' && !/^\d+\.\d+\.\d+$/.test(bare)) {
            // Before 1.21 Go itself reads `1.20` as 1.20.0; setup-go (and so this action) reads it as the 1.20 line.
            return { kind: 'line', line: bare };
        }
        return { kind: 'exact', version: bare };
    }
    if (value !== bare) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is not a Go version (expected go1.X.Y, go1.X or go1.XrcN)`);
    }
    const range = semver__WEBPACK_IMPORTED_MODULE_0___default().validRange(value);
    if (range === null) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .InputError */ .dz(input, `${(0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .quote */ .hD)(value)} is neither a Go version (1.23, 1.23.5, 1.23rc1), stable, oldstable nor a semver range (^1.22, >=1.22, 1.22.x)`);
    }
    return { kind: 'range', range: value };
}
/** Describes a request in messages: `1.23.x`, `stable`, `>=1.22`. */
function describeRequest(request) {
    switch (request.kind) {
        case 'exact':
            return request.version;
        case 'line':
            return `${request.line} (newest ${request.line}.x)`;
        case 'range':
            return request.range;
        default:
            return request.kind;
    }
}
/**
 * Whether version `version` (a Go version such as `1.23.5`) satisfies a request other than stable/oldstable (which
 * depend on the whole list: use `pickVersion`).
 */
function versionMatches(request, version) {
    switch (request.kind) {
        case 'exact':
            return compareGoVersions(request.version, version) === 0 && isGoVersion(version);
        case 'line':
            return isReleaseVersion(version) && goVersionLine(version) === goVersionLine(request.line);
        case 'range': {
            // A language version (`1.22`) is no toolchain: makeSemver would make it 1.22.0, which it is not.
            const v = parseGoVersion(version);
            if (!v || (v.patch === '' && v.kind === ''))
                return false;
            return semver__WEBPACK_IMPORTED_MODULE_0___default().satisfies(makeSemver(version), request.range);
        }
        case 'stable':
        case 'oldstable':
            return isReleaseVersion(version);
    }
}
/**
 * The newest of `versions` (Go versions, any order, duplicates allowed) that `request` accepts, or undefined.
 * `stable` is the newest release (no prerelease); `oldstable` the newest release of the minor line below the newest
 * line that has a release (setup-go's meaning: with 1.23.5 and 1.22.9 available, oldstable is 1.22.9).
 */
function pickVersion(request, versions) {
    const sorted = [...new Set(versions)].filter(isGoVersion).sort((a, b) => compareGoVersions(b, a));
    if (request.kind === 'oldstable') {
        const releases = sorted.filter(isReleaseVersion);
        if (releases.length === 0)
            return undefined;
        const newestLine = goVersionLine(releases[0]);
        return releases.find(v => goVersionLine(v) !== newestLine);
    }
    return sorted.find(v => versionMatches(request, v));
}
/** Compares decimal strings without leading zeros as Go's gover.CmpInt does: by length, then text. */
function compareNumbers(x, y) {
    if (x === y)
        return 0;
    if (x.length !== y.length)
        return x.length < y.length ? -1 : 1;
    return x < y ? -1 : 1;
}
function compareText(x, y) {
    return x === y ? 0 : x < y ? -1 : 1;
}
/**
 * The GOTOOLCHAIN value that pins a job to the Go it installed (`version` without the `go` prefix): the toolchain's
 * own name (`go1.23.5`) from Go 1.21 on, `local` before. Both make the installed go run itself and refuse a go.mod
 * that needs a newer Go, without reading go.mod's toolchain line or downloading anything. The name, not `local`,
 * because actions/setup-go v6+ reads go.mod's `go` line instead of its `toolchain` line when the step starts with
 * GOTOOLCHAIN=local: a setup-go step after this one would install another Go from the same go.mod. Before 1.21
 * there is no toolchain to name (nor a go that reads GOTOOLCHAIN).
 */
function pinnedToolchain(version) {
    return isGoVersion(version) && compareGoVersions(version, '1.21rc1') >= 0 ? `go${version}` : 'local';
}
/** The Go version of a toolchain module version (`v0.0.1-go1.23.5.linux-amd64` → `1.23.5`); undefined otherwise. */
function toolchainModuleGoVersion(moduleVersion) {
    const version = /^v0\.0\.1-go(.+)\.[a-z0-9]+-[a-z0-9]+$/.exec(moduleVersion)?.[1];
    return version !== undefined && isGoVersion(version) ? version : undefined;
}


/***/ }),

/***/ 6062:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ ACTION_WORDING)
/* harmony export */ });
/* unused harmony export describeInputErrors */
/* harmony import */ var _go_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6743);
/**
 * How a host names its settings and its place in the messages the shared pipeline writes: the action speaks of
 * inputs (`proxies:`, "Input 'proxies'") on a runner, the CLI of flags (`--proxies`) on this machine. Each message
 * asks the host's Wording where it names one of them, so it is right where it is written (no translation of finished
 * text afterwards). Pure.
 */

/** Input errors as `words` names their inputs, one line each: "Input 'region': …" / "--region: …". */
function describeInputErrors(errors, words) {
    return errors.errors.map(error => `${words.subject(error.input)}: ${error.detail}`).join('\n');
}
/** The action's words: inputs as `with:` writes them, on the runner. */
const ACTION_WORDING = {
    input: (name, value) => `\`${ACTION_WORDING.line(name, value)}\``,
    line: (name, value) => `${name}:${value ? ` ${value}` : ''}`,
    // A variable from the job's environment is named as such (`GOPROXY (job environment)`), not as an input.
    subject: input => ((0,_go_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .variableOfInput */ .O6)(input) ? input : `Input '${input}'`),
    setting: 'input',
    here: 'this runner'
};


/***/ }),

/***/ 6266:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Gz: () => (/* binding */ resolveDirectories),
/* harmony export */   Vy: () => (/* binding */ display),
/* harmony export */   q7: () => (/* binding */ missingDirectories)
/* harmony export */ });
/* unused harmony export globMatcher */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(4006);
/* harmony import */ var picomatch__WEBPACK_IMPORTED_MODULE_3___default = /*#__PURE__*/__nccwpck_require__.n(picomatch__WEBPACK_IMPORTED_MODULE_3__);
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
 * The `working-directory` lines without a glob that name nothing on disk (resolved against `cwd`). A user who named
 * a directory made a typo when it is not there; warming nothing and succeeding would let them believe the cache is
 * warm. (A glob that matches nothing stays a note: globs are written to match what may or may not exist.)
 */
function missingDirectories(lines, cwd) {
    return lines
        .map(line => line.trim())
        .filter(line => line !== '' && !/[*?[]/.test(line) && !(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cwd, line)));
}
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
        if (isGlob(line)) {
            const matches = await expandGlob(line, cwd);
            if (matches.length === 0)
                notes.push(`working-directory: ${JSON.stringify(line)} matched no go.mod or go.work.`);
            dirs.push(...matches);
            continue;
        }
        const dir = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cwd, line);
        if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(dir)) {
            notes.push(`working-directory: ${JSON.stringify(line)} does not exist; skipped.`);
            continue;
        }
        dirs.push((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(dir).isDirectory() ? dir : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(dir));
    }
    const sets = new Map();
    for (const dir of dirs) {
        const set = await moduleSetFor(dir, gowork, cwd);
        if (!set) {
            notes.push((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, 'vendor.mod'))
                ? `working-directory: ${display(dir, cwd)} has vendor.mod and no go.mod: a project that keeps its module file as vendor.mod builds with -modfile=vendor.mod from vendor/ and never reads the module cache; nothing to warm there.`
                : `working-directory: ${display(dir, cwd)} has no go.mod or go.work (nor any above it); nothing to download there.`);
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
        const goWork = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(gowork) ? gowork : (0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)(cwd, gowork);
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)(goWork))
            return { dir: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(goWork), goWork, goMods: await workspaceGoMods(goWork) };
    }
    let goMod;
    for (let d = dir;; d = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(d)) {
        if (gowork !== 'off' && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(d, 'go.work'))) {
            const goWork = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(d, 'go.work');
            return { dir: d, goWork, goMods: await workspaceGoMods(goWork) };
        }
        if (!goMod && (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(d, 'go.mod')))
            goMod = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(d, 'go.mod');
        if ((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(d) === d)
            break;
    }
    return goMod ? { dir: (0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(goMod), goMods: [goMod] } : undefined;
}
/** The go.mod of every `use` directory of a go.work. */
async function workspaceGoMods(goWork) {
    let text;
    try {
        text = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readFile)(goWork, 'utf8');
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
    return uses.map(use => (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.resolve)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.dirname)(goWork), use), 'go.mod')).filter(node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync);
}
function unquote(text) {
    const t = text.trim();
    return /^".*"$|^`.*`$/.test(t) ? t.slice(1, -1) : t;
}
/** Directories whose go.mod/go.work (or which themselves) match the glob, relative to cwd. */
async function expandGlob(pattern, cwd) {
    const normalized = pattern.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
    const matches = globMatcher(normalized);
    const found = new Set();
    let budget = WALK_LIMIT;
    const walk = async (dir, rel) => {
        let entries;
        try {
            entries = await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_1__.readdir)(dir, { withFileTypes: true });
        }
        catch {
            return;
        }
        for (const entry of entries) {
            if (--budget < 0)
                return;
            const childRel = rel ? `${rel}/${entry.name}` : entry.name;
            const child = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(dir, entry.name);
            if (entry.isDirectory()) {
                if (SKIPPED.has(entry.name) || entry.name.startsWith('.'))
                    continue;
                if (matches(childRel) && ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(child, 'go.mod')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(child, 'go.work'))))
                    found.add(child);
                await walk(child, childRel);
            }
            else if ((entry.name === 'go.mod' || entry.name === 'go.work') && matches(childRel)) {
                found.add(dir);
            }
        }
    };
    await walk(cwd, '');
    if (matches('') || matches('.')) {
        if ((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cwd, 'go.mod')) || (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync)((0,node_path__WEBPACK_IMPORTED_MODULE_2__.join)(cwd, 'go.work')))
            found.add(cwd);
    }
    return [...found].sort();
}
/**
 * A glob over `/`-separated paths (picomatch's dialect: `**` spans directories, `*` and `?` stay inside one, `[...]`
 * and `{a,b}`), as a test of a path relative to the working directory.
 */
function globMatcher(glob) {
    return picomatch__WEBPACK_IMPORTED_MODULE_3___default()(glob, { dot: false });
}
/** Whether a working-directory line is a glob rather than a directory or file. */
function isGlob(line) {
    return picomatch__WEBPACK_IMPORTED_MODULE_3___default().scan(line).isGlob;
}
/** A directory as shown in reports: relative to cwd with `/`, `.` for cwd itself. */
function display(dir, cwd) {
    const rel = (0,node_path__WEBPACK_IMPORTED_MODULE_2__.relative)(cwd, dir);
    if (rel === '')
        return '.';
    if (rel.startsWith('..') || (0,node_path__WEBPACK_IMPORTED_MODULE_2__.isAbsolute)(rel))
        return dir;
    return rel.split(node_path__WEBPACK_IMPORTED_MODULE_2__.sep).join('/');
}


/***/ }),

/***/ 8297:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ LAYER_DIR_PREFIX)
/* harmony export */ });
/** The name prefix of the `file://` layer's directory (mkdtemp under spoolParent); the action's post step looks for it. */
const LAYER_DIR_PREFIX = 'setup-goproxy-layer-';


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 5317:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 8995:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:module");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 481:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:readline");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 6466:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 5574:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 3557:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 2018:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tty");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
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
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
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
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __nccwpck_require__(1455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __nccwpck_require__(8161);
var external_node_os_default = /*#__PURE__*/__nccwpck_require__.n(external_node_os_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/action/workflow.ts
/**
 * The runner's side of the action: inputs, state, outputs, exported variables, PATH, masks, log groups,
 * annotations and the job summary, written the way the GitHub Actions runner reads them (its file commands
 * `GITHUB_ENV`/`GITHUB_OUTPUT`/`GITHUB_STATE`/`GITHUB_PATH`/`GITHUB_STEP_SUMMARY`, and `::command::` lines on
 * stdout) — the same text @actions/core writes.
 *
 * Why not @actions/core: its entry imports its OIDC client, which imports @actions/http-client, undici and tunnel
 * (with node:https and node:tls): about a megabyte of bundle evaluated by every run before the first input is read,
 * most of the action's cold start, for a token this action never asks for. The commands below are the part of it
 * the action uses. (The cache phase's @actions/cache still brings @actions/core, in its own lazily loaded chunk.)
 */





/** A workflow command's text: what the runner reads as data ('%', CR and LF escaped). */
function escapeData(text) {
    return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** A workflow command's property value: its data escaping, plus ':' and ','. */
function escapeProperty(text) {
    return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/** Writes `::name key=value,...::message` on stdout, the form the runner acts on. */
function issueCommand(name, message, properties = {}) {
    const props = Object.entries(properties)
        .filter(([, value]) => value !== '')
        .map(([key, value]) => `${key}=${escapeProperty(value)}`)
        .join(',');
    process.stdout.write(`::${name}${props ? ` ${props}` : ''}::${escapeData(message)}${external_node_os_.EOL}`);
}
/** Appends one entry to the file a runner file command names (`GITHUB_<command>`). */
function issueFileCommand(command, entry) {
    const file = process.env[`GITHUB_${command}`];
    if (!file)
        throw new Error(`Unable to find environment variable for file command ${command}`);
    if (!(0,external_node_fs_.existsSync)(file))
        throw new Error(`Missing file at path: ${file}`);
    (0,external_node_fs_.appendFileSync)(file, `${entry}${external_node_os_.EOL}`, { encoding: 'utf8' });
}
/**
 * `name<<delimiter`, the value, `delimiter`: the heredoc form a file command reads, with a random delimiter that
 * neither the name nor the value may contain (so no value can end its entry early and add another).
 */
function keyValueEntry(name, value) {
    const fence = `ghadelimiter_${(0,external_node_crypto_.randomUUID)()}`;
    if (name.includes(fence))
        throw new Error(`Unexpected input: name should not contain the delimiter "${fence}"`);
    if (value.includes(fence))
        throw new Error(`Unexpected input: value should not contain the delimiter "${fence}"`);
    return `${name}<<${fence}${external_node_os_.EOL}${value}${external_node_os_.EOL}${fence}`;
}
/** An input as the runner passes it (`INPUT_<NAME>`, spaces as '_', upper-cased), trimmed; '' when absent. */
function getInput(name) {
    return (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}
/** A value the main step saved for the post step (`STATE_<name>`); '' when absent. */
function getState(name) {
    return process.env[`STATE_${name}`] ?? '';
}
/** Saves a value for the post step. */
function saveState(name, value) {
    if (process.env.GITHUB_STATE)
        issueFileCommand('STATE', keyValueEntry(name, value));
    else
        issueCommand('save-state', value, { name });
}
/** Sets a step output. */
function setOutput(name, value) {
    if (process.env.GITHUB_OUTPUT)
        issueFileCommand('OUTPUT', keyValueEntry(name, value));
    else {
        process.stdout.write(external_node_os_.EOL);
        issueCommand('set-output', value, { name });
    }
}
/** Exports a variable to the job's later steps (and to this process). */
function exportVariable(name, value) {
    process.env[name] = value;
    if (process.env.GITHUB_ENV)
        issueFileCommand('ENV', keyValueEntry(name, value));
    else
        issueCommand('set-env', value, { name });
}
/** Puts a directory first on PATH for the job's later steps (and for this process). */
function addPath(dir) {
    if (process.env.GITHUB_PATH)
        issueFileCommand('PATH', dir);
    else
        issueCommand('add-path', dir);
    process.env.PATH = `${dir}${external_node_path_.delimiter}${process.env.PATH}`;
}
/** Masks a value in the rest of the job's log. */
function setSecret(secret) {
    issueCommand('add-mask', secret);
}
/** A plain log line (the caller keeps it inert: src/action/logger.ts). */
function info(message) {
    process.stdout.write(message + external_node_os_.EOL);
}
/** A debug line (shown when the job runs with debug logging). */
function debug(message) {
    issueCommand('debug', message);
}
/** A warning annotation. */
function warning(message, properties = {}) {
    issueCommand('warning', message, properties.file ? { file: properties.file } : {});
}
/** An error annotation. */
function error(message, properties = {}) {
    issueCommand('error', message, properties.file ? { file: properties.file } : {});
}
/** A notice annotation. */
function notice(message, properties = {}) {
    issueCommand('notice', message, properties.file ? { file: properties.file } : {});
}
/** Fails the step: exit code 1 once the process ends, and the message as an error annotation. */
function setFailed(message) {
    process.exitCode = 1;
    error(message);
}
/** Starts a foldable group of log lines. */
function startGroup(name) {
    issueCommand('group', name);
}
/** Ends the group `startGroup` started. */
function endGroup() {
    issueCommand('endgroup', '');
}
/** Runs `work` inside a foldable group of log lines. */
async function group(name, work) {
    startGroup(name);
    try {
        return await work();
    }
    finally {
        endGroup();
    }
}
/** Appends Markdown (and a line end) to the job summary; a no-op when the runner gives no summary file. */
async function appendSummary(markdown) {
    const file = process.env.GITHUB_STEP_SUMMARY;
    if (!file)
        return;
    await (0,promises_.appendFile)(file, markdown + external_node_os_.EOL, { encoding: 'utf8' });
}

;// CONCATENATED MODULE: ./src/action/exit-guard.ts

/** The error a step gets when its process runs out of work before the step is done. */
const EXITED_EARLY = 'The action stopped before it finished: nothing was left to keep it running while a step was still pending (an internal error, please report it). What was not reached (export, warm phase, summary) was not done.';
/**
 * Fails the step when the process is about to exit while `work` (the whole run) has not settled. Node exits with
 * code 0 as soon as nothing keeps its event loop alive (an unref'd timer, a socket let go), even while an async
 * function still awaits: without this guard such a run ends "successfully" having exported nothing. `beforeExit`
 * is emitted exactly then, and not on an explicit exit or a crash.
 */
function failIfExitingEarly(work, events = process, fail = setFailed) {
    let settled = false;
    work.then(() => (settled = true), () => (settled = true));
    events.once('beforeExit', () => {
        if (!settled)
            fail(EXITED_EARLY);
    });
}

// EXTERNAL MODULE: ./src/cache/child-arg.ts
var child_arg = __nccwpck_require__(7349);
;// CONCATENATED MODULE: ./src/auth/types.ts
/** The user GitHub (and GitLab, Gitea) accept alongside a bare token. */
const DEFAULT_AUTH_USER = 'x-access-token';
/** A MovedCredentials in the action's words (it writes the netrc file). */
function movedNote(moved) {
    return `${moved.from}: credentials moved from the URL to netrc (machine ${moved.machine}).`;
}

// EXTERNAL MODULE: ./src/go/errors.ts
var go_errors = __nccwpck_require__(6743);
// EXTERNAL MODULE: ./src/auth/secrets.ts
var secrets = __nccwpck_require__(8767);
;// CONCATENATED MODULE: ./src/auth/parse.ts
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
    return new go_errors/* InputError */.dz(INPUT, `line ${line}: ${detail}`);
}
/** Names a character by code point only: the field around it may be a secret. */
function badCharacter(line, field, value) {
    const match = secrets/* BAD_CHARACTER */.yC.exec(value);
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
    const errors = new go_errors/* ErrorCollector */.KO();
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

// EXTERNAL MODULE: ./src/go/proxy/url.ts
var proxy_url = __nccwpck_require__(2660);
// EXTERNAL MODULE: ./src/go/env/patterns.ts + 1 modules
var env_patterns = __nccwpck_require__(796);
;// CONCATENATED MODULE: ./src/auth/module-hosts.ts
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
    const covering = (list) => list.split(',').find(glob => glob !== '' && (0,env_patterns/* matchesPrefixPatterns */.BC)(glob, target));
    const byAddition = privateAdditions.find(glob => (0,env_patterns/* matchesPrefixPatterns */.BC)(glob, target));
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

;// CONCATENATED MODULE: ./src/auth/proxy-hosts.ts




/** The input a proxy URL came from, for messages: the user fixes it there. */
function inputOf(entry) {
    return entry.origin === 'environment' ? (0,go_errors/* environmentInput */.u5)('GOPROXY') : 'proxies';
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
    const shown = (0,secrets/* hideUserinfo */.kc)(entry.url);
    const username = (0,secrets/* decodeUserinfo */.uQ)(input, shown, proxy.username);
    const password = (0,secrets/* decodeUserinfo */.uQ)(input, shown, proxy.password);
    if (username === '' || password === '') {
        // Go's netrc parser drops an entry without both, so the URL form could not be kept working.
        throw new go_errors/* InputError */.dz(input, `proxy ${(0,go_errors/* quote */.hD)(shown)} carries credentials without both a user and a password; write https://USER:TOKEN@host, or move them to an auth line.`);
    }
    if (secrets/* BAD_CHARACTER */.yC.test(username) || secrets/* BAD_CHARACTER */.yC.test(password)) {
        throw new go_errors/* InputError */.dz(input, `proxy ${(0,go_errors/* quote */.hD)(shown)} has a blank or control character in its credentials, which a netrc file cannot hold.`);
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
        for (const s of (0,proxy_url/* secretsOfUrl */.mE)(entry.url))
            draft.secrets.add(s);
        for (const s of (0,secrets/* secretForms */.eo)(fromUrl.username, fromUrl.password))
            draft.secrets.add(s);
        const added = addNetrc(draft, { machine: parsed.host, login: fromUrl.username, password: fromUrl.password }, first => new go_errors/* InputError */.dz(inputOf(entry), `proxy ${(0,go_errors/* quote */.hD)((0,proxy_url/* redactUrl */.BO)(entry.url))} carries credentials that differ from ${source(first)} for the same host; Go's netrc holds one per host and port.`));
        if (added)
            draft.moved.push({ from: `proxy ${(0,proxy_url/* redactUrl */.BO)(entry.url)}`, machine: parsed.host });
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
            throw lineProblem(credential.line, `the proxy ${(0,go_errors/* quote */.hD)((0,proxy_url/* redactUrl */.BO)(plain.entry.url))} uses http://, and Go refuses to send credentials over http. Use https for this proxy, or remove the line.`);
        }, undefined);
        return true;
    }
    for (const { entry, parsed } of matched) {
        const entryFromUrl = draft.netrc.find(e => e.machine === parsed.host && e.line === undefined);
        if (entryFromUrl && (entryFromUrl.login !== credential.username || entryFromUrl.password !== credential.secret)) {
            draft.errors.attempt(() => {
                throw lineProblem(credential.line, `the proxy ${(0,go_errors/* quote */.hD)((0,proxy_url/* redactUrl */.BO)(entry.url))} already carries other credentials in its URL; keep one of the two.`);
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
            addNetrc(draft, entryForLine, first => lineProblem(credential.line, `the proxy host ${(0,go_errors/* quote */.hD)(parsed.host)} already has other credentials from ${source(first)}; Go's netrc holds one per host and port.`));
        if (added) {
            draft.notes.push(`auth line ${credential.line}: credentials for the proxy ${(0,proxy_url/* redactUrl */.BO)((0,proxy_url/* stripCredentials */.PH)(entry.url))} (netrc machine ${parsed.host}).`);
        }
    }
    return true;
}

;// CONCATENATED MODULE: ./src/auth/plan.ts





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
        errors: new go_errors/* ErrorCollector */.KO(),
        notes: [],
        moved: [],
        secrets: new Set(),
        netrc: [],
        git: [],
        privateAdditions: []
    };
    const proxies = [];
    for (const entry of chain.proxies) {
        // The chain was validated already; a URL that still fails is reported, not thrown past the collector.
        const parsed = draft.errors.attempt(() => (0,proxy_url/* parseProxyUrl */.Pr)(inputOf(entry), entry.url, (0,proxy_url/* redactUrl */.BO)(entry.url)), undefined);
        if (parsed)
            proxies.push({ entry, parsed });
    }
    // Credentials written inside proxy URLs first: they belong to exactly one proxy.
    planProxyUserinfo(draft, proxies);
    for (const credential of credentials) {
        for (const s of (0,secrets/* secretForms */.eo)(credential.username, credential.secret))
            draft.secrets.add(s);
        const onHost = proxiesOnHost(credential, proxies);
        if (planProxyCredential(draft, credential, onHost))
            continue;
        planModuleHost(draft, patterns, credential, onHost.map(p => (0,proxy_url/* redactUrl */.BO)((0,proxy_url/* stripCredentials */.PH)(p.entry.url))));
    }
    draft.errors.throwIfAny();
    const stripped = {
        proxies: chain.proxies.map(entry => ({ ...entry, url: (0,proxy_url/* stripCredentials */.PH)(entry.url) })),
        ...(chain.terminal ? { terminal: chain.terminal } : {})
    };
    const { netrc } = draft;
    return {
        chain: stripped,
        netrc,
        git: draft.git,
        privateAdditions: draft.privateAdditions,
        secrets: [...draft.secrets].filter(s => s !== ''),
        credentialsFor: url => (0,secrets/* credentialsFor */.Og)(netrc, url),
        notes: draft.notes,
        moved: draft.moved
    };
}

;// CONCATENATED MODULE: ./src/auth/sumdb.ts
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
    const url = (0,proxy_url/* stripCredentials */.PH)(sumdb.url);
    if (url === sumdb.url)
        return { plan, sumdb };
    const shown = (0,secrets/* hideUserinfo */.kc)(sumdb.url);
    const errors = new go_errors/* ErrorCollector */.KO();
    const planned = errors.attempt(() => {
        // An http URL with userinfo is refused here, as Go refuses to send credentials over http.
        const parsed = (0,proxy_url/* parseProxyUrl */.Pr)('sumdb', sumdb.url, shown);
        const login = (0,secrets/* decodeUserinfo */.uQ)('sumdb', shown, parsed.username);
        const password = (0,secrets/* decodeUserinfo */.uQ)('sumdb', shown, parsed.password);
        if (login === '' || password === '' || secrets/* BAD_CHARACTER */.yC.test(login) || secrets/* BAD_CHARACTER */.yC.test(password)) {
            throw new go_errors/* InputError */.dz('sumdb', `the checksum database URL ${(0,go_errors/* quote */.hD)(shown)} carries credentials a netrc file cannot hold: write https://USER:TOKEN@host/path.`);
        }
        const existing = plan.netrc.find(e => e.machine === parsed.host);
        if (existing && (existing.login !== login || existing.password !== password)) {
            throw new go_errors/* InputError */.dz('sumdb', `the checksum database URL ${(0,go_errors/* quote */.hD)(shown)} carries credentials that differ from those for the same host in proxies or auth; Go's netrc holds one per host and port.`);
        }
        // A new array (not a push): the plan passed in stays as it was, and credentialsFor must see the new entry.
        const netrc = existing ? plan.netrc : [...plan.netrc, { machine: parsed.host, login, password }];
        return {
            ...plan,
            netrc,
            secrets: [...new Set([...plan.secrets, ...(0,proxy_url/* secretsOfUrl */.mE)(sumdb.url), ...(0,secrets/* secretForms */.eo)(login, password)])],
            credentialsFor: (target) => (0,secrets/* credentialsFor */.Og)(netrc, target),
            moved: [...plan.moved, { from: 'sumdb', machine: parsed.host }]
        };
    }, undefined);
    errors.throwIfAny();
    return { plan: planned ?? plan, sumdb: { ...sumdb, url, value: `${sumdb.value.split(' ')[0]} ${url}` } };
}

;// CONCATENATED MODULE: ./src/auth/index.ts
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





;// CONCATENATED MODULE: ./src/go/env/goauth.ts
/**
 * GOAUTH (Go 1.24+), as cmd/go/internal/auth reads it: a `;`-separated list of `off`, `netrc`, `git <dir>` or a
 * command; empty means `netrc`. go reads netrc files ($NETRC, else ~/.netrc) only when `netrc` is in the list, and
 * `off` turns every method off (it cannot be combined with another). Older go ignores GOAUTH and always reads netrc.
 */
/** The methods of a GOAUTH value, trimmed, empty ones left out. */
function goauthMethods(goauth) {
    return goauth
        .split(';')
        .map(method => method.trim())
        .filter(method => method !== '');
}
/** Whether go (1.24+) with GOAUTH=`goauth` reads a netrc file, and what to export so that it does. */
function goauthForNetrc(goauth) {
    const methods = goauthMethods(goauth ?? '');
    if (methods.length === 0 || methods.includes('netrc'))
        return { kind: 'reads-netrc' };
    if (methods.includes('off'))
        return { kind: 'off' };
    return { kind: 'add-netrc', goauth: ['netrc', ...methods].join(';') };
}

;// CONCATENATED MODULE: ./src/auth/files.ts
/**
 * First line of every credential file. Harmless to Go's netrc parser, which reads
 * tokens in pairs and ignores unknown ones: no pair here starts with a netrc keyword.
 */
const MARKER = '# setup-goproxy credentials (removed by the post step)';
/** File names inside the action's credential directory. Windows uses the same names: go reads %NETRC% as given. */
const NETRC_FILE = 'netrc';
const GIT_CONFIG_FILE = 'gitconfig';
/**
 * A netrc file: the plan's entries first (Go uses the first machine that matches),
 * then the job's own netrc, if any, because NETRC makes go read this file instead of it.
 */
function renderNetrc(entries, existing) {
    const lines = [MARKER, ...entries.map(e => `machine ${e.machine} login ${e.login} password ${e.password}`)];
    let text = `${lines.join('\n')}\n`;
    if (existing && existing.trim() !== '')
        text += `\n${existing}${existing.endsWith('\n') ? '' : '\n'}`;
    return text;
}
function subsection(name) {
    return `"${name.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
/**
 * A git config file with one `[http "<prefix>"]` section per credential. Git applies
 * `http.<url>.*` only to URLs with that scheme, host, port and path prefix, and the most
 * specific prefix wins. The empty `extraHeader =` first clears headers collected from
 * other config files for the same URLs (actions/checkout writes one for https://github.com/):
 * without it git sends two Authorization headers and the server may read the wrong one.
 */
function renderGitConfig(credentials) {
    const sections = credentials.map(c => {
        const basic = Buffer.from(`${c.username}:${c.secret}`, 'utf8').toString('base64');
        return `[http ${subsection(c.urlPrefix)}]\n\textraHeader =\n\textraHeader = Authorization: Basic ${basic}\n`;
    });
    return `${MARKER}\n${sections.join('')}`;
}

;// CONCATENATED MODULE: ./src/auth/install.ts
/**
 * Writes the credential plan to files of the action's own (mode 0600, under RUNNER_TEMP)
 * and removes them again in the post step. Only file paths go into the environment, so
 * nothing secret reaches GITHUB_ENV; ~/.netrc and ~/.gitconfig are never touched.
 */






const posix = process.platform !== 'win32';
/** Creates `file` afresh with mode 0600 from the first byte (never briefly readable by others). */
async function writePrivate(file, content) {
    await (0,promises_.rm)(file, { force: true });
    const handle = await (0,promises_.open)(file, 'wx', 0o600);
    try {
        await handle.writeFile(content, 'utf8');
    }
    finally {
        await handle.close();
    }
    if (posix)
        await (0,promises_.chmod)(file, 0o600);
}
/** Where go would read netrc without us: $NETRC, else ~/.netrc (~/_netrc on Windows), as in cmd/go/internal/auth. */
function jobNetrcPath(env) {
    if (env.NETRC)
        return env.NETRC;
    const home = (process.platform === 'win32' ? env.USERPROFILE : env.HOME) || external_node_os_default().homedir();
    return external_node_path_default().join(home, process.platform === 'win32' ? '_netrc' : '.netrc');
}
async function readJobNetrc(env, target) {
    const source = jobNetrcPath(env);
    if (external_node_path_default().resolve(source) === external_node_path_default().resolve(target))
        return undefined;
    try {
        return await (0,promises_.readFile)(source, 'utf8');
    }
    catch {
        return undefined;
    }
}
/**
 * The input error when the job's GOAUTH keeps go (1.24+) from using the netrc the plan needs: GOAUTH=off (no
 * credentials at all, and off cannot be combined with netrc). Checked before anything is exported.
 */
function goauthProblem(plan, env) {
    if (plan.netrc.length === 0 || goauthForNetrc(env.GOAUTH).kind !== 'off')
        return undefined;
    return new go_errors/* InputError */.dz('auth', 'the job sets GOAUTH=off, which makes go (1.24 and later) send no credentials at all and cannot be combined with the netrc this input writes: remove GOAUTH=off from the job, or set GOAUTH to a list that includes netrc');
}
/**
 * Writes `<dir>/netrc` (proxy hosts, and module hosts go looks up itself) and
 * `<dir>/gitconfig` (module hosts, by URL prefix), each 0600, and returns the
 * variables that make go and git use them: `NETRC=<dir>/netrc`, and the git file
 * included through the next free `GIT_CONFIG_KEY_n=include.path` (entries a
 * previous step exported stay in force). The job's own netrc is copied after the
 * plan's entries, since NETRC hides it from go. A job GOAUTH without `netrc` (Go 1.24+ then reads no netrc at
 * all) gets `netrc;` put in front of it in the exported GOAUTH; GOAUTH=off, which cannot be combined, fails naming
 * the `auth` input before anything is written. Writes nothing for an empty plan.
 */
async function installCredentials(plan, dir, options = {}) {
    const env = options.env ?? process.env;
    const files = [];
    const exported = {};
    if (plan.netrc.length === 0 && plan.git.length === 0)
        return { files, env: exported };
    const problem = goauthProblem(plan, env);
    if (problem)
        throw problem;
    const goauth = plan.netrc.length > 0 ? goauthForNetrc(env.GOAUTH) : { kind: 'reads-netrc' };
    if (!external_node_path_default().isAbsolute(dir))
        throw new Error(`credential directory ${dir} is not an absolute path`);
    await (0,promises_.mkdir)(dir, { recursive: true, mode: 0o700 });
    // Also when the directory existed: nobody else may list or replace the files in it.
    if (posix)
        await (0,promises_.chmod)(dir, 0o700);
    if (plan.netrc.length > 0) {
        const file = external_node_path_default().join(dir, NETRC_FILE);
        await writePrivate(file, renderNetrc(plan.netrc, await readJobNetrc(env, file)));
        files.push(file);
        exported.NETRC = file;
        if (goauth.kind === 'add-netrc')
            exported.GOAUTH = goauth.goauth;
    }
    if (plan.git.length > 0) {
        const file = external_node_path_default().join(dir, GIT_CONFIG_FILE);
        await writePrivate(file, renderGitConfig(plan.git));
        files.push(file);
        const count = /^\d+$/.test(env.GIT_CONFIG_COUNT ?? '') ? Number(env.GIT_CONFIG_COUNT) : 0;
        exported.GIT_CONFIG_COUNT = String(count + 1);
        exported[`GIT_CONFIG_KEY_${count}`] = 'include.path';
        // Forward slashes: git for Windows reads them, and a config value given this way is not unescaped.
        exported[`GIT_CONFIG_VALUE_${count}`] = posix ? file : file.replace(/\\/g, '/');
    }
    return { files, env: exported };
}
/** Thrown by removeCredentials after it tried every file, when some could not or may not be removed. */
class CredentialRemovalError extends Error {
    removed;
    problems;
    constructor(removed, problems) {
        super(`Could not remove every credential file:\n${problems.join('\n')}`);
        this.removed = removed;
        this.problems = problems;
        this.name = 'CredentialRemovalError';
    }
}
function isInside(dir, file) {
    const relative = external_node_path_default().relative(external_node_path_default().resolve(dir), file);
    return relative !== '' && !relative.startsWith('..') && !external_node_path_default().isAbsolute(relative);
}
async function startsWithMarker(file) {
    const handle = await (0,promises_.open)(file, 'r');
    try {
        const buffer = Buffer.alloc(MARKER.length);
        const { bytesRead } = await handle.read(buffer, 0, MARKER.length, 0);
        return buffer.subarray(0, bytesRead).toString('utf8') === MARKER;
    }
    finally {
        await handle.close();
    }
}
/** Why `file` may not be removed, or undefined when it is one of ours (or already gone: 'missing'). */
async function refusal(file, dir) {
    if (!external_node_path_default().isAbsolute(file))
        return 'not an absolute path';
    if (dir !== undefined && !isInside(dir, file))
        return `outside the credential directory ${dir}`;
    if (![NETRC_FILE, GIT_CONFIG_FILE].includes(external_node_path_default().basename(file)))
        return 'not a file name the action writes';
    let stats;
    try {
        stats = await (0,promises_.lstat)(file);
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return 'missing';
        throw error;
    }
    if (!stats.isFile())
        return 'not a regular file';
    if (!(await startsWithMarker(file)))
        return 'not written by this action (no marker line)';
    return undefined;
}
/**
 * The credential files in `dir` that carry the action's marker: what the post step removes besides the saved list
 * (a main step that ended between writing a file and saving the list left a file the list does not name).
 */
async function markedCredentialFiles(dir) {
    const names = await (0,promises_.readdir)(dir).catch(() => []);
    const found = [];
    for (const name of names.filter(n => n === NETRC_FILE || n === GIT_CONFIG_FILE)) {
        const file = external_node_path_default().join(external_node_path_default().resolve(dir), name);
        try {
            if ((await (0,promises_.lstat)(file)).isFile() && (await startsWithMarker(file)))
                found.push(file);
        }
        catch {
            // Gone meanwhile, or unreadable: not provably ours.
        }
    }
    return found;
}
/**
 * Deletes the credential files installCredentials wrote. A missing file is fine
 * (a second call does nothing); a file that is outside `options.dir`, has another
 * name, is not a regular file or lacks the action's marker line is left alone and
 * reported. The directory is removed too when it is left empty. Returns the files
 * removed; throws CredentialRemovalError (with `removed`) after trying all of them
 * if any was refused or failed.
 */
async function removeCredentials(files, options = {}) {
    const removed = [];
    const problems = [];
    for (const given of files) {
        const file = typeof given === 'string' && external_node_path_default().isAbsolute(given) ? external_node_path_default().resolve(given) : String(given);
        try {
            const why = await refusal(file, options.dir);
            if (why === 'missing')
                continue;
            if (why) {
                problems.push(`${file}: ${why}; left in place`);
                continue;
            }
            await (0,promises_.unlink)(file);
            removed.push(file);
        }
        catch (error) {
            problems.push(`${file}: ${error.message}`);
        }
    }
    const dirs = new Set(removed.map(file => external_node_path_default().dirname(file)));
    if (options.dir)
        dirs.add(external_node_path_default().resolve(options.dir));
    for (const dir of dirs) {
        // rmdir removes only an empty directory: anything else there stays.
        await (0,promises_.rmdir)(dir).catch(() => undefined);
    }
    if (problems.length > 0)
        throw new CredentialRemovalError(removed, problems);
    return removed;
}

;// CONCATENATED MODULE: ./src/go/env/gopath.ts

/** `$GOPATH/bin` as the go command defaults it: the first GOPATH entry, else `<home>/go`. */
function goPathBin(env, home) {
    const first = (env.GOPATH ?? '').split(external_node_path_.delimiter).find(p => p !== '');
    return (0,external_node_path_.join)(first ?? (0,external_node_path_.join)(home, 'go'), 'bin');
}

;// CONCATENATED MODULE: ./src/install/line.ts
/** The install step in one line, for the log and the job summary (pure). */
/**
 * `Go 1.23.5: downloaded from https://goproxy.cn (70.1 MiB), verified h1:…, installed at /opt/hostedtoolcache/go/1.23.5/x64 in 12.3 s`
 * or `Go 1.23.5: cache hit at …`.
 */
function renderInstallLine(facts) {
    const seconds = `${(facts.ms / 1000).toFixed(1)} s`;
    if (facts.cacheHit)
        return `Go ${facts.version}: cache hit at ${facts.goroot} (no download, ${seconds})`;
    const size = `${(facts.bytes / (1 << 20)).toFixed(1)} MiB`;
    return `Go ${facts.version}: downloaded from ${facts.source ?? 'the chain'} (${size}), verified against the checksum database (${facts.h1 ?? '?'}), installed at ${facts.goroot} in ${seconds}`;
}

;// CONCATENATED MODULE: ./src/install/windows-links.ts
/**
 * The links actions/setup-go makes on hosted Windows after installing into the tool cache on D: (its
 * `cacheWindowsDir`): the version's directory as a junction, and its `.complete` marker as a file link, under the
 * default C: tool cache, so setup-go (and @actions/tool-cache's `find`) see the install where they look. Runs only
 * where src/cache/placement.ts moved the tool cache, i.e. only on GitHub's hosted Windows.
 */


/** Links `goroot` (under `root`, on D:) from the same place under `linkedFrom` (C:); an existing link is kept. */
async function linkFromDefaultToolCache(goroot, place, log) {
    if (!goroot.startsWith(place.root))
        return;
    const linked = place.linkedFrom + goroot.slice(place.root.length);
    try {
        await (0,promises_.mkdir)((0,external_node_path_.dirname)(linked), { recursive: true });
        await (0,promises_.symlink)(goroot, linked, 'junction');
        await (0,promises_.symlink)(`${goroot}.complete`, `${linked}.complete`, 'file');
        log.info(`Created link ${linked} => ${goroot}`);
    }
    catch (error) {
        if (error.code === 'EEXIST')
            return;
        // The install itself is complete on D:: a missing link costs setup-go a download, never this job its Go.
        log.warning(`Could not link ${linked} to ${goroot}: ${error.message}`);
    }
}

// EXTERNAL MODULE: ./src/cache/policy.ts
var policy = __nccwpck_require__(4798);
;// CONCATENATED MODULE: ./src/action/cache-loader.ts
let cacheLoading;
/**
 * The cache phase (it brings @actions/cache and the Azure SDK), loaded on first use: only the action imports it, and
 * hands it to the pipeline through `CachePlace.load`, so the CLI's module graph never reaches src/cache/phase.ts.
 */
const loadCache = () => (cacheLoading ??= Promise.all(/* import() */[__nccwpck_require__.e(540), __nccwpck_require__.e(15)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1015)));
/** Whether the cache phase was loaded at all (the action's exit checks it for abandoned requests). */
const cacheLoaded = () => cacheLoading !== undefined;
/**
 * Starts the cache restore worker early (src/cache/restore-worker.ts: a child that loads the cache library while the
 * step probes and installs Go), unless the runner gave this job no cache service.
 */
function standbyRestoreWorker() {
    void __nccwpck_require__.e(/* import() */ 227).then(__nccwpck_require__.bind(__nccwpck_require__, 9227)).then(worker => worker.standbyRestoreWorker());
}

;// CONCATENATED MODULE: ./src/cache/placement.ts
/**
 * Where the Go install and the caches go on GitHub's hosted Windows runners (pure). Drive C: is slow there (tar
 * writing the module and build caches took 13–15 min on C: against ~1 min on D:, actions/setup-go PR #515), so:
 *
 * - the Go install goes to the tool cache on D:, with links back from C:, exactly as actions/setup-go's
 *   `cacheWindowsDir` does (src/installer.ts): only on win32, only on a GitHub-hosted runner (setup-go's
 *   `isSelfHosted`: RUNNER_ENVIRONMENT is not `github-hosted` and AGENT_ISSELFHOSTED is `1` or unset), only when
 *   RUNNER_TOOL_CACHE is set and both `c:\` and `d:\` exist; the D: root is RUNNER_TOOL_CACHE with its first `C:` (else
 *   `c:`) replaced by `D:` (`d:`). setup-go's links let either action find the other's install under C:;
 * - the module cache and the build cache go to D: on the same runners (GOMODCACHE `D:\go\pkg\mod`, GOCACHE
 *   `D:\go\go-build`, what setup-go PR #515 proposes), unless the job set them (or GOPATH, which GOMODCACHE follows):
 *   the job's own choice stays.
 *
 * Elsewhere (Linux, macOS, self-hosted Windows, a Windows without D:) nothing moves.
 */
const WINDOWS_D_GOMODCACHE = 'D:\\go\\pkg\\mod';
const WINDOWS_D_GOCACHE = 'D:\\go\\go-build';
/** actions/setup-go's isSelfHosted, as written there. */
function isSelfHosted(env) {
    return (env.RUNNER_ENVIRONMENT !== 'github-hosted' &&
        (env.AGENT_ISSELFHOSTED === '1' || env.AGENT_ISSELFHOSTED === undefined));
}
/** Whether this is a GitHub-hosted Windows runner with the fast D: drive (the conditions setup-go checks). */
function onHostedWindowsWithD(facts) {
    return facts.platform === 'win32' && !isSelfHosted(facts.env) && facts.hasDriveC && facts.hasDriveD;
}
/** The placement for these facts (see the module doc). */
function placement(facts) {
    if (!onHostedWindowsWithD(facts))
        return { exports: {} };
    const exports = {};
    const set = (name) => (facts.env[name] ?? '') !== '';
    if (!set('GOMODCACHE') && !set('GOPATH'))
        exports.GOMODCACHE = WINDOWS_D_GOMODCACHE;
    if (!set('GOCACHE'))
        exports.GOCACHE = WINDOWS_D_GOCACHE;
    const defaultRoot = facts.env.RUNNER_TOOL_CACHE;
    if (!defaultRoot)
        return { exports };
    const root = defaultRoot.replace('C:', 'D:').replace('c:', 'd:');
    return root === defaultRoot ? { exports } : { toolCache: { root, linkedFrom: defaultRoot }, exports };
}

// EXTERNAL MODULE: ./src/go/toolchain/version.ts
var toolchain_version = __nccwpck_require__(5570);
;// CONCATENATED MODULE: ./src/report/markdown.ts
/**
 * Text from outside the action (a proxy's error text, go quoting one, a value from the job) made inert for the job
 * summary's markdown (pure): whatever it holds renders as the characters it is, never as a link, an image, HTML, a
 * comment that hides the rest of the summary, emphasis or a table cell boundary.
 *
 * - `&`, `<`, `>` become entities: no tag, no `<!--`, no autolink in angle brackets;
 * - markdown's punctuation is backslash-escaped (`[`, `]` and `!` suffice against `[text](url)` and `![img](url)`;
 *   parentheses stay as they are): no link, image, emphasis, code, heading or cell boundary;
 * - bare URLs (`scheme://`, `www.`) get a zero-width space (as an entity) after the scheme or the `www`, so that
 *   GitHub's autolinking does not turn them into links; the text still reads the same;
 * - line breaks become spaces (a caller that wants lines splits first).
 */
function inertMarkdown(text) {
    return text
        .replace(/\r\n?|\n/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]!#~|]/g, c => `\\${c}`)
        .replace(/:\/\//g, ':&#8203;//')
        .replace(/\bwww\./gi, m => `${m.slice(0, 3)}&#8203;.`);
}

// EXTERNAL MODULE: ./src/go/proxy/chain.ts
var proxy_chain = __nccwpck_require__(3364);
;// CONCATENATED MODULE: ./src/probe/shown.ts


/**
 * The probe report as every reader sees it — the log table, the summary table, the dropped-proxy warnings, the
 * `probe-report` output and the CLI's `probe --json` — once the run has decided what it exports. The probe proposes a
 * chain; the decision may export another (on-unreachable warn: the chain as composed) or nothing (the step fails).
 * The report then names the chain actually exported (redacted), or '' when nothing is, and each proxy's position in
 * it, so that no reader says `direct` where another says `(none)`. When the step fails, every proxy that failed its
 * probe is shown as dropped. Pure.
 *
 * @param exported the chain the run exports; undefined when the step fails and exports nothing
 */
function probeReportAsShown(report, exported) {
    if (!exported) {
        return {
            ...report,
            chain: '',
            proxies: report.proxies.map(proxy => (proxy.status === 'ok' ? proxy : { ...proxy, position: null }))
        };
    }
    const position = new Map(exported.proxies.map((entry, i) => [(0,proxy_url/* redactUrl */.BO)(entry.url), i + 1]));
    return {
        ...report,
        chain: (0,proxy_chain/* formatChain */.rA)(exported, true),
        proxies: report.proxies.map(proxy => ({ ...proxy, position: position.get(proxy.url) ?? null }))
    };
}
/** The chain as the log and the summary write it: `(none)` when nothing is exported. */
function chainWord(report) {
    return report.chain || '(none)';
}

;// CONCATENATED MODULE: ./src/probe/table.ts


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
/** Text made safe for one markdown table cell: inert (src/core/markdown.ts), one line, `|` escaped. */
function markdownCell(text) {
    return inertMarkdown(text);
}
/** One warning per proxy the probe left out of the chain, with its reason (the action and the CLI say the same). */
function droppedWarnings(report) {
    return report.proxies.filter(proxy => proxy.position === null).map(proxy => `Dropped ${proxy.url}: ${proxy.message}`);
}
/** The checksum-DB check as one sentence. */
function sumdbCheckText(check) {
    if (check.status === 'off')
        return `Checksum database: ${check.message}`;
    const timing = check.ms === undefined ? '' : ` (${check.ms} ms)`;
    const state = check.status === 'failed' ? 'FAILED' : check.status === 'switched' ? 'switched' : 'ok';
    return `Checksum database ${check.name}: ${state}: ${check.message}${timing}`;
}
/** The probe table as GitHub markdown, for the job summary (every URL already redacted). */
function probeTableMarkdown(report) {
    const lines = [`| ${HEADERS.join(' | ')} |`, `|${HEADERS.map(() => '---').join('|')}|`];
    for (const row of rows(report))
        lines.push(`| ${row.map(markdownCell).join(' | ')} |`);
    lines.push('', `Probe module \`${report.module}\`, ${report.elapsedMs} ms of ${report.timeoutMs} ms, order: ${report.order}. Exported chain: \`${chainWord(report)}\`.`);
    return lines.join('\n');
}
/** The checksum-DB check as markdown, for the job summary. */
function sumdbCheckMarkdown(report) {
    return markdownCell(sumdbCheckText(report.sumdb));
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
    lines.push(`probe: ${report.elapsedMs} ms of ${report.timeoutMs} ms; module ${report.module}; order ${report.order}`, `chain: ${chainWord(report)}`, sumdbCheckText(report.sumdb));
    return lines.join('\n');
}

// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __nccwpck_require__(3136);
;// CONCATENATED MODULE: ./src/host/version.ts



/**
 * The package version, read at run time from the nearest package.json named setup-goproxy above this file: the
 * same walk finds it from src/cli (tests) and from dist/cli (the bundle, whose dist/package.json has no name).
 * A loop rather than a fixed relative path, so that the bundler does not copy package.json in as an asset.
 */
function packageVersion(from = external_node_path_default().dirname((0,external_node_url_.fileURLToPath)(import.meta.url))) {
    let dir = from;
    for (let depth = 0; depth < 6; depth++) {
        try {
            const pkg = JSON.parse((0,external_node_fs_.readFileSync)(external_node_path_default().join(dir, 'package.json'), 'utf8'));
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

// EXTERNAL MODULE: ./src/host/wording.ts
var wording = __nccwpck_require__(6062);
// EXTERNAL MODULE: ./src/cache/report.ts
var report = __nccwpck_require__(8298);
// EXTERNAL MODULE: ./src/go/proxy/presets.ts
var presets = __nccwpck_require__(8553);
// EXTERNAL MODULE: ./src/go/sumdb/config.ts
var config = __nccwpck_require__(9716);
;// CONCATENATED MODULE: ./src/settings/compose.ts







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
            const key = (0,proxy_url/* proxyKey */.sw)(entry.url);
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
    const preset = presets/* REGION_PRESETS */.a5[settings.region];
    const proxies = preset.proxies.map((name, i) => {
        const url = (0,presets/* findPreset */.t)(name)?.url ?? name;
        const last = i === preset.proxies.length - 1;
        return { url, separator: last ? ',' : '|', origin: 'region', preset: name };
    });
    return { proxies, terminal: preset.terminal };
}
/**
 * The chain: from the inputs (proxies, region), else the job's GOPROXY, else `go env GOPROXY`, else Go's default.
 * An inherited value Go would reject is an error in `errors`; entries after direct/off go to `ignored`.
 */
function composeChain(settings, ambient, errors, ignored) {
    if (chainFromInputs(settings)) {
        return { chain: mergeChains(settings.proxies?.chain, regionChain(settings)), chainSource: 'inputs' };
    }
    const fromEnv = nonEmpty(ambient.env.GOPROXY);
    const fromGo = nonEmpty(ambient.goEnvGoproxy);
    const [value, source, input] = fromEnv
        ? [fromEnv, 'environment', (0,go_errors/* environmentInput */.u5)('GOPROXY')]
        : fromGo
            ? [fromGo, 'go env', 'GOPROXY (go env)']
            : [presets/* GO_DEFAULT_GOPROXY */.cH, 'go default', 'GOPROXY'];
    const parsed = errors.attempt(() => (0,proxy_chain/* parseGoproxy */.Ms)(input, value), undefined);
    for (const entry of parsed?.ignored ?? [])
        ignored(input, entry);
    return { chain: parsed?.chain ?? { proxies: [] }, chainSource: source };
}
/**
 * GOSUMDB: the input, else the job's, else the region's, else Go's default, which alone counts as not chosen (the
 * probe may then switch it). What the action sets itself is added to `exported`.
 */
function composeSumdb(settings, ambient, errors, exported) {
    const regionSumdb = settings.region ? presets/* REGION_PRESETS */.a5[settings.region].sumdb : undefined;
    const ambientSumdb = nonEmpty(ambient.env.GOSUMDB);
    if (settings.sumdb) {
        exported.add('GOSUMDB');
        return { sumdb: settings.sumdb, sumdbChosen: true };
    }
    if (ambientSumdb) {
        const sumdb = errors.attempt(() => (0,config/* parseGosumdb */.$M)((0,go_errors/* environmentInput */.u5)('GOSUMDB'), ambientSumdb), (0,config/* parseGosumdb */.$M)('GOSUMDB', presets/* GO_DEFAULT_GOSUMDB */.lw));
        return { sumdb, sumdbChosen: true };
    }
    if (regionSumdb) {
        exported.add('GOSUMDB');
        return { sumdb: (0,config/* parseGosumdb */.$M)('region', regionSumdb), sumdbChosen: true };
    }
    return { sumdb: (0,config/* parseGosumdb */.$M)('GOSUMDB', presets/* GO_DEFAULT_GOSUMDB */.lw), sumdbChosen: false };
}
/**
 * Composes the Go module environment from validated settings and what the job
 * already has. Pure: the shell gathers `ambient`, this decides. Throws InputErrors
 * for problems that only show once inputs meet each other or the job's environment
 * (a private probe module, an invalid GOPROXY inherited from the job). `words` names the settings and variables
 * in the warnings as the host does (`proxies:` / `--proxies`, the job's / your environment).
 */
function composePlan(settings, ambient, words = wording/* ACTION_WORDING */.G) {
    const errors = new go_errors/* ErrorCollector */.KO();
    // Each warning opens as the host's input errors do: "Input 'proxies': …" / "--proxies: …".
    const ignoredAfterTerminal = (input, entry) => `${words.subject(input)}: ${(0,go_errors/* quote */.hD)(entry)} comes after direct/off; Go ignores it.`;
    const warnings = (settings.proxies?.ignored ?? []).map(e => ignoredAfterTerminal('proxies', e));
    const exported = new Set(['GOPROXY']);
    const { chain, chainSource } = composeChain(settings, ambient, errors, (input, entry) => warnings.push(ignoredAfterTerminal(input, entry)));
    const { sumdb, sumdbChosen } = composeSumdb(settings, ambient, errors, exported);
    if (settings.sumdb?.kind === 'off') {
        warnings.push(`${words.subject('sumdb')}: off turns checksum verification off for every module not in go.sum; a tampered ` +
            'module would go unnoticed.');
    }
    const pick = (input, variable) => {
        if (input) {
            exported.add(variable);
            return (0,env_patterns/* formatPatterns */.NI)(input);
        }
        const inherited = nonEmpty(ambient.env[variable]);
        // Passed on in the outputs (and in GOPRIVATE when auth adds to it): a line break would end the value early.
        if (inherited !== undefined) {
            errors.attempt(() => (0,go_errors/* assertNoControlCharacters */.Pt)((0,go_errors/* environmentInput */.u5)(variable), inherited), undefined);
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
            if ((0,env_patterns/* matchesEverything */.rM)(glob))
                warnings.push(`${words.subject(name)}: ${(0,go_errors/* quote */.hD)(glob)} matches every module path: ${what}`);
        }
    };
    everything('private', settings.private, 'no module is verified against the checksum database or fetched through a proxy.');
    everything('no-sumdb', settings.noSumdb, 'no module is verified against the checksum database.');
    everything('insecure', settings.insecure, 'every direct fetch may use plain HTTP or skip certificate checks.');
    if (settings.probe &&
        ((0,env_patterns/* matchesPrefixPatterns */.BC)(gonoproxy, settings.probeModule) || (0,env_patterns/* matchesPrefixPatterns */.BC)(gonosumdb, settings.probeModule))) {
        errors.attempt(() => {
            throw new go_errors/* InputError */.dz('probe-module', `${(0,go_errors/* quote */.hD)(settings.probeModule)} matches the private patterns (GONOPROXY ${(0,go_errors/* quote */.hD)(gonoproxy)}, GONOSUMDB ${(0,go_errors/* quote */.hD)(gonosumdb)}); the probe sends it to every proxy, so it must be a public module.`);
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
        GOPROXY: (0,proxy_chain/* formatChain */.rA)(chain),
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

;// CONCATENATED MODULE: ./src/report/warm-section.ts

/**
 * The warm phase for the job summary: the figures, then one row per failed module
 * with its diagnosis in plain words. Pure; every text in the report is already redacted.
 */
function renderWarmSection(warm) {
    const lines = [
        `| downloaded | already cached | failed | attempts | seconds |`,
        `|---|---|---|---|---|`,
        `| ${warm.downloaded} | ${warm.cached} | ${warm.failed.length} | ${warm.attempts} | ${warm.seconds.toFixed(1)} |`,
        '',
        `Directories: ${warm.directories.map(dir => `\`${dir}\``).join(', ') || '_(none)_'}.`
    ];
    const p = warm.prefetch;
    if (p) {
        lines.push('', `Prefetch (concurrency ${p.concurrency}): ${p.files} files (${mib(p.bytes)}) fetched ahead of go, ${p.served} used by go, ${p.unused} unused (${mib(p.unusedBytes)}); peak ${mib(p.peakMemoryBytes)} in memory, ${p.spooled} spooled to disk; ${p.cached} already cached.`);
    }
    if (warm.chainChanged)
        lines.push('', 'A proxy failed during warming and was dropped from the exported GOPROXY.');
    if (warm.failed.length > 0) {
        lines.push('', '| module | what went wrong | what to change |', '|---|---|---|');
        for (const failure of warm.failed) {
            const module = failure.version ? `${failure.path}@${failure.version}` : failure.path;
            lines.push(`| \`${markdownCell(module)}\` | ${markdownCell(failure.diagnosis.message)} | ${markdownCell(failure.diagnosis.suggestion ?? '')} |`);
        }
    }
    return lines.join('\n');
}
function mib(bytes) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

;// CONCATENATED MODULE: ./src/report/summary.ts






function cell(value) {
    return value === '' ? '_(empty)_' : `\`${value.replace(/\|/g, '\\|').replace(/`/g, "'")}\``;
}
function heading(version) {
    return version ? `## setup-goproxy ${version}` : '## setup-goproxy';
}
function seconds(ms) {
    return `${(ms / 1000).toFixed(1)} s`;
}
/**
 * The summary's first line: whether the job is ready and how long the step took, then what it got (the chain, the
 * fastest proxy, the Go installed, the module cache). Pure.
 */
function verdictLine(record, elapsedMs) {
    const took = elapsedMs === undefined ? '' : ` in ${seconds(elapsedMs)}`;
    if (record.failure) {
        const why = inertMarkdown(record.failure.split('\n')[0] ?? '');
        return `**Not ready**${elapsedMs === undefined ? '' : ` after ${seconds(elapsedMs)}`}: ${why}`;
    }
    const parts = [`GOPROXY ${cell(record.environment.effective.GOPROXY)}`];
    const fastest = record.probe?.fastest;
    const median = record.probe?.report.proxies.find(p => p.url === fastest)?.medianMs;
    if (fastest)
        parts.push(`fastest ${cell(fastest)}${median === null || median === undefined ? '' : ` (${median} ms)`}`);
    const go = record.installedGo;
    if (go)
        parts.push(go.cacheHit ? `Go ${go.version} (already installed)` : `Go ${go.version} installed`);
    const warm = record.warm;
    if (warm)
        parts.push(`module cache warm: ${warm.downloaded} downloaded, ${warm.cached} cached, ${warm.seconds.toFixed(1)} s`);
    return `**Ready**${took}: ${parts.join('; ')}.`;
}
/** The environment section: a row for each variable this step set, one line for the rest. */
function environmentLines(parts) {
    if (parts.failure && parts.exported.size === 0) {
        return ["Nothing was exported: the step failed. Later steps see the job's own Go environment.", ''];
    }
    const lines = [];
    const set = GO_VARIABLES.filter(name => parts.exported.has(name));
    if (set.length > 0) {
        lines.push('| variable | value |', '|---|---|', ...set.map(name => `| ${name} | ${cell(parts.effective[name])} |`), '');
    }
    const kept = GO_VARIABLES.filter(name => !parts.exported.has(name));
    if (kept.length > 0) {
        const named = kept.map(name => (parts.effective[name] === '' ? name : `${name}=${cell(parts.effective[name])}`));
        lines.push(`Not changed by this step (Go's default or the job's environment): ${named.join(', ')}.`, '');
    }
    lines.push(`GOPROXY came from: ${parts.chainSource}.`, '');
    return lines;
}
/**
 * Renders the job summary as markdown. Pure: every value in it is already redacted, and text from outside (notes,
 * the failure, table cells) is made inert here; the shell only writes it. It opens with the verdict, then follows what the action did: env, probe, warm.
 */
function renderSummary(parts) {
    const lines = [heading(parts.version), ''];
    if (parts.verdict)
        lines.push(parts.verdict, '');
    // The failure quotes go and the proxies: inert (no link, image, HTML or comment of theirs).
    if (parts.failure)
        lines.push(`> [!CAUTION]`, ...parts.failure.split('\n').map(line => `> ${inertMarkdown(line)}`), '');
    lines.push('### Go module environment', '', ...environmentLines(parts));
    if (parts.probeTable)
        lines.push('### Probe', '', parts.probeTable, '');
    if (parts.sumdbVerdict)
        lines.push(parts.sumdbVerdict, '');
    if (parts.installLine)
        lines.push('### Go', '', parts.installLine, '');
    if (parts.cacheTable)
        lines.push('### Caches restored', '', parts.cacheTable, '');
    if (parts.warmSection)
        lines.push('### Module cache', '', parts.warmSection, '');
    if (parts.notes.length > 0)
        lines.push('### Notes', '', ...parts.notes.map(note => `- ${inertMarkdown(note)}`), '');
    return lines.join('\n');
}
/**
 * The summary of a run that ended before it had a record (invalid input): the verdict, what failed, and that nothing
 * was exported. Pure.
 */
function failedSummary(failure, meta = {}) {
    const took = meta.elapsedMs === undefined ? '' : ` after ${seconds(meta.elapsedMs)}`;
    return [
        heading(meta.version),
        '',
        `**Not ready**${took}: ${failure.split('\n')[0]}`,
        '',
        '> [!CAUTION]',
        `> ${failure.split('\n').join('\n> ')}`,
        '',
        "Nothing was exported: the step failed before the probe. Later steps see the job's own Go environment.",
        ''
    ].join('\n');
}
/** The summary of one run, from its record: what each phase left. */
function summaryOf(record, meta = {}) {
    const { probe, warm, installedGo } = record;
    return renderSummary({
        ...(meta.version ? { version: meta.version } : {}),
        verdict: verdictLine(record, meta.elapsedMs),
        effective: record.environment.effective,
        exported: new Set(Object.keys(record.environment.exports)),
        chainSource: record.plan.chainSource,
        probeTable: probe
            ? probeTableMarkdown(probe.report)
            : record.settings.probe
                ? undefined
                : 'Probe turned off (`probe: false`): the chain is exported as composed.',
        sumdbVerdict: probe ? sumdbCheckMarkdown(probe.report) : undefined,
        warmSection: warm ? renderWarmSection(warm) : undefined,
        installLine: installedGo ? renderInstallLine(installedGo) : undefined,
        cacheTable: record.caches?.length ? (0,report/* restoreTable */.fQ)(record.caches) : undefined,
        notes: [...record.plan.warnings, ...(probe?.report.notes ?? []), ...(warm?.notes ?? [])],
        failure: record.failure
    });
}

// EXTERNAL MODULE: ./src/exec/go.ts
var exec_go = __nccwpck_require__(6407);
;// CONCATENATED MODULE: ./src/action/logger.ts


/**
 * Text for a plain log line that cannot start a workflow command. The runner acts on any line whose text, leading
 * whitespace trimmed, starts with `::` — so a value at the start of a line (a GOPRIVATE from the job in the `go env`
 * group, a proxy's error text quoted by go) could raise a fake annotation or set a variable. Such text is printed
 * between `::stop-commands::<token>` and `::<token>::` (the runner's own way of showing text verbatim), with a
 * fresh random token that the text cannot know. Annotations (warning, error, notice, debug) need nothing: their
 * message is escaped by ./workflow.ts.
 */
function inertLogText(text) {
    if (!text.split(/\r?\n|\r/).some(line => line.trimStart().startsWith('::')))
        return text;
    const token = (0,external_node_crypto_.randomBytes)(16).toString('hex');
    return `::stop-commands::${token}\n${text}\n::${token}::`;
}
/** The core's Logger over the runner's workflow commands (./workflow.ts): warnings and errors become annotations, on a file when one is known. */
const actionLogger = {
    info: message => info(inertLogText(message)),
    warning: (message, file) => warning(message, file ? { file } : {}),
    error: (message, file) => error(message, file ? { file } : {}),
    debug: message => debug(message)
};

;// CONCATENATED MODULE: ./src/action/export.ts





/**
 * Exports variables for later steps (GITHUB_ENV) and for this process's own go calls.
 * Values are validated by the core and never hold a secret.
 */
function exportVariables(variables) {
    for (const [name, value] of Object.entries(variables)) {
        if (value !== undefined)
            exportVariable(name, value);
    }
}
/** Sets the effective-value outputs (lower-case names, as in action.yml). */
function setEnvironmentOutputs(effective) {
    for (const name of GO_VARIABLES)
        setOutput(name.toLowerCase(), effective[name]);
}
/**
 * Runs `go env` for the six variables (GOTOOLCHAIN=local: showing the environment must not download a toolchain),
 * with this process's environment as it is now, i.e. after the export. It runs beside the warm phase; `showGoEnv`
 * prints what it gave. A failure is shown, not fatal: the variables are exported either way.
 */
async function readGoEnvForLog(go) {
    const result = await (0,exec_go/* runGo */.aC)(go, ['env', ...GO_VARIABLES], {
        cwd: process.cwd(),
        env: process.env,
        timeoutMs: 30_000
    });
    const lines = [];
    if (result.stdout.trim() !== '')
        lines.push(...namedValues(result.stdout));
    if (result.stderr.trim() !== '')
        lines.push((0,proxy_url/* redactText */.Rd)(result.stderr.trimEnd()));
    if (result.spawnError !== undefined)
        lines.push(`Could not start ${go}: ${result.spawnError}`);
    else if (result.timedOut)
        lines.push('go env did not finish in 30 s.');
    else if (result.code !== 0)
        lines.push(`go env exited with ${result.code}.`);
    return { lines };
}
/**
 * `go env A B C` prints one value per line, without the names: pair them with the names asked for, so the log reads
 * `GOPROXY=...`. Output of another shape (a go that printed something else) is shown as it came.
 */
function namedValues(stdout) {
    const values = stdout.replace(/\r?\n$/, '').split(/\r?\n/);
    if (values.length !== GO_VARIABLES.length)
        return [stdout.trimEnd()];
    return GO_VARIABLES.map((name, i) => `${name}=${values[i]}`);
}
/** Shows what the go command read after the export (readGoEnvForLog), in a collapsed group. */
function showGoEnv(shown) {
    startGroup('go env (as the go command sees it after the export)');
    // go prints the values raw, one per line: a value from the job may begin with `::`.
    shown.lines.forEach(line => info(inertLogText(line)));
    endGroup();
}

;// CONCATENATED MODULE: ./src/action/secrets.ts

/**
 * Registers every secret an input may carry before anything is parsed or logged:
 * userinfo in URLs (`proxies`, `sumdb`) and the secret field of each `auth` line.
 * Parsing comes later and may fail; a secret must be masked even then.
 */
function maskInputSecrets(read) {
    for (const name of ['proxies', 'sumdb']) {
        for (const match of read(name).matchAll(/[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#\s,|]*)@/g)) {
            maskUserinfo(match[1]);
        }
    }
    for (const line of read('auth').split('\n')) {
        const fields = line.trim().split(/\s+/);
        if (fields.length >= 2)
            maskUserinfo(fields.slice(1).join(' '));
    }
}
function maskUserinfo(userinfo) {
    if (userinfo === '')
        return;
    setSecret(userinfo);
    const colon = userinfo.indexOf(':');
    if (colon >= 0 && colon < userinfo.length - 1)
        setSecret(userinfo.slice(colon + 1));
    for (const encoded of [userinfo, colon >= 0 ? userinfo : `x-access-token:${userinfo}`]) {
        setSecret(Buffer.from(encoded).toString('base64'));
    }
}
/** Masks a list of secrets (from the credentials plan) in the log. */
function maskSecrets(secrets) {
    for (const secret of secrets)
        if (secret !== '')
            setSecret(secret);
}

;// CONCATENATED MODULE: ./src/action/host.ts





















/** The tool-cache lookup is loaded only when go is not on PATH (it brings @actions/tool-cache and its HTTP stack). */
const findGoInToolCache = async () => (await __nccwpck_require__.e(/* import() */ 88).then(__nccwpck_require__.bind(__nccwpck_require__, 6088))).findGoInToolCache();
/** What the main step saves for the post step. */
const STATE = {
    isPost: 'isPost',
    files: 'credentialFiles',
    /** The credential directory main used: post must clean up from the same one, whatever the runner sets. */
    credentialDir: 'credentialDir',
    /** The cache phase's hand-over to post (CacheState as JSON); empty when nothing was restored. */
    cache: 'cache',
    /** Temporary directories the post step removes (JSON array): the warm phase's prefetch layer. */
    leftovers: 'leftovers'
};
/** What main handed to post to remove (STATE.leftovers), saved again whenever one is added. */
const leftovers = [];
/** Hosted Windows: Go and the caches on D: (src/cache/placement.ts); elsewhere nothing moves. */
let placed;
function windowsPlacement() {
    placed ??= placement({
        platform: process.platform,
        env: process.env,
        hasDriveC: process.platform === 'win32' && (0,external_node_fs_.existsSync)('c:\\'),
        hasDriveD: process.platform === 'win32' && (0,external_node_fs_.existsSync)('d:\\')
    });
    return placed;
}
/** When this step started: the build cache keeps the entries used from then on (src/cache/policy.ts). */
const STARTED_MS = Date.now();
/** The GitHub Actions host: the runner's environment, log groups, outputs, GITHUB_ENV/PATH, state and summary. */
const actionHost = {
    log: actionLogger,
    env: process.env,
    cwd: process.cwd(),
    goFallback: findGoInToolCache,
    group: (title, work) => group(title, work),
    wording: wording/* ACTION_WORDING */.G,
    // The post step removes them: the main step ends without waiting for the unlinks (issue #18).
    removeLater: dir => {
        leftovers.push(dir);
        saveState(STATE.leftovers, JSON.stringify(leftovers));
    },
    credentialsPlanned: credentials => {
        maskSecrets(credentials.secrets);
        // GOAUTH=off would make go ignore the netrc the auth input needs: fail before anything is probed or exported.
        const goauth = goauthProblem(credentials, process.env);
        if (goauth)
            throw new go_errors/* InputErrors */.G([goauth]);
        credentials.moved.forEach(moved => actionLogger.info(movedNote(moved)));
        credentials.notes.forEach(note => actionLogger.info(note));
    },
    probed: outcome => {
        setOutput('fastest', outcome.fastest ?? '');
        setOutput('unreachable', outcome.unreachable.join(','));
        setOutput('probe-report', JSON.stringify(outcome.report));
        outcome.report.notes.forEach(note => notice(note));
    },
    showProbe: shown => {
        actionLogger.info(probeTableText(shown.report));
        droppedWarnings(shown.report).forEach(warning => actionLogger.warning(warning));
    },
    exportEnvironment: async ({ environment }, credentials) => {
        const dir = credentialDir();
        // Saved before anything is written: a main step that fails after this still leaves post its directory.
        saveState(STATE.credentialDir, dir);
        const installed = await installCredentials(credentials, dir);
        saveState(STATE.files, JSON.stringify(installed.files));
        const onD = windowsPlacement().exports;
        if (Object.keys(onD).length > 0)
            actionLogger.info(`Hosted Windows: ${Object.keys(onD).join(' and ')} on D: (C: is slow)`);
        exportVariables({ ...onD, ...environment.exports, ...installed.env });
        setEnvironmentOutputs(environment.effective);
        actionLogger.info(`Exported GOPROXY=${environment.effective.GOPROXY}`);
    },
    installPlace: () => {
        const root = process.env.RUNNER_TOOL_CACHE;
        if (!root) {
            throw new Error('RUNNER_TOOL_CACHE is not set: go-version installs Go into the runner tool cache, which the runner names');
        }
        return {
            destination: { kind: 'tool-cache', root: windowsPlacement().toolCache?.root ?? root, nodeArch: process.arch },
            tempDir: process.env.RUNNER_TEMP || external_node_os_default().tmpdir()
        };
    },
    installed: async (go) => {
        const toolCache = windowsPlacement().toolCache;
        if (toolCache)
            await linkFromDefaultToolCache(go.goroot, toolCache, actionLogger);
        // As setup-go: the installed Go's bin first, then $GOPATH/bin (core.addPath prepends). GOTOOLCHAIN pinned to
        // this Go unless the job set it: a go.mod `toolchain` line newer than this Go would otherwise download another
        // toolchain. Its own name rather than `local` (same effect for go): see pinnedToolchain.
        addPath(goPathBin(process.env, external_node_os_default().homedir()));
        addPath(external_node_path_.join(go.goroot, 'bin'));
        if (process.env.GOTOOLCHAIN)
            actionLogger.info(`GOTOOLCHAIN=${process.env.GOTOOLCHAIN} is the job's own: left as it is`);
        else
            exportVariable('GOTOOLCHAIN', (0,toolchain_version/* pinnedToolchain */.ck)((0,toolchain_version/* toolchainModuleGoVersion */.S9)(go.moduleVersion) ?? go.version));
        setOutput('go-version', go.version);
        setOutput('go-from-tool-cache', String(go.cacheHit));
        setOutput('go-root', go.goroot);
        actionLogger.info(renderInstallLine(go));
    },
    goReady: (go, warm) => {
        // `go env` for the log runs beside the warm phase, off its critical path; it is shown once the warm phase is done.
        const goEnv = go ? readGoEnvForLog(go) : undefined;
        const after = async () => goEnv && showGoEnv(await goEnv);
        if (warm && !go) {
            notice('Go was not found on PATH or in the tool cache, so the module cache was not warmed. The environment is exported; add actions/setup-go (before or after this action) to warm the cache too.');
        }
        // -modcacherw for the warm phase's go runs only: the module cache it fills then has writable directories, so a
        // cache restore extracting over it as a non-root user (actions/setup-go's after this step, ours on a self-hosted
        // runner) can replace its files instead of failing with "Cannot open: File exists". The job's GOFLAGS stays.
        const env = { ...process.env, GOFLAGS: (0,policy/* withModcacherw */.YN)(process.env.GOFLAGS) };
        const place = go && warm ? { go, cwd: process.env.GITHUB_WORKSPACE || process.cwd(), env } : undefined;
        return { ...(place ? { warm: place } : {}), after };
    },
    warmed: (report, environment) => {
        setOutput('modules', String(report.downloaded));
        setOutput('cached', String(report.cached));
        setOutput('warm-seconds', report.seconds.toFixed(1));
        if (!environment)
            return;
        exportVariables({ GOPROXY: environment.effective.GOPROXY });
        setEnvironmentOutputs(environment.effective);
        actionLogger.warning(`A proxy failed during warming; GOPROXY is now ${environment.effective.GOPROXY}`);
    },
    writeSummary: async (record) => {
        // performance.now() counts from the process's start: the step's whole time, node's start included.
        const meta = { version: packageVersion(), elapsedMs: performance.now() };
        if (process.env.GITHUB_STEP_SUMMARY)
            await appendSummary(summaryOf(record, meta));
    },
    cachePlace: () => ({
        os: process.env.RUNNER_OS ||
            { win32: 'Windows', darwin: 'macOS' }[process.platform] ||
            'Linux',
        stateDir: process.env.RUNNER_TEMP || external_node_os_default().tmpdir(),
        cwd: process.env.GITHUB_WORKSPACE || process.cwd(),
        env: process.env,
        startedMs: STARTED_MS,
        load: loadCache,
        standby: standbyRestoreWorker
    }),
    cachesRestored: ({ modules, build, state }) => {
        setOutput('cache-hit', String(modules?.kind === 'exact'));
        setOutput('cache-modules', modules?.kind ?? '');
        setOutput('cache-build', build?.kind ?? '');
        saveState(STATE.cache, JSON.stringify(state));
    }
};
/**
 * The action's own directory for credential files: under RUNNER_TEMP, removed by the post step. Without
 * GITHUB_ACTION (local runners, other CI) the pid makes it unique, which is why post reads it from the state.
 */
function credentialDir() {
    const base = process.env.RUNNER_TEMP || process.env.TMPDIR || process.env.TEMP || '/tmp';
    return external_node_path_.join(base, `setup-goproxy-${process.env.GITHUB_RUN_ID ?? 'local'}-${process.env.GITHUB_ACTION ?? process.pid}`);
}

// EXTERNAL MODULE: ./src/exec/cancel.ts
var exec_cancel = __nccwpck_require__(3155);
// EXTERNAL MODULE: ./src/exec/find-go.ts
var find_go = __nccwpck_require__(4705);
;// CONCATENATED MODULE: ./src/go/sumdb/exposure.ts

const FIXES = [
    { cve: 'CVE-2026-42501', fixedIn: { 26: 3 } },
    { cve: 'CVE-2026-56865', fixedIn: { 25: 13, 26: 6 } },
    { cve: 'CVE-2026-56864', fixedIn: { 25: 13, 26: 6 } }
];
/** The proxies run by a database's own operator (by preset name): checksum traffic through them is first-party. */
const OPERATOR_PROXIES = { 'sum.golang.org': ['proxy.golang.org'] };
/** `go1.23.5` → [1, 23, 5] (rc and beta count as .0 of their minor); undefined for a devel build or junk. */
function parseGoVersion(version) {
    const match = /^go(\d+)\.(\d+)(?:\.(\d+))?(?:(?:rc|beta)\d+)?$/.exec(version.trim());
    if (!match)
        return undefined;
    return [Number(match[1]), Number(match[2]), Number(match[3] ?? 0)];
}
/** The CVEs of FIXES that go `version` does not have; none for a version it cannot read (a devel build). */
function missingChecksumFixes(version) {
    const parsed = parseGoVersion(version);
    if (!parsed)
        return [];
    const [major, minor, patch] = parsed;
    if (major !== 1)
        return [];
    return FIXES.filter(fix => {
        const minors = Object.keys(fix.fixedIn).map(Number);
        if (minor > Math.max(...minors))
            return false;
        const first = fix.fixedIn[minor];
        return first === undefined || patch < first;
    }).map(fix => fix.cve);
}
/** Whether checksum traffic can go through a proxy not run by the database's operator. */
function checksumThroughThirdParty(sumdb, chain) {
    if (sumdb.kind !== 'db' || sumdb.explicitUrl)
        return false;
    const own = OPERATOR_PROXIES[sumdb.name] ?? [];
    return chain.proxies.some(proxy => !own.includes((0,presets/* presetForUrl */.Qi)(proxy.url)?.name ?? ''));
}
/**
 * The warning for a job whose go (`go env GOVERSION`) predates the fixes while checksum traffic can go through a
 * third-party proxy, naming both ways out; undefined when neither holds.
 */
function unpatchedGoWarning(goVersion, sumdb, chain) {
    const missing = missingChecksumFixes(goVersion);
    if (missing.length === 0 || !checksumThroughThirdParty(sumdb, chain) || sumdb.kind !== 'db')
        return undefined;
    const explicit = sumdb.name === 'sum.golang.org' ? 'sum.golang.org https://sum.golang.org' : `${sumdb.value} <its URL>`;
    return `${goVersion} predates the checksum-database fixes of ${missing.join(', ')}, and GOSUMDB=${sumdb.value} lets go send its checksum traffic through a third-party proxy of GOPROXY. Either upgrade go to 1.26.6 or later (go-version: stable does it here), or set a GOSUMDB with an explicit URL (sumdb: ${explicit}) so that checksum traffic never goes through a proxy.`;
}

;// CONCATENATED MODULE: ./src/settings/ambient.ts


/**
 * What the machine already has, for the action and the CLI alike: the six variables from the environment (empty
 * counts as unset, as in Go) and, when go is present, the chain is not given by inputs (`needGoproxy`) and GOPROXY
 * is not in the environment, `go env GOPROXY` (which sees `go env -w` and $GOROOT/go.env). go runs with
 * GOTOOLCHAIN=local: a go.mod asking for a newer Go must not start a toolchain download just to read a variable.
 */
async function readAmbient(go, needGoproxy, env, cwd) {
    const values = goVariablesFrom(env);
    if (!go || !needGoproxy || values.GOPROXY)
        return { env: values };
    const result = await (0,exec_go/* goEnv */.Aq)(go, ['GOPROXY'], { env, cwd });
    if (!result.ok)
        return { env: values, goEnvFailure: result.message };
    return { env: values, goEnvGoproxy: result.values.GOPROXY.trim() };
}
/** The warning for a failed `go env GOPROXY`: names the error and says which chain is used instead. */
function goEnvFailureWarning(failure) {
    return `Could not read GOPROXY from the go command, so any value set with \`go env -w\` is not seen and Go's default chain is used: ${failure}`;
}

;// CONCATENATED MODULE: ./src/settings/configure.ts
/**
 * The decisions the action and the CLI share, so that a laptop gets the same answer as
 * a runner: compose the plan and move credentials out of it (steps 1–2), then decide
 * what the probe's outcome means for the chain to export (step 3). Pure: the callers
 * gather the inputs and do the I/O.
 */


/**
 * Composes the Go module environment and plans the credentials for it (`words`: how the host names its settings in
 * warnings). Throws InputErrors for any bad input, before anything is written or exported.
 */
function planEnvironment(settings, ambient, words) {
    const composed = composePlan(settings, ambient, words);
    const planned = planSumdbCredentials(planCredentials(parseAuth(settings.auth), composed.chain, composed), composed.sumdb);
    const plan = addPrivatePatterns(withChain({ ...composed, sumdb: planned.sumdb }, planned.plan.chain), planned.plan.privateAdditions);
    return { plan, credentials: planned.plan };
}
/**
 * Applies `on-unreachable` to the probe's outcome: no problem → the rebuilt chain; a
 * problem → the chain as composed with a warning (`warn`) or a failure (`fail`).
 * `words` names the switch as the host does (an input or a flag).
 */
function decideAfterProbe(plan, proposal, onUnreachable, words) {
    if (proposal.problems.length === 0)
        return { chain: proposal.chain, sumdb: proposal.sumdb };
    const problems = proposal.problems.join('\n');
    const asComposed = { chain: plan.chain, sumdb: plan.sumdb };
    const warn = words.input('on-unreachable', 'warn');
    return onUnreachable === 'warn'
        ? { ...asComposed, warning: `${problems}\n${warn}: using the chain as composed.` }
        : { ...asComposed, failure: `${problems}\nSet ${warn} to use the chain anyway.` };
}

// EXTERNAL MODULE: ./src/go/module/path.ts
var path = __nccwpck_require__(4716);
// EXTERNAL MODULE: ./src/go/toolchain/list.ts
var list = __nccwpck_require__(5572);
// EXTERNAL MODULE: ./src/go/toolchain/version-file.ts
var version_file = __nccwpck_require__(6309);
;// CONCATENATED MODULE: ./src/settings/settings.ts










/** Input defaults, as in action.yml (the CLI has no action.yml to fill them in). */
const INPUT_DEFAULTS = {
    fallback: 'on-error',
    probe: 'true',
    'probe-timeout': '3000',
    'probe-module': 'golang.org/x/mod',
    order: 'latency',
    'on-unreachable': 'fail',
    warm: 'true',
    'warm-vendored': 'false',
    'working-directory': '.',
    'warm-timeout': '600',
    'warm-concurrency': '64',
    retries: '3',
    cache: 'false',
    'cache-restore-only': 'false',
    'check-latest': 'false'
};
function choice(input, value, allowed) {
    if (allowed.includes(value))
        return value;
    throw new go_errors/* InputError */.dz(input, `${(0,go_errors/* quote */.hD)(value)} is not one of: ${allowed.join(', ')}.`);
}
function settings_boolean(input, value) {
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new go_errors/* InputError */.dz(input, `${(0,go_errors/* quote */.hD)(value)} is not a boolean; write true or false.`);
}
function integer(input, value, min, max, unit) {
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
        throw new go_errors/* InputError */.dz(input, `${(0,go_errors/* quote */.hD)(value)} is not a whole number of ${unit} from ${min} to ${max}.`);
    }
    return Number(value);
}
function settings_list(value) {
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
    const errors = new go_errors/* ErrorCollector */.KO();
    const fallback = errors.attempt(() => choice('fallback', get('fallback'), ['on-error', 'not-found']), 'on-error');
    const separator = fallback === 'not-found' ? ',' : '|';
    const patterns = (name) => errors.attempt(() => optionalPatterns(name, read(name)), undefined);
    const regionValue = get('region');
    const sumdbValue = read('sumdb').trim();
    const probeModule = errors.attempt(() => {
        const value = get('probe-module');
        (0,go_errors/* assertNoControlCharacters */.Pt)('probe-module', value);
        (0,path/* checkModulePath */.iU)('probe-module', value);
        return value;
    }, '');
    const auth = read('auth');
    const settings = {
        proxies: errors.attempt(() => (0,proxy_chain/* parseProxiesInput */.ik)('proxies', read('proxies'), separator), undefined),
        region: regionValue === '' ? undefined : errors.attempt(() => choice('region', regionValue, presets/* REGIONS */.ij), undefined),
        private: patterns('private'),
        noProxy: patterns('no-proxy'),
        noSumdb: patterns('no-sumdb'),
        insecure: patterns('insecure'),
        sumdb: sumdbValue === '' ? undefined : errors.attempt(() => (0,config/* parseGosumdb */.$M)('sumdb', sumdbValue), undefined),
        fallback: separator,
        probe: errors.attempt(() => settings_boolean('probe', get('probe')), true),
        probeTimeoutMs: errors.attempt(() => integer('probe-timeout', get('probe-timeout'), 100, 120000, 'milliseconds'), 3000),
        probeModule,
        order: errors.attempt(() => choice('order', get('order'), ['latency', 'given']), 'latency'),
        onUnreachable: errors.attempt(() => choice('on-unreachable', get('on-unreachable'), ['fail', 'warn']), 'fail'),
        warm: errors.attempt(() => settings_boolean('warm', get('warm')), true),
        warmVendored: errors.attempt(() => settings_boolean('warm-vendored', get('warm-vendored')), false),
        workingDirectories: errors.attempt(() => {
            const dirs = settings_list(get('working-directory'));
            dirs.forEach(dir => (0,go_errors/* assertNoControlCharacters */.Pt)('working-directory', dir));
            return dirs.length > 0 ? dirs : ['.'];
        }, []),
        warmTimeoutSeconds: errors.attempt(() => integer('warm-timeout', get('warm-timeout'), 1, 21600, 'seconds'), 600),
        warmConcurrency: errors.attempt(() => integer('warm-concurrency', get('warm-concurrency'), 0, 256, 'requests in flight'), 64),
        retries: errors.attempt(() => integer('retries', get('retries'), 1, 10, 'attempts'), 3),
        auth,
        goInstall: errors.attempt(() => goInstallRequest(read('go-version'), read('go-version-file')), undefined),
        architecture: errors.attempt(() => (0,list/* parseArchitecture */.ZN)(read('architecture')), undefined),
        checkLatest: errors.attempt(() => settings_boolean('check-latest', get('check-latest')), false),
        cache: errors.attempt(() => (0,policy/* parseCacheSettings */.lL)(read('cache'), read('cache-restore-only'), read('cache-key-suffix')), undefined),
        jobStatus: (0,policy.jobStatus)(read('job-status'))
    };
    errors.throwIfAny();
    return settings;
}
/**
 * `go-version` / `go-version-file`. Both set is an error (actions/setup-go warns and ignores the file; here the two
 * could name different versions, and a silent choice would install the one the user did not mean).
 */
function goInstallRequest(versionValue, fileValue) {
    const version = versionValue.trim();
    const file = fileValue.trim();
    if (version !== '' && file !== '') {
        throw new go_errors/* InputError */.dz('go-version', `${(0,go_errors/* quote */.hD)(version)} and go-version-file ${(0,go_errors/* quote */.hD)(file)} are both set; set only one of them.`);
    }
    if (version !== '') {
        (0,go_errors/* assertNoControlCharacters */.Pt)('go-version', version);
        return { from: 'go-version', request: (0,toolchain_version/* parseVersionRequest */.Hd)(version, 'go-version') };
    }
    if (file !== '') {
        (0,go_errors/* assertNoControlCharacters */.Pt)(version_file/* VERSION_FILE_INPUT */.JG, file);
        return { from: 'go-version-file', file };
    }
    return undefined;
}
function optionalPatterns(name, raw) {
    return raw.trim() === '' ? undefined : (0,env_patterns/* parsePatternInput */.A6)(name, raw);
}

// EXTERNAL MODULE: ./src/warm/directories.ts
var directories = __nccwpck_require__(6266);
;// CONCATENATED MODULE: ./src/pipeline/pipeline.ts












let probeLoading;
const loadProbe = () => (probeLoading ??= Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(825), __nccwpck_require__.e(496), __nccwpck_require__.e(364)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6364)));
let warmLoading;
const loadWarm = () => (warmLoading ??= Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(663), __nccwpck_require__.e(825), __nccwpck_require__.e(915)]).then(__nccwpck_require__.bind(__nccwpck_require__, 9915)));
const loadInstall = () => Promise.all(/* import() */[__nccwpck_require__.e(752), __nccwpck_require__.e(663), __nccwpck_require__.e(825), __nccwpck_require__.e(496), __nccwpck_require__.e(897)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2897));
/**
 * Validates every input (a bad one throws InputErrors before anything is exported), finds go, reads what the
 * machine already has (`go env GOPROXY` only when the inputs do not give the chain) and composes the plan with the
 * credentials moved out of URLs and private module hosts added to GOPRIVATE.
 */
async function prepare(read, host) {
    const settings = readSettings(read);
    // A working-directory that does not exist is a typo: an input error before anything is exported.
    if (settings.warm)
        refuseMissingDirectories(settings.workingDirectories, host.cwd);
    // Loading starts now so that it overlaps the go lookup; a failed load is reported where the probe awaits it.
    if (settings.probe)
        loadProbe().catch(() => undefined);
    const go = await (0,find_go/* findGo */.i)(host.goFallback, host.env);
    const ambient = await readAmbient(go, !chainFromInputs(settings), host.env, host.cwd);
    if (ambient.goEnvFailure)
        host.log.warning((0,proxy_url/* redactText */.Rd)(goEnvFailureWarning(ambient.goEnvFailure)));
    const { plan, credentials } = planEnvironment(settings, ambient, host.wording);
    host.credentialsPlanned(credentials);
    plan.warnings.forEach(warning => host.log.warning(warning));
    host.log.info(`Composed GOPROXY (${plan.chainSource}): ${(0,proxy_chain/* formatChain */.rA)(plan.chain, true)}`);
    return { settings, ...(go ? { go } : {}), plan, credentials };
}
/** Throws InputErrors naming every working-directory line (without a glob) that names nothing under `cwd`. */
function refuseMissingDirectories(lines, cwd) {
    const missing = (0,directories/* missingDirectories */.q7)(lines, cwd);
    if (missing.length > 0) {
        throw new go_errors/* InputErrors */.G(missing.map(line => new go_errors/* InputError */.dz('working-directory', `${(0,go_errors/* quote */.hD)(line)} does not exist (in ${cwd})`)));
    }
}
/**
 * Probes (when `probe` is on) and applies on-unreachable: no problem → the rebuilt chain; problems → the chain as
 * composed with a warning (`warn`) or a failure (`fail`, nothing exported).
 */
async function decide(prepared, host, probe = prepared.settings.probe) {
    const { settings, plan, credentials } = prepared;
    const outcome = probe ? await probeWith(prepared, host) : undefined;
    const verdict = outcome
        ? decideAfterProbe(plan, outcome, settings.onUnreachable, host.wording)
        : { chain: plan.chain, sumdb: plan.sumdb };
    // Shown after the verdict, to every reader alike (outputs, tables, warnings): the chain it names is the one
    // exported, or none when the run fails.
    const shown = outcome && {
        ...outcome,
        report: probeReportAsShown(outcome.report, verdict.failure === undefined ? verdict.chain : undefined)
    };
    if (shown) {
        host.probed?.(shown);
        host.showProbe(shown);
    }
    if (verdict.warning)
        host.log.warning(verdict.warning);
    const route = {
        chain: verdict.chain,
        sumdb: verdict.sumdb,
        plan,
        credentialsFor: credentials.credentialsFor
    };
    const environment = environmentFor(plan, verdict.chain, verdict.sumdb);
    const record = {
        settings,
        plan,
        ...(shown ? { probe: shown } : {}),
        // A failed decision exports nothing: the summary shows the composed values as not exported.
        environment: verdict.failure ? { ...environmentFor(plan), exports: {} } : environment,
        ...(verdict.failure ? { failure: verdict.failure } : {})
    };
    return {
        route,
        environment,
        record,
        ...(shown ? { outcome: shown } : {}),
        ...(verdict.failure ? { failure: verdict.failure } : {})
    };
}
/** Runs the probe as one part of the log. */
async function probeWith(prepared, host) {
    const { settings, plan, credentials } = prepared;
    const { probeChain } = await loadProbe();
    const outcome = await host.group(`Probe ${plan.chain.proxies.length} proxies and the checksum database`, () => probeChain(plan, {
        timeoutMs: settings.probeTimeoutMs,
        probeModule: settings.probeModule,
        order: settings.order,
        credentialsFor: credentials.credentialsFor,
        log: host.log,
        words: host.wording
    }));
    return outcome;
}
/** Installs the Go the settings ask for (go-version / go-version-file) through the verified route. */
async function installGo(route, settings, host, place) {
    const { goInstall } = settings;
    if (!goInstall)
        throw new Error('no Go to install: give go-version or go-version-file');
    const { installRequestedGo } = await loadInstall();
    const what = goInstall.from === 'go-version' ? 'go-version' : `go-version-file ${goInstall.file}`;
    return host.group(`Install Go (${what}) through the verified chain`, () => installRequestedGo({
        goInstall,
        chain: route.chain,
        sumdb: route.sumdb,
        gonoproxy: route.plan.gonoproxy,
        credentialsFor: route.credentialsFor,
        destination: place.destination,
        tempDir: place.tempDir,
        cwd: host.cwd,
        env: { ...host.env },
        log: host.log,
        attempts: settings.retries,
        checkLatest: settings.checkLatest,
        ...(settings.architecture ? { architecture: settings.architecture } : {})
    }));
}
/** Warms the module cache through the verified route. */
async function warmCache(route, settings, host, place) {
    const { warmModules } = await loadWarm();
    return warmModules({
        go: place.go,
        directories: [...settings.workingDirectories],
        cwd: place.cwd,
        env: definedOnly(place.env),
        chain: route.chain,
        plan: route.plan,
        sumdb: route.sumdb,
        timeoutSeconds: settings.warmTimeoutSeconds,
        prefetchConcurrency: settings.warmConcurrency,
        warmVendored: settings.warmVendored,
        retries: settings.retries,
        credentialsFor: route.credentialsFor,
        log: host.log,
        words: host.wording,
        ...(host.removeLater ? { removeLater: (dir) => host.removeLater?.(dir) } : {}),
        ...(place.onProgress ? { onProgress: place.onProgress } : {})
    });
}
/** The environment without its unset names (what a child process gets). */
function definedOnly(env) {
    return Object.fromEntries(Object.entries(env).filter((e) => e[1] !== undefined));
}
/** The debug line that marks the moment the module cache is warm, with the caches on (bench/cache.ts reads it). */
const MODULE_CACHE_WARM_MARK = 'Module cache warm:';
/**
 * Starts the build cache's restore, restores the module cache (awaited), and returns the function that awaits the
 * build cache's restore (which runs beside the warm phase meanwhile).
 */
async function restoreCaches(settings, go, host, place, early) {
    const cache = settings.cache;
    if (!cache)
        return undefined;
    const { restoreCaches: restore } = await place.load();
    const result = await host.group('Restore the module and build caches', () => restore({ ...cacheOptions(settings, cache, go, host, place), ...(early ? { early } : {}) }));
    if (!result)
        return undefined;
    // Called after the warm phase and `go env`: the main step's own go commands are done.
    return async () => {
        const build = await result.build;
        await result.buildSettled?.();
        return {
            ...(result.modules ? { modules: result.modules } : {}),
            ...(build ? { build } : {}),
            state: result.state
        };
    };
}
function cacheOptions(settings, cache, go, host, place) {
    return {
        settings: cache,
        go,
        cwd: place.cwd,
        env: definedOnly(place.env),
        directories: settings.workingDirectories,
        os: place.os,
        stateDir: place.stateDir,
        startedMs: place.startedMs,
        log: host.log
    };
}
/**
 * The modules restore, started before Go is installed with the go already here: it runs beside the install (see
 * restoreModulesEarly); undefined when there is no such go or no caches.
 */
function restoreModulesEarly(settings, go, host) {
    const cache = settings.cache;
    const place = cache && go ? host.cachePlace?.() : undefined;
    if (!cache || !go || !place)
        return undefined;
    return place.load().then((phase) => phase.restoreModulesEarly(cacheOptions(settings, cache, go, host, place)), () => undefined);
}
/**
 * prepare → probe → decide → export → install → warm, as README's "What it does" lists them. A failed phase
 * still writes the summary and then throws its failure.
 */
async function runPipeline(read, host) {
    const prepared = await prepare(read, host);
    if (prepared.settings.cache)
        host.cachePlace?.()?.standby?.();
    const decided = await decide(prepared, host);
    const { record, route } = decided;
    const fail = async (failure, cause) => {
        record.failure = failure;
        await host.writeSummary(record);
        throw new Error(failure, cause === undefined ? undefined : { cause });
    };
    if (decided.failure)
        return fail(decided.failure);
    await host.exportEnvironment(decided, prepared.credentials);
    // The module cache's restore does not wait for the Go install (its place and key do not depend on the version).
    const early = prepared.settings.goInstall ? restoreModulesEarly(prepared.settings, prepared.go, host) : undefined;
    if (prepared.settings.goInstall) {
        try {
            record.installedGo = await installGo(route, prepared.settings, host, host.installPlace());
        }
        catch (error) {
            return fail(`Installing Go failed: ${error instanceof Error ? error.message : String(error)}`, error);
        }
        await host.installed(record.installedGo);
    }
    const jobGo = record.installedGo?.goBinary ?? prepared.go;
    // The caches: the module cache before the warm phase (which then fetches only what is missing), the build cache
    // beside it.
    const cachePlace = prepared.settings.cache && jobGo ? host.cachePlace?.() : undefined;
    const caches = cachePlace && jobGo ? await restoreCaches(prepared.settings, jobGo, host, cachePlace, early) : undefined;
    const ready = host.goReady(jobGo, prepared.settings.warm);
    // The job's go version, for the warning about the 2026 checksum-database fixes (beside the warm phase).
    const goVersion = jobGo
        ? (0,exec_go/* goEnv */.Aq)(jobGo, ['GOVERSION'], { cwd: host.cwd, env: host.env }).catch(() => undefined)
        : undefined;
    const warnIfUnpatched = async () => {
        const version = await goVersion;
        const warning = version?.ok ? unpatchedGoWarning(version.values.GOVERSION, route.sumdb, route.chain) : undefined;
        if (warning)
            host.log.warning(warning);
    };
    const place = ready.warm;
    if (place) {
        const warm = await host.group('Warm the module cache', () => warmCache(route, prepared.settings, host, place));
        record.warm = warm;
        // The moment the module cache is warm (restore + top-up): the cache benchmark reads it; the build cache's
        // restore may still run, and the step awaits it below.
        if (caches)
            host.log.debug(`${MODULE_CACHE_WARM_MARK} ${Math.round(performance.now())} ms after the process started`);
        await ready.after?.();
        await warnIfUnpatched();
        if (warm.chainChanged)
            record.environment = environmentFor(prepared.plan, warm.chain, route.sumdb);
        host.warmed(warm, warm.chainChanged ? record.environment : undefined);
        if (!warm.ok) {
            return fail(`Warming the module cache failed: ${warm.failed.length} module(s); each one is diagnosed in the log (on its go.mod) and in the job summary.`);
        }
    }
    if (!place) {
        await ready.after?.();
        await warnIfUnpatched();
    }
    if (caches) {
        const restored = await caches();
        record.caches = [restored.modules, restored.build].filter(part => part !== undefined);
        host.cachesRestored?.(restored);
    }
    await host.writeSummary(record);
    return record;
}

// EXTERNAL MODULE: ./src/warm/forwarder/types.ts
var types = __nccwpck_require__(8297);
;// CONCATENATED MODULE: ./src/main.ts
















/**
 * The action's entry: the main step runs the pipeline (src/pipeline/pipeline.ts: validate, probe, decide, export,
 * install Go, warm — the README's "What it does"), the post step (same bundle, run again by the runner with the
 * saved state) removes the credential files. Whatever is thrown ends in core.setFailed.
 */
async function run() {
    try {
        if (getState(STATE.isPost) === 'true') {
            // Credentials go first and whatever happens; the caches are saved after, and only after a successful job.
            try {
                return await cleanUp();
            }
            finally {
                await saveCachesAfterJob();
            }
        }
        saveState(STATE.isPost, 'true');
        endOnCancel();
        // Which release ran, first in the log (the summary's heading says it too).
        info(`setup-goproxy ${packageVersion()}`);
        const read = (name) => getInput(name);
        maskInputSecrets(read);
        await runPipeline(read, actionHost);
    }
    catch (error) {
        setFailed(failureMessage(error));
        // Invalid input ends the run before it has a record: the pipeline wrote no summary, so say it here.
        if (error instanceof go_errors/* InputErrors */.G)
            await writeFailedSummary(failureMessage(error));
    }
    finally {
        // A cache request given up at its deadline may hold a socket open for as long as the service keeps it: end the
        // process now (with the exit code core.setFailed set), not when that socket closes.
        if (cacheLoaded() && (await __nccwpck_require__.e(/* import() */ 540).then(__nccwpck_require__.bind(__nccwpck_require__, 9540))).hasAbandonedCacheRequests())
            process.exit();
    }
}
/** The summary of a run that failed before the pipeline could write one; a summary that cannot be written is a warning. */
async function writeFailedSummary(failure) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    const meta = { version: packageVersion(), elapsedMs: performance.now() };
    try {
        await appendSummary(failedSummary(failure, meta));
    }
    catch (error) {
        warning(`Could not write the job summary: ${error instanceof Error ? error.message : String(error)}`);
    }
}
/**
 * The post step's save. `job-status` defaults to `${{ job.status }}` in action.yml, which the runner evaluates
 * again for the post step (the job's status at that point): `post-if: success()` would skip the credential cleanup
 * too, so post always runs and the save alone depends on the status.
 */
async function saveCachesAfterJob() {
    const state = getState(STATE.cache);
    if (!state)
        return;
    try {
        const { saveCaches } = await loadCache();
        const { jobStatus } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 4798));
        const { saveTable } = await Promise.resolve(/* import() */).then(__nccwpck_require__.bind(__nccwpck_require__, 8298));
        const saved = await saveCaches({ state: JSON.parse(state), jobStatus: jobStatus(getInput('job-status')), log: actionLogger });
        if (process.env.GITHUB_STEP_SUMMARY && saved.length > 0) {
            await appendSummary(['### setup-goproxy: caches saved', '', saveTable(saved), ''].join('\n'));
        }
    }
    catch (error) {
        // A cache is an optimisation: a failed save is a warning, never a failed job.
        actionLogger.warning(`cache: saving failed: ${(0,proxy_url/* redactText */.Rd)(error instanceof Error ? error.message : String(error))}`);
    }
}
/** The post step: removes the credential files main wrote, from the directory main saved. */
async function cleanUp() {
    const files = JSON.parse(getState(STATE.files) || '[]');
    let removed;
    let problems = 0;
    try {
        // The directory main saved; main and post are different processes, so recomputing it may not give the same one.
        const dir = getState(STATE.credentialDir) || credentialDir();
        // Also what carries the marker in that directory: files written before their list was saved.
        const marked = await markedCredentialFiles(dir);
        removed = await removeCredentials([...files, ...marked.filter(file => !files.includes(file))], { dir });
    }
    catch (error) {
        if (!(error instanceof CredentialRemovalError))
            throw error;
        removed = error.removed;
        problems = error.problems.length;
        error.problems.forEach(problem => warning(problem));
    }
    await removeLeftovers();
    if (removed.length > 0)
        actionLogger.info(`Removed ${removed.length} credential file(s): ${removed.join(', ')}`);
    // "Nothing to remove" would be false when files were left in place: the warnings above name them.
    if (problems > 0)
        info(`${problems} credential file(s) could not be removed (see the warnings above).`);
    else if (removed.length === 0)
        info('No credential files to remove.');
}
/**
 * Removes what main left for post (the warm phase's prefetch layer: files go already copied into its module cache).
 * Only directories of ours under RUNNER_TEMP are touched, whatever the state says; a failure is a warning.
 */
async function removeLeftovers() {
    const temp = process.env.RUNNER_TEMP;
    const dirs = JSON.parse(getState(STATE.leftovers) || '[]');
    if (!temp || !Array.isArray(dirs))
        return;
    for (const dir of dirs) {
        if (typeof dir !== 'string' || !isLeftover(dir, temp))
            continue;
        try {
            await (0,promises_.rm)(dir, { recursive: true, force: true, maxRetries: 3 });
        }
        catch (error) {
            warning(`Could not remove ${dir}: ${error instanceof Error ? error.message : String(error)}`);
        }
    }
}
/** A directory main may leave: directly under RUNNER_TEMP, named by the warm phase's layer prefix. */
function isLeftover(dir, temp) {
    const resolved = external_node_path_default().resolve(dir);
    return external_node_path_default().dirname(resolved) === external_node_path_default().resolve(temp) && external_node_path_default().basename(resolved).startsWith(types/* LAYER_DIR_PREFIX */.P);
}
/**
 * The runner cancels a step with SIGINT, then SIGTERM about 7.5 s later. Node's default would end this process
 * alone: go (in a process group of its own) would keep running, re-parented to init, and a half-extracted tree
 * would stay in the tool cache. Instead: undo what is registered (src/exec/cancel.ts: go's process groups, the
 * staging tree, the tool-cache lock, a partial download), name the failure in the log and the summary, and exit.
 * Everything here is synchronous, so nothing else runs between the undo and the exit. The state the post step needs
 * is already in GITHUB_STATE (it is saved before anything is written).
 */
function endOnCancel() {
    const cancel = (signal) => {
        (0,exec_cancel/* undoForCancel */.W)();
        const message = `The run was cancelled (${signal}): go and what it started were ended, nothing half-installed was left; the post step still removes the credential files.`;
        setFailed(message);
        const summary = process.env.GITHUB_STEP_SUMMARY;
        if (summary) {
            try {
                (0,external_node_fs_.appendFileSync)(summary, `## setup-goproxy\n\n> [!CAUTION]\n> ${message}\n`);
            }
            catch {
                // The log line above is what counts.
            }
        }
        process.exit(1);
    };
    process.once('SIGINT', cancel);
    process.once('SIGTERM', cancel);
}
function failureMessage(error) {
    if (error instanceof go_errors/* InputErrors */.G)
        return `Invalid input — nothing was exported.\n${error.message}`;
    return (0,proxy_url/* redactText */.Rd)(error instanceof Error ? error.message : String(error));
}

;// CONCATENATED MODULE: ./src/index.ts



// The same bundle runs the cache restores in a child process their deadlines can kill (src/cache/restore-worker.ts).
if (process.argv[2] === child_arg/* RESTORE_WORKER_ARG */.x)
    void __nccwpck_require__.e(/* import() */ 227).then(__nccwpck_require__.bind(__nccwpck_require__, 9227)).then(worker => worker.runRestoreWorker());
else
    failIfExitingEarly(run());

