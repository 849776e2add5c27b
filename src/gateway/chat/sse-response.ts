// An async generator of SSE frames → a streaming Response that pulls one frame at a time (backpressure:
// nothing is read from the upstream faster than the client takes it) and stops the generator when the
// client goes away.
export const sseData = (value: unknown): string => `data: ${JSON.stringify(value)}\n\n`;

const encoder = new TextEncoder();

export function sseResponse(
  frames: AsyncGenerator<string, void, void>,
  headers: Record<string, string>,
  onCancel?: () => void,
): Response {
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await frames.next();
        if (done) controller.close();
        else controller.enqueue(encoder.encode(value));
      } catch (err) {
        controller.error(err);
      }
    },
    async cancel() {
      onCancel?.();
      await frames.return(undefined);
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
