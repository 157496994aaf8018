using MeshConformance.Core;

namespace MeshConformance.Layout;

/// <summary>
/// The state of one classification while the walk streams past: which directories the dialect describes,
/// what matched in each, and the accounts seen. Only described directories are remembered (root, Profiles,
/// Keys, account directories), so memory does not grow with the number of files.
/// </summary>
internal sealed class ClassificationRun(LayoutDialect dialect, List<Finding> findings)
{
    private readonly Dictionary<string, DescribedDirectory> directories = new(StringComparer.Ordinal)
    {
        [""] = new DescribedDirectory("", dialect.Entries, null),
    };
    private readonly List<DescribedDirectory> directoriesInWalkOrder = [];
    private readonly Dictionary<(string Anchor, string Udf), AccountState> accounts = [];
    private readonly List<AccountState> accountsInWalkOrder = [];
    private readonly List<KeyFileReport> keyFiles = [];
    private readonly List<string> unknownEntries = [];
    private readonly Dictionary<string, string> otherDialectNames = OtherDialectNames(dialect);
    private string? hostCatalogPath;
    private bool truncated;

    private sealed class DescribedDirectory(string relativePath, IReadOnlyList<LayoutEntry> children, AccountState? account)
    {
        public string RelativePath { get; } = relativePath;
        public IReadOnlyList<LayoutEntry> Children { get; } = children;
        /// <summary>The account this directory is or belongs to.</summary>
        public AccountState? Account { get; } = account;
        public HashSet<LayoutEntry> MatchedNames { get; } = [];
        /// <summary>Per account-naming pattern, the UDFs it matched here.</summary>
        public Dictionary<LayoutEntry, HashSet<string>> MatchedAccountPatterns { get; } = [];
        /// <summary>Could not be listed: nothing can be said to be missing from it.</summary>
        public bool Unreadable { get; set; }
    }

    private sealed class AccountState(string anchor, string udf, bool isValidUdf)
    {
        /// <summary>The directory holding the account-naming entries (Profiles for the reference, the root for draft-06).</summary>
        public string Anchor { get; } = anchor;
        public string Udf { get; } = udf;
        public bool IsValidUdf { get; } = isValidUdf;
        public bool DirectoryPresent { get; set; }
        public AccountKind Kind { get; set; }
        public List<(LayoutEntry Entry, string RelativePath, string FileName)> Stores { get; } = [];
        public List<StoreReport> Missing { get; } = [];
        public string RelativePath => Join(Anchor, Udf);
    }

