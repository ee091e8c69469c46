// Compiles the vendored API schemas (schemas/**) into one standalone Ajv validator per dialect:
// dist/validators/<dialect>.cjs. Compiling the ~430 KB Cilium CRD with Ajv at start-up would cost far
// more than the whole function run, so it happens here, once, at build time; src/validate loads only
// the file of the dialect in use, with a plain require().
//
// The CRD schemas are rewritten to behave like the API server in the ways that matter for output we
// generate ourselves:
// * every object is closed (additionalProperties: false) unless the schema preserves unknown fields
//   or already says what extra keys may hold: the API server prunes unknown fields silently, so a typo
//   would vanish at apply time and change the policy's meaning;
// * x-kubernetes-int-or-string becomes type [integer, string]; x-kubernetes-list-type: set becomes
//   uniqueItems; format int32 becomes explicit bounds; other formats are dropped (k8s ignores the ones
//   it does not know; the `cidr` fields are re-checked, stricter, in src/validate);
// * Go (RE2) pattern classes such as \PC are translated to JS (\P{C} with the u flag) and every pattern
//   must compile, or the build fails;
// * the root `metadata` (just `type: object` in a CRD) becomes a closed ObjectMeta schema.
// CEL rules (x-kubernetes-validations) cannot run here; the ones that matter are re-implemented in
// src/validate/*-rules.ts. Their count per dialect is printed so a CRD update that adds rules is noticed.
//
// Each file exports the Ajv validate function and `schemaJson`, the normalized schema it was compiled
// from: src/validate/schema-violations.ts reads field names, enums and "one of" junctions from it to word
// its messages (did you mean …?) when an object is invalid.
//
// Usage: node scripts/build-validators.mjs   (npm run build:validators; part of npm run build)
import { build } from 'esbuild';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);
const Ajv = require('ajv').default;
const standaloneCode = require('ajv/dist/standalone').default;

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'dist', 'validators');

/** `id` = the `validator` of each kind in src/validate/validated-kinds.ts. */
const DIALECTS = [
  { id: 'kubernetes', file: 'schemas/kubernetes/networking.k8s.io_v1_networkpolicies.yaml' },
  { id: 'cilium', file: 'schemas/cilium/ciliumnetworkpolicies.yaml', version: 'v2' },
  { id: 'calico', file: 'schemas/calico/projectcalico.org_networkpolicies.yaml', version: 'v3' },
  {
    id: 'cluster-network-policy',
    file: 'schemas/network-policy-api/standard/policy.networking.k8s.io_clusternetworkpolicies.yaml',
    version: 'v1alpha2',
  },
];

const INT32 = { minimum: -2147483648, maximum: 2147483647 };
/** Keys with no effect on validation: dropped so they do not reach Ajv (strict mode) or the output. */
const DROPPED_KEYS = ['description', 'default', 'example', 'title', 'externalDocs'];

function loadYaml(file) {
  return parse(readFileSync(join(root, file), 'utf8'), { maxAliasCount: -1 });
}

/** openAPIV3Schema of a CRD's version, or of a hand-written file that holds just that key. */
function openApiSchema({ file, version }) {
  const doc = loadYaml(file);
  if (doc.kind !== 'CustomResourceDefinition') return doc.openAPIV3Schema;
  const v = doc.spec.versions.find((x) => x.name === version);
  if (!v?.served) throw new Error(`${file}: version ${version} is not served`);
  return v.schema.openAPIV3Schema;
}

/**
 * Go RE2 → JS (u flag): what the vendored schemas use, plus the RE2 forms a JS regexp would misread
 * silently. Anything else RE2-only fails the build rather than validate differently from the API server.
 */
function goPatternToJs(pattern) {
  if (/\(\?[a-zA-Z]|\\Q|\[:[a-z]+:\]/.test(pattern)) {
    throw new Error(`pattern uses RE2-only syntax (flags, \\Q...\\E or [:class:]): ${pattern}`);
  }
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = pattern[i + 1];
    if ((next === 'p' || next === 'P') && pattern[i + 2] !== '{') {
      out += `\\${next}{${pattern[i + 2]}}`; // \PC → \P{C}: one-letter Unicode class
      i += 2;
    } else if (next === 'z' || next === 'A') {
      out += next === 'z' ? '$' : '^'; // RE2 text anchors; JS ^ and $ mean the same without the m flag
      i += 1;
    } else {
      out += c + next;
      i += 1;
    }
  }
  new RegExp(out, 'u'); // throws on anything JS cannot compile
  return out;
}

/**
 * RE2 matches in linear time; JS backtracks. These CRD patterns backtrack exponentially in JS (a
 * 30-character Cilium matchName with a trailing space takes seconds), so they are replaced by
 * equivalent ones without nested quantifiers. Equivalence is checked by checkSafeEquivalents().
 */
