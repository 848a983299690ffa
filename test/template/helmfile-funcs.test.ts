/** Unit tests for helmfile's template functions in the TypeScript engine (no Go involved). */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { decodeYaml, encodeYaml, GoFloat, GoTime, isGoScalar, renderTemplate, TemplateError, toPlain } from "../../sdk/template";

const FILES = path.join(__dirname, "fixtures", "files");
const opts = { name: "helmfile.yaml.gotmpl", baseDir: FILES };

function renderError(text: string, data: unknown, extra: Partial<Parameters<typeof renderTemplate>[2]> = {}): TemplateError {
  try {
    renderTemplate(text, data, { ...opts, ...extra });
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error("expected the template to fail");
}

describe("exec", () => {
  test("passes arguments as an array, without shell interpretation", () => {
    const out = renderTemplate(`{{ exec "printf" (list "%s|" "$(whoami)" ";" "ls" "a b" "*") }}`, {}, opts);
    expect(out).toBe("$(whoami)|;|ls|a b|*|");
  });

  test("runs in baseDir and feeds stdin", () => {
    expect(renderTemplate(`{{ exec "pwd" (list) | trim }}`, {}, opts)).toBe(fs.realpathSync(FILES));
    expect(renderTemplate(`{{ exec "cat" (list) "piped input" }}`, {}, opts)).toBe("piped input");
  });

  test("uses the injected runner with command, args, cwd, env and stdin", () => {
    const calls: unknown[] = [];
    const out = renderTemplate(`{{ envExec (dict "A" "1") "tool" (list "x" "y") "in" }}`, {}, {
      ...opts,
      env: { PATH: "/bin" },
      exec: (command, args, o) => {
        calls.push({ command, args, cwd: o.cwd, env: o.env, stdin: o.stdin });
        return "result";
      },
    });
    expect(out).toBe("result");
    expect(calls).toEqual([{ command: "tool", args: ["x", "y"], cwd: FILES, env: { PATH: "/bin", A: "1" }, stdin: "in" }]);
  });

  test("a failing command is an error naming the command, exit code and stderr", () => {
    const e = renderError(`{{ exec "sh" (list "-c" "echo oops >&2; exit 3") }}`, {});
    expect(e.message).toContain("error calling exec");
    expect(e.message).toContain('"sh"');
    expect(e.message).toContain("exit status 3");
    expect(e.message).toContain("oops");
    expect(e.line).toBe(1);
    expect(e.column).toBe(3);
  });

  test("non-string arguments are rejected like helmfile does", () => {
    expect(renderError(`{{ exec "echo" (list 1) }}`, {}).message).toContain(`unexpected type of arg "int" in args [1] at index 0`);
  });
});

describe("requiredEnv / env", () => {
  test("unset variable is an error naming it", () => {
    const e = renderError(`{{ requiredEnv "MY_TOKEN" }}`, {}, { env: {} });
    expect(e.message).toContain("required env var `MY_TOKEN` is not set");
    expect(e.message).toMatch(/^template: helmfile\.yaml\.gotmpl:1:3: executing "helmfile\.yaml\.gotmpl" at <requiredEnv "MY_TOKEN">/);
  });
  test("empty variable is an error, set variable is returned", () => {
    expect(renderError(`{{ requiredEnv "E" }}`, {}, { env: { E: "" } }).message).toContain("`E`");
    expect(renderTemplate(`{{ requiredEnv "E" }}`, {}, { ...opts, env: { E: "v" } })).toBe("v");
  });
  test("env and expandenv read the injected environment", () => {
    expect(renderTemplate(`{{ env "X" }}-{{ expandenv "$X/\${Y}" }}`, {}, { ...opts, env: { X: "1", Y: "2" } })).toBe("1-1/2");
  });
});

describe("files", () => {
  test("readFile resolves relative paths against baseDir, absolute paths as given", () => {
    expect(renderTemplate(`{{ readFile "a.txt" }}`, {}, opts)).toBe("hello from a.txt\n");
    expect(renderTemplate(`{{ readFile "sub/b.txt" }}`, {}, opts)).toBe("nested file\n");
    expect(renderTemplate(`{{ readFile "../a.txt" }}`, {}, { ...opts, baseDir: path.join(FILES, "sub") })).toBe("hello from a.txt\n");
    expect(renderTemplate(`{{ readFile .p }}`, { p: path.join(FILES, "a.txt") }, { ...opts, baseDir: os.tmpdir() })).toBe("hello from a.txt\n");
  });
  test("readFile of a missing file names the path", () => {
    expect(renderError(`{{ readFile "nope.txt" }}`, {}).message).toContain(`${path.join(FILES, "nope.txt")}: no such file or directory`);
  });
  test("readDir lists files only, relative to the given dir", () => {
    expect(renderTemplate(`{{ readDir "sub" | join "," }}`, {}, opts)).toBe("sub/b.txt,sub/c.txt");
  });
  test("isFile / isDir", () => {
    expect(renderTemplate(`{{ isFile "a.txt" }} {{ isDir "sub" }} {{ isFile "sub" }} {{ isDir "missing" }}`, {}, opts)).toBe("true true false false");
  });
});

describe("disableInsecureFeatures", () => {
  const disabled = { disableInsecureFeatures: true };
  test.each([
    ["exec", `{{ exec "echo" (list "x") }}`],
    ["envExec", `{{ envExec (dict) "echo" (list "x") }}`],
    ["readFile", `{{ readFile "a.txt" }}`],
    ["readDir", `{{ readDir "sub" }}`],
    ["readDirEntries", `{{ readDirEntries "sub" }}`],
  ])("%s fails with a clear error", (fn, text) => {
    const e = renderError(text, {}, disabled);
    expect(e.message).toContain(`error calling ${fn}: HELMFILE_DISABLE_INSECURE_FEATURES or HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS is active`);
  });
  test("the injected exec is never called when disabled", () => {
    let called = false;
    renderError(`{{ exec "echo" (list) }}`, {}, { ...disabled, exec: () => ((called = true), "") });
    expect(called).toBe(false);
  });
  test("isFile/isDir and the rest keep working", () => {
    expect(renderTemplate(`{{ isFile "a.txt" }} {{ upper "x" }}`, {}, { ...opts, ...disabled })).toBe("true X");
  });
  describe.each(["HELMFILE_DISABLE_INSECURE_FEATURES", "HELMFILE_DISABLE_INSECURE_TEMPLATE_FUNCTIONS"])("defaults to %s", (name) => {
    test.each(["1", "t", "T", "TRUE", "true", "True"])("%s (Go strconv.ParseBool true) refuses exec and readFile", (value) => {
      const env = { [name]: value };
      expect(renderError(`{{ readFile "a.txt" }}`, {}, { env }).message).toContain("error calling readFile: HELMFILE_DISABLE_INSECURE_FEATURES or");
      expect(renderError(`{{ exec "echo" (list "x") }}`, {}, { env, exec: () => "ran" }).message).toContain("error calling exec:");
    });
    test.each(["0", "f", "F", "FALSE", "false", "False", "", "yes", "on", "tRUE", " true", "2"])("%j (false or unparsable, which helmfile ignores) leaves them enabled", (value) => {
      const env = { [name]: value };
      expect(renderTemplate(`{{ readFile "a.txt" | trim }} {{ exec "echo" (list "x") }}`, {}, { ...opts, env, exec: () => "ran" })).toBe("hello from a.txt ran");
    });
  });
  test("the explicit option wins over the environment", () => {
    const env = { HELMFILE_DISABLE_INSECURE_FEATURES: "1" };
    expect(renderTemplate(`{{ exec "echo" (list "x") }}`, {}, { ...opts, env, exec: () => "ran", disableInsecureFeatures: false })).toBe("ran");
  });
  test("without an env option, process.env is read", () => {
    const saved = process.env.HELMFILE_DISABLE_INSECURE_FEATURES;
    process.env.HELMFILE_DISABLE_INSECURE_FEATURES = "1";
    try {
      expect(renderError(`{{ readFile "a.txt" }}`, {}).message).toContain("insecure function calls are disabled");
    } finally {
      if (saved === undefined) delete process.env.HELMFILE_DISABLE_INSECURE_FEATURES;
      else process.env.HELMFILE_DISABLE_INSECURE_FEATURES = saved;
    }
  });
});

describe("toYaml / fromYaml / decodeYaml / encodeYaml", () => {
  const doc = {
    name: "app",
    replicas: 3,
    ratio: 0.25,
    enabled: true,
    nothing: null,
    tags: ["a", "b c", "true", "1"],
    nested: { "key with: colon": "v", multi: "line1\nline2\n", empty: {}, list: [] },
  };

  test("toYaml keeps the trailing newline and fromYaml round-trips", () => {
    const y = renderTemplate(`{{ toYaml . }}`, doc, opts);
    expect(y.endsWith("\n")).toBe(true);
    expect(toPlain(decodeYaml(y))).toEqual(doc);
    expect(renderTemplate(`{{ toYaml . | fromYaml | toYaml }}`, doc, opts)).toBe(y);
  });

  test("encodeYaml equals toYaml, decodeYaml(encodeYaml(x)) is x", () => {
    expect(encodeYaml(doc)).toBe(renderTemplate(`{{ toYaml . }}`, doc, opts));
    expect(toPlain(decodeYaml(encodeYaml(doc)))).toEqual(doc);
  });

  test("integral YAML floats stay float64 (GoFloat) and survive JSON and toPlain", () => {
    const v = decodeYaml("a: 1.0\nb: 1\nc: 2.5\n") as Record<string, unknown>;
    expect(v.a).toBeInstanceOf(GoFloat);
    expect(v.b).toBe(1);
    expect(v.c).toBe(2.5);
    expect(JSON.stringify(v)).toBe('{"a":1,"b":1,"c":2.5}');
    expect(toPlain(v)).toEqual({ a: 1, b: 1, c: 2.5 });
    expect(renderTemplate(`{{ typeOf .a }} {{ typeOf .b }} {{ printf "%d" .a }}`, v, opts)).toBe("float64 int %!d(float64=1)");
    expect(encodeYaml(v)).toBe("a: 1\nb: 1\nc: 2.5\n");
  });

  test("fromYaml of invalid YAML reports the offending yaml", () => {
    expect(renderError(`{{ fromYaml "a: [" }}`, {}).message).toContain("offending yaml: a: [");
  });

  test("decodeYaml: first document only, empty is null, merge keys and anchors", () => {
    expect(decodeYaml("")).toBeNull();
    expect(decodeYaml("a: 1\n---\nb: 2\n")).toEqual({ a: 1 });
    expect(decodeYaml("x: &x {p: 1}\ny:\n  <<: *x\n  q: 2\n")).toEqual({ x: { p: 1 }, y: { p: 1, q: 2 } });
    expect(decodeYaml("n: 0755\nh: 0x10\nyes: yes\n")).toEqual({ n: 493, h: 16, yes: "yes" });
  });
});

describe("get / getOrNil / tpl / include / required / setValueAtPath", () => {
  test("get with default, getOrNil for missing paths", () => {
    const data = { v: { a: { b: 1 } } };
    expect(renderTemplate(`{{ get "a.b" .v }} {{ get "a.c" "d" .v }} {{ getOrNil "x.y" .v | toJson }}`, data, opts)).toBe("1 d null");
  });
  test("include and tpl see extra templates", () => {
    const out = renderTemplate(`{{ include "h" . }} {{ tpl "{{ include \\"h\\" . }}" . }}`, { n: 1 }, {
      ...opts,
      extraTemplates: [{ name: "_helpers.tpl", text: `{{ define "h" }}n={{ .n }}{{ end }}` }],
    });
    expect(out).toBe("n=1 n=1");
  });
  test("include recursion is capped", () => {
    const e = renderError(`{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}`, {});
    expect(e.message).toMatch(/nested reference name: r|exceeded maximum template depth/);
  });
  test("required fails with the given message", () => {
    expect(renderError(`{{ required "image.tag is required" .tag }}`, { tag: "" }).message).toMatch(/error calling required: image\.tag is required$/);
  });
  test("setValueAtPath mutates and returns the map", () => {
    const data = { v: { a: { b: 1 } } };
    expect(renderTemplate(`{{ $_ := setValueAtPath "a.b" 2 .v }}{{ .v.a.b }}`, data, opts)).toBe("2");
    expect(data.v.a.b).toBe(2);
  });
});

describe("errors", () => {
  test("TemplateError carries name, line and column", () => {
    const e = renderError("line1\n  {{ .missing }}", {});
    expect(e.templateName).toBe("helmfile.yaml.gotmpl");
    expect(e.line).toBe(2);
    expect(e.column).toBe(5);
    expect(e.message).toBe(`template: helmfile.yaml.gotmpl:2:5: executing "helmfile.yaml.gotmpl" at <.missing>: map has no entry for key "missing"`);
  });
  test("parse errors carry the line", () => {
    const e = renderError("a\nb\n{{ if }}", {});
    expect(e.line).toBe(3);
    expect(e.message).toBe("template: helmfile.yaml.gotmpl:3: missing value for if");
  });
  test("rejected functions name themselves", () => {
    expect(renderError(`{{ getHostByName "example.com" }}`, {}).message).toContain("getHostByName is not supported by the TypeScript template engine");
    expect(renderError(`{{ genPrivateKey "dsa" }}`, {}).message).toContain("not supported by the TypeScript template engine");
    expect(renderError(`{{ fetchSecretValue "ref+vault://x" }}`, {}).message).toContain("fetchSecretValue (vals secret references) needs the helmfile loader");
  });
});

describe("value model helpers", () => {
  test("decoded timestamps are GoTime scalars that serialise to RFC 3339", () => {
    const T = GoTime;
    const scalar = isGoScalar;
    const v = decodeYaml("t: 2021-03-04T05:06:07Z\nf: 2.0\ns: '2021-03-04'\nm: {a: 1}\n") as Record<string, unknown>;
    expect(v.t).toBeInstanceOf(T);
    expect(scalar(v.t)).toBe(true);
    expect(scalar(v.f)).toBe(true);
    expect(scalar(v.m)).toBe(false);
    expect(scalar(v.s)).toBe(false);
    expect(JSON.stringify(v)).toBe('{"t":"2021-03-04T05:06:07Z","f":2,"s":"2021-03-04","m":{"a":1}}');
    expect(toPlain(v)).toEqual({ t: "2021-03-04T05:06:07Z", f: 2, s: "2021-03-04", m: { a: 1 } });
    expect(encodeYaml(v)).toBe("f: 2\nm:\n  a: 1\ns: \"2021-03-04\"\nt: 2021-03-04T05:06:07Z\n");
  });
});