    public void Add(TreeEntry entry)
    {
        if (entry.IsProblem)
        {
            AddProblem(entry);
            return;
        }
        if (!directories.TryGetValue(DialectScoring.ParentOf(entry.RelativePath), out var parent))
        {
            // Inside something the dialect does not describe (an unknown or opaque directory): safety findings only.
            AddSafetyFinding(entry, occupiesDialectName: false);
            return;
        }
        var fits = parent.Children.Select(c => NameMatching.Match(c, entry.Name, dialect.CaseSensitive)).Where(m => m.Fit != NameFit.None).ToList();
        if (entry.Kind is not (FileKind.Regular or FileKind.Directory))
        {
            AddSafetyFinding(entry, occupiesDialectName: fits.Any(f => f.Fit is NameFit.Exact or NameFit.WrongCase));
            return;
        }

        var kind = entry.Kind == FileKind.Directory ? EntryKind.Directory : EntryKind.File;
        var exact = fits.Where(m => m.Fit == NameFit.Exact).OrderBy(m => m.Entry.Name is null).FirstOrDefault();
        if (exact.Entry is not null)
        {
            if (exact.Entry.Kind != kind)
            {
                Report(LayoutCodes.WrongKind, Severity.Error, entry.RelativePath,
                    $"{entry.Name} is a {KindText(kind)}; the {dialect.Id} dialect's {exact.Entry.Display} is a {KindText(exact.Entry.Kind)}");
                return;
            }
            Accept(parent, entry, exact.Entry, exact.Udf, isValidUdf: true);
            return;
        }
        if (otherDialectNames.TryGetValue(entry.Name, out var otherDialect))
        {
            unknownEntries.Add(entry.RelativePath);
            Report(LayoutCodes.MixedDialect, Severity.Warning, entry.RelativePath,
                $"{entry.Name} is a name of the {otherDialect} dialect, not of {dialect.Id} here: the directory mixes layouts");
            return;
        }
        var wrongCase = fits.FirstOrDefault(m => m.Fit == NameFit.WrongCase);
        if (wrongCase.Entry is not null)
        {
            Report(LayoutCodes.WrongCase, Severity.Error, entry.RelativePath,
                $"{entry.Name} matches {CorrectName(wrongCase)} only ignoring case; names are case-sensitive, so a reader would not find it");
            return;
        }
        var nearMiss = parent.Children.FirstOrDefault(c => c.Name is not null && NameMatching.IsNearMiss(entry.Name, c.Name));
        if (nearMiss is not null)
        {
            unknownEntries.Add(entry.RelativePath);
            Report(LayoutCodes.Misnamed, Severity.Warning, entry.RelativePath, $"{entry.Name} is not a {dialect.Id} name; did you mean {nearMiss.Name}?");
            return;
        }
        var notUdf = fits.FirstOrDefault(m => m.Fit == NameFit.NotUdf && m.Entry.Kind == kind);
        if (notUdf.Entry is not null)
        {
            var isAccount = notUdf.Entry.Pattern!.Contains(LayoutDialectReader.AccountPlaceholder, StringComparison.Ordinal);
            Report(isAccount ? LayoutCodes.AccountNotUdf : LayoutCodes.KeyNotUdf, Severity.Error, entry.RelativePath,
                $"{entry.Name} fits {notUdf.Entry.Pattern} but \"{notUdf.Udf}\" is not a UDF (a content-digest UDF in upper case with a dash every 4 characters, e.g. MB2G-…)");
            Accept(parent, entry, notUdf.Entry, notUdf.Udf, isValidUdf: false);
            return;
        }
        unknownEntries.Add(entry.RelativePath);
        Report(LayoutCodes.Unknown, Severity.Warning, entry.RelativePath,
            $"{KindText(kind)} {entry.Name} is not part of the {dialect.Id} layout" + (kind == EntryKind.Directory ? " (its contents are not classified)" : ""));
    }

    private void Accept(DescribedDirectory parent, TreeEntry entry, LayoutEntry spec, string? udf, bool isValidUdf)
    {
        var account = parent.Account;
        if (spec.Name is not null)
        {
            parent.MatchedNames.Add(spec);
        }
        else if (spec.Pattern!.Contains(LayoutDialectReader.AccountPlaceholder, StringComparison.Ordinal))
        {
            if (!parent.MatchedAccountPatterns.TryGetValue(spec, out var udfs)) parent.MatchedAccountPatterns[spec] = udfs = new(StringComparer.Ordinal);
            udfs.Add(udf!);
            account = AccountFor(parent.RelativePath, udf!, isValidUdf);
        }
        if (spec.Role == EntryRole.Informational)
        {
            Report(LayoutCodes.Informational, Severity.Info, entry.RelativePath,
                $"{entry.Name} is present ({spec.Purpose}: {spec.Source ?? "see the dialect"})");
        }

        if (spec.Kind == EntryKind.Directory)
        {
            if (spec.Purpose == EntryPurpose.Account && account is not null) account.DirectoryPresent = true;
            if (spec.Opaque) return;
            var described = new DescribedDirectory(entry.RelativePath, spec.Entries, account);
            directories[entry.RelativePath] = described;
            directoriesInWalkOrder.Add(described);
            return;
        }
        if (account is not null) account.Stores.Add((spec, entry.RelativePath, entry.Name));
        if (spec.Purpose == EntryPurpose.Key) keyFiles.Add(new KeyFileReport(entry.Name, entry.RelativePath, isValidUdf));
        if (spec.Purpose == EntryPurpose.Host) hostCatalogPath ??= entry.RelativePath;
    }

