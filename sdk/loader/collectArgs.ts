/**
 * helmfile's split of an extra-args string (`--args`, `--template-args`, helmDefaults.args; pkg/argparser
 * CollectArgs): words split on spaces; a word starting with `-` is a flag, taking the next word as its value unless
 * that is a flag too; words that are not flags nor values are dropped, as helmfile drops them; repeated flags are
 * grouped at the position of their first occurrence.
 */

interface FlagArg {
  key: string;
  value: string;
  /** The value was a separate word (`--f v`), not `--f=v`. */
  spaced: boolean;
}

/** The helm arguments helmfile makes of `args`. */
export function collectArgs(args: string): string[] {
  const words = args.split(" ").filter((w) => w.length > 0);
  const isFlag = (w: string) => w.startsWith("-");
  const order: string[] = [];
  const byKey = new Map<string, FlagArg[]>();
  const add = (a: FlagArg) => {
    if (!byKey.has(a.key)) {
      byKey.set(a.key, []);
      order.push(a.key);
    }
    byKey.get(a.key)?.push(a);
  };
  words.forEach((w, i) => {
    if (!isFlag(w)) return;
    const eq = w.indexOf("=");
    if (eq >= 0) add({ key: w.slice(0, eq), value: w.slice(eq + 1), spaced: false });
    else if (i + 1 < words.length && !isFlag(words[i + 1])) add({ key: w, value: words[i + 1], spaced: true });
    else add({ key: w, value: "", spaced: false });
  });
  return order.flatMap((k) =>
    (byKey.get(k) ?? []).flatMap((a) => (a.value === "" ? [a.key] : a.spaced ? [a.key, a.value] : [`${a.key}=${a.value}`])),
  );
}
