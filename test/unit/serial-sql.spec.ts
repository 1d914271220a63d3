import { serialSql } from '../../src/sync/serial-sql';

describe('serialSql', () => {
  it('sends each statement only after the one before ended, failed ones included, in order', async () => {
    const log: string[] = [];
    let running = 0;
    const inner = {
      async query(statement: string) {
        running++;
        log.push(`start ${statement} (${running} running)`);
        await new Promise((resolve) => setImmediate(resolve));
        running--;
        if (statement === 'bad') throw new Error('bad statement');
        return [statement];
      },
    };
    const sql = serialSql(inner);
    const results = await Promise.allSettled([sql.query('a'), sql.query('bad'), sql.query('c')]);
    expect(log).toEqual(['start a (1 running)', 'start bad (1 running)', 'start c (1 running)']);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await sql.query('d')).toEqual(['d']);
  });
});
