/** Parser for Go text/template (port of text/template/parse/parse.go): same grammar, same error messages. */
import { goUnquote, unquoteChar } from "../format/quote";
import * as A from "./ast";
import { Item, ItemType, Lexer, itemString } from "./lexer";

/** A parse failure; message already in Go's "template: name:line: msg" form. */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly templateName: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** A parsed template. */
export interface Tree extends A.TreeRef {
  root: A.ListNode | null;
}

const MAX_STACK_DEPTH = 10000;

class TreeParser implements Tree {
  root: A.ListNode | null = null;
  text: string;
  private token: Item[] = [null!, null!, null!];
  private peekCount = 0;
  private vars: string[] = ["$"];
  private rangeDepth = 0;
  private actionLine = 0;
  private stackDepth = 0;

  constructor(
    public name: string,
    public parseName: string,
    text: string,
    private lex: Lexer,
    private treeSet: Map<string, Tree>,
    private hasFunction: (name: string) => boolean,
  ) {
    this.text = text;
  }

  // --- token plumbing
  next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  backup(): void {
    this.peekCount++;
  }
  backup2(t1: Item): void {
    this.token[1] = t1;
    this.peekCount = 2;
  }
  backup3(t2: Item, t1: Item): void {
    this.token[1] = t1;
    this.token[2] = t2;
    this.peekCount = 3;
  }
  peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  nextNonSpace(): Item {
    let t: Item;
    do t = this.next();
    while (t.typ === ItemType.Space);
    return t;
  }
  peekNonSpace(): Item {
    const t = this.nextNonSpace();
    this.backup();
    return t;
  }

