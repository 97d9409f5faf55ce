import * as fs from 'node:fs';
import * as path from 'node:path';
import * as readline from 'node:readline/promises';
import { CodegenError } from '../errors';
import { runCommand, type CommandIo } from './command-io';
import { brokersOf, opsErrorToCodegen } from '../ops/ops-cli-options';
import { assertRegistryReachable, listAllSubjects, opsRegistryOf } from '../ops/ops-registry';
import {
  ciWorkflow,
  configOf,
  KGEN_SCRIPTS,
  matchTopics,
  type TopicFinding,
} from '../ops/init/scaffold-config';
import { connectOpsAdmin } from '../../src/ops/ops-connection';

export interface InitArgs {
  /** Take every topic that has subjects, without asking. */
  readonly yes?: boolean | undefined;
  /** Overwrite kgen.config.json and the CI example, and replace existing kgen scripts. */
  readonly force?: boolean | undefined;
  /** Only topics whose name matches this regular expression. */
  readonly include?: string | undefined;
  readonly brokers?: string | undefined;
  readonly registry?: string | undefined;
}

export interface InitRunOptions {
  /** Whether stdin/stdout are a terminal (interactive selection). */
  readonly tty?: boolean;
  /** Answers the question for one topic (tests); default: a readline prompt. */
  readonly ask?: (question: string) => Promise<string>;
}

const CONFIG = 'kgen.config.json';
const WORKFLOW = path.join('.github', 'workflows', 'kgen.yml');

/** Internal and registry topics no application configures. */
function isSystemTopic(name: string): boolean {
  return (
    name.startsWith('__') ||
    name === '_schemas' ||
    name.startsWith('_confluent') ||
    name.startsWith('kgen-bench-')
  );
}

async function choose(
  findings: readonly TopicFinding[],
  options: InitRunOptions,
  io: CommandIo,
): Promise<TopicFinding[]> {
  const rl = options.ask
    ? undefined
    : readline.createInterface({ input: process.stdin, output: process.stdout });
  const ask = options.ask ?? ((q: string) => (rl as readline.Interface).question(q));
  try {
    const chosen: TopicFinding[] = [];
    for (const f of findings) {
      const answer = (await ask(`include ${f.topic} (${f.subjects.join(', ')})? [Y/n] `))
        .trim()
        .toLowerCase();
      if (answer === '' || answer === 'y' || answer === 'yes') chosen.push(f);
    }
    io.stderr(`kgen init: ${chosen.length} of ${findings.length} topic(s) chosen`);
    return chosen;
  } finally {
    rl?.close();
  }
}

function writeNew(file: string, text: string, force: boolean, wrote: string[]): void {
  if (fs.existsSync(file) && !force) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  wrote.push(file);
}

/** Adds the kgen scripts to package.json (creating it when missing); an existing script is kept unless --force. */
function addScripts(dir: string, force: boolean, io: CommandIo, wrote: string[]): void {
  const file = path.join(dir, 'package.json');
  let pkg: Record<string, unknown> = {
    name: path
      .basename(dir)
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, '-'),
    private: true,
  };
  if (fs.existsSync(file)) {
    try {
      pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch (err) {
      throw new CodegenError('CONFIG_INVALID', `package.json is not JSON: ${(err as Error).message}`, {
        file,
      });
    }
  }
  const scripts = { ...((pkg['scripts'] as Record<string, string> | undefined) ?? {}) };
  for (const [name, command] of Object.entries(KGEN_SCRIPTS)) {
    if (scripts[name] !== undefined && scripts[name] !== command && !force) {
      io.stderr(`kgen init: package.json script "${name}" kept (use --force to replace it)`);
      continue;
    }
    scripts[name] = command;
  }
  pkg['scripts'] = scripts;
  fs.writeFileSync(file, `${JSON.stringify(pkg, null, 2)}\n`);
  wrote.push(file);
}

/**
 * `kgen init`: writes kgen.config.json from the cluster's topics and the registry's subjects, adds the kgen npm
 * scripts and a CI example. Returns 0, or 2 for bad input (an existing config without --force, no TTY and no
 * --yes, unreachable cluster or registry).
 */
export async function runInit(args: InitArgs, io: CommandIo, options: InitRunOptions = {}): Promise<number> {
  return runCommand(io, async () => {
    const force = args.force === true;
    const configFile = path.join(io.cwd, CONFIG);
    if (fs.existsSync(configFile) && !force)
      throw new CodegenError(
        'CONFIG_EXISTS',
        `${CONFIG} exists; kgen init never overwrites it without --force`,
        {
          file: configFile,
        },
      );
    const tty = options.tty ?? (process.stdin.isTTY === true && process.stdout.isTTY === true);
    if (args.yes !== true && !tty && !options.ask)
      throw new CodegenError('BAD_FLAG', 'not a terminal: pass --yes to take every topic that has subjects');
    let include: RegExp | undefined;
    try {
      include = args.include !== undefined ? new RegExp(args.include) : undefined;
    } catch (err) {
      throw new CodegenError('BAD_FLAG', `--include is not a regular expression: ${(err as Error).message}`);
    }
    const brokers = brokersOf(args, io.env);
    const registry = opsRegistryOf(args, undefined, io.env);
    await assertRegistryReachable(registry);
    const subjects = await listAllSubjects(registry);
    const connection = await connectOpsAdmin({ brokers }).catch(opsErrorToCodegen);
    let topics: string[];
    try {
      topics = (await connection.admin.listTopics()).filter(
        (t) => !isSystemTopic(t) && (include?.test(t) ?? true),
      );
    } finally {
      await connection.disconnect().catch(() => undefined);
    }
    const findings = matchTopics(topics, subjects);
    const typed = findings.filter((f) => f.value !== undefined);
    const untyped = findings.filter((f) => f.value === undefined).map((f) => f.topic);
    if (untyped.length)
      io.stderr(`kgen init: no subjects for ${untyped.length} topic(s), left out: ${untyped.join(', ')}`);
    const chosen = args.yes === true ? typed : await choose(typed, options, io);
    const wrote: string[] = [];
    writeNew(configFile, `${JSON.stringify(configOf(registry.url, chosen), null, 2)}\n`, true, wrote);
    addScripts(io.cwd, force, io, wrote);
    const workflow = path.join(io.cwd, WORKFLOW);
    writeNew(workflow, ciWorkflow(), force, wrote);
    if (!wrote.includes(workflow))
      io.stderr(`kgen init: ${WORKFLOW} exists, kept (use --force to replace it)`);
    for (const f of chosen) io.stdout(`  ${f.topic}: ${f.subjects.join(', ')}`);
    io.stdout(`wrote ${wrote.map((f) => path.relative(io.cwd, f)).join(', ')} (${chosen.length} topic(s))`);
    io.stdout('next: npm run kgen:pull && npm run kgen:generate');
    return 0;
  });
}
