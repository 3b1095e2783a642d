/** Thrown by a page whose subject does not exist: answered 404 with the message. */
export class NotFound extends Error {
  override name = 'NotFound';
}
