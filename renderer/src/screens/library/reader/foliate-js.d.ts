/** The parts of foliate-js (plain JavaScript, no types of its own) the reader uses. */
declare module 'foliate-js/epub.js' {
  export interface TocItem {
    label: string;
    href: string | null;
    subitems?: TocItem[] | null;
  }
  export interface Section {
    id: string;
    size: number;
    cfi: string;
    linear?: string | null;
    resolveHref(href: string): string;
  }
  export interface Loader {
    loadText(name: string): Promise<string | null>;
    loadBlob(name: string): Promise<Blob | null>;
    getSize(name: string): number;
  }
  export class EPUB {
    constructor(loader: Loader);
    init(): Promise<EPUB>;
    sections: Section[];
    toc?: TocItem[];
    metadata?: { title?: string | Record<string, string>; language?: string | string[] };
    resources: { manifest: { href: string; id: string; mediaType: string }[] };
    resolveHref(href: string): { index: number; anchor: (doc: Document) => Element | Range | number } | null;
    resolveCFI(cfi: string): { index: number; anchor: (doc: Document) => Range | null };
    isExternal(uri: string): boolean;
    destroy(): void;
  }
}

declare module 'foliate-js/epubcfi.js' {
  export type Parts = unknown;
  export function parse(cfi: string): Parts;
  export function fromRange(range: Range, filter?: (node: Node) => number): string;
  export function toRange(doc: Document, parts: Parts, filter?: (node: Node) => number): Range | null;
  export function joinIndir(...cfis: string[]): string;
  export function compare(a: string, b: string): number;
}
