// Finds the known step pattern closest to a step text nobody defined, by edit distance, so an
// undefined or mistyped step fails naming what was probably meant. Both sides are normalised
// first — numbers become 0, quoted strings become "_", a parameter becomes what its example
// normalises to, optional text and alternatives are expanded — so "5 messages are produced to
// "orders"" is at distance 0 from "{count} message(s) is/are produced to {string}".

export interface KnownStep {
  /** The cucumber expression (or regular expression source). */
  pattern: string;
  /** A step text it matches, when one is known. */
  example?: string;
}

export interface ClosestStep {
  step: KnownStep;
  distance: number;
}

/** Levenshtein distance, two rows at a time. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Array<number>(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution);
    }
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** Lower case, one space between words, quoted strings as "_", numbers as 0. */
export function normalizeStepText(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/"[^"]*"|'[^']*'/g, '"_"')
    .replace(/\d+(?:[.,]\d+)*/g, '0')
    .replace(/\s+/g, ' ');
}

/** What each parameter looks like once normalised (unknown parameters read as 0). */
const PARAMETER_SHAPES: Record<string, string> = {
  string: '"_"',
  duration: '0 seconds',
  rate: '0 per second',
  percentage: '0%',
  broker: 'broker 0',
  link: 'the link between the sut and broker 0',
};

const MAX_VARIANTS = 64;

/** Every text a cucumber expression's optional parts and alternatives spell, with parameters shaped. */
export function expressionVariants(pattern: string): string[] {
  let variants = [pattern.replace(/\{([^}]*)\}/g, (_, name: string) => PARAMETER_SHAPES[name] ?? '0')];
  // Optional text: "message(s)" → "message" and "messages".
  for (;;) {
    const next: string[] = [];
    let expanded = false;
    for (const variant of variants) {
      const match = /\(([^()]*)\)/.exec(variant);
      if (!match) {
        next.push(variant);
        continue;
      }
      expanded = true;
      const before = variant.slice(0, match.index);
      const after = variant.slice(match.index + match[0].length);
      next.push(before + after, before + match[1] + after);
    }
    variants = next.slice(0, MAX_VARIANTS);
    if (!expanded) break;
  }
  // Alternatives between words: "is/are" → "is", "are".
  return variants
    .flatMap((variant) => {
      const words = variant.split(' ');
      let texts = [''];
      for (const word of words) {
        const options = /^[^/"]+(?:\/[^/"]+)+$/.test(word) ? word.split('/') : [word];
        texts = texts.flatMap((t) => options.map((o) => (t ? `${t} ${o}` : o))).slice(0, MAX_VARIANTS);
      }
      return texts;
    })
    .map(normalizeStepText)
    .slice(0, MAX_VARIANTS);
}

/** The known step closest to `text`, or undefined when none is known. */
export function closestStep(text: string, known: readonly KnownStep[]): ClosestStep | undefined {
  const wanted = normalizeStepText(text);
  let best: ClosestStep | undefined;
  for (const step of known) {
    const candidates = expressionVariants(step.pattern);
    if (step.example) candidates.push(normalizeStepText(step.example));
    for (const candidate of candidates) {
      const distance = editDistance(wanted, candidate);
      if (!best || distance < best.distance) best = { step, distance };
    }
  }
  return best;
}
