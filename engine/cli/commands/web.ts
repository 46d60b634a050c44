import { access } from 'node:fs/promises';
import path from 'node:path';
import { CallSentinelError } from '../../core/errors.ts';
import { formatMessage, messageRef } from '../../core/messages.ts';
import { defaultDataDir } from '../../host/data-dir.ts';
import { startWebServer } from '../../host/web-server.ts';
import { ModelStore } from '../../runtime/index.ts';
import { EXIT_OK, type CliCommand, type CliIo } from '../cli-io.ts';
import { langOption, parseCommandArgs } from '../parse-options.ts';

const OPTIONS = {
  port: { type: 'string' },
  'data-dir': { type: 'string' },
  'static-dir': { type: 'string' },
  lang: { type: 'string' },
} as const;

/** The renderer's build output (npm run build:renderer). */
export const DEFAULT_STATIC_DIR = path.join('dist', 'renderer');

export const webCommand: CliCommand = {
  name: 'web',
  options: OPTIONS,
  summary: 'summary.web',
  help: (lang) => formatMessage('help.web', {}, lang),
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseCommandArgs(args, OPTIONS);
    const lang = langOption(values.lang, io.env);
    if (positionals.length > 0)
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.web-no-files') });
    const port = values.port === undefined ? 0 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new CallSentinelError('E_USAGE', { detail: messageRef('usage.web-port') });
    const staticDir = path.resolve(values['static-dir'] ?? DEFAULT_STATIC_DIR);
    try {
      await access(path.join(staticDir, 'index.html'));
    } catch {
      throw new CallSentinelError('E_WEB_NOT_BUILT', { path: staticDir });
    }
    const dataDir = path.resolve(values['data-dir'] ?? defaultDataDir(io.env));
    const models = new ModelStore();
    const server = await startWebServer({ port, dataDir, staticDir, models });
    io.stderr(`${formatMessage('web.ready', { url: server.url, dataDir }, lang)}\n`);
    // Serve until the user stops it (Ctrl+C); sessions still open are ended so their logs close.
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await models.dispose();
    return EXIT_OK;
  },
};
