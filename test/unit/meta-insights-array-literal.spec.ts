import { arrayLiteral } from '../../src/sync/meta/meta-insights.store';

describe('arrayLiteral (the columns of a page as PostgreSQL arrays)', () => {
  it('writes numbers as they are, nulls as NULL and strings quoted with quotes and backslashes escaped', () => {
    expect(arrayLiteral([1, 2.5, -3, 1e-7, null, undefined])).toBe('{1,2.5,-3,1e-7,NULL,NULL}');
    expect(arrayLiteral(['120000000000', '', 'NULL', 'a"b\\c', '{x,y}', '[{"value": 2, "action_type": "lead"}]'])).toBe(
      '{"120000000000","","NULL","a\\"b\\\\c","{x,y}","[{\\"value\\": 2, \\"action_type\\": \\"lead\\"}]"}',
    );
  });

  it('writes an empty list as an empty array', () => {
    expect(arrayLiteral([])).toBe('{}');
  });
});
