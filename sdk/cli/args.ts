/** Command-line parsing of pulumi-helmfile (helmfile's global flags that the loader understands). */
import { applyStateValuesSet } from "./stateValuesSet";

/** Parsed global flags plus the subcommand and its own arguments. */
export interface CliArgs {
  /** Subcommand name (`build`, `list`, …). */
  command?: string;
  /** `-f/--file`: state file or directory (default "."). */
  file: string;
  /** `-e/--environment`. */
  environment?: string;
  /** `-l/--selector`, repeatable. */
  selectors: string[];
  /** `--state-values-set`, merged. */
  stateValues: Record<string, unknown>;
  /** `--state-values-file`, repeatable. */
  stateValuesFiles: string[];
  /** `--output` of list. */
  output?: string;
  /** Arguments not understood here, left for the subcommand. */
  rest: string[];
  /** `-h/--help`. */
  help: boolean;
}

/** A usage error (exit code 2). */
export class UsageError extends Error {}

/** Parses argv (without node and script). */
export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { file: ".", selectors: [], stateValues: {}, stateValuesFiles: [], rest: [], help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      if (eq > 0) return arg.slice(eq + 1);
      const v = argv[++i];
      if (v === undefined) throw new UsageError(`flag ${name} needs a value`);
      return v;
    };
    switch (name) {
      case "-f":
      case "--file":
        a.file = value();
        break;
      case "-e":
      case "--environment":
        a.environment = value();
        break;
      case "-l":
      case "--selector":
        a.selectors.push(value());
        break;
      case "--state-values-set":
        try {
          applyStateValuesSet(a.stateValues, value());
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        break;
      case "--state-values-file":
        a.stateValuesFiles.push(value());
        break;
      case "--output":
      case "-o":
        a.output = value();
        break;
      case "-h":
      case "--help":
        a.help = true;
        break;
      default:
        if (!a.command && !arg.startsWith("-")) a.command = arg;
        else a.rest.push(arg);
    }
  }
  return a;
}
