// `npm run models:check-candidate -- --run DIR [--model FILE] [--data DIR] [--out DIR]`
//
// Does a trained face-swap candidate replace the shipped model? Checks it against the shipping
// rule (face-swap-ship-rule.json) without touching models/: copies our trained models to
// --out/models, installs the candidate there as face-swap (registered like models:register), fits
// its calibration with `callsentinel eval --write-calibration` on the run's fold models (held-out
// figures, the strong beauty filter), runs the engine checks (the alert fixture, beautified
// portraits, a DeepFaceLive clip) on that folder through CALLSENTINEL_MODELS_DIR, then prints each
// criterion and writes --out/check.json. Exit 0 when every criterion passes, 1 when one fails,
// 2 on bad usage. To ship a candidate that passes: copy --out/models/face-swap.* into models/.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MODELS_DIR_ENV } from '../../engine/runtime/index.ts';
import { judgeCandidate, readShipRule, type CandidateEvidence } from './face-swap-ship-rule.ts';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const USAGE = `usage: npm run models:check-candidate -- --run DIR [--model FILE] [--data DIR] [--out DIR]
  --run DIR     a train.py --out (or ensemble.py --out) folder: fold-<k>.onnx, oof-scores.jsonl
  --model FILE  the candidate's final model (default DIR/final/face-swap.onnx; its card beside it)
  --data DIR    the data folder the crop cache was built from (default CALLSENTINEL_DATA)
  --out DIR     where the models copy, eval output and check.json go (default DIR/candidate-check)`;

function usage(message: string): never {
  console.error(`${message}\n${USAGE}`);
  process.exit(2);
}

/** A step that could not run: no answer about the candidate (exit 1, like a failed criterion, with the cause). */
function abort(message: string): never {
  console.error(`check-candidate: ${message}`);
  process.exit(1);
}

/** Runs a step with its output shown (eval and vitest print their own progress). */
function step(title: string, command: string, args: string[], env: NodeJS.ProcessEnv): number {
  console.log(`\n== ${title}\n$ ${[command, ...args].join(' ')}`);
  const r = spawnSync(command, args, { cwd: REPO, env, stdio: 'inherit' });
  if (r.error) abort(`${title}: ${r.error.message}`);
  return r.status ?? 1;
}

/** Our trained models (not vendor/) copied to dir, the candidate installed as face-swap. */
function installCandidate(dir: string, model: string): void {
  mkdirSync(dir, { recursive: true });
  const shipped = path.join(REPO, 'models');
  for (const f of readdirSync(shipped))
    if (/\.(onnx|json)$/.test(f)) copyFileSync(path.join(shipped, f), path.join(dir, f));
  copyFileSync(model, path.join(dir, 'face-swap.onnx'));
  const card = model.replace(/\.onnx$/, '.card.json');
  if (!existsSync(card)) usage(`no model card beside the candidate: ${card}`);
  copyFileSync(card, path.join(dir, 'face-swap.card.json'));
}

interface VitestJson {
  testResults: Array<{ name: string; assertionResults: Array<{ fullName: string; status: string }> }>;
}

function engineTestResults(file: string, tests: string[]): CandidateEvidence['engineTests'] {
  const report = existsSync(file)
    ? (JSON.parse(readFileSync(file, 'utf8')) as VitestJson)
    : { testResults: [] };
  return tests.map((t) => {
    const result = report.testResults.find((r) => path.relative(REPO, r.name) === t);
    const asserted = result?.assertionResults ?? [];
    const failed = asserted.filter((a) => a.status !== 'passed').map((a) => a.fullName);
    return { file: t, passed: asserted.length > 0 && failed.length === 0, failed };
  });
}

