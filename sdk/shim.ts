/**
 * The provider object Pulumi serializes into every HelmRelease's state. It is deliberately tiny and captures nothing:
 * each method requires the implementation by package name when the engine calls it, so the helm driver, the chart
 * cache and their locks live once per process in the installed package, and upgrading the package changes the code
 * that runs without changing any resource's state. Keep this source stable: its text is part of the state.
 */
import type * as pulumi from "@pulumi/pulumi";

/* eslint-disable @typescript-eslint/no-require-imports */
export const shimProvider: pulumi.dynamic.ResourceProvider = {
  check(olds, news) {
    return require("pulumi-helmfile/provider").provider.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-helmfile/provider").provider.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-helmfile/provider").provider.create(inputs);
  },
  read(id, props) {
    return require("pulumi-helmfile/provider").provider.read(id, props);
  },
  update(id, olds, news) {
    return require("pulumi-helmfile/provider").provider.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-helmfile/provider").provider.delete(id, props);
  },
};

/** The same for global (state-level) hooks resources (sdk/state-hooks.ts). Keep this source stable too. */
export const stateHooksShim: pulumi.dynamic.ResourceProvider = {
  check(olds, news) {
    return require("pulumi-helmfile/provider").stateHooksProvider.check(olds, news);
  },
  diff(id, olds, news) {
    return require("pulumi-helmfile/provider").stateHooksProvider.diff(id, olds, news);
  },
  create(inputs) {
    return require("pulumi-helmfile/provider").stateHooksProvider.create(inputs);
  },
  update(id, olds, news) {
    return require("pulumi-helmfile/provider").stateHooksProvider.update(id, olds, news);
  },
  delete(id, props) {
    return require("pulumi-helmfile/provider").stateHooksProvider.delete(id, props);
  },
};