const SAFE_EQUIVALENTS = {
  // Cilium toFQDNs/rules.dns matchName
  '^([-a-zA-Z0-9_]+[.]?)+$': '^[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$',
  // Cilium toFQDNs/rules.dns matchPattern
  '^([-a-zA-Z0-9_*]+[.]?)+$': '^[-a-zA-Z0-9_*]+(\\.[-a-zA-Z0-9_*]+)*\\.?$',
  // Cilium toPorts serverNames
  '^(\\*?\\*\\.)?([-a-zA-Z0-9_]+\\.?)+$': '^(\\*?\\*\\.)?[-a-zA-Z0-9_]+(\\.[-a-zA-Z0-9_]+)*\\.?$',
  // Cilium port (anchored on one side only, as upstream): a suffix matching ([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*
  // exists iff one starting at a letter does; the original is cubic in JS.
  '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|([a-zA-Z0-9]-?)*[a-zA-Z](-?[a-zA-Z0-9])*$':
    '^(6553[0-5]|655[0-2][0-9]|65[0-4][0-9]{2}|6[0-4][0-9]{3}|[1-5][0-9]{4}|[0-9]{1,4})|[a-zA-Z](-?[a-zA-Z0-9])*$',
};

/** Every string of at most `maxLength` characters over `alphabet`. */
function allStrings(alphabet, maxLength) {
  const all = [''];
  let layer = [''];
  for (let n = 1; n <= maxLength; n++) {
    layer = layer.flatMap((s) => alphabet.map((c) => s + c));
    all.push(...layer);
  }
  return all;
}

function checkSafeEquivalents() {
  const samples = allStrings(['a', 'Z', '1', '6', '5', '-', '_', '.', '*', ' '], 5);
  for (const [original, safe] of Object.entries(SAFE_EQUIVALENTS)) {
    const [a, b] = [new RegExp(original, 'u'), new RegExp(safe, 'u')];
    const differs = samples.find((x) => a.test(x) !== b.test(x));
    if (differs !== undefined) throw new Error(`${safe} is not equivalent to ${original}: they differ on ${JSON.stringify(differs)}`);
  }
}

/** Fails the build on a pattern that backtracks badly on long non-matching input (a hang at run time). */
const checkedPatterns = new Set();
function checkBacktracking(pattern) {
  if (checkedPatterns.has(pattern)) return;
  checkedPatterns.add(pattern);
  const re = new RegExp(pattern, 'u');
  for (const [length, limitMs] of [[24, 20], [400, 50]]) {
    for (const seed of ['a', 'A', '1', '-', '_', '.', '*', 'a-', 'a.', 'a1', 'a_']) {
      for (const tail of ['!', ' ', '..', '-', '.-', '--']) {
        const input = seed.repeat(length).slice(0, length) + tail;
        const start = performance.now();
        re.test(input);
        if (performance.now() - start > limitMs) {
          throw new Error(`pattern ${pattern} backtracks on ${JSON.stringify(input)}: add a safe equivalent to SAFE_EQUIVALENTS`);
        }
      }
    }
  }
}

/** A oneOf/anyOf whose branches only require one field each ("exactly one / at least one of"). */
function requiredOnlyBranches(branches) {
  const names = [];
  for (const b of branches) {
    const keys = Object.keys(b).filter((k) => k !== 'properties' && !DROPPED_KEYS.includes(k));
    if (keys.length !== 1 || keys[0] !== 'required' || b.required.length !== 1) return undefined;
    const props = b.properties ?? {};
    if (Object.keys(props).some((k) => Object.keys(props[k]).length > 0 || k !== b.required[0])) return undefined;
    names.push(b.required[0]);
  }
  return names;
}

