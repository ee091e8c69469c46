import type { Endpoint } from './parse-endpoint.js';

/**
 * An endpoint as `host:port` text that parseEndpoint reads back as the same endpoint: a Service as
 * `name.namespace.svc`, an IPv6 address in brackets, and a host of one or two labels with a trailing
 * dot, so that it cannot be read as a Service.
 */
export function formatEndpoint(endpoint: Endpoint): string {
  return `${formatHost(endpoint)}:${endpoint.port}`;
}

/** The host part of formatEndpoint. */
export function formatHost(endpoint: Endpoint): string {
  switch (endpoint.kind) {
    case 'service':
      return endpoint.namespace === undefined ? endpoint.name : `${endpoint.name}.${endpoint.namespace}.svc`;
    case 'ip': {
      const address = endpoint.cidr.slice(0, endpoint.cidr.indexOf('/'));
      return address.includes(':') ? `[${address}]` : address;
    }
    case 'host':
      return endpoint.name.split('.').length <= 2 ? `${endpoint.name}.` : endpoint.name;
    case 'glob':
      return endpoint.pattern;
  }
}
