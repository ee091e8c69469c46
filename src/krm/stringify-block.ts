/**
 * Block-style YAML for plain data (what renderers return, results), written directly: one pass, no
 * document model. A string is written plain only when every YAML 1.1 and 1.2 reader takes it for that
 * string (`yes`, `on`, `0755`, `1:20`, dates are quoted: kpt writes what functions emit, and kubectl
 * reads YAML 1.1); everything else is double-quoted. Sequences sit at their key's indentation.
 */
export function stringifyBlock(value: unknown): string {
  if (isMap(value) && Object.keys(definedEntries(value)).length > 0) return mapLines(value, 0).join('\n') + '\n';
  if (Array.isArray(value) && value.length > 0) return seqLines(value, 0).join('\n') + '\n';
  return `${scalar(value)}\n`;
}

/** Options for yaml's Document.toString when an existing item is edited in place. */
export const STRINGIFY_OPTIONS = {
  indent: 2,
  indentSeq: false,
  lineWidth: 0,
  minContentWidth: 0,
  compat: 'yaml-1.1',
  aliasDuplicateObjects: false,
  flowCollectionPadding: false,
} as const;

type Map = Record<string, unknown>;

function isMap(value: unknown): value is Map {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function definedEntries(map: Map): Map {
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
}

function isBlock(value: unknown): boolean {
  return (isMap(value) && Object.keys(definedEntries(value)).length > 0) || (Array.isArray(value) && value.length > 0);
}

function mapLines(map: Map, indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const [key, value] of Object.entries(definedEntries(map))) {
    if (!isBlock(value)) lines.push(`${pad}${scalar(key)}: ${scalar(value)}`);
    else if (Array.isArray(value)) lines.push(`${pad}${scalar(key)}:`, ...seqLines(value, indent));
    else lines.push(`${pad}${scalar(key)}:`, ...mapLines(value as Map, indent + 2));
  }
  return lines;
}

function seqLines(seq: readonly unknown[], indent: number): string[] {
  const pad = ' '.repeat(indent);
  const lines: string[] = [];
  for (const item of seq) {
    if (!isBlock(item)) {
      lines.push(`${pad}- ${scalar(item ?? null)}`);
      continue;
    }
    // the item's block one level in, its first line behind the dash
    const block = Array.isArray(item) ? seqLines(item, indent + 2) : mapLines(item as Map, indent + 2);
    lines.push(`${pad}- ${block[0]!.slice(indent + 2)}`, ...block.slice(1));
  }
  return lines;
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : Number.isNaN(value) ? '.nan' : value > 0 ? '.inf' : '-.inf';
  if (isMap(value)) return '{}';
  if (Array.isArray(value)) return '[]';
  const text = String(value);
  return isPlainSafe(text) ? text : quote(text);
}

/** Words that some YAML version reads as a boolean or null. */
const KEYWORD = /^(?:y|yes|n|no|on|off|true|false|null)$/i;
const PLAIN_CHARS = /^[A-Za-z0-9_./][A-Za-z0-9 _./=!&|()'"<>+*@%$^~?,;:[\]{}-]*$/;
const EXPONENT_ONLY = /^[eE][-+]?[0-9]+$/;

function isPlainSafe(text: string): boolean {
  if (!PLAIN_CHARS.test(text) || KEYWORD.test(text)) return false;
  if (text.endsWith(' ') || text.endsWith(':') || text.includes(': ') || text.includes(' #')) return false;
  // Starting with a digit or a dot, only a '/' rules out every number, date and sexagesimal form.
  if (/^[0-9.]/.test(text) && (!text.includes('/') || text.includes(' ') || text.includes(':'))) return false;
  // YAML 1.1's float in `yaml` needs no digit before the exponent: `E0` or `e5` reads as a number.
  return !EXPONENT_ONLY.test(text);
}

/** JSON's string syntax is YAML's double-quoted style; non-printable characters are escaped too. */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
