// @ts-check
// Parses Mermaid text with Mermaid's own parser (the `mermaid` package, as GitHub renders it), so the
// tests never judge a diagram with a grammar of their own. Mermaid sanitizes labels with DOMPurify,
// which needs a DOM: jsdom gives it one. Reads JSON on stdin: an array of diagram texts; prints a JSON
// array of `null` (accepted) or the parser's message.
import { JSDOM } from 'jsdom';

const { window } = new JSDOM('');
Object.assign(globalThis, { window, document: window.document });
const { default: mermaid } = await import('mermaid');

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
/** @type {string[]} */
const texts = JSON.parse(Buffer.concat(chunks).toString('utf8'));
/** @type {(string | null)[]} */
const verdicts = [];
for (const text of texts) {
  try {
    const parsed = await mermaid.parse(text);
    verdicts.push(parsed && parsed.diagramType === 'flowchart-v2' ? null : `not a flowchart: ${JSON.stringify(parsed)}`);
  } catch (error) {
    verdicts.push(error instanceof Error ? error.message : String(error));
  }
}
process.stdout.write(`${JSON.stringify(verdicts)}\n`);
