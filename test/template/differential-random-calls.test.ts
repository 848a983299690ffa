/**
 * Seeded random differential test of function calls: each sprig/builtin function is called with random literal and
 * data arguments (right and wrong types, wrong arity). Outputs must be identical; errors must be identical too.
 */
import { CaseSpec, FILES_DIR, renderOurs } from "./cases";
import { GoCase, runGo } from "./goref";
import { allFuncs } from "../../sdk/template/funcs/registry";

const registry = allFuncs(
  { renderText: () => "", executeTemplate: () => "" },
  { env: {}, baseDir: FILES_DIR, disableInsecureFeatures: false, exec: () => "" },
);

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCS = [
  "upper", "lower", "title", "trim", "trimAll", "trimPrefix", "trimSuffix", "substr", "trunc", "repeat", "contains",
  "hasPrefix", "quote", "squote", "cat", "indent", "nindent", "replace", "plural", "toString", "join", "splitList",
  "split", "list", "first", "last", "rest", "initial", "append", "prepend", "reverse", "uniq", "without", "has",
  "compact", "concat", "chunk", "until", "untilStep", "seq", "dict", "get", "sprigGet", "set", "unset", "hasKey",
  "pluck", "pick", "omit", "merge", "mergeOverwrite", "dig", "default", "empty", "coalesce", "ternary", "all", "any",
  "toJson", "fromJson", "typeOf", "kindOf", "deepEqual", "add", "add1", "sub", "mul", "div", "mod", "max", "min",
  "addf", "subf", "mulf", "divf", "floor", "ceil", "round", "int", "int64", "float64", "atoi", "b64enc", "b64dec",
  "sha256sum", "regexMatch", "regexFindAll", "regexReplaceAll", "regexSplit", "semverCompare", "toYaml", "fromYaml",
  "getOrNil", "required", "eq", "ne", "lt", "le", "gt", "ge", "and", "or", "not", "len", "index", "slice", "print",
  "printf", "println", "html", "js", "urlquery", "base", "dir", "ext", "clean", "abbrev", "wrap", "snakecase",
  "camelcase", "kebabcase", "initials", "nospace", "swapcase", "sortAlpha", "toStrings", // keys/values: Go map order is random
  "setValueAtPath", "duration", "durationRound", "semver",
];

const ARGS = [
  '"abc"', '""', '"a,b,c"', '"1.5"', '"42"', '"x.y"', '"Hello World"', '"^a.*"', '">=1.0"', '"1.2.3"', '"a: 1"',
  "0", "1", "2", "-1", "3", "1.5", "-2.25", "true", "false", "nil", ".s", ".n", ".f", ".l", ".m", ".nil", ".e",
  '(list 1 "a")', "(list)", '(dict "a" 1 "b" (dict "c" 2))', "(dict)", '(splitList "," "x,y")', "(add 1 2)",
];

const DATA = { s: "str", n: 7, f: 2.5, l: [3, "b", null], m: { a: 1, b: { c: [1] } }, nil: null, e: "" };

const r = rng(424242);
const cases: CaseSpec[] = [];
for (const fn of FUNCS) {
  for (let k = 0; k < 10; k++) {
    const sig = registry.get(fn)!;
    const n = r() < 0.85 ? sig.params.length + (sig.variadic ? Math.floor(r() * 3) : 0) : Math.floor(r() * 4);
    const args = Array.from({ length: n }, () => ARGS[Math.floor(r() * ARGS.length)]);
    const piped = r() < 0.2 && n > 0;
    const template = piped ? `{{ ${args[n - 1]} | ${fn} ${args.slice(0, -1).join(" ")} }}` : `{{ ${fn} ${args.join(" ")} }}`;
    cases.push({ file: "random-calls", name: `calls/${fn}/${k}`, template, data: DATA, baseDir: FILES_DIR });
  }
}

let go: Map<string, { output?: string; error?: string }>;
beforeAll(() => {
  go = new Map(runGo(cases.map(({ file: _f, errorCompare: _e, expectError: _x, ...c }) => c as GoCase)).map((x) => [x.name, x]));
}, 300_000);

test(`random calls: ${cases.length} calls agree with Go (outputs and error messages)`, () => {
  const mismatches: string[] = [];
  for (const c of cases) {
    const g = go.get(c.name)!;
    const ours = renderOurs(c);
    // YAML syntax error texts come from different parsers (libyaml vs the yaml package): compare around them
    const yamlErr = /^(.*error calling fromYaml: yaml: ).*(, offending yaml: .*)$/s;
    const norm = (e: string | undefined) => (e ?? "").replace(yamlErr, "$1…$2");
    const same = g.error !== undefined ? norm(ours.error) === norm(g.error) : ours.output === g.output && ours.error === undefined;
    if (!same) mismatches.push(`${c.name} ${c.template}\n  go:   ${JSON.stringify(g.error ?? g.output)}\n  ours: ${JSON.stringify(ours.error ?? ours.output)}`);
  }
  const successes = cases.filter((c) => go.get(c.name)!.error === undefined).length;
  expect(successes).toBeGreaterThan(cases.length / 3); // the sample exercises real results, not just argument errors
  expect(mismatches.join("\n")).toBe("");
}, 120_000);
