import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CommandIo } from '../../../../codegen/cli/command-io';

/** A throw-away project folder for CLI tests, with helpers to run a command handler and read the output. */
export class TempProject {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kgen-cli-'));

  write(files: Record<string, string | object>): this {
    for (const [rel, content] of Object.entries(files)) {
      const file = path.join(this.dir, rel);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
    }
    return this;
  }

  read(rel: string): string {
    return fs.readFileSync(path.join(this.dir, rel), 'utf8');
  }

  exists(rel: string): boolean {
    return fs.existsSync(path.join(this.dir, rel));
  }

  /** Every file under `rel` with its content, for "nothing changed" assertions. */
  tree(rel: string): Record<string, string> {
    const root = path.join(this.dir, rel);
    const out: Record<string, string> = {};
    const walk = (d: string): void => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else out[path.relative(root, p).split(path.sep).join('/')] = fs.readFileSync(p, 'utf8');
      }
    };
    if (fs.existsSync(root)) walk(root);
    return out;
  }

  async run(
    command: (io: CommandIo) => Promise<number>,
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number; stdout: string[]; stderr: string[] }> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await command({
      cwd: this.dir,
      stdout: (l) => stdout.push(l),
      stderr: (l) => stderr.push(l),
      env,
    });
    return { code, stdout, stderr };
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
