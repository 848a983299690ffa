/**
 * sprig regex functions over Go RE2 semantics. Patterns are translated to JS RegExp; RE2 constructs JS lacks (or
 * interprets differently) are rejected with a clear error, and Perl constructs RE2 rejects fail like Go does.
 */
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { typed } from "../value";

const POSIX: Record<string, string> = {
  alnum: "0-9A-Za-z",
  alpha: "A-Za-z",
  ascii: "\\x00-\\x7F",
  blank: "\\t ",
  cntrl: "\\x00-\\x1F\\x7F",
  digit: "0-9",
  graph: "!-~",
  lower: "a-z",
  print: " -~",
  punct: "!-\\/:-@\\[-`{-~",
  space: "\\t\\n\\v\\f\\r ",
  upper: "A-Z",
  word: "0-9A-Za-z_",
  xdigit: "0-9A-Fa-f",
};

class Unsupported extends Error {}

interface Compiled {
  re: RegExp;
}

const cache = new Map<string, Compiled | Error>();

function goParseError(code: string, arg: string): Error {
  return new Error(`error parsing regexp: ${code}: \`${arg}\``);
}

/** Translate an RE2 pattern to a JS RegExp source + flags. Throws Go-shaped errors or Unsupported. */
function translate(src: string): { source: string; flags: string } {
  let flags = "";
  let i = 0;
  let out = "";
  let needU = false;
  // leading flag group (?i) (?s) (?m) (?is) …
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    for (const c of lead[1]) {
      if (c === "U") throw new Unsupported("ungreedy flag (?U)");
      if (!flags.includes(c)) flags += c;
    }
    i = lead[0].length;
  }
  let inClass = false;
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === "\\") {
      const n = src[i + 1];
      if (n === undefined) throw goParseError("trailing backslash at end of expression", "");
      if (/[1-9]/.test(n)) throw goParseError("invalid escape sequence", "\\" + n);
      if (n === "Q") throw new Unsupported("\\Q...\\E quoting");
      if (n === "A") {
        out += inClass ? "A" : "^";
        if (flags.includes("m")) throw new Unsupported("\\A with (?m)");
        i += 2;
        continue;
      }
      if (n === "z") {
        if (flags.includes("m")) throw new Unsupported("\\z with (?m)");
        out += "$(?![\\s\\S])";
        i += 2;
        continue;
      }
      if (n === "s") {
        out += inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]";
        i += 2;
        continue;
      }
      if (n === "S") {
        if (inClass) throw new Unsupported("\\S inside a character class");
        out += "[^\\t\\n\\f\\r ]";
        i += 2;
        continue;
      }
      if (n === "p" || n === "P") {
        needU = true;
        if (src[i + 2] === "{") {
          const end = src.indexOf("}", i);
          out += src.slice(i, end + 1);
          i = end + 1;
        } else {
          out += `\\${n}{${src[i + 2]}}`;
          i += 3;
        }
        continue;
      }
      if (n === "C") throw new Unsupported("\\C");
      if (/[dDwWbBtnrfv.\\+*?()|[\]{}^$\-/]/.test(n) || (n === "a") || n === "x" || /[0]/.test(n)) {
        if (n === "a") out += "\\x07";
        else if (n === "x" && src[i + 2] === "{") {
          const end = src.indexOf("}", i);
          out += "\\u{" + src.slice(i + 3, end) + "}";
          needU = true;
          i = end + 1;
          continue;
        } else if (n === "0") {
          const m = /^[0-7]{1,3}/.exec(src.slice(i + 1));
          out += "\\x" + parseInt(m![0], 8).toString(16).padStart(2, "0");
          i += 1 + m![0].length;
          continue;
        } else out += "\\" + n;
        i += 2;
        continue;
      }
      if (/[A-Za-z0-9]/.test(n)) throw goParseError("invalid escape sequence", "\\" + n);
      out += "\\" + n;
      i += 2;
      continue;
    }
    if (inClass) {
      if (c === "[" && src[i + 1] === ":") {
        const end = src.indexOf(":]", i + 2);
        if (end > 0) {
          let name = src.slice(i + 2, end);
          if (name.startsWith("^")) throw new Unsupported("negated POSIX class [[:^...:]]");
          const cls = POSIX[name];
          if (!cls) throw goParseError("invalid character class range", `[:${name}:]`);
          out += cls;
          i = end + 2;
          name = "";
          continue;
        }
      }
      if (c === "]") inClass = false;
      if (c === "[") out += "\\[";
      else out += c;
      i++;
      continue;
    }
    if (c === "[") {
      inClass = true;
      out += c;
      i++;
      if (src[i] === "^") {
        out += "^";
        i++;
      }
      if (src[i] === "]") {
        out += "\\]";
        i++;
      }
      continue;
    }
    if (c === "(") {
      depth++;
      if (src[i + 1] === "?") {
        const rest = src.slice(i + 2);
        if (rest.startsWith("P<")) {
          out += "(?<";
          i += 4;
          continue;
        }
        if (rest.startsWith("<") && !rest.startsWith("<=") && !rest.startsWith("<!")) {
          out += "(?<";
          i += 3;
          continue;
        }
        if (rest.startsWith(":")) {
          out += "(?:";
          i += 3;
          continue;
        }
        if (/^(=|!|<=|<!)/.test(rest)) throw goParseError("invalid or unsupported Perl syntax", "(?" + rest.match(/^(<=|<!|=|!)/)![0]);
        throw new Unsupported("inline flag groups other than a leading (?flags)");
      }
      out += c;
      i++;
      continue;
    }
    if (c === ")") depth--;
    if (c === "{") {
      // Go treats a brace that does not start a valid repeat as a literal
      const m = /^\{(\d+)(,(\d*))?\}/.exec(src.slice(i));
      if (!m) {
        out += "\\{";
        i++;
        continue;
      }
      if (parseInt(m[1], 10) > 1000 || (m[3] && parseInt(m[3], 10) > 1000)) throw goParseError("invalid repeat count", m[0]);
      out += m[0];
      i += m[0].length;
      continue;
    }
    if (c === "}") {
      out += "\\}";
      i++;
      continue;
    }
    if (c === "$" && !flags.includes("m")) {
      out += "$(?![\\s\\S])";
      i++;
      continue;
    }
    out += c;
    i++;
  }
  if (inClass) throw goParseError("missing closing ]", src.slice(src.lastIndexOf("[")));
  if (depth > 0) throw goParseError("missing closing )", src);
  if (depth < 0) throw goParseError("unexpected )", src);
  if (flags.includes("m") && flags.includes("s")) {
    /* fine */
  }
  return { source: out, flags: flags + (needU ? "u" : "") };
}

