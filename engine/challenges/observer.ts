// Turns frames into ChallengeObservations: the face tracker's mesh of the subject, MoveNet on the
// head and shoulders, and the hand model around the face. One observer per stream; it keeps the
// subject's track, the last place the face was seen (so MoveNet still looks there when the mesh
// loses a profile) and where a hand was last found.

import {
  createFaceTracker,
  type FaceConfig,
  type FaceTracker,
  type TrackedFace,
  type TrackerFrame,
} from '../face/index.ts';
import type { FaceRoi } from '../face/face-mesh.ts';
import type { BoxPx } from '../face/geometry.ts';
import type { ModelStore } from '../runtime/index.ts';
import { BodyKeypointModel } from './body-keypoints.ts';
import { resolveChallengeConfig } from './config.ts';
import { HandPresenceModel, type HandObservation } from './hand-presence.ts';
import { regionAroundFace, wholeFrameRegion } from './regions.ts';
import type { ChallengeObservation, FaceObservation } from './types.ts';

export interface ObserverConfig {
  /**
   * MoveNet's square, in face sizes, and its centre's shift down from the face centre. Measured
   * against the mesh's yaw (MoveNet yaw error, mean): 2.5 / 0.4 gave 1.1° (wojtek), 4.2°
   * (capture4), 1.1° (s32), 7.8° (nice_clip1); 1.6 / 0.2 gave 5.0°, 7.2°, 2.9°, 9.6°.
   */
  bodyRegionScale: number;
  bodyRegionShiftDown: number;
  /** Side of each hand-search tile, in face sizes (tiles: face centre, chin, either cheek). */
  handTileScale: number;
  /**
   * Side of the square around a hand already found, in hand sizes; it never shrinks below
   * `handFollowMinFaceSizes` face sizes. The hand model wants the hand centred in its crop: the
   * same hand at the chin scored 0.01 in a 2-face square on the face and 0.96 in one on the chin.
   */
  handFollowScale: number;
  handFollowMinFaceSizes: number;
  /** Presence at which a hand is followed to the next frame. */
  handFollowPresence: number;
  /** While the mesh has lost the face, keep looking where it was for this long, seconds. */
  faceHoldSec: number;
}

export const DEFAULT_OBSERVER_CONFIG: Readonly<ObserverConfig> = Object.freeze({
  bodyRegionScale: 2.5,
  bodyRegionShiftDown: 0.4,
  handTileScale: 1.5,
  handFollowScale: 1.8,
  handFollowMinFaceSizes: 0.8,
  handFollowPresence: 0.5,
  faceHoldSec: 5,
});

/** Offsets of the hand-search tiles from the face centre, in face sizes (x right, y down). */
const HAND_TILES: readonly (readonly [number, number])[] = [
  [0, 0],
  [0, 0.5],
  [-0.5, 0.25],
  [0.5, 0.25],
];

export function resolveObserverConfig(partial?: Partial<ObserverConfig>): ObserverConfig {
  return resolveChallengeConfig('challenge observer', DEFAULT_OBSERVER_CONFIG, partial, (c) =>
    c.bodyRegionScale > 0 && c.handTileScale > 0 && c.handFollowScale > 0
      ? null
      : 'region scales must be > 0',
  );
}

export interface ObserverOptions {
  readonly face?: Partial<FaceConfig>;
  readonly observer?: Partial<ObserverConfig>;
  /** Run MoveNet / the hand model (both default true). */
  readonly body?: boolean;
  readonly hand?: boolean;
}

/** Per frame: which models to run (both default true when loaded) and whose face to follow. */
export interface ObserveRequest {
  readonly body?: boolean;
  readonly hand?: boolean;
  /** The track to observe (the caller's primary face); default: the last subject, else the largest face. */
  readonly subjectTrackId?: number | null;
}

export class ChallengeObserver {
  private subjectTrack: number | null = null;
  private lastFace: { boxPx: BoxPx; timeSec: number } | null = null;
  private handFollow: FaceRoi | null = null;
  private tileCursor = 0;

  constructor(
    /** Null when the caller brings the faces (observeFaces): no second face tracker runs. */
    private readonly tracker: FaceTracker | null,
    private readonly body: BodyKeypointModel | null,
    private readonly hand: HandPresenceModel | null,
    private readonly config: ObserverConfig,
  ) {}

