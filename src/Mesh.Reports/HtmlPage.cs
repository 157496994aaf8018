using System.Globalization;
using System.Net;
using System.Text;

namespace MeshConformance.Reports;

/// <summary>What every HTML page mesh-conform writes shares: the encoding of report text and the style sheet, so that
/// the check report and the stress report look alike and encode alike.</summary>
internal static class HtmlPage
{
    /// <summary>
    /// HTML-encodes report text. Control characters other than newline and tab (which a message may quote from a
    /// damaged file) become a visible <c>\uXXXX</c> instead of an invisible or boxed glyph.
    /// </summary>
    public static string Encode(string text)
    {
        if (text.Any(c => char.IsControl(c) && c != '\n' && c != '\t'))
        {
            var visible = new StringBuilder(text.Length + 16);
            foreach (var c in text)
            {
                if (char.IsControl(c) && c != '\n' && c != '\t')
                    visible.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                else
                    visible.Append(c);
            }
            text = visible.ToString();
        }
        return WebUtility.HtmlEncode(text);
    }

    public const string Style = """
        :root { --fail: #b42318; --warn: #b54708; --pass: #067647; --expected: #6941c6; --muted: #667085; --line: #e4e7ec; }
        * { box-sizing: border-box; }
        body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #101828; margin: 0 auto; max-width: 1200px; padding: 0 1.25rem 2rem; }
        code { font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; word-break: break-all; }
        header.verdict { margin: 1.25rem 0; padding: 1rem 1.25rem; border-radius: 10px; border: 2px solid; }
        header.ok { border-color: var(--pass); background: #ecfdf3; }
        header.bad { border-color: var(--fail); background: #fef3f2; }
        header h1 { margin: 0; font-size: 1.8rem; letter-spacing: .02em; }
        header.ok h1 { color: var(--pass); }
        header.bad h1 { color: var(--fail); }
        .because { margin: .25rem 0 .75rem; }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
        dl.facts dt { color: var(--muted); }
        dl.facts dd { margin: 0; }
        h2 small, h3 small { color: var(--muted); font-weight: normal; font-size: .8em; }
        ul.counts { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; }
        .badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.st-fail { background: var(--fail); }
        .badge.st-warn { background: var(--warn); }
        .badge.st-pass { background: var(--pass); }
        .badge.st-expectedFail { background: var(--expected); }
        .badge.st-notAutomated { background: #98a2b3; }
        .badge.st-skipped { background: #d0d5dd; color: #344054; }
        .sev { font-weight: 600; }
        .sev-error { color: var(--fail); }
        .sev-warning { color: var(--warn); }
        .sev-info { color: var(--muted); }
        .tag { font-size: 12px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .3rem; white-space: nowrap; }
        .none { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; }
        table.requirements { table-layout: fixed; }
        col.c-req { width: 48%; } col.c-level { width: 8%; } col.c-spec { width: 26%; } col.c-status { width: 11%; } col.c-count { width: 7%; }
        td { overflow-wrap: anywhere; }
        th, td { text-align: left; vertical-align: top; padding: .35rem .5rem; border-bottom: 1px solid var(--line); }
        th { font-size: 13px; color: var(--muted); font-weight: 600; }
        .num { text-align: right; }
        table.requirements > tbody > tr.st-fail > td:first-child { border-left: 4px solid var(--fail); }
        table.requirements > tbody > tr.st-warn > td:first-child { border-left: 4px solid var(--warn); }
        table.requirements > tbody > tr.st-expectedFail > td:first-child { border-left: 4px solid var(--expected); }
        .text { color: #344054; }
        blockquote { margin: .25rem 0 0; padding-left: .6rem; border-left: 3px solid var(--line); color: var(--muted); font-style: italic; }
        tr.found > td { background: #f9fafb; padding-left: 1.5rem; }
        table.findings { font-size: 14px; }
        table.findings tr.not-failing { opacity: .85; }
        .msg { white-space: pre-wrap; }
        .hint { color: var(--muted); margin-top: .2rem; }
        section.problems { border: 2px solid var(--fail); border-radius: 10px; padding: .25rem 1rem; }
        body.only-findings tr[data-findings="no"] { display: none; }
        footer { margin-top: 2rem; color: var(--muted); font-size: 13px; }
        @media print { .tools { display: none; } header.verdict { break-inside: avoid; } }

        """;
}
