/** Helm isolation: every HELM_* home and DOCKER_CONFIG in a private temp directory, so tests never touch ~/.config/helm. */
import * as fs from "node:fs";
import * as path from "node:path";

/** Environment variables that point all of helm's state into `dir` (created). */
export function isolatedHelmEnv(dir: string): Record<string, string> {
  const d = (n: string) => {
    const p = path.join(dir, n);
    fs.mkdirSync(p, { recursive: true, mode: 0o700 });
    return p;
  };
  const config = d("config");
  return {
    HELM_CONFIG_HOME: config,
    HELM_CACHE_HOME: d("cache"),
    HELM_DATA_HOME: d("data"),
    HELM_REGISTRY_CONFIG: path.join(config, "registry", "config.json"),
    HELM_REPOSITORY_CONFIG: path.join(config, "repositories.yaml"),
    HELM_REPOSITORY_CACHE: d("repository-cache"),
    DOCKER_CONFIG: d("docker"),
  };
}
