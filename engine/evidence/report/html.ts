// Small helpers for building the report's HTML as strings: escaping and number/time formats that
// read the same in every language (so nothing depends on the machine's locale).

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** Media time as m:ss (or h:mm:ss), e.g. 75.4 → "1:15". */
export function formatMediaTime(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** ISO wall time as "YYYY-MM-DD HH:MM:SS UTC"; anything unparsable is shown as given. */
export function formatWallTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** 0..1 values with two decimals. */
export function formatScore(value: number | null | undefined): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? value.toFixed(2) : null;
}

/** A number rounded for SVG coordinates (keeps the markup short). */
export function px(value: number): string {
  return String(Math.round(value * 10) / 10);
}
