/**
 * Readers for the deployment files (issue 13): the Dockerfile's stages and instructions, the
 * .dockerignore's patterns, and the image's start command. scripts/deploy.test.ts uses them to keep
 * the Dockerfile and deploy/kubernetes.yaml in step with what the build produces and what the
 * server answers, since no container can be built or run on the machines that test it.
 */

/** One Dockerfile instruction: its keyword in capitals and the rest of its (joined) line. */
export interface Instruction {
  readonly keyword: string;
  readonly args: string;
}

/** One build stage: its base image, its name (`AS …`) and its instructions after FROM. */
export interface Stage {
  readonly from: string;
  readonly name: string | null;
  readonly instructions: readonly Instruction[];
}

/** A COPY instruction taken apart: the stage it copies from (null: the build context), sources, destination. */
export interface CopyStep {
  readonly from: string | null;
  readonly sources: readonly string[];
  readonly destination: string;
}

/**
 * The stages of a Dockerfile. Follows the reference's line rules: `#` lines are comments (parser
 * directives included), a trailing backslash continues the instruction on the next line.
 */
export function parseDockerfile(text: string): Stage[] {
  const logical: string[] = [];
  let pending = '';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line.startsWith('#') || (line === '' && pending === '')) continue;
    if (line.endsWith('\\')) pending += line.slice(0, -1) + ' ';
    else {
      logical.push((pending + line).trim());
      pending = '';
    }
  }
  if (pending.trim()) logical.push(pending.trim());
  const stages: { from: string; name: string | null; instructions: Instruction[] }[] = [];
  for (const line of logical.filter((l) => l !== '')) {
    const [, keyword, args] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const m = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args);
      if (!m) throw new Error(`Dockerfile: cannot read FROM ${args}`);
      stages.push({ from: m[1], name: m[2] ?? null, instructions: [] });
    } else if (stages.length === 0) {
      if (upper !== 'ARG') throw new Error(`Dockerfile: ${upper} before the first FROM`);
    } else stages.at(-1)!.instructions.push({ keyword: upper, args });
  }
  return stages;
}

/** The instructions of a stage with this keyword, in order. */
export function instructionsOf(stage: Stage, keyword: string): Instruction[] {
  return stage.instructions.filter((i) => i.keyword === keyword);
}

/** An instruction's arguments in exec (JSON array) form; throws for the shell form, which would put `sh -c` in front. */
export function execForm(instruction: Instruction): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(instruction.args);
  } catch {
    throw new Error(`Dockerfile: ${instruction.keyword} ${instruction.args} is not in exec form (a JSON array)`);
  }
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string')) throw new Error(`Dockerfile: ${instruction.keyword} is not an array of strings`);
  return parsed;
}

/** A COPY or ADD instruction's flags, sources and destination (shell-word form; JSON form too). */
export function copyStep(instruction: Instruction): CopyStep {
  const words = instruction.args.startsWith('[') ? execForm(instruction) : instruction.args.split(/\s+/);
  const flags = words.filter((w) => w.startsWith('--'));
  const paths = words.filter((w) => !w.startsWith('--'));
  if (paths.length < 2) throw new Error(`Dockerfile: ${instruction.keyword} ${instruction.args} needs a source and a destination`);
  const from = flags.find((f) => f.startsWith('--from='));
  return { from: from ? from.slice('--from='.length) : null, sources: paths.slice(0, -1), destination: paths.at(-1)! };
}

/** The command a container of the stage runs: ENTRYPOINT (exec form) followed by CMD, the last of each counting. */
export function startCommand(stage: Stage): string[] {
  const entrypoint = instructionsOf(stage, 'ENTRYPOINT').at(-1);
  const cmd = instructionsOf(stage, 'CMD').at(-1);
  return [...(entrypoint ? execForm(entrypoint) : []), ...(cmd ? execForm(cmd) : [])];
}

/** Glob of .dockerignore (Go's filepath.Match plus `**`): `*` and `?` stay within one path segment. */
function globRegExp(pattern: string): RegExp {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
      if (pattern[i + 1] === '/') i++;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/**
 * Whether the .dockerignore keeps `path` (relative to the context, `/`-separated) out of the build
 * context. As in Docker: the last pattern that matches decides, `!` lets a path back in, and a
 * pattern that matches a folder also matches everything inside it.
 */
export function dockerIgnores(dockerignore: string, path: string): boolean {
  const patterns = dockerignore
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
    .map((l) => ({ negated: l.startsWith('!'), regexp: globRegExp(l.replace(/^!/, '').replace(/^\/+|\/+$/g, '')) }));
  const segments = path.replace(/^\.?\/+|\/+$/g, '').split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const { negated, regexp } of patterns) if (prefixes.some((p) => regexp.test(p))) ignored = !negated;
  return ignored;
}
