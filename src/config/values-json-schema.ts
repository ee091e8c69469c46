import * as z from 'zod/mini';
import { CONFIG_API_VERSION, CONFIG_KIND } from './load-config.js';
import { valuesSchema } from './values-schema.js';

/** The functionConfig kind's JSON schema, derived from the values schema (for editors and kpt). */
export function valuesJsonSchema(): Record<string, unknown> {
  const values = z.toJSONSchema(valuesSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  const properties = (values.properties ?? {}) as Record<string, unknown>;
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${CONFIG_KIND} (${CONFIG_API_VERSION})`,
    description: 'functionConfig of controller-network-policy: the stageset-controller chart values at the top level, plus target.',
    type: 'object',
    required: ['apiVersion', 'kind'],
    properties: {
      apiVersion: { const: CONFIG_API_VERSION },
      kind: { const: CONFIG_KIND },
      metadata: { type: 'object' },
      ...properties,
    },
    additionalProperties: true,
  };
}
