import { stringify } from 'yaml';

/**
 * Block-style YAML for plain data. Strings that a YAML 1.1 reader would take for something else
 * (`yes`, `on`, `0755`, dates) are quoted: kpt writes what functions emit, and kubectl reads 1.1.
 */
export function stringifyBlock(value: unknown): string {
  return stringify(value, STRINGIFY_OPTIONS);
}

export const STRINGIFY_OPTIONS = {
  indent: 2,
  indentSeq: false,
  lineWidth: 0,
  minContentWidth: 0,
  compat: 'yaml-1.1',
  aliasDuplicateObjects: false,
  flowCollectionPadding: false,
} as const;
