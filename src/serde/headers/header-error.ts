import { KgenError } from '../../errors';

/**
 * Headers given to a producer break the topic's declared header set: a required header is missing, a header
 * is not in a strict set, or a value does not have its declared type. Nothing of the record was sent.
 */
export class InvalidHeaderError extends KgenError {
  /** The topic whose header set was broken. */
  readonly topic: string;
  /** The header at fault. */
  readonly header: string;
  constructor(topic: string, header: string, reason: string) {
    super('INVALID_HEADER', `topic "${topic}" header "${header}": ${reason}`);
    this.topic = topic;
    this.header = header;
  }
}
