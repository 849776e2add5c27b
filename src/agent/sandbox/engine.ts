// One fresh QuickJS WebAssembly instance per run, with a memory that cannot grow past the run's budget.
//
// WHY a whole instance per run, not just a runtime in a shared one:
// - the build's own allocator accounting does not see real allocation sizes (malloc_usable_size is missing),
//   so QuickJS's setMemoryLimit alone lets a guest grow the shared wasm memory towards 2 GiB. A
//   WebAssembly.Memory with a `maximum` is a hard ceiling that the guest cannot talk its way around;
// - a guest that aborts the engine (host stack overflow inside wasm, an internal assertion) only ever
//   poisons its own instance, which is then dropped; the next run cannot see any trace of the last.
// Instantiating a precompiled module costs a few milliseconds.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  RELEASE_SYNC,
  newQuickJSWASMModuleFromVariant,
  newVariant,
  type QuickJSWASMModule,
} from 'quickjs-emscripten';

const WASM_PAGE = 64 * 1024;
// The emscripten build reserves 16 MiB up front for its data, stack and initial heap.
const BASE_BYTES = 16 * 1024 * 1024;

// The project compiles without the DOM lib, which is where the WebAssembly value types live; this is the slice we use.
/** A compiled WebAssembly module, opaque to us: it is only handed back to emscripten. */
type WasmModule = object;
interface WasmApi {
  compile(bytes: Uint8Array): Promise<WasmModule>;
  Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory;
}
interface WasmMemory {
  grow(deltaPages: number): number;
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

let compiled: Promise<WasmModule> | undefined;

// Resolved from quickjs-emscripten's own location: the wasm file belongs to its dependency, not to ours.
async function compileOnce(): Promise<WasmModule> {
  const fromHere = createRequire(import.meta.url);
  const fromQuickjs = createRequire(fromHere.resolve('quickjs-emscripten'));
  const path = fromQuickjs.resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
  return wasm.compile(await readFile(path));
}

export interface Engine {
  module: QuickJSWASMModule;
  /** True once the guest asked for more memory than the ceiling allows. */
  memoryExhausted(): boolean;
}

export async function createEngine(memoryBytes: number): Promise<Engine> {
  compiled ??= compileOnce().catch((e: unknown) => {
    compiled = undefined; // let a later run retry instead of caching the failure forever
    throw e;
  });
  const wasmModule = await compiled;
  const maximum = Math.ceil((BASE_BYTES + memoryBytes) / WASM_PAGE);
  const memory = new wasm.Memory({ initial: BASE_BYTES / WASM_PAGE, maximum });
  let exhausted = false;
  // Emscripten grows the heap through memory.grow(); observing the refusal is the only reliable signal of
  // memory exhaustion, since QuickJS may not even manage to allocate its "out of memory" error object.
  const grow = memory.grow.bind(memory);
  Object.defineProperty(memory, 'grow', {
    value: (delta: number) => {
      try {
        return grow(delta);
      } catch (e) {
        exhausted = true;
        throw e;
      }
    },
  });
  const module = await newQuickJSWASMModuleFromVariant(
    newVariant(RELEASE_SYNC, { wasmModule, wasmMemory: memory }),
  );
  return { module, memoryExhausted: () => exhausted };
}
