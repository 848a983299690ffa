/** `build`: prints the resolved state as YAML (like `helmfile build`, in the resolved-state shape). */
import { stringify } from "yaml";
import type { Command } from "./command";

/** The build subcommand. */
export const buildCommand: Command = {
  name: "build",
  summary: "print the resolved state as YAML",
  async run(ctx) {
    const state = await ctx.loadState();
    ctx.stdout(stringify(state, { aliasDuplicateObjects: false }));
    return 0;
  },
};
