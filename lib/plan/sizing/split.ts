/** The split suggestion: sets of topics (kept whole per prefix family and consumer group) that each fit one instance. */
import { DISK_SIZE_GB, EDITIONS, GROUPS_PER_QUOTA_PARTITION, SIZING_UNITS } from '../../alikafka';
import { topicSelection } from '../topics';
import type { SizingGroup, SizingInput, SplitSet, SplitSuggestion } from './types';
import { cmp } from './format';
import { BY_COST, candidates, cheapestFit, Globals, Load, sizeCandidate, sumLoad, TopicLoadEntry } from './candidates';

const GB = SIZING_UNITS.diskGBBytes;

function components(topics: readonly string[], groups: readonly SizingGroup[], depth: number): string[][] {
  const parent = new Map(topics.map((t) => [t, t]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) as string;
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string): void => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  };
  const byPrefix = new Map<string, string>();
  for (const t of topics) {
    const p = prefixOf(t, depth);
    const first = byPrefix.get(p);
    if (first === undefined) byPrefix.set(p, t);
    else union(first, t);
  }
  const inSet = new Set(topics);
  for (const g of groups) {
    const ts = g.topics.filter((t) => inSet.has(t));
    for (let i = 1; i < ts.length; i++) union(ts[0], ts[i]);
  }
  const out = new Map<string, string[]>();
  for (const t of topics) {
    const r = find(t);
    const list = out.get(r) ?? [];
    list.push(t);
    out.set(r, list);
  }
  return [...out.values()].map((l) => l.sort(cmp)).sort((a, b) => cmp(a[0], b[0]));
}

/** The name up to (not including) its `depth`-th separator (`.`, `-`, `_`); the whole name if it has fewer. */
export function prefixOf(name: string, depth: number): string {
  let seen = 0;
  for (let i = 0; i < name.length; i++) {
    if ('.-_'.includes(name[i]) && i > 0) {
      seen += 1;
      if (seen === depth) return name.slice(0, i);
    }
  }
  return name;
}

function separators(name: string): number {
  return [...name.slice(1)].filter((c) => '.-_'.includes(c)).length;
}

/** `--include` globs selecting exactly `set` among the metadata's topics (prefix globs where they are exact, names otherwise). */
function includeGlobs(set: readonly string[], input: SizingInput, depthOf: ReadonlyMap<string, number>): string[] {
  const inSet = new Set(set);
  const selectedBy = (globs: readonly string[]): string[] => input.allTopics.filter((t) => topicSelection(t, globs, input.exclude).selected).map((t) => t.name);
  const globs: string[] = [];
  const covered = new Set<string>();
  for (const t of set) {
    if (covered.has(t)) continue;
    const depth = depthOf.get(t) ?? 1;
    const p = prefixOf(t, depth);
    if (p !== t) {
      const glob = `${p}${t[p.length]}*`;
      const hits = selectedBy([glob]);
      if (hits.length > 0 && hits.every((h) => inSet.has(h))) {
        globs.push(glob);
        for (const h of hits) covered.add(h);
        continue;
      }
    }
    globs.push(t);
    covered.add(t);
  }
  return globs;
}

export function suggestSplit(input: SizingInput, entries: readonly TopicLoadEntry[], g: Globals): SplitSuggestion {
  const byName = new Map(entries.map((e) => [e.topic.name, e]));
  const groupsOf = (topics: readonly string[]): SizingGroup[] => {
    const s = new Set(topics);
    return input.groups.filter((x) => x.topics.some((t) => s.has(t)));
  };
  const loadOf = (topics: readonly string[], extraGroups = 0): Load =>
    sumLoad(
      topics.map((t) => byName.get(t) as TopicLoadEntry),
      groupsOf(topics).length + extraGroups,
    );
  const fitsAlone = (topics: readonly string[]): boolean => {
    const load = loadOf(topics);
    return BY_COST.some((c) => sizeCandidate(load, g, c.edition, c.spec, c.rank, false).reasons.length === 0);
  };

  // Units: prefix families (finer where a family alone is too big), joined by shared consumer groups.
  const units: string[][] = [];
  const unsplittable: string[] = [];
  const depthOf = new Map<string, number>();
  const refine = (topics: readonly string[], depth: number): void => {
    for (const comp of components(topics, input.groups, depth)) {
      if (fitsAlone(comp)) {
        for (const t of comp) depthOf.set(t, depth);
        units.push(comp);
      } else if (comp.length > 1 && depth <= Math.max(...comp.map(separators))) {
        refine(comp, depth + 1);
      } else {
        unsplittable.push(...comp);
      }
    }
  };
  refine(
    entries.map((e) => e.topic.name),
    1,
  );

  // First fit, biggest units first (by their largest share of the biggest spec's limits).
  const top = BY_COST[BY_COST.length - 1].spec;
  const size = (u: readonly string[]): number => {
    const l = loadOf(u);
    const el = l.perEdition.professional;
    return Math.max(
      l.writeMBps / top.writeMBps,
      l.readMBps / top.readMBps,
      el.partitions / top.max,
      l.groups / (GROUPS_PER_QUOTA_PARTITION * top.max),
      (el.cloudBytes + el.localBytes) / GB / DISK_SIZE_GB.max,
    );
  };
  const sorted = units.map((u) => ({ u, s: size(u) })).sort((a, b) => b.s - a.s || cmp(a.u[0], b.u[0]));
  const bins: string[][] = [];
  for (const { u } of sorted) {
    const bin = bins.find((b) => fitsAlone([...b, ...u]));
    if (bin) bin.push(...u);
    else bins.push([...u]);
  }
  // Groups that read no selected topic go with the first set.
  const idle = input.groups.filter((x) => x.topics.length === 0).map((x) => x.groupId);
  const sets: SplitSet[] = bins.map((b, i) => {
    const topics = [...b].sort(cmp);
    const chosen = cheapestFit(candidates(loadOf(topics, i === 0 ? idle.length : 0), g)) ?? cheapestFit(candidates(loadOf(topics), g));
    return {
      include: includeGlobs(topics, input, depthOf),
      topics,
      groups: [...groupsOf(topics).map((x) => x.groupId), ...(i === 0 ? idle : [])].sort(cmp),
      specType: chosen?.specType ?? EDITIONS.professional.specType,
      ioMaxSpec: chosen?.spec.name ?? '',
    };
  });
  sets.sort((a, b) => cmp(a.topics[0] ?? '', b.topics[0] ?? ''));
  return { sets, unsplittable: unsplittable.sort(cmp) };
}
