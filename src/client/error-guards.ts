import { isKgenError } from '../errors';
import type { BrokerError } from '../kafka/broker-error';
import type { DecodeError } from '../consumer/decode-error';
import type { SerializationError } from '../serde/registry/errors';
import type { AvroEncodeError } from '../serde/avro';
import type { TransactionError } from '../producer/transaction';
import type { VerifyError } from './verify';
import type { InvalidHeaderError } from '../serde/headers/header-error';

// Guards check the code, not the class, so they hold across two loaded copies of kgen (like isKgenError).

/** A broker call failed (connect, send, commit, seek...); `operation` and `topic` say which. */
export function isBrokerError(arg: unknown): arg is BrokerError {
  return isKgenError(arg, 'BROKER');
}

/** A consumed record could not be decoded; its topic, partition, offset and schema id are on the error. */
export function isDecodeError(arg: unknown): arg is DecodeError {
  return isKgenError(arg, 'DECODE');
}

/** A value could not be encoded for its topic (the record was not sent). */
export function isSerializationError(arg: unknown): arg is SerializationError | AvroEncodeError {
  return isKgenError(arg, 'SERIALIZATION');
}

/** Headers given to a producer break the topic's declared header set (the record was not sent). */
export function isInvalidHeaderError(arg: unknown): arg is InvalidHeaderError {
  return isKgenError(arg, 'INVALID_HEADER');
}

/** A transaction failed: aborted, retries exhausted, fenced or fatal (see `kind`). */
export function isTransactionError(arg: unknown): arg is TransactionError {
  return isKgenError(
    arg,
    'TRANSACTION_ABORTED',
    'TRANSACTION_RETRIES_EXHAUSTED',
    'TRANSACTION_FATAL',
    'PRODUCER_FENCED',
  );
}

/** The topic map does not match the schema registry (`client.verify()`). */
export function isVerifyError(arg: unknown): arg is VerifyError {
  return isKgenError(arg, 'SCHEMA_MISMATCH') && 'problems' in arg;
}
