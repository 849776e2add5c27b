// The file a promptfoo config names as its provider: `id: file://rampart-provider.mjs` (see
// promptfooconfig.yaml beside it). It only re-exports Rampart's provider class.
export { default } from 'rampart/promptfoo';
