/**
 * A fetch wrapper that fails a response body that stops delivering data. The SDK's
 * own timeout only covers the wait for response headers; a stream that stalls after
 * that would hang the run until the wall-clock budget, so each chunk re-arms a timer.
 */

/** Raised inside the response body when no chunk arrived for `idleMs`. */
export class StreamIdleTimeoutError extends Error {
  readonly idleMs: number;

  constructor(idleMs: number) {
    super(`no data received for ${idleMs} ms`);
    this.name = 'StreamIdleTimeoutError';
    this.idleMs = idleMs;
  }
}

/** Wraps `baseFetch` so that every response body errors after `idleMs` without data. */
export function idleTimeoutFetch(baseFetch: typeof fetch, idleMs: number): typeof fetch {
  return async (input, init) => {
    const response = await baseFetch(input, init);
    if (response.body === null) {
      return response;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = (controller: TransformStreamDefaultController<Uint8Array>): void => {
      clearTimeout(timer);
      timer = setTimeout(() => controller.error(new StreamIdleTimeoutError(idleMs)), idleMs);
      // A pending watchdog must not keep the process alive on its own.
      timer.unref?.();
    };
    const watchdog = new TransformStream<Uint8Array, Uint8Array>({
      start: arm,
      transform(chunk, controller) {
        arm(controller);
        controller.enqueue(chunk);
      },
      flush() {
        clearTimeout(timer);
      },
      cancel() {
        clearTimeout(timer);
      },
    });
    return new Response(response.body.pipeThrough(watchdog), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}
