// Baseline peer: @vladmandic/human's "liveness" model (LivenessNet, converted to ONNX in
// models/vendor). A softmax over 2 classes; human reports the first as its "live" value, so the
// attack score is 1 − softmax[0]. The aligned crop is resized to its 32×32 input bilinearly, as
// human does. Field notes: it scores noise ~0.94 "live" — a peer to compare against, not a detector.

import { vendorClassifierScorer } from './vendor-classifier.ts';

export const livenessScorer = vendorClassifierScorer({
  name: 'liveness',
  description: "human's liveness CNN (vendor model): attack score = 1 − its 'live' softmax output",
  model: 'liveness',
  realOutput: 'activation_6',
});
