import type { RegistrySchemaDescriptor } from '../../topics';
import type { SerdeRole } from './errors';

/**
 * The registry subject of a descriptor: the one it names, else TopicNameStrategy (`<topic>-key|value`). A
 * variant of a topic with several record types defaults to RecordNameStrategy (its full record name).
 */
export function subjectOf(
  topic: string,
  role: SerdeRole,
  descriptor: RegistrySchemaDescriptor,
  variant = false,
): string {
  if (descriptor.subject !== undefined) return descriptor.subject;
  return variant ? descriptor.name : `${topic}-${role}`;
}
