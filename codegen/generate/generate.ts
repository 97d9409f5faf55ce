import type { ResolvedTopic } from '../config/config-types';
import { applyImportExtension, type ResolvedImportExtension } from '../emit/import-extension';
import { emitIndexModule } from '../emit/index-module';
import { withNodeTypesReference } from '../emit/node-types-reference';
import { emitTopicMap } from '../emit/topic-map';
import { CodegenError } from '../errors';
import type { EmittedSchema, FormatOutput, GeneratedFile, SourceSchema } from '../model';
import { bindTopics } from './bind-topics';

/** A format generator with its options already bound. */
export type BoundGenerator = (sources: readonly SourceSchema[]) => FormatOutput;

export interface GenerateInput {
  readonly sources: readonly SourceSchema[];
  /** Topics for the topic map; none gives `defineTopics({})`. */
  readonly topics?: readonly ResolvedTopic[];
  /** One generator per format present in `sources`. */
  readonly generators: Partial<Record<SourceSchema['format'], BoundGenerator>>;
  /** Config file, for errors about topics. */
  readonly configFile?: string;
  /** What the header of `topics.ts`/`index.ts` names as their source (e.g. the config file name). */
  readonly headerSources?: readonly string[];
  /** Source path → path shown in errors (e.g. relative to the working folder). */
  readonly displayPath?: (sourcePath: string) => string;
  /**
   * Extension for relative imports between generated modules, stated in each header. Without it the
   * specifiers stay extensionless and the header says nothing (`generateProject` always resolves one).
   */
  readonly importExtension?: ResolvedImportExtension;
}

export interface GenerateResult {
  /** Every file of the output folder, sorted by path. */
  readonly files: readonly GeneratedFile[];
  readonly schemas: readonly EmittedSchema[];
}

/** Sources → files. Pure and deterministic: no I/O, output sorted. */
export function generate(input: GenerateInput): GenerateResult {
  const files: GeneratedFile[] = [];
  const schemas: EmittedSchema[] = [];
  for (const format of ['AVRO', 'PROTOBUF', 'JSON'] as const) {
    const sources = input.sources.filter((s) => s.format === format);
    if (sources.length === 0) continue;
    const generator = input.generators[format];
    if (!generator)
      throw new CodegenError('NO_GENERATOR', `no ${format} generator available for ${sources[0]!.path}`, {
        file: sources[0]!.path,
      });
    let out: FormatOutput;
    try {
      out = generator(sources);
    } catch (err) {
      throw relocate(err, input.displayPath);
    }
    files.push(...out.files);
    schemas.push(...out.schemas);
  }
  const taken = new Map(files.map((f) => [f.path, f]));
  const bound = bindTopics(input.topics ?? [], schemas, input.configFile);
  const headerSources = input.headerSources ?? ['kgen'];
  const topicMap = emitTopicMap(bound, headerSources);
  const index = emitIndexModule([...files, topicMap], headerSources);
  for (const extra of [topicMap, index]) {
    if (taken.has(extra.path))
      throw new CodegenError(
        'DUPLICATE_OUTPUT',
        `a schema module would be written to ${extra.path}, which kgen reserves for the topic map/index`,
      );
    files.push(extra);
  }
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.path))
      throw new CodegenError('DUPLICATE_OUTPUT', `two schemas would be written to the same file ${f.path}`);
    seen.add(f.path);
  }
  const finished = files.map((f) => {
    const referenced = withNodeTypesReference(f);
    return input.importExtension ? applyImportExtension(referenced, input.importExtension) : referenced;
  });
  return { files: finished.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), schemas };
}

/** Generator errors name the source path; show the path the user knows instead. */
function relocate(err: unknown, displayPath: ((p: string) => string) | undefined): unknown {
  if (!(err instanceof CodegenError) || !displayPath || err.location.file === undefined) return err;
  const file = displayPath(err.location.file);
  if (file === err.location.file) return err;
  return new CodegenError(err.code, err.message, { ...err.location, file }, { cause: err });
}
