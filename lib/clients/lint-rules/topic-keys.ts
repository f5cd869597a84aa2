/** Topic names a linted file gives: keys whose values name topics (`topic`, `topics`, `*.topic(s)`, `*default-topic`). */
import type { ClientFile } from '../read';

export const TOPIC_KEY = /(^|[.-])(topics?|default[.-]topic)$/i;

/** Each topic named by the file, with the key that names it (keys sorted, names in the order given). */
export function namedTopics(file: ClientFile): Array<{ key: string; topic: string }> {
  const out: Array<{ key: string; topic: string }> = [];
  for (const [key, value] of [...file.settings.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (!TOPIC_KEY.test(key)) continue;
    for (const t of value
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean))
      out.push({ key, topic: t });
  }
  return out;
}
