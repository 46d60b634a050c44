// One catalogue for every user-facing string of the engine and CLI, in both UI languages.
// Keys are stable (error codes are keys too); only the text differs between languages.

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

const en = {
  E_USAGE: '{detail}',
  E_INPUT_MISSING: 'Input not found: {path}',
  E_INPUT_IS_DIRECTORY: 'Input is a directory, not a media file: {path}',
  E_INPUT_EMPTY: 'Input file is empty (0 bytes): {path}',
  E_INPUT_UNREADABLE: 'Cannot read {path} as video or image: {detail}',
  E_INPUT_NO_VIDEO: 'No video stream in {path}',
  E_FFMPEG_MISSING:
    'ffmpeg was not found. Install ffmpeg (e.g. apt-get install ffmpeg) or set FFMPEG_PATH to its binary.',
  E_FFMPEG_FAILED: 'ffmpeg failed while decoding {path}: {detail}',
  E_FFMPEG_PATH_INVALID: 'FFMPEG_PATH is set to {path}, but that is not an executable file.',
  E_MODEL_MISSING: 'Model {name} is missing ({path}). Run: npm run models',
  E_MODEL_CHECKSUM: 'Model file {path} does not match its recorded sha256; run npm run models again',
  E_MODEL_SOURCE:
    'Source model {name} from {pkg} has an unexpected sha256 ({path}); the package version changed?',
  E_MODEL_MANIFEST: 'Model manifest {path} is invalid: {detail}. Run: npm run models',
  E_MODEL_UNKNOWN: 'Model {name} is not listed in {path}. Run: npm run models',
  E_MODEL_CONVERT: 'Cannot convert model {name} to ONNX: {detail}',
  E_MODEL_METADATA: 'Cannot add TFLite metadata to model {name}: {detail}',
  E_MODEL_INPUT: 'Model {name} needs input dims [{expected}], got [{actual}] ({actualLength} values)',
  E_MODEL_SPEC: 'Model {path} cannot be used: {detail}',
  E_MODEL_CALIBRATION:
    'Calibration {path} cannot be used for model {name}: {detail}. Fit it with: npm run eval -- --write-calibration',
  'calibration.detail.missing': 'the file is missing',
  'calibration.detail.unreadable': 'the file cannot be read ({reason})',
  'calibration.detail.invalid': 'not a valid calibration file ({reason})',
  'calibration.detail.other-signal': 'it was made for signal {signal}',
  'calibration.detail.other-model':
    'it was fitted for the model with sha256 {fitted}, this model has {actual}',
  'calibration.detail.other-aggregation':
    'it was fitted with trimFraction {fitted}, the signal uses {actual}',
  E_CACHE_MISSING:
    'Face-crop cache {path} is missing or incomplete ({detail}). Build it with: callsentinel dataset',
  E_SIM_SET_MISMATCH:
    'The simulated attack set {path} was made from {made} crops, but the model sees {wanted} crops. Rebuild it: /usr/bin/python3 scripts/train/presentation-attack/make_sim_set.py --input {wanted} --out {path}',
  E_EVAL_NO_FOLD_MODELS:
    'Per-fold models are missing in {path} ({missing}), so no number would be held out. Train them (scripts/train/face-swap) or pass --allow-in-sample.',
  E_DATA_MISSING: 'Data folder not found: {path}. Set CALLSENTINEL_DATA or pass --data.',
  E_CONFIG_INVALID: 'Invalid configuration: {detail}',
  E_LOG_UNREADABLE: 'Cannot read {path} as an evidence log: {detail}',
  E_OUTPUT_UNWRITABLE: 'Cannot write {path}: {detail}',
  E_CHROMIUM_MISSING:
    'Chromium was not found ({looked}), so no PDF can be printed. Install it (e.g. apt-get install chromium) or set CHROMIUM_PATH to its binary.',
  E_CHROMIUM_FAILED: 'Chromium ({path}) could not print the PDF: {detail}',
  E_INTERNAL: 'Internal error: {detail}',
  // Desktop app (electron/main): IPC checks, the engine process, PDF printing, notifications.
  E_IPC_INVALID: 'The app refused a message from its window: {detail}',
  E_IPC_UNTRUSTED: 'The app refused a message from a page that is not its own ({origin}).',
  E_ENGINE_RESTARTING:
    'The analysis engine stopped unexpectedly (exit code {exitCode}) and restarts in {seconds} s. The running session has ended; its evidence log is kept up to that moment. Start a new session.',
  E_ENGINE_GAVE_UP:
    'The analysis engine crashed {count} times within {seconds} s and is not restarted again. Export what you need, then restart CallSentinel; if it happens again, please report it.',
  E_ENGINE_UNAVAILABLE:
    'The analysis engine is not running right now (it is restarting or has stopped). Try again in a moment.',
  E_ENGINE_REQUEST_LOST: 'The analysis engine stopped before it answered this request.',
  E_ENGINE_TIMEOUT: 'The analysis engine did not answer within {seconds} s.',
  E_PDF_PRINT_FAILED: 'The report could not be printed to PDF: {detail}',
  'app.frame-busy': 'Frame skipped: the engine is still analysing the previous ones.',
  'app.frame-engine-down': 'Frame skipped: the analysis engine is not running.',
  'app.notify-open': 'Open CallSentinel to see why and what to do now.',
  'app.engine-stopped-title': 'CallSentinel: analysis stopped',
  'app.renderer-missing':
    'The app window is not built ({path}). Build it with: npm run build:electron after building the renderer, or use npm start.',
  E_PROTOCOL: 'The app sent a message the engine cannot use: {detail}',
  E_WEB_NOT_BUILT: 'The app window is not built ({path}). Run: npm run build:renderer (or npm run dev:web)',
  'web.ready': 'CallSentinel web mode: open {url}\nSessions are saved in {dataDir}. Stop with Ctrl+C.',
  'usage.web-no-files': 'web takes no file arguments',
  'usage.web-port': '--port must be an integer from 0 to 65535',
  E_LIVE_NO_SESSION: 'No session is running: start one first.',
  'verdict.likely_real': 'Likely real',
  'verdict.suspicious': 'Suspicious',
  'verdict.likely_fake': 'Likely fake',
  'verdict.not_verified': 'Not verified',
  'reason.no-face': 'No face was found in the input.',
  'reason.no-detector': 'No detector has judged this face yet, so no verdict can be given.',
  'reason.face-too-small': 'The face is too small to judge (median {sizePx} px).',
  'reason.too-little-face': 'Too little usable face was seen ({seconds} s).',
  'reason.too-dark': 'The face is too dark to judge; ask for more light on the face.',
  'reason.overexposed': 'The face is overexposed (washed out) and cannot be judged.',
  'reason.too-blurred': 'The face is too blurred to judge (motion or focus).',
  'reason.live-window':
    'Verdict of the last few seconds while the call was analysed; the final verdict follows at the end.',
  'reason.face-swap-artifacts':
    'The face-swap detector found traces of a swapped face. A beauty filter can raise this score too: ask the caller to turn beauty mode off, then check again.',
  'reason.face-swap-clean': 'The face-swap detector found no trace of a swapped face.',
  'reason.face-swap-too-few-frames': 'Too few usable face frames for the face-swap detector.',
  'reason.presentation-attack-recapture':
    'The presentation-attack detector found traces of a face shown on a screen or a printed photo.',
  'reason.presentation-attack-live':
    'The presentation-attack detector found no trace of a screen or a photo.',
  'reason.presentation-attack-too-few-frames':
    'Too few usable face frames for the presentation-attack detector.',
  'reason.signal-failed': 'A detector could not run on this input; its result is left out.',
  'reason.signal-too-little-data': 'A detector saw too little of this face to judge it.',
  'reason.challenge-not-performed':
    '{count} challenge(s) were refused, not performed or timed out ({challenges}): the verdict is at least suspicious.',
  'reason.identity-switch':
    "During the challenges the face became another person's (from {time} s, for {seconds} s; similarity to the calm face {similarity}): likely fake.",
  'reason.challenges-performed': '{count} challenge(s) performed, with the same face throughout.',
  'reason.moment-score-rise':
    'During a {kind} at {time} s the face-swap score rose to {score} from {calm} on the calm face, more than genuine faces rise: at least suspicious.',
  'moment.head-turn': 'head turn',
  'moment.hand-over-face': 'hand over the face',
  'moment.close-up': 'close-up',
  'scan.label.challenges': 'Challenges',
  'scan.challenges.summary':
    '{moments} moment(s) found; calm score {calm}; identity: lowest similarity {similarity}, {switches} switch(es); with challenges: {verdict}{score}',
  'scan.challenges.moment':
    '{kind} {from}–{to} s: score {score} (calm {calm}, rise {rise}), identity {similarity}{switched}',
  'scan.challenges.switched': ', SWITCH',
  'usage.challenges-mode':
    '--challenges takes "auto" (find head turns, hands over the face and close-ups in the recording)',
  // Physiological and temporal signals (engine/signals/pulse, blink, jitter, boundary-flicker, mouth-texture, neck-colour).
  'reason.pulse-present':
    "A pulse was found in the skin of the face. This alone does not prove the face is real: a live face swap shows the wearer's pulse.",
  'reason.pulse-none':
    'No clear pulse was found in the skin of the face (a photo, a screen or a synthetic face has none; dim or heavily compressed video can hide it too).',
  'reason.pulse-incoherent': 'The forehead and the cheeks show different pulses, which a live face does not.',
  'reason.pulse-window-filling': 'The pulse check needs more seconds of steady face video.',
  'reason.pulse-face-moving': 'The face moved too much for the pulse check.',
  'reason.blink-normal': 'The face blinks normally. This alone does not prove the face is real.',
  'reason.blink-none': 'The face did not blink for an unusually long time.',
  'reason.blink-odd': 'The blinks look unnatural (one eye at a time, or faster than an eyelid moves).',
  'reason.blink-watching': 'The blink check needs more video of the open eyes.',
  'reason.jitter-high': "The face's landmarks jitter while the head is still, as a swapped face's do.",
  'reason.jitter-normal': 'The face stays steady while the head is still.',
  'reason.jitter-not-still': 'The head was not still long enough for the jitter check.',
  'reason.mouth-texture-smooth':
    'The open mouth (teeth, tongue, lip edges) is much smoother than the eyes, as a generated or swapped mouth often is.',
  'reason.mouth-texture-normal': 'The open mouth shows as much fine detail as the eyes.',
  'reason.mouth-texture-closed':
    'The mouth was not open long enough, facing the camera, to check its detail.',
  'reason.neck-colour-drift':
    "The face's colour jumps against the neck's from frame to frame, as a face colour-matched anew each frame does.",
  'reason.neck-colour-normal': 'The face and the neck change colour together.',
  'reason.neck-colour-unseen':
    'The neck was not visible long enough, below a face turned to the camera, to compare colours.',
  'reason.boundary-flicker-high':
    'The edge of the face flickers more than its inside, as a pasted-in face does.',
  'reason.boundary-flicker-normal': 'The edge of the face is as steady as its inside.',
  'reason.boundary-flicker-too-short': 'The head was not still long enough for the face-edge check.',
  // The call report (engine/evidence/report), rendered from an evidence log.
  'report.doc-title': 'CallSentinel report {session}',
  'report.title': 'Video call check: report',
  'report.intro':
    'CallSentinel checked, on this computer, whether the face in the call or recording below belongs to a real, live person. Everything in this report comes from the evidence log of this session.',
  'report.result': 'Result',
  'report.result-untrusted': 'Result written in the log (not trustworthy: the log is broken)',
  'report.meaning.likely_real':
    'The face behaved like a real, live person for every detector that could judge it.',
  'report.meaning.suspicious': 'Some signs point to a fake or replayed face. Be careful.',
  'report.meaning.likely_fake': 'The face is very likely fake: a face-swap, a mask or a replayed video.',
  'report.meaning.not_verified': 'The face could not be checked. This does NOT mean it is real.',
  'report.score-line': 'Score {score} (0 = real, 1 = fake) · confidence {confidence}',
  'report.why': 'Why',
  'report.no-reasons': 'No reason was recorded.',
  'report.no-verdict': 'The log holds no verdict: the session ended before one was given.',
  'report.next': 'What to do now',
  // The live alert: what to do now, per profile (the app shows these when the verdict turns).
  'alert.title.suspicious': 'Warning: this face may be fake',
  'alert.title.likely_fake': 'Danger: this face is likely fake',
  'alert.next.bank.1': 'Pause the transaction now; do not release funds during this call.',
  'alert.next.bank.2':
    'Verify the customer through a channel on file (call back the registered number, or ask them to visit a branch).',
  'alert.next.bank.3': 'Run a challenge and export the report for your fraud team.',
  'alert.next.police.1': 'Mark this moment so it is in the evidence record.',
  'alert.next.police.2':
    'Run a challenge: ask the caller to turn the head fully to the side and sweep a hand across the face.',
  'alert.next.police.3': 'Export the evidence log and the report before closing the session.',
  'alert.next.personal.1': 'Do not transfer money or share any code, password or personal data.',
  'alert.next.personal.2': 'Hang up and call the person back on a number you already have.',
  'alert.next.personal.3': 'Report it: anti-fraud hotline 96110, or police 110 (in China).',
  'reason.live.likely_real':
    'Over the last seconds the face-swap detector found no clear sign of a swapped face (score {score}; a warning starts at {threshold}).',
  'reason.live.suspicious':
    'Over the last seconds the face-swap detector sees signs of a swapped face (score {score}; a warning starts at {threshold}).',
  'reason.live.likely_fake':
    'Over the last seconds the face-swap detector sees strong signs of a swapped face (score {score}; likely fake from {threshold}).',
  'reason.live-collecting': "Collecting evidence: keep the caller's face in view for a few seconds.",
  'reason.live-no-face': 'No face is visible right now.',
  'report.next.likely_real.1':
    'A real face does not prove who the person is. Keep to your usual identity checks.',
  'report.next.likely_real.2':
    'For money or sensitive requests, confirm through a channel you already know, such as calling back a saved number.',
  'report.next.suspicious.1':
    'Do not send money and do not share codes, passwords or personal data in this call.',
  'report.next.suspicious.2':
    'Ask the caller to turn their head slowly to each side and to pass a hand in front of their face; fake faces often break up.',
  'report.next.suspicious.3': 'End the call and call the person back on a number you already know.',
  'report.next.likely_fake.1': 'Treat this call as fraud: do not send money, codes or personal data.',
  'report.next.likely_fake.2':
    'End the call and contact the real person through a number or address you already know.',
  'report.next.likely_fake.3':
    'Keep this report and its evidence log, and report the call to your bank and the police.',
  'report.next.not_verified.1': 'The tool could not judge this face, so do not rely on it either way.',
  'report.next.not_verified.2':
    'Ask for a better view (facing the camera, good light, face large in the picture) and check again.',
  'report.next.not_verified.3': 'Until then, confirm who the person is through a channel you already know.',
  'report.integrity-ok':
    'Evidence log verified: all {records} records are linked to each other by sha256 and none is missing at the end. Final hash: {hash}',
  'report.integrity-broken':
    'WARNING: this evidence log FAILED verification at line {line}: {problem} Records may have been edited, removed or cut off. Do not rely on this report.',
  'report.problem.empty': 'the log is empty.',
  'report.problem.truncated': 'the last record is cut off.',
  'report.problem.not-json': 'the line is not a readable record.',
  'report.problem.chain':
    'the record does not link to the one before it (records edited, deleted or reordered).',
  'report.problem.sequence': 'the record is out of sequence.',
  'report.problem.other-session': 'the record belongs to another session.',
  'report.problem.no-start': 'the log does not begin with its session-start record.',
  'report.problem.after-end': 'records follow the session-end record.',
  'report.problem.count': 'the session-end record counts a different number of records.',
  'report.problem.no-end': 'the session-end record is missing (the log was cut off).',
  'report.timeline': 'Score over time',
  'report.timeline-caption':
    'One point per second of media. Higher means more likely fake; the coloured bands show where each verdict begins. A gap means no face was judged in that second.',
  'report.timeline-keyframes': 'Numbered lines: the key moments shown below.',
  'report.timeline-marks': 'Dashed lines: marks the operator made.',
  'report.timeline-empty':
    'No score was recorded (no detector judged the face), so there is nothing to plot.',
  'report.axis-time': 'time (min:s)',
  'report.axis-score': 'score',
  'report.keyframes': 'Key moments',
  'report.keyframe-caption': '{n}. At {time}: {why}',
  'report.keyframe-box': 'The box marks the face that was judged.',
  'report.keyframe-hash-mismatch': 'This picture does not match its recorded sha256.',
  'report.no-keyframes': 'No pictures were saved in this log.',
  'keyframe.highest-score': 'highest score of the call',
  'keyframe.verdict-changed': 'the verdict changed',
  'keyframe.first-face': 'first clear view of the face',
  'keyframe.operator-mark': 'marked by the operator',
  'keyframe.challenge': 'during a challenge',
  'report.signals': 'Detectors',
  'report.no-signals': 'No detector reported a score.',
  'report.col.signal': 'Detector',
  'report.col.score': 'Score',
  'report.col.confidence': 'Confidence',
  'report.col.status': 'Status',
  'report.col.time': 'Time',
  'report.col.challenge': 'Challenge',
  'report.col.event': 'Event',
  'report.col.detail': 'Detail',
  'report.col.text': 'Text',
  'report.col.kind': 'Kind',
  'report.col.last-result': 'Last result at',
  'report.status.ok': 'working',
  'report.status.insufficient-data': 'not enough data',
  'report.status.degraded': 'failed (left out)',
  'report.signal.face-swap': 'Face-swap traces',
  'report.signal.presentation-attack': 'Screen, photo or mask',
  'report.signal.pulse': 'Pulse in the skin',
  'report.signal.blink': 'Blinking',
  'report.challenges': 'Challenges',
  'report.challenge-issued': 'asked',
  'report.challenge-result': 'result',
  'report.challenge-passed': 'passed',
  'report.challenge.turn-head': 'Turn the head slowly to each side',
  'report.challenge.hand-over-face': 'Pass a hand in front of the face',
  'report.challenge.look-up-down': 'Look up, then down',
  'report.challenge.hand-sweep': 'Sweep a hand across the face',
  'report.challenge.cover-eye': 'Cover one eye with a hand',
  'report.challenge.press-cheek': 'Press a finger on the cheek',
  'report.challenge.close-up': 'Come close to the camera and back',
  'report.challenge.blink-twice': 'Blink twice',
  'report.challenge.open-mouth': 'Open the mouth wide',
  'report.challenge-failed': 'failed',
  'report.operator-notes': 'Operator marks and notes',
  'report.operator-mark': 'mark',
  'report.operator-note': 'note',
  'report.problems': 'Warnings and errors during the session',
  'report.warning': 'warning',
  'report.error': 'error',
  'report.record': 'Evidence record',
  'report.f.input': 'Input',
  'report.input-live': 'live call: {description}',
  'report.f.input-sha256': 'Input sha256',
  'report.f.records': 'Records in the log',
  'report.records-broken': '{verified} intact before line {line}; {readable} readable in the file',
  'report.f.final-hash': 'Final hash of the log',
  'report.final-hash-none': 'none: the chain is broken',
  'report.f.chain': 'Hash chain',
  'report.chain-ok': 'verified',
  'report.chain-broken': 'BROKEN at line {line}',
  'report.f.app-version': 'App version',
  'report.f.models': 'Models (sha256)',
  'report.f.config-hash': 'Configuration hash',
  'report.f.session': 'Session id',
  'report.f.started': 'Started',
  'report.f.ended': 'Ended',
  'report.f.media': 'Media time covered',
  'report.media-range': '{from}–{to} ({seconds} s)',
  'report.field': '{label}: {value}',
  'report.not-recorded': 'not recorded',
  'report.verify-howto':
    'To check this report against its log, run {command}. It must say "intact" with the same record count and final hash as this report; a different final hash means the log is not the one this report was made from.',
  'report.sign': 'Sign-off',
  'report.sign-name': 'Operator name',
  'report.sign-case': 'Case number',
  'report.sign-date': 'Date',
  'report.sign-signature': 'Signature',
  'report.footer':
    'CallSentinel {version}. Made offline from the evidence log alone. A verdict is an estimate, not proof of identity.',
  'challenge.turn-head.prompt':
    'Please turn your head slowly to the left until I see your profile, come back to face the camera, then do the same to the right.',
  'challenge.look-up-down.prompt':
    'Please look up at the ceiling, then down at the floor, then back at the camera.',
  'challenge.hand-sweep.prompt': 'Please pass one hand slowly across your face, from one side to the other.',
  'challenge.cover-eye.prompt': 'Please cover one eye with your hand for two seconds.',
  'challenge.press-cheek.prompt': 'Please press one finger on your cheek for two seconds.',
  'challenge.close-up.prompt': 'Please move close to the camera, then back to where you were.',
  'challenge.blink-twice.prompt': 'Please blink twice.',
  'challenge.open-mouth.prompt': 'Please open your mouth wide, then close it.',
  // The command line (engine/cli): help, summaries, output labels, progress and usage errors.
  'cli.help':
    'callsentinel — check locally whether the face in a video call or recording is real.\n\nUsage: callsentinel <command> [options]      callsentinel <command> --help\n\nCommands:\n{commands}\n\nExit codes: 0 done, 2 bad usage or input, 1 internal error.\nEnvironment: FFMPEG_PATH (ffmpeg binary), CALLSENTINEL_DATA (evaluation data), CALLSENTINEL_LANG (en | zh-CN).\nLanguage: --lang en|zh-CN where a command has it, else CALLSENTINEL_LANG, else en.\n',
  'cli.error-line': 'callsentinel {command}: {message} [{code}]',
  'cli.models-dir-notice':
    'callsentinel {command}: using the trained models in {dir} (CALLSENTINEL_MODELS_DIR), not the shipped models/ folder',
  'cli.internal-error': 'callsentinel {command}: internal error: {detail}',
  'cli.unknown-command': 'callsentinel: unknown command "{command}". Run callsentinel --help.',
  'cli.wrote': 'wrote {files}',
  'summary.scan': 'analyse a recording or image and give a verdict with reasons',
  'summary.verify-log': 'check that an evidence log is intact (hash chain, order, completeness)',
  'summary.web': 'serve the app in a browser on this machine (web mode), with the real engine',
  'summary.report': 'make the HTML (and PDF) call report from an evidence log',
  'summary.config': 'print the resolved configuration (defaults < profile < file) and its hash',
  'summary.bench': 'measure per-stage speed and frames/s of the face pipeline on this machine',
  'summary.dataset': 'build the face-crop cache (crops, masks, landmarks, folds) for training and evaluation',
  'summary.eval': 'measure a detector on the face-crop cache: held-out AUC [CI], EER, verdict error rates',
  'help.scan': `Usage: callsentinel scan FILE [options]

Analyse a recording (mp4, mov, mkv, webm, avi, gif, animated webp) or a still image and say
whether the main face in it is likely real, suspicious, likely fake, or could not be verified.

Options:
  --json             print exactly one JSON document on stdout (contract: docs/cli.md)
  --max-seconds N    analyse only the first N seconds
  --sample-fps N     analyse at most N frames per second of media (default: every frame)
  --lang L           language of messages: en (default) or zh-CN (or set CALLSENTINEL_LANG)
  --profile P        personal (default, ≤ 5 % false alarms), bank (≤ 10 %, more sensitive), police
  --config FILE      settings file (JSON; see callsentinel config print)
  --events FILE      write the tamper-evident evidence log (NDJSON; check it with verify-log)
  --report FILE      write the call report (self-contained HTML) from the evidence log
  --pdf FILE         also print the report to PDF (needs Chromium: CHROMIUM_PATH or /usr/bin/chromium)
  --operator NAME    operator's name, recorded in the log and printed on the report
  --challenges auto  also find head turns, hands over the face and close-ups and score them
                     against the calm face (face-swap score, identity continuity; docs/challenges.md)
  -h, --help         show this help

With --report but no --events, the evidence log is kept next to the report as REPORT.evidence.ndjson.

Exit codes: 0 analysed, 2 bad usage or unreadable input (one line on stderr), 1 internal error.
`,
  'help.web': `Usage: callsentinel web [--port N] [--data-dir DIR] [--static-dir DIR] [--lang en|zh-CN]

Serve the CallSentinel window to a browser on this machine and analyse the camera or screen it
captures with the local engine (the same as the desktop app; nothing leaves the machine). Listens
on 127.0.0.1 only; the page and its engine connection need the random token in the printed URL.
Build the window first: npm run build:renderer (npm run dev:web does both).

Options:
  --port N          port to listen on (default: a free one)
  --data-dir DIR    where sessions (evidence logs, reports) are saved
                    (default: CALLSENTINEL_HOME, else the user's data folder)
  --static-dir DIR  the built window (default: dist/renderer)
  --lang LANG       language of these messages: en or zh-CN
  -h, --help        show this help

Stops with Ctrl+C; a running session is ended first so its evidence log is complete.
`,
  'help.verify-log': `Usage: callsentinel verify-log FILE [--json]

Check that an evidence log (NDJSON written by a session or by scan --events) is intact: every
record carries the sha256 of the record before it, so an edited, deleted, reordered or cut-off
record breaks the chain, and a log must end with its session-ended record.

Options:
  --json        print the result as one JSON document
  -h, --help    show this help

Exit codes: 0 intact (prints the record count and the final hash), 1 broken (names the first
broken line), 2 unreadable file or bad usage.
`,
  'help.report': `Usage: callsentinel report LOG.ndjson --out report.html [options]

Make the call report from an evidence log alone: the verdict and why, what to do next, the score
over time, key moments with the face marked, every detector's last result, challenges and
operator notes, and the record that ties the report to its log (record count, final hash,
models, configuration) with fields to sign. One self-contained HTML file that fetches nothing;
--pdf also prints it to A4 PDF through headless Chromium.

A log that fails verification still gets its report, with a warning at the top naming the
broken line.

Options:
  --out FILE         the HTML report to write (required)
  --pdf FILE         also print the report to PDF (needs Chromium: CHROMIUM_PATH, /usr/bin/chromium,
                     or chromium / chromium-browser / google-chrome on PATH)
  --lang L           language of the report: en (default) or zh-CN (or set CALLSENTINEL_LANG)
  --operator NAME    the operator's name, printed in the sign-off fields
  -h, --help         show this help

Exit codes: 0 report written of an intact log, 1 report written but the log is broken (or an
internal error), 2 unreadable log, unwritable output, no Chromium for --pdf, or bad usage.
`,
  'help.config': `Usage: callsentinel config print [--profile bank|police|personal] [--config FILE]

Print the resolved configuration as JSON: built-in defaults, then the profile, then the
settings in FILE (a JSON file with any subset of the keys printed here), and its sha256 — the
hash every evidence log starts with. Unknown keys or wrong types are errors (exit 2).

Profiles: personal (default; at most 5 % false alarms), bank (up to 10 % false alarms for more
sensitivity), police (5 %, and more usable face before judging a recording).
`,
  'help.bench': `Usage: callsentinel bench [options]

Measure the face pipeline on this machine: generated 640×480, 30 fps call-like clips with one
face and with four faces (made from the sample photos of @vladmandic/human) are decoded with
ffmpeg and analysed (detect, mesh, aligned crop). Prints milliseconds per stage and end-to-end
frames per second, with the machine, ffmpeg and model hashes behind the numbers.

Options:
  --seconds N   length of each generated clip (default 10)
  --json        print the report as one JSON document
  -h, --help    show this help
`,
  'help.dataset': `Usage: callsentinel dataset [options]

Build the cache of aligned face crops that training and evaluation read, from the shared face
media (MANIFEST.tsv): each file's regions by its layout (whole frame; side-by-side halves; the
panels listed in engine/eval/dataset/panel-table.ts; the live and attack strips of the stills
listed in mixed-frame-table.ts; reference inset greyed out), sampled frames,
the primary face's 224×224 crops, masks, landmarks and context crops (the crop zoomed out 2×,
showing what is around the face), and grouped folds by identity group.
Re-runs only analyse files that changed. One progress line per file goes to stderr.

Options:
  --data DIR            the data folder (default: CALLSENTINEL_DATA)
  --cache DIR           cache root, outside the repository (default: CALLSENTINEL_CACHE or
                        ~/.cache/callsentinel); the cache is DIR/face-crops-v1
  --categories LIST     comma-separated manifest categories (default: {categories})
  --sample-fps N        frames per media second to analyse (default {sampleFps})
  --max-per-item N      crops kept per item at most, evenly spread (default {maxPerItem})
  --folds K             number of grouped folds (default {folds})
  --only SUBSTRING      analyse only files whose name contains SUBSTRING (the index still lists
                        every item already in the cache)
  --keep-folds          identity groups already in the cache's folds.json keep their fold; only
                        new groups are placed (extend a cache without moving what fold models
                        were trained on)
  --json                print the build report as one JSON document
  -h, --help            show this help

Exit codes: 0 built (files that could not be read are listed as skipped), 2 bad usage or
missing data folder, 1 internal error.
`,
  'help.eval': `Usage: callsentinel eval [options]

Measure a scorer on the face-crop cache (built by \`callsentinel dataset\`), item by item (video
level): every usable crop is scored, an item's frames are aggregated as the signal aggregates a
track, and for each held-out fold the calibration and verdict thresholds are fitted on the
other folds only. Prints AUC with a bootstrap 95 % CI, EER, false-alarm and miss rates of the
verdicts, the not_verified rate and AUC per method, with the dataset and model hashes, and the
false alarms on the held-out genuine items again after a light and a strong phone-style beauty
filter (most call apps beautify by default), and the verdict after only the first 1, 1.5, 2, 3
and 5 s of face (how soon a verdict holds); writes <scorer>.json and <scorer>-roc.svg into --out.

Options:
  --scorer NAME         face-swap (default; our model), antispoof (human's model), face-blur (no model),
                        presentation-attack (our model), liveness (human's model)
  --protocol P          swap (default) or presentation-attack (default of --scorer presentation-attack):
                        APCER at BPCER 10 % / 5 % per attack type (print, replay), frame level on the
                        real attack media and video level on the simulated sequences of --sim;
                        or fusion: face-swap alone against face-swap plus each liveness and temporal
                        signal, and against per-task sets (face-swap for swaps OR a talking-head
                        fusion) (held-out AUC for swaps and talking heads, false alarms; and each
                        signal on the two halves of the same side-by-side clips), from the
                        signal table (every video item scanned once with the other signals, kept
                        in <cache root>/signal-table-v1; needs --data or CALLSENTINEL_DATA)
  --sim DIR             held-back simulated attack sequences (default <cache root>/presentation-attack-sim-v1)
  --cache DIR           cache root (default $CALLSENTINEL_CACHE or ~/.cache/callsentinel); reads DIR/face-crops-v1
  --models-dir DIR      per-fold models fold-<k>.onnx and oof-scores.jsonl (default <cache root>/face-swap-train;
                        presentation-attack: <cache root>/presentation-attack-train)
  --folds-from-cache    use the cache's folds.json even without the trainer's oof-scores.jsonl to check it against
  --allow-in-sample     without per-fold models, score with models/face-swap.onnx (numbers labelled IN-SAMPLE)
  --write-calibration   fit the signal's calibration on all folds' out-of-fold scores and write it next to the model
  --data DIR            the data folder the cache was built from (records its MANIFEST.tsv sha256)
  --out DIR             where the JSON and SVG go (default ./eval-out)
  --resamples N         bootstrap resamples for the confidence intervals (default 2000)
  --json                print the report as one JSON document instead of the table
  -h, --help            show this help
`,
  // Usage errors: the detail of E_USAGE (and of other codes' {detail}), said in the reader's language.
  'usage.unknown-option': 'unknown option {option} (see --help)',
  'usage.option-needs-value': 'option {option} needs a value',
  'usage.option-takes-no-value': 'option {option} takes no value',
  'usage.bad-arguments': 'bad arguments: {detail}',
  'usage.positive-number': '{flag} needs a positive number, got "{value}"',
  'usage.integer-at-least': '{flag} needs an integer ≥ {min}, got "{value}"',
  'usage.lang': '--lang must be en or zh-CN, got "{value}"',
  'usage.lang-env': 'CALLSENTINEL_LANG must be en or zh-CN, got "{value}"',
  'usage.scan-one-file': 'scan takes exactly one FILE (see callsentinel scan --help)',
  'usage.pdf-needs-report': '--pdf needs --report (the PDF is printed from the HTML report)',
  'usage.log-exists': 'exists already (logs are never overwritten)',
  'usage.config': 'usage: callsentinel config print [--profile P] [--config FILE]',
  'usage.dataset-no-files': 'dataset takes no FILE arguments, got "{arg}" (see callsentinel dataset --help)',
  'usage.unknown-category': '--categories: unknown category "{category}" (known: {known})',
  'usage.only-empty': '--only needs a substring',
  'usage.keep-folds-mismatch':
    "--keep-folds: the cache's folds.json has {k} folds with seed {seed}, this build asks for {wantK} with seed {wantSeed}",
  'usage.none-given': '(none given)',
  'usage.eval-no-files': 'eval takes no FILE (got {args})',
  'usage.no-calibration': '--write-calibration: scorer {scorer} has no signal calibration to fit',
  'usage.report-one-log': 'report takes exactly one LOG file (see --help)',
  'usage.report-needs-out': 'report needs --out FILE.html',
  'usage.verify-log-one-file': 'verify-log takes exactly one FILE',
  'usage.unknown-scorer': 'unknown scorer "{name}" (known: {known})',
  'usage.cache-in-repo':
    'the cache folder {path} is inside the repository; choose one outside it (--cache or CALLSENTINEL_CACHE)',
  'usage.eval-oof-missing':
    "{path} is missing, so the per-fold models' split cannot be checked against the cache; pass --folds-from-cache to use the cache folds.json as it is",
  'usage.eval-fold-mismatch':
    "item {item} is in fold {cacheFold} of the cache but fold {trainerFold} of the trainer's {file}: the fold models were trained on another split",
  'usage.calibration-in-sample':
    '--write-calibration needs out-of-fold scores; in-sample scores would make the calibration overconfident',
  // scan's text output.
  'scan.label.verdict': 'verdict:',
  'scan.label.reason': 'reason:',
  'scan.label.signal': 'signal:',
  'scan.label.faces': 'faces:',
  'scan.label.analysed': 'analysed:',
  'scan.label.sha256': 'sha256:',
  'scan.score': ' (score {score}, confidence {confidence})',
  'scan.status.ok': 'ok',
  'scan.status.insufficient-data': 'insufficient-data',
  'scan.status.degraded': 'degraded',
  'scan.primary': ' (primary: track {id})',
  'scan.track': 'track {id}{primary}: {from}–{to} s, {frames} frames, {sizePx} px, yaw {yawMin}…{yawMax}°',
  'scan.analysed': '{frames} frames of {seconds} s at {fps} frames/s',
  'scan.progress': 'analysing: {time} / {duration} s, {frames} frames',
  'scan.progress-live': 'analysing: {time} s, {frames} frames',
  'scan.signal-error-line':
    'callsentinel scan: warning: detector {id} could not run and is left out: {message}',
  // verify-log and report: the log's state, and what broke.
  'verify.intact': 'intact: {records} records, final hash {hash}',
  'verify.broken': 'BROKEN at line {line}: {problem}',
  'verify.report-intact': 'wrote {files} (log intact: {records} records, final hash {hash})',
  'verify.report-broken': 'wrote {files}; the log is BROKEN at line {line}: {problem} (the report says so)',
  'verify.problem.empty': 'the log is empty',
  'verify.problem.truncated': 'the last record is cut off (truncated)',
  'verify.problem.not-json': 'not valid JSON',
  'verify.problem.not-object': 'not a JSON object',
  'verify.problem.chain':
    'its prevHash does not match the previous line (edited, deleted or reordered records)',
  'verify.problem.sequence': 'sequence number {seq} where {expected} was expected',
  'verify.problem.other-session': 'belongs to another session',
  'verify.problem.no-start': 'the log does not start with session-started',
  'verify.problem.after-end': 'records follow session-ended',
  'verify.problem.count': 'session-ended counts {counted} records, the log has {actual}',
  'verify.problem.no-end': 'no session-ended record (truncated)',
  // bench.
  'bench.generating': 'generating {seconds} s test clips in {dir} …',
  'bench.measuring': 'measuring …',
  'bench.case-one': '640×480 30 fps, 1 face',
  'bench.case-many': '640×480 30 fps, {faces} faces',
  'bench.label.machine': 'machine:',
  'bench.label.ffmpeg': 'ffmpeg:',
  'bench.label.models': 'models:',
  'bench.machine': '{cpu}, {cores} cores, node {node}, {platform}',
  'bench.header':
    '| case | frames | faces/frame | decode ms | detect ms | mesh ms | crop ms | {signals}total ms | end-to-end frames/s | decode-only frames/s |',
  'bench.not-run': 'not run',
  'bench.note':
    "Stage columns are mean milliseconds per frame (detection runs every few frames and signals score every\nk-th frame, so their means are amortised). The total includes the signals' time.",
  'bench.did-not-run': '{id} did not run: {error}',
  'bench.model-inference':
    '{name} model alone: {medianMs} ms per crop (median of {runs} runs, {threads} thread(s), no crop preparation)',
  // dataset.
  'dataset.progress': '{head} {frames} frames, crops {crops}, {seconds} s',
  'dataset.progress-cached': '{head} {frames} frames, crops {crops}, {seconds} s (cached)',
  'dataset.progress-skipped': '{head} skipped, {reason} ({seconds} s)',
  'dataset.cache': 'face-crop cache: {dir}',
  'dataset.label.files': 'files:',
  'dataset.label.items': 'items:',
  'dataset.label.skipped': 'skipped:',
  'dataset.label.time': 'time:',
  'dataset.files':
    '{planned} planned, {processed} processed ({analysed} analysed, {cached} cached, {failed} failed)',
  'dataset.items': '{items}, crops: {crops}',
  'dataset.items-missing': '{items}, crops: {crops}; {missing} planned items not in the cache',
  'dataset.by-category': 'by category:',
  'dataset.by-label': 'by label (1 swap, 0 genuine):',
  'dataset.by-fold': 'by fold (k = {k}):',
  'dataset.count-row': '{items} items ({withoutCrops} without crops), {crops} crops',
  'dataset.fold-row':
    'fold {fold}: {items} items ({genuine} genuine, {swap} swap), {crops} crops, {groups} identity groups',
  'dataset.seconds': '{seconds} s',
  // eval.
  'eval.progress': 'scoring: {done} / {total} crops',
  'eval.table-progress': 'signal table [{index}/{total}] {file}: scanned in {seconds} s',
  'eval.table-summary': 'signal table: {items} items ({cached} re-used) in {dir}',
  'eval.wrote': 'wrote {json} and {svg}',
  'eval.label.scorer': 'scorer:',
  'eval.label.warning': 'WARNING:',
  'eval.label.held-out': 'held out:',
  'eval.label.data': 'data:',
  'eval.label.models': 'models:',
  'eval.label.protocol': 'protocol:',
  'eval.in-sample': 'IN-SAMPLE — the model scored items it was trained on; these numbers overstate it.',
  'eval.held-out':
    'every item scored by a model and calibrated by parameters fitted without its fold ({folds} folds, {source})',
  'eval.data':
    '{dir} (items.jsonl sha256 {hash}…), {genuine} genuine + {swap} swap video items ({stills} still images left out), {crops} crops scored{unusable}',
  'eval.unusable': ', {count} unusable crops skipped',
  'eval.none': 'none',
  'eval.na': 'n/a',
  'eval.no-ci': '(no CI: < 3 items)',
  'eval.protocol':
    'item (video) level; score = {method} (trim {trim}) of frame scores; AUC and EER on the out-of-fold item scores of verified items; verdict thresholds for ≤ {suspicious} / {likelyFake} false alarms on the training folds; not_verified under {minPx} px, < {minSec} s usable face or < {minFrames} usable frames',
  'eval.header-overall':
    '| items | verified (genuine / swap) | AUC [95 % CI] | EER | false-alarm rate | miss rate | not_verified genuine / swap | crops/s |',
  'eval.row-all': 'all',
  'eval.header-method': '| method (its swaps vs all genuine) | swap items | AUC [95 % CI] |',
  'eval.header-fold':
    '| fold | test genuine / swap | AUC | Platt slope, intercept | suspicious ≥ | likely fake ≥ |',
  'eval.paired-regions':
    'same clip, swapped half vs its genuine half (side-by-side and panel clips): the swap scored higher in {higher} of {pairs} ({share} {ci}; 50 % is chance)',
  'eval.twin-look':
    "their genuine halves against every other genuine item: AUC {auc} (above 0.5: the clips' source, not the swap, raises the score)",
  'eval.clamped': ' (clamped)',
  'eval.trainer-agreement': 'trainer agreement: {crops} crops, |ours − trainer OOF| mean {mean}, max {max}',
  'eval.beauty-filter':
    '{level} beauty filter (phone-style skin smoothing + brightening on every crop): false alarms on the {genuine} verified genuine items {before} → {after}, mean probability change {shift}',
  'eval.beauty-level.light': 'light',
  'eval.beauty-level.strong': 'strong',
  'eval.face-time':
    'verdict after the first T seconds of face (each item judged on its first T s only, T s of usable face required; the same fold fits as above):',
  'eval.header-face-time':
    '| T | verified (genuine / swap) | AUC [95 % CI] | false-alarm rate | miss rate | not_verified genuine / swap |',
  // The app window (renderer/): views, controls, diagnostics. Keys app.<view>.<what>.
  'app.doc-title': 'CallSentinel — is the face in this call real?',
  'app.tagline': 'Is the face in this call real?',
  'app.skip-to-controls': 'Skip to the session controls',
  'app.settings.profile': 'Profile',
  'app.settings.language': 'Language',
  'app.settings.source': 'Video source',
  'app.settings.locked': 'Stop the session to change this setting.',
  'app.profile.personal': 'Personal',
  'app.profile.bank': 'Bank',
  'app.profile.police': 'Police',
  'app.lang.en': 'English',
  'app.lang.zh-CN': '简体中文',
  'app.source.camera': 'Camera',
  'app.source.screen': 'Whole screen',
  'app.source.window': 'One window (the call app)',
  'app.source.file': 'Video file',
  'app.source.choose-file': 'Choose video file…',
  'app.source.no-file': 'No file chosen',
  'app.status.idle': 'Not checking',
  'app.status.starting': 'Starting…',
  'app.status.running': 'Checking · {time}',
  'app.status.stopping': 'Stopping…',
  'app.status.stopped': 'Stopped · {frames} frames analysed',
  'app.status.failed': 'Could not start',
  'app.connection.connecting': 'Connecting to the engine…',
  'app.connection.closed': 'The analysis engine is not connected. Reload the page or restart the app.',
  'app.connection.missing':
    'No engine connection: open the address that npm run dev:web prints (it carries the access token).',
  'app.call.label': 'Call picture with face boxes',
  'app.call.placeholder':
    'Choose a video source, then press Start checking. The face the verdict is about gets a coloured box.',
  'app.call.primary-face': 'Face being checked',
  'app.call.other-face': 'Other face (not judged)',
  'app.call.no-face': 'No face in view',
  'app.call.faces': 'Faces in view: {count}',
  'app.session.start': 'Start checking',
  'app.session.stop': 'Stop',
  'app.session.mark': 'Mark this moment',
  'app.session.note-label': 'Note for the report',
  'app.session.note-placeholder': 'Note for the report…',
  'app.session.note-add': 'Add note',
  'app.session.exports': 'Export:',
  'app.session.export-html': 'Report (HTML)',
  'app.session.export-pdf': 'Report (PDF)',
  'app.session.export-log': 'Evidence log',
  'app.session.exporting': 'Exporting…',
  'app.session.exported': 'Saved {file}',
  'app.session.marked': 'Moment marked at {time}',
  'app.session.noted': 'Note added at {time}',
  'app.verdict.idle': 'Not checking yet',
  'app.verdict.idle-hint': 'Press Start checking to analyse the call.',
  'app.verdict.waiting': 'Waiting for the first result…',
  'app.verdict.score': 'Score {score} (0 = real, 1 = fake)',
  'app.verdict.no-score': 'No score yet',
  'app.verdict.since': 'for {seconds} s',
  'app.verdict.final': 'final verdict of the session',
  'app.alert.at': 'At {time} of the session · profile: {profile}',
  'app.alert.next': 'What to do now',
  'app.alert.why': 'Why',
  'app.alert.run-challenge': 'Run a challenge',
  'app.alert.dismiss': 'I understand',
  'app.challenge.heading': 'Challenge the caller',
  'app.challenge.intro':
    'Ask the caller to do a few movements that face-swaps get wrong. Read each instruction aloud.',
  'app.challenge.needs-session': 'Start checking first; then you can run a challenge.',
  'app.challenge.say': 'Ask the caller:',
  'app.challenge.step': 'Step {n} of {count}',
  'app.challenge.time-left': '{seconds} s left',
  'app.challenge.progress': 'Progress of this step',
  'app.challenge.start': 'Start challenge',
  'app.challenge.next': 'Next step',
  'app.challenge.abort': 'Abort',
  'app.challenge.finished': 'Challenge finished: {done} of {count} steps done.',
  'app.challenge.outcome.performed': 'done',
  'app.challenge.outcome.failed': 'not done',
  'app.challenge.outcome.timed-out': 'timed out',
  'app.challenge.outcome.aborted': 'aborted',
  'app.challenge.outcome.pending': 'waiting',
  'app.challenge.outcome.current': 'now',
  'app.signals.judge': 'judges',
  'app.signals.advisory': 'advisory',
  'app.signals.legend': 'Bars: 0 = real … 1 = fake.',
  'app.signals.none': 'No detector has reported yet.',
  'app.signals.confidence': 'confidence {confidence}',
  'app.signal.jitter': 'Landmark jitter',
  'app.signal.boundary-flicker': 'Face-edge flicker',
  'app.signal.mouth-texture': 'Mouth detail',
  'app.signal.neck-colour': 'Face vs neck colour',
  'app.timeline.heading': 'Score over the last {seconds} s',
  'app.timeline.aria': 'Chart of the fake score over the last minute; higher means more likely fake.',
  'app.timeline.empty': 'The score appears here once the face is judged.',
  'app.timeline.legend': 'Higher = more likely fake. Dashed blue lines: your marks.',
  'app.timeline.ago': '−{seconds} s',
  'app.timeline.now': 'now',
  'app.diag.line':
    'Latency capture → shown: median {median} ms, p95 {p95} ms · {fps} results/s · engine {engine} ms/frame · {dropped} dropped · sending {region} · {transport}',
  'app.diag.none': 'Latency: no result yet · {transport}',
  'app.diag.region.face': 'face crop',
  'app.diag.region.frame': 'whole frame',
  'app.transport.websocket': 'web mode',
  'app.transport.bridge': 'desktop app',
  'app.help.title': 'Keyboard shortcuts',
  'app.help.hint': 'Shortcuts work when the cursor is not in a text field. Tab moves between controls.',
  'app.help.key.start': 'Start or stop checking',
  'app.help.key.mark': 'Mark this moment',
  'app.help.key.note': 'Write a note for the report',
  'app.help.key.challenge': 'Start a challenge, or go to its next step',
  'app.help.key.escape': 'Close the alert or help; abort a challenge',
  'app.help.key.lang': 'Switch language (English / 中文)',
  'app.help.key.help': 'Show or hide this help',
  'app.error.generic': 'Something went wrong: {detail}',
  'app.error.source': 'Cannot open the video source: {detail}',
  'app.error.dismiss': 'Close',
  'app.call.file-ended': 'The video file has ended. Press Stop for the final verdict.',
  'app.error.no-file': 'Choose a video file first.',
  'app.error.no-capture-source': 'Choose the screen or window to check first.',
  'app.signals.group.judge': 'Decide the verdict',
  'app.signals.group.advisory': 'For information only (never change the verdict)',
  'app.call.stopped':
    'Session stopped. Export the report and the evidence log below, or press Start checking for a new session.',
  'app.challenge.between': 'Short pause: the next instruction follows in a moment.',
} as const;

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  E_USAGE: '{detail}',
  E_INPUT_MISSING: '找不到输入文件：{path}',
  E_INPUT_IS_DIRECTORY: '输入是一个文件夹，不是媒体文件：{path}',
  E_INPUT_EMPTY: '输入文件为空（0 字节）：{path}',
  E_INPUT_UNREADABLE: '无法将 {path} 读取为视频或图片：{detail}',
  E_INPUT_NO_VIDEO: '{path} 中没有视频流',
  E_FFMPEG_MISSING:
    '未找到 ffmpeg。请安装 ffmpeg（例如 apt-get install ffmpeg），或将 FFMPEG_PATH 设为其可执行文件路径。',
  E_FFMPEG_FAILED: 'ffmpeg 解码 {path} 时出错：{detail}',
  E_FFMPEG_PATH_INVALID: 'FFMPEG_PATH 设为 {path}，但该路径不是可执行文件。',
  E_MODEL_MISSING: '缺少模型 {name}（{path}）。请运行：npm run models',
  E_MODEL_CHECKSUM: '模型文件 {path} 与记录的 sha256 不符；请重新运行 npm run models',
  E_MODEL_SOURCE: '来自 {pkg} 的源模型 {name} 的 sha256 不符（{path}）；软件包版本是否已变化？',
  E_MODEL_MANIFEST: '模型清单 {path} 无效：{detail}。请运行：npm run models',
  E_MODEL_UNKNOWN: '模型 {name} 未列在 {path} 中。请运行：npm run models',
  E_MODEL_CONVERT: '无法将模型 {name} 转换为 ONNX：{detail}',
  E_MODEL_METADATA: '无法为模型 {name} 添加 TFLite 元数据：{detail}',
  E_MODEL_INPUT: '模型 {name} 的输入维度应为 [{expected}]，实际为 [{actual}]（{actualLength} 个值）',
  E_MODEL_SPEC: '模型 {path} 无法使用：{detail}',
  E_MODEL_CALIBRATION:
    '校准文件 {path} 不能用于模型 {name}：{detail}。请运行：npm run eval -- --write-calibration',
  'calibration.detail.missing': '文件不存在',
  'calibration.detail.unreadable': '文件无法读取（{reason}）',
  'calibration.detail.invalid': '不是有效的校准文件（{reason}）',
  'calibration.detail.other-signal': '它是为信号 {signal} 制作的',
  'calibration.detail.other-model': '它是为 sha256 为 {fitted} 的模型拟合的，而当前模型为 {actual}',
  'calibration.detail.other-aggregation': '它拟合时的 trimFraction 为 {fitted}，该信号使用 {actual}',
  E_CACHE_MISSING: '人脸裁剪缓存 {path} 不存在或不完整（{detail}）。请先运行：callsentinel dataset',
  E_SIM_SET_MISMATCH:
    '模拟攻击集 {path} 是用 {made} 裁剪制作的，而模型看的是 {wanted} 裁剪。请重新生成：/usr/bin/python3 scripts/train/presentation-attack/make_sim_set.py --input {wanted} --out {path}',
  E_EVAL_NO_FOLD_MODELS:
    '{path} 中缺少分折模型（{missing}），因此没有任何结果是留出数据上的。请先训练（scripts/train/face-swap），或加上 --allow-in-sample。',
  E_DATA_MISSING: '找不到数据文件夹：{path}。请设置 CALLSENTINEL_DATA 或使用 --data。',
  E_CONFIG_INVALID: '配置无效：{detail}',
  E_LOG_UNREADABLE: '无法将 {path} 读取为证据日志：{detail}',
  E_OUTPUT_UNWRITABLE: '无法写入 {path}：{detail}',
  E_CHROMIUM_MISSING:
    '未找到 Chromium（已查找：{looked}），因此无法打印 PDF。请安装 Chromium（例如 apt-get install chromium），或将 CHROMIUM_PATH 设为其可执行文件路径。',
  E_CHROMIUM_FAILED: 'Chromium（{path}）无法打印 PDF：{detail}',
  E_INTERNAL: '内部错误：{detail}',
  E_IPC_INVALID: '应用拒绝了来自其窗口的一条消息：{detail}',
  E_IPC_UNTRUSTED: '应用拒绝了一条并非来自其自身页面的消息（{origin}）。',
  E_ENGINE_RESTARTING:
    '分析引擎意外停止（退出码 {exitCode}），将在 {seconds} 秒后重新启动。当前会话已结束，其证据日志保留到停止的那一刻。请开始新的会话。',
  E_ENGINE_GAVE_UP:
    '分析引擎在 {seconds} 秒内崩溃了 {count} 次，不再自动重启。请先导出需要的内容，然后重新启动 CallSentinel；如果再次发生，请报告此问题。',
  E_ENGINE_UNAVAILABLE: '分析引擎当前未运行（正在重启或已停止），请稍后再试。',
  E_ENGINE_REQUEST_LOST: '分析引擎在回复此请求之前停止了。',
  E_ENGINE_TIMEOUT: '分析引擎在 {seconds} 秒内没有回应。',
  E_PDF_PRINT_FAILED: '无法将报告打印为 PDF：{detail}',
  'app.frame-busy': '已跳过此帧：引擎仍在分析之前的帧。',
  'app.frame-engine-down': '已跳过此帧：分析引擎未在运行。',
  'app.notify-open': '打开 CallSentinel 查看原因和现在该怎么做。',
  'app.engine-stopped-title': 'CallSentinel：分析已停止',
  'app.renderer-missing':
    '应用窗口尚未构建（{path}）。请先构建界面再运行 npm run build:electron，或直接使用 npm start。',
  E_PROTOCOL: '应用发送了引擎无法使用的消息：{detail}',
  E_WEB_NOT_BUILT: '应用窗口尚未构建（{path}）。请运行：npm run build:renderer（或 npm run dev:web）',
  'web.ready': 'CallSentinel 网页模式：请打开 {url}\n会话保存在 {dataDir}。按 Ctrl+C 停止。',
  'usage.web-no-files': 'web 命令不接受文件参数',
  'usage.web-port': '--port 必须是 0 到 65535 之间的整数',
  E_LIVE_NO_SESSION: '当前没有正在进行的会话，请先开始会话。',
  'verdict.likely_real': '可能为真人',
  'verdict.suspicious': '可疑',
  'verdict.likely_fake': '可能为伪造',
  'verdict.not_verified': '无法核验',
  'reason.no-face': '输入中没有找到人脸。',
  'reason.no-detector': '尚无检测器判断此人脸，因此无法给出结论。',
  'reason.face-too-small': '人脸太小，无法判断（中位尺寸 {sizePx} 像素）。',
  'reason.too-little-face': '可用的人脸画面太少（{seconds} 秒）。',
  'reason.too-dark': '人脸太暗，无法判断；请让对方脸部光线更充足。',
  'reason.overexposed': '人脸过曝（发白），无法判断。',
  'reason.too-blurred': '人脸太模糊（运动或对焦问题），无法判断。',
  'reason.live-window': '分析过程中最近几秒的结论；最终结论见结尾。',
  'reason.face-swap-artifacts':
    '换脸检测器发现了换脸痕迹。美颜滤镜也会抬高这一分数：请对方关闭美颜后再检查一次。',
  'reason.face-swap-clean': '换脸检测器没有发现换脸痕迹。',
  'reason.face-swap-too-few-frames': '可用的人脸画面太少，换脸检测器无法判断。',
  'reason.presentation-attack-recapture': '呈现攻击检测器发现了屏幕翻拍或打印照片的痕迹。',
  'reason.presentation-attack-live': '呈现攻击检测器没有发现屏幕或照片的痕迹。',
  'reason.presentation-attack-too-few-frames': '可用的人脸画面太少，呈现攻击检测器无法判断。',
  'reason.signal-failed': '有一个检测器无法处理此输入，其结果未计入。',
  'reason.signal-too-little-data': '有一个检测器看到的这张人脸画面太少，无法判断。',
  'reason.challenge-not-performed':
    '有 {count} 项验证动作被拒绝、未完成或超时（{challenges}）：结论至少为可疑。',
  'reason.identity-switch':
    '验证动作期间人脸变成了另一个人（从 {time} 秒起，持续 {seconds} 秒；与平静时人脸的相似度 {similarity}）：很可能是伪造。',
  'reason.challenges-performed': '已完成 {count} 项验证动作，人脸始终是同一个人。',
  'reason.moment-score-rise':
    '在 {time} 秒处的{kind}期间，换脸分数从平静时的 {calm} 升到 {score}，升幅超过真实人脸的正常范围：至少为可疑。',
  'moment.head-turn': '转头',
  'moment.hand-over-face': '手挡在脸前',
  'moment.close-up': '靠近镜头',
  'scan.label.challenges': '验证动作',
  'scan.challenges.summary':
    '找到 {moments} 个动作片段；平静时分数 {calm}；身份：最低相似度 {similarity}，切换 {switches} 次；计入验证动作后：{verdict}{score}',
  'scan.challenges.moment':
    '{kind} {from}–{to} 秒：分数 {score}（平静时 {calm}，升幅 {rise}），身份相似度 {similarity}{switched}',
  'scan.challenges.switched': '，身份切换',
  'usage.challenges-mode': '--challenges 只接受 "auto"（在录像中查找转头、手挡脸和靠近镜头的片段）',
  'reason.pulse-present':
    '在面部皮肤中检测到脉搏。仅凭这一点不能证明人脸是真的：实时换脸会带有操控者本人的脉搏。',
  'reason.pulse-none':
    '面部皮肤中没有检测到清晰的脉搏（照片、屏幕翻拍或合成的人脸没有脉搏；光线暗或压缩严重的视频也可能检测不到）。',
  'reason.pulse-incoherent': '额头与两颊显示的脉搏不一致，真实的活人不会这样。',
  'reason.pulse-window-filling': '脉搏检测还需要更多秒稳定的人脸画面。',
  'reason.pulse-face-moving': '人脸移动过多，无法进行脉搏检测。',
  'reason.blink-normal': '人脸眨眼正常。仅凭这一点不能证明人脸是真的。',
  'reason.blink-none': '人脸在异常长的时间内没有眨眼。',
  'reason.blink-odd': '眨眼看起来不自然（两眼不同步，或快于眼睑能达到的速度）。',
  'reason.blink-watching': '眨眼检测还需要更多睁眼的画面。',
  'reason.jitter-high': '头部静止时，人脸特征点仍在抖动，这是换脸画面的特征。',
  'reason.jitter-normal': '头部静止时，人脸保持稳定。',
  'reason.jitter-not-still': '头部静止的时间不够长，无法进行抖动检测。',
  'reason.mouth-texture-smooth': '张开的嘴部（牙齿、舌头、唇缘）比眼部平滑得多，生成或换脸的嘴部常常如此。',
  'reason.mouth-texture-normal': '张开的嘴部与眼部一样有清晰的细节。',
  'reason.mouth-texture-closed': '正对镜头张嘴的时间不够长，无法检查嘴部细节。',
  'reason.neck-colour-drift': '脸部颜色相对颈部逐帧跳动，逐帧重新调色的人脸常常如此。',
  'reason.neck-colour-normal': '脸部与颈部的颜色一起变化。',
  'reason.neck-colour-unseen': '正对镜头时颈部可见的时间不够长，无法比较颜色。',
  'reason.boundary-flicker-high': '人脸边缘比脸部内部闪烁得更厉害，这是贴上去的人脸的特征。',
  'reason.boundary-flicker-normal': '人脸边缘与脸部内部同样稳定。',
  'reason.boundary-flicker-too-short': '头部静止的时间不够长，无法进行人脸边缘检测。',
  'report.doc-title': 'CallSentinel 报告 {session}',
  'report.title': '视频通话核验报告',
  'report.intro':
    'CallSentinel 在本机上检查了下述通话或录像中的人脸是否属于真实的活人。本报告的全部内容均来自本次会话的证据日志。',
  'report.result': '结论',
  'report.result-untrusted': '日志中记录的结论（日志已损坏，不可信）',
  'report.meaning.likely_real': '对所有能够作出判断的检测器而言，这张人脸的表现都与真实的活人一致。',
  'report.meaning.suspicious': '有迹象表明这可能是伪造或翻拍的人脸，请提高警惕。',
  'report.meaning.likely_fake': '这张人脸很可能是伪造的：换脸、面具或翻拍的视频。',
  'report.meaning.not_verified': '无法核验这张人脸。这并不代表它是真的。',
  'report.score-line': '分数 {score}（0 = 真人，1 = 伪造）· 可信度 {confidence}',
  'report.why': '原因',
  'report.no-reasons': '日志中没有记录原因。',
  'report.no-verdict': '日志中没有结论：会话在得出结论之前就结束了。',
  'report.next': '现在该怎么做',
  'alert.title.suspicious': '警告：这张人脸可能是伪造的',
  'alert.title.likely_fake': '危险：这张人脸很可能是伪造的',
  'alert.next.bank.1': '立即暂停交易；本次通话中不要放款或转账。',
  'alert.next.bank.2': '通过预留渠道核实客户身份（回拨登记的号码，或请客户到网点办理）。',
  'alert.next.bank.3': '进行一次动作验证，并导出报告交给反欺诈团队。',
  'alert.next.police.1': '标记此刻，使其记录在证据日志中。',
  'alert.next.police.2': '进行动作验证：请对方把头完全转向一侧，并用手在脸前挥过。',
  'alert.next.police.3': '结束会话前导出证据日志和报告。',
  'alert.next.personal.1': '不要转账，也不要透露任何验证码、密码或个人信息。',
  'alert.next.personal.2': '挂断通话，用您已有的号码回拨给对方本人。',
  'alert.next.personal.3': '及时举报：拨打反诈专线 96110，或报警 110。',
  'reason.live.likely_real':
    '最近几秒，换脸检测器没有发现明显的换脸迹象（分数 {score}；达到 {threshold} 即发出警告）。',
  'reason.live.suspicious':
    '最近几秒，换脸检测器发现了换脸迹象（分数 {score}；达到 {threshold} 即发出警告）。',
  'reason.live.likely_fake':
    '最近几秒，换脸检测器发现了明显的换脸迹象（分数 {score}；达到 {threshold} 即判定为很可能伪造）。',
  'reason.live-collecting': '正在收集证据：请让对方的脸在画面中保持几秒钟。',
  'reason.live-no-face': '当前画面中看不到人脸。',
  'report.next.likely_real.1': '真实的人脸并不能证明对方的身份，请照常进行身份核实。',
  'report.next.likely_real.2': '涉及转账或敏感事项时，请通过您已知的渠道再次确认，例如回拨已保存的号码。',
  'report.next.suspicious.1': '不要转账，也不要在本次通话中透露验证码、密码或个人信息。',
  'report.next.suspicious.2': '请对方慢慢向两侧转头，并用手在脸前挥过；伪造的人脸常会因此露出破绽。',
  'report.next.suspicious.3': '挂断通话，再用您已知的号码回拨给对方本人。',
  'report.next.likely_fake.1': '请把这次通话当作诈骗：不要转账，不要提供任何验证码或个人信息。',
  'report.next.likely_fake.2': '挂断通话，通过您已知的电话或地址联系真正的本人。',
  'report.next.likely_fake.3': '保留本报告及其证据日志，并向银行和警方报告（可拨打 110 或 96110 反诈专线）。',
  'report.next.not_verified.1': '本工具无法判断这张人脸，因此不能据此认定其真假。',
  'report.next.not_verified.2':
    '请对方提供更清楚的画面（正对镜头、光线充足、人脸在画面中足够大），然后再检查一次。',
  'report.next.not_verified.3': '在此之前，请通过您已知的渠道核实对方身份。',
  'report.integrity-ok':
    '证据日志已通过核验：全部 {records} 条记录通过 sha256 前后相连，结尾没有缺失。最终哈希：{hash}',
  'report.integrity-broken':
    '警告：此证据日志在第 {line} 行未通过核验：{problem}记录可能已被修改、删除或截断。请勿依赖本报告。',
  'report.problem.empty': '日志为空。',
  'report.problem.truncated': '最后一条记录被截断。',
  'report.problem.not-json': '该行不是可读取的记录。',
  'report.problem.chain': '该记录与上一条记录对不上（记录被修改、删除或调换了顺序）。',
  'report.problem.sequence': '该记录的序号不连续。',
  'report.problem.other-session': '该记录属于另一次会话。',
  'report.problem.no-start': '日志不是以会话开始记录开头的。',
  'report.problem.after-end': '会话结束记录之后还有记录。',
  'report.problem.count': '会话结束记录中的记录数与实际不符。',
  'report.problem.no-end': '缺少会话结束记录（日志被截断）。',
  'report.timeline': '分数随时间的变化',
  'report.timeline-caption':
    '每个点代表一秒媒体时间。分数越高，越可能是伪造；彩色区域标出各结论的起点。曲线中断表示那一秒没有判断人脸。',
  'report.timeline-keyframes': '带编号的竖线：下面的关键画面。',
  'report.timeline-marks': '虚线：操作员所作的标记。',
  'report.timeline-empty': '日志中没有分数（没有检测器判断这张人脸），因此无法绘图。',
  'report.axis-time': '时间（分:秒）',
  'report.axis-score': '分数',
  'report.keyframes': '关键画面',
  'report.keyframe-caption': '{n}. {time}：{why}',
  'report.keyframe-box': '方框标出的是被判断的人脸。',
  'report.keyframe-hash-mismatch': '此图片与记录的 sha256 不符。',
  'report.no-keyframes': '日志中没有保存画面。',
  'keyframe.highest-score': '整段通话中分数最高的时刻',
  'keyframe.verdict-changed': '结论发生变化',
  'keyframe.first-face': '第一次清楚地看到人脸',
  'keyframe.operator-mark': '操作员标记',
  'keyframe.challenge': '验证动作进行中',
  'report.signals': '检测器',
  'report.no-signals': '没有检测器给出分数。',
  'report.col.signal': '检测器',
  'report.col.score': '分数',
  'report.col.confidence': '可信度',
  'report.col.status': '状态',
  'report.col.time': '时间',
  'report.col.challenge': '验证动作',
  'report.col.event': '事件',
  'report.col.detail': '详情',
  'report.col.text': '内容',
  'report.col.kind': '类型',
  'report.col.last-result': '最后结果时间',
  'report.status.ok': '正常',
  'report.status.insufficient-data': '数据不足',
  'report.status.degraded': '运行失败（未计入）',
  'report.signal.face-swap': '换脸痕迹',
  'report.signal.presentation-attack': '屏幕、照片或面具',
  'report.signal.pulse': '皮肤中的脉搏',
  'report.signal.blink': '眨眼',
  'report.challenges': '验证动作',
  'report.challenge-issued': '已要求',
  'report.challenge-result': '结果',
  'report.challenge-passed': '通过',
  'report.challenge.turn-head': '慢慢向两侧转头',
  'report.challenge.hand-over-face': '用手在脸前挥过',
  'report.challenge.look-up-down': '抬头，再低头',
  'report.challenge.hand-sweep': '用手从脸前划过',
  'report.challenge.cover-eye': '用手遮住一只眼睛',
  'report.challenge.press-cheek': '用手指按住脸颊',
  'report.challenge.close-up': '靠近摄像头再退回',
  'report.challenge.blink-twice': '眨两次眼',
  'report.challenge.open-mouth': '把嘴张大',
  'report.challenge-failed': '未通过',
  'report.operator-notes': '操作员标记与备注',
  'report.operator-mark': '标记',
  'report.operator-note': '备注',
  'report.problems': '会话中的警告和错误',
  'report.warning': '警告',
  'report.error': '错误',
  'report.record': '证据记录',
  'report.f.input': '输入',
  'report.input-live': '实时通话：{description}',
  'report.f.input-sha256': '输入文件 sha256',
  'report.f.records': '日志记录数',
  'report.records-broken': '第 {line} 行之前有 {verified} 条完好；文件中可读取 {readable} 条',
  'report.f.final-hash': '日志最终哈希',
  'report.final-hash-none': '无：哈希链已断开',
  'report.f.chain': '哈希链',
  'report.chain-ok': '已核验',
  'report.chain-broken': '在第 {line} 行断开',
  'report.f.app-version': '软件版本',
  'report.f.models': '模型（sha256）',
  'report.f.config-hash': '配置哈希',
  'report.f.session': '会话编号',
  'report.f.started': '开始时间',
  'report.f.ended': '结束时间',
  'report.f.media': '覆盖的媒体时长',
  'report.media-range': '{from}–{to}（{seconds} 秒）',
  'report.field': '{label}：{value}',
  'report.not-recorded': '未记录',
  'report.verify-howto':
    '如需核对本报告与其日志，请运行 {command}。输出必须为 "intact"，且记录数和最终哈希与本报告一致；最终哈希不同，说明该日志不是生成本报告时所用的日志。',
  'report.sign': '签署',
  'report.sign-name': '操作员姓名',
  'report.sign-case': '案件编号',
  'report.sign-date': '日期',
  'report.sign-signature': '签名',
  'report.footer': 'CallSentinel {version}。完全离线、仅根据证据日志生成。结论只是一种估计，不能证明身份。',
  'challenge.turn-head.prompt':
    '请慢慢把头转向左边，直到我能看到您的侧脸，再转回来面对摄像头，然后向右边同样做一次。',
  'challenge.look-up-down.prompt': '请抬头看天花板，再低头看地面，然后看回摄像头。',
  'challenge.hand-sweep.prompt': '请用一只手从脸的一侧慢慢划到另一侧。',
  'challenge.cover-eye.prompt': '请用手遮住一只眼睛，保持两秒。',
  'challenge.press-cheek.prompt': '请用一根手指按住脸颊，保持两秒。',
  'challenge.close-up.prompt': '请靠近摄像头，然后回到原来的位置。',
  'challenge.blink-twice.prompt': '请眨两次眼。',
  'challenge.open-mouth.prompt': '请把嘴张大，然后闭上。',
  'cli.help':
    'callsentinel — 在本机检查视频通话或录像中的人脸是否真实。\n\n用法：callsentinel <命令> [选项]      callsentinel <命令> --help\n\n命令：\n{commands}\n\n退出码：0 完成，2 用法或输入有误，1 内部错误。\n环境变量：FFMPEG_PATH（ffmpeg 可执行文件），CALLSENTINEL_DATA（评估数据），CALLSENTINEL_LANG（en | zh-CN）。\n语言：命令有 --lang 选项时按 --lang en|zh-CN，否则按 CALLSENTINEL_LANG，都未设置时为 en。\n',
  'cli.error-line': 'callsentinel {command}：{message} [{code}]',
  'cli.models-dir-notice':
    'callsentinel {command}：正在使用 {dir} 中的训练模型（CALLSENTINEL_MODELS_DIR），而不是随软件提供的 models/ 文件夹',
  'cli.internal-error': 'callsentinel {command}：内部错误：{detail}',
  'cli.unknown-command': 'callsentinel：未知命令“{command}”。请运行 callsentinel --help 查看可用命令。',
  'cli.wrote': '已写入 {files}',
  'summary.scan': '分析一段录像或一张图片，给出结论和原因',
  'summary.verify-log': '检查证据日志是否完好（哈希链、顺序、完整性）',
  'summary.web': '在本机浏览器中运行应用（网页模式），使用真实的分析引擎',
  'summary.report': '根据证据日志生成 HTML（及 PDF）通话报告',
  'summary.config': '打印最终生效的配置（默认值 < 方案 < 文件）及其哈希',
  'summary.bench': '在本机测量人脸处理流程各阶段的速度和每秒帧数',
  'summary.dataset': '为训练和评估构建人脸裁剪缓存（裁剪图、掩码、特征点、分折）',
  'summary.eval': '在人脸裁剪缓存上测量检测器：留出 AUC [置信区间]、EER、结论错误率',
  'help.scan': `用法：callsentinel scan FILE [选项]

分析一段录像（mp4、mov、mkv、webm、avi、gif、动态 webp）或一张静态图片，判断其中的主要人脸
可能为真人、可疑、可能为伪造，还是无法核验。

选项：
  --json             在标准输出上只打印一个 JSON 文档（格式约定见 docs/cli.md）
  --max-seconds N    只分析前 N 秒
  --sample-fps N     每秒媒体时间最多分析 N 帧（默认：逐帧分析）
  --lang L           消息语言：en（默认）或 zh-CN（也可设置 CALLSENTINEL_LANG）
  --profile P        personal（默认，误报率 ≤ 5 %）、bank（误报率 ≤ 10 %，更灵敏）、police
                     （误报率 ≤ 5 %，判断前需要更多可用的人脸画面）
  --config FILE      设置文件（JSON；参见 callsentinel config print）
  --events FILE      写入防篡改的证据日志（NDJSON；可用 verify-log 核验）
  --report FILE      根据证据日志写出通话报告（独立的 HTML 文件）
  --pdf FILE         同时将报告打印为 PDF（需要 Chromium：CHROMIUM_PATH 或 /usr/bin/chromium）
  --operator NAME    操作员姓名，记入日志并印在报告上
  --challenges auto  同时查找转头、手挡脸和靠近镜头的片段，并与平静时的人脸对比评分
                     （换脸分数、身份连续性；见 docs/challenges.md）
  -h, --help         显示本帮助

使用 --report 而未指定 --events 时，证据日志保存在报告旁边，文件名为 REPORT.evidence.ndjson。

退出码：0 分析完成，2 用法有误或输入无法读取（标准错误输出一行说明），1 内部错误。
`,
  'help.web': `用法：callsentinel web [--port N] [--data-dir DIR] [--static-dir DIR] [--lang en|zh-CN]

在本机浏览器中提供 CallSentinel 窗口，并用本地引擎分析其采集的摄像头或屏幕画面（与桌面应用相同，
任何数据都不会离开本机）。只监听 127.0.0.1；页面及其引擎连接需要所打印网址中的随机令牌。
请先构建窗口：npm run build:renderer（npm run dev:web 会同时完成两步）。

选项：
  --port N          监听的端口（默认：任一空闲端口）
  --data-dir DIR    会话（证据日志、报告）的保存位置
                    （默认：CALLSENTINEL_HOME，否则为用户数据文件夹）
  --static-dir DIR  构建好的窗口（默认：dist/renderer）
  --lang LANG       本命令提示的语言：en 或 zh-CN
  -h, --help        显示本帮助

按 Ctrl+C 停止；正在进行的会话会先结束，使其证据日志完整。
`,
  'help.verify-log': `用法：callsentinel verify-log FILE [--json]

检查证据日志（由会话或 scan --events 写出的 NDJSON）是否完好：每条记录都带有前一条记录的
sha256，因此任何被修改、删除、调换顺序或截断的记录都会使哈希链断开；日志还必须以会话结束
记录（session-ended）收尾。

选项：
  --json        以一个 JSON 文档打印核验结果
  -h, --help    显示本帮助

退出码：0 完好（打印记录数和最终哈希），1 已损坏（指出第一处损坏的行），2 文件无法读取或
用法有误。
`,
  'help.report': `用法：callsentinel report LOG.ndjson --out report.html [选项]

仅根据证据日志生成通话报告：结论及原因、下一步该怎么做、分数随时间的变化、标出人脸的关键
画面、每个检测器的最后结果、验证动作和操作员备注，以及把报告与其日志绑定在一起的记录（记录数、
最终哈希、模型、配置），并附签署栏。输出为一个不加载任何外部资源的独立 HTML 文件；--pdf 还会
通过无界面的 Chromium 把它打印为 A4 PDF。

未通过核验的日志同样会生成报告，报告顶部会有警告，指出损坏的行。

选项：
  --out FILE         要写入的 HTML 报告（必填）
  --pdf FILE         同时将报告打印为 PDF（需要 Chromium：CHROMIUM_PATH、/usr/bin/chromium，
                     或 PATH 中的 chromium / chromium-browser / google-chrome）
  --lang L           报告语言：en（默认）或 zh-CN（也可设置 CALLSENTINEL_LANG）
  --operator NAME    操作员姓名，印在签署栏中
  -h, --help         显示本帮助

退出码：0 已为完好的日志写出报告，1 已写出报告但日志已损坏（或发生内部错误），2 日志无法读取、
输出无法写入、使用 --pdf 却找不到 Chromium，或用法有误。
`,
  'help.config': `用法：callsentinel config print [--profile bank|police|personal] [--config FILE]

以 JSON 打印最终生效的配置：先取内置默认值，再叠加所选方案（profile），最后叠加 FILE 中的
设置（一个 JSON 文件，可包含此处打印的任意一部分键），并打印其 sha256——每份证据日志开头
记录的就是这个哈希。未知的键或类型错误的值都会报错（退出码 2）。

方案：personal（默认；误报率至多 5 %）、bank（误报率可达 10 %，以换取更高的灵敏度）、
police（误报率 5 %，并且在判断一段录像前需要更多可用的人脸画面）。
`,
  'help.bench': `用法：callsentinel bench [选项]

在本机测量人脸处理流程的速度：用 @vladmandic/human 自带的示例照片生成 640×480、30 fps、
类似视频通话的片段（一张人脸和四张人脸各一段），用 ffmpeg 解码后进行分析（检测、网格、
对齐裁剪）。打印各阶段每帧的毫秒数和端到端的每秒帧数，并列出得出这些数字的机器、ffmpeg
和模型哈希。

选项：
  --seconds N   每段生成片段的长度，单位为秒（默认 10）
  --json        以一个 JSON 文档打印报告
  -h, --help    显示本帮助
`,
  'help.dataset': `用法：callsentinel dataset [选项]

根据共享的人脸媒体（MANIFEST.tsv）构建训练和评估所读取的对齐人脸裁剪缓存：按每个文件的
布局划分区域（整帧；左右两半；engine/eval/dataset/panel-table.ts 中列出的分格；
mixed-frame-table.ts 中列出的静态图的真人与攻击条带；参考小窗涂灰），
抽取帧，保存主要人脸的 224×224 裁剪图、掩码、特征点和上下文裁剪图（把裁剪范围放大 2 倍，
显示人脸周围的内容），并按身份组划分分组折。重新运行时只分析有变化的文件。每个文件在标准错误输出上打印一行进度。

选项：
  --data DIR            数据文件夹（默认：CALLSENTINEL_DATA）
  --cache DIR           缓存根目录，须位于代码仓库之外（默认：CALLSENTINEL_CACHE 或
                        ~/.cache/callsentinel）；缓存位于 DIR/face-crops-v1
  --categories LIST     以逗号分隔的清单类别（默认：{categories}）
  --sample-fps N        每秒媒体时间分析的帧数（默认 {sampleFps}）
  --max-per-item N      每个条目最多保留的裁剪图数，均匀分布在片段中（默认 {maxPerItem}）
  --folds K             分组折的数量（默认 {folds}）
  --only SUBSTRING      只分析文件名包含 SUBSTRING 的文件（索引仍会列出缓存中已有的全部条目）
  --keep-folds          缓存 folds.json 中已有的身份组保留原来的折，只为新的组分配（扩充缓存时
                        不打乱各折模型训练时所用的划分）
  --json                以一个 JSON 文档打印构建报告
  -h, --help            显示本帮助

退出码：0 构建完成（无法读取的文件列为已跳过），2 用法有误或找不到数据文件夹，1 内部错误。
`,
  'help.eval': `用法：callsentinel eval [选项]

在人脸裁剪缓存（由 \`callsentinel dataset\` 构建）上逐个条目（视频级）测量一个评分器：对每张
可用的裁剪图评分，按信号聚合一条人脸轨迹的方式聚合一个条目的各帧；对每个留出折，只用其余各折
拟合校准参数和结论阈值。打印 AUC 及其 bootstrap 95 % 置信区间、EER、结论的误报率和漏报率、
not_verified 比例和按方法划分的 AUC，并列出数据集和模型的哈希，以及留出的真实条目经轻度和重度
手机式美颜滤镜处理后的误报率（多数通话应用默认开启美颜），以及只看人脸最初 1、1.5、2、3、5 秒时
的结论（结论多快可信）；把 <scorer>.json 和 <scorer>-roc.svg 写入 --out 指定的目录。

选项：
  --scorer NAME         face-swap（默认；本项目的模型）、antispoof（human 的模型）、face-blur（不用模型）、
                        presentation-attack（本项目的模型）、liveness（human 的模型）
  --protocol P          swap（默认）或 presentation-attack（--scorer presentation-attack 时的默认）：
                        按攻击类型（打印、翻拍）给出 BPCER 10 % / 5 % 时的 APCER，真实攻击素材为帧级，
                        --sim 中的模拟序列为视频级；或 fusion：比较只用 face-swap 与 face-swap 加上各个
                        活体和时序信号，以及分任务组合（换脸用 face-swap，或另一个专判说话头像的融合）
                        （留出折上换脸和说话头像的 AUC、误报率；以及每个信号在同一并排视频两半上的
                        比较），数据来自信号表（每个视频
                        条目用其余信号扫描一次，保存在 <缓存根目录>/signal-table-v1；需要 --data 或
                        CALLSENTINEL_DATA）
  --sim DIR             留出的模拟攻击序列（默认 <缓存根目录>/presentation-attack-sim-v1）
  --cache DIR           缓存根目录（默认 $CALLSENTINEL_CACHE 或 ~/.cache/callsentinel）；读取 DIR/face-crops-v1
  --models-dir DIR      分折模型 fold-<k>.onnx 和 oof-scores.jsonl 所在目录（默认 <缓存根目录>/face-swap-train）
  --folds-from-cache    即使没有训练器的 oof-scores.jsonl 可供核对，也使用缓存中的 folds.json
  --allow-in-sample     没有分折模型时，改用 models/face-swap.onnx 评分（结果标注为 IN-SAMPLE）
  --write-calibration   用所有折的折外分数拟合信号的校准，并写在模型旁边
  --data DIR            构建缓存时所用的数据文件夹（记录其 MANIFEST.tsv 的 sha256）
  --out DIR             JSON 和 SVG 的输出目录（默认 ./eval-out）
  --resamples N         置信区间的 bootstrap 重采样次数（默认 2000）
  --json                以一个 JSON 文档代替表格打印报告
  -h, --help            显示本帮助
`,
  'usage.unknown-option': '未知选项 {option}（请查看 --help）',
  'usage.option-needs-value': '选项 {option} 需要一个值',
  'usage.option-takes-no-value': '选项 {option} 不接受值',
  'usage.bad-arguments': '参数有误：{detail}',
  'usage.positive-number': '{flag} 需要一个正数，实际为“{value}”',
  'usage.integer-at-least': '{flag} 需要一个不小于 {min} 的整数，实际为“{value}”',
  'usage.lang': '--lang 只能是 en 或 zh-CN，实际为“{value}”',
  'usage.lang-env': 'CALLSENTINEL_LANG 只能是 en 或 zh-CN，实际为“{value}”',
  'usage.scan-one-file': 'scan 只接受一个 FILE 参数（见 callsentinel scan --help）',
  'usage.pdf-needs-report': '--pdf 必须与 --report 一起使用（PDF 由 HTML 报告打印而成）',
  'usage.log-exists': '文件已存在（证据日志从不覆盖）',
  'usage.config': '用法：callsentinel config print [--profile P] [--config FILE]',
  'usage.dataset-no-files': 'dataset 不接受 FILE 参数，却收到了“{arg}”（见 callsentinel dataset --help）',
  'usage.unknown-category': '--categories：未知类别“{category}”（可用：{known}）',
  'usage.only-empty': '--only 需要一个非空的子串',
  'usage.keep-folds-mismatch':
    '--keep-folds：缓存的 folds.json 是 {k} 折、种子 {seed}，本次构建要求 {wantK} 折、种子 {wantSeed}',
  'usage.none-given': '（未指定）',
  'usage.eval-no-files': 'eval 不接受 FILE 参数（收到了 {args}）',
  'usage.no-calibration': '--write-calibration：评分器 {scorer} 没有可拟合的信号校准',
  'usage.report-one-log': 'report 只接受一个 LOG 日志文件（见 --help）',
  'usage.report-needs-out': 'report 需要 --out FILE.html',
  'usage.verify-log-one-file': 'verify-log 只接受一个 FILE 参数',
  'usage.unknown-scorer': '未知评分器“{name}”（可用：{known}）',
  'usage.cache-in-repo':
    '缓存文件夹 {path} 位于代码仓库之内；请另选仓库之外的位置（--cache 或 CALLSENTINEL_CACHE）',
  'usage.eval-oof-missing':
    '缺少 {path}，因此无法核对分折模型的划分是否与缓存一致；如要直接使用缓存中的 folds.json，请加上 --folds-from-cache',
  'usage.eval-fold-mismatch':
    '条目 {item} 在缓存中属于第 {cacheFold} 折，但在训练器的 {file} 中属于第 {trainerFold} 折：分折模型是按另一种划分训练的',
  'usage.calibration-in-sample': '--write-calibration 需要折外分数；用样本内分数拟合会使校准过于自信',
  'scan.label.verdict': '结论：',
  'scan.label.reason': '原因：',
  'scan.label.signal': '检测器：',
  'scan.label.faces': '人脸数：',
  'scan.label.analysed': '已分析：',
  'scan.label.sha256': '文件 sha256：',
  'scan.score': '（分数 {score}，可信度 {confidence}）',
  'scan.status.ok': '正常',
  'scan.status.insufficient-data': '数据不足',
  'scan.status.degraded': '运行失败（未计入）',
  'scan.primary': '（主要人脸：轨迹 {id}）',
  'scan.track': '轨迹 {id}{primary}：{from}–{to} 秒，{frames} 帧，{sizePx} 像素，左右转头 {yawMin}…{yawMax}°',
  'scan.analysed': '{seconds} 秒内共 {frames} 帧，每秒 {fps} 帧',
  'scan.progress': '正在分析：{time} / {duration} 秒，{frames} 帧',
  'scan.progress-live': '正在分析：{time} 秒，{frames} 帧',
  'scan.signal-error-line': 'callsentinel scan：警告：检测器 {id} 无法运行，其结果未计入：{message}',
  'verify.intact': '完好：共 {records} 条记录，最终哈希 {hash}',
  'verify.broken': '已损坏，问题出在第 {line} 行：{problem}',
  'verify.report-intact': '已写入 {files}（日志完好：共 {records} 条记录，最终哈希 {hash}）',
  'verify.report-broken': '已写入 {files}；日志在第 {line} 行已损坏：{problem}（报告中已注明）',
  'verify.problem.empty': '日志为空',
  'verify.problem.truncated': '最后一条记录不完整（被截断）',
  'verify.problem.not-json': '不是有效的 JSON',
  'verify.problem.not-object': '不是 JSON 对象',
  'verify.problem.chain': '其 prevHash 与上一行不符（记录被修改、删除或调换了顺序）',
  'verify.problem.sequence': '序号为 {seq}，应为 {expected}',
  'verify.problem.other-session': '属于另一次会话',
  'verify.problem.no-start': '日志不是以会话开始记录（session-started）开头',
  'verify.problem.after-end': '会话结束记录（session-ended）之后还有记录',
  'verify.problem.count': '会话结束记录（session-ended）记为 {counted} 条记录，日志实际有 {actual} 条',
  'verify.problem.no-end': '缺少会话结束记录（session-ended），日志被截断',
  'bench.generating': '正在 {dir} 中生成 {seconds} 秒的测试片段……',
  'bench.measuring': '正在测量……',
  'bench.case-one': '640×480 30 fps，1 张人脸',
  'bench.case-many': '640×480 30 fps，{faces} 张人脸',
  'bench.label.machine': '机器：',
  'bench.label.ffmpeg': 'ffmpeg：',
  'bench.label.models': '模型：',
  'bench.machine': '{cpu}，{cores} 核，node {node}，{platform}',
  'bench.header':
    '| 用例 | 帧数 | 每帧人脸数 | 解码 ms | 检测 ms | 网格 ms | 裁剪 ms | {signals}合计 ms | 端到端 帧/秒 | 仅解码 帧/秒 |',
  'bench.not-run': '未运行',
  'bench.note':
    '各阶段列为每帧平均毫秒数（检测每隔几帧运行一次，信号每隔 k 帧评分一次，\n因此其平均值已摊分到每一帧）。合计中包括各信号的时间。',
  'bench.did-not-run': '{id} 未运行：{error}',
  'bench.model-inference':
    '{name} 模型单独推理：每个裁剪 {medianMs} 毫秒（{runs} 次运行的中位数，{threads} 个线程，不含裁剪准备）',
  'dataset.progress': '{head} {frames} 帧，裁剪图 {crops}，{seconds} 秒',
  'dataset.progress-cached': '{head} {frames} 帧，裁剪图 {crops}，{seconds} 秒（来自缓存）',
  'dataset.progress-skipped': '{head} 已跳过，{reason}（{seconds} 秒）',
  'dataset.cache': '人脸裁剪缓存：{dir}',
  'dataset.label.files': '文件：',
  'dataset.label.items': '条目：',
  'dataset.label.skipped': '已跳过：',
  'dataset.label.time': '用时：',
  'dataset.files':
    '计划 {planned} 个，已处理 {processed} 个（分析 {analysed} 个，来自缓存 {cached} 个，失败 {failed} 个）',
  'dataset.items': '{items} 个，裁剪图：{crops} 张',
  'dataset.items-missing': '{items} 个，裁剪图：{crops} 张；另有 {missing} 个计划中的条目不在缓存中',
  'dataset.by-category': '按类别：',
  'dataset.by-label': '按标签（1 换脸，0 真实）：',
  'dataset.by-fold': '按折（k = {k}）：',
  'dataset.count-row': '{items} 个条目（{withoutCrops} 个没有裁剪图），{crops} 张裁剪图',
  'dataset.fold-row':
    '第 {fold} 折：{items} 个条目（真实 {genuine} 个，换脸 {swap} 个），{crops} 张裁剪图，{groups} 个身份组',
  'dataset.seconds': '{seconds} 秒',
  'eval.progress': '正在评分：{done} / {total} 张裁剪图',
  'eval.table-progress': '信号表 [{index}/{total}] {file}：扫描用时 {seconds} 秒',
  'eval.table-summary': '信号表：{items} 个条目（其中 {cached} 个沿用缓存），位于 {dir}',
  'eval.wrote': '已写入 {json} 和 {svg}',
  'eval.label.scorer': '评分器：',
  'eval.label.warning': '警告：',
  'eval.label.held-out': '留出验证：',
  'eval.label.data': '数据：',
  'eval.label.models': '模型：',
  'eval.label.protocol': '评估方法：',
  'eval.in-sample': 'IN-SAMPLE（样本内）——模型评分的是它训练时见过的条目；这些数字会高估它的效果。',
  'eval.held-out':
    '每个条目都由未用其所在折训练的模型评分，并用未用该折拟合的参数校准（共 {folds} 折，{source}）',
  'eval.data':
    '{dir}（items.jsonl sha256 {hash}…），真实视频条目 {genuine} 个 + 换脸视频条目 {swap} 个（未计入 {stills} 张静态图片），已评分 {crops} 张裁剪图{unusable}',
  'eval.unusable': '，跳过 {count} 张不可用的裁剪图',
  'eval.none': '无',
  'eval.na': '不适用',
  'eval.no-ci': '（无置信区间：条目少于 3 个）',
  'eval.protocol':
    '条目（视频）级；分数 = 各帧分数的 {method}（截尾比例 {trim}）；AUC 和 EER 基于已核验条目的折外分数；结论阈值在训练折上按误报率 ≤ {suspicious} / {likelyFake} 确定；人脸小于 {minPx} 像素、可用人脸不足 {minSec} 秒或可用帧少于 {minFrames} 帧时为 not_verified',
  'eval.header-overall':
    '| 条目 | 已核验（真实 / 换脸） | AUC [95 % 置信区间] | EER | 误报率 | 漏报率 | not_verified 真实 / 换脸 | 裁剪图/秒 |',
  'eval.row-all': '全部',
  'eval.header-method': '| 方法（其换脸条目对全部真实条目） | 换脸条目数 | AUC [95 % 置信区间] |',
  'eval.header-fold': '| 折 | 测试集 真实 / 换脸 | AUC | Platt 斜率，截距 | 可疑 ≥ | 可能为伪造 ≥ |',
  'eval.paired-regions':
    '同一视频中换脸一半对其真实一半（并排与多画面视频）：换脸一半得分更高的有 {higher} / {pairs} 对（{share} {ci}；50 % 即随机水平）',
  'eval.twin-look':
    '这些视频的真实一半对其他全部真实条目：AUC {auc}（高于 0.5：抬高分数的是视频来源，而非换脸）',
  'eval.clamped': '（已限幅）',
  'eval.trainer-agreement':
    '与训练器的一致性：{crops} 张裁剪图，|本评估 − 训练器 OOF| 平均 {mean}，最大 {max}',
  'eval.beauty-filter':
    '{level}美颜滤镜（每张裁剪图做手机式磨皮与提亮）：{genuine} 个已核验真实条目的误报率 {before} → {after}，概率平均变化 {shift}',
  'eval.beauty-level.light': '轻度',
  'eval.beauty-level.strong': '重度',
  'eval.face-time': '看到人脸 T 秒后的结论（每个条目只用其前 T 秒判断，要求 T 秒可用人脸；折的拟合同上）：',
  'eval.header-face-time':
    '| T | 已核验（真实 / 换脸） | AUC [95 % 置信区间] | 误报率 | 漏报率 | not_verified 真实 / 换脸 |',
  // The app window (renderer/).
  'app.doc-title': 'CallSentinel —— 通话中的人脸是真人吗？',
  'app.tagline': '通话中的这张脸是真人吗？',
  'app.skip-to-controls': '跳到检测控制按钮',
  'app.settings.profile': '使用场景',
  'app.settings.language': '语言',
  'app.settings.source': '视频来源',
  'app.settings.locked': '停止检测后才能更改此设置。',
  'app.profile.personal': '个人',
  'app.profile.bank': '银行',
  'app.profile.police': '警务',
  'app.lang.en': 'English（英语）',
  'app.lang.zh-CN': '简体中文',
  'app.source.camera': '摄像头',
  'app.source.screen': '整个屏幕',
  'app.source.window': '单个窗口（通话软件）',
  'app.source.file': '视频文件',
  'app.source.choose-file': '选择视频文件…',
  'app.source.no-file': '未选择文件',
  'app.status.idle': '未在检测',
  'app.status.starting': '正在启动…',
  'app.status.running': '检测中 · {time}',
  'app.status.stopping': '正在停止…',
  'app.status.stopped': '已停止 · 共分析 {frames} 帧',
  'app.status.failed': '无法启动',
  'app.connection.connecting': '正在连接分析引擎…',
  'app.connection.closed': '分析引擎未连接。请刷新页面或重启应用。',
  'app.connection.missing': '没有引擎连接：请打开 npm run dev:web 输出的地址（其中带有访问令牌）。',
  'app.call.label': '通话画面及人脸框',
  'app.call.placeholder': '请选择视频来源，然后点击“开始检测”。结论所针对的人脸会用彩色方框标出。',
  'app.call.primary-face': '正在检测的人脸',
  'app.call.other-face': '其他人脸（不判断）',
  'app.call.no-face': '画面中没有人脸',
  'app.call.faces': '画面中的人脸：{count}',
  'app.session.start': '开始检测',
  'app.session.stop': '停止',
  'app.session.mark': '标记此刻',
  'app.session.note-label': '报告备注',
  'app.session.note-placeholder': '为报告添加备注…',
  'app.session.note-add': '添加备注',
  'app.session.exports': '导出：',
  'app.session.export-html': '报告（HTML）',
  'app.session.export-pdf': '报告（PDF）',
  'app.session.export-log': '证据日志',
  'app.session.exporting': '正在导出…',
  'app.session.exported': '已保存 {file}',
  'app.session.marked': '已在 {time} 处标记',
  'app.session.noted': '已在 {time} 处添加备注',
  'app.verdict.idle': '尚未开始检测',
  'app.verdict.idle-hint': '点击“开始检测”分析通话画面。',
  'app.verdict.waiting': '正在等待第一个结果…',
  'app.verdict.score': '分数 {score}（0 = 真实，1 = 伪造）',
  'app.verdict.no-score': '暂无分数',
  'app.verdict.since': '已持续 {seconds} 秒',
  'app.verdict.final': '本次检测的最终结论',
  'app.alert.at': '发生在检测第 {time} · 使用场景：{profile}',
  'app.alert.next': '现在该怎么做',
  'app.alert.why': '原因',
  'app.alert.run-challenge': '发起动作验证',
  'app.alert.dismiss': '我知道了',
  'app.challenge.heading': '动作验证',
  'app.challenge.intro': '请对方做几个换脸技术难以应对的动作。请把每条提示读给对方听。',
  'app.challenge.needs-session': '请先开始检测，然后才能发起动作验证。',
  'app.challenge.say': '请对对方说：',
  'app.challenge.step': '第 {n} 步，共 {count} 步',
  'app.challenge.time-left': '剩余 {seconds} 秒',
  'app.challenge.progress': '本步进度',
  'app.challenge.start': '开始动作验证',
  'app.challenge.next': '下一步',
  'app.challenge.abort': '中止',
  'app.challenge.finished': '动作验证结束：{count} 步中完成了 {done} 步。',
  'app.challenge.outcome.performed': '已完成',
  'app.challenge.outcome.failed': '未完成',
  'app.challenge.outcome.timed-out': '超时',
  'app.challenge.outcome.aborted': '已中止',
  'app.challenge.outcome.pending': '等待中',
  'app.challenge.outcome.current': '进行中',
  'app.signals.judge': '参与判断',
  'app.signals.advisory': '仅供参考',
  'app.signals.legend': '条形：0 = 真实 … 1 = 伪造。',
  'app.signals.none': '尚无检测器给出结果。',
  'app.signals.confidence': '置信度 {confidence}',
  'app.signal.jitter': '特征点抖动',
  'app.signal.boundary-flicker': '人脸边缘闪烁',
  'app.signal.mouth-texture': '嘴部细节',
  'app.signal.neck-colour': '脸部与颈部颜色',
  'app.timeline.heading': '最近 {seconds} 秒的分数',
  'app.timeline.aria': '最近一分钟伪造分数的图表；越高越可能是伪造。',
  'app.timeline.empty': '人脸得到判断后，分数会显示在这里。',
  'app.timeline.legend': '越高越可能是伪造。蓝色虚线：您的标记。',
  'app.timeline.ago': '−{seconds} 秒',
  'app.timeline.now': '现在',
  'app.diag.line':
    '延迟（采集→显示）：中位数 {median} 毫秒，p95 {p95} 毫秒 · 每秒 {fps} 个结果 · 引擎每帧 {engine} 毫秒 · 丢弃 {dropped} 帧 · 发送{region} · {transport}',
  'app.diag.none': '延迟：尚无结果 · {transport}',
  'app.diag.region.face': '人脸区域',
  'app.diag.region.frame': '整帧',
  'app.transport.websocket': '网页模式',
  'app.transport.bridge': '桌面应用',
  'app.help.title': '键盘快捷键',
  'app.help.hint': '光标不在文本框中时快捷键才有效。按 Tab 键在各控件之间移动。',
  'app.help.key.start': '开始或停止检测',
  'app.help.key.mark': '标记此刻',
  'app.help.key.note': '为报告写备注',
  'app.help.key.challenge': '开始动作验证，或进入下一步',
  'app.help.key.escape': '关闭警报或帮助；中止动作验证',
  'app.help.key.lang': '切换语言（English / 中文）',
  'app.help.key.help': '显示或隐藏本帮助',
  'app.error.generic': '出错了：{detail}',
  'app.error.source': '无法打开视频来源：{detail}',
  'app.error.dismiss': '关闭',
  'app.call.file-ended': '视频文件已播放完毕。点击“停止”获取最终结论。',
  'app.error.no-file': '请先选择视频文件。',
  'app.error.no-capture-source': '请先选择要检测的屏幕或窗口。',
  'app.signals.group.judge': '决定结论',
  'app.signals.group.advisory': '仅供参考（不会改变结论）',
  'app.call.stopped': '检测已停止。可在下方导出报告和证据日志，或点击“开始检测”开始新的检测。',
  'app.challenge.between': '稍作停顿：下一条提示马上出现。',
};

