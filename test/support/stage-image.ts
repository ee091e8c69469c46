/**
 * The container image without a Docker daemon: reads the Dockerfile and the .dockerignore, and lays
 * out on disk the files the runtime stage would hold, so the tests can run the entry point the way the
 * image does (test/e2e/image-contract.test.ts; the fake docker via FAKE_DOCKER_IMAGE_ROOT).
 */
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative } from 'node:path';
import { freshDir, runOk } from './e2e';
import { ROOT } from './paths';

export interface Instruction {
  /** Upper-case keyword: FROM, COPY, RUN … */
  keyword: string;
  /** `--from=build` → { from: 'build' } */
  flags: Record<string, string>;
  /** The rest, split on whitespace, or the JSON array of the exec form. */
  args: string[];
  /** The exec form (`["a", "b"]`) was used. */
  json: boolean;
  line: number;
}

export interface Stage {
  name?: string;
  base: string;
  instructions: Instruction[];
}

/** A Dockerfile's stages (line continuations joined, comments and parser directives dropped). */
export function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      if (/^\s*#/.test(next)) continue; // comment lines inside a continuation are removed
      line = line.replace(/\\\s*$/, ' ') + next;
    }
    const [, keyword = '', rest = ''] = /^\s*(\S+)\s*(.*)$/.exec(line) ?? [];
    const flags: Record<string, string> = {};
    let body = rest.trim();
    for (let m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(body); m; m = /^--([\w-]+)(?:=(\S*))?\s*/.exec(body)) {
      flags[m[1]!] = m[2] ?? 'true';
      body = body.slice(m[0].length);
    }
    const json = body.startsWith('[');
    const args = json ? (JSON.parse(body) as string[]) : body.split(/\s+/).filter(Boolean);
    const instruction: Instruction = { keyword: keyword.toUpperCase(), flags, args, json, line: start + 1 };
    if (instruction.keyword === 'FROM') {
      const as = args.findIndex((a) => a.toUpperCase() === 'AS');
      stages.push({ base: args[0] ?? '', ...(as >= 0 ? { name: args[as + 1] } : {}), instructions: [instruction] });
    } else if (stages.length) {
      stages[stages.length - 1]!.instructions.push(instruction);
    }
  }
  return stages;
}

export function readDockerfile(): Stage[] {
  return parseDockerfile(readFileSync(join(ROOT, 'Dockerfile'), 'utf8'));
}

/** The last value of an instruction in a stage (WORKDIR resolved against the previous ones). */
export function workdirOf(stage: Stage): string {
  let dir = '/';
  for (const i of stage.instructions) if (i.keyword === 'WORKDIR') dir = posix.resolve(dir, i.args[0] ?? '/');
  return dir;
}

export function last(stage: Stage, keyword: string): Instruction | undefined {
  return stage.instructions.filter((i) => i.keyword === keyword).at(-1);
}

export interface StagedImage {
  /** Directory standing for the image's `/`. */
  root: string;
  /** Host path of the script the ENTRYPOINT runs with node. */
  entrypoint: string;
  /** Directory holding bin/, dist/, package.json (for the fake docker's FAKE_DOCKER_IMAGE_ROOT). */
  appDir: string;
  /** Image paths copied into the runtime stage, e.g. /app/dist. */
  copied: string[];
  /** Host path of the base image's node (the ENTRYPOINT's /nodejs/bin/node), when options.node laid it. */
  node?: string;
}

export interface StageOptions {
  /**
   * A Node.js binary standing for the base images' `/nodejs/bin/node`: the exec-form RUN steps of the
   * stages between the build stage and the runtime stage run with it (they write V8's code cache),
   * and it is laid into the image at the ENTRYPOINT's path. Without it those RUN steps are not run,
   * so their stage holds the build stage's files as copied.
   */
  node?: string;
}

/** Where the distroless Node.js images keep node, and the only program a staged RUN may start. */
export const IMAGE_NODE = '/nodejs/bin/node';

/**
 * Lays out the runtime stage under dest: every `COPY --from=<stage>` of the final stage, where the
 * build stage stands for builtDir (its WORKDIR after `npm run build`: the repository, or a build
 * from the build context alone) and any other stage is laid out the same way first, its RUN steps
 * run as options.node says. Nothing else is copied, so a file the image lacks is missing here too.
 */
