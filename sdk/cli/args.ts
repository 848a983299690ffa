/**
 * Command-line parsing of pulumi-helmfile, derived from the flag table ({@link FLAGS}) with pflag's rules (cobra, as
 * helmfile): `--name value`, `--name=value`, `-x value`, `-xvalue`, `-x=value`; a bool takes no separate argument
 * (`--flag`, `--flag=false`); flags may come before or after the subcommand. A flag that is not in the table, one
 * that pulumi-helmfile does not support, one that belongs to another subcommand and a stray argument are usage errors.
 */
import { type CommandName, type FlagSpec, type FlagValue, flagByName, flagByShort } from "./flags";
import { applyStateValuesSet } from "./stateValuesSet";

/** Parsed command line. */
export interface CliArgs {
  /** Subcommand name (`build`, `list`, …). */
  command?: string;
  /** Every flag given, by long name (repeatable flags collect their values in order). */
  flags: ReadonlyMap<string, FlagValue>;
  /** `-f/--file`: state file or directory (default "."). */
  file: string;
  /** `-e/--environment`. */
  environment?: string;
  /** `-l/--selector`, repeatable. */
  selectors: string[];
  /** `--state-values-set-string`, then `--state-values-set`, merged. */
  stateValues: Record<string, unknown>;
  /** `--state-values-file`, repeatable. */
  stateValuesFiles: string[];
  /** `-h/--help`. */
  help: boolean;
}

/** A usage error (exit code 2). */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

const BOOLS: Record<string, boolean> = { true: true, false: false, "1": true, "0": false, t: true, f: false, TRUE: true, FALSE: false, True: true, False: false };

function typed(spec: FlagSpec, shown: string, raw: string): FlagValue {
  if (spec.type === "bool") {
    if (!(raw in BOOLS)) throw new UsageError(`invalid value "${raw}" for flag ${shown}: expected true or false`);
    return BOOLS[raw];
  }
  if (spec.type === "int") {
    if (!/^[+-]?\d+$/.test(raw)) throw new UsageError(`invalid value "${raw}" for flag ${shown}: expected an integer`);
    return Number(raw);
  }
  return raw;
}

function store(flags: Map<string, FlagValue>, spec: FlagSpec, value: FlagValue): void {
  if (spec.type === "strings") flags.set(spec.name, [...((flags.get(spec.name) as string[] | undefined) ?? []), value as string]);
  else flags.set(spec.name, value);
}

/** Splits argv into flags (by long name) and positional words. */
function scan(input: string[]): { flags: Map<string, FlagValue>; positional: string[] } {
  const argv = [...input];
  const flags = new Map<string, FlagValue>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positional.push(arg);
      continue;
    }
    const long = arg.startsWith("--");
    const body = long ? arg.slice(2) : arg.slice(1);
    const eq = long ? body.indexOf("=") : -1;
    const name = long ? (eq >= 0 ? body.slice(0, eq) : body) : body[0];
    const shown = long ? `--${name}` : `-${name}`;
    const spec = long ? flagByName(name) : flagByShort(name);
    if (!spec) throw new UsageError(`unknown flag ${shown}`);
    // An inline value: `--name=v`, `-xv`, `-x=v`.
    const inline = long ? (eq >= 0 ? body.slice(eq + 1) : undefined) : body.length > 1 ? body.slice(body[1] === "=" ? 2 : 1) : undefined;
    if (spec.type === "bool") {
      if (!long && inline !== undefined && body[1] !== "=") {
        // Combined shorthands (`-qi`): this one is true, the rest is read as the next argument.
        store(flags, spec, true);
        argv[i--] = `-${inline}`;
        continue;
      }
      store(flags, spec, inline === undefined ? true : typed(spec, shown, inline));
      continue;
    }
    let raw = inline;
    if (raw === undefined) {
      raw = argv[++i];
      if (raw === undefined) throw new UsageError(`flag ${shown} needs a value`);
    }
    store(flags, spec, typed(spec, shown, raw));
  }
  return { flags, positional };
}

/** The flags given that `command` cannot take: unsupported, another command's, or with a value that cannot be honoured. */
function validate(flags: ReadonlyMap<string, FlagValue>, command: string | undefined): void {
  for (const [name, value] of flags) {
    const spec = flagByName(name) as FlagSpec;
    if (spec.treatment.kind === "unsupported") throw new UsageError(`flag --${name} is not supported by pulumi-helmfile: ${spec.treatment.why}`);
    if (spec.commands && command !== undefined && !spec.commands.includes(command as CommandName)) {
      throw new UsageError(`flag --${name} is not a flag of "${command}" (it is a flag of ${spec.commands.map((c) => `"${c}"`).join(", ")})`);
    }
    const problem = spec.check?.(value, flags);
    if (problem) throw new UsageError(problem);
  }
}

function stateValuesOf(flags: ReadonlyMap<string, FlagValue>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  try {
    // helmfile (pkg/config NewCLIConfigImpl) applies the string assignments first, then the typed ones over them.
    for (const s of (flags.get("state-values-set-string") as string[] | undefined) ?? []) applyStateValuesSet(values, s, { strings: true });
    for (const s of (flags.get("state-values-set") as string[] | undefined) ?? []) applyStateValuesSet(values, s);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return values;
}

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): CliArgs {
  const { flags, positional } = scan(argv);
  const [command, ...extra] = positional;
  if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"${command ? ` after "${command}"` : ""}`);
  validate(flags, command);
  return {
    command,
    flags,
    file: stringFlag(flags, "file") ?? ".",
    environment: stringFlag(flags, "environment"),
    selectors: listFlag(flags, "selector"),
    stateValues: stateValuesOf(flags),
    stateValuesFiles: listFlag(flags, "state-values-file"),
    help: boolFlag(flags, "help"),
  };
}

/** A string flag's value (undefined when not given). */
export function stringFlag(flags: ReadonlyMap<string, FlagValue>, name: string): string | undefined {
  const v = flags.get(name);
  return v === undefined ? undefined : String(v);
}

/** A bool flag's value (false when not given). */
export function boolFlag(flags: ReadonlyMap<string, FlagValue>, name: string): boolean {
  return flags.get(name) === true;
}

/** A repeatable flag's values (empty when not given). */
export function listFlag(flags: ReadonlyMap<string, FlagValue>, name: string): string[] {
  return [...((flags.get(name) as string[] | undefined) ?? [])];
}
