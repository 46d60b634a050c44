import { defineConfig } from 'vitest/config';

// Engine tests decode real video and run ONNX models on 2 CPU cores: give them room,
// and run files one at a time so timings and memory stay predictable.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    fileParallelism: false,
    reporters: ['default'],
  },
});
