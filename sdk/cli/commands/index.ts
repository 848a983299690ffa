/**
 * The subcommand registry. Extension point: a subcommand needing helm and the chart cache (e.g. `template`) lives in
 * its own module `./<name>.ts` exporting a {@link Command}, and is added to {@link builtinCommands} below (or
 * registered at runtime with {@link registerCommand}). It receives the loaded state through `ctx.loadState()`.
 */
import { buildCommand } from "./build";
import { depsCommand } from "./deps";
import type { Command } from "./command";
import { listCommand } from "./list";
import { templateCommand } from "./template";

/** Built-in subcommands. */
export const builtinCommands: Command[] = [buildCommand, listCommand, templateCommand, depsCommand];

const registry = new Map<string, Command>(builtinCommands.map((c) => [c.name, c]));

/** Adds (or replaces) a subcommand. */
export function registerCommand(command: Command): void {
  registry.set(command.name, command);
}

/** Looks a subcommand up by name. */
export function findCommand(name: string): Command | undefined {
  return registry.get(name);
}

/** All subcommands, in registration order. */
export function allCommands(): Command[] {
  return [...registry.values()];
}

export type { Command, CommandContext } from "./command";
