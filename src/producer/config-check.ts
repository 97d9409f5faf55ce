import { KgenError } from '../errors';
import type { RdkafkaProducerConfig } from './presets';

/** One contradiction found in a producer config. */
export interface ConfigWarning {
  /** Stable code, e.g. `IDEMPOTENCE_ACKS`. */
  readonly code: string;
  /** The properties involved. */
  readonly keys: readonly string[];
  /** What is wrong and what to change. */
  readonly message: string;
}

/** Thrown by {@link assertProducerConfig} when a config contradicts itself. */
export class ProducerConfigError extends KgenError {
  /** Every contradiction found, not only the first. */
  readonly warnings: readonly ConfigWarning[];
  constructor(warnings: readonly ConfigWarning[]) {
    super(
      'PRODUCER_CONFIG',
      `producer config contradicts itself:\n${warnings.map((w) => `- ${w.message}`).join('\n')}`,
    );
    this.warnings = warnings;
  }
}

function num(config: Readonly<Record<string, unknown>>, ...keys: string[]): number | undefined {
  for (const key of keys) {
    const v = config[key];
    if (typeof v === 'number') return v;
    if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  }
  return undefined;
}

function acksOf(config: Readonly<Record<string, unknown>>): number | undefined {
  const v = config['acks'] ?? config['request.required.acks'];
  if (v === 'all') return -1;
  return num({ acks: v }, 'acks');
}

function bool(config: Readonly<Record<string, unknown>>, key: string): boolean | undefined {
  const v = config[key];
  if (typeof v === 'boolean') return v;
  if (v === 'true') return true;
  if (v === 'false') return false;
  return undefined;
}

/**
 * Finds settings that contradict each other (e.g. idempotence with `acks=1`). Returns them all; an empty
 * array means the config is coherent. Pure: it reads only the object given.
 */
export function checkProducerConfig(
  config: RdkafkaProducerConfig | Readonly<Record<string, unknown>>,
): ConfigWarning[] {
  const c = config as Readonly<Record<string, unknown>>;
  const out: ConfigWarning[] = [];
  const warn = (code: string, keys: string[], message: string): void => {
    out.push({ code, keys, message });
  };
  const idempotent = bool(c, 'enable.idempotence');
  const transactional = typeof c['transactional.id'] === 'string' && c['transactional.id'] !== '';
  const acks = acksOf(c);
  const inFlight = num(c, 'max.in.flight.requests.per.connection', 'max.in.flight');
  const retries = num(c, 'message.send.max.retries', 'retries');
  const messageTimeout = num(c, 'message.timeout.ms', 'delivery.timeout.ms');
  const linger = num(c, 'linger.ms', 'queue.buffering.max.ms');
  const requestTimeout = num(c, 'request.timeout.ms');
  const txTimeout = num(c, 'transaction.timeout.ms');

  if (idempotent === true && acks !== undefined && acks !== -1)
    warn(
      'IDEMPOTENCE_ACKS',
      ['enable.idempotence', 'acks'],
      `enable.idempotence=true needs acks=all (-1), got acks=${acks}`,
    );
  if (idempotent === true && inFlight !== undefined && inFlight > 5)
    warn(
      'IDEMPOTENCE_IN_FLIGHT',
      ['enable.idempotence', 'max.in.flight.requests.per.connection'],
      `enable.idempotence=true allows at most 5 requests in flight, got ${inFlight}`,
    );
  if (idempotent === true && retries === 0)
    warn(
      'IDEMPOTENCE_RETRIES',
      ['enable.idempotence', 'message.send.max.retries'],
      'enable.idempotence=true with retries=0: a transient error loses the message instead of retrying it safely',
    );
  if (transactional && idempotent === false)
    warn(
      'TRANSACTIONS_NEED_IDEMPOTENCE',
      ['transactional.id', 'enable.idempotence'],
      'transactional.id is set but enable.idempotence=false: transactions require the idempotent producer',
    );
  if (
    idempotent === false &&
    acks !== undefined &&
    acks !== -1 &&
    inFlight !== undefined &&
    inFlight > 1 &&
    retries !== 0
  )
    warn(
      'REORDERING',
      ['acks', 'max.in.flight.requests.per.connection', 'message.send.max.retries'],
      `without idempotence, retries with ${inFlight} requests in flight may reorder and duplicate messages`,
    );
  if (
    messageTimeout !== undefined &&
    linger !== undefined &&
    requestTimeout !== undefined &&
    messageTimeout < linger + requestTimeout
  )
    warn(
      'DELIVERY_TIMEOUT',
      ['message.timeout.ms', 'linger.ms', 'request.timeout.ms'],
      `message.timeout.ms (${messageTimeout}) is shorter than linger.ms + request.timeout.ms (${linger + requestTimeout}): sends can time out before one request completes`,
    );
  if (transactional && txTimeout !== undefined && messageTimeout !== undefined && messageTimeout > txTimeout)
    warn(
      'TRANSACTION_TIMEOUT',
      ['message.timeout.ms', 'transaction.timeout.ms'],
      `message.timeout.ms (${messageTimeout}) exceeds transaction.timeout.ms (${txTimeout}): librdkafka refuses this for a transactional producer`,
    );
  const codec = c['compression.codec'];
  const type = c['compression.type'];
  if (typeof codec === 'string' && typeof type === 'string' && codec !== type && codec !== 'inherit')
    warn(
      'COMPRESSION_ALIASES',
      ['compression.codec', 'compression.type'],
      `compression.codec=${codec} and compression.type=${type} are aliases with different values`,
    );
  const lingerA = num(c, 'linger.ms');
  const lingerB = num(c, 'queue.buffering.max.ms');
  if (lingerA !== undefined && lingerB !== undefined && lingerA !== lingerB)
    warn(
      'LINGER_ALIASES',
      ['linger.ms', 'queue.buffering.max.ms'],
      `linger.ms=${lingerA} and queue.buffering.max.ms=${lingerB} are aliases with different values`,
    );
  return out;
}

/** Throws a {@link ProducerConfigError} listing every contradiction, or returns the config unchanged. */
export function assertProducerConfig<C extends RdkafkaProducerConfig>(config: C): C {
  const warnings = checkProducerConfig(config);
  if (warnings.length > 0) throw new ProducerConfigError(warnings);
  return config;
}
