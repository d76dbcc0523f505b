export function pathologicalPatterns(n: number): Record<string, string>;
export const AFTER: string;
export function wrapInChinese(body: string): string;
export function hugePng(width: number, height: number): Buffer;
