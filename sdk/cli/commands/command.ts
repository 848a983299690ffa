/** The subcommand contract of the pulumi-helmfile CLI. */
import type { LoadOptions } from "../../loader";
import type { HelmfileState } from "../../state/types";
import type { CliArgs } from "../args";

/** What a subcommand gets. */
export interface CommandContext {
  /** Parsed flags (global flags plus the subcommand's unparsed `rest`). */
  args: CliArgs;
  /** Loads the state selected by the global flags (-f, -e, -l, --state-values-*), with `extra` load options. */
  loadState(extra?: Pick<LoadOptions, "forDeps">): Promise<HelmfileState>;
  /** Writes to standard output. */
  stdout(text: string): void;
  /** Writes to standard error. */
  stderr(text: string): void;
  /** Process environment. */
  env: Record<string, string | undefined>;
}

/** A subcommand. */
export interface Command {
  /** Name on the command line. */
  name: string;
  /** One-line description for usage. */
  summary: string;
  /** Runs the command; resolves to the exit code. */
  run(ctx: CommandContext): Promise<number>;
}
