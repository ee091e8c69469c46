// Baseline: an identity function on the deprecated TypeScript SDK `kpt-functions` 0.16.1 (the lossy
// TypeScript peer). run(fn) reads the ResourceList from stdin (js-yaml 3 safeLoad), sorts the items by
// apiVersion/kind/namespace/name, reconciles the kpt annotations and writes them back with safeDump.
const { run } = require('kpt-functions');

async function identity(configs) {
  // Touch every item as a real function would when it looks for its workloads.
  configs.getAll();
}
identity.usage = 'identity: returns the ResourceList unchanged (except for what the SDK itself does)';

run(identity);
