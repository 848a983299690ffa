/**
 * Finding the plaintext of secret inputs, so the preview render can mask them: walks an input structure and, for each
 * Output marked secret, collects every string inside it.
 */
import * as pulumi from "@pulumi/pulumi";

function strings(v: unknown, into: string[]): void {
  if (typeof v === "string") into.push(v);
  else if (typeof v === "number" || typeof v === "boolean") into.push(String(v));
  else if (Array.isArray(v)) v.forEach((x) => strings(x, into));
  else if (v && typeof v === "object") Object.values(v).forEach((x) => strings(x, into));
}

/** Every string (and number) inside secret Outputs anywhere in `input`. The result is itself secret. */
export function secretStrings(input: unknown): pulumi.Output<string[]> {
  const parts: pulumi.Output<string[]>[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 64 || v === null || v === undefined) return;
    if (pulumi.Output.isInstance(v)) {
      const o = v as pulumi.Output<unknown>;
      parts.push(
        pulumi.output(pulumi.isSecret(o)).apply((secret) =>
          o.apply((resolved) => {
            const out: string[] = [];
            // A non-secret Output resolves to plain data: secretness propagates outwards through pulumi.output/all.
            if (secret) strings(resolved, out);
            return out;
          }),
        ),
      );
      return;
    }
    if (Array.isArray(v)) v.forEach((x) => walk(x, depth + 1));
    else if (typeof v === "object" && !(v instanceof Promise)) Object.values(v as object).forEach((x) => walk(x, depth + 1));
  };
  walk(input, 0);
  return pulumi.all(parts).apply((lists) => lists.flat());
}
