// Baseline: a plain `js-yaml` (v4) load -> dump round trip of the whole list (lossy: drops comments
// and quoting; the cheapest "parse everything into objects" approach).
const yaml = require('js-yaml');

const chunks = [];
process.stdin.on('data', (c) => chunks.push(c));
process.stdin.on('end', () => {
  const list = yaml.load(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(yaml.dump(list, { lineWidth: -1, noRefs: true, noArrayIndent: true }));
});