  errorf(msg: string): never {
    this.root = null;
    const line = this.token[0]?.line ?? 0;
    throw new ParseError(`template: ${this.parseName}:${line}: ${msg}`, this.parseName, line);
  }
  expect(expected: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== expected) this.unexpected(t, context);
    return t;
  }
  expectOneOf(e1: ItemType, e2: ItemType, context: string): Item {
    const t = this.nextNonSpace();
    if (t.typ !== e1 && t.typ !== e2) this.unexpected(t, context);
    return t;
  }
  unexpected(token: Item, context: string): never {
    if (token.typ === ItemType.Error) {
      let extra = "";
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(" action")) extra = extra.slice(" in action".length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  // --- node constructors
  private base(pos: number) {
    return { pos, tree: this as A.TreeRef };
  }
  newList(pos: number): A.ListNode {
    return { type: "list", nodes: [], pos: pos, tree: this };
  }

  // --- grammar
  parse(): void {
    this.root = this.newList(this.peek().pos);
    while (this.peek().typ !== ItemType.EOF) {
      if (this.peek().typ === ItemType.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === ItemType.Define) {
          const newT = new TreeParser("definition", this.parseName, this.text, this.lex, this.treeSet, this.hasFunction);
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") this.errorf(`unexpected ${A.nodeString(n)}`);
      else this.root.nodes.push(n);
    }
  }

  add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || A.isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!A.isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${JSON.stringify(this.name)}`);
  }

  parseDefinition(): void {
    const context = "define clause";
    const name = this.expectOneOf(ItemType.String, ItemType.RawString, context);
    this.name = this.unquote(name.val);
    this.expect(ItemType.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== "end") this.errorf(`unexpected ${A.nodeString(end)} in ${context}`);
    this.add();
  }

  unquote(s: string): string {
    try {
      return goUnquote(s);
    } catch {
      this.errorf("invalid syntax");
    }
  }

  itemList(): [A.ListNode, A.Node] {
    const list = this.newList(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== ItemType.EOF) {
      const n = this.textOrAction();
      if (n.type === "end" || n.type === "else") return [list, n];
      list.nodes.push(n);
    }
    this.errorf("unexpected EOF");
  }

  textOrAction(): A.Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Text:
        return { type: "text", text: token.val, pos: token.pos, tree: this };
      case ItemType.LeftDelim: {
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case ItemType.Comment:
        return { type: "comment", text: token.val, pos: token.pos, tree: this };
      default:
        this.unexpected(token, "input");
    }
  }

  action(): A.Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Block:
        return this.blockControl();
      case ItemType.Break:
        return this.breakControl(token.pos, token.line, "break");
      case ItemType.Continue:
        return this.breakControl(token.pos, token.line, "continue");
      case ItemType.Else:
        return this.elseControl();
      case ItemType.End:
        return this.endControl();
      case ItemType.If:
        return this.branch("if");
      case ItemType.Range:
        return this.branch("range");
      case ItemType.Template:
        return this.templateControl();
      case ItemType.With:
        return this.branch("with");
    }
    this.backup();
    const t = this.peek();
    return { type: "action", line: t.line, pipe: this.pipeline("command", ItemType.RightDelim), pos: t.pos, tree: this };
  }

  breakControl(pos: number, line: number, kind: "break" | "continue"): A.Node {
    const token = this.nextNonSpace();
    if (token.typ !== ItemType.RightDelim) this.unexpected(token, `{{${kind}}}`);
    if (this.rangeDepth === 0) this.errorf(`{{${kind}}} outside {{range}}`);
    return { type: kind, line, pos: pos, tree: this };
  }

  pipeline(context: string, end: ItemType): A.PipeNode {
    const token = this.peekNonSpace();
    const pipe: A.PipeNode = { type: "pipe", line: token.line, isAssign: false, decl: [], cmds: [], pos: token.pos, tree: this };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === ItemType.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === ItemType.Assign || next.typ === ItemType.Declare) {
          pipe.isAssign = next.typ === ItemType.Assign;
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === ItemType.Char && next.val === ",") {
          this.nextNonSpace();
          pipe.decl.push(this.newVariable(v.pos, v.val));
          this.vars.push(v.val);
          if (context === "range" && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === ItemType.Variable || p === ItemType.RightDelim || p === ItemType.RightParen) continue decls;
            this.errorf("range can only initialize variables");
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === ItemType.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      switch (token.typ) {
        case end:
          this.checkPipeline(pipe, context);
          return pipe;
        case ItemType.Bool:
        case ItemType.CharConstant:
        case ItemType.Complex:
        case ItemType.Dot:
        case ItemType.Field:
        case ItemType.Identifier:
        case ItemType.Number:
        case ItemType.Nil:
        case ItemType.RawString:
        case ItemType.String:
        case ItemType.Variable:
        case ItemType.LeftParen:
          this.backup();
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(token, context);
      }
    }
  }

  checkPipeline(pipe: A.PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    pipe.cmds.slice(1).forEach((c, i) => {
      const t = c.args[0].type;
      if (t === "bool" || t === "dot" || t === "nil" || t === "number" || t === "string") {
        this.errorf(`non executable command in pipeline stage ${i + 2}`);
      }
    });
  }

  parseControl(context: "if" | "range" | "with"): [number, number, A.PipeNode, A.ListNode, A.ListNode | null] {
    const nvars = this.vars.length;
    try {
      const pipe = this.pipeline(context, ItemType.RightDelim);
      if (context === "range") this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === "range") this.rangeDepth--;
      let elseList: A.ListNode | null = null;
      if (next.type === "else") {
        if (context === "if" && this.peek().typ === ItemType.If) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch("if"));
        } else if (context === "with" && this.peek().typ === ItemType.With) {
          this.next();
          elseList = this.newList(next.pos);
          elseList.nodes.push(this.branch("with"));
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== "end") this.errorf(`expected end; found ${A.nodeString(next)}`);
        }
      }
      return [pipe.pos, pipe.line, pipe, list, elseList];
    } finally {
      this.vars.length = nvars;
    }
  }

  branch(kind: "if" | "range" | "with"): A.BranchNode {
    const [pos, line, pipe, list, elseList] = this.parseControl(kind);
    return { type: kind, line, pipe, list, elseList, pos: pos, tree: this };
  }

  endControl(): A.Node {
    return { type: "end", pos: this.expect(ItemType.RightDelim, "end").pos, tree: this };
  }

  elseControl(): A.Node {
    const peek = this.peekNonSpace();
    if (peek.typ === ItemType.If || peek.typ === ItemType.With) return { type: "else", line: peek.line, pos: peek.pos, tree: this };
    const token = this.expect(ItemType.RightDelim, "else");
    return { type: "else", line: token.line, pos: token.pos, tree: this };
  }

  blockControl(): A.Node {
    const context = "block clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, ItemType.RightDelim);
    const block = new TreeParser(name, this.parseName, this.text, this.lex, this.treeSet, this.hasFunction);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== "end") this.errorf(`unexpected ${A.nodeString(end)} in ${context}`);
    block.add();
    return { type: "template", line: token.line, name, pipe, pos: token.pos, tree: this };
  }

  templateControl(): A.Node {
    const context = "template clause";
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: A.PipeNode | null = null;
    if (this.nextNonSpace().typ !== ItemType.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, ItemType.RightDelim);
    }
    return { type: "template", line: token.line, name, pipe, pos: token.pos, tree: this };
  }

  parseTemplateName(token: Item, context: string): string {
    if (token.typ === ItemType.String || token.typ === ItemType.RawString) return this.unquote(token.val);
    this.unexpected(token, context);
  }

  command(): A.CommandNode {
    const cmd: A.CommandNode = { type: "command", args: [], pos: this.peekNonSpace().pos, tree: this };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === ItemType.Space) continue;
      if (token.typ === ItemType.RightDelim || token.typ === ItemType.RightParen) this.backup();
      else if (token.typ !== ItemType.Pipe) this.unexpected(token, "operand");
      break;
    }
    if (cmd.args.length === 0) this.errorf("empty command");
    return cmd;
  }

  operand(): A.Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === ItemType.Field) {
      const chainPos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().typ === ItemType.Field) {
        const f = this.next().val;
        for (const part of f.slice(1).split(".")) fields.push(part);
      }
      switch (node.type) {
        case "field":
          node = { type: "field", ident: [...node.ident, ...fields], pos: chainPos, tree: this };
          break;
        case "variable":
          node = { type: "variable", ident: [...node.ident, ...fields], pos: chainPos, tree: this };
          break;
        case "bool":
        case "string":
        case "number":
        case "nil":
        case "dot":
          this.errorf(`unexpected . after term ${JSON.stringify(A.nodeString(node))}`);
        default:
          node = { type: "chain", node, field: fields, pos: chainPos, tree: this };
      }
    }
    return node;
  }

  term(): A.Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case ItemType.Identifier:
        if (!this.hasFunction(token.val)) this.errorf(`function ${JSON.stringify(token.val)} not defined`);
        return { type: "identifier", ident: token.val, pos: token.pos, tree: this };
      case ItemType.Dot:
        return { type: "dot", pos: token.pos, tree: this };
      case ItemType.Nil:
        return { type: "nil", pos: token.pos, tree: this };
      case ItemType.Variable:
        return this.useVar(token.pos, token.val);
      case ItemType.Field:
        return { type: "field", ident: token.val.slice(1).split("."), pos: token.pos, tree: this };
      case ItemType.Bool:
        return { type: "bool", value: token.val === "true", pos: token.pos, tree: this };
      case ItemType.CharConstant:
      case ItemType.Complex:
      case ItemType.Number:
        return this.newNumber(token.pos, token.val, token.typ);
      case ItemType.LeftParen: {
        if (this.stackDepth >= MAX_STACK_DEPTH) this.errorf("max expression depth exceeded");
        this.stackDepth++;
        try {
          return this.pipeline("parenthesized pipeline", ItemType.RightParen);
        } finally {
          this.stackDepth--;
        }
      }
      case ItemType.String:
      case ItemType.RawString:
        return { type: "string", quoted: token.val, text: this.unquote(token.val), pos: token.pos, tree: this };
    }
    this.backup();
    return null;
  }

  newVariable(pos: number, name: string): A.VariableNode {
    return { type: "variable", ident: name.split("."), pos: pos, tree: this };
  }

  useVar(pos: number, name: string): A.VariableNode {
    const v = this.newVariable(pos, name);
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${JSON.stringify(v.ident[0])}`);
  }

  newNumber(pos: number, text: string, typ: ItemType): A.NumberNode {
    const n: A.NumberNode = {
      type: "number",
      text,
      isInt: false,
      isUint: false,
      isFloat: false,
      isComplex: false,
      int64: 0n,
      uint64: 0n,
      float64: 0,
      pos: pos, tree: this,
    };
    if (typ === ItemType.CharConstant) {
      let r: number;
      let next: number;
      try {
        [r, next] = unquoteChar(text, 1, "'");
      } catch {
        this.errorf("invalid syntax");
      }
      if (text.slice(next) !== "'") this.errorf(`malformed character constant: ${text}`);
      n.int64 = n.uint64 = BigInt(r);
      n.float64 = r;
      n.isInt = n.isUint = n.isFloat = true;
      return n;
    }
    if (typ === ItemType.Complex || text.endsWith("i")) {
      this.errorf(`complex constants are not supported by this engine: ${text}`);
    }
    const u = parseGoUint(text);
    if (u !== null) {
      n.isUint = true;
      n.uint64 = u;
    }
    const i = parseGoInt(text);
    if (i !== null) {
      n.isInt = true;
      n.int64 = i;
      if (i === 0n) {
        n.isUint = true;
        n.uint64 = 0n;
      }
    }
    if (n.isInt) {
      n.isFloat = true;
      n.float64 = Number(n.int64);
    } else if (n.isUint) {
      n.isFloat = true;
      n.float64 = Number(n.uint64);
    } else {
      const f = parseGoFloat(text);
      if (f !== null) {
        if (!/[.eEpP]/.test(text)) this.errorf(`integer overflow: ${JSON.stringify(text)}`);
        n.isFloat = true;
        n.float64 = f;
        if (Number.isInteger(f) && Math.abs(f) < 2 ** 63) {
          n.isInt = true;
          n.int64 = BigInt(f);
        }
        if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
          n.isUint = true;
          n.uint64 = BigInt(f);
        }
      }
    }
    if (!n.isInt && !n.isUint && !n.isFloat) this.errorf(`illegal number syntax: ${JSON.stringify(text)}`);
    return n;
  }
}

