// Apart from the front matter's schema and YAML reading: the template needs this for every
// document, the YAML parser and the schema library only a document with front matter.

const WEEKDAYS = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];

/** An ISO date as a Chinese newspaper prints it: 2026-11-28 → 2026年11月28日 星期六. */
export function formatIssueDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new Error(`Not an ISO date: ${iso}`);
  const [year, month, day] = match.slice(1, 4).map(Number) as [number, number, number];
  const weekday = WEEKDAYS[new Date(Date.UTC(year, month - 1, day)).getUTCDay()];
  return `${year}年${month}月${day}日 ${weekday}`;
}
