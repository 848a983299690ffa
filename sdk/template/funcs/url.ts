/** sprig urlParse / urlJoin over a port of Go's net/url Parse and URL.String. */
import { isIPv4, isIPv6 } from "node:net";
import { fail } from "../errors";
import { f, FuncMap } from "../exec/types";
import { goQuote } from "../format/quote";
import { GoMap, GoValue } from "../value";
import { kindName } from "./equal";

enum Enc {
  Path = 1,
  PathSegment = 2,
  Host = 4,
  Zone = 8,
  UserPassword = 16,
  QueryComponent = 32,
  Fragment = 64,
}

function shouldEscape(c: number, mode: Enc): boolean {
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return false;
  const ch = String.fromCharCode(c);
  if ((mode === Enc.Host || mode === Enc.Zone) && "!$&'()*+,;=:[]<>\"".includes(ch)) return false;
  if ("-_.~".includes(ch)) return false;
  if ("$&+,/:;=?@".includes(ch)) {
    switch (mode) {
      case Enc.Path:
        return ch === "?";
      case Enc.PathSegment:
        return ch === "/" || ch === ";" || ch === "," || ch === "?";
      case Enc.UserPassword:
        return ch === "@" || ch === "/" || ch === "?" || ch === ":";
      case Enc.QueryComponent:
        return true;
      case Enc.Fragment:
        return false;
    }
  }
  if (mode === Enc.Fragment && "!()*".includes(ch)) return false;
  return true;
}

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const unhex = (c: number) => (c <= 57 ? c - 48 : c <= 70 ? c - 55 : c - 87);

class UrlError extends Error {}

function unescape(str: string, mode: Enc): string {
  const s = Buffer.from(str, "utf8");
  let n = 0;
  let hasPlus = false;
  for (let i = 0; i < s.length; ) {
    const c = s[i];
    if (c === 37) {
      n++;
      if (i + 2 >= s.length || !isHex(s[i + 1]) || !isHex(s[i + 2])) {
        let rest = s.subarray(i);
        if (rest.length > 3) rest = rest.subarray(0, 3);
        throw new UrlError(`invalid URL escape ${goQuote(rest.toString("latin1"))}`);
      }
      const esc = s.subarray(i, i + 3).toString("latin1");
      if (mode === Enc.Host && unhex(s[i + 1]) < 8 && esc !== "%25") throw new UrlError(`invalid URL escape ${goQuote(esc)}`);
      if (mode === Enc.Zone) {
        const v = (unhex(s[i + 1]) << 4) | unhex(s[i + 2]);
        if (esc !== "%25" && v !== 32 && shouldEscape(v, Enc.Host)) throw new UrlError(`invalid URL escape ${goQuote(esc)}`);
      }
      i += 3;
    } else if (c === 43) {
      hasPlus = mode === Enc.QueryComponent;
      i++;
    } else {
      if ((mode === Enc.Host || mode === Enc.Zone) && c < 0x80 && shouldEscape(c, mode)) {
        throw new UrlError(`invalid character ${goQuote(String.fromCharCode(c))} in host name`);
      }
      i++;
    }
  }
  if (n === 0 && !hasPlus) return str;
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === 37) {
      out.push((unhex(s[i + 1]) << 4) | unhex(s[i + 2]));
      i += 2;
    } else if (s[i] === 43) out.push(mode === Enc.QueryComponent ? 32 : 43);
    else out.push(s[i]);
  }
  return Buffer.from(out).toString("utf8");
}

function escape(str: string, mode: Enc): string {
  let out = "";
  for (const c of Buffer.from(str, "utf8")) {
    if (c === 32 && mode === Enc.QueryComponent) out += "+";
    else if (shouldEscape(c, mode)) out += "%" + c.toString(16).toUpperCase().padStart(2, "0");
    else out += String.fromCharCode(c);
  }
  return out;
}

function validOptionalPort(port: string): boolean {
  if (port === "") return true;
  if (port[0] !== ":") return false;
  return /^[0-9]*$/.test(port.slice(1));
}

function validUserinfo(s: string): boolean {
  return /^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(s);
}

interface Url {
  scheme: string;
  opaque: string;
  user: { username: string; password: string | null } | null;
  host: string;
  path: string;
  rawPath: string;
  omitHost: boolean;
  forceQuery: boolean;
  rawQuery: string;
  fragment: string;
  rawFragment: string;
}

