import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CommandIds } from '../../src/commands/commandIds';

interface Manifest {
  contributes: { commands: { command: string; category?: string }[] };
}

describe('command ids', () => {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Manifest;
  const contributed = manifest.contributes.commands.map((c) => c.command).sort();

  it('are the ones package.json contributes, no more and no fewer', () => {
    assert.deepEqual([...Object.values(CommandIds)].sort(), contributed);
  });

  it('all sit in the "Paper Atlas" category', () => {
    for (const command of manifest.contributes.commands) assert.equal(command.category, 'Paper Atlas', command.command);
  });
});
