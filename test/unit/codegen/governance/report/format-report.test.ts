import { CodegenError } from '../../../../../codegen/errors';
import { githubErrorAnnotation } from '../../../../../codegen/governance/report/report-github';
import { formatReport } from '../../../../../codegen/governance/report/format-report';
import type { CompatReport } from '../../../../../codegen/governance/types';

const report: CompatReport = {
  compatible: false,
  findings: [
    {
      rule: 'TYPE_MISMATCH',
      level: 'error',
      file: 's/a.avsc',
      path: 'A.x',
      message: 'int, not <string> & "more"',
      line: 3,
    },
    {
      rule: 'TS_FIELD_REMOVED',
      level: 'warning',
      file: 's/b,c.proto',
      path: 'p.M.y',
      message: '50%\nsecond line',
    },
  ],
};

describe('formatReport', () => {
  it('text: one line per finding, colour only on request', () => {
    const plain = formatReport(report, 'text', { files: ['s/a.avsc', 's/b,c.proto'] });
    expect(plain).toBe(
      [
        's/a.avsc:3  error    TYPE_MISMATCH  A.x  int, not <string> & "more"',
        's/b,c.proto  warning  TS_FIELD_REMOVED  p.M.y  50%\nsecond line',
        'INCOMPATIBLE: 2 schema(s) checked, 1 error(s), 1 warning(s)',
        '',
      ].join('\n'),
    );
    expect(formatReport(report, 'text', { color: true })).toContain('\u001b[31merror  \u001b[0m');
  });

  it('json: exactly one object with the documented finding keys', () => {
    const out = formatReport(report, 'json');
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      compatible: false,
      findings: report.findings.map(({ rule, level, file, path, message }) => ({
        rule,
        level,
        file,
        path,
        message,
      })),
    });
  });

  it('github: escaped workflow commands with file, line and rule title', () => {
    expect(formatReport(report, 'github').split('\n')).toEqual([
      '::error file=s/a.avsc,line=3,title=TYPE_MISMATCH::A.x: int, not <string> & "more"',
      '::warning file=s/b%2Cc.proto,title=TS_FIELD_REMOVED::p.M.y: 50%25%0Asecond line',
      'kgen check: INCOMPATIBLE (1 error(s))',
      '',
    ]);
  });

  it('junit: passing and failing cases, XML-escaped, warnings in system-out', () => {
    const xml = formatReport(report, 'junit', { files: ['s/a.avsc', 's/b,c.proto', 's/ok.avsc'] });
    expect(xml).toContain('<testsuites name="kgen check" tests="3" failures="1">');
    expect(xml).toContain(
      '<failure message="1 incompatible change(s)" type="incompatible">TYPE_MISMATCH A.x: int, not &lt;string&gt; &amp; &quot;more&quot;</failure>',
    );
    expect(xml).toContain('<system-out>TS_FIELD_REMOVED p.M.y: 50%\nsecond line</system-out>');
    expect(xml).toContain('<testcase classname="kgen.check" name="s/ok.avsc">\n    </testcase>');
  });
});

describe('githubErrorAnnotation', () => {
  it('annotates bad input on the file it names', () => {
    const err = new CodegenError('SCHEMA_PARSE', 'invalid: x, y', { file: 's/a.avsc', line: 2 });
    expect(githubErrorAnnotation(err)).toBe(
      '::error file=s/a.avsc,line=2,title=SCHEMA_PARSE::s/a.avsc:2: invalid: x, y [SCHEMA_PARSE]',
    );
  });
});