function parseHost(scheme: string, host: string): string {
  const open = host.lastIndexOf("[");
  if (open > 0) throw new UrlError("invalid IP-literal");
  if (open === 0) {
    const close = host.lastIndexOf("]");
    if (close < 0) throw new UrlError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
    const unescapedColonPort = unescape(colonPort, Enc.Host);
    const hostname = host.slice(1, close);
    const zoneIdx = hostname.indexOf("%25");
    const unescapedHostname =
      zoneIdx >= 0 ? unescape(hostname.slice(0, zoneIdx), Enc.Host) + unescape(hostname.slice(zoneIdx), Enc.Zone) : unescape(hostname, Enc.Host);
    if (isIPv4(unescapedHostname)) throw new UrlError("invalid IP-literal");
    if (!isIPv6(unescapedHostname)) throw new UrlError(`invalid host: ParseAddr(${goQuote(unescapedHostname)}): unable to parse IP`);
    return "[" + unescapedHostname + "]" + unescapedColonPort;
  }
  const i = host.indexOf(":");
  if (i !== -1) {
    let at = i;
    const last = host.lastIndexOf(":");
    if (last !== i && scheme !== "http" && scheme !== "https") at = last;
    const colonPort = host.slice(at);
    if (!validOptionalPort(colonPort)) throw new UrlError(`invalid port ${goQuote(colonPort)} after host`);
  }
  return unescape(host, Enc.Host);
}

function getScheme(raw: string): [string, string] {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return ["", raw];
      continue;
    }
    if (c === ":") {
      if (i === 0) throw new UrlError("missing protocol scheme");
      return [raw.slice(0, i), raw.slice(i + 1)];
    }
    return ["", raw];
  }
  return ["", raw];
}

function parse(rawURL: string): Url {
  const hash = rawURL.indexOf("#");
  const u0 = hash >= 0 ? rawURL.slice(0, hash) : rawURL;
  const frag = hash >= 0 ? rawURL.slice(hash + 1) : "";
  const wrap = (input: string, fn: () => void) => {
    try {
      fn();
    } catch (e) {
      if (e instanceof UrlError) fail(`unable to parse url: parse ${goQuote(input)}: ${e.message}`);
      throw e;
    }
  };
  const u: Url = { scheme: "", opaque: "", user: null, host: "", path: "", rawPath: "", omitHost: false, forceQuery: false, rawQuery: "", fragment: "", rawFragment: "" };
  wrap(u0, () => {
    if (/[\x00-\x1f\x7f]/.test(u0)) throw new UrlError("net/url: invalid control character in URL");
    if (u0 === "*") {
      u.path = "*";
      return;
    }
    let rest: string;
    [u.scheme, rest] = getScheme(u0);
    u.scheme = u.scheme.toLowerCase();
    if (rest.endsWith("?") && rest.split("?").length === 2) {
      u.forceQuery = true;
      rest = rest.slice(0, -1);
    } else {
      const q = rest.indexOf("?");
      if (q >= 0) {
        u.rawQuery = rest.slice(q + 1);
        rest = rest.slice(0, q);
      }
    }
    if (!rest.startsWith("/")) {
      if (u.scheme !== "") {
        u.opaque = rest;
        return;
      }
      const segment = rest.split("/")[0];
      if (segment.includes(":")) throw new UrlError("first path segment in URL cannot contain colon");
    }
    if ((u.scheme !== "" || !rest.startsWith("///")) && rest.startsWith("//")) {
      let authority = rest.slice(2);
      rest = "";
      const i = authority.indexOf("/");
      if (i >= 0) {
        rest = authority.slice(i);
        authority = authority.slice(0, i);
      }
      const at = authority.lastIndexOf("@");
      u.host = parseHost(u.scheme, at < 0 ? authority : authority.slice(at + 1));
      if (at >= 0) {
        const userinfo = authority.slice(0, at);
        if (!validUserinfo(userinfo)) throw new UrlError("net/url: invalid userinfo");
        const c = userinfo.indexOf(":");
        if (c < 0) u.user = { username: unescape(userinfo, Enc.UserPassword), password: null };
        else u.user = { username: unescape(userinfo.slice(0, c), Enc.UserPassword), password: unescape(userinfo.slice(c + 1), Enc.UserPassword) };
      }
    } else if (u.scheme !== "" && rest.startsWith("/")) u.omitHost = true;
    u.path = unescape(rest, Enc.Path);
    u.rawPath = escape(u.path, Enc.Path) === rest ? "" : rest;
  });
  if (frag !== "") {
    wrap(rawURL, () => {
      u.fragment = unescape(frag, Enc.Fragment);
      u.rawFragment = escape(u.fragment, Enc.Fragment) === frag ? "" : frag;
    });
  }
  return u;
}

