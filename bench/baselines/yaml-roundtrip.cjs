// Baseline: the naive lossless approach, a `yaml` (v2) Document round trip of the whole list:
// parseDocument(stdin) -> toString() -> stdout. Keeps comments and quoting, pays for a full CST/AST.
const { parseDocument } = require('yaml');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const doc = parseDocument(Buffer.concat(chunks).toString('utf8'));
  if (doc.errors.length > 0) {
    process.stderr.write(`${doc.errors[0].message}\n`);
    process.exitCode = 1;
    return;
  }
  // Kept close to the kpt wire format: compact sequences, no line folding, {a: b} flow maps.
  process.stdout.write(doc.toString({ indentSeq: false, lineWidth: 0, flowCollectionPadding: false }));
});
