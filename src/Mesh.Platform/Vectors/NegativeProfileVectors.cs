using MeshConformance.Catalogs;
using MeshConformance.Dare.Framing;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using MeshConformance.Layout;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Keys;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Vectors;

/// <summary>
/// Negative profile vectors: a small, valid, plaintext profile with exactly one rule broken. The expected findings
/// follow from the breakage (a renamed file must be reported under its new name, and the original as missing), so
/// they are written here by hand, not taken from a checker run.
/// </summary>
public static class NegativeProfileVectors
{
    private static readonly GeneratorOptions Base = new() { Seed = 11, Accounts = 1, Devices = 1, Entries = 2, Encrypt = false };

    public static IReadOnlyList<VectorDefinition> All { get; } =
    [
        Broken("misnamed-store", "MMM_Contact.dcat renamed MMM_Contacts.dcat: a near miss of an expected name.", (root, udf) =>
        {
            Rename(root, $"Profiles/{udf}/MMM_Contact.dcat", $"Profiles/{udf}/MMM_Contacts.dcat");
            return [new(LayoutCodes.Misnamed, $"Profiles/{udf}/MMM_Contacts.dcat"), new(LayoutCodes.Missing, $"Profiles/{udf}/MMM_Contact.dcat")];
        }, result: "acceptable"),
        Broken("wrong-case-store", "MMM_Contact.dcat renamed mmm_Contact.dcat (the schema draft's spelling): on a case-sensitive file system the reference would not find it.", (root, udf) =>
        {
            Rename(root, $"Profiles/{udf}/MMM_Contact.dcat", $"Profiles/{udf}/mmm_Contact.dcat");
            return [new(LayoutCodes.WrongCase, $"Profiles/{udf}/mmm_Contact.dcat"), new(LayoutCodes.Missing, $"Profiles/{udf}/MMM_Contact.dcat")];
        }),
        Broken("account-not-udf", "The account directory renamed 'alice': not the UDF of a profile key.", (root, udf) =>
        {
            Directory.Move(Full(root, $"Profiles/{udf}"), Full(root, "Profiles/alice"));
            // The account 'alice' has no key named after it, and the real account's seed now belongs to no account here.
            return [new(LayoutCodes.AccountNotUdf, "Profiles/alice"), new(KeyCoverageCodes.AccountMissing, "Keys/alice"), new(KeyCoverageCodes.Orphan, $"Keys/{udf}")];
        }),
        Broken("frame0-wrong-content-type", "MMM_Bookmark.dcat rewritten with frame 0 cty application/mmm-host (the host catalog's) instead of application/mmm-catalog.", (root, udf) =>
        {
            var path = $"Profiles/{udf}/MMM_Bookmark.dcat";
            Rewrite(root, path, CatalogKinds.HostContentType, [(New("NB01-BOOK-MARK"), Bookmark("NB01-BOOK-MARK"))]);
            return [new(CatalogCodes.FrameZeroContentTypeMismatch, path)];
        }),
        Broken("delete-before-add", "MMM_Bookmark.dcat whose first data frame deletes a key that was never added.", (root, udf) =>
        {
            var path = $"Profiles/{udf}/MMM_Bookmark.dcat";
            Rewrite(root, path, CatalogKinds.CatalogContentType,
            [
                (new ContentMeta { UniqueId = "NB02-GHOS-T000", Event = CatalogEvents.Delete, First = 1, Previous = 1 }, null),
                (New("NB03-BOOK-MARK"), Bookmark("NB03-BOOK-MARK")),
            ]);
            return [new(CatalogCodes.DeleteUnknownKey, path)];
        }),
        Broken("duplicate-uniqueid-conflicting-events", "MMM_Bookmark.dcat with two New frames for one UniqueId (the second should have been an Update).", (root, udf) =>
        {
            var path = $"Profiles/{udf}/MMM_Bookmark.dcat";
            Rewrite(root, path, CatalogKinds.CatalogContentType,
            [
                (New("NB04-BOOK-MARK"), Bookmark("NB04-BOOK-MARK")),
                (New("NB04-BOOK-MARK"), Bookmark("NB04-BOOK-MARK", "second")),
            ]);
            return [new(CatalogCodes.NewKeyLive, path)];
        }, result: "acceptable"),
        Broken("host-delete", "host.dare with a Delete of a connection: honoured by the draft's log semantics, silently ignored by the reference on reload.", (root, udf) =>
        {
            var path = "Profiles/host.dare";
            string deleted;
            using (var appender = StoreAppender.Open(Full(root, path), CatalogSettings(CatalogKinds.HostContentType)))
            {
                // The generator connects the first account by a pending request (frame 1) completed by an Update.
                var last = LastHostEntry(root);
                appender.Append([], new ContentMeta { UniqueId = last.Key, Event = CatalogEvents.Delete, First = 1, Previous = last.FrameIndex });
                deleted = last.Key;
            }
            // The deleted connection's device seed stays in Keys/: a seed for no device of this root.
            return [new(CatalogCodes.HostDeleteIgnoredByReference, path), new(KeyCoverageCodes.Orphan, $"Keys/{deleted}")];
        }, result: "acceptable"),
        Broken("torn-tail", "MMM_Bookmark.dcat cut 7 bytes short, as a writer killed in the middle of an append leaves it.", (root, udf) =>
        {
            var path = Full(root, $"Profiles/{udf}/MMM_Bookmark.dcat");
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write)) stream.SetLength(stream.Length - 7);
            // The frame walk stops at the cut frame (truncated) and the verifier names the bytes after the last whole frame (torn tail).
            return [new(FramingCodes.FrameTruncated, $"Profiles/{udf}/MMM_Bookmark.dcat"), new(ContainerCodes.TornTail, $"Profiles/{udf}/MMM_Bookmark.dcat")];
        }),
    ];

    /// <summary>A vector whose breakage violates a MUST (the default) or, with <paramref name="result"/> "acceptable",
    /// only a SHOULD (the findings are warnings: bindings L-9, C-1, C-2).</summary>
    private static VectorDefinition Broken(string id, string description, Func<string, string, List<ExpectedFinding>> breakIt, string result = "invalid") =>
        new(id, description, VectorCheckers.Profile, root =>
        {
            var profile = ProfileGenerator.Generate(root, Base);
            var findings = breakIt(root, profile.Accounts[0].Udf);
            return new BuiltVector(result, findings, new Dictionary<string, string>
            {
                ["base"] = $"generate-profile --seed {Base.Seed} --accounts 1 --devices 1 --entries 2 --plaintext",
            });
        });

    private static ContentMeta New(string key) => new() { UniqueId = key, Event = CatalogEvents.New };

    private static byte[] Bookmark(string uid, string title = "first") =>
        CatalogEntryWriter.Serialize("CatalogedBookmark", new JsonB.JsonBObject()
            .Add("Uid", new JsonB.JsonBString(uid)).Add("Uri", new JsonB.JsonBString("https://example.com/" + title)).Add("Title", new JsonB.JsonBString(title)));

    private static ContainerSettings CatalogSettings(string contentType) =>
        ContainerSettings.ReferenceCatalog(contentType) with { Clock = () => FakeEntries.Epoch };

    /// <summary>Replaces a store with one holding exactly these frames (a null payload writes an empty one).</summary>
    private static void Rewrite(string root, string relativePath, string contentType, IReadOnlyList<(ContentMeta Meta, byte[]? Payload)> frames)
    {
        File.Delete(Full(root, relativePath));
        using var appender = StoreAppender.Open(Full(root, relativePath), CatalogSettings(contentType));
        foreach (var (meta, payload) in frames) appender.Append(payload ?? [], meta);
    }

    private static Reading.HostEntry LastHostEntry(string root) => Reading.ProfileReader.Read(root, LayoutDialects.Reference).HostEntries[^1];

    private static void Rename(string root, string from, string to) => File.Move(Full(root, from), Full(root, to));

    private static string Full(string root, string relativePath) => Path.Combine(root, relativePath.Replace('/', Path.DirectorySeparatorChar));
}