  static async create(store: ModelStore, options: ObserverOptions = {}): Promise<ChallengeObserver> {
    const config = resolveObserverConfig(options.observer);
    const [tracker, body, hand] = await Promise.all([
      createFaceTracker(store, options.face),
      options.body === false ? null : BodyKeypointModel.load(store),
      options.hand === false ? null : HandPresenceModel.load(store),
    ]);
    return new ChallengeObserver(tracker, body, hand, config);
  }

  /**
   * An observer without its own face tracker, for callers that already track faces (the live
   * session, `scan --challenges auto`): they pass each frame's faces to `observeFaces`.
   */
  static async forFaces(
    store: ModelStore,
    options: Omit<ObserverOptions, 'face'> = {},
  ): Promise<ChallengeObserver> {
    const config = resolveObserverConfig(options.observer);
    const [body, hand] = await Promise.all([
      options.body === false ? null : BodyKeypointModel.load(store),
      options.hand === false ? null : HandPresenceModel.load(store),
    ]);
    return new ChallengeObserver(null, body, hand, config);
  }

  /** Tracks the faces of `frame` with the observer's own tracker, then observes the subject. */
  async observe(frame: TrackerFrame, request: ObserveRequest = {}): Promise<ChallengeObservation> {
    if (!this.tracker) throw new Error('this observer has no face tracker: call observeFaces');
    const result = await this.tracker.process(frame);
    return this.observeFaces(frame, result.faces, request);
  }

  /** Observes the subject among `faces` (the caller's tracker's faces of this very frame). */
  async observeFaces(
    frame: TrackerFrame,
    faces: readonly TrackedFace[],
    request: ObserveRequest = {},
  ): Promise<ChallengeObservation> {
    const wanted = request.subjectTrackId ?? this.subjectTrack;
    const subject =
      faces.find((f) => f.trackId === wanted) ??
      [...faces].sort((a, b) => b.boxPx.width * b.boxPx.height - a.boxPx.width * a.boxPx.height)[0];
    let face: FaceObservation | null = null;
    if (subject) {
      this.subjectTrack = subject.trackId;
      this.lastFace = { boxPx: subject.boxPx, timeSec: frame.timeSec };
      face = {
        trackId: subject.trackId,
        pose: subject.pose,
        landmarks: subject.landmarks,
        boxPx: subject.boxPx,
      };
    }
    const held =
      this.lastFace && frame.timeSec - this.lastFace.timeSec <= this.config.faceHoldSec
        ? this.lastFace.boxPx
        : null;
    const body =
      this.body && request.body !== false
        ? await this.body.run(
            frame,
            held
              ? regionAroundFace(held, frame, {
                  scale: this.config.bodyRegionScale,
                  shiftDown: this.config.bodyRegionShiftDown,
                })
              : wholeFrameRegion(frame),
          )
        : null;
    const hand = this.hand && request.hand !== false && held ? await this.searchHand(frame, held) : null;
    return { timeSec: frame.timeSec, frameWidth: frame.width, frameHeight: frame.height, face, body, hand };
  }

  /** Forget the subject and every held region (a new stream or capture source). */
  reset(): void {
    this.tracker?.reset();
    this.subjectTrack = null;
    this.lastFace = null;
    this.handFollow = null;
    this.tileCursor = 0;
  }

  /** The hand where it was last found, plus one search tile around the face (in turn). */
  private async searchHand(frame: TrackerFrame, faceBox: BoxPx): Promise<HandObservation> {
    const faceSize = Math.max(faceBox.width, faceBox.height);
    const [dx, dy] = HAND_TILES[this.tileCursor++ % HAND_TILES.length]!;
    const tile = regionAroundFace(
      { ...faceBox, x: faceBox.x + dx * faceSize, y: faceBox.y + dy * faceSize },
      frame,
      { scale: this.config.handTileScale, shiftDown: 0 },
    );
    const regions = this.handFollow ? [this.handFollow, tile] : [tile];
    let best: HandObservation | null = null;
    for (const region of regions) {
      const seen = await this.hand!.run(frame, region);
      if (!best || seen.presence > best.presence) best = seen;
    }
    const found = best!;
    if (found.presence >= this.config.handFollowPresence) {
      const box = found.boxPx;
      this.handFollow = {
        center: [box.x + box.width / 2, box.y + box.height / 2],
        sizePx: Math.max(
          Math.max(box.width, box.height) * this.config.handFollowScale,
          faceSize * this.config.handFollowMinFaceSizes,
        ),
        angleRad: 0,
      };
    } else this.handFollow = null;
    return found;
  }
}
