import { badUserInput } from '@motcua/errors';

const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;
/** Longer than any honest row (eleven short cells), short enough that a file without newlines cannot fill memory. */
const MAX_RECORD_BYTES = 64 * 1024;

/** Whole CSV records, ready for COPY: `records` of them, the first being data row `firstRow` (1-based). */
export type CsvChunk = { data: Buffer; records: number; firstRow: number };

const asBuffer = (value: Uint8Array | string) =>
  typeof value === 'string'
    ? Buffer.from(value, 'utf8')
    : Buffer.from(value.buffer, value.byteOffset, value.length);

/**
 * Reads a CSV stream as its header (the column names) and chunks of about `chunkBytes` of whole records, without
 * parsing the cells: PostgreSQL's COPY parses them. A record ends at a newline outside double quotes, so a quoted
 * cell may hold newlines; blank lines are left out (they are not rows) and a last row without a newline gets one.
 * Memory stays at about one chunk whatever the size of the stream.
 */
export async function readCsv(
  source: AsyncIterable<Uint8Array | string>,
  chunkBytes = 1 << 20,
): Promise<{ header: string[]; chunks: AsyncGenerator<CsvChunk> }> {
  const iterator = source[Symbol.asyncIterator]();
  let pending = Buffer.alloc(0);
  let end = -1;
  while (end < 0) {
    end = pending.indexOf(LF);
    if (end >= 0) break;
    if (pending.length > MAX_RECORD_BYTES) throw badUserInput('The first line (the header) is too long');
    const next = await iterator.next();
    if (next.done) {
      end = pending.length;
      break;
    }
    pending = Buffer.concat([pending, asBuffer(next.value)]);
  }
  const headerLine = pending
    .subarray(0, end)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  const header = headerLine.trim()
    ? headerLine.split(',').map((name) => name.trim().replace(/^"(.*)"$/, '$1'))
    : [];
  return { header, chunks: records(pending.subarray(end + 1), iterator, chunkBytes) };
}

async function* records(
  first: Buffer,
  iterator: AsyncIterator<Uint8Array | string>,
  chunkBytes: number,
): AsyncGenerator<CsvChunk> {
  let out: Buffer[] = [];
  let outBytes = 0;
  let outRecords = 0;
  let rowsBefore = 0;
  let tail: Buffer = Buffer.alloc(0);
  let inQuotes = false;
  const push = (part: Buffer) => {
    out.push(part);
    outBytes += part.length;
  };
  const flush = (): CsvChunk => {
    const chunk = { data: Buffer.concat(out, outBytes), records: outRecords, firstRow: rowsBefore + 1 };
    rowsBefore += outRecords;
    out = [];
    outBytes = 0;
    outRecords = 0;
    return chunk;
  };
  const scan = (buffer: Buffer) => {
    let flushedTo = 0;
    let recordStart = 0;
    for (let index = 0; index < buffer.length; index++) {
      const byte = buffer[index];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === LF && !inQuotes) {
        const blank =
          (tail.length === 0 &&
            (index === recordStart || (index === recordStart + 1 && buffer[recordStart] === CR))) ||
          (index === 0 && tail.length === 1 && tail[0] === CR);
        if (blank) {
          tail = Buffer.alloc(0);
          if (recordStart > flushedTo) push(buffer.subarray(flushedTo, recordStart));
          flushedTo = index + 1;
        } else {
          if (tail.length) {
            push(tail);
            tail = Buffer.alloc(0);
          }
          outRecords++;
        }
        recordStart = index + 1;
      }
    }
    if (recordStart > flushedTo) push(buffer.subarray(flushedTo, recordStart));
    const rest = buffer.subarray(Math.max(recordStart, flushedTo));
    tail = tail.length ? Buffer.concat([tail, rest]) : rest;
    if (tail.length > MAX_RECORD_BYTES) {
      throw badUserInput(`Row ${rowsBefore + outRecords + 1} is longer than ${MAX_RECORD_BYTES / 1024} KB`, {
        rows: [{ row: rowsBefore + outRecords + 1, reasons: ['the row is too long (an unclosed quote?)'] }],
      });
    }
  };
  scan(first);
  for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
    scan(asBuffer(next.value));
    if (outBytes >= chunkBytes) yield flush();
  }
  if (tail.toString('utf8').trim()) {
    push(tail);
    push(Buffer.from('\n'));
    outRecords++;
  }
  if (outRecords) yield flush();
}