/** strconv.ParseInt/ParseUint(text, 0, 64) with base prefixes and underscores; null when invalid or out of range. */
function parseGoIntegerMag(text: string): { neg: boolean; mag: bigint } | null {
  let s = text;
  let neg = false;
  if (s[0] === "+" || s[0] === "-") {
    neg = s[0] === "-";
    s = s.slice(1);
  }
  let base = 10;
  let prefixed = false;
  if (/^0[xX]/.test(s)) {
    base = 16;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    s = s.slice(2);
    prefixed = true;
  } else if (/^0\d/.test(s) || /^0_/.test(s)) {
    base = 8;
    s = s.slice(1);
    prefixed = true;
  }
  if (s.includes("_")) {
    // underscores only allowed between digits / after prefix
    if (!/^_?[0-9a-fA-F]+(_[0-9a-fA-F]+)*$/.test(s) || (!prefixed && s.startsWith("_"))) return null;
    s = s.replace(/_/g, "");
  }
  if (s === "") return prefixed && base === 8 ? { neg, mag: 0n } : null;
  const digits = "0123456789abcdef".slice(0, base);
  for (const c of s.toLowerCase()) if (!digits.includes(c)) return null;
  let mag = 0n;
  for (const c of s.toLowerCase()) mag = mag * BigInt(base) + BigInt(digits.indexOf(c));
  return { neg, mag };
}

