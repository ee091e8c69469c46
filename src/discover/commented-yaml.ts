/**
 * A small YAML writer for the values file discover prints: block maps and sequences, short lists in
 * flow style, and a comment on any line (where a value came from). Strings are quoted whenever a YAML
 * 1.1 or 1.2 reader could take them for something else.
 */
export type YamlNode = string | number | boolean | YamlMap | YamlNode[] | Flow;

/** A list of scalars written on one line: `[10.0.0.1/32, 10.0.0.2/32]`. */
export interface Flow {
  flow: readonly (string | number)[];
}

export interface YamlEntry {
  key: string;
  value: YamlNode;
  /** Written after the key (or the value, for a scalar). */
  comment?: string;
  /** Comment lines written above the key. */
  before?: readonly string[];
  /** Written commented out (`# key: value`, scalars and flow lists only): a suggestion the user turns on. */
  disabled?: boolean;
}

export interface YamlMap {
  entries: readonly YamlEntry[];
}

const PLAIN = /^[A-Za-z_/][\w./-]*$|^[0-9][\w.-]*\/[0-9]+$|^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/;
// words some YAML version reads as a boolean or null; and an exponent alone (`e0`, `E5`), which the
// YAML 1.1 float of `yaml` reads as a number
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$|^e[-+]?[0-9]+$/i;

export function scalar(value: string | number | boolean): string {
  if (typeof value !== 'string') return String(value);
  return PLAIN.test(value) && !RESERVED.test(value) ? value : JSON.stringify(value);
}

function isMap(node: YamlNode): node is YamlMap {
  return typeof node === 'object' && !Array.isArray(node) && 'entries' in node;
}

function isFlow(node: YamlNode): node is Flow {
  return typeof node === 'object' && !Array.isArray(node) && 'flow' in node;
}

function inline(node: YamlNode): string | undefined {
  if (isFlow(node)) return `[${node.flow.map(scalar).join(', ')}]`;
  if (isMap(node) || Array.isArray(node)) return undefined;
  return scalar(node);
}

const withComment = (line: string, comment: string | undefined) => (comment ? `${line}  # ${comment}` : line);

/** The lines of a map's entries at an indentation; `first` replaces the indentation of the first line (`- `). */
function mapLines(map: YamlMap, indent: string, first = indent): string[] {
  const lines: string[] = [];
  map.entries.forEach((entry, index) => {
    const lead = index === 0 ? first : indent;
    for (const line of entry.before ?? []) lines.push(`${indent}# ${line}`.trimEnd());
    const mark = entry.disabled ? '# ' : '';
    const value = inline(entry.value);
    if (value !== undefined) {
      lines.push(withComment(`${lead}${mark}${entry.key}: ${value}`, entry.comment));
      return;
    }
    if (entry.disabled) throw new Error('only a scalar or a flow list is written commented out');
    lines.push(withComment(`${lead}${entry.key}:`, entry.comment));
    // sequences sit at their key's indentation, as kubectl writes them
    lines.push(...nodeLines(entry.value, Array.isArray(entry.value) ? indent : `${indent}  `));
  });
  return lines;
}

function nodeLines(node: YamlNode, indent: string): string[] {
  if (isMap(node)) return mapLines(node, indent);
  if (!Array.isArray(node)) throw new Error('a scalar has no lines of its own');
  return node.flatMap((item) => {
    const value = inline(item);
    if (value !== undefined) return [`${indent}- ${value}`];
    if (isMap(item)) return mapLines(item, `${indent}  `, `${indent}- `);
    throw new Error('a list in a list is not written');
  });
}

/** A whole document: its comment header, then the map. */
export function stringifyCommented(map: YamlMap, header: readonly string[] = []): string {
  return [...header.map((l) => `# ${l}`.trimEnd()), ...mapLines(map, '')].join('\n') + '\n';
}
