/** Stdin as text, or why it is not YAML text. */
export type Decoded = { text: string; error?: undefined } | { text?: undefined; error: string };

/**
 * Decodes stdin strictly: invalid UTF-8 is an error naming the first bad byte, never replaced by
 * U+FFFD (which is itself valid text and passes through). A byte-order mark is dropped; NUL is
 * refused, as YAML has no place for it.
 */
export function decodeInput(input: string | Uint8Array): Decoded {
  let text: string;
  if (typeof input === 'string') {
    text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(input); // drops a BOM too
    } catch {
      const at = firstInvalidByte(input);
      return { error: `input is not UTF-8: invalid byte 0x${(input[at] ?? 0).toString(16).padStart(2, '0')} at offset ${at}` };
    }
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) return { error: `input is not YAML text: a NUL character on line ${lineOf(text, nul)}` };
  return { text };
}

/** Where the first ill-formed sequence starts (Unicode table 3-7: no overlongs, surrogates or code points past U+10FFFF). */
function firstInvalidByte(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const [length, low, high] = b >= 0xc2 && b <= 0xdf ? [2, 0x80, 0xbf] : b === 0xe0 ? [3, 0xa0, 0xbf] : b === 0xed ? [3, 0x80, 0x9f] : b >= 0xe1 && b <= 0xef ? [3, 0x80, 0xbf] : b === 0xf0 ? [4, 0x90, 0xbf] : b === 0xf4 ? [4, 0x80, 0x8f] : b >= 0xf1 && b <= 0xf3 ? [4, 0x80, 0xbf] : [0, 0, 0];
    if (length === 0 || i + length > bytes.length) return i;
    const second = bytes[i + 1]!;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    i += length;
  }
  return bytes.length;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
