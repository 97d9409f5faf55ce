/**
 * A decoded value that the configured representation cannot hold exactly (a `long` past ±(2^53 − 1) read
 * as a number, a timestamp outside a `Date`'s range). The codec's types throw it; a lenient twin of the
 * codec returns it in place of the value, so the codec can report the field path that holds it.
 */
export class UnrepresentableValue extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'UnrepresentableValue';
  }
}

/** What a type does with a value it cannot represent: throw (decoding), or return a marker (locating). */
export type OnUnrepresentable = (reason: string) => never | UnrepresentableValue;

export const throwUnrepresentable: OnUnrepresentable = (reason) => {
  throw new UnrepresentableValue(reason);
};

export const markUnrepresentable: OnUnrepresentable = (reason) => new UnrepresentableValue(reason);
