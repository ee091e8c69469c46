import type { LineEnds } from './line-ends.js';

/**
 * The ResourceList as text regions. Everything the function does not own is kept as the exact source
 * bytes: each top-level key's region, and each item's slice of the `items` sequence.
 */
export interface ResourceListText {
  /** Top-level regions in source order; `key` is undefined for leading comments and markers. */
  regions: Region[];
  /** Slices of the `items` sequence, each from the start of its `-` line, ending in a newline (LF). */
  items: string[];
  /** Column of the items' `-` indicator (0 for kubectl/kyaml style, 2 for yaml's default). */
  seqIndent: number;
  /**
   * How the list was read: `fast` line scan; `parsed` full parse, source slices; `flow` full parse of a
   * flow-style or JSON list, each item a block entry holding its own flow text; `rebuilt` written here.
   */
  mode: 'fast' | 'parsed' | 'flow' | 'rebuilt';
  /** The input's line ends; absent means LF. */
  ends?: LineEnds;
  /** The input's own bytes of each region and item, when they differ from the LF text above (CR line ends). */
  source?: { regions: string[]; items: string[] };
}

export interface Region {
  key: string | undefined;
  /** The region's source text. For `items`, only the `items:` line and comments before the first item. */
  text: string;
}

/** Index of the first character of the line holding `offset`. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
