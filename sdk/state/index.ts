/** Resolved helmfile state types shared by the loader, the CLI and the SDK. */
export * from "./types";
export * from "./secret";