export function stageRuntimeImage(dest: string, builtDir = ROOT, options: StageOptions = {}): StagedImage {
  const stages = readDockerfile();
  const runtime = stages.at(-1);
  const build = stages[0];
  if (!runtime || !build || stages.length < 2) throw new Error('Dockerfile: expected a multi-stage build');
  const scratch: string[] = [];
  const laid = new Map<Stage, string>();
  const copied: string[] = [];

  /** The host path of an absolute path inside a stage. */
  const hostPath = (stage: Stage, path: string, line: number): string => {
    if (stage !== build) return join(lay(stage), path);
    const inRepo = posix.relative(workdirOf(build), path);
    if (inRepo.startsWith('..')) throw new Error(`Dockerfile line ${line}: ${path} is outside the build stage's WORKDIR ${workdirOf(build)}`);
    return join(builtDir, inRepo);
  };

  /** Lays out a stage after the build stage (dest for the runtime stage, a scratch dir for the others). */
  const lay = (stage: Stage): string => {
    const done = laid.get(stage);
    if (done) return done;
    const root = stage === runtime ? dest : mkdtempSync(join(tmpdir(), 'cnp-stage-'));
    if (stage !== runtime) scratch.push(root);
    laid.set(stage, root);
    stage.instructions.forEach((step, index) => {
      const workdir = workdirOf({ ...stage, instructions: stage.instructions.slice(0, index) });
      if (step.keyword === 'ADD') throw new Error(`Dockerfile line ${step.line}: use COPY --from=<stage>, not ADD`);
      if (step.keyword === 'COPY') {
        const source = stages.find((s) => s.name === step.flags.from);
        if (!source || stages.indexOf(source) >= stages.indexOf(stage)) throw new Error(`Dockerfile line ${step.line}: a stage after the build stage copies only from an earlier stage (COPY --from=<stage>)`);
        const [target, ...sources] = [...step.args].reverse();
        const to = posix.resolve(workdir, target!);
        for (const src of sources.reverse()) {
          const abs = posix.resolve(workdirOf(source), src);
          const from = hostPath(source, abs, step.line);
          if (!existsSync(from)) throw new Error(`Dockerfile line ${step.line}: ${src} does not exist in stage ${source.name} (${from})`);
          const into = sources.length > 1 || target!.endsWith('/') ? posix.join(to, posix.basename(abs)) : to;
          cpSync(from, join(root, into), { recursive: true });
          if (stage === runtime) copied.push(into);
        }
      } else if (step.keyword === 'RUN') {
        if (stage === runtime) throw new Error(`Dockerfile line ${step.line}: the runtime stage runs nothing at build time`);
        if (!step.json || step.args[0] !== IMAGE_NODE) throw new Error(`Dockerfile line ${step.line}: only an exec-form RUN ["${IMAGE_NODE}", ...] can be staged`);
        if (options.node) runOk(options.node, step.args.slice(1), { cwd: join(root, workdir), timeoutMs: 120_000 });
      }
    });
    return root;
  };

  try {
    lay(runtime);
  } finally {
    for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
  }
  const entry = last(runtime, 'ENTRYPOINT');
  if (!entry?.json) throw new Error('Dockerfile: the runtime stage needs an exec-form ENTRYPOINT ["node", "…/bin/controller-network-policy"]');
  const script = entry.args.find((a) => a.endsWith('/bin/controller-network-policy'));
  if (!script) throw new Error(`Dockerfile: ENTRYPOINT ${JSON.stringify(entry.args)} does not run bin/controller-network-policy`);
  const entrypoint = join(dest, script);
  const node = options.node && entry.args[0] === IMAGE_NODE ? layNode(options.node, join(dest, IMAGE_NODE)) : undefined;
  return { root: dest, entrypoint, appDir: dirname(dirname(entrypoint)), copied, ...(node ? { node } : {}) };
}

/** Puts the base image's node into the staged image: a hard link (126 MB not copied) where the file system allows one. */
function layNode(node: string, at: string): string {
  mkdirSync(dirname(at), { recursive: true });
  try {
    linkSync(node, at);
  } catch {
    copyFileSync(node, at);
  }
  chmodSync(at, 0o755);
  return at;
}

/** Gives dirs a+rx and files a+r along the path, like the build stage's `chmod -R a+rX` does. */
/** The runtime image in a fresh directory, readable by the fake docker's unprivileged user. */
export function stageTestImage(): StagedImage {
  const image = stageRuntimeImage(freshDir('cnp-image-'));
  makeWorldReadable(image.root);
  return image;
}

export function makeWorldReadable(path: string): void {
  const stat = statSync(path);
  chmodSync(path, stat.mode | (stat.isDirectory() ? 0o555 : 0o444));
  if (stat.isDirectory()) for (const name of readdirSync(path)) makeWorldReadable(join(path, name));
}

/** Paths under dir that `other` users could not read (files) or enter (dirs). */
export function notWorldReadable(dir: string): string[] {
  const bad: string[] = [];
  const walk = (path: string) => {
    const stat = statSync(path);
    const need = stat.isDirectory() ? 0o005 : 0o004;
    if ((stat.mode & need) !== need) bad.push(relative(dir, path) || '.');
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return bad;
}

/** .dockerignore semantics (moby/patternmatcher): last matching pattern wins, a pattern also matches a file's parent dirs. */
export function dockerignoreFilter(text: string): (path: string) => boolean {
  const patterns = text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => {
      const negate = l.startsWith('!');
      const pattern = posix.normalize((negate ? l.slice(1) : l).trim()).replace(/^\/+|\/+$/g, '');
      return { negate, regex: globToRegex(pattern) };
    });
  return (path: string) => {
    const parts = path.split('/');
    const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
    let excluded = false;
    for (const { negate, regex } of patterns) if (candidates.some((c) => regex.test(c))) excluded = !negate;
    return !excluded;
  };
}

function globToRegex(glob: string): RegExp {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else out += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The files of the repository that the .dockerignore lets into the build context (node_modules never). */
export function buildContextFiles(): string[] {
  const keep = dockerignoreFilter(readFileSync(join(ROOT, '.dockerignore'), 'utf8'));
  const files: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(ROOT, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.name === '.git' || entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(path); // an excluded dir may still hold a re-included (!) file
      else if (keep(path)) files.push(path);
    }
  };
  walk('');
  return files.sort();
}

/** Copies the build context into dest. */
export function copyBuildContext(dest: string): string[] {
  const files = buildContextFiles();
  for (const file of files) {
    mkdirSync(dirname(join(dest, file)), { recursive: true });
    cpSync(join(ROOT, file), join(dest, file));
  }
  return files;
}