function validEncoded(s: string, mode: Enc): boolean {
  for (const c of Buffer.from(s, "utf8")) {
    if ("!$&'()*+,;=:@[]%".includes(String.fromCharCode(c))) continue;
    if (shouldEscape(c, mode)) return false;
  }
  return true;
}

function escapedPath(u: Url): string {
  if (u.rawPath !== "" && validEncoded(u.rawPath, Enc.Path)) {
    try {
      if (unescape(u.rawPath, Enc.Path) === u.path) return u.rawPath;
    } catch {
      /* fall through */
    }
  }
  if (u.path === "*") return "*";
  return escape(u.path, Enc.Path);
}

function userString(user: Url["user"]): string {
  if (!user) return "";
  let s = escape(user.username, Enc.UserPassword);
  if (user.password !== null) s += ":" + escape(user.password, Enc.UserPassword);
  return s;
}

function urlString(u: Url): string {
  let buf = "";
  if (u.scheme !== "") buf += u.scheme + ":";
  if (u.opaque !== "") buf += u.opaque;
  else {
    if (u.scheme !== "" || u.host !== "" || u.user !== null) {
      if (!(u.omitHost && u.host === "" && u.user === null)) {
        if (u.host !== "" || u.path !== "" || u.user !== null) buf += "//";
        if (u.user) buf += userString(u.user) + "@";
        if (u.host !== "") buf += escape(u.host, Enc.Host);
      }
    }
    const path = escapedPath(u);
    if (path !== "" && path[0] !== "/" && u.host !== "") buf += "/";
    if (buf.length === 0 && path.split("/")[0].includes(":")) buf += "./";
    buf += path;
  }
  if (u.forceQuery || u.rawQuery !== "") buf += "?" + u.rawQuery;
  if (u.fragment !== "") {
    let ef = escape(u.fragment, Enc.Fragment);
    if (u.rawFragment !== "" && validEncoded(u.rawFragment, Enc.Fragment)) {
      try {
        if (unescape(u.rawFragment, Enc.Fragment) === u.fragment) ef = u.rawFragment;
      } catch {
        /* keep escaped */
      }
    }
    buf += "#" + ef;
  }
  return buf;
}

function hostname(host: string): string {
  let h = host;
  const colon = h.lastIndexOf(":");
  if (colon !== -1 && validOptionalPort(h.slice(colon))) h = h.slice(0, colon);
  if (h.startsWith("[") && h.endsWith("]")) h = h.slice(1, -1);
  return h;
}

function dictGetOrEmpty(d: GoMap | null, key: string): string {
  if (d === null || !Object.prototype.hasOwnProperty.call(d, key)) return "";
  const v = d[key];
  if (typeof v !== "string") {
    if (v === null || v === undefined) fail("runtime error: invalid memory address or nil pointer dereference");
    fail(`unable to parse ${key} key, must be of type string, but ${kindName(v)} found`);
  }
  return v;
}

export function urlFuncs(): FuncMap {
  const m: FuncMap = new Map();
  m.set("urlParse", f(["string"], (v: string): GoValue => {
    const u = parse(v);
    return {
      scheme: u.scheme,
      host: u.host,
      hostname: hostname(u.host),
      path: u.path,
      query: u.rawQuery,
      opaque: u.opaque,
      fragment: u.fragment,
      userinfo: userString(u.user),
    };
  }));
  m.set("urlJoin", f(["map"], (d: GoMap | null) => {
    const u: Url = {
      scheme: dictGetOrEmpty(d, "scheme"),
      host: dictGetOrEmpty(d, "host"),
      path: dictGetOrEmpty(d, "path"),
      rawQuery: dictGetOrEmpty(d, "query"),
      opaque: dictGetOrEmpty(d, "opaque"),
      fragment: dictGetOrEmpty(d, "fragment"),
      user: null,
      rawPath: "",
      omitHost: false,
      forceQuery: false,
      rawFragment: "",
    };
    const userinfo = dictGetOrEmpty(d, "userinfo");
    if (userinfo !== "") {
      let tmp: Url;
      try {
        tmp = parse(`proto://${userinfo}@host`);
      } catch (e) {
        fail(`unable to parse userinfo in dict: ${(e as Error).message.replace(/^unable to parse url: /, "")}`);
      }
      u.user = tmp.user;
    }
    return urlString(u);
  }));
  return m;
}
