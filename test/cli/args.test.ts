/** The CLI's parser (sdk/cli/args.ts) over the flag table (sdk/cli/flags.ts): pflag's forms and the usage errors. */
import { parseArgs, UsageError } from "../../sdk/cli/args";
import { FLAGS } from "../../sdk/cli/flags";
import { usage } from "../../sdk/cli/usage";

const error = (argv: string[]): string => {
  try {
    parseArgs(argv);
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError);
    return (e as Error).message;
  }
  throw new Error(`parseArgs(${JSON.stringify(argv)}) did not fail`);
};

describe("parseArgs", () => {
  it("reads long, long=, short, short-attached and short= values, and flags on either side of the command", () => {
    const a = parseArgs(["-f", "a.yaml", "template", "--environment=prod", "-lx=1", "-l=y=2", "--selector", "z=3", "--kube-version", "1.30.0"]);
    expect(a.command).toBe("template");
    expect(a.file).toBe("a.yaml");
    expect(a.environment).toBe("prod");
    expect(a.selectors).toEqual(["x=1", "y=2", "z=3"]);
    expect(a.flags.get("kube-version")).toBe("1.30.0");
  });

  it("reads bools as pflag does: no separate value, =false, and combined shorthands", () => {
    const a = parseArgs(["template", "--include-crds", "--skip-needs=true", "-qi", "--debug=false"]);
    expect(a.flags.get("include-crds")).toBe(true);
    expect(a.flags.get("skip-needs")).toBe(true);
    expect(a.flags.get("quiet")).toBe(true);
    expect(a.flags.get("interactive")).toBe(true);
    expect(a.flags.get("debug")).toBe(false);
    expect(error(["template", "--include-crds=maybe"])).toBe('invalid value "maybe" for flag --include-crds: expected true or false');
  });

  it("applies --state-values-set-string before --state-values-set, keeping strings (and quotes) as helmfile does", () => {
    const a = parseArgs(["build", "--state-values-set", "n=1,b=true", "--state-values-set-string", "n=2,s=007,q=\"a,b\""]);
    expect(a.stateValues).toEqual({ n: 1, b: true, s: "007", q: '"a,b"' });
  });

  it("rejects an unknown flag, naming it", () => {
    expect(error(["template", "--no-such-flag"])).toBe("unknown flag --no-such-flag");
    expect(error(["template", "-Z"])).toBe("unknown flag -Z");
  });

  it("rejects helmfile flags it does not support, saying why", () => {
    expect(error(["template", "--kube-context", "x"])).toMatch(/^flag --kube-context is not supported by pulumi-helmfile: /);
    expect(error(["template", "-n", "x"])).toMatch(/^flag --namespace is not supported by pulumi-helmfile: /);
    expect(error(["template", "--include-needs"])).toMatch(/^flag --include-needs is not supported/);
    expect(error(["template", "--skip-needs=false"])).toMatch(/^--skip-needs=false is not supported/);
  });

  it("rejects another command's flags, a missing value and stray arguments", () => {
    expect(error(["build", "--output", "json"])).toBe('flag --output is not a flag of "build" (it is a flag of "list")');
    expect(error(["list", "--set", "a=b"])).toBe('flag --set is not a flag of "list" (it is a flag of "template")');
    expect(error(["template", "--set"])).toBe("flag --set needs a value");
    expect(error(["template", "extra"])).toBe('unexpected argument "extra" after "template"');
    expect(error(["template", "--concurrency", "x"])).toBe('invalid value "x" for flag --concurrency: expected an integer');
  });

  it("lists every accepted flag in the help, and every rejected one as not supported", () => {
    const text = usage();
    for (const f of FLAGS) {
      if (f.treatment.kind === "unsupported") expect(text).toMatch(new RegExp(`not supported.*--${f.name}\\b`, "s"));
      else expect(text).toMatch(new RegExp(`^ +(-${f.short}, )? *--${f.name}\\b`, "m"));
    }
  });
});
