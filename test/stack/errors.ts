/** A stack problem the user can fix; the message says what to install or change. */
export class StackError extends Error {
  override readonly name = 'StackError';
}
