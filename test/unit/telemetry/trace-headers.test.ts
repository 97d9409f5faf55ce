import * as api from '@opentelemetry/api';
import {
  spanContextOfHeaders,
  spanContextOfList,
  traceparentOf,
  withTraceHeaders,
} from '../../../src/telemetry/trace-headers';
import { continueTrace } from '../../../src/telemetry/dead-letter-trace';
import { errorType } from '../../../src/telemetry/semconv';
import { BrokerError } from '../../../src/kafka/broker-error';

const sc: api.SpanContext = {
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
  spanId: '00f067aa0ba902b7',
  traceFlags: 1,
  traceState: api.createTraceState('vendor=x'),
};
const plain: api.SpanContext = { traceId: sc.traceId, spanId: sc.spanId, traceFlags: 1 };
const PARENT = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';

describe('W3C trace context in record headers', () => {
  it('writes traceparent and tracestate beside the application headers', () => {
    expect(traceparentOf(sc)).toBe(PARENT);
    expect(withTraceHeaders({ app: 'x' }, sc)).toEqual({
      traceparent: PARENT,
      tracestate: 'vendor=x',
      app: 'x',
    });
    expect(withTraceHeaders(undefined, plain)).toEqual({ traceparent: PARENT });
  });

  it("never overwrites the application's own traceparent", () => {
    const own = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', app: 'x' };
    expect(withTraceHeaders(own, sc)).toBe(own);
  });

  it('reads it back from header objects and from the binding header list (first value wins)', () => {
    const fromObject = spanContextOfHeaders(api, {
      traceparent: Buffer.from(PARENT),
      tracestate: 'vendor=x',
    });
    expect(fromObject).toMatchObject({
      traceId: sc.traceId,
      spanId: sc.spanId,
      traceFlags: 1,
      isRemote: true,
    });
    expect(fromObject?.traceState?.get('vendor')).toBe('x');
    const fromList = spanContextOfList(api, [
      { a: 'b' },
      { traceparent: Buffer.from(PARENT) },
      { traceparent: 'junk' },
    ]);
    expect(fromList).toMatchObject({ traceId: sc.traceId, spanId: sc.spanId });
  });

  it('ignores malformed or invalid values', () => {
    for (const bad of ['junk', '00-00000000000000000000000000000000-00f067aa0ba902b7-01', '01-xyz'])
      expect(spanContextOfHeaders(api, { traceparent: bad })).toBeUndefined();
    expect(spanContextOfList(api, undefined)).toBeUndefined();
  });

  it("a dead letter continues the failed record's trace (its copied traceparent is replaced)", () => {
    const copied = { traceparent: 'old', tracestate: 'old=1', 'kgen.dlq.reason': 'handler-failed' };
    expect(continueTrace(copied, plain)).toEqual({
      traceparent: PARENT,
      'kgen.dlq.reason': 'handler-failed',
    });
  });

  it('error.type: the broker code, else the kgen code, else the class name', () => {
    expect(
      errorType(new BrokerError('send', { topic: 't' }, Object.assign(new Error('x'), { code: -192 }))),
    ).toBe('-192');
    expect(errorType(new BrokerError('send', { topic: 't' }, new Error('x')))).toBe('BROKER');
    expect(errorType(new TypeError('x'))).toBe('TypeError');
    expect(errorType('text')).toBe('_OTHER');
  });
});
