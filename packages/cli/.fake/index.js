import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __commonJS = (cb, mod) => function __require2() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
  }
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/constants.js
var require_constants = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/constants.js"(exports, module) {
    "use strict";
    var WIN_SLASH = "\\\\/";
    var WIN_NO_SLASH = `[^${WIN_SLASH}]`;
    var DEFAULT_MAX_EXTGLOB_RECURSION = 0;
    var DOT_LITERAL = "\\.";
    var PLUS_LITERAL = "\\+";
    var QMARK_LITERAL = "\\?";
    var SLASH_LITERAL = "\\/";
    var ONE_CHAR = "(?=.)";
    var QMARK = "[^/]";
    var END_ANCHOR = `(?:${SLASH_LITERAL}|$)`;
    var START_ANCHOR = `(?:^|${SLASH_LITERAL})`;
    var DOTS_SLASH = `${DOT_LITERAL}{1,2}${END_ANCHOR}`;
    var NO_DOT = `(?!${DOT_LITERAL})`;
    var NO_DOTS = `(?!${START_ANCHOR}${DOTS_SLASH})`;
    var NO_DOT_SLASH = `(?!${DOT_LITERAL}{0,1}${END_ANCHOR})`;
    var NO_DOTS_SLASH = `(?!${DOTS_SLASH})`;
    var QMARK_NO_DOT = `[^.${SLASH_LITERAL}]`;
    var STAR = `${QMARK}*?`;
    var SEP = "/";
    var POSIX_CHARS = {
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
    var WINDOWS_CHARS = {
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
      SEP: "\\"
    };
    var POSIX_REGEX_SOURCE = {
      __proto__: null,
      alnum: "a-zA-Z0-9",
      alpha: "a-zA-Z",
      ascii: "\\x00-\\x7F",
      blank: " \\t",
      cntrl: "\\x00-\\x1F\\x7F",
      digit: "0-9",
      graph: "\\x21-\\x7E",
      lower: "a-z",
      print: "\\x20-\\x7E ",
      punct: "\\-!\"#$%&'()\\*+,./:;<=>?@[\\]^_`{|}~",
      space: " \\t\\r\\n\\v\\f",
      upper: "A-Z",
      word: "A-Za-z0-9_",
      xdigit: "A-Fa-f0-9"
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
        "***": "*",
        "**/**": "**",
        "**/**/**": "**"
      },
      // Digits
      CHAR_0: 48,
      /* 0 */
      CHAR_9: 57,
      /* 9 */
      // Alphabet chars.
      CHAR_UPPERCASE_A: 65,
      /* A */
      CHAR_LOWERCASE_A: 97,
      /* a */
      CHAR_UPPERCASE_Z: 90,
      /* Z */
      CHAR_LOWERCASE_Z: 122,
      /* z */
      CHAR_LEFT_PARENTHESES: 40,
      /* ( */
      CHAR_RIGHT_PARENTHESES: 41,
      /* ) */
      CHAR_ASTERISK: 42,
      /* * */
      // Non-alphabetic chars.
      CHAR_AMPERSAND: 38,
      /* & */
      CHAR_AT: 64,
      /* @ */
      CHAR_BACKWARD_SLASH: 92,
      /* \ */
      CHAR_CARRIAGE_RETURN: 13,
      /* \r */
      CHAR_CIRCUMFLEX_ACCENT: 94,
      /* ^ */
      CHAR_COLON: 58,
      /* : */
      CHAR_COMMA: 44,
      /* , */
      CHAR_DOT: 46,
      /* . */
      CHAR_DOUBLE_QUOTE: 34,
      /* " */
      CHAR_EQUAL: 61,
      /* = */
      CHAR_EXCLAMATION_MARK: 33,
      /* ! */
      CHAR_FORM_FEED: 12,
      /* \f */
      CHAR_FORWARD_SLASH: 47,
      /* / */
      CHAR_GRAVE_ACCENT: 96,
      /* ` */
      CHAR_HASH: 35,
      /* # */
      CHAR_HYPHEN_MINUS: 45,
      /* - */
      CHAR_LEFT_ANGLE_BRACKET: 60,
      /* < */
      CHAR_LEFT_CURLY_BRACE: 123,
      /* { */
      CHAR_LEFT_SQUARE_BRACKET: 91,
      /* [ */
      CHAR_LINE_FEED: 10,
      /* \n */
      CHAR_NO_BREAK_SPACE: 160,
      /* \u00A0 */
      CHAR_PERCENT: 37,
      /* % */
      CHAR_PLUS: 43,
      /* + */
      CHAR_QUESTION_MARK: 63,
      /* ? */
      CHAR_RIGHT_ANGLE_BRACKET: 62,
      /* > */
      CHAR_RIGHT_CURLY_BRACE: 125,
      /* } */
      CHAR_RIGHT_SQUARE_BRACKET: 93,
      /* ] */
      CHAR_SEMICOLON: 59,
      /* ; */
      CHAR_SINGLE_QUOTE: 39,
      /* ' */
      CHAR_SPACE: 32,
      /*   */
      CHAR_TAB: 9,
      /* \t */
      CHAR_UNDERSCORE: 95,
      /* _ */
      CHAR_VERTICAL_LINE: 124,
      /* | */
      CHAR_ZERO_WIDTH_NOBREAK_SPACE: 65279,
      /* \uFEFF */
      /**
       * Create EXTGLOB_CHARS
       */
      extglobChars(chars2) {
        return {
          "!": { type: "negate", open: "(?:(?!(?:", close: `))${chars2.STAR})` },
          "?": { type: "qmark", open: "(?:", close: ")?" },
          "+": { type: "plus", open: "(?:", close: ")+" },
          "*": { type: "star", open: "(?:", close: ")*" },
          "@": { type: "at", open: "(?:", close: ")" }
        };
      },
      /**
       * Create GLOB_CHARS
       */
      globChars(win32) {
        return win32 === true ? WINDOWS_CHARS : POSIX_CHARS;
      }
    };
  }
});

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/utils.js
var require_utils = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/utils.js"(exports) {
    "use strict";
    var {
      REGEX_BACKSLASH,
      REGEX_REMOVE_BACKSLASH,
      REGEX_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_GLOBAL
    } = require_constants();
    exports.isObject = (val) => val !== null && typeof val === "object" && !Array.isArray(val);
    exports.hasRegexChars = (str) => REGEX_SPECIAL_CHARS.test(str);
    exports.isRegexChar = (str) => str.length === 1 && exports.hasRegexChars(str);
    exports.escapeRegex = (str) => str.replace(REGEX_SPECIAL_CHARS_GLOBAL, "\\$1");
    exports.toPosixSlashes = (str) => str.replace(REGEX_BACKSLASH, "/");
    exports.isWindows = () => {
      if (typeof navigator !== "undefined" && navigator.platform) {
        const platform = navigator.platform.toLowerCase();
        return platform === "win32" || platform === "windows";
      }
      if (typeof process !== "undefined" && process.platform) {
        return process.platform === "win32";
      }
      return false;
    };
    exports.removeBackslashes = (str) => {
      return str.replace(REGEX_REMOVE_BACKSLASH, (match) => {
        return match === "\\" ? "" : match;
      });
    };
    exports.escapeLast = (input, char, lastIdx) => {
      const idx = input.lastIndexOf(char, lastIdx);
      if (idx === -1) return input;
      if (input[idx - 1] === "\\") return exports.escapeLast(input, char, idx - 1);
      return `${input.slice(0, idx)}\\${input.slice(idx)}`;
    };
    exports.removePrefix = (input, state = {}) => {
      let output = input;
      if (output.startsWith("./")) {
        output = output.slice(2);
        state.prefix = "./";
      }
      return output;
    };
    exports.wrapOutput = (input, state = {}, options = {}) => {
      const prepend = options.contains ? "" : "^";
      const append = options.contains ? "" : "$";
      let output = `${prepend}(?:${input})${append}`;
      if (state.negated === true) {
        output = `(?:^(?!${output}).*$)`;
      }
      return output;
    };
    exports.basename = (path6, { windows } = {}) => {
      const segs = path6.split(windows ? /[\\/]/ : "/");
      const last = segs[segs.length - 1];
      if (last === "") {
        return segs[segs.length - 2];
      }
      return last;
    };
  }
});

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/scan.js
var require_scan = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/scan.js"(exports, module) {
    "use strict";
    var utils = require_utils();
    var {
      CHAR_ASTERISK,
      /* * */
      CHAR_AT,
      /* @ */
      CHAR_BACKWARD_SLASH,
      /* \ */
      CHAR_COMMA,
      /* , */
      CHAR_DOT,
      /* . */
      CHAR_EXCLAMATION_MARK,
      /* ! */
      CHAR_FORWARD_SLASH,
      /* / */
      CHAR_LEFT_CURLY_BRACE,
      /* { */
      CHAR_LEFT_PARENTHESES,
      /* ( */
      CHAR_LEFT_SQUARE_BRACKET,
      /* [ */
      CHAR_PLUS,
      /* + */
      CHAR_QUESTION_MARK,
      /* ? */
      CHAR_RIGHT_CURLY_BRACE,
      /* } */
      CHAR_RIGHT_PARENTHESES,
      /* ) */
      CHAR_RIGHT_SQUARE_BRACKET
      /* ] */
    } = require_constants();
    var isPathSeparator = (code) => {
      return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
    };
    var depth = (token) => {
      if (token.isPrefix !== true) {
        token.depth = token.isGlobstar ? Infinity : 1;
      }
    };
    var scan = (input, options) => {
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
      let token = { value: "", depth: 0, isGlob: false };
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
          token = { value: "", depth: 0, isGlob: false };
          if (finished === true) continue;
          if (prev === CHAR_DOT && index === start + 1) {
            start += 2;
            continue;
          }
          lastIndex = index + 1;
          continue;
        }
        if (opts.noext !== true) {
          const isExtglobChar = code === CHAR_PLUS || code === CHAR_AT || code === CHAR_ASTERISK || code === CHAR_QUESTION_MARK || code === CHAR_EXCLAMATION_MARK;
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
      let prefix = "";
      let glob = "";
      if (start > 0) {
        prefix = str.slice(0, start);
        str = str.slice(start);
        lastIndex -= start;
      }
      if (base && isGlob === true && lastIndex > 0) {
        base = str.slice(0, lastIndex);
        glob = str.slice(lastIndex);
      } else if (isGlob === true) {
        base = "";
        glob = str;
      } else {
        base = str;
      }
      if (base && base !== "" && base !== "/" && base !== str) {
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
          const n2 = prevIndex !== void 0 ? prevIndex + 1 : start;
          const i = slashes[idx];
          const value2 = input.slice(n2, i);
          if (opts.tokens) {
            if (idx === 0 && start !== 0) {
              tokens[idx].isPrefix = true;
              tokens[idx].value = prefix;
            } else {
              tokens[idx].value = value2;
            }
            depth(tokens[idx]);
            state.maxDepth += tokens[idx].depth;
          }
          if (i >= start) {
            parts.push(value2);
            prevIndex = i;
          }
        }
        const n = prevIndex !== void 0 ? prevIndex + 1 : start;
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
  }
});

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/parse.js
var require_parse = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/parse.js"(exports, module) {
    "use strict";
    var constants = require_constants();
    var utils = require_utils();
    var {
      MAX_LENGTH,
      POSIX_REGEX_SOURCE,
      REGEX_NON_SPECIAL_CHARS,
      REGEX_SPECIAL_CHARS_BACKREF,
      REPLACEMENTS
    } = constants;
    var expandRange = (args, options) => {
      if (typeof options.expandRange === "function") {
        return options.expandRange(...args, options);
      }
      args.sort();
      const value = `[${args.join("-")}]`;
      try {
        new RegExp(value);
      } catch (ex) {
        return args.map((v) => utils.escapeRegex(v)).join("..");
      }
      return value;
    };
    var syntaxError = (type, char) => {
      return `Missing ${type}: "${char}" - use "\\\\${char}" to match literal characters`;
    };
    var splitTopLevel = (input) => {
      const parts = [];
      let bracket = 0;
      let paren = 0;
      let quote = 0;
      let value = "";
      let escaped = false;
      for (const ch of input) {
        if (escaped === true) {
          value += ch;
          escaped = false;
          continue;
        }
        if (ch === "\\") {
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
          if (ch === "[") {
            bracket++;
          } else if (ch === "]" && bracket > 0) {
            bracket--;
          } else if (bracket === 0) {
            if (ch === "(") {
              paren++;
            } else if (ch === ")" && paren > 0) {
              paren--;
            } else if (ch === "|" && paren === 0) {
              parts.push(value);
              value = "";
              continue;
            }
          }
        }
        value += ch;
      }
      parts.push(value);
      return parts;
    };
    var isPlainBranch = (branch) => {
      let escaped = false;
      for (const ch of branch) {
        if (escaped === true) {
          escaped = false;
          continue;
        }
        if (ch === "\\") {
          escaped = true;
          continue;
        }
        if (/[?*+@!()[\]{}]/.test(ch)) {
          return false;
        }
      }
      return true;
    };
    var normalizeSimpleBranch = (branch) => {
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
      return value.replace(/\\(.)/g, "$1");
    };
    var hasRepeatedCharPrefixOverlap = (branches) => {
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
    var parseRepeatedExtglob = (pattern, requireEnd = true) => {
      if (pattern[0] !== "+" && pattern[0] !== "*" || pattern[1] !== "(") {
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
        if (ch === "\\") {
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
        if (ch === "[") {
          bracket++;
          continue;
        }
        if (ch === "]" && bracket > 0) {
          bracket--;
          continue;
        }
        if (bracket > 0) {
          continue;
        }
        if (ch === "(") {
          paren++;
          continue;
        }
        if (ch === ")") {
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
    var buildCharClassStar = (chars2) => {
      const source = chars2.length === 1 ? utils.escapeRegex(chars2[0]) : `[${chars2.map((ch) => utils.escapeRegex(ch)).join("")}]`;
      return `${source}*`;
    };
    var getStarExtglobSequenceChars = (pattern) => {
      let index = 0;
      const chars2 = [];
      while (index < pattern.length) {
        const match = parseRepeatedExtglob(pattern.slice(index), false);
        if (!match || match.type !== "*") {
          return;
        }
        const branches = splitTopLevel(match.body).map((branch2) => branch2.trim());
        if (branches.length !== 1) {
          return;
        }
        const branch = normalizeSimpleBranch(branches[0]);
        if (!branch || branch.length !== 1) {
          return;
        }
        chars2.push(branch);
        index += match.end + 1;
      }
      if (chars2.length < 1) {
        return;
      }
      return chars2;
    };
    var repeatedExtglobRecursion = (pattern) => {
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
    var analyzeRepeatedExtglob = (body, options) => {
      if (options.maxExtglobRecursion === false) {
        return { risky: false };
      }
      const max = typeof options.maxExtglobRecursion === "number" ? options.maxExtglobRecursion : constants.DEFAULT_MAX_EXTGLOB_RECURSION;
      const branches = splitTopLevel(body).map((branch) => branch.trim());
      if (branches.length > 1) {
        if (branches.some((branch) => branch === "") || branches.some((branch) => /^[*?]+$/.test(branch)) || hasRepeatedCharPrefixOverlap(branches)) {
          return { risky: true };
        }
      }
      const safeChars = [];
      let sawStarSequence = false;
      let combinable = true;
      for (const branch of branches) {
        const chars2 = getStarExtglobSequenceChars(branch);
        if (chars2) {
          sawStarSequence = true;
          safeChars.push(...chars2);
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
        return combinable ? { risky: true, safeOutput: buildCharClassStar([...new Set(safeChars)]) } : { risky: true };
      }
      return { risky: false };
    };
    var parse5 = (input, options) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected a string");
      }
      input = REPLACEMENTS[input] || input;
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      let len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      const bos = { type: "bos", value: "", output: opts.prepend || "" };
      const tokens = [bos];
      const capture = opts.capture ? "" : "?:";
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
      const globstar = (opts2) => {
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const nodot = opts.dot ? "" : NO_DOT;
      const qmarkNoDot = opts.dot ? QMARK : QMARK_NO_DOT;
      let star = opts.bash === true ? globstar(opts) : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      if (typeof opts.noext === "boolean") {
        opts.noextglob = opts.noext;
      }
      const state = {
        input,
        index: -1,
        start: 0,
        dot: opts.dot === true,
        consumed: "",
        output: "",
        prefix: "",
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
      const eos = () => state.index === len - 1;
      const peek = state.peek = (n = 1) => input[state.index + n];
      const advance = state.advance = () => input[++state.index] || "";
      const remaining = () => input.slice(state.index + 1);
      const consume = (value2 = "", num = 0) => {
        state.consumed += value2;
        state.index += num;
      };
      const append = (token) => {
        state.output += token.output != null ? token.output : token.value;
        consume(token.value);
      };
      const negate = () => {
        let count = 1;
        while (peek() === "!" && (peek(2) !== "(" || peek(3) === "?")) {
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
      const increment = (type) => {
        state[type]++;
        stack.push(type);
      };
      const decrement = (type) => {
        state[type]--;
        stack.pop();
      };
      const push = (tok) => {
        if (prev.type === "globstar") {
          const isBrace = state.braces > 0 && (tok.type === "comma" || tok.type === "brace");
          const isExtglob = tok.extglob === true || extglobs.length && (tok.type === "pipe" || tok.type === "paren");
          if (tok.type !== "slash" && tok.type !== "paren" && !isBrace && !isExtglob) {
            state.output = state.output.slice(0, -prev.output.length);
            prev.type = "star";
            prev.value = "*";
            prev.output = star;
            state.output += prev.output;
          }
        }
        if (extglobs.length && tok.type !== "paren") {
          extglobs[extglobs.length - 1].inner += tok.value;
        }
        if (tok.value || tok.output) append(tok);
        if (prev && prev.type === "text" && tok.type === "text") {
          prev.output = (prev.output || prev.value) + tok.value;
          prev.value += tok.value;
          return;
        }
        tok.prev = prev;
        tokens.push(tok);
        prev = tok;
      };
      const extglobOpen = (type, value2) => {
        const token = { ...EXTGLOB_CHARS[value2], conditions: 1, inner: "" };
        token.prev = prev;
        token.parens = state.parens;
        token.output = state.output;
        token.startIndex = state.index;
        token.tokensIndex = tokens.length;
        const output = (opts.capture ? "(" : "") + token.open;
        increment("parens");
        push({ type, value: value2, output: state.output ? "" : ONE_CHAR });
        push({ type: "paren", extglob: true, value: advance(), output });
        extglobs.push(token);
      };
      const extglobClose = (token) => {
        const literal = input.slice(token.startIndex, state.index + 1);
        const body = input.slice(token.startIndex + 2, state.index);
        const analysis = analyzeRepeatedExtglob(body, opts);
        if ((token.type === "plus" || token.type === "star") && analysis.risky) {
          const safeOutput = analysis.safeOutput ? (token.output ? "" : ONE_CHAR) + (opts.capture ? `(${analysis.safeOutput})` : analysis.safeOutput) : void 0;
          const open = tokens[token.tokensIndex];
          open.type = "text";
          open.value = literal;
          open.output = safeOutput || utils.escapeRegex(literal);
          for (let i = token.tokensIndex + 1; i < tokens.length; i++) {
            tokens[i].value = "";
            tokens[i].output = "";
            delete tokens[i].suffix;
          }
          state.output = token.output + open.output;
          state.backtrack = true;
          push({ type: "paren", extglob: true, value, output: "" });
          decrement("parens");
          return;
        }
        let output = token.close + (opts.capture ? ")" : "");
        let rest;
        if (token.type === "negate") {
          let extglobStar = star;
          if (token.inner && token.inner.length > 1 && token.inner.includes("/")) {
            extglobStar = globstar(opts);
          }
          if (extglobStar !== star || eos() || /^\)+$/.test(remaining())) {
            output = token.close = `)$))${extglobStar}`;
          }
          if (token.inner.includes("*") && (rest = remaining()) && /^\.[^\\/.]+$/.test(rest)) {
            const expression = parse5(rest, { ...options, fastpaths: false }).output;
            output = token.close = `)${expression})${extglobStar})`;
          }
          if (token.prev.type === "bos") {
            state.negatedExtglob = true;
          }
        }
        push({ type: "paren", extglob: true, value, output });
        decrement("parens");
      };
      if (opts.fastpaths !== false && !/(^[*!]|[/()[\]{}"])/.test(input)) {
        let backslashes = false;
        let output = input.replace(REGEX_SPECIAL_CHARS_BACKREF, (m, esc, chars2, first, rest, index) => {
          if (first === "\\") {
            backslashes = true;
            return m;
          }
          if (first === "?") {
            if (esc) {
              return esc + first + (rest ? QMARK.repeat(rest.length) : "");
            }
            if (index === 0) {
              return qmarkNoDot + (rest ? QMARK.repeat(rest.length) : "");
            }
            return QMARK.repeat(chars2.length);
          }
          if (first === ".") {
            return DOT_LITERAL.repeat(chars2.length);
          }
          if (first === "*") {
            if (esc) {
              return esc + first + (rest ? star : "");
            }
            return star;
          }
          return esc ? m : `\\${m}`;
        });
        if (backslashes === true) {
          if (opts.unescape === true) {
            output = output.replace(/\\/g, "");
          } else {
            output = output.replace(/\\+/g, (m) => {
              return m.length % 2 === 0 ? "\\\\" : m ? "\\" : "";
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
      while (!eos()) {
        value = advance();
        if (value === "\0") {
          continue;
        }
        if (value === "\\") {
          const next = peek();
          if (next === "/" && opts.bash !== true) {
            continue;
          }
          if (next === "." || next === ";") {
            continue;
          }
          if (!next) {
            value += "\\";
            push({ type: "text", value });
            continue;
          }
          const match = /^\\+/.exec(remaining());
          let slashes = 0;
          if (match && match[0].length > 2) {
            slashes = match[0].length;
            state.index += slashes;
            if (slashes % 2 !== 0) {
              value += "\\";
            }
          }
          if (opts.unescape === true) {
            value = advance();
          } else {
            value += advance();
          }
          if (state.brackets === 0) {
            push({ type: "text", value });
            continue;
          }
        }
        if (state.brackets > 0 && (value !== "]" || prev.value === "[" || prev.value === "[^")) {
          if (opts.posix !== false && value === ":") {
            const inner = prev.value.slice(1);
            if (inner.includes("[")) {
              prev.posix = true;
              if (inner.includes(":")) {
                const idx = prev.value.lastIndexOf("[");
                const pre = prev.value.slice(0, idx);
                const rest2 = prev.value.slice(idx + 2);
                const posix = POSIX_REGEX_SOURCE[rest2];
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
          if (value === "[" && peek() !== ":" || value === "-" && peek() === "]") {
            value = `\\${value}`;
          }
          if (value === "]" && (prev.value === "[" || prev.value === "[^")) {
            value = `\\${value}`;
          }
          if (opts.posix === true && value === "!" && prev.value === "[") {
            value = "^";
          }
          prev.value += value;
          append({ value });
          continue;
        }
        if (state.quotes === 1 && value !== '"') {
          value = utils.escapeRegex(value);
          prev.value += value;
          append({ value });
          continue;
        }
        if (value === '"') {
          state.quotes = state.quotes === 1 ? 0 : 1;
          if (opts.keepQuotes === true) {
            push({ type: "text", value });
          }
          continue;
        }
        if (value === "(") {
          increment("parens");
          push({ type: "paren", value });
          continue;
        }
        if (value === ")") {
          if (state.parens === 0 && opts.strictBrackets === true) {
            throw new SyntaxError(syntaxError("opening", "("));
          }
          const extglob = extglobs[extglobs.length - 1];
          if (extglob && state.parens === extglob.parens + 1) {
            extglobClose(extglobs.pop());
            continue;
          }
          push({ type: "paren", value, output: state.parens ? ")" : "\\)" });
          decrement("parens");
          continue;
        }
        if (value === "[") {
          if (opts.nobracket === true || !remaining().includes("]")) {
            if (opts.nobracket !== true && opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("closing", "]"));
            }
            value = `\\${value}`;
          } else {
            increment("brackets");
          }
          push({ type: "bracket", value });
          continue;
        }
        if (value === "]") {
          if (opts.nobracket === true || prev && prev.type === "bracket" && prev.value.length === 1) {
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          if (state.brackets === 0) {
            if (opts.strictBrackets === true) {
              throw new SyntaxError(syntaxError("opening", "["));
            }
            push({ type: "text", value, output: `\\${value}` });
            continue;
          }
          decrement("brackets");
          const prevValue = prev.value.slice(1);
          if (prev.posix !== true && prevValue[0] === "^" && !prevValue.includes("/")) {
            value = `/${value}`;
          }
          prev.value += value;
          append({ value });
          if (opts.literalBrackets === false || utils.hasRegexChars(prevValue)) {
            continue;
          }
          const escaped = utils.escapeRegex(prev.value);
          state.output = state.output.slice(0, -prev.value.length);
          if (opts.literalBrackets === true) {
            state.output += escaped;
            prev.value = escaped;
            continue;
          }
          prev.value = `(${capture}${escaped}|${prev.value})`;
          state.output += prev.value;
          continue;
        }
        if (value === "{" && opts.nobrace !== true) {
          increment("braces");
          const open = {
            type: "brace",
            value,
            output: "(",
            outputIndex: state.output.length,
            tokensIndex: state.tokens.length
          };
          braces.push(open);
          push(open);
          continue;
        }
        if (value === "}") {
          const brace = braces[braces.length - 1];
          if (opts.nobrace === true || !brace) {
            push({ type: "text", value, output: value });
            continue;
          }
          let output = ")";
          if (brace.dots === true) {
            const arr = tokens.slice();
            const range = [];
            for (let i = arr.length - 1; i >= 0; i--) {
              tokens.pop();
              if (arr[i].type === "brace") {
                break;
              }
              if (arr[i].type !== "dots") {
                range.unshift(arr[i].value);
              }
            }
            output = expandRange(range, opts);
            state.backtrack = true;
          }
          if (brace.comma !== true && brace.dots !== true) {
            const out = state.output.slice(0, brace.outputIndex);
            const toks = state.tokens.slice(brace.tokensIndex);
            brace.value = brace.output = "\\{";
            value = output = "\\}";
            state.output = out;
            for (const t of toks) {
              state.output += t.output || t.value;
            }
          }
          push({ type: "brace", value, output });
          decrement("braces");
          braces.pop();
          continue;
        }
        if (value === "|") {
          if (extglobs.length > 0) {
            extglobs[extglobs.length - 1].conditions++;
          }
          push({ type: "text", value });
          continue;
        }
        if (value === ",") {
          let output = value;
          const brace = braces[braces.length - 1];
          if (brace && stack[stack.length - 1] === "braces") {
            brace.comma = true;
            output = "|";
          }
          push({ type: "comma", value, output });
          continue;
        }
        if (value === "/") {
          if (prev.type === "dot" && state.index === state.start + 1) {
            state.start = state.index + 1;
            state.consumed = "";
            state.output = "";
            tokens.pop();
            prev = bos;
            continue;
          }
          push({ type: "slash", value, output: SLASH_LITERAL });
          continue;
        }
        if (value === ".") {
          if (state.braces > 0 && prev.type === "dot") {
            if (prev.value === ".") prev.output = DOT_LITERAL;
            const brace = braces[braces.length - 1];
            prev.type = "dots";
            prev.output += value;
            prev.value += value;
            brace.dots = true;
            continue;
          }
          if (state.braces + state.parens === 0 && prev.type !== "bos" && prev.type !== "slash") {
            push({ type: "text", value, output: DOT_LITERAL });
            continue;
          }
          push({ type: "dot", value, output: DOT_LITERAL });
          continue;
        }
        if (value === "?") {
          const isGroup = prev && prev.value === "(";
          if (!isGroup && opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("qmark", value);
            continue;
          }
          if (prev && prev.type === "paren") {
            const next = peek();
            let output = value;
            if (prev.value === "(" && !/[!=<:]/.test(next) || next === "<" && !/<([!=]|\w+>)/.test(remaining())) {
              output = `\\${value}`;
            }
            push({ type: "text", value, output });
            continue;
          }
          if (opts.dot !== true && (prev.type === "slash" || prev.type === "bos")) {
            push({ type: "qmark", value, output: QMARK_NO_DOT });
            continue;
          }
          push({ type: "qmark", value, output: QMARK });
          continue;
        }
        if (value === "!") {
          if (opts.noextglob !== true && peek() === "(") {
            if (peek(2) !== "?" || !/[!=<:]/.test(peek(3))) {
              extglobOpen("negate", value);
              continue;
            }
          }
          if (opts.nonegate !== true && state.index === 0) {
            negate();
            continue;
          }
        }
        if (value === "+") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            extglobOpen("plus", value);
            continue;
          }
          if (prev && prev.value === "(" || opts.regex === false) {
            push({ type: "plus", value, output: PLUS_LITERAL });
            continue;
          }
          if (prev && (prev.type === "bracket" || prev.type === "paren" || prev.type === "brace") || state.parens > 0) {
            push({ type: "plus", value });
            continue;
          }
          push({ type: "plus", value: PLUS_LITERAL });
          continue;
        }
        if (value === "@") {
          if (opts.noextglob !== true && peek() === "(" && peek(2) !== "?") {
            push({ type: "at", extglob: true, value, output: "" });
            continue;
          }
          push({ type: "text", value });
          continue;
        }
        if (value !== "*") {
          if (value === "$" || value === "^") {
            value = `\\${value}`;
          }
          const match = REGEX_NON_SPECIAL_CHARS.exec(remaining());
          if (match) {
            value += match[0];
            state.index += match[0].length;
          }
          push({ type: "text", value });
          continue;
        }
        if (prev && (prev.type === "globstar" || prev.star === true)) {
          prev.type = "star";
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
          extglobOpen("star", value);
          continue;
        }
        if (prev.type === "star") {
          if (opts.noglobstar === true) {
            consume(value);
            continue;
          }
          const prior = prev.prev;
          const before = prior.prev;
          const isStart = prior.type === "slash" || prior.type === "bos";
          const afterStar = before && (before.type === "star" || before.type === "globstar");
          if (opts.bash === true && (!isStart || rest[0] && rest[0] !== "/")) {
            push({ type: "star", value, output: "" });
            continue;
          }
          const isBrace = state.braces > 0 && (prior.type === "comma" || prior.type === "brace");
          const isExtglob = extglobs.length && (prior.type === "pipe" || prior.type === "paren");
          if (!isStart && prior.type !== "paren" && !isBrace && !isExtglob) {
            push({ type: "star", value, output: "" });
            continue;
          }
          while (rest.slice(0, 3) === "/**") {
            const after = input[state.index + 4];
            if (after && after !== "/") {
              break;
            }
            rest = rest.slice(3);
            consume("/**", 3);
          }
          const isEnd = eos() || state.parens > 0 && rest === ")".repeat(state.parens) && !extglobs.some((extglob) => extglob.type === "negate");
          if (prior.type === "bos" && eos()) {
            prev.type = "globstar";
            prev.value += value;
            prev.output = globstar(opts);
            state.output = prev.output;
            state.globstar = true;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && !afterStar && isEnd) {
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = globstar(opts) + (opts.strictSlashes ? ")" : "|$)");
            prev.value += value;
            state.globstar = true;
            state.output += prior.output + prev.output;
            consume(value);
            continue;
          }
          if (prior.type === "slash" && prior.prev.type !== "bos" && rest[0] === "/") {
            const end = rest[1] !== void 0 ? "|$" : "";
            state.output = state.output.slice(0, -(prior.output + prev.output).length);
            prior.output = `(?:${prior.output}`;
            prev.type = "globstar";
            prev.output = `${globstar(opts)}${SLASH_LITERAL}|${SLASH_LITERAL}${end})`;
            prev.value += value;
            state.output += prior.output + prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          if (prior.type === "bos" && rest[0] === "/") {
            prev.type = "globstar";
            prev.value += value;
            prev.output = `(?:^|${SLASH_LITERAL}|${globstar(opts)}${SLASH_LITERAL})`;
            state.output = prev.output;
            state.globstar = true;
            consume(value + advance());
            push({ type: "slash", value: "/", output: "" });
            continue;
          }
          state.output = state.output.slice(0, -prev.output.length);
          prev.type = "globstar";
          prev.output = globstar(opts);
          prev.value += value;
          state.output += prev.output;
          state.globstar = true;
          consume(value);
          continue;
        }
        const token = { type: "star", value, output: star };
        if (opts.bash === true) {
          token.output = ".*?";
          if (prev.type === "bos" || prev.type === "slash") {
            token.output = nodot + token.output;
          }
          push(token);
          continue;
        }
        if (prev && (prev.type === "bracket" || prev.type === "paren") && opts.regex === true) {
          token.output = value;
          push(token);
          continue;
        }
        if (state.index === state.start || prev.type === "slash" || prev.type === "dot") {
          if (prev.type === "dot") {
            state.output += NO_DOT_SLASH;
            prev.output += NO_DOT_SLASH;
          } else if (opts.dot === true) {
            state.output += NO_DOTS_SLASH;
            prev.output += NO_DOTS_SLASH;
          } else {
            state.output += nodot;
            prev.output += nodot;
          }
          if (peek() !== "*") {
            state.output += ONE_CHAR;
            prev.output += ONE_CHAR;
          }
        }
        push(token);
      }
      while (state.brackets > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "]"));
        state.output = utils.escapeLast(state.output, "[");
        decrement("brackets");
      }
      while (state.parens > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", ")"));
        state.output = utils.escapeLast(state.output, "(");
        decrement("parens");
      }
      while (state.braces > 0) {
        if (opts.strictBrackets === true) throw new SyntaxError(syntaxError("closing", "}"));
        state.output = utils.escapeLast(state.output, "{");
        decrement("braces");
      }
      if (opts.strictSlashes !== true && (prev.type === "star" || prev.type === "bracket")) {
        push({ type: "maybe_slash", value: "", output: `${SLASH_LITERAL}?` });
      }
      if (state.backtrack === true) {
        state.output = "";
        for (const token of state.tokens) {
          state.output += token.output != null ? token.output : token.value;
          if (token.suffix) {
            state.output += token.suffix;
          }
        }
      }
      return state;
    };
    parse5.fastpaths = (input, options) => {
      const opts = { ...options };
      const max = typeof opts.maxLength === "number" ? Math.min(MAX_LENGTH, opts.maxLength) : MAX_LENGTH;
      const len = input.length;
      if (len > max) {
        throw new SyntaxError(`Input length: ${len}, exceeds maximum allowed length: ${max}`);
      }
      input = REPLACEMENTS[input] || input;
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
      const capture = opts.capture ? "" : "?:";
      const state = { negated: false, prefix: "" };
      let star = opts.bash === true ? ".*?" : STAR;
      if (opts.capture) {
        star = `(${star})`;
      }
      const globstar = (opts2) => {
        if (opts2.noglobstar === true) return star;
        return `(${capture}(?:(?!${START_ANCHOR}${opts2.dot ? DOTS_SLASH : DOT_LITERAL}).)*?)`;
      };
      const create = (str) => {
        switch (str) {
          case "*":
            return `${nodot}${ONE_CHAR}${star}`;
          case ".*":
            return `${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*.*":
            return `${nodot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "*/*":
            return `${nodot}${star}${SLASH_LITERAL}${ONE_CHAR}${slashDot}${star}`;
          case "**":
            return nodot + globstar(opts);
          case "**/*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${ONE_CHAR}${star}`;
          case "**/*.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${slashDot}${star}${DOT_LITERAL}${ONE_CHAR}${star}`;
          case "**/.*":
            return `(?:${nodot}${globstar(opts)}${SLASH_LITERAL})?${DOT_LITERAL}${ONE_CHAR}${star}`;
          default: {
            const match = /^(.*?)\.(\w+)$/.exec(str);
            if (!match) return;
            const source2 = create(match[1]);
            if (!source2) return;
            return source2 + DOT_LITERAL + match[2];
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
    module.exports = parse5;
  }
});

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/picomatch.js
var require_picomatch = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/lib/picomatch.js"(exports, module) {
    "use strict";
    var scan = require_scan();
    var parse5 = require_parse();
    var utils = require_utils();
    var constants = require_constants();
    var isObject2 = (val) => val && typeof val === "object" && !Array.isArray(val);
    var picomatch2 = (glob, options, returnState = false) => {
      if (Array.isArray(glob)) {
        const fns = glob.map((input) => picomatch2(input, options, returnState));
        const arrayMatcher = (str) => {
          for (const isMatch of fns) {
            const state2 = isMatch(str);
            if (state2) return state2;
          }
          return false;
        };
        return arrayMatcher;
      }
      const isState = isObject2(glob) && glob.tokens && glob.input;
      if (glob === "" || typeof glob !== "string" && !isState) {
        throw new TypeError("Expected pattern to be a non-empty string");
      }
      const opts = options || {};
      const posix = opts.windows;
      const regex = isState ? picomatch2.compileRe(glob, options) : picomatch2.makeRe(glob, options, false, true);
      const state = regex.state;
      delete regex.state;
      let isIgnored = () => false;
      if (opts.ignore) {
        const ignoreOpts = { ...options, ignore: null, onMatch: null, onResult: null };
        isIgnored = picomatch2(opts.ignore, ignoreOpts, returnState);
      }
      const matcher = (input, returnObject = false) => {
        const { isMatch, match, output } = picomatch2.test(input, regex, options, { glob, posix });
        const result = { glob, state, regex, posix, input, output, match, isMatch };
        if (typeof opts.onResult === "function") {
          opts.onResult(result);
        }
        if (isMatch === false) {
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (isIgnored(input)) {
          if (typeof opts.onIgnore === "function") {
            opts.onIgnore(result);
          }
          result.isMatch = false;
          return returnObject ? result : false;
        }
        if (typeof opts.onMatch === "function") {
          opts.onMatch(result);
        }
        return returnObject ? result : true;
      };
      if (returnState) {
        matcher.state = state;
      }
      return matcher;
    };
    picomatch2.test = (input, regex, options, { glob, posix } = {}) => {
      if (typeof input !== "string") {
        throw new TypeError("Expected input to be a string");
      }
      if (input === "") {
        return { isMatch: false, output: "" };
      }
      const opts = options || {};
      const format = opts.format || (posix ? utils.toPosixSlashes : null);
      let match = input === glob;
      let output = match && format ? format(input) : input;
      if (match === false) {
        output = format ? format(input) : input;
        match = output === glob;
      }
      if (match === false || opts.capture === true) {
        if (opts.matchBase === true || opts.basename === true) {
          match = picomatch2.matchBase(input, regex, options, posix);
        } else {
          match = regex.exec(output);
        }
      }
      return { isMatch: Boolean(match), match, output };
    };
    picomatch2.matchBase = (input, glob, options, posix = options && options.windows) => {
      const regex = glob instanceof RegExp ? glob : picomatch2.makeRe(glob, options);
      return regex.test(utils.basename(input, { windows: posix }));
    };
    picomatch2.isMatch = (str, patterns, options) => picomatch2(patterns, options)(str);
    picomatch2.parse = (pattern, options) => {
      if (Array.isArray(pattern)) return pattern.map((p) => picomatch2.parse(p, options));
      return parse5(pattern, { ...options, fastpaths: false });
    };
    picomatch2.scan = (input, options) => scan(input, options);
    picomatch2.compileRe = (state, options, returnOutput = false, returnState = false) => {
      if (returnOutput === true) {
        return state.output;
      }
      const opts = options || {};
      const prepend = opts.contains ? "" : "^";
      const append = opts.contains ? "" : "$";
      let source = `${prepend}(?:${state.output})${append}`;
      if (state && state.negated === true) {
        source = `^(?!${source}).*$`;
      }
      const regex = picomatch2.toRegex(source, options);
      if (returnState === true) {
        regex.state = state;
      }
      return regex;
    };
    picomatch2.makeRe = (input, options = {}, returnOutput = false, returnState = false) => {
      if (!input || typeof input !== "string") {
        throw new TypeError("Expected a non-empty string");
      }
      let parsed = { negated: false, fastpaths: true };
      if (options.fastpaths !== false && (input[0] === "." || input[0] === "*")) {
        parsed.output = parse5.fastpaths(input, options);
      }
      if (!parsed.output) {
        parsed = parse5(input, options);
      }
      return picomatch2.compileRe(parsed, options, returnOutput, returnState);
    };
    picomatch2.toRegex = (source, options) => {
      try {
        const opts = options || {};
        return new RegExp(source, opts.flags || (opts.nocase ? "i" : ""));
      } catch (err) {
        if (options && options.debug === true) throw err;
        return /$^/;
      }
    };
    picomatch2.constants = constants;
    module.exports = picomatch2;
  }
});

// node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/index.js
var require_picomatch2 = __commonJS({
  "node_modules/.pnpm/picomatch@4.0.7/node_modules/picomatch/index.js"(exports, module) {
    "use strict";
    var pico = require_picomatch();
    var utils = require_utils();
    function picomatch2(glob, options, returnState = false) {
      if (options && (options.windows === null || options.windows === void 0)) {
        options = { ...options, windows: utils.isWindows() };
      }
      return pico(glob, options, returnState);
    }
    Object.assign(picomatch2, pico);
    module.exports = picomatch2;
  }
});

// packages/cli/src/index.ts
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path5 from "node:path";
import { parseArgs } from "node:util";

// ../../tmp/tspoll-fake/compiler.mjs
function analyzeSource(code, file) {
  const out = [];
  const re = /async function (\w+)/g;
  let m;
  while (m = re.exec(code)) {
    const line = code.slice(0, m.index).split("\n").length;
    out.push({
      name: m[1],
      loc: { file, line, col: 1 },
      states: [
        { id: 0, name: "Start", live: ["client"] },
        { id: 1, name: "WaitingForResponse", awaits: "client.get(url)", loc: { file, line: line + 1, col: 20 }, live: ["client"] },
        { id: 2, name: "WaitingForJson", awaits: "response.json()", loc: { file, line: line + 2, col: 16 }, live: ["response"] },
        { id: 3, name: "Done", live: [] }
      ],
      transitions: [{ from: 0, to: 1, kind: "await" }, { from: 1, to: 2, kind: "resume" }, { from: 2, to: 3, kind: "return" }, { from: 1, to: 3, kind: "throw" }]
    });
  }
  return out;
}
function transformSource(code, file, options = {}) {
  const diagnostics = [];
  const bad = code.indexOf("TSPBAD");
  if (bad >= 0) {
    const before = code.slice(0, bad).split("\n");
    diagnostics.push({ code: "TSP1001", message: "bad thing", file, line: before.length, column: before.at(-1).length + 1, severity: "error", fix: "do not" });
  }
  return { code: code.replace(/^/, `import { Machine as $Machine } from '${options.runtimeModule ?? "@tspoll/runtime/abi"}';
`), map: null, diagnostics, machines: analyzeSource(code, file), changed: true };
}
var STATES_SCHEMA_VERSION = 1;

// packages/cli/src/build.ts
import path4 from "node:path";
import { fileURLToPath as fileURLToPath2, pathToFileURL } from "node:url";
import * as esbuild from "esbuild";

// packages/unplugin/src/index.ts
import { createRequire as createRequire3 } from "node:module";
import path2 from "node:path";

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/webpack-like-BSTzHRun.mjs
var import_picomatch = __toESM(require_picomatch2(), 1);
import { isAbsolute, normalize, resolve } from "node:path";
var parseImpl;
function parse(code, opts = {}) {
  if (!parseImpl) throw new Error("Parse implementation is not set. Please call setParseImpl first.");
  return parseImpl(code, opts);
}
function toArray(array) {
  array = array || [];
  if (Array.isArray(array)) return array;
  return [array];
}
var BACKSLASH_REGEX = /\\/g;
function normalize$1(path6) {
  return path6.replace(BACKSLASH_REGEX, "/");
}
var ABSOLUTE_PATH_REGEX = /^(?:\/|(?:[A-Z]:)?[/\\|])/i;
function isAbsolute$1(path6) {
  return ABSOLUTE_PATH_REGEX.test(path6);
}
var GLOB_METACHARS_REGEX = /[\\^$*+?.()|[\]{}]/g;
function getMatcherString(glob, cwd) {
  if (glob.startsWith("**") || isAbsolute$1(glob)) return normalize$1(glob);
  return `${normalize$1(resolve(cwd)).replace(GLOB_METACHARS_REGEX, "\\$&")}/${normalize$1(glob).replace(/^\.\//, "")}`;
}
function patternToIdFilter(pattern) {
  if (pattern instanceof RegExp) return (id) => {
    const normalizedId = normalize$1(id);
    const result = pattern.test(normalizedId);
    pattern.lastIndex = 0;
    return result;
  };
  const glob = getMatcherString(pattern, process.cwd());
  const matcher = (0, import_picomatch.default)(glob, { dot: true });
  return (id) => {
    const normalizedId = normalize$1(id);
    return matcher(normalizedId);
  };
}
function patternToCodeFilter(pattern) {
  if (pattern instanceof RegExp) return (code) => {
    const result = pattern.test(code);
    pattern.lastIndex = 0;
    return result;
  };
  return (code) => code.includes(pattern);
}
function createFilter(exclude, include) {
  if (!exclude && !include) return;
  return (input) => {
    if (exclude?.some((filter) => filter(input))) return false;
    if (include?.some((filter) => filter(input))) return true;
    return !(include && include.length > 0);
  };
}
function normalizeFilter(filter) {
  if (typeof filter === "string" || filter instanceof RegExp) return { include: [filter] };
  if (Array.isArray(filter)) return { include: filter };
  return {
    exclude: filter.exclude ? toArray(filter.exclude) : void 0,
    include: filter.include ? toArray(filter.include) : void 0
  };
}
function createIdFilter(filter) {
  if (!filter) return;
  const { exclude, include } = normalizeFilter(filter);
  const excludeFilter = exclude?.map(patternToIdFilter);
  const includeFilter = include?.map(patternToIdFilter);
  return createFilter(excludeFilter, includeFilter);
}
function createCodeFilter(filter) {
  if (!filter) return;
  const { exclude, include } = normalizeFilter(filter);
  const excludeFilter = exclude?.map(patternToCodeFilter);
  const includeFilter = include?.map(patternToCodeFilter);
  return createFilter(excludeFilter, includeFilter);
}
function createFilterForId(filter) {
  const filterFunction = createIdFilter(filter);
  return filterFunction ? (id) => !!filterFunction(id) : void 0;
}
function createFilterForTransform(idFilterFunction, codeFilter) {
  const codeFilterFunction = createCodeFilter(codeFilter);
  if (!idFilterFunction && !codeFilterFunction) return;
  return (id, code) => {
    let fallback = true;
    if (idFilterFunction) fallback &&= idFilterFunction(id);
    if (!fallback) return false;
    if (codeFilterFunction) fallback &&= codeFilterFunction(code);
    return fallback;
  };
}
var URL_POSTFIX_REGEX = /[?#].*$/;
var QUERY_REGEX = /\?([^#]*)/;
function compileExpression(expr, hook) {
  switch (expr.kind) {
    case "and": {
      const args = expr.args.map((arg) => compileExpression(arg, hook));
      return (input) => args.every((arg) => arg(input));
    }
    case "or": {
      const args = expr.args.map((arg) => compileExpression(arg, hook));
      return (input) => args.some((arg) => arg(input));
    }
    case "not": {
      const arg = compileExpression(expr.expr, hook);
      return (input) => !arg(input);
    }
    case "id":
    case "importerId": {
      if (expr.kind === "importerId" && hook !== "resolveId") throw new Error(`[unplugin] The \`importerId\` filter can only be used with the \`resolveId\` hook, but it was used with the \`${hook}\` hook.`);
      if (expr.kind === "id" && hook === "resolveId" && typeof expr.pattern === "string") throw new Error("[unplugin] A string `id` filter is not supported for the `resolveId` hook, because its `id` is the import specifier rather than a resolved path. Use a RegExp instead.");
      const match = patternToIdFilter(expr.pattern);
      const { cleanUrl } = expr.params;
      const key = expr.kind === "id" ? "id" : "importer";
      return (input) => {
        const value = input[key];
        return value !== void 0 && match(cleanUrl ? value.replace(URL_POSTFIX_REGEX, "") : value);
      };
    }
    case "code": {
      const match = patternToCodeFilter(expr.pattern);
      return (input) => input.code !== void 0 && match(input.code);
    }
    case "query": {
      const { key, pattern } = expr;
      return (input) => {
        const params = new URLSearchParams(input.id.match(QUERY_REGEX)?.[1]);
        if (typeof pattern === "boolean") return params.has(key) === pattern;
        const value = params.get(key);
        if (typeof pattern === "string") return value === pattern;
        const result = pattern.test(value ?? "");
        pattern.lastIndex = 0;
        return result;
      };
    }
    case "moduleType":
      throw new Error("[unplugin] `moduleType` filter expressions are only supported by Rolldown.");
  }
}
function compileComposableFilter(exprs, hook) {
  const compiled = exprs.map((expr) => ({
    include: expr.kind === "include",
    match: compileExpression(expr.expr, hook)
  }));
  const hasInclude = compiled.some((expr) => expr.include);
  return (input) => {
    for (const { include, match } of compiled) if (match(input)) return include;
    return !hasInclude;
  };
}
function hasCodeExpression(expr) {
  if ("args" in expr) return expr.args.some(hasCodeExpression);
  if ("expr" in expr) return hasCodeExpression(expr.expr);
  return expr.kind === "code";
}
function normalizeObjectHook(name, hook) {
  const matchAll = () => true;
  if (typeof hook === "function") return {
    handler: hook,
    filter: matchAll,
    idFilter: matchAll
  };
  const { handler, filter: hookFilter } = hook;
  if (Array.isArray(hookFilter)) {
    const filter = compileComposableFilter(hookFilter, name);
    if (name !== "transform") return {
      handler,
      filter: (id, importer) => filter({
        id,
        importer
      })
    };
    return {
      handler,
      filter: (id, code) => filter({
        id,
        code
      }),
      idFilter: hookFilter.some(hasCodeExpression) ? matchAll : (id) => filter({ id })
    };
  }
  if (name === "resolveId" || name === "load") return {
    handler,
    filter: createFilterForId(hookFilter?.id) || matchAll
  };
  const transformFilter = hookFilter;
  const idFilter = createIdFilter(transformFilter?.id);
  return {
    handler,
    filter: createFilterForTransform(idFilter, transformFilter?.code) || matchAll,
    idFilter: idFilter || matchAll
  };
}
function createCachedIdFilter(getHook) {
  let cached;
  return (id) => {
    const hook = getHook();
    const cwd = process.cwd();
    if (cached?.hook !== hook || cached.cwd !== cwd) cached = {
      hook,
      cwd,
      filter: normalizeObjectHook("transform", hook).idFilter
    };
    return cached.filter(id);
  };
}
function transformUse(data, plugin, transformLoader, filter) {
  if (data.resource == null) return [];
  const id = normalizeAbsolutePath(data.resource + (data.resourceQuery || ""));
  if (plugin.transformInclude && !plugin.transformInclude(id)) return [];
  if (!filter(id)) return [];
  return [{
    loader: transformLoader,
    options: { plugin },
    ident: plugin.name
  }];
}
function normalizeAbsolutePath(path6) {
  if (isAbsolute(path6)) return normalize(path6);
  else return path6;
}

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/context-CR8OxsIs.mjs
import { resolve as resolve2 } from "node:path";
import { Buffer as Buffer2 } from "node:buffer";
function createBuildContext(compiler, compilation, loaderContext, inputSourceMap) {
  return {
    getNativeBuildContext() {
      return {
        framework: "rspack",
        compiler,
        compilation,
        loaderContext,
        inputSourceMap
      };
    },
    addWatchFile(file) {
      const cwd = process.cwd();
      const resolvedPath = resolve2(cwd, file);
      compilation.fileDependencies.add(resolvedPath);
      loaderContext?.addDependency(resolvedPath);
    },
    getWatchFiles() {
      return Array.from(compilation.fileDependencies);
    },
    parse,
    emitFile(emittedFile) {
      const outFileName = emittedFile.fileName || emittedFile.name;
      if (emittedFile.source && outFileName) {
        const { sources } = compilation.compiler.webpack;
        compilation.emitAsset(outFileName, new sources.RawSource(typeof emittedFile.source === "string" ? emittedFile.source : Buffer2.from(emittedFile.source)));
      }
    }
  };
}
function normalizeMessage(error) {
  const err = new Error(typeof error === "string" ? error : error.message);
  if (typeof error === "object") {
    err.stack = error.stack;
    err.cause = error.meta;
  }
  return err;
}

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/utils-FDqLgfZL.mjs
import { basename, dirname, resolve as resolve3 } from "node:path";
import fs from "node:fs";
function encodeVirtualModuleId(id, plugin) {
  return resolve3(plugin.__virtualModulePrefix, encodeURIComponent(id));
}
function decodeVirtualModuleId(encoded, _plugin) {
  return decodeURIComponent(basename(encoded));
}
function isVirtualModuleId(encoded, plugin) {
  return dirname(encoded) === plugin.__virtualModulePrefix;
}
var FakeVirtualModulesPlugin = class FakeVirtualModulesPlugin2 {
  plugin;
  name = "FakeVirtualModulesPlugin";
  static counters = /* @__PURE__ */ new Map();
  static initCleanup = false;
  constructor(plugin) {
    this.plugin = plugin;
    if (!FakeVirtualModulesPlugin2.initCleanup) {
      FakeVirtualModulesPlugin2.initCleanup = true;
      process.once("exit", () => {
        FakeVirtualModulesPlugin2.counters.forEach((_, dir) => {
          fs.rmSync(dir, {
            recursive: true,
            force: true
          });
        });
      });
    }
  }
  apply(compiler) {
    const dir = this.plugin.__virtualModulePrefix;
    if (!fs.existsSync(dir)) fs.mkdirSync(dir, { recursive: true });
    const counter = FakeVirtualModulesPlugin2.counters.get(dir) ?? 0;
    FakeVirtualModulesPlugin2.counters.set(dir, counter + 1);
    compiler.hooks.shutdown.tap(this.name, () => {
      const counter2 = (FakeVirtualModulesPlugin2.counters.get(dir) ?? 1) - 1;
      if (counter2 === 0) {
        FakeVirtualModulesPlugin2.counters.delete(dir);
        fs.rmSync(dir, {
          recursive: true,
          force: true
        });
      } else FakeVirtualModulesPlugin2.counters.set(dir, counter2);
    });
  }
  async writeModule(file) {
    return fs.promises.writeFile(file, "");
  }
};

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/context-VOLsP74b.mjs
import { createRequire } from "node:module";
import { resolve as resolve4 } from "node:path";
import { Buffer as Buffer3 } from "node:buffer";
import process2 from "node:process";
function contextOptionsFromCompilation(compilation) {
  return {
    addWatchFile(file) {
      (compilation.fileDependencies ?? compilation.compilationDependencies).add(file);
    },
    getWatchFiles() {
      return Array.from(compilation.fileDependencies ?? compilation.compilationDependencies);
    }
  };
}
var require2 = createRequire(import.meta.url);
function getSource(fileSource) {
  return new (require2("webpack")).sources.RawSource(typeof fileSource === "string" ? fileSource : Buffer3.from(fileSource));
}
function createBuildContext2(options, compiler, compilation, loaderContext, inputSourceMap) {
  return {
    parse,
    addWatchFile(id) {
      options.addWatchFile(resolve4(process2.cwd(), id));
    },
    emitFile(emittedFile) {
      const outFileName = emittedFile.fileName || emittedFile.name;
      if (emittedFile.source && outFileName) {
        if (!compilation) throw new Error("unplugin/webpack: emitFile outside supported hooks  (buildStart, buildEnd, load, transform, watchChange)");
        compilation.emitAsset(outFileName, getSource(emittedFile.source));
      }
    },
    getWatchFiles() {
      return options.getWatchFiles();
    },
    getNativeBuildContext() {
      return {
        framework: "webpack",
        compiler,
        compilation,
        loaderContext,
        inputSourceMap
      };
    }
  };
}
function normalizeMessage2(error) {
  const err = new Error(typeof error === "string" ? error : error.message);
  if (typeof error === "object") {
    err.stack = error.stack;
    err.cause = error.meta;
  }
  return err;
}

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/index.mjs
import { createRequire as createRequire2 } from "node:module";
import path, { extname, isAbsolute as isAbsolute2, resolve as resolve6 } from "node:path";
import { Buffer as Buffer$1 } from "node:buffer";
import fs2 from "node:fs";
import { fileURLToPath } from "node:url";

// node_modules/.pnpm/@jridgewell+sourcemap-codec@1.6.0/node_modules/@jridgewell/sourcemap-codec/dist/sourcemap-codec.mjs
var comma = ",".charCodeAt(0);
var semicolon = ";".charCodeAt(0);
var chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
var intToChar = new Uint8Array(64);
var charToInt = new Uint8Array(128);
for (let i = 0; i < chars.length; i++) {
  const c = chars.charCodeAt(i);
  intToChar[i] = c;
  charToInt[c] = i;
}
function decodeInteger(reader) {
  let value = 0;
  let shift = 0;
  let integer = 0;
  do {
    const c = reader.next();
    integer = charToInt[c];
    value |= (integer & 31) << shift;
    shift += 5;
  } while (integer & 32);
  return value;
}
function decodeSign(num) {
  return num & 1 ? -2147483648 | -(num >>> 1) : num >>> 1;
}
function encodeInteger(builder, num) {
  do {
    let clamped = num & 31;
    num >>>= 5;
    if (num > 0) clamped |= 32;
    builder.write(intToChar[clamped]);
  } while (num > 0);
}
function encodeSign(num) {
  return num < 0 ? -num << 1 | 1 : num << 1;
}
function hasMoreVlq(reader, max) {
  if (reader.pos >= max) return false;
  return reader.peek() !== comma;
}
var bufLength = 1024 * 16;
var td = typeof TextDecoder !== "undefined" ? /* @__PURE__ */ new TextDecoder() : typeof Buffer !== "undefined" ? {
  decode(buf) {
    const out = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
    return out.toString();
  }
} : {
  decode(buf) {
    let out = "";
    for (let i = 0; i < buf.length; i++) {
      out += String.fromCharCode(buf[i]);
    }
    return out;
  }
};
var StringWriter = class {
  constructor() {
    this.pos = 0;
    this.out = "";
    this.buffer = new Uint8Array(bufLength);
  }
  write(v) {
    const { buffer } = this;
    buffer[this.pos++] = v;
    if (this.pos === bufLength) {
      this.out += td.decode(buffer);
      this.pos = 0;
    }
  }
  flush() {
    const { buffer, out, pos } = this;
    return pos > 0 ? out + td.decode(buffer.subarray(0, pos)) : out;
  }
};
var StringReader = class {
  constructor(buffer) {
    this.pos = 0;
    this.buffer = buffer;
  }
  next() {
    return this.buffer.charCodeAt(this.pos++);
  }
  peek() {
    return this.buffer.charCodeAt(this.pos);
  }
  indexOf(char) {
    const { buffer, pos } = this;
    const idx = buffer.indexOf(char, pos);
    return idx === -1 ? buffer.length : idx;
  }
};
function decode(mappings) {
  const { length } = mappings;
  const reader = new StringReader(mappings);
  const decoded = [];
  let genColumn = 0;
  let sourcesIndex = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let namesIndex = 0;
  do {
    const semi = reader.indexOf(";");
    const line = [];
    let sorted = true;
    let lastCol = 0;
    genColumn = 0;
    while (reader.pos < semi) {
      let seg;
      genColumn += decodeSign(decodeInteger(reader));
      if (genColumn < lastCol) sorted = false;
      lastCol = genColumn;
      if (hasMoreVlq(reader, semi)) {
        sourcesIndex += decodeSign(decodeInteger(reader));
        sourceLine += decodeSign(decodeInteger(reader));
        sourceColumn += decodeSign(decodeInteger(reader));
        if (hasMoreVlq(reader, semi)) {
          namesIndex += decodeSign(decodeInteger(reader));
          seg = [genColumn, sourcesIndex, sourceLine, sourceColumn, namesIndex];
        } else {
          seg = [genColumn, sourcesIndex, sourceLine, sourceColumn];
        }
      } else {
        seg = [genColumn];
      }
      line.push(seg);
      reader.pos++;
    }
    if (!sorted) sort(line);
    decoded.push(line);
    reader.pos = semi + 1;
  } while (reader.pos <= length);
  return decoded;
}
function sort(line) {
  line.sort(sortComparator);
}
function sortComparator(a, b) {
  return a[0] - b[0];
}
function encode(decoded) {
  const writer = new StringWriter();
  let sourcesIndex = 0;
  let sourceLine = 0;
  let sourceColumn = 0;
  let namesIndex = 0;
  for (let i = 0; i < decoded.length; i++) {
    const line = decoded[i];
    if (i > 0) writer.write(semicolon);
    if (line.length === 0) continue;
    let genColumn = 0;
    for (let j = 0; j < line.length; j++) {
      const segment = line[j];
      if (j > 0) writer.write(comma);
      encodeInteger(writer, encodeSign(segment[0] - genColumn));
      genColumn = segment[0];
      if (segment.length === 1) continue;
      encodeInteger(writer, encodeSign(segment[1] - sourcesIndex));
      encodeInteger(writer, encodeSign(segment[2] - sourceLine));
      encodeInteger(writer, encodeSign(segment[3] - sourceColumn));
      sourcesIndex = segment[1];
      sourceLine = segment[2];
      sourceColumn = segment[3];
      if (segment.length === 4) continue;
      encodeInteger(writer, encodeSign(segment[4] - namesIndex));
      namesIndex = segment[4];
    }
  }
  return writer.flush();
}

// node_modules/.pnpm/@jridgewell+resolve-uri@3.1.3/node_modules/@jridgewell/resolve-uri/dist/resolve-uri.mjs
var schemeRegex = /^[\w+.-]+:\/\//;
var urlRegex = /^([\w+.-]+:)\/\/([^@/#?]*@)?(\[[^\]]+\]|[^:/#?]*)(:\d+)?(\/[^#?]*)?(\?[^#]*)?(#.*)?/;
var fileRegex = /^file:(?:\/\/((?![a-z]:)[^/#?]*)?)?(\/?[^#?]*)(\?[^#]*)?(#.*)?/i;
function isAbsoluteUrl(input) {
  return schemeRegex.test(input);
}
function isSchemeRelativeUrl(input) {
  return input.startsWith("//");
}
function isAbsolutePath(input) {
  return input.startsWith("/");
}
function isFileUrl(input) {
  return input.startsWith("file:");
}
function isRelative(input) {
  return /^[.?#]/.test(input);
}
function parseAbsoluteUrl(input) {
  const match = urlRegex.exec(input);
  return makeUrl(match[1], match[2] || "", match[3], match[4] || "", match[5] || "/", match[6] || "", match[7] || "");
}
function parseFileUrl(input) {
  const match = fileRegex.exec(input);
  const path6 = match[2];
  return makeUrl("file:", "", match[1] || "", "", isAbsolutePath(path6) ? path6 : "/" + path6, match[3] || "", match[4] || "");
}
function makeUrl(scheme, user, host, port, path6, query, hash) {
  return {
    scheme,
    user,
    host,
    port,
    path: path6,
    query,
    hash,
    type: 7
  };
}
function parseUrl(input) {
  if (isSchemeRelativeUrl(input)) {
    const url2 = parseAbsoluteUrl("http:" + input);
    url2.scheme = "";
    url2.type = 6;
    return url2;
  }
  if (isAbsolutePath(input)) {
    const url2 = parseAbsoluteUrl("http://foo.com" + input);
    url2.scheme = "";
    url2.host = "";
    url2.type = 5;
    return url2;
  }
  if (isFileUrl(input))
    return parseFileUrl(input);
  if (isAbsoluteUrl(input))
    return parseAbsoluteUrl(input);
  const url = parseAbsoluteUrl("http://foo.com/" + input);
  url.scheme = "";
  url.host = "";
  url.type = input ? input.startsWith("?") ? 3 : input.startsWith("#") ? 2 : 4 : 1;
  return url;
}
function stripPathFilename(path6) {
  if (path6.endsWith("/.."))
    return path6;
  const index = path6.lastIndexOf("/");
  return path6.slice(0, index + 1);
}
function mergePaths(url, base) {
  normalizePath(base, base.type);
  if (url.path === "/") {
    url.path = base.path;
  } else {
    url.path = stripPathFilename(base.path) + url.path;
  }
}
function normalizePath(url, type) {
  const rel = type <= 4;
  const pieces = url.path.split("/");
  let pointer = 1;
  let positive = 0;
  let addTrailingSlash = false;
  for (let i = 1; i < pieces.length; i++) {
    const piece = pieces[i];
    if (!piece) {
      addTrailingSlash = true;
      continue;
    }
    addTrailingSlash = false;
    if (piece === ".")
      continue;
    if (piece === "..") {
      if (positive) {
        addTrailingSlash = true;
        positive--;
        pointer--;
      } else if (rel) {
        pieces[pointer++] = piece;
      }
      continue;
    }
    pieces[pointer++] = piece;
    positive++;
  }
  let path6 = "";
  for (let i = 1; i < pointer; i++) {
    path6 += "/" + pieces[i];
  }
  if (!path6 || addTrailingSlash && !path6.endsWith("/..")) {
    path6 += "/";
  }
  url.path = path6;
}
function resolve5(input, base) {
  if (!input && !base)
    return "";
  const url = parseUrl(input);
  let inputType = url.type;
  if (base && inputType !== 7) {
    const baseUrl = parseUrl(base);
    const baseType = baseUrl.type;
    switch (inputType) {
      case 1:
        url.hash = baseUrl.hash;
      // fall through
      case 2:
        url.query = baseUrl.query;
      // fall through
      case 3:
      case 4:
        mergePaths(url, baseUrl);
      // fall through
      case 5:
        url.user = baseUrl.user;
        url.host = baseUrl.host;
        url.port = baseUrl.port;
      // fall through
      case 6:
        url.scheme = baseUrl.scheme;
    }
    if (baseType > inputType)
      inputType = baseType;
  }
  normalizePath(url, inputType);
  const queryHash = url.query + url.hash;
  switch (inputType) {
    // This is impossible, because of the empty checks at the start of the function.
    // case UrlType.Empty:
    case 2:
    case 3:
      return queryHash;
    case 4: {
      const path6 = url.path.slice(1);
      if (!path6)
        return queryHash || ".";
      if (isRelative(base || input) && !isRelative(path6)) {
        return "./" + path6 + queryHash;
      }
      return path6 + queryHash;
    }
    case 5:
      return url.path + queryHash;
    default:
      return url.scheme + "//" + url.user + url.host + url.port + url.path + queryHash;
  }
}

// node_modules/.pnpm/@jridgewell+trace-mapping@0.3.31/node_modules/@jridgewell/trace-mapping/dist/trace-mapping.mjs
function stripFilename(path6) {
  if (!path6) return "";
  const index = path6.lastIndexOf("/");
  return path6.slice(0, index + 1);
}
function resolver(mapUrl, sourceRoot) {
  const from = stripFilename(mapUrl);
  const prefix = sourceRoot ? sourceRoot + "/" : "";
  return (source) => resolve5(prefix + (source || ""), from);
}
var COLUMN = 0;
function maybeSort(mappings, owned) {
  const unsortedIndex = nextUnsortedSegmentLine(mappings, 0);
  if (unsortedIndex === mappings.length) return mappings;
  if (!owned) mappings = mappings.slice();
  for (let i = unsortedIndex; i < mappings.length; i = nextUnsortedSegmentLine(mappings, i + 1)) {
    mappings[i] = sortSegments(mappings[i], owned);
  }
  return mappings;
}
function nextUnsortedSegmentLine(mappings, start) {
  for (let i = start; i < mappings.length; i++) {
    if (!isSorted(mappings[i])) return i;
  }
  return mappings.length;
}
function isSorted(line) {
  for (let j = 1; j < line.length; j++) {
    if (line[j][COLUMN] < line[j - 1][COLUMN]) {
      return false;
    }
  }
  return true;
}
function sortSegments(line, owned) {
  if (!owned) line = line.slice();
  return line.sort(sortComparator2);
}
function sortComparator2(a, b) {
  return a[COLUMN] - b[COLUMN];
}
var found = false;
function binarySearch(haystack, needle, low, high) {
  while (low <= high) {
    const mid = low + (high - low >> 1);
    const cmp = haystack[mid][COLUMN] - needle;
    if (cmp === 0) {
      found = true;
      return mid;
    }
    if (cmp < 0) {
      low = mid + 1;
    } else {
      high = mid - 1;
    }
  }
  found = false;
  return low - 1;
}
function upperBound(haystack, needle, index) {
  for (let i = index + 1; i < haystack.length; index = i++) {
    if (haystack[i][COLUMN] !== needle) break;
  }
  return index;
}
function lowerBound(haystack, needle, index) {
  for (let i = index - 1; i >= 0; index = i--) {
    if (haystack[i][COLUMN] !== needle) break;
  }
  return index;
}
function memoizedState() {
  return {
    lastKey: -1,
    lastNeedle: -1,
    lastIndex: -1
  };
}
function memoizedBinarySearch(haystack, needle, state, key) {
  const { lastKey, lastNeedle, lastIndex } = state;
  let low = 0;
  let high = haystack.length - 1;
  if (key === lastKey) {
    if (needle === lastNeedle) {
      found = lastIndex !== -1 && haystack[lastIndex][COLUMN] === needle;
      return lastIndex;
    }
    if (needle >= lastNeedle) {
      low = lastIndex === -1 ? 0 : lastIndex;
    } else {
      high = lastIndex;
    }
  }
  state.lastKey = key;
  state.lastNeedle = needle;
  return state.lastIndex = binarySearch(haystack, needle, low, high);
}
function parse2(map) {
  return typeof map === "string" ? JSON.parse(map) : map;
}
var LEAST_UPPER_BOUND = -1;
var GREATEST_LOWER_BOUND = 1;
var TraceMap = class {
  constructor(map, mapUrl) {
    const isString2 = typeof map === "string";
    if (!isString2 && map._decodedMemo) return map;
    const parsed = parse2(map);
    const { version, file, names, sourceRoot, sources, sourcesContent } = parsed;
    this.version = version;
    this.file = file;
    this.names = names || [];
    this.sourceRoot = sourceRoot;
    this.sources = sources;
    this.sourcesContent = sourcesContent;
    this.ignoreList = parsed.ignoreList || parsed.x_google_ignoreList || void 0;
    const resolve7 = resolver(mapUrl, sourceRoot);
    this.resolvedSources = sources.map(resolve7);
    const { mappings } = parsed;
    if (typeof mappings === "string") {
      this._encoded = mappings;
      this._decoded = void 0;
    } else if (Array.isArray(mappings)) {
      this._encoded = void 0;
      this._decoded = maybeSort(mappings, isString2);
    } else if (parsed.sections) {
      throw new Error(`TraceMap passed sectioned source map, please use FlattenMap export instead`);
    } else {
      throw new Error(`invalid source map: ${JSON.stringify(parsed)}`);
    }
    this._decodedMemo = memoizedState();
    this._bySources = void 0;
    this._bySourceMemos = void 0;
  }
};
function cast(map) {
  return map;
}
function decodedMappings(map) {
  var _a;
  return (_a = cast(map))._decoded || (_a._decoded = decode(cast(map)._encoded));
}
function traceSegment(map, line, column) {
  const decoded = decodedMappings(map);
  if (line >= decoded.length) return null;
  const segments = decoded[line];
  const index = traceSegmentInternal(
    segments,
    cast(map)._decodedMemo,
    line,
    column,
    GREATEST_LOWER_BOUND
  );
  return index === -1 ? null : segments[index];
}
function traceSegmentInternal(segments, memo, line, column, bias) {
  let index = memoizedBinarySearch(segments, column, memo, line);
  if (found) {
    index = (bias === LEAST_UPPER_BOUND ? upperBound : lowerBound)(segments, column, index);
  } else if (bias === LEAST_UPPER_BOUND) index++;
  if (index === -1 || index === segments.length) return -1;
  return index;
}

// node_modules/.pnpm/@jridgewell+gen-mapping@0.3.13/node_modules/@jridgewell/gen-mapping/dist/gen-mapping.mjs
var SetArray = class {
  constructor() {
    this._indexes = { __proto__: null };
    this.array = [];
  }
};
function cast2(set) {
  return set;
}
function get(setarr, key) {
  return cast2(setarr)._indexes[key];
}
function put(setarr, key) {
  const index = get(setarr, key);
  if (index !== void 0) return index;
  const { array, _indexes: indexes } = cast2(setarr);
  const length = array.push(key);
  return indexes[key] = length - 1;
}
function remove(setarr, key) {
  const index = get(setarr, key);
  if (index === void 0) return;
  const { array, _indexes: indexes } = cast2(setarr);
  for (let i = index + 1; i < array.length; i++) {
    const k = array[i];
    array[i - 1] = k;
    indexes[k]--;
  }
  indexes[key] = void 0;
  array.pop();
}
var COLUMN2 = 0;
var SOURCES_INDEX = 1;
var SOURCE_LINE = 2;
var SOURCE_COLUMN = 3;
var NAMES_INDEX = 4;
var NO_NAME = -1;
var GenMapping = class {
  constructor({ file, sourceRoot } = {}) {
    this._names = new SetArray();
    this._sources = new SetArray();
    this._sourcesContent = [];
    this._mappings = [];
    this.file = file;
    this.sourceRoot = sourceRoot;
    this._ignoreList = new SetArray();
  }
};
function cast22(map) {
  return map;
}
var maybeAddSegment = (map, genLine, genColumn, source, sourceLine, sourceColumn, name, content) => {
  return addSegmentInternal(
    true,
    map,
    genLine,
    genColumn,
    source,
    sourceLine,
    sourceColumn,
    name,
    content
  );
};
function setSourceContent(map, source, content) {
  const {
    _sources: sources,
    _sourcesContent: sourcesContent
    // _originalScopes: originalScopes,
  } = cast22(map);
  const index = put(sources, source);
  sourcesContent[index] = content;
}
function setIgnore(map, source, ignore = true) {
  const {
    _sources: sources,
    _sourcesContent: sourcesContent,
    _ignoreList: ignoreList
    // _originalScopes: originalScopes,
  } = cast22(map);
  const index = put(sources, source);
  if (index === sourcesContent.length) sourcesContent[index] = null;
  if (ignore) put(ignoreList, index);
  else remove(ignoreList, index);
}
function toDecodedMap(map) {
  const {
    _mappings: mappings,
    _sources: sources,
    _sourcesContent: sourcesContent,
    _names: names,
    _ignoreList: ignoreList
    // _originalScopes: originalScopes,
    // _generatedRanges: generatedRanges,
  } = cast22(map);
  removeEmptyFinalLines(mappings);
  return {
    version: 3,
    file: map.file || void 0,
    names: names.array,
    sourceRoot: map.sourceRoot || void 0,
    sources: sources.array,
    sourcesContent,
    mappings,
    // originalScopes,
    // generatedRanges,
    ignoreList: ignoreList.array
  };
}
function toEncodedMap(map) {
  const decoded = toDecodedMap(map);
  return Object.assign({}, decoded, {
    // originalScopes: decoded.originalScopes.map((os) => encodeOriginalScopes(os)),
    // generatedRanges: encodeGeneratedRanges(decoded.generatedRanges as GeneratedRange[]),
    mappings: encode(decoded.mappings)
  });
}
function addSegmentInternal(skipable, map, genLine, genColumn, source, sourceLine, sourceColumn, name, content) {
  const {
    _mappings: mappings,
    _sources: sources,
    _sourcesContent: sourcesContent,
    _names: names
    // _originalScopes: originalScopes,
  } = cast22(map);
  const line = getIndex(mappings, genLine);
  const index = getColumnIndex(line, genColumn);
  if (!source) {
    if (skipable && skipSourceless(line, index)) return;
    return insert(line, index, [genColumn]);
  }
  assert(sourceLine);
  assert(sourceColumn);
  const sourcesIndex = put(sources, source);
  const namesIndex = name ? put(names, name) : NO_NAME;
  if (sourcesIndex === sourcesContent.length) sourcesContent[sourcesIndex] = content != null ? content : null;
  if (skipable && skipSource(line, index, sourcesIndex, sourceLine, sourceColumn, namesIndex)) {
    return;
  }
  return insert(
    line,
    index,
    name ? [genColumn, sourcesIndex, sourceLine, sourceColumn, namesIndex] : [genColumn, sourcesIndex, sourceLine, sourceColumn]
  );
}
function assert(_val) {
}
function getIndex(arr, index) {
  for (let i = arr.length; i <= index; i++) {
    arr[i] = [];
  }
  return arr[index];
}
function getColumnIndex(line, genColumn) {
  let index = line.length;
  for (let i = index - 1; i >= 0; index = i--) {
    const current = line[i];
    if (genColumn >= current[COLUMN2]) break;
  }
  return index;
}
function insert(array, index, value) {
  for (let i = array.length; i > index; i--) {
    array[i] = array[i - 1];
  }
  array[index] = value;
}
function removeEmptyFinalLines(mappings) {
  const { length } = mappings;
  let len = length;
  for (let i = len - 1; i >= 0; len = i, i--) {
    if (mappings[i].length > 0) break;
  }
  if (len < length) mappings.length = len;
}
function skipSourceless(line, index) {
  if (index === 0) return true;
  const prev = line[index - 1];
  return prev.length === 1;
}
function skipSource(line, index, sourcesIndex, sourceLine, sourceColumn, namesIndex) {
  if (index === 0) return false;
  const prev = line[index - 1];
  if (prev.length === 1) return false;
  return sourcesIndex === prev[SOURCES_INDEX] && sourceLine === prev[SOURCE_LINE] && sourceColumn === prev[SOURCE_COLUMN] && namesIndex === (prev.length === 5 ? prev[NAMES_INDEX] : NO_NAME);
}

// node_modules/.pnpm/@jridgewell+remapping@2.3.5/node_modules/@jridgewell/remapping/dist/remapping.mjs
var SOURCELESS_MAPPING = /* @__PURE__ */ SegmentObject("", -1, -1, "", null, false);
var EMPTY_SOURCES = [];
function SegmentObject(source, line, column, name, content, ignore) {
  return { source, line, column, name, content, ignore };
}
function Source(map, sources, source, content, ignore) {
  return {
    map,
    sources,
    source,
    content,
    ignore
  };
}
function MapSource(map, sources) {
  return Source(map, sources, "", null, false);
}
function OriginalSource(source, content, ignore) {
  return Source(null, EMPTY_SOURCES, source, content, ignore);
}
function traceMappings(tree) {
  const gen = new GenMapping({ file: tree.map.file });
  const { sources: rootSources, map } = tree;
  const rootNames = map.names;
  const rootMappings = decodedMappings(map);
  for (let i = 0; i < rootMappings.length; i++) {
    const segments = rootMappings[i];
    for (let j = 0; j < segments.length; j++) {
      const segment = segments[j];
      const genCol = segment[0];
      let traced = SOURCELESS_MAPPING;
      if (segment.length !== 1) {
        const source2 = rootSources[segment[1]];
        traced = originalPositionFor(
          source2,
          segment[2],
          segment[3],
          segment.length === 5 ? rootNames[segment[4]] : ""
        );
        if (traced == null) continue;
      }
      const { column, line, name, content, source, ignore } = traced;
      maybeAddSegment(gen, i, genCol, source, line, column, name);
      if (source && content != null) setSourceContent(gen, source, content);
      if (ignore) setIgnore(gen, source, true);
    }
  }
  return gen;
}
function originalPositionFor(source, line, column, name) {
  if (!source.map) {
    return SegmentObject(source.source, line, column, name, source.content, source.ignore);
  }
  const segment = traceSegment(source.map, line, column);
  if (segment == null) return null;
  if (segment.length === 1) return SOURCELESS_MAPPING;
  return originalPositionFor(
    source.sources[segment[1]],
    segment[2],
    segment[3],
    segment.length === 5 ? source.map.names[segment[4]] : name
  );
}
function asArray(value) {
  if (Array.isArray(value)) return value;
  return [value];
}
function buildSourceMapTree(input, loader) {
  const maps = asArray(input).map((m) => new TraceMap(m, ""));
  const map = maps.pop();
  for (let i = 0; i < maps.length; i++) {
    if (maps[i].sources.length > 1) {
      throw new Error(
        `Transformation map ${i} must have exactly one source file.
Did you specify these with the most recent transformation maps first?`
      );
    }
  }
  let tree = build(map, loader, "", 0);
  for (let i = maps.length - 1; i >= 0; i--) {
    tree = MapSource(maps[i], [tree]);
  }
  return tree;
}
function build(map, loader, importer, importerDepth) {
  const { resolvedSources, sourcesContent, ignoreList } = map;
  const depth = importerDepth + 1;
  const children = resolvedSources.map((sourceFile, i) => {
    const ctx = {
      importer,
      depth,
      source: sourceFile || "",
      content: void 0,
      ignore: void 0
    };
    const sourceMap = loader(ctx.source, ctx);
    const { source, content, ignore } = ctx;
    if (sourceMap) return build(new TraceMap(sourceMap, source), loader, source, depth);
    const sourceContent = content !== void 0 ? content : sourcesContent ? sourcesContent[i] : null;
    const ignored = ignore !== void 0 ? ignore : ignoreList ? ignoreList.includes(i) : false;
    return OriginalSource(source, sourceContent, ignored);
  });
  return MapSource(map, children);
}
var SourceMap = class {
  constructor(map, options) {
    const out = options.decodedMappings ? toDecodedMap(map) : toEncodedMap(map);
    this.version = out.version;
    this.file = out.file;
    this.mappings = out.mappings;
    this.names = out.names;
    this.ignoreList = out.ignoreList;
    this.sourceRoot = out.sourceRoot;
    this.sources = out.sources;
    if (!options.excludeContent) {
      this.sourcesContent = out.sourcesContent;
    }
  }
  toString() {
    return JSON.stringify(this);
  }
};
function remapping(input, loader, options) {
  const opts = typeof options === "object" ? options : { excludeContent: !!options, decodedMappings: false };
  const tree = buildSourceMapTree(input, loader);
  return new SourceMap(traceMappings(tree), opts);
}

// node_modules/.pnpm/unplugin@3.7.0_esbuild@0.28.2_rollup@4.68.7_vite@7.3.8_@types+node@20.19.43_/node_modules/unplugin/dist/index.mjs
import * as querystring from "node:querystring";
import process$1 from "node:process";
var __require = /* @__PURE__ */ (() => createRequire2(import.meta.url))();
var version$1 = "3.7.0";
var ExtToLoader$1 = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".cts": "ts",
  ".mts": "ts",
  ".tsx": "tsx",
  ".css": "css",
  ".less": "css",
  ".stylus": "css",
  ".scss": "css",
  ".sass": "css",
  ".json": "json",
  ".txt": "text"
};
function guessLoader$1(code, id) {
  return ExtToLoader$1[path.extname(id).toLowerCase()] || "js";
}
function unwrapLoader$1(loader, code, id) {
  if (typeof loader === "function") return loader(code, id);
  return loader;
}
function fixSourceMap(map) {
  if (!Object.hasOwn(map, "toString")) Object.defineProperty(map, "toString", {
    enumerable: false,
    value: function toString() {
      return JSON.stringify(this);
    }
  });
  if (!Object.hasOwn(map, "toUrl")) Object.defineProperty(map, "toUrl", {
    enumerable: false,
    value: function toUrl() {
      return `data:application/json;charset=utf-8;base64,${Buffer$1.from(this.toString()).toString("base64")}`;
    }
  });
  return map;
}
var nullSourceMap = {
  names: [],
  sources: [],
  mappings: "",
  version: 3
};
function combineSourcemaps(filename, sourcemapList, preserveSources = false) {
  sourcemapList = sourcemapList.filter((m) => m.sources);
  if (sourcemapList.length === 0 || sourcemapList.every((m) => m.sources.length === 0)) return { ...nullSourceMap };
  let map;
  let mapIndex = 1;
  if (!sourcemapList.slice(0, -1).some((m) => m.sources.length !== 1)) map = remapping(sourcemapList, () => null, !preserveSources);
  else {
    const normalizedFilename = filename.replace(/\\/g, "/");
    const windows = /^[a-z]:\//i.test(normalizedFilename) || normalizedFilename.startsWith("//");
    const paths = windows ? path.win32 : path.posix;
    map = remapping(sourcemapList[0], (sourcefile) => {
      let source = sourcefile.replace(/\\/g, "/");
      if (preserveSources && source !== normalizedFilename && source.startsWith("file:")) try {
        source = fileURLToPath(source, { windows }).replace(/\\/g, "/");
      } catch {
        return null;
      }
      if ((sourcefile === filename || preserveSources && (source === normalizedFilename || paths.isAbsolute(normalizedFilename) && (paths.isAbsolute(source) || !/^[a-z][a-z\d+.-]*:/i.test(source)) && paths.resolve(paths.dirname(normalizedFilename), source) === paths.normalize(normalizedFilename))) && sourcemapList[mapIndex]) return sourcemapList[mapIndex++];
      else return preserveSources ? null : { ...nullSourceMap };
    }, !preserveSources);
  }
  if (!map.file) delete map.file;
  return map;
}
function createBuildContext$1(build3) {
  const { initialOptions } = build3;
  return {
    parse,
    addWatchFile() {
      throw new Error("unplugin/esbuild: addWatchFile outside supported hooks (resolveId, load, transform)");
    },
    emitFile(emittedFile) {
      const outFileName = emittedFile.fileName || emittedFile.name;
      if (initialOptions.outdir && emittedFile.source && outFileName) {
        const outPath = path.resolve(initialOptions.outdir, outFileName);
        const outDir = path.dirname(outPath);
        if (!fs2.existsSync(outDir)) fs2.mkdirSync(outDir, { recursive: true });
        fs2.writeFileSync(outPath, emittedFile.source);
      }
    },
    getWatchFiles() {
      return [];
    },
    getNativeBuildContext() {
      return {
        framework: "esbuild",
        build: build3
      };
    }
  };
}
function createPluginContext$1(context) {
  const errors = [];
  const warnings = [];
  const pluginContext = {
    error(message) {
      errors.push(normalizeMessage3(message));
    },
    warn(message) {
      warnings.push(normalizeMessage3(message));
    }
  };
  const watchFiles = [];
  return {
    errors,
    warnings,
    mixedContext: {
      ...context,
      ...pluginContext,
      addWatchFile(id) {
        watchFiles.push(id);
      },
      getWatchFiles() {
        return watchFiles;
      }
    }
  };
}
function normalizeMessage3(message) {
  if (typeof message === "string") message = { message };
  return {
    id: message.id,
    pluginName: message.plugin,
    text: message.message,
    location: message.loc ? {
      file: message.loc.file,
      line: message.loc.line,
      column: message.loc.column
    } : null,
    detail: message.meta,
    notes: []
  };
}
function processCodeWithSourceMap(map, code) {
  if (map) {
    if (!map.sourcesContent || map.sourcesContent.length === 0) map.sourcesContent = [code];
    map = fixSourceMap(map);
    code += `
//# sourceMappingURL=${map.toUrl()}`;
  }
  return code;
}
var ExtToLoader = {
  ".js": "js",
  ".mjs": "js",
  ".cjs": "js",
  ".jsx": "jsx",
  ".ts": "ts",
  ".cts": "ts",
  ".mts": "ts",
  ".tsx": "tsx",
  ".css": "css",
  ".less": "css",
  ".stylus": "css",
  ".scss": "css",
  ".sass": "css",
  ".json": "json",
  ".txt": "text"
};
function guessLoader(id) {
  return ExtToLoader[path.extname(id).toLowerCase()] || "js";
}
function unwrapLoader(loader, code, id) {
  if (typeof loader === "function") return loader(code, id);
  return loader;
}
function createBuildContext3(build3) {
  const watchFiles = [];
  return {
    addWatchFile(file) {
      watchFiles.push(file);
    },
    getWatchFiles() {
      return watchFiles;
    },
    emitFile(emittedFile) {
      const outFileName = emittedFile.fileName || emittedFile.name;
      const outdir = build3?.config?.outdir;
      if (outdir && emittedFile.source && outFileName) {
        const outPath = path.resolve(outdir, outFileName);
        const outDir = path.dirname(outPath);
        if (!fs2.existsSync(outDir)) fs2.mkdirSync(outDir, { recursive: true });
        fs2.writeFileSync(outPath, emittedFile.source);
      }
    },
    parse,
    getNativeBuildContext() {
      return {
        framework: "bun",
        build: build3
      };
    }
  };
}
function createPluginContext(buildContext) {
  const errors = [];
  const warnings = [];
  return {
    errors,
    warnings,
    mixedContext: {
      ...buildContext,
      error(error) {
        errors.push(error);
      },
      warn(warning) {
        warnings.push(warning);
      }
    }
  };
}
function toBunNamespace(name) {
  return name.replace(/[^\w$-]/g, "-");
}
function getBunPlugin(factory) {
  return (userOptions) => {
    if (typeof Bun === "undefined") throw new ReferenceError("Bun is not supported in this environment");
    if (!Bun.semver.satisfies(Bun.version, ">=1.2.22")) throw new Error("Bun 1.2.22 or higher is required, please upgrade Bun");
    const meta = {
      framework: "bun",
      versions: {
        bun: Bun.version,
        unplugin: version$1
      }
    };
    const plugins = toArray(factory(userOptions, meta));
    return {
      name: (plugins.length === 1 ? plugins[0].name : meta.bunHostName) ?? `unplugin-host:${plugins.map((p) => p.name).join(":")}`,
      async setup(build3) {
        const context = createBuildContext3(build3);
        for (const plugin of plugins) await plugin.bun?.setup?.(build3);
        if (plugins.some((plugin) => plugin.buildStart)) build3.onStart(async () => {
          for (const plugin of plugins) if (plugin.buildStart) await plugin.buildStart.call(context);
        });
        const resolveIdHooks = plugins.filter((plugin) => plugin.resolveId).map((plugin) => ({
          plugin,
          ...normalizeObjectHook("resolveId", plugin.resolveId)
        }));
        const loadHooks = plugins.filter((plugin) => plugin.load).map((plugin) => ({
          plugin,
          ...normalizeObjectHook("load", plugin.load)
        }));
        const transformHooks = plugins.filter((plugin) => plugin.transform).map((plugin) => ({
          plugin,
          ...normalizeObjectHook("transform", plugin.transform)
        }));
        const virtualModulePlugins = /* @__PURE__ */ new Set();
        for (const plugin of plugins) if (plugin.resolveId && plugin.load) virtualModulePlugins.add(plugin.name);
        if (resolveIdHooks.length) build3.onResolve({ filter: /.*/ }, async (args) => {
          if (build3.config?.external?.includes(args.path)) return;
          for (const { plugin, handler, filter } of resolveIdHooks) {
            const isEntry = args.kind === "entry-point-run" || args.kind === "entry-point-build";
            const importer = isEntry ? void 0 : args.importer;
            if (!filter(args.path, importer)) continue;
            const { mixedContext, errors, warnings } = createPluginContext(context);
            const result = await handler.call(mixedContext, args.path, importer, { isEntry });
            for (const warning of warnings) console.warn("[unplugin]", typeof warning === "string" ? warning : warning.message);
            if (errors.length > 0) {
              const errorMessage = errors.map((e) => typeof e === "string" ? e : e.message).join("\n");
              throw new Error(`[unplugin] ${plugin.name}: ${errorMessage}`);
            }
            if (typeof result === "string") {
              if (!isAbsolute2(result)) return {
                path: result,
                namespace: toBunNamespace(plugin.name)
              };
              return { path: result };
            } else if (typeof result === "object" && result !== null) {
              if (!isAbsolute2(result.id)) return {
                path: result.id,
                external: result.external,
                namespace: toBunNamespace(plugin.name)
              };
              return {
                path: result.id,
                external: result.external
              };
            }
          }
        });
        async function processLoadTransform(id, namespace, loader) {
          let code;
          let hasResult = false;
          let activePlugin;
          const sourcemapResults = build3.config.sourcemap && build3.config.sourcemap !== "none" ? [] : void 0;
          const namespaceLoadHooks = namespace === "file" ? loadHooks : loadHooks.filter((h) => h.plugin.name === namespace);
          for (const { plugin, handler, filter } of namespaceLoadHooks) {
            if (plugin.loadInclude && !plugin.loadInclude(id)) continue;
            if (!filter(id)) continue;
            const { mixedContext, errors, warnings } = createPluginContext(context);
            const result = await handler.call(mixedContext, id);
            for (const warning of warnings) console.warn("[unplugin]", typeof warning === "string" ? warning : warning.message);
            if (errors.length > 0) {
              const errorMessage = errors.map((e) => typeof e === "string" ? e : e.message).join("\n");
              throw new Error(`[unplugin] ${plugin.name}: ${errorMessage}`);
            }
            if (typeof result === "string") {
              code = result;
              hasResult = true;
              activePlugin = plugin;
              break;
            } else if (typeof result === "object" && result !== null) {
              code = result.code;
              sourcemapResults?.push(result);
              hasResult = true;
              activePlugin = plugin;
              break;
            }
          }
          const namespaceTransformHooks = (namespace === "file" ? transformHooks : transformHooks.filter((h) => h.plugin.name === namespace)).filter(({ plugin, idFilter }) => (!plugin.transformInclude || plugin.transformInclude(id)) && idFilter(id));
          if (!hasResult && namespace === "file" && namespaceTransformHooks.length > 0) code = await Bun.file(id).text();
          if (code !== void 0) for (const { plugin, handler, filter } of namespaceTransformHooks) {
            if (!filter(id, code)) continue;
            const { mixedContext, errors, warnings } = createPluginContext(context);
            const result = await handler.call(mixedContext, code, id);
            for (const warning of warnings) console.warn("[unplugin]", typeof warning === "string" ? warning : warning.message);
            if (errors.length > 0) {
              const errorMessage = errors.map((e) => typeof e === "string" ? e : e.message).join("\n");
              throw new Error(`[unplugin] ${plugin.name}: ${errorMessage}`);
            }
            if (typeof result === "string") {
              if (sourcemapResults && result !== code) sourcemapResults.length = 0;
              code = result;
              hasResult = true;
            } else if (typeof result === "object" && result !== null) {
              code = result.code;
              sourcemapResults?.push(result);
              hasResult = true;
            }
          }
          if (hasResult && code !== void 0) {
            const pluginLoader = activePlugin?.bun?.loader;
            const resolvedLoader = (pluginLoader && unwrapLoader(pluginLoader, code, id)) ?? loader ?? guessLoader(id);
            if (sourcemapResults && [
              "js",
              "jsx",
              "ts",
              "tsx"
            ].includes(resolvedLoader)) {
              const sourcemaps = [];
              for (let i = sourcemapResults.length - 1; i >= 0; i--) {
                const result = sourcemapResults[i];
                const map = result.map;
                if (map) sourcemaps.push(typeof map === "string" ? JSON.parse(map) : map);
                else if (i > 0 && result.code !== sourcemapResults[i - 1].code) break;
              }
              if (sourcemaps.length) code = processCodeWithSourceMap(combineSourcemaps(id, sourcemaps, true), code);
            }
            return {
              contents: code,
              loader: resolvedLoader
            };
          }
        }
        if (loadHooks.length || transformHooks.length) build3.onLoad({
          filter: /.*/,
          namespace: "file"
        }, async (args) => {
          return processLoadTransform(args.path, "file", args.loader);
        });
        for (const pluginName of virtualModulePlugins) build3.onLoad({
          filter: /.*/,
          namespace: toBunNamespace(pluginName)
        }, async (args) => {
          return processLoadTransform(args.path, pluginName, args.loader);
        });
        if (plugins.some((plugin) => plugin.buildEnd || plugin.writeBundle)) build3.onEnd(async () => {
          for (const plugin of plugins) {
            if (plugin.buildEnd) await plugin.buildEnd.call(context);
            if (plugin.writeBundle) await plugin.writeBundle();
          }
        });
      }
    };
  };
}
function getEsbuildPlugin(factory) {
  return (userOptions) => {
    const meta = {
      framework: "esbuild",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta));
    const setupPlugins = async (build3) => {
      const setup = buildSetup();
      const loaders = [];
      for (const plugin of plugins) {
        const loader = {};
        await setup(plugin)({
          ...build3,
          onLoad(_options, callback) {
            loader.options = _options;
            loader.onLoadCb = callback;
          },
          onTransform(_options, callback) {
            loader.options ||= _options;
            loader.onTransformCb = callback;
          }
        }, build3);
        if (loader.onLoadCb || loader.onTransformCb) loaders.push(loader);
      }
      if (loaders.length) build3.onLoad(loaders.length === 1 ? loaders[0].options : { filter: /.*/ }, async (args) => {
        function checkFilter(options) {
          return loaders.length === 1 || !options?.filter || options.filter.test(args.path);
        }
        let result;
        for (const { options, onLoadCb } of loaders) {
          if (!checkFilter(options)) continue;
          if (onLoadCb) result = await onLoadCb(args);
          if (result?.contents != null) break;
        }
        let fsContentsCache;
        let fsContentsCached = false;
        for (const { options, onTransformCb } of loaders) {
          if (!checkFilter(options)) continue;
          if (onTransformCb) {
            const _result = await onTransformCb({
              ...result,
              ...args,
              async getContents() {
                if (result?.contents != null) return result.contents;
                if (fsContentsCached) return fsContentsCache;
                try {
                  fsContentsCache = await fs2.promises.readFile(args.path, "utf8");
                  fsContentsCached = true;
                  return fsContentsCache;
                } catch (error) {
                  if (error?.code === "ENOENT") {
                    fsContentsCache = "";
                    fsContentsCached = true;
                    return fsContentsCache;
                  }
                  throw error;
                }
              }
            });
            if (_result?.contents != null) result = _result;
          }
        }
        if (result?.contents != null) return result;
      });
    };
    return {
      name: (plugins.length === 1 ? plugins[0].name : meta.esbuildHostName) ?? `unplugin-host:${plugins.map((p) => p.name).join(":")}`,
      setup: setupPlugins
    };
  };
}
function buildSetup() {
  return (plugin) => {
    return (build3, rawBuild) => {
      const context = createBuildContext$1(rawBuild);
      const { onStart, onEnd, onResolve, onLoad, onTransform, initialOptions } = build3;
      const onResolveFilter = plugin.esbuild?.onResolveFilter ?? /.*/;
      const onLoadFilter = plugin.esbuild?.onLoadFilter ?? /.*/;
      const loader = plugin.esbuild?.loader ?? guessLoader$1;
      plugin.esbuild?.config?.call(context, initialOptions);
      if (plugin.buildStart) onStart(() => plugin.buildStart.call(context));
      if (plugin.buildEnd || plugin.writeBundle) onEnd(async () => {
        if (plugin.buildEnd) await plugin.buildEnd.call(context);
        if (plugin.writeBundle) await plugin.writeBundle();
      });
      if (plugin.resolveId) {
        const { handler, filter } = normalizeObjectHook("resolveId", plugin.resolveId);
        onResolve({ filter: onResolveFilter }, async (args) => {
          const id = args.path;
          if (initialOptions.external?.includes(id)) return;
          const isEntry = args.kind === "entry-point";
          const importer = isEntry ? void 0 : args.importer;
          if (!filter(id, importer)) return;
          const { errors, warnings, mixedContext } = createPluginContext$1(context);
          const result = await handler.call(mixedContext, id, importer, { isEntry });
          if (typeof result === "string") return {
            path: result,
            namespace: plugin.name,
            errors,
            warnings,
            watchFiles: mixedContext.getWatchFiles()
          };
          else if (typeof result === "object" && result !== null) return {
            path: result.id,
            external: result.external,
            namespace: plugin.name,
            errors,
            warnings,
            watchFiles: mixedContext.getWatchFiles()
          };
        });
      }
      if (plugin.load) {
        const { handler, filter } = normalizeObjectHook("load", plugin.load);
        onLoad({ filter: onLoadFilter }, async (args) => {
          const id = args.path + (args.suffix || "");
          if (plugin.loadInclude && !plugin.loadInclude(id)) return;
          if (!filter(id)) return;
          const { errors, warnings, mixedContext } = createPluginContext$1(context);
          let code;
          let map;
          const result = await handler.call(mixedContext, id);
          if (typeof result === "string") code = result;
          else if (typeof result === "object" && result !== null) {
            code = result.code;
            map = result.map;
          }
          if (code === void 0) return null;
          if (map) code = processCodeWithSourceMap(map, code);
          const resolveDir = path.dirname(args.path);
          return {
            contents: code,
            errors,
            warnings,
            watchFiles: mixedContext.getWatchFiles(),
            loader: unwrapLoader$1(loader, code, args.path),
            resolveDir
          };
        });
      }
      if (plugin.transform) {
        const { handler, filter, idFilter } = normalizeObjectHook("transform", plugin.transform);
        onTransform({ filter: onLoadFilter }, async (args) => {
          const id = args.path + (args.suffix || "");
          if (plugin.transformInclude && !plugin.transformInclude(id)) return;
          if (!idFilter(id)) return;
          let code = await args.getContents();
          if (!filter(id, code)) return;
          const { mixedContext, errors, warnings } = createPluginContext$1(context);
          const resolveDir = path.dirname(args.path);
          let map;
          const result = await handler.call(mixedContext, code, id);
          if (typeof result === "string") code = result;
          else if (typeof result === "object" && result !== null) {
            code = result.code;
            map = typeof result.map === "string" ? JSON.parse(result.map) : result.map;
          }
          if (code !== void 0) {
            if (map) code = processCodeWithSourceMap(map, code);
            return {
              contents: code,
              errors,
              warnings,
              watchFiles: mixedContext.getWatchFiles(),
              loader: unwrapLoader$1(loader, code, args.path),
              resolveDir
            };
          }
        });
      }
      if (plugin.esbuild?.setup) return plugin.esbuild.setup(rawBuild);
    };
  };
}
function createFarmContext(context, currentResolveId) {
  return {
    parse,
    addWatchFile(id) {
      context.addWatchFile(id, currentResolveId || id);
    },
    emitFile(emittedFile) {
      const outFileName = emittedFile.fileName || emittedFile.name;
      if (emittedFile.source && outFileName) context.emitFile({
        resolvedPath: outFileName,
        name: outFileName,
        content: [...Buffer$1.from(emittedFile.source)],
        resourceType: extname(outFileName)
      });
    },
    getWatchFiles() {
      return context.getWatchFiles();
    },
    getNativeBuildContext() {
      return {
        framework: "farm",
        context
      };
    }
  };
}
function unpluginContext(context) {
  return {
    error: (error) => context.error(typeof error === "string" ? new Error(error) : error),
    warn: (error) => context.warn(typeof error === "string" ? new Error(error) : error)
  };
}
function convertEnforceToPriority(value) {
  const defaultPriority = 100;
  const enforceToPriority = {
    pre: 102,
    post: 98
  };
  return enforceToPriority[value] !== void 0 ? enforceToPriority[value] : defaultPriority;
}
function convertWatchEventChange(value) {
  return {
    Added: "create",
    Updated: "update",
    Removed: "delete"
  }[value];
}
function isString(variable) {
  return typeof variable === "string";
}
function isObject(variable) {
  return typeof variable === "object" && variable !== null;
}
function customParseQueryString(url) {
  if (!url) return [];
  const queryString = url.split("?")[1];
  const parsedParams = querystring.parse(queryString);
  const paramsArray = [];
  for (const key in parsedParams) paramsArray.push([key, parsedParams[key]]);
  return paramsArray;
}
function encodeStr(str) {
  const len = str.length;
  if (len === 0) return str;
  const firstNullIndex = str.indexOf("\0");
  if (firstNullIndex === -1) return str;
  const result = Array.from({ length: len + countNulls(str, firstNullIndex) });
  let pos = 0;
  for (let i = 0; i < firstNullIndex; i++) result[pos++] = str[i];
  for (let i = firstNullIndex; i < len; i++) {
    const char = str[i];
    if (char === "\0") {
      result[pos++] = "\\";
      result[pos++] = "0";
    } else result[pos++] = char;
  }
  return path.posix.normalize(result.join(""));
}
function decodeStr(str) {
  const len = str.length;
  if (len === 0) return str;
  const firstIndex = str.indexOf("\\0");
  if (firstIndex === -1) return str;
  const result = Array.from({ length: len - countBackslashZeros(str, firstIndex) });
  let pos = 0;
  for (let i2 = 0; i2 < firstIndex; i2++) result[pos++] = str[i2];
  let i = firstIndex;
  while (i < len) if (str[i] === "\\" && str[i + 1] === "0") {
    result[pos++] = "\0";
    i += 2;
  } else result[pos++] = str[i++];
  return path.posix.normalize(result.join(""));
}
function getContentValue(content) {
  if (content === null || content === void 0) throw new Error("Content cannot be null or undefined");
  return encodeStr(typeof content === "string" ? content : content.code || "");
}
function countNulls(str, startIndex) {
  let count = 0;
  const len = str.length;
  for (let i = startIndex; i < len; i++) if (str[i] === "\0") count++;
  return count;
}
function countBackslashZeros(str, startIndex) {
  let count = 0;
  const len = str.length;
  for (let i = startIndex; i < len - 1; i++) if (str[i] === "\\" && str[i + 1] === "0") {
    count++;
    i++;
  }
  return count;
}
function removeQuery(pathe) {
  const queryIndex = pathe.indexOf("?");
  if (queryIndex !== -1) return path.posix.normalize(pathe.slice(0, queryIndex));
  return path.posix.normalize(pathe);
}
function isStartsWithSlash(str) {
  return str?.startsWith("/");
}
function appendQuery(id, query) {
  if (!query.length) return id;
  return `${id}?${stringifyQuery(query)}`;
}
function stringifyQuery(query) {
  if (!query.length) return "";
  let queryStr = "";
  for (const [key, value] of query) queryStr += `${key}${value ? `=${value}` : ""}&`;
  return `${queryStr.slice(0, -1)}`;
}
var CSS_LANGS_RES = [
  [/\.(less)(?:$|\?)/, "less"],
  [/\.(scss|sass)(?:$|\?)/, "sass"],
  [/\.(styl|stylus)(?:$|\?)/, "stylus"],
  [/\.(css)(?:$|\?)/, "css"]
];
var JS_LANGS_RES = [
  [/\.(js|mjs|cjs)(?:$|\?)/, "js"],
  [/\.(jsx)(?:$|\?)/, "jsx"],
  [/\.(ts|cts|mts)(?:$|\?)/, "ts"],
  [/\.(tsx)(?:$|\?)/, "tsx"]
];
function getCssModuleType(id) {
  for (const [reg, lang] of CSS_LANGS_RES) if (reg.test(id)) return lang;
  return null;
}
function getJsModuleType(id) {
  for (const [reg, lang] of JS_LANGS_RES) if (reg.test(id)) return lang;
  return null;
}
function formatLoadModuleType(id) {
  const cssModuleType = getCssModuleType(id);
  if (cssModuleType) return cssModuleType;
  const jsModuleType = getJsModuleType(id);
  if (jsModuleType) return jsModuleType;
  return "js";
}
function formatTransformModuleType(id) {
  return formatLoadModuleType(id);
}
function getFarmPlugin(factory) {
  return ((userOptions) => {
    const plugins = toArray(factory(userOptions, {
      framework: "farm",
      versions: { unplugin: version$1 }
    })).map((rawPlugin) => {
      const plugin = toFarmPlugin(rawPlugin, userOptions);
      if (rawPlugin.farm) Object.assign(plugin, rawPlugin.farm);
      return plugin;
    });
    return plugins.length === 1 ? plugins[0] : plugins;
  });
}
function toFarmPlugin(plugin, options) {
  const farmPlugin = {
    name: plugin.name,
    priority: convertEnforceToPriority(plugin.enforce)
  };
  if (plugin.farm) Object.keys(plugin.farm).forEach((key) => {
    const value = plugin.farm[key];
    if (value) Reflect.set(farmPlugin, key, value);
  });
  if (plugin.buildStart) {
    const _buildStart = plugin.buildStart;
    farmPlugin.buildStart = { async executor(_, context) {
      await _buildStart.call(createFarmContext(context));
    } };
  }
  if (plugin.resolveId) {
    const _resolveId = plugin.resolveId;
    let filters = [];
    if (options) filters = options?.filters ?? [];
    farmPlugin.resolve = {
      filters: {
        sources: filters.length ? filters : [".*"],
        importers: [".*"]
      },
      async executor(params, context) {
        const importer = params.importer ? path.resolve(params.importer) : void 0;
        const id = decodeStr(params.source);
        const { handler, filter } = normalizeObjectHook("resolveId", _resolveId);
        if (!filter(id, importer)) return null;
        const isEntry = isObject(params.kind) && "entry" in params.kind;
        const farmContext = createFarmContext(context, importer);
        const resolveIdResult = await handler.call(Object.assign(unpluginContext(context), farmContext), id, importer, { isEntry });
        if (isString(resolveIdResult)) return {
          resolvedPath: removeQuery(encodeStr(resolveIdResult)),
          query: customParseQueryString(resolveIdResult),
          sideEffects: true,
          external: false,
          meta: {}
        };
        if (isObject(resolveIdResult)) return {
          resolvedPath: removeQuery(encodeStr(resolveIdResult?.id)),
          query: customParseQueryString(resolveIdResult?.id),
          sideEffects: true,
          external: Boolean(resolveIdResult?.external),
          meta: {}
        };
        if (!isStartsWithSlash(params.source)) return null;
      }
    };
  }
  if (plugin.load) {
    const _load = plugin.load;
    farmPlugin.load = {
      filters: { resolvedPaths: [".*"] },
      async executor(params, context) {
        const id = appendQuery(decodeStr(params.resolvedPath), params.query);
        const loader = formatTransformModuleType(id);
        if (plugin.loadInclude && !plugin.loadInclude?.(id)) return null;
        const { handler, filter } = normalizeObjectHook("load", _load);
        if (!filter(id)) return null;
        const farmContext = createFarmContext(context, id);
        const content = await handler.call(Object.assign(unpluginContext(context), farmContext), id);
        if (content == null) return null;
        return {
          content: getContentValue(content),
          moduleType: loader
        };
      }
    };
  }
  if (plugin.transform) {
    const _transform = plugin.transform;
    farmPlugin.transform = {
      filters: {
        resolvedPaths: [".*"],
        moduleTypes: [".*"]
      },
      async executor(params, context) {
        const id = appendQuery(decodeStr(params.resolvedPath), params.query);
        const loader = formatTransformModuleType(id);
        if (plugin.transformInclude && !plugin.transformInclude(id)) return null;
        const { handler, filter } = normalizeObjectHook("transform", _transform);
        if (!filter(id, params.content)) return null;
        const farmContext = createFarmContext(context, id);
        const resource = await handler.call(Object.assign(unpluginContext(context), farmContext), params.content, id);
        if (resource == null) return null;
        return {
          content: getContentValue(resource),
          moduleType: loader,
          sourceMap: typeof resource === "object" && typeof resource.map === "object" && resource.map !== null ? JSON.stringify(resource.map) : void 0
        };
      }
    };
  }
  if (plugin.watchChange) {
    const _watchChange = plugin.watchChange;
    farmPlugin.updateModules = { async executor(param, context) {
      const updatePathContent = param.paths[0];
      const ModifiedPath = updatePathContent[0];
      const eventChange = convertWatchEventChange(updatePathContent[1]);
      await _watchChange.call(createFarmContext(context), ModifiedPath, { event: eventChange });
    } };
  }
  if (plugin.buildEnd) {
    const _buildEnd = plugin.buildEnd;
    farmPlugin.buildEnd = { async executor(_, context) {
      await _buildEnd.call(createFarmContext(context));
    } };
  }
  if (plugin.writeBundle) {
    const _writeBundle = plugin.writeBundle;
    farmPlugin.finish = { async executor() {
      await _writeBundle();
    } };
  }
  return farmPlugin;
}
function getRollupPlugin(factory) {
  return ((userOptions) => {
    const meta = {
      framework: "rollup",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta)).map((plugin) => toRollupPlugin(plugin, "rollup", meta));
    return plugins.length === 1 ? plugins[0] : plugins;
  });
}
function toRollupPlugin(plugin, key, meta) {
  const nativeFilter = key === "rolldown";
  if (plugin.resolveId && !nativeFilter && typeof plugin.resolveId === "object" && plugin.resolveId.filter) {
    const resolveIdHook = plugin.resolveId;
    const { handler, filter } = normalizeObjectHook("resolveId", resolveIdHook);
    replaceHookHandler("resolveId", resolveIdHook, function(...args) {
      const [id, importer] = args;
      if (!supportNativeFilter(this, key, resolveIdHook) && !filter(id, importer)) return;
      return handler.apply(this, args);
    });
  }
  if (plugin.load && (plugin.loadInclude || !nativeFilter && typeof plugin.load === "object" && plugin.load.filter)) {
    const loadHook = plugin.load;
    const { handler, filter } = normalizeObjectHook("load", loadHook);
    replaceHookHandler("load", loadHook, function(...args) {
      const [id] = args;
      if (plugin.loadInclude && !plugin.loadInclude(id)) return;
      if (!supportNativeFilter(this, key, loadHook) && !filter(id)) return;
      return handler.apply(this, args);
    });
  }
  if (plugin.transform && (plugin.transformInclude || !nativeFilter && typeof plugin.transform === "object" && plugin.transform.filter)) {
    const transformHook = plugin.transform;
    const { handler, filter } = normalizeObjectHook("transform", transformHook);
    replaceHookHandler("transform", transformHook, function(...args) {
      const [code, id] = args;
      if (plugin.transformInclude && !plugin.transformInclude(id)) return;
      if (!supportNativeFilter(this, key, transformHook) && !filter(id, code)) return;
      return handler.apply(this, args);
    });
  }
  if (plugin[key]) Object.assign(plugin, plugin[key]);
  const buildStartHook = plugin.buildStart;
  const buildStartHandler = typeof buildStartHook === "object" ? buildStartHook?.handler : buildStartHook;
  replaceHookHandler("buildStart", buildStartHook, function(...args) {
    const versions = { unplugin: version$1 };
    const viteVersion = this?.meta?.viteVersion;
    if (viteVersion) versions.vite = viteVersion;
    const rollupVersion = this?.meta?.rollupVersion;
    if (rollupVersion) versions.rollup = rollupVersion;
    const rolldownVersion = this?.meta?.rolldownVersion;
    if (rolldownVersion) versions.rolldown = rolldownVersion;
    const unloaderVersion = this?.meta?.unloaderVersion;
    if (unloaderVersion) versions.unloader = unloaderVersion;
    meta.versions = versions;
    return buildStartHandler?.apply(this, args);
  });
  return plugin;
  function replaceHookHandler(name, hook, handler) {
    if (typeof hook === "object") hook.handler = handler;
    else plugin[name] = handler;
  }
}
function supportNativeFilter(context, framework, hook) {
  if (typeof hook === "object" && Array.isArray(hook.filter)) return framework === "rolldown";
  if (framework === "vite") return !!context?.meta?.viteVersion;
  if (framework === "rolldown") return true;
  const rollupVersion = context?.meta?.rollupVersion;
  if (!rollupVersion) return false;
  const [major, minor] = rollupVersion.split(".");
  return Number(major) > 4 || Number(major) === 4 && Number(minor) >= 40;
}
function getRolldownPlugin(factory) {
  return ((userOptions) => {
    const meta = {
      framework: "rolldown",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta)).map((rawPlugin) => {
      return toRollupPlugin(rawPlugin, "rolldown", meta);
    });
    return plugins.length === 1 ? plugins[0] : plugins;
  });
}
var TRANSFORM_LOADER$1 = resolve6(import.meta.dirname, "rspack/loaders/transform.mjs");
var LOAD_LOADER$1 = resolve6(import.meta.dirname, "rspack/loaders/load.mjs");
function getRspackVersion(compiler) {
  return compiler.rspack.rspackVersion ?? compiler.rspack.version;
}
function getRspackPlugin(factory) {
  return (userOptions) => {
    return { apply(compiler) {
      const meta = {
        framework: "rspack",
        versions: {
          rspack: getRspackVersion(compiler),
          unplugin: version$1
        },
        rspack: { compiler }
      };
      applyRspackPlugins(compiler, toArray(factory(userOptions, meta)), meta);
    } };
  };
}
function getRspackPluginFromRaw(rawPlugins, meta) {
  return { apply(compiler) {
    applyRspackPlugins(compiler, rawPlugins, meta);
  } };
}
function applyRspackPlugins(compiler, rawPlugins, meta) {
  const VIRTUAL_MODULE_PREFIX = resolve6(compiler.options.context ?? process.cwd(), "node_modules/.virtual", compiler.rspack.experiments.VirtualModulesPlugin ? "" : process.pid.toString());
  meta.versions = {
    ...meta.versions,
    rspack: getRspackVersion(compiler),
    unplugin: meta.versions.unplugin ?? version$1
  };
  if (meta.framework === "rspack") meta.rspack.compiler = compiler;
  for (const rawPlugin of rawPlugins) {
    const plugin = Object.assign({}, rawPlugin, {
      __unpluginMeta: meta,
      __virtualModulePrefix: VIRTUAL_MODULE_PREFIX
    });
    const externalModules = /* @__PURE__ */ new Set();
    if (plugin.resolveId) {
      let cachedResolveId;
      const vfs = compiler.rspack.experiments.VirtualModulesPlugin ? new compiler.rspack.experiments.VirtualModulesPlugin() : new FakeVirtualModulesPlugin(plugin);
      vfs.apply(compiler);
      const vfsModules = /* @__PURE__ */ new Map();
      plugin.__vfsModules = vfsModules;
      plugin.__vfs = vfs;
      compiler.hooks.compilation.tap(plugin.name, (compilation, { normalModuleFactory }) => {
        normalModuleFactory.hooks.resolve.tapPromise(plugin.name, async (resolveData) => {
          const id = normalizeAbsolutePath(resolveData.request);
          const requestContext = resolveData.contextInfo;
          let importer = requestContext.issuer !== "" ? requestContext.issuer : void 0;
          const isEntry = requestContext.issuer === "";
          if (importer?.startsWith(plugin.__virtualModulePrefix)) importer = decodeURIComponent(importer.slice(plugin.__virtualModulePrefix.length));
          const context = createBuildContext(compiler, compilation);
          let error;
          const pluginContext = {
            error(msg) {
              if (error == null) error = normalizeMessage(msg);
              else console.error(`unplugin/rspack: multiple errors returned from resolveId hook: ${msg}`);
            },
            warn(msg) {
              console.warn(`unplugin/rspack: warning from resolveId hook: ${msg}`);
            }
          };
          const hook = plugin.resolveId;
          const cwd = process.cwd();
          let handler;
          if (cachedResolveId?.hook === hook && cachedResolveId.cwd === cwd) handler = typeof hook === "function" ? hook : hook.handler;
          else {
            const normalized = normalizeObjectHook("resolveId", hook);
            handler = normalized.handler;
            cachedResolveId = {
              hook,
              cwd,
              filter: normalized.filter
            };
          }
          const { filter } = cachedResolveId;
          if (!filter(id, importer)) return;
          const resolveIdResult = await handler.call({
            ...context,
            ...pluginContext
          }, id, importer, { isEntry });
          if (error != null) throw error;
          if (resolveIdResult == null) return;
          let resolved = typeof resolveIdResult === "string" ? resolveIdResult : resolveIdResult.id;
          if (typeof resolveIdResult === "string" ? false : resolveIdResult.external === true) externalModules.add(resolved);
          let isVirtual = true;
          try {
            (compiler.inputFileSystem?.statSync ?? fs2.statSync)(resolved);
            isVirtual = false;
          } catch {
            isVirtual = !isVirtualModuleId(resolved, plugin);
          }
          if (isVirtual) {
            const encodedVirtualPath = encodeVirtualModuleId(resolved, plugin);
            if (!vfsModules.has(resolved)) {
              const fsPromise = Promise.resolve(vfs.writeModule(encodedVirtualPath, ""));
              vfsModules.set(resolved, fsPromise);
              await fsPromise;
            } else await vfsModules.get(resolved);
            resolved = encodedVirtualPath;
          }
          resolveData.request = resolved;
        });
      });
    }
    if (plugin.load) {
      const filter = createCachedIdFilter(() => plugin.load);
      compiler.options.module.rules.unshift({
        enforce: plugin.enforce,
        include(id) {
          if (isVirtualModuleId(id, plugin)) id = decodeVirtualModuleId(id, plugin);
          if (plugin.loadInclude && !plugin.loadInclude(id)) return false;
          if (!filter(id)) return false;
          return !externalModules.has(id);
        },
        use: [{
          loader: LOAD_LOADER$1,
          options: { plugin }
        }],
        type: "javascript/auto"
      });
    }
    if (plugin.transform) {
      const filter = createCachedIdFilter(() => plugin.transform);
      compiler.options.module.rules.unshift({
        enforce: plugin.enforce,
        use(data) {
          return transformUse(data, plugin, TRANSFORM_LOADER$1, filter);
        }
      });
    }
    if (meta.framework === "rspack" && plugin.rspack) plugin.rspack(compiler);
    if (plugin.watchChange || plugin.buildStart) compiler.hooks.make.tapPromise(plugin.name, async (compilation) => {
      const context = createBuildContext(compiler, compilation);
      if (plugin.watchChange && (compiler.modifiedFiles || compiler.removedFiles)) {
        const promises = [];
        if (compiler.modifiedFiles) compiler.modifiedFiles.forEach((file) => promises.push(Promise.resolve(plugin.watchChange.call(context, file, { event: "update" }))));
        if (compiler.removedFiles) compiler.removedFiles.forEach((file) => promises.push(Promise.resolve(plugin.watchChange.call(context, file, { event: "delete" }))));
        await Promise.all(promises);
      }
      if (plugin.buildStart) return await plugin.buildStart.call(context);
    });
    if (plugin.buildEnd) compiler.hooks.thisCompilation.tap(plugin.name, (compilation) => {
      compilation.hooks.processAssets.tapPromise({
        name: plugin.name,
        stage: compiler.rspack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL
      }, async () => {
        await plugin.buildEnd.call(createBuildContext(compiler, compilation));
      });
    });
    if (plugin.writeBundle) compiler.hooks.afterEmit.tapPromise(plugin.name, async () => {
      await plugin.writeBundle();
    });
  }
}
function getRsbuildPlugin(factory) {
  return (userOptions) => {
    const meta = {
      framework: "rsbuild",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta)).map((rawPlugin) => toRsbuildPlugin(rawPlugin, meta));
    return plugins.length === 1 ? plugins[0] : plugins;
  };
}
function toRsbuildPlugin(rawPlugin, meta) {
  const rsbuildOptions = rawPlugin.rsbuild;
  return {
    ...rsbuildOptions,
    name: rsbuildOptions?.name ?? rawPlugin.name,
    enforce: rsbuildOptions?.enforce ?? rawPlugin.enforce,
    async setup(api) {
      meta.versions = {
        ...meta.versions,
        rsbuild: api.context.version,
        unplugin: meta.versions.unplugin ?? version$1
      };
      api.modifyRspackConfig((config) => {
        config.plugins.push(getRspackPluginFromRaw([rawPlugin], meta));
      });
      await rsbuildOptions?.setup?.(api);
    }
  };
}
function getUnloaderPlugin(factory) {
  return ((userOptions) => {
    const meta = {
      framework: "unloader",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta)).map((rawPlugin) => {
      return toRollupPlugin(rawPlugin, "unloader", meta);
    });
    return plugins.length === 1 ? plugins[0] : plugins;
  });
}
function getVitePlugin(factory) {
  return ((userOptions) => {
    const meta = {
      framework: "vite",
      versions: { unplugin: version$1 }
    };
    const plugins = toArray(factory(userOptions, meta)).map((rawPlugin) => {
      return toRollupPlugin(rawPlugin, "vite", meta);
    });
    return plugins.length === 1 ? plugins[0] : plugins;
  });
}
var TRANSFORM_LOADER = resolve6(import.meta.dirname, "webpack/loaders/transform.mjs");
var LOAD_LOADER = resolve6(import.meta.dirname, "webpack/loaders/load.mjs");
function virtualInputFileSystem(compiler) {
  let input = compiler.inputFileSystem;
  while (input?._inputFileSystem) input = input._inputFileSystem;
  return input;
}
function ensureVirtualModule(plugin, compiler, file) {
  if (!file || !plugin.__vfs) return;
  const resource = normalizeAbsolutePath(file.split("?")[0].split("#")[0]);
  if (!resource.startsWith(plugin.__virtualModulePrefix)) return;
  if (fs2.existsSync(resource)) return;
  const input = virtualInputFileSystem(compiler);
  if (input?._virtualFiles && Object.hasOwn(input._virtualFiles, resource)) return;
  plugin.__vfs.writeModule(resource, "");
  if (plugin.__vfsModules instanceof Set) plugin.__vfsModules.add(resource);
}
function getWebpackPlugin(factory) {
  return (userOptions) => {
    const VirtualModulesPlugin = __require("webpack-virtual-modules");
    return { apply(compiler) {
      const VIRTUAL_MODULE_PREFIX = resolve6(compiler.options.context ?? process$1.cwd(), "_virtual_");
      const meta = {
        framework: "webpack",
        versions: {
          webpack: compiler.webpack?.version,
          unplugin: version$1
        },
        webpack: { compiler }
      };
      const rawPlugins = toArray(factory(userOptions, meta));
      for (const rawPlugin of rawPlugins) {
        const plugin = Object.assign(rawPlugin, {
          __unpluginMeta: meta,
          __virtualModulePrefix: VIRTUAL_MODULE_PREFIX
        });
        const externalModules = /* @__PURE__ */ new Set();
        if (plugin.resolveId) {
          let cachedResolveId;
          let vfs = compiler.options.plugins.find((i) => i instanceof VirtualModulesPlugin);
          if (!vfs) {
            vfs = new VirtualModulesPlugin();
            compiler.options.plugins.push(vfs);
          }
          plugin.__vfsModules = /* @__PURE__ */ new Set();
          plugin.__vfs = vfs;
          compiler.hooks.compilation.tap(plugin.name, (compilation) => {
            compilation.hooks.buildModule.tap(plugin.name, (module) => {
              ensureVirtualModule(plugin, compiler, module.resource);
            });
          });
          const resolverPlugin2 = { apply(resolver2) {
            const target = resolver2.ensureHook("resolve");
            resolver2.getHook("resolve").tapAsync(plugin.name, async (request, resolveContext, callback) => {
              if (!request.request) return callback();
              if (normalizeAbsolutePath(request.request).startsWith(plugin.__virtualModulePrefix)) return callback();
              try {
                const id = normalizeAbsolutePath(request.request);
                const requestContext = request.context;
                let importer = requestContext.issuer !== "" ? requestContext.issuer : void 0;
                const isEntry = requestContext.issuer === "";
                if (importer?.startsWith(plugin.__virtualModulePrefix)) importer = decodeURIComponent(importer.slice(plugin.__virtualModulePrefix.length));
                const fileDependencies = /* @__PURE__ */ new Set();
                const context = createBuildContext2({
                  addWatchFile(file) {
                    fileDependencies.add(file);
                    resolveContext.fileDependencies?.add(file);
                  },
                  getWatchFiles() {
                    return Array.from(fileDependencies);
                  }
                }, compiler);
                let error;
                const pluginContext = {
                  error(msg) {
                    if (error == null) error = normalizeMessage2(msg);
                    else console.error(`unplugin/webpack: multiple errors returned from resolveId hook: ${msg}`);
                  },
                  warn(msg) {
                    console.warn(`unplugin/webpack: warning from resolveId hook: ${msg}`);
                  }
                };
                const hook = plugin.resolveId;
                const cwd = process$1.cwd();
                let handler;
                if (cachedResolveId?.hook === hook && cachedResolveId.cwd === cwd) handler = typeof hook === "function" ? hook : hook.handler;
                else {
                  const normalized = normalizeObjectHook("resolveId", hook);
                  handler = normalized.handler;
                  cachedResolveId = {
                    hook,
                    cwd,
                    filter: normalized.filter
                  };
                }
                const { filter } = cachedResolveId;
                if (!filter(id, importer)) return callback();
                const resolveIdResult = await handler.call({
                  ...context,
                  ...pluginContext
                }, id, importer, { isEntry });
                if (error != null) return callback(error);
                if (resolveIdResult == null) return callback();
                let resolved = typeof resolveIdResult === "string" ? resolveIdResult : resolveIdResult.id;
                if (typeof resolveIdResult === "string" ? false : resolveIdResult.external === true) externalModules.add(resolved);
                if (!fs2.existsSync(resolved)) {
                  resolved = normalizeAbsolutePath(plugin.__virtualModulePrefix + encodeURIComponent(resolved));
                  ensureVirtualModule(plugin, compiler, resolved);
                }
                const newRequest = {
                  ...request,
                  request: resolved
                };
                resolver2.doResolve(target, newRequest, null, resolveContext, callback);
              } catch (error) {
                callback(error instanceof Error ? error : new Error(String(error)));
              }
            });
          } };
          compiler.options.resolve.plugins = compiler.options.resolve.plugins || [];
          compiler.options.resolve.plugins.push(resolverPlugin2);
        }
        if (plugin.load) {
          const filter = createCachedIdFilter(() => plugin.load);
          compiler.options.module.rules.unshift({
            include(id) {
              return shouldLoad(id, plugin, externalModules, filter);
            },
            enforce: plugin.enforce,
            use: [{
              loader: LOAD_LOADER,
              options: { plugin }
            }],
            type: "javascript/auto"
          });
        }
        if (plugin.transform) {
          const filter = createCachedIdFilter(() => plugin.transform);
          compiler.options.module.rules.unshift({
            enforce: plugin.enforce,
            use(data) {
              return transformUse(data, plugin, TRANSFORM_LOADER, filter);
            }
          });
        }
        if (plugin.webpack) plugin.webpack(compiler);
        if (plugin.watchChange || plugin.buildStart) compiler.hooks.make.tapPromise(plugin.name, async (compilation) => {
          const context = createBuildContext2(contextOptionsFromCompilation(compilation), compiler, compilation);
          if (plugin.watchChange && (compiler.modifiedFiles || compiler.removedFiles)) {
            const promises = [];
            if (compiler.modifiedFiles) compiler.modifiedFiles.forEach((file) => promises.push(Promise.resolve(plugin.watchChange.call(context, file, { event: "update" }))));
            if (compiler.removedFiles) compiler.removedFiles.forEach((file) => promises.push(Promise.resolve(plugin.watchChange.call(context, file, { event: "delete" }))));
            await Promise.all(promises);
          }
          if (plugin.buildStart) return await plugin.buildStart.call(context);
        });
        if (plugin.buildEnd) {
          const processAssetsStage = compiler.webpack?.Compilation?.PROCESS_ASSETS_STAGE_ADDITIONAL;
          if (processAssetsStage == null) compiler.hooks.emit.tapPromise(plugin.name, async (compilation) => {
            await plugin.buildEnd.call(createBuildContext2(contextOptionsFromCompilation(compilation), compiler, compilation));
          });
          else compiler.hooks.thisCompilation.tap(plugin.name, (compilation) => {
            compilation.hooks.processAssets.tapPromise({
              name: plugin.name,
              stage: processAssetsStage
            }, async () => {
              await plugin.buildEnd.call(createBuildContext2(contextOptionsFromCompilation(compilation), compiler, compilation));
            });
          });
        }
        if (plugin.writeBundle) compiler.hooks.afterEmit.tapPromise(plugin.name, async () => {
          await plugin.writeBundle();
        });
      }
    } };
  };
}
function shouldLoad(id, plugin, externalModules, filter) {
  if (id.startsWith(plugin.__virtualModulePrefix)) id = decodeURIComponent(id.slice(plugin.__virtualModulePrefix.length));
  if (plugin.loadInclude && !plugin.loadInclude(id)) return false;
  if (!filter(id)) return false;
  return !externalModules.has(id);
}
function createUnplugin(factory) {
  return {
    get esbuild() {
      return getEsbuildPlugin(factory);
    },
    get rollup() {
      return getRollupPlugin(factory);
    },
    get vite() {
      return getVitePlugin(factory);
    },
    get rolldown() {
      return getRolldownPlugin(factory);
    },
    get webpack() {
      return getWebpackPlugin(factory);
    },
    get rspack() {
      return getRspackPlugin(factory);
    },
    get rsbuild() {
      return getRsbuildPlugin(factory);
    },
    get farm() {
      return getFarmPlugin(factory);
    },
    get unloader() {
      return getUnloaderPlugin(factory);
    },
    get bun() {
      return getBunPlugin(factory);
    },
    get raw() {
      return factory;
    }
  };
}

// packages/unplugin/src/index.ts
var DEFAULT_INCLUDE = [/\.(?:ts|tsx|mts|js|mjs)(?:\?.*)?$/];
var DEFAULT_EXCLUDE = [/[\\/]node_modules[\\/]/];
var ASYNC_CODE_FILTER = /\basync\b/;
function diagnosticText(d) {
  const code = typeof d.code === "number" ? `TSP${d.code}` : d.code;
  return `${code ? `${code}: ` : ""}${d.message}${d.fix ? ` (fix: ${d.fix})` : ""}`;
}
function runtimeRoot() {
  try {
    const entry = createRequire3(import.meta.url).resolve("@tspoll/runtime");
    return path2.dirname(path2.dirname(entry)) + path2.sep;
  } catch {
    return void 0;
  }
}
function toArray2(p) {
  if (p === void 0 || p === null) return [];
  return Array.isArray(p) ? [...p] : [p];
}
function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function resolveFilters(options) {
  const include = options.include === void 0 ? DEFAULT_INCLUDE : toArray2(options.include);
  const exclude = options.exclude === void 0 ? [...DEFAULT_EXCLUDE] : toArray2(options.exclude);
  exclude.push(/[\\/]@tspoll[\\/]runtime[\\/]/);
  const root = runtimeRoot();
  if (root) {
    exclude.push(new RegExp("^" + escapeRegExp(root.split(path2.sep).join("/"))));
  }
  return { include, exclude };
}
var unplugin = createUnplugin(
  (rawOptions) => {
    const options = rawOptions ?? {};
    const { include, exclude } = resolveFilters(options);
    return {
      name: "tspoll",
      enforce: "pre",
      // esbuild calls into JS for every file its onLoad filter matches: keep it to source files.
      esbuild: { onLoadFilter: /\.(?:[cm]?[jt]sx?)$/ },
      transform: {
        filter: { id: { include, exclude }, code: ASYNC_CODE_FILTER },
        handler(code, id) {
          const file = id.replace(/[?#].*$/, "");
          const result = transformSource(code, file, {
            runtimeModule: options.runtimeModule,
            moduleKind: "auto",
            sourceMap: options.sourceMap !== false
          });
          let failed = false;
          for (const d of result.diagnostics) {
            const message = {
              id: file,
              message: diagnosticText(d),
              loc: d.line !== void 0 ? { file: d.file ?? file, line: d.line, column: Math.max(0, (d.column ?? 1) - 1) } : void 0,
              // Rollup's RollupError / esbuild's Message both carry the code along.
              code: String(d.code)
            };
            if (d.severity === "warning" || d.severity === "info") this.warn(message);
            else {
              failed = true;
              this.error(message);
            }
          }
          if (failed || !result.changed) return null;
          return { code: result.code, map: result.map };
        }
      }
    };
  }
);

// packages/unplugin/src/esbuild.ts
var esbuild_default = unplugin.esbuild;

// packages/cli/src/errors.ts
var EXIT_OK = 0;
var EXIT_ERRORS = 1;
var EXIT_USAGE = 2;
var CliError = class extends Error {
  constructor(message, exitCode = EXIT_ERRORS, lines = []) {
    super(message);
    this.exitCode = exitCode;
    this.lines = lines;
  }
  exitCode;
  lines;
};
var UsageError = class extends CliError {
  constructor(message, command) {
    super(message, EXIT_USAGE);
    this.command = command;
  }
  command;
};

// packages/cli/src/io.ts
import { readFileSync, statSync } from "node:fs";
import path3 from "node:path";
function readInput(file) {
  const abs = path3.resolve(file);
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new CliError(`cannot find file '${file}'`, EXIT_USAGE);
  }
  if (!st.isFile()) throw new CliError(`'${file}' is not a file`, EXIT_USAGE);
  try {
    return { path: abs, code: readFileSync(abs, "utf8") };
  } catch (e) {
    throw new CliError(`cannot read '${file}': ${e.code ?? String(e)}`, EXIT_USAGE);
  }
}
function displayPath(file) {
  const rel = path3.relative(process.cwd(), file);
  return rel && !rel.startsWith("..") && !path3.isAbsolute(rel) ? rel : file;
}
function formatLocated(file, line, col2, severity, text) {
  const where = file ? `${displayPath(file)}${line !== void 0 ? `:${line}:${col2 ?? 1}` : ""} - ` : "";
  return `${where}${severity}${/^[A-Z]+\d+:/.test(text) ? " " : ": "}${text}`;
}

// packages/cli/src/build.ts
var CLI_DIR = path4.resolve(path4.dirname(fileURLToPath2(import.meta.url)), "..");
var RUNTIME_RE = /^@tspoll\/runtime(?:\/.*)?$/;
var BARE_RE = /^[^./]/;
var NOT_PACKAGE_RE = /^(?:[a-zA-Z]:|[a-z]+:)/;
function resolverPlugin(opts) {
  return {
    name: "tspoll-resolve",
    setup(build3) {
      const again = { tspollResolving: true };
      build3.onResolve({ filter: BARE_RE }, async (args) => {
        if (args.pluginData?.tspollResolving || NOT_PACKAGE_RE.test(args.path)) return void 0;
        const isRuntime = RUNTIME_RE.test(args.path);
        if (!isRuntime && !opts.externalPackages) return void 0;
        let r = await build3.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: again });
        if (r.errors.length && isRuntime) {
          r = await build3.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: CLI_DIR, pluginData: again });
        }
        if (r.errors.length) return { errors: r.errors };
        if (opts.externalPackages && !r.external) {
          return { path: pathToFileURL(r.path).href, external: true };
        }
        return r.external ? { path: r.path, external: true } : { path: r.path, sideEffects: r.sideEffects };
      });
    }
  };
}
function formatMessage(m, severity) {
  const loc = m.location;
  const text = m.text.replace(/^\[unplugin\] tspoll: /, "");
  return formatLocated(loc?.file ? path4.resolve(loc.file) : void 0, loc?.line, loc ? loc.column + 1 : void 0, severity, text);
}
function isBuildFailure(e) {
  return typeof e === "object" && e !== null && Array.isArray(e.errors);
}
async function bundle(opts) {
  const esm = opts.format === "esm";
  try {
    const result = await esbuild.build({
      entryPoints: [opts.entry],
      outfile: opts.outfile,
      bundle: true,
      platform: opts.platform,
      format: opts.format,
      target: opts.platform === "node" ? "node20" : "es2022",
      minify: !!opts.minify,
      sourcemap: opts.sourcemap,
      conditions: opts.conditions,
      logLevel: "silent",
      // CommonJS dependencies bundled into an ES module still call require() for built-ins.
      banner: opts.platform === "node" && esm ? { js: "import { createRequire as __tspollCreateRequire } from 'node:module'; const require = __tspollCreateRequire(import.meta.url);" } : void 0,
      plugins: [resolverPlugin(opts), esbuild_default()]
    });
    return { warnings: result.warnings.map((w) => formatMessage(w, "warning")) };
  } catch (e) {
    if (isBuildFailure(e)) {
      const lines = e.errors.map((m) => formatMessage(m, "error"));
      throw new CliError(`build failed with ${e.errors.length} error${e.errors.length === 1 ? "" : "s"}`, EXIT_ERRORS, lines);
    }
    throw e;
  }
}
function checkSyntax(code, file) {
  const ext = path4.extname(file).toLowerCase();
  const loader = ext === ".tsx" ? "tsx" : ext === ".jsx" ? "jsx" : /^\.[cm]?ts$/.test(ext) ? "ts" : "js";
  try {
    esbuild.transformSync(code, { loader, sourcefile: file, logLevel: "silent" });
  } catch (e) {
    if (isBuildFailure(e)) {
      throw new CliError(`syntax error in ${path4.basename(file)}`, EXIT_ERRORS, e.errors.map((m) => formatMessage({ ...m, location: m.location && { ...m.location, file } }, "error")));
    }
    throw e;
  }
}

// packages/cli/src/states.ts
function isExceptional(kind) {
  return /throw|catch|finally|reject|error|cancel|unwind/i.test(kind);
}
function col(loc) {
  return loc.col ?? loc.column;
}
function locText(loc, withFile) {
  if (!loc) return "";
  const c = col(loc);
  return `${withFile && loc.file ? `${displayPath(loc.file)}:` : ""}${loc.line}${c !== void 0 ? `:${c}` : ""}`;
}
function stateOf(m, ref) {
  return m.states.find((s) => s.id === ref) ?? m.states.find((s) => s.name === ref) ?? (typeof ref === "number" ? m.states[ref] : void 0);
}
function nameOf(m, ref) {
  return stateOf(m, ref)?.name ?? String(ref);
}
function oneLine(s, max = 60) {
  const t = s.replace(/\s+/g, " ").trim();
  return t.length > max ? t.slice(0, max - 1) + "\u2026" : t;
}
function selectMachines(machines, fn) {
  return fn === void 0 ? machines : machines.filter((m) => m.name === fn);
}
function toText(machines, generated) {
  const out = [];
  for (const m of machines) {
    out.push(`async function ${m.name} (${locText(m.loc, true)}): ${m.states.length} states, ${m.transitions.length} transitions`);
    out.push("  states:");
    const nameW = Math.max(...m.states.map((s) => s.name.length), 4);
    for (const s of m.states) {
      const parts = [`    ${String(s.id).padStart(2)} ${s.name.padEnd(nameW)}`];
      if (s.awaits) parts.push(`awaits ${oneLine(s.awaits)}`);
      if (s.loc) parts.push(`at ${locText(s.loc, false)}`);
      parts.push(`live: ${s.live.length ? s.live.join(", ") : "-"}`);
      out.push(parts.join("  "));
    }
    out.push("  transitions:");
    for (const t of m.transitions) {
      out.push(`    ${nameOf(m, t.from)} -> ${nameOf(m, t.to)}  [${t.kind}]${isExceptional(t.kind) ? "  (exceptional)" : ""}`);
    }
    out.push("");
  }
  if (generated !== void 0) {
    out.push("generated code:");
    out.push(generated.replace(/\n$/, ""));
  }
  return out.join("\n") + "\n";
}
function toJson(file, machines) {
  return JSON.stringify({ schemaVersion: STATES_SCHEMA_VERSION, file: displayPath(file), machines }, null, 2) + "\n";
}
function mermaidId(s) {
  return s.replace(/[^A-Za-z0-9_]/g, "_");
}
function mermaidLabel(s) {
  return oneLine(s, 50).replace(/[:;#]/g, " ").replace(/\s+/g, " ").trim();
}
function edgeLabel(m, t) {
  const to = stateOf(m, t.to);
  if (to?.awaits && !isExceptional(t.kind)) return to.awaits;
  return t.kind;
}
function toMermaid(machines) {
  const out = ["stateDiagram-v2"];
  const nested = machines.length > 1;
  for (const m of machines) {
    const ind = nested ? "        " : "    ";
    const id = (ref) => nested ? `${mermaidId(m.name)}_${mermaidId(nameOf(m, ref))}` : mermaidId(nameOf(m, ref));
    if (nested) out.push(`    state "${m.name}" as ${mermaidId(m.name)} {`);
    else out.push(`    %% async function ${m.name} (${locText(m.loc, true)})`);
    if (nested) for (const s of m.states) out.push(`${ind}state "${s.name}" as ${id(s.id)}`);
    const first = m.states[0];
    if (first) out.push(`${ind}[*] --> ${id(first.id)}`);
    for (const t of m.transitions) {
      const label = mermaidLabel(edgeLabel(m, t));
      out.push(`${ind}${id(t.from)} --> ${id(t.to)}${label ? `: ${label}` : ""}`);
    }
    const targets = new Set(m.transitions.map((t) => nameOf(m, t.from)));
    for (const s of m.states) if (!targets.has(s.name) && s !== first) out.push(`${ind}${id(s.id)} --> [*]`);
    for (const s of m.states) {
      if (!s.awaits) continue;
      const live = s.live.length ? ` (live ${s.live.join(", ")})` : "";
      out.push(`${ind}note right of ${id(s.id)}: ${mermaidLabel("awaits " + s.awaits)}${mermaidLabel(live) ? " " + mermaidLabel(live) : ""}`);
    }
    if (nested) out.push("    }");
  }
  return out.join("\n") + "\n";
}
function dotStr(s) {
  return '"' + s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n") + '"';
}
function toDot(machines) {
  const out = ["digraph tspoll {", "  rankdir=LR;", '  node [shape=box, style=rounded, fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];'];
  machines.forEach((m, i) => {
    const id = (ref) => dotStr(`m${i}_${nameOf(m, ref)}`);
    out.push(`  subgraph cluster_${i} {`);
    out.push(`    label=${dotStr(`async function ${m.name} (${locText(m.loc, true)})`)};`);
    out.push(`    m${i}_start [shape=point, label=""];`);
    for (const s of m.states) {
      const lines = [s.name];
      if (s.awaits) lines.push(`awaits ${oneLine(s.awaits, 40)}`);
      if (s.live.length) lines.push(`live: ${s.live.join(", ")}`);
      out.push(`    ${id(s.id)} [label=${dotStr(lines.join("\n"))}];`);
    }
    if (m.states[0]) out.push(`    m${i}_start -> ${id(m.states[0].id)};`);
    for (const t of m.transitions) {
      const ex = isExceptional(t.kind);
      out.push(`    ${id(t.from)} -> ${id(t.to)} [label=${dotStr(ex ? t.kind : oneLine(edgeLabel(m, t), 40))}${ex ? ", style=dashed, color=firebrick, fontcolor=firebrick" : ""}];`);
    }
    out.push("  }");
  });
  out.push("}");
  return out.join("\n") + "\n";
}

// packages/cli/src/index.ts
var VERSION = "0.1.0";
var HELP = {
  main: `tspoll ${VERSION}: lowers async functions into poll() state machines

Usage:
  tspoll build <entry> --outfile <file> [options]   bundle with the runtime included
  tspoll run <entry> [args...]                      build to a temp dir and run with Node
  tspoll transform <file> [-o <out>]                lower one file, no bundling
  tspoll --emit-states <file> [options]             show each async function's states

Run 'tspoll <command> --help' for a command's options.
Exit codes: 0 ok, 1 diagnostics or build errors, 2 usage errors.
`,
  build: `Usage: tspoll build <entry> --outfile <file> [options]

Bundles <entry> and everything it imports with esbuild, lowering async functions on the
way, and includes @tspoll/runtime.

Options:
  -o, --outfile <file>        output file (required)
      --platform node|browser default: node
      --format esm|cjs        default: esm (with --platform node: a runnable .mjs)
      --minify                minify the output
      --sourcemap             write <outfile>.map next to the output
  -h, --help                  show this help
`,
  run: `Usage: tspoll run [--keep] <entry> [args...]

Builds <entry> (lowered, runtime included) into a temporary directory and runs it with
Node (--enable-source-maps). Arguments after <entry> go to the program; the exit code is
the program's.

Options:
      --keep                  keep the temporary build and print its path
  -h, --help                  show this help
`,
  transform: `Usage: tspoll transform <file> [-o <out>] [options]

Lowers the async functions of one file (.ts, .tsx, .mts, .js, .mjs) without bundling:
imports, including the added runtime import, stay imports. TypeScript stays TypeScript.

Options:
  -o, --out <file>            write to <file> instead of stdout
      --runtime-module <id>   module the generated code imports (default @tspoll/runtime/abi)
      --module esm|cjs|auto   how to add the runtime import (default auto)
      --sourcemap             append an inline source map
  -h, --help                  show this help
`,
  "emit-states": `Usage: tspoll --emit-states <file> [--fn <name>] [--format text|json|mermaid|dot] [--out <file>]

For each async function in <file>: its states (name, the await it waits on, source
location, live locals) and transitions, including exceptional edges into catch/finally.

Options:
      --fn <name>             only this function
      --format <fmt>          text (default; also prints the generated code), json
                              (versioned schema), mermaid (stateDiagram-v2), dot
      --out <file>            write to <file>; .svg/.png are rendered with Graphviz dot
  -h, --help                  show this help
`
};
function parse4(command, args, options, allowPositionals = true) {
  try {
    const { values, positionals } = parseArgs({ args, options: { ...options, help: { type: "boolean", short: "h" } }, allowPositionals, strict: true });
    return { values, positionals };
  } catch (e) {
    const code = e.code;
    let msg = e.message.split("\n")[0];
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") {
      const opt = /'([^']+)'/.exec(msg)?.[1];
      msg = `unknown option '${opt ?? msg}'`;
    } else if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      msg = msg.replace(/^Option /, "option ");
    }
    throw new UsageError(msg, command);
  }
}
function oneOf(name, value, allowed, dflt, command) {
  if (value === void 0) return dflt;
  if (typeof value === "string" && allowed.includes(value)) return value;
  throw new UsageError(`--${name} must be one of ${allowed.join(", ")} (got '${value}')`, command);
}
function onePositional(command, positionals, what) {
  if (positionals.length === 0) throw new UsageError(`missing ${what}`, command);
  if (positionals.length > 1) throw new UsageError(`unexpected argument '${positionals[1]}'`, command);
  return positionals[0];
}
async function cmdBuild(args) {
  const { values, positionals } = parse4("build", args, {
    outfile: { type: "string", short: "o" },
    platform: { type: "string" },
    format: { type: "string" },
    minify: { type: "boolean" },
    sourcemap: { type: "boolean" }
  });
  if (values.help) return help("build");
  const entry = onePositional("build", positionals, "entry file");
  const outfile = values.outfile;
  if (!outfile) throw new UsageError("missing --outfile <file>", "build");
  const platform = oneOf("platform", values.platform, ["node", "browser"], "node", "build");
  const format = oneOf("format", values.format, ["esm", "cjs"], "esm", "build");
  const input = readInput(entry);
  const { warnings } = await bundle({ entry: input.path, outfile: path5.resolve(outfile), platform, format, minify: !!values.minify, sourcemap: !!values.sourcemap });
  for (const w of warnings) console.error(w);
  return EXIT_OK;
}
async function cmdRun(args) {
  let i = 0;
  while (i < args.length && args[i].startsWith("-") && args[i] !== "--") i++;
  const ours = args.slice(0, i);
  let rest = args.slice(i);
  if (rest[0] === "--") rest = rest.slice(1);
  const { values } = parse4("run", ours, { keep: { type: "boolean" } }, false);
  if (values.help) return help("run");
  const entry = rest[0];
  if (entry === void 0) throw new UsageError("missing entry file", "run");
  const input = readInput(entry);
  const dir = mkdtempSync(path5.join(tmpdir(), "tspoll-run-"));
  const outfile = path5.join(dir, path5.basename(input.path).replace(/\.[^.]*$/, "") + ".mjs");
  try {
    await bundle({ entry: input.path, outfile, platform: "node", format: "esm", sourcemap: "inline", externalPackages: true });
    if (values.keep) console.error(`tspoll: built ${outfile}`);
    return await runNode(outfile, rest.slice(1));
  } finally {
    if (!values.keep) rmSync(dir, { recursive: true, force: true });
  }
}
function runNode(file, args) {
  return new Promise((resolve7, reject) => {
    const child = spawn(process.execPath, ["--enable-source-maps", file, ...args], { stdio: "inherit" });
    const ignore = () => {
    };
    process.on("SIGINT", ignore);
    process.on("SIGTERM", ignore);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", ignore);
      process.off("SIGTERM", ignore);
      const signo = signal ? { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15 }[signal] ?? 1 : 0;
      resolve7(code ?? 128 + signo);
    });
  });
}
function diagLine(d, file) {
  const code = typeof d.code === "number" ? `TSP${d.code}` : d.code;
  return formatLocated(d.file ?? file, d.line, d.column, d.severity === "warning" ? "warning" : "error", `${code}: ${d.message}${d.fix ? ` (fix: ${d.fix})` : ""}`);
}
function lower(code, file, opts) {
  checkSyntax(code, file);
  const result = transformSource(code, file, opts);
  const diags = result.diagnostics;
  const errors = diags.filter((d) => d.severity !== "warning" && d.severity !== "info");
  for (const d of diags) if (!errors.includes(d)) console.error(diagLine(d, file));
  if (errors.length) throw new CliError(`${errors.length} error${errors.length === 1 ? "" : "s"} in ${displayPath(file)}`, EXIT_ERRORS, errors.map((d) => diagLine(d, file)));
  return result;
}
function writeOut(out, text) {
  if (out === void 0) {
    process.stdout.write(text);
    return;
  }
  try {
    mkdirSync(path5.dirname(path5.resolve(out)), { recursive: true });
    writeFileSync(out, text);
  } catch (e) {
    throw new CliError(`cannot write '${out}': ${e.code ?? String(e)}`);
  }
}
async function cmdTransform(args) {
  const { values, positionals } = parse4("transform", args, {
    out: { type: "string", short: "o" },
    "runtime-module": { type: "string" },
    module: { type: "string" },
    sourcemap: { type: "boolean" }
  });
  if (values.help) return help("transform");
  const file = onePositional("transform", positionals, "input file");
  const moduleKind = oneOf("module", values.module, ["esm", "cjs", "auto"], "auto", "transform");
  const input = readInput(file);
  const result = lower(input.code, input.path, { runtimeModule: values["runtime-module"], moduleKind, sourceMap: !!values.sourcemap });
  let code = result.code;
  if (values.sourcemap && result.map) {
    const map = result.map;
    const url = map.toUrl ? map.toUrl() : `data:application/json;charset=utf-8;base64,${Buffer.from(typeof map === "string" ? map : JSON.stringify(map)).toString("base64")}`;
    code = `${code.replace(/\n?$/, "\n")}//# sourceMappingURL=${url}
`;
  }
  writeOut(values.out, code);
  return EXIT_OK;
}
var GRAPHVIZ_MISSING = "Graphviz (dot) is not installed: install it (Debian/Ubuntu: apt-get install graphviz) or use --format dot|mermaid";
function renderWithDot(dot, out, kind) {
  const r = spawnSync("dot", [`-T${kind}`, "-o", out], { input: dot, encoding: "utf8" });
  if (r.error) {
    if (r.error.code === "ENOENT") throw new CliError(GRAPHVIZ_MISSING);
    throw new CliError(`cannot run Graphviz dot: ${r.error.message}`);
  }
  if (r.status !== 0) throw new CliError(`Graphviz dot failed: ${(r.stderr || "").trim().split("\n")[0]}`);
}
async function cmdEmitStates(args) {
  const { values, positionals } = parse4("emit-states", args, {
    "emit-states": { type: "boolean" },
    fn: { type: "string" },
    format: { type: "string" },
    out: { type: "string", short: "o" }
  });
  if (values.help) return help("emit-states");
  const file = onePositional("emit-states", positionals, "input file");
  const out = values.out;
  const render = out && /\.(svg|png)$/i.exec(out)?.[1].toLowerCase();
  const format = oneOf("format", values.format, ["text", "json", "mermaid", "dot"], render ? "dot" : "text", "emit-states");
  if (render && format !== "dot") throw new UsageError(`--out ${path5.extname(out)} renders with Graphviz: use --format dot or omit --format`, "emit-states");
  const input = readInput(file);
  const result = lower(input.code, input.path, { sourceMap: false });
  const all = (result.machines?.length ? result.machines : analyzeSource(input.code, input.path)) ?? [];
  const fn = values.fn;
  const machines = selectMachines(all, fn);
  if (fn !== void 0 && machines.length === 0) {
    const names = all.map((m) => m.name).join(", ");
    throw new CliError(`no async function named '${fn}' in ${displayPath(input.path)}${names ? ` (found: ${names})` : ""}`);
  }
  let text;
  switch (format) {
    case "json":
      text = toJson(input.path, machines);
      break;
    case "mermaid":
      text = toMermaid(machines);
      break;
    case "dot":
      text = toDot(machines);
      break;
    default:
      text = machines.length ? toText(machines, result.code) : `no async functions in ${displayPath(input.path)}
`;
  }
  if (render) renderWithDot(text, out, render);
  else writeOut(out, text);
  return EXIT_OK;
}
function help(command) {
  process.stdout.write(HELP[command] ?? HELP.main);
  return EXIT_OK;
}
var COMMANDS = {
  build: cmdBuild,
  run: cmdRun,
  transform: cmdTransform,
  "emit-states": cmdEmitStates
};
async function main(argv) {
  try {
    const [first, ...rest] = argv;
    if (first === void 0 || first === "--help" || first === "-h" || first === "help") {
      if (first === "help" && rest[0] && HELP[rest[0]]) return help(rest[0]);
      return help("main");
    }
    if (first === "--version" || first === "-v") {
      process.stdout.write(`${VERSION}
`);
      return EXIT_OK;
    }
    if (argv.includes("--emit-states") && !COMMANDS[first]) return await cmdEmitStates(argv);
    const cmd = COMMANDS[first];
    if (!cmd) {
      throw new UsageError(first.startsWith("-") ? `unknown option '${first}'` : `unknown command '${first}'`);
    }
    return await cmd(rest);
  } catch (e) {
    if (e instanceof CliError) {
      for (const line of e.lines) console.error(line);
      const hint = e instanceof UsageError ? ` (see 'tspoll ${e.command ? e.command + " " : ""}--help')` : "";
      console.error(`tspoll: error: ${e.message}${hint}`);
      return e.exitCode;
    }
    throw e;
  }
}
export {
  CliError,
  EXIT_ERRORS,
  EXIT_OK,
  EXIT_USAGE,
  GRAPHVIZ_MISSING,
  STATES_SCHEMA_VERSION,
  UsageError,
  bundle,
  main,
  toDot,
  toJson,
  toMermaid,
  toText
};
