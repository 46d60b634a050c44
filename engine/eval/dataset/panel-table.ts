// Which panel of a multi-panel clip (manifest layout `panels`) shows what, decided file by file
// from the manifest notes, the source repository's README and a look at one frame of each.
// An entry with no roles skips the whole file (the reason says why); files with layout `panels`
// that are not listed at all are skipped too ("no entry"): today that is the talking-head and
// synthetic-image composites, which the default categories do not ask for.
//
// Panels are equal-width vertical strips of the frame, left to right (panel i spans
// [i/n, (i+1)/n) of the width). Sources for the faceswap-GAN captions: the README of
// shaoanlu/faceswap-GAN ("Left: Source face. Middle: Swapped face ... Right: ...").

import type { FractionRect } from './layouts.ts';

/** genuine: a real face; swap: the row's manipulated face; skip: not a face to learn from, or unclear. */
export type PanelRole = 'genuine' | 'swap' | 'skip';

export interface PanelEntry {
  /** Equal-width panels, left to right; empty = the whole file is skipped. */
  roles: readonly PanelRole[];
  /** Greyed in every panel before tracking (fractions of the panel), e.g. captions that name the panel. */
  greyRects?: readonly FractionRect[];
  /** Why the roles are what they are (what the notes, the source and one frame show). */
  reason: string;
}

export const PANEL_TABLE: Readonly<Record<string, PanelEntry>> = {
  'faceswap-GAN__gifs_mask_vis_gif.mp4': {
    roles: ['genuine', 'swap', 'skip'],
    reason: 'original / swapped / mask (notes); frame checked: panel 2 is the dark mask heatmap, not a face',
  },
  'faceswap-GAN__gifs_mask_vis_rev_gif.mp4': {
    roles: ['genuine', 'swap', 'skip'],
    reason:
      'original / swapped / mask (notes; README: source face / swapped face after masking / mask heatmap)',
  },
  'faceswap-GAN__gifs_mask_visualization_gif.mp4': {
    roles: ['genuine', 'swap', 'skip'],
    reason: 'original / swapped / mask visualization (notes); frame checked: panel 2 is the mask heatmap',
  },
  'faceswap-GAN__gifs_sh_test_clipped4_mask_comp_gif.mp4': {
    roles: ['genuine', 'swap', 'skip'],
    reason:
      'original / swapped / mask (notes); panel 2 shows a face (a masked swap, going by the name), ' +
      'which contradicts the notes: unclear, skipped',
  },
  'faceswap-GAN__gifs_sh_test_clipped7_mask_comp_gif.mp4': {
    roles: ['genuine', 'swap', 'skip'],
    reason:
      'original / swapped / mask (notes); panel 2 shows a face (a masked swap, going by the name), ' +
      'which contradicts the notes: unclear, skipped',
  },
  'faceswap-GAN__gifs_mask_comp1_gif.mp4': {
    roles: ['genuine', 'swap', 'swap'],
    reason: 'original / swaps without and with mask (notes; README: source / swapped before / after masking)',
  },
  'faceswap-GAN__gifs_mask_comp2_gif.mp4': {
    roles: ['genuine', 'swap', 'swap'],
    reason:
      '3-panel mask comparison (notes); README captions mask_comp1 and mask_comp2 together: ' +
      'source / swapped before / after masking; frame checked',
  },
  'faceswap-GAN__gifs_bbox_comp_annotated_gif.mp4': {
    roles: ['genuine', 'swap', 'swap', 'swap'],
    // The letters A–D in each panel's bottom-left corner would tell the label: greyed in all panels.
    greyRects: [{ x: 0, y: 0.7, width: 0.25, height: 0.3 }],
    reason:
      'notes say 4 panels of swapped crops, but the README captions A as the source face and B–D as ' +
      'swaps (smoothing mask; + alignment; + smoothed bbox); frame checked: A differs from B–D; ' +
      'the A–D captions are greyed',
  },
  'faceswap-GAN__gifs_ver1ver2_bboxedge_gif.mp4': {
    roles: ['swap', 'swap'],
    reason: '2 panels, both swaps: GAN v1 output / GAN v2 output (notes and README)',
  },

  // Grids rather than equal-width panels: each decided from its notes and one look, all skipped.
  ...Object.fromEntries(
    ['DF_Cage', 'H128_Asian', 'SAE_Cage', 'SAE_Musk', 'SAE_Navalniy'].map((name) => [
      `DeepFaceLab__doc_${name}_0.jpg`,
      {
        roles: [],
        reason:
          'DeepFaceLab training preview (notes: preview grid): a loss graph above a grid of src / src ' +
          'reconstruction / dst / dst reconstruction / swap columns, not equal-width panels; the ' +
          'reconstructions are neither genuine nor swap',
      },
    ]),
  ),
  'DeepFaceLab__doc_gallery_1.jpg': {
    roles: [],
    reason:
      'gallery grid (notes: swapped face crops); frame checked: a DeepFaceLab training preview ' +
      '(loss graph, src / reconstruction / dst / reconstruction / swap columns), not equal-width panels',
  },
  'DeepFaceLab__doc_progress_2018.png': {
    roles: [],
    reason:
      '4 × 2 grid of 64 px crops (notes: DFL swap crops, RDJ): which column is the source is not stated',
  },
  'DeepFaceLab__doc_progress_2020.png': {
    roles: [],
    reason:
      '2 × 2 grid (notes: swap quality over versions, Spacey / Putin): which cells are swaps is unclear',
  },
  'celeb-deepfakeforensics__Celeb-DF-v2_demo.png': {
    roles: [],
    reason:
      '3 × 6 grid, first column real, the rest swaps, but every cell has a green (real) or red (fake) ' +
      'border that aligned crops would show: the label would leak into the pixels',
  },
  'celeb-deepfakeforensics__src_cover.png': {
    roles: [],
    reason:
      '2 × 2 grid (one real, three fakes) with "Real" / "Fake" captions above the cells, not equal-width ' +
      'panels; the captions could leak the label',
  },
};