/** regexp.Compile. Throws a FuncError with Go's message for invalid patterns, or a clear "unsupported" error. */
export function compile(pattern: string): RegExp {
  let c = cache.get(pattern);
  if (!c) {
    try {
      const t = translate(pattern);
      c = { re: new RegExp(t.source, t.flags + "g") };
    } catch (e) {
      if (e instanceof Unsupported) c = new Error(`regular expression ${JSON.stringify(pattern)} uses ${e.message}, which this engine cannot evaluate like Go's RE2`);
      else if (e instanceof globalThis.SyntaxError) c = new Error(`error parsing regexp: ${e.message}`);
      else c = e as Error;
    }
    cache.set(pattern, c);
  }
  if (c instanceof Error) fail(c.message);
  return c.re;
}

/** FindAllStringSubmatchIndex-style iteration with Go's empty-match rules. */
function findAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  let pos = 0;
  let prevEnd = -1;
  while (pos <= s.length && (n < 0 || out.length < n)) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (m[0].length === 0 && start === prevEnd) accept = false;
    if (accept) {
      out.push(m);
      prevEnd = end;
    }
    if (end > pos) pos = end;
    else {
      const cp = s.codePointAt(pos);
      pos += cp !== undefined && cp > 0xffff ? 2 : 1;
    }
    if (!accept) continue;
  }
  return out;
}

