// Loaded into a process under test (`node --expose-gc --import <this file> …`): on SIGUSR2 it collects all garbage
// and prints its memory as one line on stdout. What a full collection leaves is what the process retains; without
// it the resident size follows how far V8 lets its heap grow before it bothers to collect, which is no leak.
process.on('SIGUSR2', () => {
  (globalThis as { gc?: () => void }).gc?.();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(`memory ${JSON.stringify({ rss, heapUsed, external, arrayBuffers })}\n`);
});
