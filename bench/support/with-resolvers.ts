// @platformatic/kafka calls Promise.withResolvers (Node 22+); Node 20 lacks it. Same contract, for the bench.
interface Resolvers<T> {
  promise: Promise<T>;
  resolve: (value: T | PromiseLike<T>) => void;
  reject: (reason?: unknown) => void;
}

export function ensurePromiseWithResolvers(): void {
  const P = Promise as unknown as { withResolvers?: <T>() => Resolvers<T> };
  if (typeof P.withResolvers === 'function') return;
  P.withResolvers = <T>(): Resolvers<T> => {
    let resolve!: Resolvers<T>['resolve'];
    let reject!: Resolvers<T>['reject'];
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
