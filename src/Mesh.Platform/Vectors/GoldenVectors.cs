using MeshConformance.Core;
using MeshConformance.Dare.Model;
using MeshConformance.Dare.Verification;
using MeshConformance.Dare.Writing;
using MeshConformance.Platform.Generation;
using MeshConformance.Platform.Stores;

namespace MeshConformance.Platform.Vectors;

/// <summary>The positive vectors: small generated profiles of both dialects, containers of every type, and the reference's frame shapes.</summary>
public static class GoldenVectors
{
    public static IReadOnlyList<VectorDefinition> All { get; } =
    [
        Profile("reference-one-account", "Reference dialect, one account with two devices, every catalog and spool encrypted under per-store X448 keys kept in Keys/.",
            new GeneratorOptions { Seed = 1, Accounts = 1, Devices = 2, Entries = 4 }),
        Profile("reference-two-accounts-plaintext", "Reference dialect, two accounts, plaintext catalogs (readable to the entry level without keys).",
            new GeneratorOptions { Seed = 2, Accounts = 2, Devices = 1, Entries = 3, Encrypt = false }),
        Profile("draft06-one-account", "draft-06 dialect: host.dare, <account-udf>.dcat and Catalog*.dcat in the Mesh root, encrypted.",
            new GeneratorOptions { Seed = 3, Dialect = "draft-06", Accounts = 1, Devices = 2, Entries = 4 }),
        new("containers-all-types", "List, Digest, Chain, Tree and Merkle containers in the dare-08 and dare-12 vocabularies, plain and encrypted under one master key (parameter masterKeyHex).",
            VectorCheckers.Containers, root =>
            {
                ContainerSamples.Write(root, entries: 6, seed: 1);
                return BuiltVector.Valid(new Dictionary<string, string> { ["masterKeyHex"] = Hex.Encode(ContainerSamples.MasterKey(1)), ["entries"] = "6", ["seed"] = "1" });
            }),
        new("reference-frame-shapes", "The three frame layouts the reference writes: Sequence.Append (digests in the trailer), catalog (digests first in the header, {} trailer) and spool (no digests: a SHOULD-level finding per data frame).",
            VectorCheckers.Containers, FrameShapes),
    ];

    private static VectorDefinition Profile(string id, string description, GeneratorOptions options) =>
        new(id, description, VectorCheckers.Profile, root =>
        {
            ProfileGenerator.Generate(root, options);
            return BuiltVector.Valid(new Dictionary<string, string>
            {
                ["seed"] = options.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["dialect"] = options.Dialect,
                ["accounts"] = options.Accounts.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["devices"] = options.Devices.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["entries"] = options.Entries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["encrypted"] = options.Encrypt ? "true" : "false",
            });
        });

    private static BuiltVector FrameShapes(string root)
    {
        Directory.CreateDirectory(root);
        var time = new DateTime(2020, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        var expected = new List<ExpectedFinding>();
        foreach (var shape in Enum.GetValues<FrameShape>())
        {
            var name = $"{shape.ToString().ToLowerInvariant()}-shape.dcat";
            var settings = new ContainerSettings
            {
                Type = ContainerType.Merkle,
                Vocabulary = DareVocabulary.Dare12,
                ContentType = "application/mmm-catalog",
                Shape = shape,
                Clock = () => time = time.AddMinutes(1),
            };
            using (var appender = StoreAppender.Open(Path.Combine(root, name), settings))
            {
                for (var i = 1; i <= 4; i++)
                {
                    var id = $"NCXQ-SHAP-E{i}";
                    var payload = System.Text.Encoding.UTF8.GetBytes($"{{\n  \"RequestContact\": {{\n    \"MessageId\": \"{id}\"}}}}");
                    var meta = shape == FrameShape.Spool
                        ? new ContentMeta { UniqueId = id, MessageType = "RequestContact", ContentType = "application/mmm/object" }
                        : new ContentMeta { UniqueId = id, Event = "New" };
                    appender.Append(payload, meta, shape == FrameShape.Spool ? id : null);
                }
            }
            // The reference's spool frames carry no digests although the container is Merkle: a SHOULD-level deviation,
            // reported once per frame as the missing PayloadDigest (the TreeDigest cannot be computed without it).
            if (shape == FrameShape.Spool) expected.Add(new ExpectedFinding(ContainerCodes.PayloadDigestMissing, name));
        }
        return new BuiltVector("acceptable", expected, new Dictionary<string, string>());
    }
}
