/** Parsing a template set and executing it: the glue between parser, executor and function maps. */
import { TemplateError } from "./errors";
import { State } from "./exec/exec";
import { CallContext, FuncMap } from "./exec/types";
import { ParseError, Tree, parseTemplate } from "./parse/parser";
import { isEmptyTree } from "./parse/ast";
import { GoValue } from "./value";
import { goQuote } from "./format/quote";

export interface EngineOptions {
  missingKey: "default" | "zero" | "error";
  extraTemplates: { name: string; text: string }[];
  /** Builds the function map; receives the call context for include/tpl. */
  makeFuncs: (ctx: CallContext) => FuncMap;
}

/** The name of the base template helmfile creates (`template.New("stringTemplate")`). */
export const BASE_TEMPLATE = "stringTemplate";

function addTrees(all: Map<string, Tree>, fresh: Map<string, Tree>): void {
  for (const [name, tree] of fresh) {
    const old = all.get(name);
    if (old && old.root && isEmptyTree(tree.root)) continue;
    all.set(name, tree);
  }
}

const PARSE_CACHE_MAX = 256;
/** text → template name → trees (keyed by the text string itself so V8 reuses its cached hash). */
const parseCache = new Map<string, Map<string, Map<string, Tree>>>();

/** Drops cached parse trees (parsing is pure, so the cache only trades memory for speed). */
export function clearParseCache(): void {
  parseCache.clear();
}

/** parse.Parse with a cache: the same (name, text) always yields the same immutable trees. */
function parseCached(name: string, text: string, has: (n: string) => boolean): Map<string, Tree> {
  let byName = parseCache.get(text);
  let set = byName?.get(name);
  if (!set) {
    set = new Map<string, Tree>();
    parseTemplate(name, text, set, has);
    if (!byName) {
      if (parseCache.size >= PARSE_CACHE_MAX) parseCache.delete(parseCache.keys().next().value!);
      byName = new Map();
      parseCache.set(text, byName);
    }
    byName.set(name, set);
  }
  return set;
}

function toTemplateError(e: unknown): never {
  if (e instanceof ParseError) throw new TemplateError(e.message, e.templateName, e.line);
  throw e;
}

/** Renders `text` (named `name`) with helper templates, following text/template's Template.New(...).Parse semantics. */
export function render(name: string, text: string, data: GoValue, opts: EngineOptions): string {
  const templates = new Map<string, Tree>();
  const included = new Map<string, number>();
  const ctx: CallContext = {
    renderText: (t, d) => render(BASE_TEMPLATE, t, d, opts),
    executeTemplate: (tname, d) => {
      const v = included.get(tname);
      if (v !== undefined) {
        if (v > 1000) throw new Error(`rendering template has a nested reference name: ${tname}: unable to execute template`);
        included.set(tname, v + 1);
      } else included.set(tname, 1);
      try {
        const t = templates.get(tname);
        if (!t) throw new Error(`template: no template ${goQuote(tname)} associated with template ${goQuote(BASE_TEMPLATE)}`);
        return State.execute(t, { missingKey: opts.missingKey, funcs, templates }, d);
      } finally {
        included.set(tname, included.get(tname)! - 1);
      }
    },
  };
  const funcs = opts.makeFuncs(ctx);
  const has = (n: string) => funcs.has(n);
  for (const x of opts.extraTemplates) {
    let set: Map<string, Tree>;
    try {
      set = parseCached(x.name, x.text, has);
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(`failed to parse helper template ${x.name}: ${e.message}`, x.name, e.line);
      throw e;
    }
    addTrees(templates, set);
  }
  let set: Map<string, Tree> = new Map();
  try {
    set = parseCached(name, text, has);
  } catch (e) {
    toTemplateError(e);
  }
  addTrees(templates, set);
  const main = templates.get(name)!;
  return State.execute(main, { missingKey: opts.missingKey, funcs, templates }, data);
}
