/** `list [--output json]`: the releases as `helmfile list` prints them. */
import { stringFlag } from "../args";
import { formatTable, listRows } from "../listRows";
import type { Command } from "./command";

/** The list subcommand. */
export const listCommand: Command = {
  name: "list",
  summary: "list releases (--output json for helmfile's JSON form)",
  async run(ctx) {
    const state = await ctx.loadState();
    const rows = listRows(state, ctx.args.selectors.length > 0);
    const output = stringFlag(ctx.args.flags, "output");
    if (output === "json") ctx.stdout(JSON.stringify(rows) + "\n");
    else if (output === undefined || output === "table") ctx.stdout(formatTable(rows));
    else {
      ctx.stderr(`error: unsupported --output "${output}" (json or table)\n`);
      return 2;
    }
    return 0;
  },
};
