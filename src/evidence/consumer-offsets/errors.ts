// The one error of the decoder: bytes of __consumer_offsets that do not follow the grammar they
// claim (truncated, a length past the end, an unknown value version for an offset-commit key).
// The caller counts and reports these; it never drops them silently.

import { EnvironmentError } from '../../util/errors.js';

export class MalformedConsumerOffsetsRecordError extends EnvironmentError {
  /** Which part was malformed: the key or the value. */
  readonly part: 'key' | 'value';

  constructor(part: 'key' | 'value', message: string) {
    super(`malformed __consumer_offsets ${part}: ${message}`);
    this.part = part;
  }
}
