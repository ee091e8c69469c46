import type { EgressPeer, EgressTarget } from './egress-target.js';

/**
 * One line of text for a list of derived targets, for the info result that says what is (or, with
 * derived.enabled off, would be) derived: `the OTLP collector … → pods in namespace observability,
 * TCP 4317 (controller.tracing.endpoint); …`.
 */
export function describeTargets(targets: readonly EgressTarget[]): string {
  return targets.length === 0 ? 'nothing' : targets.map(describeTarget).join('; ');
}

export function describeTarget(target: EgressTarget): string {
  const ports = target.ports.map((p) => p.port).join(', ');
  const origins = [target.origin, ...(target.alsoFrom ?? [])].join(', ');
  return `${target.what} → ${describePeer(target.to)}, TCP ${ports} (${origins})`;
}

function describePeer(peer: EgressPeer): string {
  switch (peer.kind) {
    case 'pods': {
      const labels = Object.entries(peer.labels ?? {}).map(([key, value]) => `${key}=${value}`);
      return labels.length > 0 ? `pods ${labels.join(',')} in namespace ${peer.namespace}` : `pods in namespace ${peer.namespace}`;
    }
    case 'cidr':
      return peer.cidr;
    case 'fqdn':
      return 'name' in peer ? `the host ${peer.name}` : `hosts matching ${peer.pattern}`;
  }
}
