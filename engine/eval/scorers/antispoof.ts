// Baseline peer: @vladmandic/human's "antispoof" CNN (converted to ONNX in models/vendor). It
// outputs the probability that the face is real; its fake score is 1 − real. The aligned crop is
// resized to its 128×128 input bilinearly. Field notes: it scores noise as "real" — a peer to
// compare against, not a detector to trust.

import { vendorClassifierScorer } from './vendor-classifier.ts';

export const antispoofScorer = vendorClassifierScorer({
  name: 'antispoof',
  description: "human's antispoof CNN (vendor model): fake score = 1 − its real-face probability",
  model: 'antispoof',
  realOutput: 'activation_4',
});
