// A minimal, fast OpenAI-compatible upstream for the gateway benchmark: a fixed chat completion, no
// work per request, so the benchmark measures what the gateway adds. A request with "stream":true is
// answered as SSE: the first content chunk at once, then STREAM_CHUNKS - 1 more, one every
// STREAM_GAP_MS, then [DONE] (the time-to-first-token measurement).
import { createServer } from 'node:http';

export const STREAM_CHUNKS = 20;
const STREAM_GAP_MS = 2;

const answer = JSON.stringify({
  id: 'chatcmpl-bench',
  object: 'chat.completion',
  created: 1,
  model: 'bench',
  choices: [
    {
      index: 0,
      message: {
        role: 'assistant',
        content: 'The invoice is due on Friday; payment by bank transfer is fine.',
      },
      finish_reason: 'stop',
    },
  ],
  usage: { prompt_tokens: 500, completion_tokens: 14, total_tokens: 514 },
});

const sseChunk = (content: string, finish: string | null = null, usage?: object) =>
  `data: ${JSON.stringify({
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'bench',
    choices: [{ index: 0, delta: { content }, finish_reason: finish }],
    ...(usage ? { usage } : {}),
  })}\n\n`;

const words =
  'The invoice is due on Friday and payment by bank transfer is fine for the team this month . Thanks'.split(
    ' ',
  );

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => {
    if (body.length < 64 * 1024) body += c;
  });
  req.on('end', () => {
    if (!body.includes('"stream":true')) {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    let i = 0;
    const next = () => {
      if (i < STREAM_CHUNKS) {
        res.write(sseChunk(`${words[i % words.length]} `));
        i++;
        setTimeout(next, STREAM_GAP_MS);
        return;
      }
      res.end(
        sseChunk('', 'stop', { prompt_tokens: 500, completion_tokens: STREAM_CHUNKS, total_tokens: 520 }) +
          'data: [DONE]\n\n',
      );
    };
    next();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const addr = server.address();
  process.stdout.write(`listening ${typeof addr === 'object' && addr ? addr.port : 0}\n`);
});