    private AccountState AccountFor(string anchor, string udf, bool isValidUdf)
    {
        if (!accounts.TryGetValue((anchor, udf), out var account))
        {
            accounts[(anchor, udf)] = account = new AccountState(anchor, udf, isValidUdf);
            accountsInWalkOrder.Add(account);
        }
        return account;
    }

    private void AddProblem(TreeEntry entry)
    {
        var where = entry.RelativePath.Length == 0 ? "." : entry.RelativePath;
        switch (entry.Problem)
        {
            case WalkProblem.Unreadable:
                if (directories.TryGetValue(entry.RelativePath, out var directory)) directory.Unreadable = true;
                Report(LayoutCodes.Unreadable, Severity.Warning, where, $"cannot be read, so it was not checked: {entry.ProblemDetail}");
                break;
            case WalkProblem.TooDeep:
                Report(LayoutCodes.TooDeep, Severity.Warning, where, $"not checked: {entry.ProblemDetail}");
                break;
            case WalkProblem.TooManyEntries:
                truncated = true;
                Report(LayoutCodes.TooManyEntries, Severity.Warning, where,
                    $"{entry.ProblemDetail}; nothing from here on was checked, and missing files are not reported");
                break;
        }
    }

    private void AddSafetyFinding(TreeEntry entry, bool occupiesDialectName)
    {
        if (entry.Kind == FileKind.SymbolicLink)
        {
            Report(LayoutCodes.Symlink, Severity.Warning, entry.RelativePath,
                $"symbolic link to {entry.LinkTarget ?? "(unreadable target)"}; not followed, so what it points to is not checked" +
                (occupiesDialectName ? $" and does not count as the {dialect.Id} entry of that name" : ""));
        }
        else if (entry.Kind is not (FileKind.Regular or FileKind.Directory))
        {
            // A FIFO or device under a store's name would hang or feed garbage to any reader that opens it.
            Report(LayoutCodes.SpecialFile, occupiesDialectName ? Severity.Error : Severity.Warning, entry.RelativePath,
                $"{LayoutClassifier.Describe(entry.Kind)}; not opened" +
                (occupiesDialectName ? $", and it holds a name the {dialect.Id} dialect gives to a regular file or directory" : ""));
        }
    }

    public LayoutReport Finish(string root, bool forced, IReadOnlyList<DialectScore> scores)
    {
        foreach (var account in accountsInWalkOrder) account.Kind = JudgeKind(account);
        if (!truncated)
        {
            foreach (var directory in directoriesInWalkOrder.Prepend(directories[""]))
            {
                if (!directory.Unreadable) ReportMissing(directory);
            }
        }
        var accountReports = accountsInWalkOrder.Select(a => new AccountReport(
            a.Udf, a.RelativePath, a.DirectoryPresent, a.IsValidUdf, a.Kind,
            a.Stores.Select(s => StoreFor(s.Entry, s.RelativePath, s.FileName, a.Kind)).ToList(),
            a.Missing)).ToList();
        return new LayoutReport(root, dialect, forced, scores, hostCatalogPath, accountReports, keyFiles, unknownEntries, findings);
    }

    private AccountKind JudgeKind(AccountState account)
    {
        if (dialect.AccountKinds.Count == 1) return dialect.AccountKinds.First();
        var telling = account.Stores.Where(s => s.Entry.RolesByAccountKind.Count == 1).ToList();
        var kinds = telling.Select(s => s.Entry.RolesByAccountKind.Keys.First()).Distinct().ToList();
        if (kinds.Count == 1) return kinds[0];
        // After a cut-short walk the stores that would tell may simply not have been seen yet.
        if (truncated) return AccountKind.Unknown;
        var why = kinds.Count == 0
            ? "it holds no store that only one kind of account has"
            : "it holds stores of more than one kind of account (" +
              string.Join(", ", telling.Select(s => $"{s.FileName}: {s.Entry.RolesByAccountKind.Keys.First()}")) + ")";
        Report(LayoutCodes.AccountKindUnknown, Severity.Warning, account.RelativePath,
            $"cannot tell whether this is a {string.Join(" or ", dialect.AccountKinds.Order()).ToLowerInvariant()} account: {why}; missing stores are not reported for it");
        return AccountKind.Unknown;
    }

