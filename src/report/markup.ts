// Escaping for the report's HTML and SVG. Every text a renderer puts into markup passes through
// here: check names, figures, message ids and fault names come from a run's evidence, and an id
// is whatever the SUT forwarded — it must never become markup. Non-ASCII is written as a
// character reference so the output reads right whatever encoding a viewer assumes.

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or an attribute value, safe inside HTML, SVG or XML, and pure ASCII. */
export function escapeMarkup(text: string): string {
  let out = '';
  for (const char of text) {
    const entity = ENTITIES[char];
    if (entity !== undefined) out += entity;
    else {
      const code = char.codePointAt(0)!;
      // Control characters and lone surrogates are not allowed in XML 1.0 at all: show a
      // replacement character instead.
      const forbidden = (code < 0x20 && char !== '\n' && char !== '\t' && char !== '\r') || (code >= 0xd800 && code <= 0xdfff);
      if (forbidden) out += '&#xFFFD;';
      else if (code > 0x7e) out += `&#x${code.toString(16).toUpperCase()};`;
      else out += char;
    }
  }
  return out;
}

/** A number as a report shows it: integers as they are, others with one decimal, Infinity as ∞. */
export function formatNumber(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '\u221E' : '-\u221E';
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}
