// WASM kernels; see src/wasm for the bindings.
export function version(): i32 {
  return 1;
}
