/**
 * PDF text through pdfjs-dist's legacy build, which runs in Node with an in-process worker. Pages are read one
 * at a time and released, so memory follows the largest page rather than the whole document.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { DocumentError } from './errors';
import type { ExtractedText, ExtractLimits } from './types';

const pdfjsRoot = path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

export async function pdfText(bytes: Buffer, limits: ExtractLimits): Promise<ExtractedText> {
  // Loaded on first use: it is a large module and most libraries hold few PDFs.
  const { getDocument, VerbosityLevel } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const deadline = Date.now() + limits.timeoutMs;
  const task = getDocument({
    data: new Uint8Array(bytes), // a copy: pdfjs may take ownership of what it is given
    // Predefined CMaps are how many CJK fonts map glyphs to characters; without them that text is lost.
    cMapUrl: path.join(pdfjsRoot, 'cmaps') + path.sep,
    cMapPacked: true,
    standardFontDataUrl: path.join(pdfjsRoot, 'standard_fonts') + path.sep,
    isEvalSupported: false, // never compile code out of an untrusted file
    disableFontFace: true,
    verbosity: VerbosityLevel.ERRORS,
  });
  // destroy() rejects the loading promise when we stop before it settles; that is not a new failure.
  task.promise.catch(() => undefined);
  try {
    const doc = await within(() => task.promise, deadline, limits.timeoutMs);
    const pages = doc.numPages;
    const readable = Math.min(pages, limits.maxPages);
    const texts: string[] = [];
    let chars = 0;
    for (let n = 1; n <= readable && chars <= limits.maxChars; n++) {
      const page = await within(() => doc.getPage(n), deadline, limits.timeoutMs);
      const content = await within(() => page.getTextContent(), deadline, limits.timeoutMs);
      page.cleanup();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      text = text.replace(/[ \t]+\n/g, '\n').replace(/\n{3,}/g, '\n\n').trim();
      if (text) texts.push(text);
      chars += text.length;
    }
    const text = texts.join('\n\n');
    const warnings: string[] = [];
    if (readable < pages) warnings.push(`Only the first ${readable} of ${pages} pages were read (the limit is ${limits.maxPages}).`);
    if (!text && pages > 0) warnings.push('This PDF has no text layer (it is probably scanned), so its text needs OCR.');
    // pdfjs rebuilds what it can of a cut-off file; say so rather than pass partial text off as whole.
    if (!bytes.subarray(-1024).includes('%%EOF')) warnings.push('This PDF seems to be cut off (it has no end marker), so part of it may be missing.');
    return { text, title: await title(doc), pages, warnings };
  } catch (err) {
    throw asDocumentError(err);
  } finally {
    await task.destroy();
  }
}

async function title(doc: PDFDocumentProxy): Promise<string | undefined> {
  // Broken metadata costs the title, not the text.
  const meta = await doc.getMetadata().catch(() => undefined);
  const fromInfo = (meta?.info as { Title?: unknown } | undefined)?.Title;
  const value = typeof fromInfo === 'string' && fromInfo.trim() ? fromInfo : meta?.metadata?.get('dc:title');
  return typeof value === 'string' ? value.trim() || undefined : undefined;
}

/**
 * Runs one pdfjs step if the budget allows, and fails it when the deadline passes while it waits. pdfjs parses
 * on this thread, so a step that never yields can overrun; only a worker thread can be stopped mid-step.
 */
function within<T>(step: () => Promise<T>, deadline: number, budgetMs: number): Promise<T> {
  const timedOut = () => new DocumentError('timeout', `Reading this PDF took longer than ${Math.round(budgetMs / 1000)} s, so it was stopped.`);
  if (Date.now() >= deadline) return Promise.reject(timedOut());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), deadline - Date.now());
  });
  return Promise.race([step(), timeout]).finally(() => clearTimeout(timer));
}

function asDocumentError(err: unknown): DocumentError {
  if (err instanceof DocumentError) return err;
  const { name, message } = err instanceof Error ? err : { name: '', message: String(err) };
  if (name === 'PasswordException') {
    return new DocumentError('encrypted', 'This PDF is password-protected, so its text cannot be read. Import a copy saved without the password.');
  }
  const reason = message.replace(/\.$/, '').replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase()) || 'it could not be parsed';
  return new DocumentError('damaged', `This PDF is damaged: ${reason}.`);
}
