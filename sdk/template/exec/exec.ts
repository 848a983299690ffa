/** The executor: a port of text/template/exec.go over the JS value model (see value.ts). */
import * as A from "../parse/ast";
import type { Tree } from "../parse/parser";
import { TemplateError, FuncError } from "../errors";
import { formatV } from "../format/printf";
import { goQuote } from "../format/quote";
import { elemType, GoFloat, GoMap, GoObject, GoValue, kindOf, sortedKeys, typeName, isMap } from "../value";
import { FuncMap, GoFunc, ParamType, goTypeString } from "./types";
import { truth } from "./truth";

const MISSING = Symbol("missingVal");
type Final = GoValue | typeof MISSING;

const MAX_EXEC_DEPTH = 100000;

class BreakSignal {}
class ContinueSignal {}
const BREAK = new BreakSignal();
const CONTINUE = new ContinueSignal();

interface Variable {
  name: string;
  value: GoValue;
  iface: boolean;
}

/** Options for one execution. */
export interface ExecOptions {
  missingKey: "default" | "zero" | "error";
  funcs: FuncMap;
  templates: Map<string, Tree>;
}

function assignable(v: GoValue, t: ParamType): boolean {
  const k = kindOf(v);
  switch (t) {
    case "any":
    case "value":
      return true;
    case "string":
      return k === "string";
    case "int":
      return k === "int";
    case "int64":
      return k === "int64";
    case "float64":
      return k === "float64";
    case "bool":
      return k === "bool";
    case "map":
      return k === "map" && elemType(v as object) === "interface {}";
    case "strmap":
      return k === "map" && elemType(v as object) === "string";
    case "list":
      return k === "slice" && elemType(v as object) === "interface {}";
    case "strings":
      return k === "slice" && elemType(v as object) === "string";
    case "time":
      return v instanceof GoObject && v.goType === "time.Time";
    case "certificate":
      return v instanceof GoObject && v.goType === "sprig.certificate";
    case "uint32":
      return false; // no value of the model has a Go unsigned type; only untyped constants convert
  }
}

function canBeNil(t: ParamType): boolean {
  return t === "any" || t === "value" || t === "map" || t === "list" || t === "strings" || t === "strmap";
}

/** Go's typed "zero" for a nil-able parameter: nil map / nil slice are passed as null. */
function zeroFor(t: ParamType): GoValue {
  return t === "value" ? undefined : null;
}

export class State {
  private node: A.Node | null = null;
  private vars: Variable[];
  private out: string[] = [];
  private depth = 0;

  constructor(
    private tmpl: Tree,
    private opts: ExecOptions,
    dot: GoValue,
  ) {
    this.vars = [{ name: "$", value: dot, iface: false }];
  }

  static execute(tmpl: Tree, opts: ExecOptions, data: GoValue): string {
    if (data === null) data = undefined; // reflect.ValueOf(nil) is the invalid Value
    const s = new State(tmpl, opts, data);
    if (!tmpl.root) s.errorf(`${goQuote(tmpl.name)} is an incomplete or empty template`);
    s.walk(data, false, tmpl.root!);
    return s.out.join("");
  }

  errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new TemplateError(`template: ${name}: ${msg}`, this.tmpl.parseName);
    const ec = A.errorContext(this.node);
    throw new TemplateError(
      `template: ${ec.location}: executing ${goQuote(name)} at <${ec.context}>: ${msg}`,
      this.node.tree.parseName,
      ec.line,
      ec.col,
    );
  }

  private at(n: A.Node): void {
    this.node = n;
  }

  // --- variables
  private mark(): number {
    return this.vars.length;
  }
  private pop(m: number): void {
    this.vars.length = m;
  }
  private push(name: string, value: GoValue, iface: boolean): void {
    this.vars.push({ name, value, iface });
  }
  private setVar(name: string, value: GoValue, iface: boolean): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) {
        this.vars[i].value = value;
        this.vars[i].iface = iface;
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  private setTopVar(n: number, value: GoValue, iface: boolean): void {
    const v = this.vars[this.vars.length - n];
    v.value = value;
    v.iface = iface;
  }
  private varLookup(name: string): Variable {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i];
    this.errorf(`undefined variable: ${name}`);
  }

  // --- walking
  walk(dot: GoValue, dotIface: boolean, node: A.Node): void {
    this.at(node);
    switch (node.type) {
      case "action": {
        const val = this.evalPipeline(dot, dotIface, node.pipe);
        if (node.pipe.decl.length === 0) {
          this.at(node);
          this.out.push(val === undefined ? "<no value>" : typeof val === "string" ? val : formatV(val));
        }
        return;
      }
      case "break":
        throw BREAK;
      case "continue":
        throw CONTINUE;
      case "comment":
        return;
      case "if":
      case "with":
        return this.walkIfOrWith(node, dot, dotIface);
      case "list":
        for (const n of node.nodes) this.walk(dot, dotIface, n);
        return;
      case "range":
        return this.walkRange(dot, dotIface, node);
      case "template":
        return this.walkTemplate(dot, dotIface, node);
      case "text":
        this.out.push(node.text);
        return;
      default:
        this.errorf(`unknown node: ${A.nodeString(node)}`);
    }
  }

  private walkIfOrWith(node: A.BranchNode, dot: GoValue, dotIface: boolean): void {
    const m = this.mark();
    try {
      const val = this.evalPipeline(dot, dotIface, node.pipe);
      const t = truth(val);
      if (t === null) this.errorf(`if/with can't use ${formatV(val)}`);
      if (t) {
        if (node.type === "with") this.walk(val, false, node.list);
        else this.walk(dot, dotIface, node.list);
      } else if (node.elseList) this.walk(dot, dotIface, node.elseList);
    } finally {
      this.pop(m);
    }
  }

  private walkRange(dot: GoValue, dotIface: boolean, r: A.BranchNode): void {
    this.at(r);
    const outer = this.mark();
    try {
      const val = this.evalPipeline(dot, dotIface, r.pipe);
      const mark = this.mark();
      const decl = r.pipe.decl;
      const one = (index: GoValue, elem: GoValue, elemIface: boolean): boolean => {
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0].ident[0], index, false);
            else this.setVar(decl[0].ident[0], elem, elemIface);
          } else this.setTopVar(1, elem, elemIface);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem, elemIface);
          else this.setTopVar(2, index, false);
        }
        try {
          this.walk(elem, elemIface, r.list);
        } catch (e) {
          if (e === BREAK) return false;
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
        return true;
      };
      const k = kindOf(val);
      switch (k) {
        case "int":
        case "int64": {
          if (decl.length > 1) this.errorf(`can't use ${formatV(val)} to iterate over more than one variable`);
          const n = val as number | bigint;
          if (n <= 0) break;
          if (typeof n === "bigint") {
            for (let i = 0n; i < n; i++) if (!one(undefined, i, false)) break;
          } else {
            for (let i = 0; i < n; i++) if (!one(undefined, i, false)) break;
          }
          return;
        }
        case "slice": {
          const a = val as GoValue[];
          if (a.length === 0) break;
          for (let i = 0; i < a.length; i++) if (!one(i, a[i], true)) break;
          return;
        }
        case "map": {
          const m = val as GoMap;
          const keys = sortedKeys(m);
          if (keys.length === 0) break;
          for (const key of keys) if (!one(key, m[key], true)) break;
          return;
        }
        case "invalid":
        case "nil":
          break;
        default:
          this.errorf(`range can't iterate over ${formatV(val)}`);
      }
      if (r.elseList) this.walk(dot, dotIface, r.elseList);
    } finally {
      this.pop(outer);
    }
  }

  private walkTemplate(dot: GoValue, dotIface: boolean, t: A.TemplateNode): void {
    this.at(t);
    const tmpl = this.opts.templates.get(t.name);
    if (!tmpl || !tmpl.root) this.errorf(`template ${goQuote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    const newDot = t.pipe ? this.evalPipeline(dot, dotIface, t.pipe) : undefined;
    const saved = { tmpl: this.tmpl, vars: this.vars, depth: this.depth };
    this.tmpl = tmpl;
    this.vars = [{ name: "$", value: newDot, iface: false }];
    this.depth++;
    try {
      this.walk(newDot, false, tmpl.root);
    } finally {
      this.tmpl = saved.tmpl;
      this.vars = saved.vars;
      this.depth = saved.depth;
    }
  }

  // --- evaluation
  private evalPipeline(dot: GoValue, dotIface: boolean, pipe: A.PipeNode | null): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, dotIface, cmd, value);
      if (value === null) value = undefined; // interface unwrapping: nil interface → invalid
    }
    const v = value === MISSING ? undefined : value;
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0], v, false);
      else this.push(variable.ident[0], v, false);
    }
    return v;
  }

  private notAFunction(args: A.Node[], final: Final): void {
    if (args.length > 1 || final !== MISSING) this.errorf(`can't give argument to non-function ${A.nodeString(args[0])}`);
  }

  private evalCommand(dot: GoValue, dotIface: boolean, cmd: A.CommandNode, final: Final): GoValue {
    const first = cmd.args[0];
    switch (first.type) {
      case "field":
        return this.evalFieldNode(dot, dotIface, first, cmd.args, final)[0];
      case "chain":
        return this.evalChainNode(dot, dotIface, first, cmd.args, final)[0];
      case "identifier":
        return this.evalFunction(dot, dotIface, first, cmd, cmd.args, final);
      case "pipe":
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, dotIface, first);
      case "variable":
        return this.evalVariableNode(dot, dotIface, first, cmd.args, final)[0];
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case "bool":
        return first.value;
      case "dot":
        return dot;
      case "nil":
        this.errorf("nil is not a command");
      case "number":
        return this.idealConstant(first);
      case "string":
        return first.text;
    }
    this.errorf(`can't evaluate command ${goQuote(A.nodeString(first))}`);
  }

  private idealConstant(c: A.NumberNode): GoValue {
    this.at(c);
    const isHexInt = c.text.length > 2 && c.text[0] === "0" && (c.text[1] === "x" || c.text[1] === "X") && !/[pP]/.test(c.text);
    const isRune = c.text[0] === "'";
    if (c.isFloat && !isHexInt && !isRune && /[.eEpP]/.test(c.text)) {
      return Number.isSafeInteger(c.float64) ? new GoFloat(c.float64) : c.float64;
    }
    if (c.isInt) {
      if (c.int64 > BigInt(Number.MAX_SAFE_INTEGER) || c.int64 < -BigInt(Number.MAX_SAFE_INTEGER)) {
        this.errorf(`${c.text} is an integer beyond 2^53, which this engine cannot represent as int`);
      }
      return Number(c.int64);
    }
    if (c.isUint) this.errorf(`${c.text} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: GoValue, dotIface: boolean, field: A.FieldNode, args: A.Node[], final: Final): [GoValue, boolean] {
    this.at(field);
    return this.evalFieldChain(dot, dotIface, dot, dotIface, field, field.ident, args, final);
  }

  private evalChainNode(dot: GoValue, dotIface: boolean, chain: A.ChainNode, args: A.Node[], final: Final): [GoValue, boolean] {
    this.at(chain);
    if (chain.field.length === 0) this.errorf("internal error: no fields in evalChainNode");
    if (chain.node.type === "nil") this.errorf(`indirection through explicit nil in ${A.nodeString(chain)}`);
    const pipe = this.evalArg(dot, dotIface, "any", chain.node);
    return this.evalFieldChain(dot, dotIface, pipe, false, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: GoValue, dotIface: boolean, v: A.VariableNode, args: A.Node[] | null, final: Final): [GoValue, boolean] {
    this.at(v);
    const variable = this.varLookup(v.ident[0]);
    if (v.ident.length === 1) {
      this.notAFunction(args ?? [v], final);
      return [variable.value, variable.iface];
    }
    return this.evalFieldChain(dot, dotIface, variable.value, variable.iface, v, v.ident.slice(1), args, final);
  }

  private evalFieldChain(
    dot: GoValue,
    dotIface: boolean,
    receiver: GoValue,
    recvIface: boolean,
    node: A.Node,
    ident: string[],
    args: A.Node[] | null,
    final: Final,
  ): [GoValue, boolean] {
    const n = ident.length;
    let r: [GoValue, boolean] = [receiver, recvIface];
    for (let i = 0; i < n - 1; i++) r = this.evalField(ident[i], node, null, MISSING, r[0], r[1]);
    return this.evalField(ident[n - 1], node, args, final, r[0], r[1]);
  }

  private evalField(fieldName: string, node: A.Node, args: A.Node[] | null, final: Final, receiver: GoValue, recvIface: boolean): [GoValue, boolean] {
    if (receiver === undefined) {
      if (this.opts.missingKey === "error") this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return [undefined, false];
    }
    const typ = recvIface || receiver === null ? "interface {}" : typeName(receiver);
    if (receiver === null) this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver instanceof GoObject) {
      const method = receiver.goMethods()[fieldName];
      if (method) {
        const fn = method as unknown as GoFunc;
        return [this.evalCall(undefined, false, { params: fn.params, variadic: fn.variadic, fn: (...a: GoValue[]) => (method.fn as (...x: GoValue[]) => GoValue)(...a) }, node, fieldName, args, final), false];
      }
    }
    if (isMap(receiver)) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      if (Object.prototype.hasOwnProperty.call(receiver, fieldName)) {
        const v = receiver[fieldName];
        return [v === undefined ? null : v, true];
      }
      switch (this.opts.missingKey) {
        case "default":
          return [undefined, false];
        case "zero":
          return [elemType(receiver) === "string" ? "" : null, true];
        case "error":
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  private evalFunction(dot: GoValue, dotIface: boolean, node: A.IdentifierNode, cmd: A.Node, args: A.Node[] | null, final: Final): GoValue {
    this.at(node);
    const name = node.ident;
    const fn = this.opts.funcs.get(name);
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, dotIface, fn, cmd, name, args, final);
  }

  private evalCall(dot: GoValue, dotIface: boolean, fun: GoFunc, node: A.Node, name: string, argNodes: A.Node[] | null, final: Final): GoValue {
    const args = argNodes ? argNodes.slice(1) : [];
    let numIn = args.length;
    if (final !== MISSING) numIn++;
    const nParams = fun.params.length + (fun.variadic ? 1 : 0);
    let numFixed = args.length;
    if (fun.variadic) {
      numFixed = fun.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${numFixed} got ${args.length}`);
    } else if (numIn !== nParams) this.errorf(`wrong number of args for ${name}: want ${nParams} got ${numIn}`);

    if (name === "and" || name === "or") {
      let v: GoValue = undefined;
      for (const arg of args) {
        v = this.evalArg(dot, dotIface, "value", arg);
        if (truth(v) === (name === "or")) return v;
      }
      if (final !== MISSING) v = final;
      return v;
    }

    const argv: GoValue[] = [];
    let i = 0;
    for (; i < numFixed && i < args.length; i++) argv.push(this.evalArg(dot, dotIface, fun.params[i], args[i]));
    if (fun.variadic) for (; i < args.length; i++) argv.push(this.evalArg(dot, dotIface, fun.variadic, args[i]));
    if (final !== MISSING) {
      let t: ParamType;
      if (fun.variadic) t = numIn - 1 < numFixed ? fun.params[numIn - 1] : fun.variadic;
      else t = fun.params[fun.params.length - 1];
      argv.push(this.validateType(final, false, t));
    }
    if (name === "call") {
      const calleeName = args.length === 0 ? formatV(final) : A.nodeString(args[0]);
      this.at(node);
      const fnv = argv[0];
      if (fnv === undefined || fnv === null) this.errorf(`error calling call: call of nil`);
      this.errorf(`error calling call: non-function ${calleeName} of type ${typeName(fnv)}`);
    }
    try {
      return fun.fn(...argv);
    } catch (e) {
      if (e instanceof RangeError) throw e; // stack exhaustion: reported by renderTemplate
      if (e instanceof TemplateError) {
        // nested template execution (include/tpl): Go wraps it as the function's error
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      if (e instanceof FuncError || e instanceof Error) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  private validateType(value: GoValue, iface: boolean, t: ParamType): GoValue {
    if (value === undefined) {
      if (canBeNil(t)) return zeroFor(t);
      this.errorf(`invalid value; expected ${goTypeString(t)}`);
    }
    if (t === "value") return value;
    if (!assignable(value, t) || (value === null && t !== "any")) {
      const got = value === null ? "interface {}" : typeName(value);
      this.errorf(`wrong type for value; expected ${goTypeString(t)}; got ${got}`);
    }
    void iface;
    return value;
  }

  private evalArg(dot: GoValue, dotIface: boolean, t: ParamType, n: A.Node): GoValue {
    this.at(n);
    switch (n.type) {
      case "dot":
        return this.validateType(dot, dotIface, t);
      case "nil":
        if (canBeNil(t)) return zeroFor(t);
        this.errorf(`cannot assign nil to ${goTypeString(t)}`);
      case "field": {
        const [v, i] = this.evalFieldNode(dot, dotIface, n, [n], MISSING);
        return this.validateType(v, i, t);
      }
      case "variable": {
        const [v, i] = this.evalVariableNode(dot, dotIface, n, null, MISSING);
        return this.validateType(v, i, t);
      }
      case "pipe":
        return this.validateType(this.evalPipeline(dot, dotIface, n), false, t);
      case "identifier":
        return this.validateType(this.evalFunction(dot, dotIface, n, n, null, MISSING), false, t);
      case "chain": {
        const [v, i] = this.evalChainNode(dot, dotIface, n, [], MISSING);
        return this.validateType(v, i, t);
      }
    }
    switch (t) {
      case "bool":
        if (n.type === "bool") return n.value;
        this.errorf(`expected bool; found ${A.nodeString(n)}`);
      case "float64":
        if (n.type === "number" && n.isFloat) return Number.isSafeInteger(n.float64) ? new GoFloat(n.float64) : n.float64;
        this.errorf(`expected float; found ${A.nodeString(n)}`);
      case "int":
      case "int64":
        if (n.type === "number" && n.isInt) return t === "int64" ? n.int64 : Number(n.int64);
        this.errorf(`expected integer; found ${A.nodeString(n)}`);
      case "any":
      case "value":
        return this.evalEmptyInterface(dot, n);
      case "string":
        if (n.type === "string") return n.text;
        this.errorf(`expected string; found ${A.nodeString(n)}`);
      case "uint32":
        if (n.type === "number" && n.isUint) {
          if (n.uint64 > 0xffffffffn) this.errorf(`expected unsigned integer; found ${A.nodeString(n)}`);
          return Number(n.uint64);
        }
        this.errorf(`expected unsigned integer; found ${A.nodeString(n)}`);
    }
    this.errorf(`can't handle ${A.nodeString(n)} for arg of type ${goTypeString(t)}`);
  }

  private evalEmptyInterface(dot: GoValue, n: A.Node): GoValue {
    this.at(n);
    switch (n.type) {
      case "bool":
        return n.value;
      case "dot":
        return dot;
      case "number":
        return this.idealConstant(n);
      case "string":
        return n.text;
    }
    this.errorf(`can't handle assignment of ${A.nodeString(n)} to empty interface argument`);
  }
}

export { MISSING };