/** Rewrites one structural node in place (see the header); `where` names it in build errors. */
function normalize(node, where, ctx) {
  for (const k of DROPPED_KEYS) delete node[k];

  if (node['x-kubernetes-validations']) {
    ctx.cel += node['x-kubernetes-validations'].length;
    delete node['x-kubernetes-validations'];
  }
  const preserveUnknown = node['x-kubernetes-preserve-unknown-fields'] === true;
  if (node['x-kubernetes-int-or-string'] === true) {
    delete node.anyOf; // always [{type: integer}, {type: string}] in a structural schema
    node.type = ['integer', 'string'];
  }
  if (node['x-kubernetes-list-type'] === 'set') node.uniqueItems = true;
  for (const k of Object.keys(node)) if (k.startsWith('x-kubernetes-')) delete node[k];

  if (node.format === 'int32') {
    node.minimum ??= INT32.minimum;
    node.maximum ??= INT32.maximum;
  }
  // Only these `format: cidr` fields are re-checked by src/validate/cilium-rules.ts: a new one must be added there.
  if (node.format === 'cidr' && !/\.(from|to)CIDR(\[\]|Set\[\]\.(cidr|except\[\]))$/.test(where)) {
    throw new Error(`${where}: format cidr on a field src/validate does not check`);
  }
  delete node.format;
  if (typeof node.pattern === 'string') {
    const js = goPatternToJs(node.pattern);
    node.pattern = SAFE_EQUIVALENTS[js] ?? js;
    checkBacktracking(node.pattern);
  }

  for (const junctor of ['oneOf', 'anyOf']) {
    if (!node[junctor]) continue;
    // The error translator names the fields from these branches; anything richer would need new messages.
    const names = requiredOnlyBranches(node[junctor]);
    if (!names) throw new Error(`${where}.${junctor}: only "one of these fields" junctors are supported`);
    node[junctor] = names.map((n) => ({ required: [n] }));
  }
  if (node.allOf || node.not) throw new Error(`${where}: allOf/not are not expected in these schemas`);

  if (node.properties) {
    for (const [name, child] of Object.entries(node.properties)) normalize(child, `${where}.${name}`, ctx);
  }
  if (node.additionalProperties && typeof node.additionalProperties === 'object') {
    normalize(node.additionalProperties, `${where}.*`, ctx);
  } else if ((node.type === 'object' || node.properties) && !preserveUnknown && node.additionalProperties === undefined) {
    node.additionalProperties = false;
  }
  if (node.items) normalize(node.items, `${where}[]`, ctx);
}

function* schemaChildren(node) {
  if (node.properties) yield* Object.values(node.properties);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') yield node.additionalProperties;
  if (node.items) yield node.items;
}

/**
 * Moves repeated subschemas (Cilium repeats its rule types in spec/specs and ingress/ingressDeny, and
 * label selectors everywhere) into `definitions`. With inlineRefs: false Ajv then emits one function per
 * definition instead of a copy per use, which divides the Cilium validator's size (and load time) by ~4.
 */
function dedupe(schema) {
  const MIN_CHARS = 200; // below this a function call saves nothing
  const counts = new Map();
  (function count(node) {
    const key = JSON.stringify(node);
    counts.set(key, (counts.get(key) ?? 0) + 1);
    for (const child of schemaChildren(node)) count(child);
  })(schema);

  const names = new Map();
  const definitions = {};
  function replaceChildren(node) {
    const swap = (child) => {
      const key = JSON.stringify(child);
      if (key.length < MIN_CHARS || counts.get(key) < 2) {
        replaceChildren(child);
        return child;
      }
      let name = names.get(key);
      if (!name) {
        name = `d${names.size}`;
        names.set(key, name);
        definitions[name] = child;
        replaceChildren(child);
      }
      return { $ref: `#/definitions/${name}` };
    };
    if (node.properties) for (const k of Object.keys(node.properties)) node.properties[k] = swap(node.properties[k]);
    if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      node.additionalProperties = swap(node.additionalProperties);
    }
    if (node.items) node.items = swap(node.items);
  }
  replaceChildren(schema);
  if (names.size > 0) schema.definitions = definitions;
  return schema;
}

function dialectSchema(dialect) {
  const schema = structuredClone(openApiSchema(dialect));
  schema.properties.metadata = structuredClone(openApiSchema({ file: 'schemas/kubernetes/objectmeta.yaml' }));
  const ctx = { cel: 0 };
  normalize(schema, dialect.id, ctx);
  return { schema: dedupe(schema), cel: ctx.cel };
}

async function buildDialect(dialect) {
  const { schema, cel } = dialectSchema(dialect);
  const ajv = new Ajv({
    allErrors: true, // report every problem of an object at once
    messages: false, // src/validate/schema-violations.ts writes the messages; keeps the generated code small
    strict: true,
    strictRequired: false, // the oneOf/anyOf branches name fields declared by the parent node
    allowUnionTypes: true,
    validateFormats: false,
    inlineRefs: false, // see dedupe()
    code: { source: true, esm: false, optimize: true },
  });
  const source = standaloneCode(ajv, ajv.compile(schema));
  // The normalized schema rides along as a JSON string: scanning a string literal costs next to nothing
  // at load time, and it is parsed only when an object is invalid, to name fields in the messages.
  const outfile = join(outDir, `${dialect.id}.cjs`);
  await build({
    stdin: {
      contents: `${source}\nmodule.exports.schemaJson = ${JSON.stringify(JSON.stringify(schema))};\n`,
      resolveDir: root, // Ajv's runtime helpers are bundled in: the file is self-contained
      sourcefile: `${dialect.id}-validator.cjs`,
      loader: 'js',
    },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    outfile,
    logLevel: 'warning',
  });
  const kb = (statSync(outfile).size / 1024).toFixed(0);
  console.log(`dist/validators/${dialect.id}.cjs ${kb} KB (${cel} CEL rules dropped: see src/validate/*-rules.ts)`);
}

checkSafeEquivalents();
mkdirSync(outDir, { recursive: true });
for (const dialect of DIALECTS) await buildDialect(dialect);
