// @platformatic/kafka calls `Promise.withResolvers` (Node >= 22); the project supports Node 20, where the bench
// runs it. The standard's behaviour, installed only where it is missing, only in bench processes.
interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
}

const ctor = Promise as unknown as WithResolvers;
ctor.withResolvers ??= <T>() => {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

export {};