function main(): void {
  let values: { run?: string; model?: string; data?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: {
        run: { type: 'string' },
        model: { type: 'string' },
        data: { type: 'string' },
        out: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    usage((error as Error).message);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.run) usage('--run is required');
  const run = path.resolve(values.run);
  const model = path.resolve(values.model ?? path.join(run, 'final', 'face-swap.onnx'));
  const data = values.data ?? process.env.CALLSENTINEL_DATA;
  const out = path.resolve(values.out ?? path.join(run, 'candidate-check'));
  if (!existsSync(path.join(run, 'fold-0.onnx'))) usage(`${run} has no fold models (fold-<k>.onnx)`);
  if (!existsSync(model)) usage(`no candidate model at ${model}`);
  if (!data || !existsSync(data))
    usage(`the data folder is missing (--data or CALLSENTINEL_DATA): ${data ?? 'not set'}`);
  const rule = readShipRule();
  const modelsDir = path.join(out, 'models');
  installCandidate(modelsDir, model);
  const env = { ...process.env, [MODELS_DIR_ENV]: modelsDir, CALLSENTINEL_DATA: path.resolve(data) };
  const bin = (name: string) => path.join(REPO, 'node_modules', '.bin', name);

  if (
    step(
      'register the candidate',
      bin('tsx'),
      ['scripts/models/register-trained-model.ts', 'face-swap', '--dir', modelsDir],
      env,
    ) !== 0
  )
    abort('the candidate could not be registered (see above)');
  const evalOut = path.join(out, 'eval-out');
  const evalArgs = [
    'bin/callsentinel.js',
    'eval',
    '--scorer',
    'face-swap',
    '--data',
    data,
    '--models-dir',
    run,
  ];
  if (
    step(
      'held-out figures and calibration',
      process.execPath,
      [...evalArgs, '--out', evalOut, '--write-calibration'],
      env,
    ) !== 0
  )
    abort('callsentinel eval failed (see above)');
  const testsJson = path.join(out, 'engine-tests.json');
  step(
    'engine checks',
    bin('vitest'),
    ['run', ...rule.engineTests, '--reporter=default', '--reporter=json', `--outputFile.json=${testsJson}`],
    env,
  );

  const evaluation = JSON.parse(readFileSync(path.join(evalOut, 'face-swap.json'), 'utf8')) as {
    overall: { auc: number; falseAlarmRate: number; notVerifiedGenuine: number };
    beautyFilter?: Array<{ level: string; falseAlarmRateFiltered: number }>;
  };
  const card = JSON.parse(readFileSync(path.join(modelsDir, 'face-swap.card.json'), 'utf8')) as {
    architecture?: { parameters?: number };
  };
  const evidence: CandidateEvidence = {
    auc: evaluation.overall.auc,
    falseAlarmRate: evaluation.overall.falseAlarmRate,
    notVerifiedGenuine: evaluation.overall.notVerifiedGenuine,
    strongBeautyFalseAlarmRate:
      evaluation.beautyFilter?.find((b) => b.level === 'strong')?.falseAlarmRateFiltered ?? null,
    parameters: card.architecture?.parameters ?? null,
    engineTests: engineTestResults(testsJson, rule.engineTests),
  };
  const criteria = judgeCandidate(rule, evidence);
  const ships = criteria.every((c) => c.pass);
  writeFileSync(
    path.join(out, 'check.json'),
    `${JSON.stringify({ run, model, rule, evidence, criteria, ships }, null, 2)}\n`,
  );
  console.log(`\n== shipping rule (${rule.reference})`);
  for (const c of criteria)
    console.log(`${c.pass ? 'PASS' : 'FAIL'}  ${c.name}: ${c.measured} (${c.required})`);
  console.log(
    ships
      ? `\nThe candidate passes every criterion. To ship it: copy ${modelsDir}/face-swap.{onnx,card.json,calibration.json} and manifest.json into models/.`
      : `\nNot shipped: ${criteria.filter((c) => !c.pass).length} criterion(s) failed. Record: ${path.join(out, 'check.json')}`,
  );
  process.exit(ships ? 0 : 1);
}

main();
