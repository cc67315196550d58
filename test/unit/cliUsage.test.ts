import { strict as assert } from 'node:assert';
import { type CliIo } from '../../src/cli/cliIo';
import { runCli } from '../../src/cli/main';

/**
 * Runs the CLI where no library exists: a usage error must be found before
 * any library is read, so each of these fails with 2 rather than with 1 for
 * the missing library.
 */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { stdout: (t) => void (out += t), stderr: (t) => void (err += t), cwd: '/nowhere', bundledLibrary: '/nowhere/library' };
  const code = await runCli(argv, io);
  return { code, out, err };
}

describe('paper-atlas usage errors', () => {
  const extras: [string[], string][] = [
    [['themes', 'foo'], 'unexpected argument "foo"'],
    [['report', 'foo'], 'unexpected argument "foo"'],
    [['export', 'foo'], 'unexpected argument "foo"'],
    [['themes', '--json', 'a', 'b'], 'unexpected arguments "a", "b"'],
  ];
  for (const [argv, message] of extras) {
    it(`rejects the extra argument in "${argv.join(' ')}" with exit 2 and the usage line`, async () => {
      const { code, out, err } = await cli(...argv);
      assert.equal(code, 2);
      assert.equal(out, '');
      assert.equal(err.split('\n')[0], `paper-atlas ${argv[0]}: ${message}`);
      assert.match(err, new RegExp(`\\nusage: paper-atlas ${argv[0]} `));
    });
  }

  for (const argv of [['show', 'a', 'b'], ['related', 'a', 'b'], ['search', 'x', '--limit', '0'], ['cite', 'x', '--style', 'apa'], ['export', '--format', 'xml'], ['show', 'x', '--bogus'], ['search'], ['cite'], ['build', 'a.txt'], ['build', 'a.txt', '--out', 'o', '--capture-year', '25']]) {
    it(`exits 2 for "${argv.join(' ')}"`, async () => {
      const { code, out } = await cli(...argv);
      assert.equal(code, 2);
      assert.equal(out, '');
    });
  }

  it('exits 2 with the usage on stderr when no command is given', async () => {
    const { code, out, err } = await cli();
    assert.equal(code, 2);
    assert.equal(out, '');
    assert.match(err, /usage: paper-atlas <command>/);
  });

  it('rejects "help" with an unknown command, and shows a command\'s usage for "help build"', async () => {
    assert.equal((await cli('help', 'nosuch')).code, 2);
    const { code, out } = await cli('help', 'build');
    assert.equal(code, 0);
    assert.match(out, /^usage: paper-atlas build /);
  });

  it('documents the exit codes in the help and in each command\'s help', async () => {
    const help = await cli('--help');
    assert.equal(help.code, 0);
    assert.match(help.out, /Exit status:[\s\S]*\b0\b[\s\S]*\b1\b[\s\S]*\b2\b.*usage/i);
    const themes = await cli('themes', '--help');
    assert.equal(themes.code, 0);
    assert.match(themes.out, /Exit status:/);
  });
});
