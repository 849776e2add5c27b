// An async generator of SSE frames → a streaming Response that pulls one frame at a time (backpressure:
// nothing is read from the upstream faster than the client takes it) and stops the generator when the
// client goes away. A client that stops taking frames altogether would hold the stream — its in-flight slot
// and an upstream connection — for ever, so a frame left untaken for `stall.ms` calls `stall.onStall`
// (the gateway drops the connection, which cancels the stream like a client that left).
export const sseData = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;

const encoder = new TextEncoder();

export interface StallGuard {
  ms: number;
  onStall: () => void;
}

export function sseResponse(
  frames: AsyncGenerator<string, void, void>,
  headers: Record<string, string>,
  onCancel?: () => void,
  stall?: StallGuard,
  /** Called once when the stream is over: finished, failed or cancelled by the client. */
  onEnd?: () => void,
): Response {
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    onEnd?.();
  };
  // One check timer per stream, not one per frame: a frame is "waiting" from its enqueue to the next pull.
  let waitingSince: number | undefined;
  let watch: NodeJS.Timeout | undefined;
  const stopWatch = () => {
    clearInterval(watch);
    watch = undefined;
  };
  const startWatch = (s: StallGuard) => {
    watch = setInterval(
      () => {
        if (waitingSince === undefined || Date.now() - waitingSince < s.ms) return;
        stopWatch();
        s.onStall();
      },
      Math.max(10, Math.floor(s.ms / 4)),
    );
    watch.unref();
  };
  const body = new ReadableStream<Uint8Array>({
    start() {
      if (stall) startWatch(stall);
    },
    async pull(controller) {
      waitingSince = undefined;
      try {
        const { done, value } = await frames.next();
        if (done) {
          stopWatch();
          controller.close();
          end();
        } else {
          waitingSince = Date.now();
          controller.enqueue(encoder.encode(value));
        }
      } catch (err) {
        stopWatch();
        controller.error(err);
        end();
      }
    },
    async cancel() {
      stopWatch();
      onCancel?.();
      try {
        await frames.return(undefined);
      } finally {
        end();
      }
    },
  });
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    },
  });
}
