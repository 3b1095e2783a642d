import { Mp3Encoder } from '@breezystack/lamejs';
import EspeakInitializer from '@echogarden/espeak-ng-emscripten';
import type { RenditionText } from './large-print.ts';

/** eSpeak NG's output: 16-bit mono PCM at this rate. */
const SAMPLE_RATE = 22_050;
/** Speech at 32 kb/s mono: clear enough for a loudspeaker, about 240 kB a minute. */
const BITRATE = 32;
/** Words a minute: slower than eSpeak's 175, for elderly listeners and outdoor loudspeakers. */
const RATE = 140;
const VOICES = { VI: 'vi', EN: 'en' } as const;

type Espeak = InstanceType<Awaited<ReturnType<typeof EspeakInitializer>>['eSpeakNGWorker']>;
let espeak: Promise<Espeak> | undefined;

/** The synthesizer, loaded once per thread (its voices ship inside the npm package: nothing is downloaded). */
const synthesizer = () => {
  espeak ??= (async () => {
    const module = await EspeakInitializer();
    // The Emscripten worker's constructor answers a thenable: awaited, it is the ready synthesizer.
    return await new module.eSpeakNGWorker();
  })();
  return espeak;
};

const escapeSsml = (text: string) => text.replace(/[&<>]/g, (char) => `&#${char.charCodeAt(0)};`);

/** The text read aloud in its language by eSpeak NG, encoded as MP3; the duration is the samples' own. */
export async function speechMp3(
  text: RenditionText,
): Promise<{ mp3: Uint8Array<ArrayBuffer>; durationSeconds: number }> {
  const engine = await synthesizer();
  engine.set_voice(VOICES[text.language]);
  engine.set_rate(RATE);
  const encoder = new Mp3Encoder(1, SAMPLE_RATE, BITRATE);
  const frames: Uint8Array[] = [];
  let samples = 0;
  let pending = new Int16Array(0);
  // A pause between the headline, each paragraph and the footer, as a reader would make.
  const spoken = [text.headline, ...text.paragraphs, text.footer]
    .map((part) => escapeSsml(part))
    .join(' <break time="700ms"/> ');
  // The package's synthesizer reads SSML: the breaks are pauses, the text is escaped.
  engine.synthesize(spoken, (chunk) => {
    if (!chunk?.length) return;
    samples += chunk.length;
    // lamejs wants whole frames of 1,152 samples; eSpeak's chunks are of any length.
    const joined = new Int16Array(pending.length + chunk.length);
    joined.set(pending);
    joined.set(chunk, pending.length);
    const whole = joined.length - (joined.length % 1152);
    for (let offset = 0; offset < whole; offset += 1152) {
      const frame = encoder.encodeBuffer(joined.subarray(offset, offset + 1152));
      if (frame.length) frames.push(new Uint8Array(frame));
    }
    pending = joined.slice(whole);
  });
  if (pending.length) frames.push(new Uint8Array(encoder.encodeBuffer(pending)));
  frames.push(new Uint8Array(encoder.flush()));
  const mp3 = new Uint8Array(frames.reduce((sum, frame) => sum + frame.length, 0));
  let offset = 0;
  for (const frame of frames) {
    mp3.set(frame, offset);
    offset += frame.length;
  }
  return { mp3, durationSeconds: Math.round((samples / SAMPLE_RATE) * 100) / 100 };
}
