import { CodegenError } from '../errors';
import { COMPAT_LEVELS, type CompatLevel, type Direction } from './types';

/** Parses a level name (case-insensitive); anything else is bad input. */
export function parseLevel(value: string, where = '--level'): CompatLevel {
  const upper = value.toUpperCase() as CompatLevel;
  if (!COMPAT_LEVELS.includes(upper)) {
    throw new CodegenError(
      'BAD_LEVEL',
      `unknown compatibility level "${value}" (expected ${COMPAT_LEVELS.join(', ')})`,
      {
        path: where,
      },
    );
  }
  return upper;
}

/** Directions a level checks: BACKWARD = new reads old data, FORWARD = old reads new data, FULL = both. */
export function directionsOf(level: CompatLevel): readonly Direction[] {
  if (level === 'NONE') return [];
  if (level.startsWith('BACKWARD')) return ['backward'];
  if (level.startsWith('FORWARD')) return ['forward'];
  return ['backward', 'forward'];
}

/** `_TRANSITIVE` levels check against every previous version, the others only against the latest. */
export function isTransitive(level: CompatLevel): boolean {
  return level.endsWith('_TRANSITIVE');
}
