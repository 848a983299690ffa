import * as fs from "node:fs";
import * as path from "node:path";
import { DEFAULT_GOGC, goRuntimeEnv, helmEnv, homesUnder } from "../../../provider/helm/environment";
import { HelmDriver } from "../../../provider/helm/driver";
import { tempDir } from "../../harness/temp";

describe("the Go runtime settings of the tools we start", () => {
  it("GOGC defaults to DEFAULT_GOGC; the user's GOGC, GOMEMLIMIT, GOMAXPROCS and GODEBUG win and are passed on", () => {
    expect(goRuntimeEnv({})).toEqual({ GOGC: DEFAULT_GOGC });
    expect(goRuntimeEnv({ GOGC: "100", GOMEMLIMIT: "512MiB", GOMAXPROCS: "1", GODEBUG: "gctrace=1", GOPATH: "/go" })).toEqual({
      GOGC: "100",
      GOMEMLIMIT: "512MiB",
      GOMAXPROCS: "1",
      GODEBUG: "gctrace=1",
    });
    expect(goRuntimeEnv({ GOGC: "off" }).GOGC).toBe("off");
  });

  it("a helm process gets them: the environment a helm run really sees", async () => {
    const dir = tempDir("goenv");
    const saved = { GOGC: process.env.GOGC, GOMEMLIMIT: process.env.GOMEMLIMIT, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
    try {
      // A stand-in binary: `version` answers as helm 4, anything else prints its environment.
      const bin = path.join(dir, "helm");
      fs.writeFileSync(bin, '#!/bin/sh\nif [ "$1" = version ]; then echo v4.3.1; else env; fi\n', { mode: 0o755 });
      process.env.XDG_CACHE_HOME = path.join(dir, "xdg");
      delete process.env.GOGC;
      process.env.GOMEMLIMIT = "768MiB";
      const homes = homesUnder(path.join(dir, "homes"));
      expect(helmEnv(homes).GOGC).toBe(DEFAULT_GOGC);
      const driver = new HelmDriver({ binary: bin, homes });
      const seen = await driver.template({ releaseName: "r", namespace: "default", chartPath: dir });
      expect(seen).toContain(`GOGC=${DEFAULT_GOGC}\n`);
      expect(seen).toContain("GOMEMLIMIT=768MiB\n");
      process.env.GOGC = "150";
      expect(await driver.template({ releaseName: "r", namespace: "default", chartPath: dir })).toContain("GOGC=150\n");
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
