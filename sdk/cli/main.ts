#!/usr/bin/env node
/**
 * pulumi-helmfile CLI: `pulumi-helmfile build|list|template [flags]`, with helmfile's flags (sdk/cli/flags.ts). Loads
 * the state with the SDK's loader; `template` renders with helm. stdout carries only the command's output.
 */
import { isUserError } from "../errors";
import { HelmfileLoadError, loadHelmfile } from "../loader";
import { parseArgs, UsageError } from "./args";
import { findCommand } from "./commands";
import { usage } from "./usage";

/** Where the CLI writes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
}

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  env: process.env,
};

/** Runs the CLI; resolves to the exit code (0 ok, 1 load/command error, 2 usage error). */
export async function run(argv: string[], io: CliIo = processIo): Promise<number> {
  let args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    io.stderr(`error: ${(e as Error).message}\nrun "pulumi-helmfile --help" for the commands and flags\n`);
    return 2;
  }
  if (args.help || !args.command) {
    (args.help ? io.stdout : io.stderr)(usage());
    return args.help ? 0 : 2;
  }
  const command = findCommand(args.command);
  if (!command) {
    io.stderr(`error: unknown command "${args.command}"\n${usage()}`);
    return 2;
  }
  const a = args;
  try {
    return await command.run({
      args: a,
      env: io.env,
      stdout: io.stdout,
      stderr: io.stderr,
      loadState: (extra) =>
        loadHelmfile(a.file, {
          ...extra,
          environment: a.environment,
          selectors: a.selectors,
          stateValues: a.stateValues,
          stateValuesFiles: a.stateValuesFiles,
          env: io.env,
        }),
    });
  } catch (e) {
    if (e instanceof HelmfileLoadError || e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n`);
      return e instanceof UsageError ? 2 : 1;
    }
    // helm, kustomize, chart and cache failures (the provider's error family): written for users and already redacted.
    if (isUserError(e)) {
      io.stderr(`error: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
}

if (require.main === module) {
  run(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (e: unknown) => {
      process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
      process.exitCode = 1;
    },
  );
}
