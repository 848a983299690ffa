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
    const set = new Map<string, Tree>();
    try {
      parseTemplate(x.name, x.text, set, has);
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(`failed to parse helper template ${x.name}: ${e.message}`, x.name, e.line);
      throw e;
    }
    addTrees(templates, set);
  }
  const set = new Map<string, Tree>();
  try {
    parseTemplate(name, text, set, has);
  } catch (e) {
    toTemplateError(e);
  }
  addTrees(templates, set);
  const main = templates.get(name)!;
  return State.execute(main, { missingKey: opts.missingKey, funcs, templates }, data);
}
