// The package ships JavaScript only: the part of its Emscripten module the audio rendition uses.
declare module '@echogarden/espeak-ng-emscripten' {
  type EspeakWorker = {
    set_voice: (voice: string) => void;
    set_rate: (rate: number) => void;
    synthesize: (text: string, onChunk: (samples: Int16Array) => void) => void;
  };
  const initialize: () => Promise<{ eSpeakNGWorker: new () => EspeakWorker }>;
  export default initialize;
}
