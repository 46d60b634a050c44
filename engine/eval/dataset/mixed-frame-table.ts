// Files of layout `single` whose frame shows faces of different kinds side by side — e.g. an
// anti-spoofing demo screenshot with the live person next to his own face on a phone. Read as
// `single`, the builder would take the largest face (the live one) and label it with the row's
// attack category. Decided file by file from the manifest notes and a look at the frame.
//
// Each strip is a vertical slice of the frame, [xFrom, xTo) as fractions of its width; `row` is the
// row's own category (the attack), `genuine` a live face.

export interface MixedFrameStrip {
  xFrom: number;
  xTo: number;
  role: 'genuine' | 'row';
}

export interface MixedFrameEntry {
  strips: readonly MixedFrameStrip[];
  /** What the notes and the frame show, and where the strip bounds come from. */
  reason: string;
}

export const MIXED_FRAME_TABLE: Readonly<Record<string, MixedFrameEntry>> = {
  'light-weight-face-anti-spoofing__demo_demo.png': {
    strips: [
      { xFrom: 0, xTo: 0.3, role: 'row' },
      { xFrom: 0.36, xTo: 1, role: 'genuine' },
    ],
    reason:
      'notes: the same man live (right) and his face on a phone screen he holds (left), "crop regions"; ' +
      'frame checked (1267x707): the phone spans 0-28 % of the width, the live face 46-71 %, the hand ' +
      "holding the phone 27-33 %. Both faces carry the demo's drawn boxes and labels.",
  },
};
