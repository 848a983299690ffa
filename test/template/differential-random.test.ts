/**
 * Seeded random differential test: random JSON-like values (tricky strings, numbers, nesting) are rendered through
 * toYaml, fromYaml round trips, toJson, %v/%q/%s formatting, quote and printf by both Go and this engine.
 */
import { renderOurs, CaseSpec, FILES_DIR } from "./cases";
import { GoCase, runGo } from "./goref";

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

const STRINGS = [
  "", " ", "a", "true", "no", "null", "~", "1", "1.5", "-0", "0x1F", "1e3", "2001-12-14", "a: b", "a #b", "#c", "- x",
  "multi\nline", "trail\n", "x\n\n", " lead", "tail ", "tab\tx", "quote\"s", "it's", "back\\slash", "é", "日本", "😀",
  "{x}", "[y]", "&a", "*b", "!t", "%p", "@a", "`b", "|c", ">d", "?", ":", "-", "--- doc", "...", "<<", "key: value",
  "a,b", "http://x.y/z?q=1#f", "$HOME", "{{ not an action }}", "\u0001ctl", "\u00a0nbsp", "cr\rx", "y", "Off", "1:30",
];

function randomValue(r: () => number, depth: number): unknown {
  const p = r();
  if (depth > 3 || p < 0.45) {
    const q = r();
    if (q < 0.45) return STRINGS[Math.floor(r() * STRINGS.length)];
    if (q < 0.6) return Math.floor((r() - 0.5) * 2e6);
    if (q < 0.72) return [0.1, 2.5, -3.75, 1e-7, 1.5e21, 123456.789, 0.333, 1e100][Math.floor(r() * 8)];
    if (q < 0.84) return r() < 0.5;
    return null;
  }
  if (p < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  const o: Record<string, unknown> = {};
  const n = Math.floor(r() * 5);
  for (let i = 0; i < n; i++) o[STRINGS[Math.floor(r() * STRINGS.length)] || "k" + i] = randomValue(r, depth + 1);
  return o;
}

const TEMPLATES = [
  "{{ toYaml . }}",
  "{{ toYaml . | fromYaml | toJson }}",
  "{{ toJson . }}|{{ toPrettyJson . }}|{{ toRawJson . }}",
  "{{ . }}|{{ printf \"%v|%s|%q|%+v|%T\" . . . . . }}",
  "{{ quote . }}|{{ squote . }}|{{ toString . }}|{{ cat . . }}",
  "{{ toYaml (dict \"v\" .) | indent 2 }}",
  "{{ kindOf . }} {{ typeOf . }} {{ empty . }} {{ toJson (deepCopy (list .)) }}",
];

const N = 150;
const r = rng(20261123);
const cases: CaseSpec[] = [];
for (let i = 0; i < N; i++) {
  const data = { v: randomValue(r, 0) };
  TEMPLATES.forEach((t, j) => {
    cases.push({ file: "random", name: `random/${i}-${j}`, template: t.replace(/\./g, (m, off: number, s: string) => (/[\s(]|^\{\{ $/.test(s.slice(off - 1, off)) && !/[a-zA-Z]/.test(s[off + 1] ?? "") ? ".v" : m)), data, baseDir: FILES_DIR });
  });
}

let go: Map<string, { output?: string; error?: string }>;
beforeAll(() => {
  go = new Map(runGo(cases.map(({ file: _f, errorCompare: _e, expectError: _x, ...c }) => c as GoCase)).map((x) => [x.name, x]));
}, 300_000);

test(`random values: ${cases.length} renders agree with Go`, () => {
  const mismatches: string[] = [];
  for (const c of cases) {
    const g = go.get(c.name)!;
    const ours = renderOurs(c);
    const same = g.error !== undefined ? ours.error !== undefined : ours.output === g.output;
    if (!same) mismatches.push(`${c.name} ${c.template}\n  data: ${JSON.stringify(c.data)}\n  go:   ${JSON.stringify(g)}\n  ours: ${JSON.stringify(ours)}`);
  }
  expect(mismatches.slice(0, 5).join("\n")).toBe("");
  expect(cases.length).toBe(N * TEMPLATES.length);
}, 120_000);
