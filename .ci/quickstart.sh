#!/usr/bin/env bash
# The README's quick start, literally: `npm start` on a free port (RAMPART_PORT), wait for /healthz, run
# the README's curl example (must be a 400 with code prompt_injection.override) and its SDK streaming
# example (copied from the README into an .mjs file; the `openai` devDependency stands in for `npm i
# openai`), check that the redaction shows in the answer's `rampart` field, then stop the server by PID.
# Needs a built dist/ (npm ci runs `prepare`). Called from .ci/run after the tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=$(node -e "const s=require('node:net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
BASE="http://127.0.0.1:$PORT"
WORK=$(mktemp -d ./.quickstart.XXXXXX) # inside the repository, so `import 'openai'` resolves
SERVER_PID=""
cleanup() {
  # The server runs in its own process group (setsid): npm, the shell it starts and node stop together.
  if [ -n "$SERVER_PID" ]; then
    kill -TERM -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 50); do # until every process of the group has exited (the gateway drains first)
      kill -0 -- "-$SERVER_PID" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The README's code blocks: the first `sh` block that calls curl, and the `js` block of the SDK example.
node --input-type=module - "$WORK" <<'EOF'
import { readFileSync, writeFileSync } from 'node:fs';
const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```(\w+)\n([\s\S]*?)```/gu)].map((m) => ({ lang: m[1], code: m[2] }));
const curl = blocks.find((b) => b.lang === 'sh' && b.code.includes('curl '));
const sdk = blocks.find((b) => b.lang === 'js' && b.code.includes("from 'openai'"));
if (!curl || !sdk) throw new Error('README: quick-start curl or SDK example not found');
// The curl command without its "# →" comment lines.
const command = curl.code.split('\n').filter((l) => !l.startsWith('#')).join('\n');
writeFileSync(`${process.argv[2]}/curl.sh`, command);
writeFileSync(`${process.argv[2]}/hello.mjs`, sdk.code);
EOF
# Only the port differs from the README.
sed -i "s/127\.0\.0\.1:8787/127.0.0.1:$PORT/g" "$WORK/curl.sh" "$WORK/hello.mjs"
grep -q "$PORT" "$WORK/curl.sh" && grep -q "$PORT" "$WORK/hello.mjs"

RAMPART_PORT=$PORT setsid npm start >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 150); do
  curl -sf "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log"; echo "quickstart: npm start exited" >&2; exit 1; }
  sleep 0.2
done
curl -sf "$BASE/healthz" >/dev/null || { cat "$WORK/server.log"; echo "quickstart: no /healthz on $PORT" >&2; exit 1; }

# curl -s prints only the body; -w appends the status on a line of its own.
out=$(bash -c "$(cat "$WORK/curl.sh") -w '\n%{http_code}'")
status=$(tail -n 1 <<<"$out")
[ "$status" = 400 ] || { echo "quickstart: curl example answered $status, expected 400: $out" >&2; exit 1; }
grep -q '"code":"prompt_injection.override"' <<<"$out" ||
  { echo "quickstart: curl example: no prompt_injection.override in $out" >&2; exit 1; }

answer=$(node "$WORK/hello.mjs")
grep -q 'jane.doe@example.org' <<<"$answer" ||
  { echo "quickstart: SDK example: the address was not restored in the answer: $answer" >&2; exit 1; }

# What the README says shows the redaction: the non-streamed answer's `rampart` field.
field=$(curl -s "$BASE/v1/chat/completions" -H 'content-type: application/json' \
  -d '{"model":"rampart-local","messages":[{"role":"user","content":"Say hello to jane.doe@example.org"}]}')
node -e '
const r = JSON.parse(process.argv[1]).rampart;
if (r?.input?.action !== "redact" || !r.input.categories.includes("pii.email")) {
  console.error("quickstart: no redaction in the answer'\''s rampart field: " + JSON.stringify(r));
  process.exit(1);
}' "$field"

# …and the dashboard's data: the decision is listed as a redaction, with its id and category.
dash=$(curl -s "$BASE/api/dashboard")
node -e '
const [dash, answer] = process.argv.slice(1).map((s) => JSON.parse(s));
const id = answer.rampart.input.decision;
const row = dash.feed.recent.find((d) => d.id === id && d.stage === "input");
if (!row || row.action !== "redact" || !row.categories.includes("pii.email") || dash.feed.totals.redacted < 1) {
  console.error("quickstart: the dashboard does not list decision " + id + " as a pii.email redaction");
  process.exit(1);
}' "$dash" "$field"

echo "quickstart: README examples pass against npm start on port $PORT"