function parseGoInt(text: string): bigint | null {
  const r = parseGoIntegerMag(text);
  if (!r) return null;
  const v = r.neg ? -r.mag : r.mag;
  if (v > 2n ** 63n - 1n || v < -(2n ** 63n)) return null;
  return v;
}

function parseGoUint(text: string): bigint | null {
  if (text[0] === "-" || text[0] === "+") return null;
  const r = parseGoIntegerMag(text);
  if (!r || r.mag > 2n ** 64n - 1n) return null;
  return r.mag;
}

function parseGoFloat(text: string): number | null {
  let s = text.replace(/_/g, "");
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m) return null;
    const mant = parseInt((m[2] || "0") + (m[3] ?? ""), 16) / 16 ** (m[3]?.length ?? 0);
    const v = mant * 2 ** parseInt(m[4], 10);
    return m[1] === "-" ? -v : v;
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return null;
  s = s.replace(/^\+/, "");
  const v = Number(s);
  if (!Number.isFinite(v)) return null;
  return v;
}

/** Parses `text` as template `name`, adding it and its {{define}}s to `treeSet` (Go's parse.Parse). */
export function parseTemplate(name: string, text: string, treeSet: Map<string, Tree>, hasFunction: (name: string) => boolean): void {
  const t = new TreeParser(name, name, text, new Lexer(text), treeSet, hasFunction);
  t.parse();
  t.add();
}
