/** The kustomization chartify writes (provider/chartify/kustomization.ts): its text, the patch files, the split of kustomize's output, input problems. */
import { parse } from "yaml";
import { patchKustomization, patchProblems, splitPatched } from "../../../provider/chartify/kustomization";

describe("patchKustomization", () => {
  it("lists the rendered files, JSON patches with their ops files, SMP files, then transformers (chartify's layout)", () => {
    const k = patchKustomization(["templates/a.yaml", "charts/sub/templates/b.yaml"], {
      jsonPatches: [{ target: { kind: "Deployment", name: "web" }, patch: [{ op: "replace", path: "/spec/replicas", value: 5 }] }],
      strategicMergePatches: ["kind: ConfigMap\nmetadata: {name: c}\n", { kind: "Service", metadata: { name: "s" } }],
      transformers: ["apiVersion: builtin\nkind: LabelTransformer\n"],
    });
    expect(parse(k.kustomization)).toEqual({
      kind: "", apiversion: "",
      resources: ["templates/a.yaml", "charts/sub/templates/b.yaml"],
      patches: [
        { target: { kind: "Deployment", name: "web" }, path: "jsonpatches/patch.0.yaml" },
        { path: "strategicmergepatches/patch.0.yaml" },
        { path: "strategicmergepatches/patch.1.yaml" },
      ],
      transformers: ["transformers/transformer.0.yaml"],
    });
    expect(parse(k.files["jsonpatches/patch.0.yaml"])).toEqual([{ op: "replace", path: "/spec/replicas", value: 5 }]);
    expect(k.files["strategicmergepatches/patch.0.yaml"]).toBe("kind: ConfigMap\nmetadata: {name: c}\n");
    expect(parse(k.files["strategicmergepatches/patch.1.yaml"])).toEqual({ kind: "Service", metadata: { name: "s" } });
    expect(Object.keys(k.files).sort()).toEqual(["jsonpatches/patch.0.yaml", "strategicmergepatches/patch.0.yaml", "strategicmergepatches/patch.1.yaml", "transformers/transformer.0.yaml"]);
  });

  it("no patches: key when only transformers are given", () => {
    expect(parse(patchKustomization(["templates/a.yaml"], { transformers: ["kind: X\n"] }).kustomization).patches).toBeUndefined();
  });
});

describe("splitPatched", () => {
  it("splits on document separators, CRDs apart, each document followed by ---", () => {
    const out = "kind: ConfigMap\nmetadata: {name: a}\n---\napiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: b}\n---\nkind: Service\nmetadata: {name: c}\n";
    const s = splitPatched(out);
    expect(s.resources).toBe("kind: ConfigMap\nmetadata: {name: a}\n---\nkind: Service\nmetadata: {name: c}\n---\n");
    expect(s.crds).toBe("apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: b}\n---\n");
    expect([s.resourceCount, s.crdCount]).toEqual([2, 1]);
  });
  it("one document without a separator is one resource; a nested `kind: CustomResourceDefinition` is not a CRD", () => {
    const s = splitPatched("kind: ConfigMap\ndata:\n  kind: CustomResourceDefinition\n");
    expect([s.resourceCount, s.crdCount]).toEqual([1, 0]);
  });
});

describe("patchProblems", () => {
  it("names the list and index of each bad entry", () => {
    const p = patchProblems({
      jsonPatches: [{ target: { kind: "A" }, patch: [] }, { patch: [{ op: "remove", path: "/x" }] }],
      strategicMergePatches: ["a: [unclosed"],
      transformers: [{ kind: "PatchTransformer" }, "kind: PatchTransformer\npath: other.yaml\n"],
    });
    expect(p.map((x) => x.reason)).toEqual([
      expect.stringMatching(/^jsonPatches\[0\]\.patch: /),
      expect.stringMatching(/^jsonPatches\[1\]\.target: /),
      expect.stringMatching(/^strategicMergePatches\[0\]: invalid YAML/),
      expect.stringMatching(/^transformers\[1\]: .*path:.* not supported/),
    ]);
  });
});
