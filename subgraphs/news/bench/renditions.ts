// `pnpm bench:renditions`: how long the hub takes to make an article's large print and audio, per 1,000 characters
// of Vietnamese, in the bounded worker thread the renditions worker uses (thread start and the synthesizer's
// loading included, as the worker pays them for every article).
import { render } from '../src/renditions/render.ts';

const SENTENCE =
  'Người cao tuổi có thể nộp hồ sơ trực tuyến tại nhà. Cán bộ một cửa sẽ hướng dẫn từng bước. ';
const RUNS = 3;

for (const characters of [1_000, 3_000]) {
  const paragraphs = Array.from({ length: Math.ceil(characters / SENTENCE.length) }, () => SENTENCE.trim());
  const samples: { pdfMs: number; audioMs: number; seconds: number; wallMs: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const rendered = await render({
      language: 'VI',
      headline: 'Hướng dẫn',
      paragraphs,
      footer: 'Bản quyền.',
    });
    samples.push({
      pdfMs: rendered.pdfMs,
      audioMs: rendered.audioMs,
      seconds: rendered.durationSeconds,
      wallMs: performance.now() - started,
    });
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const length = paragraphs.join(' ').length;
  console.log(
    `${length} characters: PDF ${median(samples.map((s) => s.pdfMs)).toFixed(0)} ms, audio ${median(samples.map((s) => s.audioMs)).toFixed(0)} ms for ${median(samples.map((s) => s.seconds)).toFixed(1)} s of speech (${((median(samples.map((s) => s.audioMs)) / length) * 1000).toFixed(0)} ms per 1,000 characters), whole thread ${median(samples.map((s) => s.wallMs)).toFixed(0)} ms (median of ${RUNS})`,
  );
}
