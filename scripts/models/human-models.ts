// The TF.js models we take from @vladmandic/human and convert to ONNX, with the exact source
// files we expect (sha256 of human 3.3.6), their licences and what each is for.
// A different file (another package version) stops the conversion with E_MODEL_SOURCE.

export const HUMAN_PACKAGE = '@vladmandic/human';
export const HUMAN_VERSION = '3.3.6';
/** Licence of the TF.js files as distributed in the npm package. */
export const HUMAN_LICENCE = 'MIT (@vladmandic/human TF.js conversion)';

export interface HumanModelSource {
  readonly name: string;
  /** Files inside the package's models/ folder with their expected sha256. */
  readonly json: { readonly file: string; readonly sha256: string };
  readonly bin: { readonly file: string; readonly sha256: string };
  readonly upstream: { readonly project: string; readonly url: string; readonly licence: string };
  readonly purpose: string;
  /** What the caller must feed: channel order and value range, in words. */
  readonly inputRange: string;
  /** The same range as numbers [low, high]. */
  readonly inputValues: readonly [number, number];
}

const MEDIAPIPE = 'https://github.com/google/mediapipe';
const RANGE_UNIT = 'RGB, float in [0, 1] (pixel / 255)';

export const HUMAN_MODELS: readonly HumanModelSource[] = [
  {
    name: 'blazeface',
    json: {
      file: 'blazeface.json',
      sha256: 'cd7bbfc078270572beb39f9e5ae67aadbd50b5e67cff37e6d4f6b3ea39312e5f',
    },
    bin: {
      file: 'blazeface.bin',
      sha256: 'dc9a97fdc50bc43216554bdd69aa3e7b9361a519ee7bdd996a2f69a98a6f9b72',
    },
    upstream: {
      project: 'MediaPipe BlazeFace (back camera, 256x256), Google',
      url: MEDIAPIPE,
      licence: 'Apache-2.0',
    },
    purpose:
      'Face detector, 896 anchors: Identity [1,512,1] / Identity_1 [1,384,1] score logits and Identity_2 [1,512,16] / Identity_3 [1,384,16] box + 6 keypoints for the 16x16x2 / 8x8x6 anchor grids',
    inputRange: 'RGB, float in [-1, 1] (pixel / 127.5 - 1)',
    inputValues: [-1, 1],
  },
  {
    name: 'facemesh',
    json: {
      file: 'facemesh.json',
      sha256: 'b60ca26f404724f43bd2b1575761d8265180e1f053cc0731caa68462927309e7',
    },
    bin: { file: 'facemesh.bin', sha256: '3826da640b0a3021161605369ee6af293f75d518040355b960ec71a3390c1c0b' },
    upstream: {
      project: 'MediaPipe FaceMesh (468 landmarks), Google',
      url: MEDIAPIPE,
      licence: 'Apache-2.0',
    },
    purpose: 'Face landmarks: 468 x (x, y, z) in crop pixels, face-presence flag, contours',
    inputRange: `${RANGE_UNIT}; face crop`,
    inputValues: [0, 1],
  },
  {
    name: 'iris',
    json: { file: 'iris.json', sha256: '49038ac9dcc09aa05474d91d98e9db5b47af4830929bcf102ed5a56bfbabb465' },
    bin: { file: 'iris.bin', sha256: 'd7f296d184274213d4642681ae186112cbbec77fd2ab066257d3c56a1940bc71' },
    upstream: { project: 'MediaPipe Iris, Google', url: MEDIAPIPE, licence: 'Apache-2.0' },
    purpose: 'Eye contour (71 points) and iris (5 points) as (x, y, z) in crop pixels: 228 values',
    inputRange: `${RANGE_UNIT}; eye crop`,
    inputValues: [0, 1],
  },
  {
    name: 'faceres',
    json: {
      file: 'faceres.json',
      sha256: '5b83d49c0385d2e68a05122441b94226313677cae9fcc40b9587ad50079eb4df',
    },
    bin: { file: 'faceres.bin', sha256: '2c7d2d62b76c97528b736527aa09d310ea71743c9e3e79fb6c62d4b2d73af79b' },
    upstream: {
      project: 'HSE FaceRes (MobileNet age/gender/identity), A. Savchenko',
      url: 'https://github.com/HSE-asavchenko/HSE_FaceRec_tf',
      licence: 'no licence file upstream; redistributed by @vladmandic/human under MIT',
    },
    purpose: 'Face embedding (1024-d global pooling), gender score, age distribution (100 bins)',
    inputRange: 'RGB, float in [0, 255] (human feeds its [0, 1] face crop x 255)',
    inputValues: [0, 255],
  },
  {
    name: 'antispoof',
    json: {
      file: 'antispoof.json',
      sha256: '7fd698ae1cebabbcad79d3b8b448587b0365eb7911987418231bdcf36583112a',
    },
    bin: {
      file: 'antispoof.bin',
      sha256: '4490fecb2becdb6869edc7e60f5e59962be013a8def8719b1373afb0f905c094',
    },
    upstream: {
      project: 'Fake face detection CNN (Kaggle, anku420)',
      url: 'https://www.kaggle.com/anku420/fake-face-detection',
      licence: 'not stated upstream; redistributed by @vladmandic/human under MIT',
    },
    purpose: 'Sigmoid "real face" score (weak baseline: scores noise as real)',
    inputRange: `${RANGE_UNIT}; face crop`,
    inputValues: [0, 1],
  },
  {
    name: 'liveness',
    json: {
      file: 'liveness.json',
      sha256: '9e51c8acf83b80abbf329b2735309ab5c90611c66905ade8b1bd130d473df9c8',
    },
    bin: { file: 'liveness.bin', sha256: 'fc6a6b6b3b9721bdb8bff67a457a15b7cbfd81715cfb27f3e65b757e81dd663e' },
    upstream: {
      project: 'LivenessNet (leokwu)',
      url: 'https://github.com/leokwu/livenessnet',
      licence: 'no licence file upstream; redistributed by @vladmandic/human under MIT',
    },
    purpose: 'Softmax over 2 classes, liveness (weak baseline)',
    inputRange: `${RANGE_UNIT}; face crop`,
    inputValues: [0, 1],
  },
  {
    name: 'handlandmark-lite',
    json: {
      file: 'handlandmark-lite.json',
      sha256: '8478ec3224129957f1436194738ad26ac78bbac8ea3be1730399ccad6964a27f',
    },
    bin: {
      file: 'handlandmark-lite.bin',
      sha256: '3dbf92db39720eac7f88aff322a24d3f4ed3ba1f54aa7a8a37b704f14cb76c0e',
    },
    upstream: { project: 'MediaPipe Hands landmark (lite), Google', url: MEDIAPIPE, licence: 'Apache-2.0' },
    purpose:
      'Hand landmarks: Identity_1 hand presence (sigmoid), Identity_2 handedness (sigmoid), Identity 21 x (x, y, z) in crop pixels, Identity_3 21 x (x, y, z) world coordinates; tells whether a hand covers the face',
    inputRange: `${RANGE_UNIT}; region crop`,
    inputValues: [0, 1],
  },
  {
    name: 'movenet-lightning',
    json: {
      file: 'movenet-lightning.json',
      sha256: 'df8cbde44d00f533ccc4916a7c6ebc17316532fb3fadad114ec667fef22872e9',
    },
    bin: {
      file: 'movenet-lightning.bin',
      sha256: 'bf97bc10d9c8a11200b0190ed64ce039b6252f1aff7cb552aca99b3d191c2f34',
    },
    upstream: {
      project: 'MoveNet SinglePose Lightning v4, Google',
      url: 'https://tfhub.dev/google/movenet/singlepose/lightning/4',
      licence: 'Apache-2.0',
    },
    purpose:
      'Body keypoints: Identity [1,1,17,3] = (y, x, score) per COCO keypoint (nose, left/right eye, left/right ear, shoulders, elbows, wrists, hips, knees, ankles), y and x in [0, 1] of the input square; eyes, ears and nose stay visible at full profile',
    inputRange:
      'RGB, whole numbers in [0, 255] as float (the TF graph takes int32; the ONNX graph truncates to integers)',
    inputValues: [0, 255],
  },
];
