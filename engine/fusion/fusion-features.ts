// One number per signal for learned fusion: the quantity each signal's own score is built from
// (docs/fusion.md §4), read from its per-track observation. Chosen by what each signal measures,
// before any fusion was fitted, so the held-out comparison does not pick features by their result.

/** What fusion reads of a signal's observation of a face. */
export interface FusionInput {
  status: string;
  score: number | null;
  features?: Readonly<Record<string, number>>;
}

export interface FusionFeature {
  signalId: string;
  /** The observation feature read (`features[name]`). */
  name: string;
  /** A monotone transform that makes the value roughly symmetric (ratios and magnitudes: log). */
  transform: 'none' | 'log';
  why: string;
}

export const FUSION_FEATURES: readonly FusionFeature[] = [
  { signalId: 'face-swap', name: 'rawScore', transform: 'none', why: 'trimmed mean of the frame logits' },
  {
    signalId: 'presentation-attack',
    name: 'rawScore',
    transform: 'none',
    why: 'trimmed mean of the frame logits',
  },
  {
    signalId: 'pulse',
    name: 'pulseQuality',
    transform: 'none',
    why: 'pulse strength × agreement across skin regions',
  },
  {
    signalId: 'blink',
    name: 'oddness',
    transform: 'none',
    why: 'how far blink rate and shape are from normal',
  },
  {
    signalId: 'jitter',
    name: 'medianJitter',
    transform: 'log',
    why: 'landmark jitter while the head is still',
  },
  {
    signalId: 'boundary-flicker',
    name: 'seamRatio',
    transform: 'log',
    why: 'flicker along the face-mask boundary over flicker inside the face',
  },
  {
    signalId: 'mouth-texture',
    name: 'medianRatio',
    transform: 'log',
    why: 'fine detail of the open mouth over that of the eyes',
  },
  {
    signalId: 'neck-colour',
    name: 'medianStep',
    transform: 'log',
    why: 'frame-to-frame jumps of the face colour against the neck colour',
  },
];

export function fusionFeature(signalId: string): FusionFeature {
  const f = FUSION_FEATURES.find((x) => x.signalId === signalId);
  if (!f) throw new Error(`no fusion feature for signal ${signalId}`);
  return f;
}

/** The feature's value for an observation; null when the signal could not judge the face. */
export function fusionValue(feature: FusionFeature, input: FusionInput | undefined): number | null {
  if (!input || input.status !== 'ok') return null;
  const v = input.features?.[feature.name];
  if (v === undefined || !Number.isFinite(v)) return null;
  if (feature.transform === 'log') return Math.log(Math.max(v, 1e-6));
  return v;
}
