// A worker thread that makes one article's renditions: the synthesizer and the PDF writer are CPU-bound and
// synchronous, so they run here, never on the thread that answers requests.
import { parentPort, workerData } from 'node:worker_threads';
import { speechMp3 } from './audio.ts';
import { largePrintPdf, type RenditionText } from './large-print.ts';

const text = workerData as RenditionText;
let started = performance.now();
const pdf = await largePrintPdf(text);
const pdfMs = Math.round(performance.now() - started);
started = performance.now();
const { mp3, durationSeconds } = await speechMp3(text);
const audioMs = Math.round(performance.now() - started);
parentPort?.postMessage({ pdf, pdfMs, mp3, audioMs, durationSeconds }, [pdf.buffer, mp3.buffer]);