    private void ReportMissing(DescribedDirectory directory)
    {
        foreach (var child in directory.Children)
        {
            if (child.Name is not null)
            {
                if (child.RoleFor(directory.Account?.Kind ?? AccountKind.Unknown) == EntryRole.Expected && !directory.MatchedNames.Contains(child))
                {
                    Missing(directory, child, child.Name, directory.Account);
                }
            }
            else if (child.Pattern!.Contains(LayoutDialectReader.AccountPlaceholder, StringComparison.Ordinal))
            {
                directory.MatchedAccountPatterns.TryGetValue(child, out var matched);
                foreach (var account in accountsInWalkOrder.Where(a => a.Anchor == directory.RelativePath))
                {
                    if (child.RoleFor(account.Kind) == EntryRole.Expected && matched?.Contains(account.Udf) != true)
                    {
                        Missing(directory, child, child.Pattern.Replace(LayoutDialectReader.AccountPlaceholder, account.Udf, StringComparison.Ordinal), account);
                    }
                }
            }
        }
    }

    private void Missing(DescribedDirectory directory, LayoutEntry spec, string name, AccountState? account)
    {
        var path = Join(directory.RelativePath, name);
        var level = spec.Requirement == Requirement.Must ? "MUST" : "SHOULD";
        Report(LayoutCodes.Missing, spec.Requirement == Requirement.Must ? Severity.Error : Severity.Warning, path,
            $"{KindText(spec.Kind)} {name} ({spec.Purpose}) is missing; the {dialect.Id} dialect says it {level} exist" +
            (account is null ? "" : $" in a {account.Kind.ToString().ToLowerInvariant()} account"));
        if (account is not null && spec.Kind == EntryKind.File) account.Missing.Add(StoreFor(spec, path, name, account.Kind));
    }

    private static StoreReport StoreFor(LayoutEntry spec, string relativePath, string fileName, AccountKind kind) =>
        new(spec.Label ?? Path.GetFileNameWithoutExtension(fileName), fileName, relativePath, spec.RoleFor(kind) ?? EntryRole.Optional,
            spec.Purpose, spec.ContainerType, spec.ContentType);

    private string CorrectName(NameMatch match) => match.Entry.Name ?? match.Entry.Pattern!
        .Replace(LayoutDialectReader.AccountPlaceholder, match.Udf!.ToUpperInvariant(), StringComparison.Ordinal)
        .Replace(LayoutDialectReader.KeyPlaceholder, match.Udf!.ToUpperInvariant(), StringComparison.Ordinal);

    private void Report(string code, Severity severity, string path, string message) =>
        findings.Add(new Finding(code, severity, -1, message, File: path));

    private static string KindText(EntryKind kind) => kind == EntryKind.Directory ? "directory" : "file";

    private static string Join(string directory, string name) => directory.Length == 0 ? name : directory + "/" + name;

    /// <summary>
    /// Exact names of the other embedded dialects, with the dialect that uses each. Consulted only after the
    /// parent's own names failed, so a shared name (host.dare) in the other dialect's place (the root, for the
    /// reference) is reported as mixed too.
    /// </summary>
    private static Dictionary<string, string> OtherDialectNames(LayoutDialect dialect)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var other in LayoutDialects.All.Where(d => d.Id != dialect.Id))
        {
            foreach (var entry in other.AllEntries.Where(e => e.Name is not null))
            {
                names.TryAdd(entry.Name!, other.Id);
            }
        }
        return names;
    }
}