/** Regexp.expand for ReplaceAllString templates ($1, ${1}, $name, ${name}, $$). */
function expandTemplate(tpl: string, m: RegExpExecArray): string {
  let out = "";
  let i = 0;
  while (i < tpl.length) {
    const c = tpl[i];
    if (c !== "$") {
      out += c;
      i++;
      continue;
    }
    i++;
    if (tpl[i] === "$") {
      out += "$";
      i++;
      continue;
    }
    let name: string | null = null;
    if (tpl[i] === "{") {
      const end = tpl.indexOf("}", i);
      const cand = end < 0 ? "" : tpl.slice(i + 1, end);
      if (end >= 0 && /^[A-Za-z0-9_]+$/.test(cand)) {
        name = cand;
        i = end + 1;
      }
    } else {
      const mm = /^[A-Za-z0-9_]+/.exec(tpl.slice(i));
      if (mm) {
        name = mm[0];
        i += name.length;
      }
    }
    if (name === null) {
      out += "$";
      continue;
    }
    if (/^\d+$/.test(name)) {
      const idx = parseInt(name, 10);
      if (idx < m.length && m[idx] !== undefined) out += m[idx];
    } else if (m.groups && m.groups[name] !== undefined) out += m.groups[name];
  }
  return out;
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = "";
  let last = 0;
  for (const m of findAll(re, s, -1)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function split(re: RegExp, pattern: string, s: string, n: number): string[] {
  if (n === 0) return [];
  if (pattern.length > 0 && s.length === 0) return [""];
  const matches = findAll(re, s, n);
  const strs: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && strs.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) strs.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) strs.push(s.slice(beg));
  return strs;
}

export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

export function regexFuncs(): FuncMap {
  const m: FuncMap = new Map();
  const mustCompile = (p: string) => {
    try {
      return compile(p);
    } catch (e) {
      fail(`regexp: Compile(${"`" + p + "`"}): ${(e as Error).message}`);
    }
  };
  m.set("regexMatch", f(["string", "string"], (p: string, s: string) => {
    let re: RegExp;
    try {
      re = compile(p);
    } catch (e) {
      if (/this engine cannot/.test((e as Error).message)) throw e;
      return false;
    }
    re.lastIndex = 0;
    return re.test(s);
  }));
  m.set("mustRegexMatch", f(["string", "string"], (p: string, s: string) => {
    const re = compile(p);
    re.lastIndex = 0;
    return re.test(s);
  }));
  const both = (name: string, params: ("string" | "int")[], body: (re: RegExp, p: string, ...a: (string | number)[]) => unknown) => {
    m.set(name, f(params, (p: string, ...a: (string | number)[]) => body(mustCompile(p), p, ...a) as never));
    const must = "must" + name[0].toUpperCase() + name.slice(1);
    m.set(must, f(params, (p: string, ...a: (string | number)[]) => body(compile(p), p, ...a) as never));
  };
  both("regexFindAll", ["string", "string", "int"], (re, _p, s, n) => typed(findAll(re, s as string, n as number).map((x) => x[0]), "string"));
  both("regexFind", ["string", "string"], (re, _p, s) => findAll(re, s as string, 1).map((x) => x[0])[0] ?? "");
  both("regexReplaceAll", ["string", "string", "string"], (re, _p, s, r) => replaceAll(re, s as string, (x) => expandTemplate(r as string, x)));
  both("regexReplaceAllLiteral", ["string", "string", "string"], (re, _p, s, r) => replaceAll(re, s as string, () => r as string));
  both("regexSplit", ["string", "string", "int"], (re, p, s, n) => typed(split(re, p, s as string, n as number), "string"));
  m.set("regexQuoteMeta", f(["string"], quoteMeta));
  return m;
}
