export interface ExtractedText {
  /** Markdown-flavoured text: headings as `#` lines, paragraphs separated by blank lines. */
  text: string;
  title?: string;
  /** Pages in the document (PDF only), including any past `maxPages` that were not read. */
  pages?: number;
  /** Things the user should know that did not stop the text being read (cut at a limit, no text layer…). */
  warnings: string[];
}

export interface ExtractLimits {
  /** Larger input is refused; for a DOCX the declared size of its unpacked XML is held to it too. */
  maxBytes: number;
  /** PDF pages past this are not read; the result says so in `warnings`. */
  maxPages: number;
  /** Text past this is cut; the result says so in `warnings`. */
  maxChars: number;
  /** Wall-clock budget for one PDF, checked while pdfjs works. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxBytes: 100 * 1024 * 1024,
  maxPages: 2000,
  maxChars: 5_000_000,
  timeoutMs: 120_000,
};
