import PDFDocument from 'pdfkit';

/** What a rendition says: the headline, then paragraphs; the footer names the source and the rights. */
export type RenditionText = { language: 'VI' | 'EN'; headline: string; paragraphs: string[]; footer: string };

// DejaVu Sans covers every Vietnamese letter with its diacritics (precomposed and combining); shipped beside its
// licence in assets/fonts, so nothing is fetched and nothing depends on the system's fonts.
const FONTS = new URL('../../assets/fonts/', import.meta.url);
const REGULAR = new URL('DejaVuSans.ttf', FONTS).pathname;
const BOLD = new URL('DejaVuSans-Bold.ttf', FONTS).pathname;

/** Sizes in points: the body at 20 pt (large print starts at 18), the headline larger; black on white. */
export const LARGE_PRINT = { body: 20, headline: 30, footer: 18, lineGap: 8, margin: 56 } as const;

/**
 * A large-print PDF of the text: A4, 20 pt text and 30 pt headline in a sans-serif with all of Vietnamese, black
 * on white (contrast 21:1), left-aligned with wide line spacing, the document's language and title set for
 * screen readers and tagged as PDF/UA asks.
 */
export async function largePrintPdf(text: RenditionText): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: LARGE_PRINT.margin,
    lang: text.language === 'VI' ? 'vi-VN' : 'en-GB',
    tagged: true,
    displayTitle: true,
    pdfVersion: '1.7',
    info: { Title: text.headline, Creator: 'motcua' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  doc.fillColor('#000000');
  doc.font('bold').fontSize(LARGE_PRINT.headline).text(text.headline, { lineGap: LARGE_PRINT.lineGap });
  doc.moveDown(0.5);
  doc.font('regular').fontSize(LARGE_PRINT.body);
  for (const paragraph of text.paragraphs) {
    doc.text(paragraph, { lineGap: LARGE_PRINT.lineGap, paragraphGap: LARGE_PRINT.body * 0.8 });
  }
  doc.moveDown(1);
  doc.fontSize(LARGE_PRINT.footer).text(text.footer, { lineGap: LARGE_PRINT.lineGap });
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}