const catalogue: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The whole catalogue, read-only (tests check that both languages say the same things). */
export const CATALOGUE: Readonly<Record<Lang, Readonly<Record<MessageKey, string>>>> = catalogue;

export type MessageParams = Record<string, string | number>;

/**
 * A catalogue message named but not yet put into words, e.g. the detail of an error: it is
 * worded in the reader's language only when shown (see CallSentinelError.localized).
 */
export interface MessageRef {
  readonly key: MessageKey;
  readonly params?: MessageParams;
}

export function messageRef(key: MessageKey, params: MessageParams = {}): MessageRef {
  return { key, params };
}

/** Fill a message template; unknown placeholders stay visible rather than vanish. */
export function formatMessage(key: MessageKey, params: MessageParams = {}, lang: Lang = 'en'): string {
  const template = catalogue[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/**
 * A catalogue text as plain JSON (what crosses to a window or a log): a key and its parameters,
 * where a parameter may itself be such a text, e.g. an error's detail.
 */
export interface CatalogueText {
  key: string;
  params?: Record<string, string | number | CatalogueText>;
}

/** Word a catalogue text, nested parameters first; an unknown key shows itself (never blank). */
export function formatText(text: CatalogueText, lang: Lang = 'en'): string {
  const params: MessageParams = {};
  for (const [name, value] of Object.entries(text.params ?? {}))
    params[name] = typeof value === 'object' ? formatText(value, lang) : value;
  return isMessageKey(text.key) ? formatMessage(text.key, params, lang) : text.key;
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** True for a key of the catalogue (used to re-localise codes read back from logs). */
export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value);
}
