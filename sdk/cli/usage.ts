/** The CLI's help text, derived from the flag table and the subcommand registry. */
import { allCommands } from "./commands";
import { FLAGS, type FlagSpec } from "./flags";

function flagLine(f: FlagSpec): string {
  const names = `${f.short ? `-${f.short}, ` : "    "}--${f.name}${f.metavar ? ` ${f.metavar}` : ""}`;
  const help = f.treatment.kind === "accepted" ? `accepted, no effect: ${f.treatment.why}` : f.help;
  return `  ${names.padEnd(38)} ${help}`;
}

function section(title: string, flags: FlagSpec[]): string {
  return flags.length ? `\n${title}:\n${flags.map(flagLine).join("\n")}\n` : "";
}

/** Usage: the commands, the global flags, each command's flags, and the helmfile flags that are rejected. */
export function usage(): string {
  const cmds = allCommands()
    .map((c) => `  ${c.name.padEnd(10)} ${c.summary}`)
    .join("\n");
  const supported = FLAGS.filter((f) => f.treatment.kind !== "unsupported");
  const perCommand = [...new Set(supported.flatMap((f) => f.commands ?? []))]
    .map((c) => section(`${c} flags`, supported.filter((f) => f.commands?.includes(c))))
    .join("");
  const rejected = FLAGS.filter((f) => f.treatment.kind === "unsupported")
    .map((f) => `--${f.name}`)
    .join(", ");
  return (
    `usage: pulumi-helmfile <command> [flags]\n\ncommands:\n${cmds}\n` +
    section("global flags", supported.filter((f) => !f.commands)) +
    perCommand +
    `\nhelmfile flags that are not supported (an error): ${rejected}\n`
  );
}
