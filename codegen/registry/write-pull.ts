import type { ResolvedConfig } from '../config/config-types';
import { replaceFolder, writeFileAtomic } from '../emit/atomic-write';
import { serializeLockFile } from './lock-file';
import type { PullResult } from './pull';

/**
 * Writes a pull: the schema folder is swapped atomically, then the lock file is renamed into place. The
 * pull folder holds only pulled schema files; anything else there stops the write before it starts.
 */
export function writePull(config: Pick<ResolvedConfig, 'pullDir' | 'lockFile'>, result: PullResult): void {
  replaceFolder(config.pullDir, result.files, {
    isOwned: (p) => /\.(avsc|proto)$/.test(p),
    label: `pull folder ${config.pullDir}`,
  });
  writeFileAtomic(config.lockFile, serializeLockFile(result.lock));
}
