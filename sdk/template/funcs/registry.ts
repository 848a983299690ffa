/** The complete function map: text/template builtins, sprig v3 TxtFuncMap, then helmfile's functions and aliases. */
import { CallContext, FuncMap } from "../exec/types";
import { builtins } from "./builtins";
import { cryptoFuncs } from "./crypto";
import { dateFuncs } from "./dates";
import { defaultFuncs } from "./defaults";
import { dictFuncs } from "./dicts";
import { envFuncs } from "./env";
import { HelmfileEnv, helmfileFuncs } from "./helmfile";
import { listFuncs } from "./lists";
import { mathFuncs } from "./math";
import { pathFuncs } from "./paths";
import { randomStringFuncs } from "./random-strings";
import { regexFuncs } from "./regex";
import { semverFuncs } from "./semver";
import { stringFuncs } from "./strings";
import { unsupportedFuncs } from "./unsupported";
import { urlFuncs } from "./url";
import { certFuncs } from "./certs";
import { xstringsFuncs } from "./xstrings";

let sprigCache: FuncMap | null = null;

/** sprig's TxtFuncMap minus env-dependent entries (stateless, so built once). */
function sprig(): FuncMap {
  if (!sprigCache) {
    sprigCache = new Map();
    for (const part of [
      stringFuncs(),
      listFuncs(),
      dictFuncs(),
      mathFuncs(),
      defaultFuncs(),
      pathFuncs(),
      regexFuncs(),
      cryptoFuncs(),
      randomStringFuncs(),
      semverFuncs(),
      dateFuncs(),
      xstringsFuncs(),
      urlFuncs(),
      certFuncs(),
      unsupportedFuncs(),
    ]) {
      for (const [k, v] of part) sprigCache.set(k, v);
    }
  }
  return sprigCache;
}

let builtinCache: FuncMap | null = null;

export function allFuncs(ctx: CallContext, h: HelmfileEnv): FuncMap {
  builtinCache ??= builtins();
  const m: FuncMap = new Map(builtinCache);
  for (const [k, v] of sprig()) m.set(k, v);
  for (const [k, v] of envFuncs(h.env)) m.set(k, v);
  m.set("sprigGet", m.get("get")!);
  for (const [k, v] of helmfileFuncs(ctx, h)) m.set(k, v);
  return m;
}
