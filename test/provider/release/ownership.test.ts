import { claimOf, describeOwner, labelValue, Owner, ownerLabels, recordedOwner } from "../../../provider/release/ownership";
import { adoptAllows, refusal } from "../../../provider/release/ownership-errors";
import type { ReleaseMetadata } from "../../../provider/helm/types";

const me: Owner = { organization: "organization", project: "platform", stack: "dev", resource: "platform:dev/backend/api" };
const meta = (labels: Record<string, string>): ReleaseMetadata => ({
  name: "api", namespace: "backend", chart: "web", version: "0.1.0", appVersion: "1.0", revision: 3, status: "deployed", deployedAt: "", labels,
});

describe("labelValue: a valid, deterministic Kubernetes label value", () => {
  const valid = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
  it.each(["dev", "my-stack_1.2", "platform:dev/backend/api", "x".repeat(100), "--weird--", "日本"])("%s", (s) => {
    const v = labelValue(s);
    expect(v.length).toBeLessThanOrEqual(63);
    expect(v).toMatch(valid);
    expect(labelValue(s)).toBe(v);
  });
  it("valid values are kept as they are", () => expect(labelValue("organization")).toBe("organization"));
  it("different names never share a value", () => {
    expect(labelValue("a/b")).not.toBe(labelValue("a:b"));
    expect(labelValue(`${"x".repeat(70)}1`)).not.toBe(labelValue(`${"x".repeat(70)}2`));
  });
});

describe("claimOf", () => {
  it("no owner labels: unowned (installed by helm or helmfile)", () => {
    expect(claimOf({ team: "a" }, me)).toEqual({ kind: "unowned" });
    expect(claimOf(undefined, me)).toEqual({ kind: "unowned" });
  });
  it("our labels: ours", () => expect(claimOf(ownerLabels(me), me)).toEqual({ kind: "ours" }));
  it("another stack of the same project", () => {
    const c = claimOf(ownerLabels({ ...me, stack: "prod" }), me);
    expect(c.kind).toBe("other-stack");
    expect(c.kind === "other-stack" && describeOwner(c.owner)).toBe(`stack organization/platform/prod, resource ${labelValue(me.resource)}`);
  });
  it("another project or organization", () => {
    expect(claimOf(ownerLabels({ ...me, project: "other" }), me).kind).toBe("other-stack");
    expect(claimOf(ownerLabels({ ...me, organization: "acme" }), me).kind).toBe("other-stack");
  });
  it("another resource of this stack", () => expect(claimOf(ownerLabels({ ...me, resource: "api2" }), me).kind).toBe("other-resource"));
  it("partial labels count as an owner (never as unowned)", () => {
    expect(recordedOwner({ "pulumi-helmfile/stack": "dev" })).toEqual({ organization: "", project: "", stack: "dev", resource: "" });
    expect(claimOf({ "pulumi-helmfile/stack": "dev" }, me).kind).toBe("other-stack");
  });
});

describe("adoptAllows", () => {
  const other = claimOf(ownerLabels({ ...me, stack: "prod" }), me);
  it("true takes only a release nobody owns", () => {
    expect(adoptAllows(true, { kind: "unowned" })).toBe(true);
    expect(adoptAllows(true, other)).toBe(false);
    expect(adoptAllows(undefined, { kind: "unowned" })).toBe(false);
    expect(adoptAllows(false, { kind: "unowned" })).toBe(false);
  });
  it("a stack name also takes that stack's release, and only that stack's", () => {
    expect(adoptAllows("organization/platform/prod", other)).toBe(true);
    expect(adoptAllows("organization/platform/staging", other)).toBe(false);
    expect(adoptAllows("platform/prod", other)).toBe(false);
  });
  it("never another resource of this stack", () => {
    expect(adoptAllows("organization/platform/dev", claimOf(ownerLabels({ ...me, resource: "x" }), me))).toBe(false);
  });
});

describe("refusal messages name the release, the owner or the facts, and the way forward", () => {
  it("another stack: names it and how to move the release", () => {
    const m = refusal("install", "backend/api", meta(ownerLabels({ ...me, stack: "prod" })), claimOf(ownerLabels({ ...me, stack: "prod" }), me), { owner: me }).message;
    expect(m).toContain("release backend/api (revision 3, chart web-0.1.0, status deployed) is owned by stack organization/platform/prod");
    expect(m).toContain("stack organization/platform/dev does not install another stack's release: nothing was changed");
    expect(m).toContain('adopt: "organization/platform/prod"');
    expect(m).toContain("pulumi state delete");
  });
  it("nobody's: names revision, chart, status and the option", () => {
    const m = refusal("install", "backend/api", meta({}), { kind: "unowned" }, { owner: me }).message;
    expect(m).toMatch(/already exists \(revision 3, chart web-0\.1\.0, status deployed\) and no stack owns it/);
    expect(m).toContain("`adopt: true`");
    expect(m).toContain("(revision 4), not reinstalled");
  });
  it("another resource: suggests aliases", () => {
    const m = refusal("upgrade", "backend/api", meta({}), claimOf(ownerLabels({ ...me, resource: "old" }), me), { owner: me }).message;
    expect(m).toContain('aliases: [{ name: "old" }]');
  });
});

describe("a renamed resource (aliases) keeps its release", () => {
  it("a release labelled with a former name is ours; another name is not", () => {
    const renamed = { ...me, resource: "api-v2", formerly: ["platform:dev/backend/api"] };
    expect(claimOf(ownerLabels(me), renamed)).toEqual({ kind: "ours" });
    expect(claimOf(ownerLabels({ ...me, resource: "something-else" }), renamed).kind).toBe("other-resource");
  });
});
