import { discoverApiserver, type ApiserverFinding } from './apiserver.js';
import { discoverDns, type DnsFinding } from './dns.js';
import { discoverEngines, type EngineFinding } from './engines.js';
import { discoverFlux, type FluxFinding } from './flux.js';
import { unreadableWarnings, type Observations, type Sourced } from './observation.js';
import { detectPlatform, type Platform } from './platform.js';
import { discoverPrometheus, type PrometheusFinding } from './prometheus.js';

/** Everything discover learnt about one cluster, each value with where it came from. */
export interface Discovery {
  /** What was read: `context "kind-kind"`, `cluster.yaml`. */
  source: string;
  platform?: Sourced<Platform>;
  apiserver: ApiserverFinding;
  dns: DnsFinding;
  engines: EngineFinding;
  flux?: FluxFinding;
  prometheus?: Sourced<PrometheusFinding[]>;
  /** What could not be read or used, in the order of the values. */
  warnings: string[];
}

export function analyze(observations: Observations, source: string): Discovery {
  const platform = detectPlatform(observations);
  const apiserver = discoverApiserver(observations, platform);
  const dns = discoverDns(observations, platform);
  const engines = discoverEngines(observations, platform);
  const flux = discoverFlux(observations);
  const prometheus = discoverPrometheus(observations);
  return {
    source,
    ...(platform ? { platform } : {}),
    apiserver,
    dns,
    engines,
    ...(flux ? { flux } : {}),
    ...(prometheus ? { prometheus } : {}),
    warnings: [...unreadableWarnings(observations), ...apiserver.warnings, ...dns.warnings, ...engines.warnings, ...(flux?.warnings ?? [])],
  };
}
